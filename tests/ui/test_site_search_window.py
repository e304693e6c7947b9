"""Find in Site in the window: the Find tab (its own shortcut) searches as you type, groups the
lines by post, and Enter opens the post at the line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from editor.ui.main_window import MainWindow
from tests.helpers.qt import type_text
from tests.helpers.sites import write


def test_find_in_site_opens_the_post_at_the_line(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    root = write(
        tmp_path / "site",
        {
            "hugo.toml": 'title = "S"\n',
            "content/posts/a.md": '+++\ntitle = "A"\n+++\nNothing here.\n',
            "content/posts/b.md": '+++\ntitle = "B"\ntags = ["trams"]\n+++\nIntro.\n\nThe trams of Lisbon.\n',
            "content/notes/c.md": "---\ntitle: C\n---\nMore TRAMS.\n",
        },
    )
    window.open_path(root / "content" / "posts" / "a.md")
    qtbot.waitUntil(lambda: window.site.root is not None, timeout=10000)
    window.find_panel.action.trigger()
    panel = window.site_search
    assert window.find_panel.isVisible() and panel.needle.hasFocus()
    type_text(panel.needle, "trams")
    qtbot.waitUntil(lambda: panel.results.topLevelItemCount() == 2, timeout=10000)
    groups = {
        panel.results.topLevelItem(i).text(0): [
            panel.results.topLevelItem(i).child(j).text(0)
            for j in range(panel.results.topLevelItem(i).childCount())
        ]
        for i in range(2)
    }
    assert groups == {
        "content/posts/b.md  (2)": ['3: tags = ["trams"]', "7: The trams of Lisbon."],
        "content/notes/c.md  (1)": ["4: More TRAMS."],
    }
    assert panel.state.text().startswith("3 lines in 2 of 3 posts")
    panel.case.setChecked(True)
    qtbot.waitUntil(lambda: panel.state.text().startswith("2 lines in 1 of 3 posts"), timeout=10000)
    b = next(panel.results.topLevelItem(i) for i in range(panel.results.topLevelItemCount()))
    panel.results.setCurrentItem(b.child(1))
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: window.document.post is not None and window.document.post.path.name == "b.md", timeout=10000
    )
    qtbot.waitUntil(
        lambda: window.editor.textCursor().block().text() == "The trams of Lisbon.", timeout=10000
    )
    panel.regex.setChecked(True)
    panel.needle.setText("tram(")
    qtbot.waitUntil(lambda: panel.state.text().startswith("not a regular expression"), timeout=5000)


def test_rename_a_tag_across_the_site_keeps_the_open_posts_unsaved_edits(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    root = write(
        tmp_path / "site",
        {
            "hugo.toml": 'title = "S"\n',
            "content/posts/a.md": '+++\ntitle = "A"\ntags = ["golang", "web"]\n+++\nA.\n',
            "content/posts/b.md": '+++\ntitle = "B"\ntags = ["golang"]\n+++\nB.\n',
            "content/posts/c.md": '+++\ntitle = "C"\ntags = ["rust"]\n+++\nC.\n',
        },
    )
    a, b = root / "content" / "posts" / "a.md", root / "content" / "posts" / "b.md"
    window.open_path(a)
    qtbot.waitUntil(lambda: window.browser.model.rowCount() == 3, timeout=10000)
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    type_text(window.editor, "Unsaved words.")
    qtbot.waitUntil(lambda: window.document.dirty, timeout=5000)
    window.actions_by_id["retag"].trigger()
    dialog = window.retag_dialog
    asked: list[str] = []
    dialog.confirm = lambda title, text: asked.append(title + "\n" + text) or True
    tags = dialog.terms.topLevelItem(0)
    assert tags.text(0) == "tags" and [tags.child(i).text(0) for i in range(tags.childCount())] == [
        "golang",
        "rust",
        "web",
    ]
    dialog.terms.setCurrentItem(tags.child(0))
    dialog.new.setText("go")
    qtbot.mouseClick(dialog.rename, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(asked), timeout=10000)
    assert asked == [
        "Rename tags 'golang' as 'go'?\n2 posts change (only their tags line):\n"
        "  content/posts/a.md\n  content/posts/b.md"
    ]
    qtbot.waitUntil(lambda: dialog.state.text().startswith("Renamed"), timeout=10000)
    assert dialog.state.text() == "Renamed in 2 posts. The open post has it as an unsaved edit."
    assert b.read_text() == '+++\ntitle = "B"\ntags = ["go"]\n+++\nB.\n'  # written
    assert "golang" in a.read_text()  # the open post's file waits for the author's save
    assert window.document.dirty and window.form.tags.tokens() == ["go", "web"]
    assert window.save()
    assert a.read_text() == '+++\ntitle = "A"\ntags = ["go", "web"]\n+++\nA.\nUnsaved words.'
