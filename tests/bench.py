"""`make bench`: speed numbers (printed, never asserted) and the corpus round-trip counts."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from editor.core.post import Post
from tests.conftest import edge_posts, real_posts
from tests.helpers import hugo
from tests.helpers.editcheck import hunks, only_lines_of


def main() -> None:
    paths = real_posts() + edge_posts()
    identical = confined = 0
    load_ms, edit_ms = [], []
    edited: dict[str, bytes] = {}
    originals: dict[str, bytes] = {}
    for p in paths:
        data = p.read_bytes()
        t0 = time.perf_counter()
        post = Post.from_bytes(data, p)
        load_ms.append((time.perf_counter() - t0) * 1000)
        identical += post.to_bytes() == data
        if post.format is None or not post.metadata:
            continue
        key = post.key("title") or "title"
        unedited = Post.from_bytes(data, p)
        t0 = time.perf_counter()
        post.set(key, "Benchmark title")
        edit_ms.append((time.perf_counter() - t0) * 1000)
        ok = (
            only_lines_of(unedited, post.text, key)
            if unedited.key("title")
            else len(hunks(unedited.text, post.text)) == 1
        )
        confined += ok
        originals[str(p)] = data
        edited[str(p)] = post.to_bytes()
    print(f"files: {len(paths)}; no-op save byte-identical: {identical}/{len(paths)}")
    print(f"title edit touched only the title's lines: {confined}/{len(edited)}")
    print(f"load: median {statistics.median(load_ms):.2f} ms, max {max(load_ms):.1f} ms")
    print(f"one-field edit: median {statistics.median(edit_ms):.2f} ms, max {max(edit_ms):.1f} ms")
    before, after = hugo.read(originals), hugo.read(edited)
    both = set(before) & set(after)
    good = 0
    for name in both:
        b, a = before[name], after[name]
        rest_same = {k: v for k, v in a["params"].items() if k != "title"} == {
            k: v for k, v in b["params"].items() if k != "title"
        }
        good += a["title"] == "Benchmark title" and rest_same and a["content"] == b["content"]
    print(
        f"Hugo read the edit as intended: {good}/{len(both)} pages "
        f"({len(edited) - len(both)} share an output page with another post)"
    )


def generated_post(size: int) -> str:
    """A post of about `size` bytes of varied Markdown (headings, lists, links, code, tables)."""
    block = (
        "## Section {n}\n\nSome *emphasis*, **strong** text and a [link](https://example.com/{n}) "
        "with `code` in a paragraph long enough to wrap in the editor pane at a normal width.\n\n"
        '* first item\n* second item with {{{{< ref "other.md" >}}}}\n\n'
        "```go\nfunc main() {{ fmt.Println({n}) }}\n```\n\n| a | b |\n|---|---|\n| {n} | x |\n\n"
        "> A quote -- with a dash.[^{n}]\n\n[^{n}]: A footnote.\n\n"
    )
    parts, n = ['+++\ntitle = "Generated"\ndate = "2024-01-01T00:00:00-05:00"\n+++\n'], 0
    total = len(parts[0])
    while total < size:
        text = block.format(n=n)
        parts.append(text)
        total += len(text)
        n += 1
    return "".join(parts)


def launch_numbers() -> None:
    """Launch to a visible window on a real X server (Xvfb), as a user starts the app, for a
    2 KB and a 1 MB post: side by side with ReText and ghostwriter (ratios) through
    ../shared/tools/peer_bench.py when it is there, else ours alone the same way."""
    import os
    import shutil
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    from tests.conftest import ROOT, SAMPLE_SITE, SHARED

    if not (shutil.which("Xvfb") and shutil.which("xdotool")):
        print("launch to visible window: left out (needs Xvfb and xdotool: apt-get install xvfb xdotool)")
        return
    ours = str(Path(sys.executable).parent / "hugo-post-editor")
    harness = SHARED / "tools" / "peer_bench.py"
    seed = sorted((SHARED / "seed").glob("*.md")) if SHARED.is_dir() else []
    with tempfile.TemporaryDirectory() as tmp:
        small = seed[0] if seed else SAMPLE_SITE / "content" / "posts" / "testing-stream-processors.md"
        big = Path(tmp) / "big.md"
        big.write_text(generated_post(1_000_000), encoding="utf-8")
        for label, post in ((f"{small.stat().st_size // 1000} KB post", small), ("1 MB post", big)):
            print(f"launch to visible window, {label} (Xvfb, medians of 5 interleaved rounds):")
            if harness.is_file():
                command = [sys.executable, str(harness), "--ours", ours, "--post", str(post), "--rounds", "5"]
            else:
                command = [sys.executable, str(ROOT / "tests" / "launch_bench.py"), ours, str(post)]
            env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}  # on the X server
            out = subprocess.run(command, capture_output=True, text=True, env=env, timeout=900)
            print("".join(f"  {line}\n" for line in out.stdout.splitlines()) or out.stderr[-500:])


def window_numbers() -> None:
    """Cold start to the window shown, and typing latency in a 1 MB post."""
    import os
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    from tests.conftest import SAMPLE_SITE

    post = SAMPLE_SITE / "content" / "posts" / "testing-stream-processors.md"
    starts, previews = [], []
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, HUGO_POST_EDITOR_REPORT_SHOWN="1")
        for _ in range(5):
            t0 = time.perf_counter()
            proc = subprocess.Popen(
                [sys.executable, "-m", "editor", str(post), "--screenshot", str(Path(tmp) / "w.png")],
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
                env=env,
            )
            assert proc.stdout is not None
            painted = None
            for line in proc.stdout:
                if line.startswith("shown"):
                    painted = time.perf_counter() - t0
                    starts.append(painted)
                elif line.startswith("preview") and painted is not None:
                    previews.append(time.perf_counter() - t0 - painted)
                    break
            proc.wait(timeout=60)
    print(
        f"cold start to window shown: median {statistics.median(starts):.2f} s "
        f"(runs: {', '.join(f'{s:.2f}' for s in starts)})"
    )
    if previews:
        print(
            f"then the preview's first render on the page: median {statistics.median(previews):.2f} s later "
            f"(runs: {', '.join(f'{s:.2f}' for s in previews)})"
        )

    from PySide6.QtCore import QEvent, QSettings, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from editor.ui.body_sync import BODY_SYNC_MS
    from editor.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.md"
        path.write_text(generated_post(1_000_000), encoding="utf-8")
        window = MainWindow(QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))
        window.show()
        small = Path(tmp) / "100k.md"
        small.write_text(generated_post(100_000), encoding="utf-8")
        window.open_path(post)  # a running window: a post open, its preview shown (Chromium's
        _settle(app)  # start and the renderer's first use are not counted)
        for label, opened in (("100 KB", small), ("1 MB", path)):
            times = []
            for _ in range(3):
                window.open_path(post)
                _settle(app)
                t0 = time.perf_counter()
                window.open_path(opened)
                _until_painted(app, window.editor.viewport())
                times.append(time.perf_counter() - t0)
            runs = ", ".join(f"{t * 1000:.0f}" for t in times)
            print(
                f"open a {label} post in the running window, until the editor has painted its text: "
                f"median {statistics.median(times) * 1000:.0f} ms (runs: {runs})"
            )
        cursor = window.editor.textCursor()
        cursor.setPosition(len(window.editor.toPlainText()) // 2)
        window.editor.setTextCursor(cursor)
        window.editor.setFocus()
        # typing in the first seconds, while the rest loads (colouring slices, the preview's render
        # off the GUI thread)
        lat = []
        while time.perf_counter() - t0 < 3:
            t1 = time.perf_counter()
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(window.editor, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, "x"))
            app.processEvents()
            lat.append((time.perf_counter() - t1) * 1000)
        lat.sort()
        print(
            f"typing in the first 3 s after opening a 1 MB post, while the rest loads: "
            f"p50 {lat[len(lat) // 2]:.1f} ms, p95 {lat[int(len(lat) * 0.95)]:.1f} ms, "
            f"max {lat[-1]:.1f} ms ({len(lat)} keys)"
        )
        _wait(app, lambda: not window.preview.busy and window.editor.highlighter.done, 60)
        spell = window.spell
        _wait(app, lambda: spell.ready and window.editor.highlighter.done, 60)
        print(
            f"spell check of the 1 MB post's lines in sight and colouring of the rest done: "
            f"{time.perf_counter() - t0:.1f} s after the open"
        )
        for shown in ("", " with the outline shown"):
            if shown:
                window.resize(1400, 900)
                window.outline_panel.show()
                window.flush()
                app.processEvents()
            _settle(app)  # typing as it goes once nothing else runs (not while a post loads)
            # at the end of a paragraph of prose near the middle, not the line the first seconds'
            # keys went into (how long it grew depends on how fast those keys went)
            doc = window.editor.document()
            block = doc.findBlockByNumber(doc.blockCount() // 2 + (200 if shown else 100))
            while not block.text().startswith("Some "):
                block = block.next()
            cursor = window.editor.textCursor()
            cursor.setPosition(block.position() + block.length() - 1)
            window.editor.setTextCursor(cursor)
            lat = []
            for ch in "the quick brown fox jumps over the lazy dog " * 5:
                t0 = time.perf_counter()
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(
                        window.editor, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch)
                    )
                app.processEvents()
                lat.append((time.perf_counter() - t0) * 1000)
            lat.sort()
            print(
                f"typing in the middle of a 1 MB post{shown}: p50 {lat[len(lat) // 2]:.1f} ms, "
                f"p95 {lat[int(len(lat) * 0.95)]:.1f} ms, max {lat[-1]:.1f} ms ({len(lat)} keys)"
            )
        outline = window.outline
        for label, ch in (("a word typed", "x"), ("a line added above every heading", "\r")):
            cursor = window.editor.textCursor()
            cursor.setPosition(0)
            cursor.movePosition(cursor.MoveOperation.Down, n=5)
            window.editor.setTextCursor(cursor)
            QApplication.sendEvent(
                window.editor, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch)
            )
            window.flush()
            _wait(app, lambda: not window.preview.busy)
            t0 = time.perf_counter()
            outline.refresh()
            print(
                f"outline of {len(outline.headings)} headings brought up to date after {label}: "
                f"{(time.perf_counter() - t0) * 1000:.1f} ms"
            )
        t0 = time.perf_counter()
        window.flush()
        print(
            f"model and word count catch up after a pause in typing: "
            f"{(time.perf_counter() - t0) * 1000:.0f} ms (once, {BODY_SYNC_MS} ms after the last key)"
        )
        window.document.post = None
        window.close()
        _delete(window)


def preview_numbers() -> None:
    """Preview: full render, keystroke to DOM updated, the longest the GUI thread is blocked; and
    the same post through a full render + setHtml per keystroke (how ReText-style previews work)."""
    from PySide6.QtWidgets import QApplication

    from editor.core.rendering.live import LiveRender

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    for size in (10_000, 100_000, 1_000_000):
        body = Post.from_text(generated_post(size)).body
        runs = []
        for _ in range(1 if size >= 1_000_000 else 3):
            t0 = time.perf_counter()
            LiveRender().reset(body)
            runs.append(time.perf_counter() - t0)
        label = f"{size // 1000} KB"
        print(f"preview {label}: full render {min(runs) * 1000:.0f} ms")
        _typing_in_the_window(app, label, generated_post(size))
        _full_render_and_set_html(app, label, body)


def _wait(app: Any, condition: Any, timeout: float = 30.0) -> None:
    end = time.perf_counter() + timeout
    while not condition() and time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.0005)


def _until_painted(app: Any, widget: Any, timeout: float = 5.0) -> None:
    """Until `widget` has painted (the event loop running meanwhile)."""
    from PySide6.QtCore import QEvent, QObject

    painted: list[bool] = []

    class Watch(QObject):
        def eventFilter(self, _obj: Any, event: Any) -> bool:  # Qt override
            if event.type() == QEvent.Type.Paint:
                painted.append(True)
            return False

    watch = Watch()
    widget.installEventFilter(watch)
    _wait(app, lambda: bool(painted), timeout)
    widget.removeEventFilter(watch)


def _settle(app: Any, window: float = 0.5, timeout: float = 30.0) -> None:
    """Until the process (every thread of it) has used under a fifth of a CPU for `window`
    seconds: what a post's opening set going (renders, counts, look-ups) is over."""
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        cpu, until = time.process_time(), time.perf_counter() + window
        _wait(app, lambda until=until: time.perf_counter() > until)
        if time.process_time() - cpu < window / 5:
            return


