"""Markdown constructs in the Markdown pane, typed and chosen as an author does: Enter continues
a list (and ends it on an empty item), Tab nests an item, the Format menu's lists, quote, code
block, footnote and table work on the selected lines in the post's own style, each one undo step."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from editor.ui.main_window import MainWindow
from tests.helpers.qt import type_text


def _open(window: MainWindow, tmp_path: Path, body: str) -> None:
    path = tmp_path / "post.md"
    path.write_text('+++\ntitle = "Lists"\n+++\n' + body)
    window.open_path(path)
    window.editor.setFocus()


def _end(window: MainWindow) -> None:
    window.editor.moveCursor(QTextCursor.MoveOperation.End)


def test_enter_continues_lists_and_tab_nests_items(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    _open(window, tmp_path, "Intro.\n\n- first")
    _end(window)
    type_text(window.editor, "\nsecond\n")
    QTest.keyClick(window.editor, Qt.Key.Key_Tab)
    type_text(window.editor, "nested\n")
    QTest.keyClick(window.editor, Qt.Key.Key_Backtab)
    type_text(window.editor, "third\n\nAfter the list.")
    assert window.body_text() == "Intro.\n\n- first\n- second\n    - nested\n- third\n\nAfter the list."


def test_numbered_items_renumber_when_one_is_added_between(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    _open(window, tmp_path, "1. one\n2. two\n3. three\n")
    cursor = window.editor.textCursor()
    cursor.setPosition(window.editor.document().findBlockByNumber(0).position() + len("1. one"))
    window.editor.setTextCursor(cursor)
    type_text(window.editor, "\none and a half")
    assert window.body_text() == "1. one\n2. one and a half\n3. two\n4. three\n"


def test_format_menu_constructs_each_one_undo_step(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    body = "* the post's bullet\n\nAlpha\nBeta\n\n|a|b|\n|-|-|\n|日本|x|\n"
    _open(window, tmp_path, body)
    editor = window.editor
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().findBlockByNumber(2).position())
    cursor.setPosition(editor.document().findBlockByNumber(3).position() + 2, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    window.actions_by_id["bullets"].trigger()
    assert window.body_text().startswith("* the post's bullet\n\n* Alpha\n* Beta\n")
    window.actions_by_id["quote"].trigger()
    assert "> * Alpha\n> * Beta\n" in window.body_text()
    editor.undo()
    editor.undo()
    assert window.body_text() == body
    # a footnote: the reference here, the definition at the end, the cursor there
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().findBlockByNumber(2).position() + len("Alpha"))
    editor.setTextCursor(cursor)
    window.actions_by_id["footnote"].trigger()
    type_text(editor, "A note.")
    assert window.body_text().endswith("|日本|x|\n\n[^1]: A note.\n") and "Alpha[^1]\n" in window.body_text()
    # the table aligned, wide characters counted as two
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().findBlockByNumber(6).position())
    editor.setTextCursor(cursor)
    window.actions_by_id["format_table"].trigger()
    assert "| a    | b   |\n| ---- | --- |\n| 日本 | x   |\n" in window.body_text()
    # a fenced code block at an empty line, the cursor inside it
    _end(window)
    editor.insert_code_block("go")
    type_text(editor, "fmt.Println()")
    assert window.body_text().endswith("[^1]: A note.\n```go\nfmt.Println()\n```")
