"""The site in the window: browser, watcher, New Post, Check Site, images, the theme preview."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QAction, QColor, QGuiApplication, QImage
from PySide6.QtTest import QTest

from editor.ui.main_window import MainWindow
from tests.helpers.qt import Page
from tests.helpers.sites import ARCHETYPES, write

SITE = {
    "hugo.toml": 'baseURL = "https://example.org/"\ntitle = "Browse"\ntimeZone = "UTC"\n'
    "[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n",
    "content/posts/alpha.md": '+++\ntitle = "Alpha"\ndate = 2024-01-01\ntags = ["Go"]\n+++\nA.\n',
    "content/posts/beta.md": '+++\ntitle = "Beta draft"\ndate = 2024-02-01\ndraft = true\n+++\nB.\n',
    "content/posts/beta.fr.md": '+++\ntitle = "Bêta"\ndate = 2024-02-01\n+++\nB.\n',
    "content/notes/gamma/index.md": "---\ntitle: Gamma\ndate: 2099-01-01\ntags: [go, rust]\n---\nG.\n",
    "content/notes/delta.md": "---\ntitle: Delta\ndate: 2023-05-05\n---\nD.\n",
}


def _listed(qtbot: Any, window: MainWindow) -> None:
    qtbot.waitUntil(
        lambda: (
            window.browser.index is not None
            and not window.browser.scanning
            and bool(window.browser.model.all)
        ),
        timeout=10000,
    )


def _titles(window: MainWindow) -> list[str]:
    return [info.title for info in window.browser.model.rows]


def test_browse_search_filter_sort_and_open(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: Any
) -> None:
    root = write(tmp_path / "site", SITE)
    window.open_path(root)
    _listed(qtbot, window)
    b = window.browser
    assert _titles(window) == ["Gamma", "Bêta", "Beta draft", "Alpha", "Delta"]  # newest first
    model = b.model
    assert model.index(0, 0).data() == "Scheduled · Gamma"
    assert model.index(2, 0).data() == "Draft · Beta draft"
    assert model.index(2, 0).data(Qt.ItemDataRole.FontRole).italic()
    assert not b.table.isColumnHidden(3)  # two languages: the language column shows
    QTest.keyClicks(b.search, "go")  # tags count
    assert _titles(window) == ["Gamma", "Alpha"]
    b.search.clear()
    b.drafts.setChecked(False)
    b.future.setChecked(False)
    assert _titles(window) == ["Bêta", "Alpha", "Delta"]
    b.section.setCurrentIndex(b.section.findData("notes"))
    assert _titles(window) == ["Delta"]
    b.section.setCurrentIndex(0)
    b.language.setCurrentIndex(b.language.findData("fr"))
    assert _titles(window) == ["Bêta"]
    b.language.setCurrentIndex(0)
    b.sort.setCurrentIndex(b.sort.findData("title"))
    assert _titles(window) == ["Alpha", "Bêta", "Delta"]
    assert b.state.text() == "3 of 5 posts"
    # Enter opens the selected post; the list marks the open post
    b.table.setFocus()
    b.table.selectRow(1)
    b.table.setCurrentIndex(model.index(1, 0))
    QTest.keyClick(b.table, Qt.Key.Key_Return)
    assert window.document.post is not None and window.document.post.path == root / "content/posts/beta.fr.md"
    assert window.form.title.text() == "Bêta"
    # a double-click too
    rect = b.table.visualRect(model.index(2, 0))
    QTest.mouseClick(b.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(b.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.document.post.path == root / "content/notes/delta.md"
    assert b.table.selectionModel().selectedRows()[0].row() == 2
    # a post opened by a relative path is marked all the same
    monkeypatch.chdir(root)
    window.open_path(Path("content/posts/alpha.md"))
    assert not b.scanning  # the same site: not listed again
    assert b.table.selectionModel().selectedRows()[0].data() == "Alpha"
    # the tag completion comes from the listing, most used first
    offered = window.form.tags.completer.model().stringList()  # type: ignore[attr-defined]
    assert [t.lower() for t in offered] == ["go", "rust"]  # "Go" and "go" are one term


def test_list_pages_are_counted_apart_and_a_search_ends_with_its_site(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    one, other = tmp_path / "one", tmp_path / "other"
    write(
        one,
        {**SITE, "content/_index.md": "+++\ntitle = 'Home'\n+++\n", "content/notes/_index.md": "+++\n+++\n"},
    )
    write(other, SITE)
    window.open_path(one)
    _listed(qtbot, window)
    b = window.browser
    assert b.state.text() == "5 posts, 2 sections"
    QTest.keyClicks(b.search, "alpha")
    assert b.state.text() == "1 of 5 posts, 0 sections"
    window.open_path(other)
    _listed(qtbot, window)
    assert b.search.text() == "" and b.state.text() == "5 posts"


def test_files_changed_outside_update_the_list(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    root = write(tmp_path / "site", SITE)
    window.open_path(root)
    _listed(qtbot, window)
    new = root / "content" / "posts" / "epsilon.md"
    tmp = new.with_suffix(".tmp")  # written the way editors save: a temp file renamed into place
    tmp.write_text('+++\ntitle = "Epsilon"\ndate = 2024-03-01\n+++\n', encoding="utf-8")
    os.replace(tmp, new)
    qtbot.waitUntil(lambda: "Epsilon" in _titles(window), timeout=10000)
    (root / "content" / "notes" / "delta.md").unlink()
    qtbot.waitUntil(lambda: "Delta" not in _titles(window), timeout=10000)
    alpha = root / "content" / "posts" / "alpha.md"
    tmp.write_text('+++\ntitle = "Alpha, retitled"\ndate = 2024-01-01\n+++\n', encoding="utf-8")
    os.replace(tmp, alpha)
    qtbot.waitUntil(lambda: "Alpha, retitled" in _titles(window), timeout=10000)
    (root / "content" / "new-section").mkdir()  # a new folder is watched too
    qtbot.waitUntil(lambda: not window.browser.scanning, timeout=10000)
    qtbot.waitUntil(
        lambda: str(root / "content" / "new-section") in window.browser.watcher.directories(), timeout=10000
    )
    (root / "content" / "new-section" / "zeta.md").write_text("---\ntitle: Zeta\n---\n", encoding="utf-8")
    qtbot.waitUntil(lambda: "Zeta" in _titles(window), timeout=10000)


def test_new_post_from_the_archetype(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    root = write(tmp_path / "site", {**ARCHETYPES, "content/posts/old.md": '+++\ntitle = "Old"\n+++\n'})
    window.open_path(root)
    _listed(qtbot, window)
    window.actions_by_id["new"].trigger()
    dialog = window.new_post_dialog
    QTest.keyClicks(dialog.title, "Hello, Archetypes!")
    assert dialog.slug.text() == "hello-archetypes"
    assert dialog.where.text() == "content/posts/hello-archetypes.md"
    assert "Archetype: archetypes/default.md" in dialog.how.text() and "hugo new content" in dialog.how.text()
    dialog.accept()
    path = root / "content" / "posts" / "hello-archetypes.md"
    assert path.is_file() and window.document.post is not None and window.document.post.path == path
    assert window.form.title.text() == "Hello, Archetypes!" and window.form.draft.isChecked()
    assert 'tags = ["new"]' in path.read_text(encoding="utf-8")  # the archetype's template ran
    qtbot.waitUntil(lambda: "Hello, Archetypes!" in _titles(window), timeout=10000)


def test_one_new_post_command_and_a_bundle_where_the_section_has_bundles(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    root = write(
        tmp_path / "site",
        {
            **ARCHETYPES,
            "content/posts/old.md": '+++\ntitle = "Old"\n+++\n',
            "content/trips/lisbon/index.md": '+++\ntitle = "Lisbon"\n+++\n',
            "content/trips/porto/index.md": '+++\ntitle = "Porto"\n+++\n',
            "content/trips/short.md": '+++\ntitle = "Short"\n+++\n',
        },
    )
    texts = [a.text() for a in window.findChildren(QAction)]
    assert len([t for t in texts if "New Post" in t]) == 1  # one command: it knows the open site
    window.open_path(root)
    _listed(qtbot, window)
    window.actions_by_id["new"].trigger()
    dialog = window.new_post_dialog
    assert dialog.section.currentText() == "posts" and not dialog.bundle.isChecked()
    dialog.section.setCurrentText("trips")
    assert dialog.bundle.isChecked()  # two of the three trips are bundles
    dialog.bundle.click()  # the author's choice stays
    dialog.section.setCurrentText("posts")
    dialog.section.setCurrentText("trips")
    assert not dialog.bundle.isChecked()
    dialog.reject()
    window.preferences.set("default_section", "trips")  # Preferences → New posts go in
    window.actions_by_id["new"].trigger()
    again = window.new_post_dialog
    assert again.section.currentText() == "trips" and again.bundle.isChecked()
    again.reject()


def test_new_post_in_another_language(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    from tests.helpers.sites import MULTILINGUAL

    root = write(tmp_path / "site", {k: v for k, v in MULTILINGUAL.items() if "broken" not in k})
    window.open_path(root)
    _listed(qtbot, window)
    window.site.new_post()
    dialog = window.new_post_dialog
    dialog.title.setText("Olá mundo")
    assert dialog.where.text() == "content/en/posts/ola-mundo.md"
    dialog.language.setCurrentIndex(dialog.language.findData("pt"))
    assert dialog.where.text() == "content/pt/posts/ola-mundo.md"
    dialog.accept()
    assert window.document.post is not None
    assert window.document.post.path == root / "content" / "pt" / "posts" / "ola-mundo.md"
    qtbot.waitUntil(
        lambda: any(i.title == "Olá mundo" and i.language == "pt" for i in window.browser.model.all),
        timeout=10000,
    )


def test_a_malformed_archetype_is_refused_in_the_dialog(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    root = write(
        tmp_path / "site",
        {
            "hugo.toml": "",
            "content/posts/a.md": "+++\ntitle = 'A'\n+++\n",
            "archetypes/default.md": '+++\n+++\ntitle = "{{ .Name }}"\n',
        },
    )
    window.open_path(root)
    _listed(qtbot, window)
    window.site.new_post()
    dialog = window.new_post_dialog
    QTest.keyClicks(dialog.title, "Broken")
    dialog.accept()
    assert dialog.isVisible()
    assert "default.md:2: the front-matter block (+++ … +++) is empty" in dialog.error.text()
    assert not (root / "content" / "posts" / "broken.md").exists()
    dialog.reject()


def test_check_site_lists_problems_and_opens_the_line(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    root = write(
        tmp_path / "site",
        {
            "hugo.toml": 'baseURL = "https://example.org/"\n',
            "content/posts/refs.md": "---\ntitle: Refs\n---\n\nFirst line.\n\n"
            'See [this]({{< ref "missing.md" >}}).\n',
        },
    )
    window.open_path(root)
    _listed(qtbot, window)
    window.actions_by_id["check_site"].trigger()
    qtbot.waitUntil(lambda: not window.problems.running, timeout=60000)
    assert window.problems_panel.isVisible()
    assert window.problems.state.text() == "1 error, 0 warnings"
    item = window.problems.list.item(0)
    assert item.text().startswith("content/posts/refs.md:7: ") and "missing.md" in item.text()
    assert not item.icon().isNull()
    window.problems.list.itemActivated.emit(item)
    assert window.document.post is not None and window.document.post.path == root / "content/posts/refs.md"
    assert window.editor.textCursor().blockNumber() == 3  # body line 4 = file line 7
    assert window.editor.textCursor().block().text().startswith("See [this]")


def test_an_image_pasted_goes_into_the_bundle_and_shows(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    root = write(
        tmp_path / "site",
        {
            "hugo.toml": 'baseURL = "https://example.org/"\n',
            "content/posts/trip/index.md": "---\ntitle: Trip\n---\nPhotos:\n\n",
        },
    )
    post = root / "content" / "posts" / "trip" / "index.md"
    window.open_path(post)
    page = Page(qtbot, window)
    image = QImage(24, 16, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    QGuiApplication.clipboard().setImage(image)
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    window.editor.paste()
    assert (post.parent / "pasted-image.png").is_file()
    assert QImage(str(post.parent / "pasted-image.png")).size().width() == 24
    assert window.body_text() == "Photos:\n\n![pasted image](pasted-image.png)"
    page.wait("document.images.length == 1 && document.images[0].naturalWidth == 24", timeout=10000)
    # a file dropped from the file manager: a single-file post's image goes to static/images
    single = root / "content" / "posts" / "note.md"
    single.write_text("---\ntitle: Note\n---\n", encoding="utf-8")
    window.open_path(single)
    source = tmp_path / "Screen Shot.png"
    image.save(str(source))
    drop = QMimeData()
    from PySide6.QtCore import QUrl

    drop.setUrls([QUrl.fromLocalFile(str(source))])
    assert window.editor.canInsertFromMimeData(drop)
    window.editor.insertFromMimeData(drop)
    assert (root / "static" / "images" / "Screen-Shot.png").read_bytes() == source.read_bytes()
    assert window.body_text() == "![Screen Shot](/images/Screen-Shot.png)"


THEMED = {
    "hugo.toml": 'baseURL = "https://example.org/"\ntitle = "Themed"\n',
    "layouts/_default/single.html": '<html><body><h1 id="t">{{ .Title }}</h1>{{ .Content }}</body></html>',
    "layouts/_default/list.html": "<html><body><h1>{{ .Title }}</h1></body></html>",
    "layouts/index.html": "<html><body><h1>Home</h1></body></html>",
    "content/posts/first.md": '+++\ntitle = "First"\ndraft = true\n+++\nHello from the theme.\n',
}


def test_theme_preview_runs_hugo_server_and_stops_it(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write(tmp_path / "site", THEMED)
    post = root / "content" / "posts" / "first.md"
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    window.open_path(post)
    window.actions_by_id["theme_preview"].trigger()
    theme = window.theme
    qtbot.waitUntil(lambda: bool(theme.base), timeout=30000)
    assert theme.base.startswith("http://127.0.0.1:")
    pid = theme.pid()
    assert pid > 0

    def h1() -> str:
        box: list[str] = []
        theme.view.page().runJavaScript(
            "JSON.stringify(document.getElementById('t') && document.getElementById('t').textContent)",
            0,
            box.append,
        )
        qtbot.waitUntil(lambda: bool(box), timeout=5000)
        return str(json.loads(box[0]) or "")

    qtbot.waitUntil(lambda: h1() == "First", timeout=20000)  # a draft, served all the same
    assert theme.view.url().toString() == theme.base + "/posts/first/"
    # fetch it over 127.0.0.1 ourselves too
    import urllib.request

    with urllib.request.urlopen(theme.base + "/posts/first/", timeout=10) as answer:
        assert "Hello from the theme." in answer.read().decode()
    window.form.title.selectAll()
    QTest.keyClicks(window.form.title, "First, edited")
    assert window.save()
    qtbot.waitUntil(lambda: h1() == "First, edited", timeout=20000)  # reloaded after Hugo's rebuild
    # a script or link going elsewhere opens the browser; the tab stays on the local server
    opened: list[str] = []
    monkeypatch.setattr(
        "editor.ui.web_page.QDesktopServices.openUrl", lambda url: opened.append(url.toString())
    )
    theme.view.page().runJavaScript("location.href = 'https://example.org/elsewhere'", 0)
    qtbot.waitUntil(lambda: opened == ["https://example.org/elsewhere"], timeout=5000)
    assert theme.view.url().toString() == theme.base + "/posts/first/"
    # Hugo's errors show in the tab
    post.write_text('+++\ntitle = "First"\n+++\n{{< nosuchshortcode >}}\n', encoding="utf-8")
    qtbot.waitUntil(lambda: any("nosuchshortcode" in e for e in theme.errors), timeout=20000)
    assert theme.log.isVisible() and "nosuchshortcode" in theme.log.toPlainText()
    window.document.post = None
    window.close()
    assert theme.process is None
    try:
        os.kill(pid, 0)
        alive = True
    except ProcessLookupError:
        alive = False
    assert not alive  # no orphan hugo server
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before  # no lock, nothing generated


DRIVER = """
import sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from editor.ui.theme_preview import ThemePreview
theme = ThemePreview()
theme.start(Path(sys.argv[1]), "/")
while not theme.base:
    app.processEvents()
    time.sleep(0.02)
