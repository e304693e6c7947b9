"""The link-section builder drives the Markdown: add a group, reorder, delete, undo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDropEvent, QGuiApplication, QTextCursor
from PySide6.QtWidgets import QAbstractItemView

from editor.ui.main_window import MainWindow

BODY = (
    "Intro.\n\n### Peter Alvaro\n\n* [Twitter](https://twitter.com/palvaro)\n"
    "* [Molly](http://www.cs.berkeley.edu/~palvaro/molly.pdf)\n\n### Kyle Kingsbury\n\n"
    "* [Jepsen](https://aphyr.com/tags/Jepsen)\n"
)


def _open(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "talk.md"
    path.write_text('+++\ntitle = "Talk"\n+++\n' + BODY, encoding="utf-8")
    window.open_path(path)
    window.links_panel.show()
    window.links.refresh()


def _select(window: MainWindow, group: int, link: int | None = None) -> None:
    row = window.links.tree.topLevelItem(group)
    window.links.tree.setCurrentItem(row if link is None else row.child(link))


def test_the_tree_shows_the_groups_and_links(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    _open(window, tmp_path)
    tree = window.links.tree
    assert [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())] == [
        "### Peter Alvaro",
        "### Kyle Kingsbury",
    ]
    assert tree.topLevelItem(0).child(1).text(1) == "http://www.cs.berkeley.edu/~palvaro/molly.pdf"


def test_add_reorder_delete_and_undo(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    _open(window, tmp_path)
    # reorder two links
    _select(window, 0, 0)
    window.links.buttons["down"].click()
    assert window.body_text() == BODY.replace(
        "* [Twitter](https://twitter.com/palvaro)\n* [Molly](http://www.cs.berkeley.edu/~palvaro/molly.pdf)",
        "* [Molly](http://www.cs.berkeley.edu/~palvaro/molly.pdf)\n* [Twitter](https://twitter.com/palvaro)",
    )
    # delete one
    _select(window, 1, 0)
    window.links.buttons["delete"].click()
    assert "Jepsen" not in window.body_text() and "### Kyle Kingsbury" not in window.body_text()
    # add a group after the first: the post's heading level and bullet
    _select(window, 0)
    window.links.buttons["add_group"].click()
    assert window.body_text() == (
        "Intro.\n\n### Peter Alvaro\n\n* [Molly](http://www.cs.berkeley.edu/~palvaro/molly.pdf)\n"
        "* [Twitter](https://twitter.com/palvaro)\n\n### New group\n\n* [Link text](https://)\n"
    )
    # each change was one undo step: three undos give the original back
    for _ in range(3):
        window.editor.undo()
    assert window.body_text() == BODY


def test_editing_a_cell_rewrites_only_that_line(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    _open(window, tmp_path)
    row = window.links.tree.topLevelItem(1).child(0)
    row.setText(1, "https://jepsen.io/")
    assert window.body_text() == BODY.replace("https://aphyr.com/tags/Jepsen", "https://jepsen.io/")
    assert window.links.tree.topLevelItem(1).child(0).data(0, Qt.ItemDataRole.UserRole)[0] == 2


def test_typing_in_the_markdown_updates_the_tree(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    _open(window, tmp_path)
    window.editor.setPlainText(BODY + "* [Aphyr](https://aphyr.com/)\n")
    qtbot.waitUntil(lambda: window.links.tree.topLevelItem(1).childCount() == 2, timeout=5000)


def _texts(window: MainWindow) -> list[list[str]]:
    tree = window.links.tree
    return [
        [tree.topLevelItem(i).text(0)]
        + [tree.topLevelItem(i).child(j).text(0) for j in range(tree.topLevelItem(i).childCount())]
        for i in range(tree.topLevelItemCount())
    ]


def test_drag_a_link_into_another_group(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    _open(window, tmp_path)
    tree = window.links.tree
    assert tree.dragEnabled() and tree.dragDropMode() == QAbstractItemView.DragDropMode.InternalMove
    source = tree.topLevelItem(0).child(0)
    tree.setCurrentItem(source)
    target = tree.visualItemRect(tree.topLevelItem(1).child(0))
    mime = tree.model().mimeData([tree.currentIndex()])
    drop = QDropEvent(
        QPointF(target.center().x(), target.top() + 2),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    tree.dropEvent(drop)  # Qt's own drag loop needs a real mouse; the drop is ours to handle
    assert _texts(window) == [["### Peter Alvaro", "Molly"], ["### Kyle Kingsbury", "Twitter", "Jepsen"]]
    assert window.body_text() == (
        "Intro.\n\n### Peter Alvaro\n\n"
        "* [Molly](http://www.cs.berkeley.edu/~palvaro/molly.pdf)\n\n"
        "### Kyle Kingsbury\n\n* [Twitter](https://twitter.com/palvaro)\n"
        "* [Jepsen](https://aphyr.com/tags/Jepsen)\n"
    )
    # a group dropped above the first group
    tree.setCurrentItem(tree.topLevelItem(1))
    first = tree.visualItemRect(tree.topLevelItem(0))
    drop = QDropEvent(
        QPointF(first.center().x(), first.top() + 1),
        Qt.DropAction.MoveAction,
        tree.model().mimeData([tree.currentIndex()]),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    tree.dropEvent(drop)  # Qt's own drag loop needs a real mouse; the drop is ours to handle
    assert [row[0] for row in _texts(window)] == ["### Kyle Kingsbury", "### Peter Alvaro"]
    window.editor.undo()
    window.editor.undo()
    assert window.body_text() == BODY


def test_keyboard_moves_links_across_groups(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    _open(window, tmp_path)
    tree = window.links.tree
    window.activateWindow()
    tree.setFocus()
    _select(window, 0, 1)
    qtbot.keyClick(tree, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # Molly: into Kyle's group
    assert _texts(window) == [["### Peter Alvaro", "Twitter"], ["### Kyle Kingsbury", "Molly", "Jepsen"]]
    assert tree.currentItem().text(0) == "Molly"
    qtbot.keyClick(tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # and back
    assert window.body_text() == BODY


def test_new_section_at_the_cursor(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text(
        '+++\ntitle = "P"\n+++\nFirst paragraph,\ntwo lines.\n\n- a list item\n', encoding="utf-8"
    )
    window.open_path(path)
    window.links_panel.show()
    cursor = window.editor.textCursor()
    cursor.setPosition(3)
    window.editor.setTextCursor(cursor)
    window.links.buttons["new_section"].click()
    assert window.body_text() == (
        "First paragraph,\ntwo lines.\n\n### New group\n\n- [Link text](https://)\n\n- a list item\n"
    )
    assert window.links.tree.currentItem().text(0) == "### New group"
    window.editor.undo()
    assert window.body_text() == "First paragraph,\ntwo lines.\n\n- a list item\n"
    # at the end of a post with no line break after its last line
    window.editor.setPlainText("Just text")
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    window.links.buttons["new_section"].click()
    assert window.body_text() == "Just text\n\n### New group\n\n* [Link text](https://)\n"


def test_paste_a_link_copied_from_a_page(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    _open(window, tmp_path)
    mime = QMimeData()
    mime.setHtml('<meta charset="utf-8"><a href="https://jepsen.io/analyses">Jepsen <b>analyses</b></a>')
    mime.setText("Jepsen analyses")
    QGuiApplication.clipboard().setMimeData(mime)
    _select(window, 1, 0)
    window.links.buttons["paste"].click()
    assert window.body_text() == BODY + "* [Jepsen analyses](https://jepsen.io/analyses)\n"
    QGuiApplication.clipboard().setText("no link here")
    window.links.buttons["paste"].click()
    assert window.links.message.text() == "The clipboard holds no link."


def test_title_from_the_page_in_the_background(
    qtbot: Any, window: MainWindow, tmp_path: Path, server: str
) -> None:
    _open(window, tmp_path)
    QGuiApplication.clipboard().setText(server + "/slow-title")
    _select(window, 1, 0)
    window.links.buttons["paste"].click()
    assert window.links.tree.currentItem().text(0) == server + "/slow-title"
    window.links.buttons["title"].click()
    # the page answers after a second; the window goes on meanwhile
    window.editor.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(window.editor, "Typed ")
    assert window.body_text().startswith("Typed Intro.")
    assert server + "/slow-title](" in window.body_text()
    qtbot.waitUntil(lambda: f"* [Jepsen & friends]({server}/slow-title)" in window.body_text(), timeout=8000)
    assert window.body_text().startswith("Typed Intro.")


def test_check_links_shows_each_answer_and_never_blocks_typing(
    qtbot: Any, window: MainWindow, tmp_path: Path, server: str, monkeypatch: Any
) -> None:
    from editor.ui import links_panel

    monkeypatch.setattr(links_panel, "CHECK_TIMEOUT", 1.5)
    path = tmp_path / "talk.md"
    path.write_text(
        '+++\ntitle = "Talk"\n+++\nIntro.\n\n### Links\n\n'
        f"* [OK]({server}/ok)\n* [Moved]({server}/moved)\n* [Gone]({server}/missing)\n"
        f"* [Slow]({server}/hang)\n* [Mail](mailto:someone@example.org)\n",
        encoding="utf-8",
    )
    window.open_path(path)
    window.links_panel.show()
    window.links.refresh()
    window.links.buttons["check"].click()
    assert window.links.buttons["check"].text() == "Stop Checking"
    window.editor.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(window.editor, "Still typing. ")
    assert window.body_text().startswith("Still typing. Intro.")
    rows = lambda: [window.links.tree.topLevelItem(0).child(j) for j in range(5)]  # noqa: E731
    qtbot.waitUntil(lambda: rows()[2].text(3) == "404", timeout=8000)
    qtbot.waitUntil(lambda: rows()[3].text(3) == "no answer in 1.5 s", timeout=8000)
    assert [r.text(3) for r in rows()] == ["200", f"301 → {server}/new-home", "404", "no answer in 1.5 s", ""]
    assert window.links.message.text() == "Checked 4 links: 2 with problems."
    assert window.links.buttons["check"].text() == "Check Links"
    # the status is in view beside the text, not off the panel's right edge
    tree = window.links.tree
    assert tree.header().visualIndex(3) == 1
    assert tree.header().sectionViewportPosition(3) + tree.columnWidth(3) <= tree.viewport().width()
    other = tmp_path / "other.md"
    other.write_text('+++\ntitle = "Other"\n+++\n### Links\n\n* [Same](' + server + "/ok)\n")
    window.document.post = None
    window.open_path(other)
    assert window.links.message.text() == "" and window.links.tree.topLevelItem(0).child(0).text(3) == ""


def test_the_library_inserts_groups_and_links_from_other_posts(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    root = tmp_path / "site"
    (root / "content" / "talks").mkdir(parents=True)
    (root / "hugo.toml").write_text('title = "S"\n', encoding="utf-8")
    (root / "content" / "talks" / "old.md").write_text(
        '+++\ntitle = "Old"\n+++\nText.\n\n### Peter Alvaro\n\n* [Molly](http://molly.pdf)\n'
        "* [Blog](http://alvaro.blog)\n\n### Kyle Kingsbury\n\n* [Jepsen](https://jepsen.io)\n",
        encoding="utf-8",
    )
    new = root / "content" / "talks" / "new.md"
    new.write_text('+++\ntitle = "New"\n+++\nAbstract.\n', encoding="utf-8")
    window.open_path(new)
    window.links_panel.show()
    dialog = window.links.open_library()
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.loading, timeout=8000)
    assert dialog.tree.topLevelItemCount() == 2
    dialog.search.setText("alvaro")
    assert [dialog.tree.topLevelItem(i).text(0) for i in range(dialog.tree.topLevelItemCount())] == [
        "Peter Alvaro"
    ]
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))
    dialog.insert_button.click()  # the post has no section: a new one after the paragraph
    assert window.body_text() == (
        "Abstract.\n\n### Peter Alvaro\n\n* [Molly](http://molly.pdf)\n* [Blog](http://alvaro.blog)\n"
    )
    dialog.search.setText("jepsen")
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0).child(0))
    _select(window, 0, 0)
    dialog.insert_button.click()  # a single link, after the selected one
    assert window.body_text() == (
        "Abstract.\n\n### Peter Alvaro\n\n* [Molly](http://molly.pdf)\n"
        "* [Jepsen](https://jepsen.io)\n* [Blog](http://alvaro.blog)\n"
    )
    dialog.close()


def test_url_problems_are_marked_on_the_link(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "talk.md"
    path.write_text(
        '+++\ntitle = "Talk"\n+++\n### Links\n\n* [Twice](https://a.org/)\n* [Again](https://a.org/)\n'
        "* [Spaces](https://a b.org/)\n* [Fine](https://b.org/)\n",
        encoding="utf-8",
    )
    window.open_path(path)
    window.links_panel.show()
    window.links.refresh()
    rows = [window.links.tree.topLevelItem(0).child(j) for j in range(4)]
    assert [r.text(3) for r in rows] == [
        "",
        "the same URL twice in this section",
        "not a link Markdown can read: check the brackets and the URL",
        "",
    ]
    assert rows[1].text(1) == "⚠ https://a.org/" and rows[3].text(1) == "https://b.org/"


def test_a_builder_edit_shows_its_lines_and_undo_stays_there(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    _open(window, tmp_path)
    editor = window.editor
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    _select(window, 1, 0)  # selecting a link reveals its line in the editor
    line = editor.textCursor().block().text()
    assert line == "* [Jepsen](https://aphyr.com/tags/Jepsen)", line
    window.links.buttons["up"].click()
    moved_to = editor.textCursor().blockNumber()
    assert editor.textCursor().block().text() == line  # the cursor follows the moved link
    window.actions_by_id["undo"].trigger()
    assert editor.textCursor().blockNumber() != 0 and abs(editor.textCursor().blockNumber() - moved_to) <= 3

    # typing elsewhere while a link is selected: the panel follows, the cursor stays put
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(editor, "Typed ")
    window.links.refresh()
    assert editor.textCursor().blockNumber() == 0 and editor.textCursor().positionInBlock() == len("Typed ")


def test_side_panel_tabs_are_made_when_first_shown_with_what_is_open_by_then(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    panels = (window.posts_panel, window.outline_panel, window.links_panel, window.find_panel)
    assert not any(p.made for p in panels)  # a start with the side panel closed makes none
    path = tmp_path / "talk.md"
    path.write_text('+++\ntitle = "Talk"\n+++\n' + BODY, encoding="utf-8")
    window.open_path(path)
    assert not window.links_panel.made and not window.outline_panel.made
    window.links_panel.show()  # made now, on the post opened before
    assert window.links_panel.made and window.links_panel.isVisible()
    tree = window.links.tree
    assert tree.topLevelItemCount() == 2 and window.arrangement.side.currentWidget() is window.links
    window.outline_panel.show()
    qtbot.waitUntil(lambda: window.outline.topLevelItemCount() > 0, timeout=10000)
    assert window.arrangement.side.count() == len(window.arrangement.panels)  # no stand-in left over
    assert not window.posts_panel.made and not window.find_panel.made
