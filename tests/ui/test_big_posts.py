"""Big and odd posts in the real window: a line too long to edit, a long file, front matter too
long to read key by key, a long body's preview rendered off the GUI thread. The window stays
usable and nothing of the file is lost. (How long the window is blocked is measured by
`make bench`, not asserted here.)"""

from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QTextCursor

from editor.core.post.stats import LONGEST_EDITABLE_LINE
from editor.core.rendering.lazy import LAZY_ABOVE
from editor.core.rendering.live import render
from editor.ui.files import READ_IN_BACKGROUND
from editor.ui.main_window import MainWindow
from editor.ui.preview import BACKGROUND_ABOVE
from tests.helpers.htmlcompare import first_difference, same
from tests.helpers.qt import Page, type_text


def test_a_line_too_long_to_edit_is_shown_short_and_saved_exactly(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: Any
) -> None:
    image = "![chart](data:image/png;base64," + base64.b64encode(os.urandom(750_000)).decode() + ")"
    assert len(image) > LONGEST_EDITABLE_LINE
    path = tmp_path / "post.md"
    original = f'+++\ntitle = "Inline image"\n+++\nIntro.\n\n{image}\n\nAfter.\n'
    path.write_text(original)
    window.open_path(path)
    assert window.editor.isReadOnly()
    shown = window.editor.toPlainText()
    assert len(shown) < 1000 and f"[{len(image):,} characters in all: not shown]" in shown
    assert shown.startswith("Intro.\n\n![chart](data:image/png;base64,") and shown.endswith("\n\nAfter.\n")
    assert "Line 6 is 1.0 MB long: too long to edit here" in window.statusBar().currentMessage()
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(window.editor, "typed")  # read-only: nothing happens, nothing is marked edited
    assert not window.document.dirty and window.editor.toPlainText() == shown
    window.form.title.selectAll()
    type_text(window.form.title, "Still an image")
    assert window.save()
    assert path.read_text() == original.replace("Inline image", "Still an image")  # the body, exactly
    page = Page(qtbot, window)
    page.wait("document.body.textContent.includes('After.')")


def test_a_long_file_is_read_off_the_gui_thread(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "long.md"
    body = "".join(f"Paragraph {n} of a long post, with some words in it.\n\n" for n in range(50_000))
    path.write_text('+++\ntitle = "Long"\n+++\n' + body)
    assert path.stat().st_size > READ_IN_BACKGROUND
    window.open_path(path)
    assert window.files.opening == path and window.document.post is None  # the window goes on
    assert "Opening long.md" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.document.post is not None, timeout=20000)
    assert window.body_text() == body and not window.editor.isReadOnly()
    assert window.form.title.text() == "Long"


