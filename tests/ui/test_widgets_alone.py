"""Each piece of the window built alone, with only its collaborators: the form, the link dock,
the preview and the post browser (no MainWindow)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from editor.core.post import Post
from editor.ui.browser import PostBrowser
from editor.ui.form import FrontMatterForm
from editor.ui.links_panel import LinkPanel
from editor.ui.markdown_edit import MarkdownEdit
from editor.ui.preview import Preview
from tests.conftest import SAMPLE_SITE
from tests.helpers.qt import type_text


def _delete(widget: QWidget) -> None:
    widget.close()
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_the_form_alone_reports_an_edit_of_one_field(qtbot: Any) -> None:
    form = FrontMatterForm()
    qtbot.addWidget(form)
    form.show_post(Post.from_text('+++\ntitle = "Old"\ndraft = true\ntags = ["a"]\n+++\nBody.\n'))
    assert form.title.text() == "Old" and form.draft.isChecked()
    form.title.selectAll()
    with qtbot.waitSignal(form.field_edited) as edited:
        type_text(form.title, "New")
    assert edited.args[0] == "title"
    assert form.title.text() == "New"


def test_the_link_dock_alone_edits_the_markdown_pane(qtbot: Any) -> None:
    editor = MarkdownEdit()
    panel = LinkPanel(editor)
    qtbot.addWidget(editor)
    qtbot.addWidget(panel)
    editor.setPlainText("Intro.\n\n### Peter Alvaro\n\n* [Molly](http://molly.pdf)\n")
    panel.refresh()
    assert panel.tree.topLevelItemCount() == 1
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    with qtbot.waitSignal(panel.changed):
        panel.add_group()
    assert editor.toPlainText() == (
        "Intro.\n\n### Peter Alvaro\n\n* [Molly](http://molly.pdf)\n\n### New group\n\n* [Link text](https://)\n"
    )
    editor.undo()  # one undo step
    assert editor.toPlainText() == "Intro.\n\n### Peter Alvaro\n\n* [Molly](http://molly.pdf)\n"


def test_the_preview_alone_shows_a_body(qtbot: Any) -> None:
    preview = Preview()
    preview.resize(600, 400)
    preview.show()
    try:
        preview.show_body("# Hello\n\nA *body*.\n", None, {"title": "T"})
        qtbot.waitUntil(lambda: preview.shown, timeout=15000)
        box: list[Any] = []
        preview.run_js("JSON.stringify(document.getElementById('content').innerHTML)", box.append)
        qtbot.waitUntil(lambda: bool(box), timeout=5000)
        html = json.loads(box[0])
        assert '<h1 id="hello"' in html and "<em>body</em>" in html
    finally:
        _delete(preview)


def test_the_post_browser_alone_lists_a_site(qtbot: Any, tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(SAMPLE_SITE, root)
    browser = PostBrowser()
    qtbot.addWidget(browser)
    with qtbot.waitSignal(browser.listed, timeout=10000):
        browser.open(root, tmp_path / "cache")
    posts = [p for p in root.rglob("content/**/*.md") if p.name != "_index.md"]
    assert {p.title for p in browser.model.all if p.kind != "section"} == {
        Post.load(p).get("title") for p in posts
    }
    browser.table.setCurrentIndex(browser.model.index(0, 0))
    with qtbot.waitSignal(browser.opened) as opened:
        QTest.keyClick(browser.table, Qt.Key.Key_Return)
    assert opened.args[0] == root / browser.model.rows[0].path


def test_an_unchecked_box_shows_in_the_dark_theme(qtbot: Any) -> None:
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QCheckBox, QStyle, QStyleOptionButton

    from editor.ui import look

    look.apply_theme("dark")
    try:
        box = QCheckBox("Draft")
        qtbot.addWidget(box)
        box.resize(120, 30)
        box.show()
        image = box.grab().toImage()
        option = QStyleOptionButton()
        box.initStyleOption(option)
        rect = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
        background = box.palette().color(box.backgroundRole()).lightness()
        lightness = [
            QColor(image.pixel(x, y)).lightness()
            for x in range(rect.left(), rect.right() + 1)
            for y in range(rect.top(), rect.bottom() + 1)
        ]
        assert max(lightness) - background > 60  # its outline stands out from the window
    finally:
        look.apply_theme("system")


def test_the_shortcuts_list_is_the_windows_own_and_no_key_does_two_things(qtbot: Any, window: Any) -> None:
    from editor.ui.shortcuts import ShortcutsDialog, keys_of

    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    rows = dict(dialog.shown_rows())
    assert rows["Save"] == "Ctrl+S" and rows["Focus Mode"] == "Ctrl+Shift+F" and rows["Full Screen"] == "F11"
    assert rows["Keyboard Shortcuts"] == "Ctrl+/" and rows["Posts"] == "Ctrl+Shift+B"
    dialog.search.setText("zoom")
    assert [command for command, _keys in dialog.shown_rows()] == ["Zoom In", "Zoom Out"]
    dialog.search.setText("ctrl+0")
    assert dialog.shown_rows() == [("Actual Size", "Ctrl+0")]
    clashes = {key: names for key, names in keys_of(window).items() if len(set(names)) > 1}
    assert clashes == {}


def test_a_link_whose_text_wraps_is_coloured_on_both_lines(qtbot: Any) -> None:
    from editor.ui.markdown_edit import MarkdownEdit

    editor = MarkdownEdit()
    qtbot.addWidget(editor)
    editor.setPlainText(
        "* [The Verification of a\n  Distributed System](http://example.org/paper.pdf) and more\n\n"
        "Plain [text\n\nnot a link](x)\n"
    )
    link = editor.highlighter.formats["link"].foreground().color()

    def coloured(line: int) -> list[tuple[int, int]]:
        block = editor.document().findBlockByNumber(line)
        return [
            (r.start, r.start + r.length)
            for r in block.layout().formats()
            if r.format.foreground().color() == link
        ]

    first = editor.document().findBlockByNumber(0).text()
    assert coloured(0) == [(first.index("["), len(first))]
    second = editor.document().findBlockByNumber(1).text()
    assert coloured(1) == [(0, second.index(")") + 1)]
    assert coloured(4) == []  # a blank line ended the paragraph: "not a link](x)" is no link


def test_a_recovered_copys_differences_are_coloured_by_kind(qtbot: Any, tmp_path: Path) -> None:
    from PySide6.QtGui import QColor

    from editor.core.files.recovery import Store
    from editor.ui.dialogs import diff_view

    post = tmp_path / "post.md"
    post.write_text('+++\ntitle = "x"\n+++\nKept.\nOld line.\n')
    store = Store(tmp_path / "recovery")
    store.write(post, '+++\ntitle = "x"\n+++\nKept.\nNew line.\n')
    (copy,) = store.copies()
    dialog = diff_view(None, "Recovered edits", copy.diff())  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    from PySide6.QtWidgets import QPlainTextEdit

    view = dialog.findChild(QPlainTextEdit, "diff")
    lines = {
        m.cursor.block().text(): m.format.background().color()
        for m in view.extraSelections()
        if not m.cursor.hasSelection()
    }
    assert lines["-Old line."] == QColor("#ffebe9") and lines["+New line."] == QColor("#dafbe1")
    assert any(text.startswith("@@") for text in lines) and "Kept." not in " ".join(lines)
    # inside the changed line, the word that went and the word that came are darker
    words = [
        (m.cursor.selectedText(), m.format.background().color())
        for m in view.extraSelections()
        if m.cursor.hasSelection()
    ]
    assert words == [("Old", QColor("#ffc1bd")), ("New", QColor("#aceebb"))]


def test_getting_started_names_the_keys_the_window_really_has(qtbot: Any, window: Any) -> None:
    from editor.ui.shortcuts import GettingStartedDialog

    dialog = GettingStartedDialog(window)
    qtbot.addWidget(dialog)
    text = dialog.text.toPlainText()
    for key in (
        "Ctrl+Shift+O",
        "Ctrl+E",
        "Ctrl+N",
        "Ctrl+Alt+O",
        "Ctrl+Shift+L",
        "Ctrl+Shift+F",
        "F6",
        "Ctrl+/",
    ):
        assert key in text, key
    assert "<kbd></kbd>" not in dialog.text.toHtml()  # every key it names exists


def test_the_tag_box_and_the_fields_table_show_when_they_have_focus(qtbot: Any) -> None:
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

    from editor.ui.form import FrontMatterForm
    from editor.ui.tokens import TokenEdit

    holder = QWidget()
    qtbot.addWidget(holder)
    box = QVBoxLayout(holder)
    tags, other = TokenEdit("add a tag…"), QLineEdit()
    form = FrontMatterForm()
    box.addWidget(tags)
    box.addWidget(other)
    box.addWidget(form.other)
    holder.resize(320, 300)
    holder.show()
    holder.activateWindow()
    highlight = holder.palette().color(QPalette.ColorRole.Highlight)

    def edge(widget: QWidget) -> QColor:
        """The colour at the left edge, if any of its first pixels is the highlight."""
        image = widget.grab().toImage()
        colours = [QColor(image.pixel(x, image.height() // 2)) for x in range(3)]
        return highlight if highlight in colours else colours[1]

    other.setFocus()
    qtbot.waitUntil(other.hasFocus, timeout=3000)
    assert edge(tags) != highlight and edge(form.other) != highlight
    tags.setFocus()
    qtbot.waitUntil(tags.entry.hasFocus, timeout=3000)
    assert edge(tags) == highlight
    form.other.setFocus()
    qtbot.waitUntil(form.other.hasFocus, timeout=3000)
    assert edge(form.other) == highlight and edge(tags) != highlight


def _code_lines(editor: MarkdownEdit) -> list[int]:
    """The lines drawn in the code colour from their first character."""
    code = editor.highlighter.formats["code"].foreground().color()
    out, block = [], editor.document().firstBlock()
    while block.isValid():
        if block.text() and any(
            r.start == 0 and r.length == len(block.text()) and r.format.foreground().color() == code
            for r in block.layout().formats()
        ):
            out.append(block.blockNumber())
        block = block.next()
    return out


def test_a_long_post_is_coloured_where_it_is_seen_and_its_fences_read_between_events(qtbot: Any) -> None:
    editor = MarkdownEdit()
    qtbot.addWidget(editor)
    editor.resize(600, 400)
    editor.show()
    unit = "Some prose.\n\n```\ncode\n```\n\n"  # lines 2-4 of every six are the fence
    editor.setPlainText(unit * 5000)  # 30,000 lines
    highlighter = editor.highlighter
    expected = [6 * n + k for n in range(5000) for k in (2, 3, 4)]

    def seen() -> tuple[list[int], list[int]]:
        view = editor.lines_in_sight(0)
        return [n for n in _code_lines(editor) if n in view], [n for n in expected if n in view]

    # shown at once: the lines in sight are coloured, the far end is not (no stall first)
    assert not highlighter.done and highlighter.frontier < 30_000
    code, wanted = seen()
    assert code == wanted and wanted
    assert 29_998 not in _code_lines(editor)
    qtbot.waitUntil(lambda: highlighter.done, timeout=20_000)
    bar = editor.verticalScrollBar()
    for place in (bar.maximum(), bar.maximum() // 2):  # the view comes to the end, the middle
        bar.setValue(place)
        code, wanted = seen()
        assert code == wanted and wanted
    # a fence opened at the top turns every line below into code: where the view is too, once
    # the states below are read again, and closing it again gives back the colours it had
    cursor = editor.textCursor()
    cursor.setPosition(0)
    cursor.insertText("```\n")
    qtbot.waitUntil(lambda: highlighter.done, timeout=20_000)
    view = editor.lines_in_sight(0)
    assert view.start > 10_000
    shifted = [n for n in _code_lines(editor) if n in view]
    # the fences pair up anew: "Some prose." and the fence lines are code, "code" is not
    assert shifted == [n for n in view if n < editor.blockCount() and (n - 1) % 6 in (0, 2, 4)]
    cursor.setPosition(0)
    for _ in range(4):
        cursor.deleteChar()
    qtbot.waitUntil(lambda: highlighter.done, timeout=20_000)
    code, wanted = seen()
    assert code == wanted and wanted
    highlighter.finish()  # every line, now
    assert _code_lines(editor) == expected


def test_a_post_shown_in_place_of_another_is_coloured_as_its_own_text(qtbot: Any) -> None:
    editor = MarkdownEdit()
    qtbot.addWidget(editor)
    editor.show()
    editor.setPlainText("plain words\n" * 10)
    heading = editor.highlighter.formats["heading"].foreground().color()
    editor.setPlainText("## A heading\n" + "text\n" * 1000)  # the first line was coloured as prose
    formats = editor.document().firstBlock().layout().formats()
    assert [f.format.foreground().color() for f in formats] == [heading]
