"""The link-section builder drives the Markdown: add a group, reorder, delete, undo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from editor.ui.main_window import MainWindow

BODY = ("Intro.\n\n### Peter Alvaro\n\n* [Twitter](https://twitter.com/palvaro)\n"
        "* [Molly](http://www.cs.berkeley.edu/~palvaro/molly.pdf)\n\n### Kyle Kingsbury\n\n"
        "* [Jepsen](https://aphyr.com/tags/Jepsen)\n")


def _open(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "talk.md"
    path.write_text('+++\ntitle = "Talk"\n+++\n' + BODY, encoding="utf-8")
    window.open_path(path)
    window.links_dock.show()
    window.links.refresh()


def _select(window: MainWindow, group: int, link: int | None = None) -> None:
    row = window.links.tree.topLevelItem(group)
    window.links.tree.setCurrentItem(row if link is None else row.child(link))


def test_the_tree_shows_the_groups_and_links(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    _open(window, tmp_path)
    tree = window.links.tree
    assert [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())] == [
        "### Peter Alvaro", "### Kyle Kingsbury"]
    assert tree.topLevelItem(0).child(1).text(1) == "http://www.cs.berkeley.edu/~palvaro/molly.pdf"


def test_add_reorder_delete_and_undo(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    _open(window, tmp_path)
    # reorder two links
    _select(window, 0, 0)
    window.links.buttons["down"].click()
    assert window.body_text() == BODY.replace(
        "* [Twitter](https://twitter.com/palvaro)\n* [Molly](http://www.cs.berkeley.edu/~palvaro/molly.pdf)",
        "* [Molly](http://www.cs.berkeley.edu/~palvaro/molly.pdf)\n* [Twitter](https://twitter.com/palvaro)")
    # delete one
    _select(window, 1, 0)
    window.links.buttons["delete"].click()
    assert "Jepsen" not in window.body_text() and "### Kyle Kingsbury" not in window.body_text()
    # add a group after the first: the post's heading level and bullet
    _select(window, 0)
    window.links.buttons["add_group"].click()
    assert window.body_text().endswith("\n\n### New group\n\n* [Link text](https://)\n") or \
        "### New group\n\n* [Link text](https://)\n" in window.body_text()
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