print(theme.pid(), flush=True)
while True:
    app.processEvents()
    time.sleep(0.05)
"""


def test_no_hugo_server_outlives_a_killed_app(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    from tests.conftest import ROOT

    root = write(tmp_path / "site", THEMED)
    app = subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(root)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert app.stdout is not None
        pid = int(app.stdout.readline())
        os.kill(pid, 0)  # the server runs
    finally:
        app.send_signal(signal.SIGKILL)  # no chance to clean up
        app.wait(30)
        if app.stdout is not None:
            app.stdout.close()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        os.kill(pid, signal.SIGKILL)
        raise AssertionError("hugo server outlived the app")


def test_a_site_opened_while_another_is_being_listed(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    from tests.bench import make_site

    big = make_site(tmp_path / "big", 2000)
    small = write(tmp_path / "small", SITE)
    window.open_path(big)
    assert window.browser.scanning
    window.open_path(small)  # before the big one is listed
    qtbot.waitUntil(lambda: not window.browser.scanning and len(window.browser.model.all) == 5, timeout=20000)
    qtbot.wait(300)  # the big site's listing ends meanwhile and changes nothing
    assert sorted(_titles(window)) == ["Alpha", "Beta draft", "Bêta", "Delta", "Gamma"]


def test_a_theme_submodule_not_checked_out_is_explained_and_checked_out_on_request(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    import subprocess

    def git(*args: str, cwd: Path) -> None:
        subprocess.run(
            ["git", "-c", "protocol.file.allow=always", "-c", "user.name=T", "-c", "user.email=t@x", *args],
            cwd=cwd,
            check=True,
            capture_output=True,
        )

    theme_repo = write(tmp_path / "theme-src", {k: v for k, v in THEMED.items() if k.startswith("layouts/")})
    git("init", "-q", cwd=theme_repo)
    git("add", ".", cwd=theme_repo)
    git("commit", "-q", "-m", "theme", cwd=theme_repo)
    root = write(
        tmp_path / "site",
        {
            "hugo.toml": 'baseURL = "https://example.org/"\ntitle = "T"\ntheme = "plain"\n',
            "content/posts/first.md": THEMED["content/posts/first.md"],
        },
    )
    git("init", "-q", cwd=root)
    git("submodule", "add", "-q", str(theme_repo), "themes/plain", cwd=root)
    git("commit", "-q", "-am", "site", cwd=root)
    git("submodule", "deinit", "-q", "-f", "themes/plain", cwd=root)  # as a fresh clone has it
    assert not any((root / "themes" / "plain").iterdir())
    window.open_path(root / "content" / "posts" / "first.md")
    window.actions_by_id["theme_preview"].trigger()
    theme = window.theme
    qtbot.waitUntil(lambda: "not checked out" in theme.state.text(), timeout=10000)
    assert "git submodule update --init" in theme.state.text() and theme.fix.isVisible()
    assert theme.process is None  # no hugo server started on a site it cannot build
    theme.fix.click()
    qtbot.waitUntil(lambda: bool(theme.base), timeout=30000)
    assert (root / "themes" / "plain" / "layouts" / "index.html").is_file() and not theme.fix.isVisible()
    theme.stop()