def _typing_in_the_window(app: Any, label: str, text: str) -> None:
    import tempfile
    from pathlib import Path

    from PySide6.QtCore import QEvent, QSettings, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from editor.ui.main_window import MainWindow

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "post.md"
        path.write_text(text, encoding="utf-8")
        window = MainWindow(QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))
        window.resize(1400, 900)
        window.show()
        t0 = time.perf_counter()
        window.open_path(path)
        opened = time.perf_counter() - t0
        _wait(app, lambda: window.preview.shown and not window.preview.busy)
        print(
            f"preview {label}: open to the preview shown and its render done "
            f"{(time.perf_counter() - t0) * 1000:.0f} ms "
            f"(the window was blocked {opened * 1000:.0f} ms of it)"
        )
        lines = window.editor.raw_text().split("\n")
        middle = next(n for n in range(len(lines) // 2, len(lines)) if lines[n].startswith("Some *em"))
        cursor = window.editor.textCursor()
        cursor.setPosition(window.editor.document().findBlockByNumber(middle).position() + 10)
        window.editor.setTextCursor(cursor)
        t0 = time.perf_counter()
        _wait(app, lambda: not window.preview.busy)  # a long post: the part now in view renders
        print(f"preview {label}: the middle in view, rendered in {(time.perf_counter() - t0) * 1000:.0f} ms")
        flushes: list[float] = []
        feed_flush = window.feed.flush

        def timed_flush() -> None:
            t = time.perf_counter()
            feed_flush()
            flushes.append(time.perf_counter() - t)

        window.feed._timer.timeout.disconnect()
        window.feed._timer.timeout.connect(timed_flush)
        done: list[float] = []
        window.preview.updated.connect(lambda _s: done.append(time.perf_counter()))
        latency, keys = [], []
        for ch in "the quick brown fox jumps over the lazy dog " * 2:
            done.clear()
            t0 = time.perf_counter()
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch)
                QApplication.sendEvent(window.editor, event)
            keys.append(time.perf_counter() - t0)
            _wait(app, lambda: bool(done), 10)
            latency.append((done[0] if done else time.perf_counter()) - t0)
        ok = "the quick brown fox" in window.preview.live.html
        latency.sort()
        flushes.sort()
        blocked = max(max(keys), max(flushes))
        print(
            f"preview {label}: keystroke -> DOM updated p50 {_ms(latency, 0.5)} ms, "
            f"p95 {_ms(latency, 0.95)} ms ({len(latency)} keys in a paragraph mid-post); "
            f"GUI thread blocked at most {blocked * 1000:.1f} ms per keystroke (key handling "
            f"max {max(keys) * 1000:.1f} ms, render and send p95 {_ms(flushes, 0.95)} ms, "
            f"max {max(flushes) * 1000:.1f} ms)" + ("" if ok else " [TEXT MISSING]")
        )
        window.document.post = None
        window.close()
        _delete(window)


def _full_render_and_set_html(app: Any, label: str, body: str) -> None:
    """A ReText-style preview: render everything and setHtml on every keystroke."""
    from PySide6.QtCore import QUrl
    from PySide6.QtWebEngineWidgets import QWebEngineView

    from editor.core.rendering.live import render

    view = QWebEngineView()
    view.resize(700, 900)
    view.show()
    loaded: list[bool] = []
    view.loadFinished.connect(loaded.append)
    costs = []
    text = body
    for _ in range(5):
        text = text[: len(text) // 2] + "x" + text[len(text) // 2 :]
        loaded.clear()
        t0 = time.perf_counter()
        view.setHtml("<html><body>" + render(text) + "</body></html>", QUrl("file:///"))
        _wait(app, lambda: bool(loaded), 30)
        costs.append(time.perf_counter() - t0)
        if loaded and not loaded[0]:
            break
    state = "" if loaded and loaded[0] else " (setHtml failed: page not updated)"
    print(
        f"preview {label}: full render + setHtml per keystroke median "
        f"{statistics.median(costs) * 1000:.0f} ms{state}; scroll position reset to the top each time"
    )
    view.close()
    _delete(view)


def make_site(root: Path, posts: int) -> Path:
    """A generated site: TOML and YAML front matter, single files and page bundles, sections."""
    (root / "content").mkdir(parents=True)
    (root / "hugo.toml").write_text('title = "Bench"\ntimeZone = "Europe/Lisbon"\n', encoding="utf-8")
    body = "Some text for the body.\n\n" * 40
    for n in range(posts):
        section = ("posts", "notes", "talks")[n % 3]
        folder = root / "content" / section / f"{n // 500:02d}"
        if n % 4 == 0:
            folder = folder / f"post-{n}"
            name = "index.md"
        else:
            name = f"post-{n}.md"
        folder.mkdir(parents=True, exist_ok=True)
        if n % 2:
            day = f"2024-{n % 12 + 1:02d}-{n % 28 + 1:02d}"
            head = (
                f'+++\ntitle = "Post number {n}"\ndate = {day}T10:00:00Z\n'
                f'draft = {"true" if n % 10 == 0 else "false"}\ntags = ["tag{n % 40}", "Go"]\n+++\n'
            )
        else:
            head = (
                f'---\ntitle: "Post number {n}"\ndate: 2024-{n % 12 + 1:02d}-{n % 28 + 1:02d}\n'
                f"draft: {'true' if n % 10 == 0 else 'false'}\ntags: [tag{n % 40}, go]\n"
                "description: >\n  A longer description that folds\n  over lines.\n---\n"
            )
        (folder / name).write_text(head + body, encoding="utf-8")
    return root


def site_numbers(posts: int = 10_000) -> None:
    from editor.core.site.listing import SiteIndex

    with tempfile.TemporaryDirectory() as tmp:
        root = make_site(Path(tmp) / "site", posts)
        cache = Path(tmp) / "cache"
        subprocess.run(["sync"], check=False)
        cold, warm, restart = [], [], []
        for _ in range(5):
            shutil.rmtree(cache, ignore_errors=True)
            t0 = time.perf_counter()
            index = SiteIndex(root, cache)
            first = None
            for batch in index.scan():
                first = first or time.perf_counter() - t0
                del batch
            cold.append((time.perf_counter() - t0, first or 0.0))
            index.save_cache()
            t0 = time.perf_counter()
            for _batch in index.scan():
                pass
            warm.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            again = SiteIndex(root, cache)  # a new run of the app: the cache from disk
            for _batch in again.scan():
                pass
            restart.append(time.perf_counter() - t0)
        assert len(index.posts) == posts
        print(
            f"site listing, {posts} posts (files in the page cache): first read "
            f"{', '.join(f'{c:.2f}' for c, _ in cold)} s (first 500 shown after "
            f"{min(f for _, f in cold) * 1000:.0f} ms); again (changes only) "
            f"{min(warm):.2f}-{max(warm):.2f} s; next start with the disk cache "
            f"{min(restart):.2f}-{max(restart):.2f} s"
        )
        _git_status_numbers(root)
        _find_in_site_numbers(root)


def _find_in_site_numbers(root: Path) -> None:
    """Find in Site on the 10,000-post site: the first search (every file read) and later ones."""
    from editor.core.site.search import SiteText, pattern

    text = SiteText(root)
    t0 = time.perf_counter()
    text.search(pattern("number 9999"))
    first = time.perf_counter() - t0
    later = []
    for needle, regex in (("body", False), ("zzz-nowhere", False), (r"tag3\d\b", True)):
        t0 = time.perf_counter()
        text.search(pattern(needle, regex))
        later.append(time.perf_counter() - t0)
    print(
        f"Find in Site, {text.files()} posts: first search {first * 1000:.0f} ms (every file read); "
        f"then {', '.join(f'{t * 1000:.0f}' for t in later)} ms (a common word, none, a regular expression)"
    )


def _git_status_numbers(root: Path) -> None:
    """git status of the 10,000-post site as Publish reads it (a repository made here)."""
    from editor.core.files import git

    if shutil.which("git") is None:
        print("git status: left out (no git)")
        return
    quiet = {"capture_output": True, "check": True, "cwd": root}
    subprocess.run(["git", "init", "-q"], **quiet)  # type: ignore[call-overload]
    subprocess.run(["git", "add", "."], **quiet)  # type: ignore[call-overload]
    who = ["-c", "user.name=Bench", "-c", "user.email=b@example.org"]
    subprocess.run(["git", *who, "commit", "-q", "-m", "site"], **quiet)  # type: ignore[call-overload]
    edited = next((root / "content").rglob("*.md"))
    edited.write_text(edited.read_text() + "\nEdited.\n")
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        changed = git.status(root)
        times.append(time.perf_counter() - t0)
    assert list(changed) == [edited.resolve()]
    median = statistics.median(times) * 1000
    print(f"git status of the 10,000-post site (one post edited): median {median:.0f} ms")


def browser_numbers(posts: int = 10_000) -> None:
    """The window's post browser on a generated site: first rows, whole list, GUI stalls."""
    import os

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from editor.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["HUGO_POST_EDITOR_DATA"] = str(Path(tmp) / "data")  # no cache from before
        root = make_site(Path(tmp) / "site", posts)
        window = MainWindow(QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))
        window.show()
        marks: dict[str, float] = {}
        gaps: list[float] = []
        last = [time.perf_counter()]
        t0: float = time.perf_counter()  # set again as the listing starts

        def tick() -> None:
            now = time.perf_counter()
            gaps.append(now - last[0])
            last[0] = now

        def reset() -> None:
            if window.browser.model.rowCount():
                marks.setdefault("first", time.perf_counter() - t0)

        timer = QTimer()
        timer.timeout.connect(tick)
        timer.start(5)
        window.browser.model.modelReset.connect(reset)
        window.browser.listed.connect(
            lambda: (marks.setdefault("all", time.perf_counter() - t0), QTimer.singleShot(300, app.quit))
        )
        t0 = time.perf_counter()
        window.open_path(root)
        app.exec()
        timer.stop()
        print(
            f"post browser, {posts} posts: first rows shown after {marks['first'] * 1000:.0f} ms, "
            f"all listed after {marks['all']:.2f} s (then the newest post opens); longest stall "
            f"{max(gaps) * 1000:.0f} ms"
        )
        window.document.post = None
        window.close()
        _delete(window)


def bad_input_numbers() -> None:
    """The bad-input matrix (tests/core/test_bad_input.py), each case timed: `show` and `check`
    as separate processes (the target: under 5 s), and the window opening it (the target: no
    stall of the event loop over ~100 ms; measured by a 10 ms timer's gaps)."""
    import sys

    from PySide6.QtCore import QSettings, QTimer

    from editor.app import _application
    from editor.ui.main_window import MainWindow
    from tests.core.test_bad_input import CASES

    app = _application()  # as the app runs: its thread switch interval too
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, (case, make, _opens) in enumerate(CASES):
            folder = Path(tmp) / f"case{n}"
            folder.mkdir()
            path = make(folder)
            cli = []
            for command in ("show", "check"):
                t0 = time.perf_counter()
                subprocess.run(
                    [sys.executable, "-m", "editor", command, str(path)],
                    capture_output=True,
                    timeout=120,
                    stdin=subprocess.DEVNULL,
                )
                cli.append(time.perf_counter() - t0)
            settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
            window = MainWindow(settings)
            window.prompter.warn = lambda *_a: None  # type: ignore[method-assign]
            window.show()
            app.processEvents()
            gaps: list[float] = []
            last = [time.perf_counter()]

            def tick(gaps: list[float] = gaps, last: list[float] = last) -> None:
                now = time.perf_counter()
                gaps.append(now - last[0])
                last[0] = now

            timer = QTimer()
            timer.timeout.connect(tick)
            timer.start(10)
            QTimer.singleShot(20, lambda w=window, p=path: w.open_path(p))
            end = time.perf_counter() + 4
            while time.perf_counter() < end:
                app.processEvents()
                time.sleep(0.002)
            timer.stop()
            window.document.post = None
            window.close()
            _delete(window)
            rows.append((case, max(cli), max(gaps) if gaps else 0.0))
    print(f"bad-input matrix: {len(rows)} cases")
    for case, cli_s, stall in rows:
        print(f"  {case:32} show/check {cli_s:5.2f} s   window's longest stall {stall * 1000:6.0f} ms")
    worst_cli = max(rows, key=lambda r: r[1])
    worst_stall = max(rows, key=lambda r: r[2])
    print(
        f"slowest on the command line: {worst_cli[1]:.2f} s ({worst_cli[0]}); "
        f"longest window stall: {worst_stall[2] * 1000:.0f} ms ({worst_stall[0]})"
    )


def _delete(widget: Any) -> None:
    """Really delete a window before the application goes (HEADLESS.md: a crash at exit else)."""
    from PySide6.QtCore import QCoreApplication, QEvent

    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _ms(values: list[float], q: float) -> str:
    return f"{values[min(len(values) - 1, int(len(values) * q))] * 1000:.1f}"


if __name__ == "__main__":
    import os
    import sys

    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    if "--preview" in sys.argv:
        preview_numbers()
    elif "--bad-input" in sys.argv:
        bad_input_numbers()
    elif "--window" in sys.argv:
        window_numbers()
    elif "--launch" in sys.argv:
        launch_numbers()
    elif "--site" in sys.argv:
        site_numbers()
        browser_numbers()
    else:
        site_numbers()
        browser_numbers()
        main()
        launch_numbers()
        window_numbers()
        preview_numbers()
        bad_input_numbers()