def test_a_second_open_while_a_long_file_is_read_wins(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    long, short = tmp_path / "long.md", tmp_path / "short.md"
    long.write_text('+++\ntitle = "Long"\n+++\n' + "words " * 500_000)
    short.write_text('+++\ntitle = "Short"\n+++\nA short one.\n')
    window.open_path(long)
    window.open_path(short)
    qtbot.wait(1500)  # the long read ends meanwhile: it must not replace the short post
    assert window.document.post is not None and window.document.post.path == short
    assert window.form.title.text() == "Short"


def test_front_matter_too_long_to_read_is_kept_and_never_written(
    window: MainWindow, tmp_path: Path, monkeypatch: Any
) -> None:
    path = tmp_path / "keys.md"
    original = "+++\n" + "".join(f"key_{n} = {n}\n" for n in range(5_000)) + "+++\nThe body.\n"
    path.write_text(original)
    window.open_path(path)
    assert "too long to edit here (the limit is 20 KB)" in window.form.error.text()
    assert window.form.front_text.isReadOnly() and window.form.front_text.isVisibleTo(window)
    assert len(window.form.front_text.toPlainText()) < 21_000
    shown: list[str] = []
    monkeypatch.setattr("editor.ui.dialogs.QMessageBox.critical", lambda _p, _t, text: shown.append(text))
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(window.editor, "More.")
    assert window.save() is False and "too long to edit here" in shown[0]
    assert path.read_text() == original


def test_a_long_bodys_preview_follows_edits_rendered_off_the_gui_thread(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "long.md"
    body = "".join(f"Paragraph {n} says a thing or two.\n\n" for n in range(2_500)) + "[^n]: A note.\n"
    assert BACKGROUND_ABOVE < len(body) < LAZY_ABOVE  # rendered whole, off the GUI thread
    path.write_text('+++\ntitle = "Long"\nmood = "calm"\n+++\n' + body)
    window.open_path(path)
    page = Page(qtbot, window)
    page.wait("document.querySelectorAll('p').length >= 2500", timeout=20000)
    editor = window.editor
    for block, text in ((10, "Inserted early."), (3_000, "Inserted late, with a note[^n]."), (0, "First.")):
        cursor = editor.textCursor()
        cursor.setPosition(editor.document().findBlockByNumber(block).position())
        editor.setTextCursor(cursor)
        type_text(editor, text + "\n\n")
    window.form.title.selectAll()
    type_text(window.form.title, "Longer")
    page.wait("document.querySelector('#header h1').textContent == 'Longer'", timeout=20000)
    expected = render(window.body_text())
    page.wait("document.body.textContent.includes('Inserted late, with a note')", timeout=20000)
    qtbot.waitUntil(lambda: not window.preview.busy and not window.preview._queued, timeout=20000)
    html = page.blocks_html()
    assert same(html, expected), first_difference(html, expected)


def test_a_very_long_posts_preview_renders_as_far_as_it_is_read(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    """A 1 MB post: its top renders, then what the editor scrolls to; the outline asks for all."""
    path = tmp_path / "long.md"
    parts = 10_000
    body = "".join(
        f"## Part {n}\n\nA paragraph with *words*[^{n}] in part {n}, long enough to wrap once or twice "
        f"in a pane of the usual width, as prose does.\n\n[^{n}]: The note of part {n}.\n\n"
        for n in range(parts)
    )
    assert len(body) > 10 * LAZY_ABOVE
    path.write_text('+++\ntitle = "Long"\n+++\n' + body)
    window.open_path(path)
    page = Page(qtbot, window)
    page.wait("document.getElementById('part-0') !== null", timeout=20000)
    qtbot.waitUntil(lambda: not window.preview.busy, timeout=20000)
    shown = page.js("document.querySelectorAll('#content h2').length")
    assert 0 < shown < 200  # the top, not 10,000 parts
    # the lines below keep their place: the scroll bar is the whole post's
    heights = page.js(
        "[document.getElementById('content').offsetHeight, document.documentElement.scrollHeight]"
    )
    assert heights[1] > 20 * heights[0]
    # the page scrolled by itself into that place: the editor follows, the part there renders
    page.js("window.scrollTo(0, document.documentElement.scrollHeight * 0.3)")
    qtbot.waitUntil(
        lambda: window.editor.first_visible_line() > 0.2 * window.editor.blockCount(), timeout=10000
    )
    qtbot.waitUntil(lambda: not window.preview.busy, timeout=30000)
    there = int(window.editor.first_visible_line())
    page.wait(f"Math.abs(hpe.lineAt(window.scrollY + 8) - {there}) < 3", timeout=10000)
    page.wait("document.getElementById('hpe-rest').getBoundingClientRect().top > window.innerHeight")
    # what was rendered further went in chunks (an edit lays out one, not all)
    assert page.js("document.querySelectorAll('#content > .hpe-chunk').length") > 10
    # the editor goes to part 6,000: the preview renders it and shows it at its top
    line = window.editor.document().find("## Part 6000").blockNumber()
    window.editor.scroll_to_line(line)
    page.wait("document.getElementById('part-6000') !== null", timeout=30000)
    qtbot.waitUntil(lambda: not window.preview.busy, timeout=30000)
    page.wait(f"Math.abs(hpe.lineAt(window.scrollY + 8) - {line}) < 3", timeout=5000)
    # typing there reaches the page
    cursor = window.editor.textCursor()
    cursor.setPosition(window.editor.document().findBlockByNumber(line + 2).position())
    window.editor.setTextCursor(cursor)
    type_text(window.editor, "Typed here. ")
    page.wait("document.body.textContent.includes('Typed here. A paragraph')", timeout=20000)
    # the outline lists every heading: the rest is rendered for it
    window.outline_panel.action.trigger()
    qtbot.waitUntil(lambda: len(window.outline.headings) == parts, timeout=60000)
    qtbot.waitUntil(lambda: not window.preview.busy, timeout=20000)
    expected = render(window.body_text())
    html = page.blocks_html()
    assert same(html, expected), first_difference(html, expected)


def test_opening_a_long_file_at_a_line_goes_there_once_it_is_read(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "long.md"
    path.write_text(
        '+++\ntitle = "Long"\n+++\n' + "".join(f"Line {n} of a long post.\n\n" for n in range(120_000))
    )
    assert path.stat().st_size > READ_IN_BACKGROUND
    window.files.open_at(path, 1004)  # as Site Problems does: a line of the file
    qtbot.waitUntil(lambda: window.document.post is not None, timeout=20000)
    qtbot.waitUntil(
        lambda: window.editor.textCursor().block().text() == "Line 500 of a long post.", timeout=5000
    )


def test_a_long_posts_top_shows_at_once_and_the_whole_render_takes_its_place(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    from editor.ui.preview import FIRST_SCREEN_CHARS

    path = tmp_path / "long.md"
    # a reference defined at the end: the top rendered alone shows it as text, the whole as a link
    part = "".join(f"## Part {n}\n\nA [paper][p] and *words* in part {n}.\n\n" for n in range(30_000))
    body = part + "[p]: https://example.org/paper\n"
    assert len(body) > 10 * BACKGROUND_ABOVE
    path.write_text('+++\ntitle = "Long"\n+++\n' + body)
    window.open_path(path)
    page = Page(qtbot, window)
    page.wait("document.getElementById('part-0') !== null", timeout=20000)
    # the top alone, while the whole body still renders off the GUI thread
    assert window.preview.busy
    top = page.js("document.querySelectorAll('#content h2').length")
    assert 0 < top < FIRST_SCREEN_CHARS / 40
    assert "A [paper][p] and" in page.js("document.querySelector('#content p').textContent")
    qtbot.waitUntil(lambda: not window.preview.busy, timeout=60000)
    page.wait("document.querySelectorAll('#content h2').length === 30000", timeout=20000)
    assert page.js("document.querySelectorAll('#part-0').length") == 1  # no block twice
    assert page.js("window.scrollY") == 0  # the editor at its top: the page at its top, title too
    assert (
        page.js("document.querySelector('#content p a').getAttribute('href')") == "https://example.org/paper"
    )


def test_a_long_post_opened_at_start_up_is_read_after_the_window_shows(
    qtbot: Any, settings: Any, tmp_path: Path
) -> None:
    from editor.ui.files import READ_IN_BACKGROUND_AT_START

    path = tmp_path / "long.md"
    body = "".join(f"Paragraph {n} of a long post.\n\n" for n in range(12_000))
    path.write_text('+++\ntitle = "Long"\n+++\n' + body)
    assert READ_IN_BACKGROUND_AT_START < path.stat().st_size < READ_IN_BACKGROUND
    window = MainWindow(settings)
    try:
        window.open_path(path)  # as the command line does, before the window shows
        assert window.document.post is None and window.files.opening == path
        assert window.pages.currentWidget() is window.splitter  # the editor's page, not the start page
        window.show()
        qtbot.waitUntil(lambda: window.document.post is not None, timeout=20000)
        assert window.body_text() == body and window.form.title.text() == "Long"
        assert not window.statusBar().currentMessage().startswith("Opening")
    finally:
        window.document.post = None
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # before the app goes


def test_a_post_of_a_few_dozen_kilobytes_is_rendered_off_the_gui_thread_its_top_at_once(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 40 KB article (~120 ms to render whole) does not hold the window: the GUI thread renders
    only its top, the whole comes from a worker."""
    import threading

    from editor.core.rendering.live import LiveRender
    from editor.ui.preview import FIRST_SCREEN_CHARS

    rendered: list[tuple[bool, int]] = []  # (on the GUI thread, characters)
    reset = LiveRender.reset

    def recording(self: LiveRender, text: str) -> Any:
        rendered.append((threading.current_thread() is threading.main_thread(), len(text)))
        return reset(self, text)

    monkeypatch.setattr(LiveRender, "reset", recording)
    path = tmp_path / "article.md"
    body = "".join(f"Paragraph {n} says a thing or two about *the* matter.\n\n" for n in range(800))
    assert BACKGROUND_ABOVE < len(body) < 50_000
    path.write_text('+++\ntitle = "Article"\n+++\n' + body)
    window.open_path(path)
    page = Page(qtbot, window)
    page.wait("document.querySelectorAll('p').length >= 800", timeout=20000)
    on_gui = [chars for gui, chars in rendered if gui]
    assert on_gui and max(on_gui) <= FIRST_SCREEN_CHARS  # the top, alone
    assert (False, len(body)) in rendered  # the whole, on a worker


@pytest.mark.parametrize("paragraphs", [800, 4_000])  # rendered whole off the GUI thread; lazily
def test_a_long_post_opened_in_place_of_another_shows_in_the_preview(
    qtbot: Any, window: MainWindow, tmp_path: Path, paragraphs: int
) -> None:
    """The top of a long post went to the page being replaced and the whole render then patched
    blocks the new page did not have: a blank preview (found opening posts from the browser)."""
    from tests.conftest import SAMPLE_SITE

    window.open_path(SAMPLE_SITE / "content" / "posts" / "testing-stream-processors.md")
    page = Page(qtbot, window)
    qtbot.waitUntil(lambda: not window.preview.busy, timeout=20000)
    path = tmp_path / "article.md"
    body = "".join(f"Paragraph {n} says a thing or two about *the* matter.\n\n" for n in range(paragraphs))
    assert len(body) > BACKGROUND_ABOVE
    path.write_text('+++\ntitle = "Article"\n+++\n' + body)
    window.open_path(path)
    qtbot.waitUntil(lambda: not window.preview.busy, timeout=20000)
    want = paragraphs if len(body) <= LAZY_ABOVE else 100
    page.wait(f"document.querySelectorAll('#content p').length >= {want}", timeout=10000)
    assert (
        page.js("document.querySelector('#content p').textContent")
        == "Paragraph 0 says a thing or two about the matter."
    )
    assert page.js("document.querySelectorAll('#content p').length") <= paragraphs  # no block twice
