"""Shortcodes in the window: Insert Shortcode lists the site's and Hugo's with their parameters
as fields and wraps the selection in a pair; typing `{{< ` offers the names and `{{< ref "` the
site's pages; a shortcode that exists nowhere is underlined in the Markdown pane."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from editor.ui.main_window import MainWindow
from tests.helpers.qt import type_text
from tests.helpers.sites import write


def _site(tmp_path: Path) -> Path:
    return write(
        tmp_path / "site",
        {
            "hugo.toml": 'title = "S"\n',
            "layouts/_shortcodes/callout.html": '<aside class="{{ .Get "kind" }}">{{ .Inner }}</aside>',
            "content/posts/a.md": "---\ntitle: A\n---\nSome words here.\n\n{{< calout >}}\n",
            "content/posts/lisbon-trams.md": "---\ntitle: Trams\n---\nT.\n",
        },
    )


def test_insert_shortcode_wraps_the_selection(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    root = _site(tmp_path)
    window.open_path(root / "content" / "posts" / "a.md")
    qtbot.waitUntil(lambda: "callout" in window.site.shortcodes, timeout=10000)
    cursor = window.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, len("Some words"))
    window.editor.setTextCursor(cursor)
    window.actions_by_id["insert_shortcode"].trigger()
    dialog = window.shortcode_dialog
    names = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert "callout  (site)" in names and "youtube  (built-in)" in names
    type_text(dialog.filter, "call")
    assert dialog.current() is not None and dialog.current().name == "callout"
    assert list(dialog.inputs) == ["kind"]
    type_text(dialog.inputs["kind"], "tip")
    assert dialog.inserts.text() == '{{< callout kind="tip" >}}Some words{{< /callout >}}'
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert window.body_text().startswith('{{< callout kind="tip" >}}Some words{{< /callout >}} here.')
    window.editor.undo()
    assert window.body_text().startswith("Some words here.")


def test_completion_and_the_unknown_shortcode(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    root = _site(tmp_path)
    window.open_path(root / "content" / "posts" / "a.md")
    qtbot.waitUntil(lambda: "callout" in window.site.shortcodes, timeout=10000)
    qtbot.waitUntil(lambda: window.browser.model.rowCount() == 2, timeout=10000)
    # "calout" (a typo) is underlined; nothing else is
    layout_line = window.editor.document().findBlockByNumber(2)
    wavy = [
        (r.start, r.length)
        for r in layout_line.layout().formats()
        if r.format.underlineStyle() == r.format.UnderlineStyle.WaveUnderline
    ]
    assert wavy == [(4, len("calout"))]
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(window.editor, "\n{{< cal")
    popup = window.editor._completer.popup()
    assert popup.isVisible()
    assert [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())] == ["callout"]
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert window.body_text().endswith("{{< callout")
    type_text(window.editor, ' >}}\n{{< ref "tram')
    assert [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())] == [
        "posts/lisbon-trams.md"
    ]
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert window.body_text().endswith('{{< ref "posts/lisbon-trams.md')


def test_insert_link_to_post_and_follow_it(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    from tests.core.test_refs import SITE

    root = write(tmp_path / "ml", SITE)
    hello = root / "content/en/posts/hello.md"
    window.open_path(hello)
    qtbot.waitUntil(lambda: window.browser.model.rowCount() >= 3, timeout=10000)
    # ref completion offers paths from each language's content folder, as ref takes them
    assert window.site.ref_targets() == ["posts/bonjour.md", "posts/hello.md", "posts/trip/index.md"]
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    window.actions_by_id["insert_link_to_post"].trigger()
    dialog = window.link_dialog
    type_text(dialog.search, "bonj")
    assert (
        dialog.list.count() == 1
        and dialog.list.item(0).text() == "Bonjour — content/fr/posts/bonjour.md  [fr]"
    )
    qtbot.waitUntil(lambda: dialog.anchor.count() == 2, timeout=10000)
    dialog.anchor.setCurrentIndex(1)
    assert dialog.inserts.text() == '[Bonjour]({{< ref path="posts/bonjour.md#une-section" lang="fr" >}})'
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    text = window.body_text()
    assert text.endswith('Links:\n[Bonjour]({{< ref path="posts/bonjour.md#une-section" lang="fr" >}})')
    assert window.save()
    # Ctrl+click on the ref opens the French post
    block = window.editor.document().lastBlock()
    cursor = QTextCursor(block)
    cursor.movePosition(QTextCursor.MoveOperation.Right, n=block.text().index("bonjour"))
    point = window.editor.cursorRect(cursor).center()
    qtbot.mouseClick(
        window.editor.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, point
    )
    qtbot.waitUntil(
        lambda: window.document.post is not None and window.document.post.path.name == "bonjour.md",
        timeout=10000,
    )
