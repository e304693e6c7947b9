"""Spell checking in the window, with the real Enchant and en_US dictionary: the underlines (read
from the editor's line layouts) are exactly the planted misspellings, at the lines and columns the
`spell` command reports; the right-click menu suggests and adds to the site's dictionary; F8 goes
to the next one."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import enchant
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QMenu

from editor.core import spelling
from editor.ui.main_window import MainWindow
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data" / "spelling"


def underlined(window: MainWindow) -> list[tuple[int, int, str]]:
    """(file line, column), 1-based, and the word, of every spell-check underline in the pane."""
    body_line = window.document.post.body_line if window.document.post else 0
    out = []
    block = window.editor.document().firstBlock()
    while block.isValid():
        for r in block.layout().formats():
            if r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline:
                word = block.text()[r.start : r.start + r.length]
                out.append((body_line + block.blockNumber() + 1, r.start + 1, word))
        block = block.next()
    return sorted(out)


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "content" / "posts").mkdir(parents=True)
    (site / "hugo.toml").write_text('title = "S"\nlanguageCode = "en-us"\n')
    shutil.copy(DATA / "post.md", site / "content" / "posts" / "post.md")
    return site


def test_the_window_underlines_what_the_command_line_reports(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.setenv("HUGO_POST_EDITOR_DATA", str(tmp_path / "data"))
    site = _site(tmp_path)
    post = site / "content" / "posts" / "post.md"
    out = subprocess.run(
        [sys.executable, "-m", "editor", "spell", str(post), "--json"], capture_output=True, text=True
    )
    reported = sorted((f["line"], f["column"], f["word"]) for f in json.loads(out.stdout))
    assert len(reported) == 14
    window.resize(1400, 900)
    window.open_path(post)
    qtbot.waitUntil(lambda: underlined(window) == reported, timeout=15000)
    # underlining (the description's too) is no edit: the post is not marked changed
    assert not window.document.dirty

    # the form's description is plain text: every word is checked
    window.form.description.setPlainText("A descripton of the post")
    layout = window.form.description.document().firstBlock().layout()
    assert [
        (r.start, r.length)
        for r in layout.formats()
        if r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline
    ] == [(2, len("descripton"))]

    # the right-click menu on "valu": suggestions first, then the dictionaries
    line = next(n for n, w in enumerate(window.body_text().split("\n")) if w.startswith("| valu"))
    cursor = QTextCursor(window.editor.document().findBlockByNumber(line))
    cursor.movePosition(QTextCursor.MoveOperation.Right, n=3)
    menu = QMenu()
    window.spell.add_menu_entries(menu, cursor)
    texts = [a.text() for a in menu.actions()]
    # the real dictionary's own suggestions, in its order (Hunspell's vary with its data)
    expected = enchant.Dict("en_US").suggest("valu")[:6]
    assert "value" in expected and texts[: len(expected)] == expected
    assert "Add to This Site's Dictionary" in texts and "Ignore in This Post" in texts
    next(a for a in menu.actions() if a.text() == "Add to This Site's Dictionary").trigger()
    assert (site / spelling.SITE_DICTIONARY).read_text() == "valu\n"
    qtbot.waitUntil(lambda: "valu" not in [w for _l, _c, w in underlined(window)], timeout=5000)
    assert len(underlined(window)) == 13

    # a suggestion replaces the word, as one edit
    cursor = QTextCursor(window.editor.document().findBlockByNumber(0))
    cursor.movePosition(QTextCursor.MoveOperation.Right, n=5)
    menu = QMenu()
    window.spell.add_menu_entries(menu, cursor)
    next(a for a in menu.actions() if a.text() == "heading").trigger()
    assert window.body_text().startswith("# A heading with a mistak")

    # F8: the next misspelled word after the cursor is selected
    window.editor.moveCursor(QTextCursor.MoveOperation.Start)
    window.actions_by_id["next_misspelling"].trigger()
    assert window.editor.textCursor().selectedText() == "mistak"
    window.actions_by_id["next_misspelling"].trigger()
    assert window.editor.textCursor().selectedText() == "mispelled"
    window.document.post = None


def test_spell_checking_off_and_a_missing_dictionary(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.setenv("HUGO_POST_EDITOR_DATA", str(tmp_path / "data"))
    post = _site(tmp_path) / "content" / "posts" / "post.md"
    window.open_path(post)
    qtbot.waitUntil(lambda: len(underlined(window)) == 14, timeout=15000)
    window.preferences.set("spell_check", False)
    window.apply_preferences()
    qtbot.waitUntil(lambda: underlined(window) == [], timeout=5000)
    window.preferences.set("spell_check", True)
    window.preferences.set("spell_language", "xx_YY")
    window.apply_preferences()
    qtbot.waitUntil(lambda: underlined(window) == [], timeout=5000)
    assert "install hunspell-xx-yy" in window.statusBar().currentMessage()  # one calm message
    window.preferences.set("spell_language", None)
    window.apply_preferences()
    window.open_path(post)
    qtbot.waitUntil(lambda: len(underlined(window)) == 14, timeout=15000)


def test_a_long_posts_far_lines_are_checked_when_they_come_near(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: Any
) -> None:
    """A 1 MB post is not looked up whole: lines far from the view wait until it comes to them
    (or F8 asks); the view's own lines are underlined at once."""
    monkeypatch.setenv("HUGO_POST_EDITOR_DATA", str(tmp_path / "data"))
    site = _site(tmp_path)
    post = site / "content" / "posts" / "long.md"
    lines = [f"Paragraph {n} says nothing wrong at all." for n in range(3000)]
    lines[5] = "A nearr misspelling at the top."
    lines[2500] = "A farr misspelling below."
    post.write_text('+++\ntitle = "Long"\n+++\n' + "\n\n".join(lines) + "\n")
    window.resize(1400, 900)
    window.open_path(post)
    qtbot.waitUntil(lambda: window.spell.ready and window.editor.highlighter.done, timeout=30000)
    qtbot.waitUntil(lambda: "nearr" in [w for _l, _c, w in underlined(window)], timeout=15000)
    assert "farr" not in [w for _l, _c, w in underlined(window)]
    # F8 finds it all the same (it looks lines up as it goes)
    window.editor.moveCursor(QTextCursor.MoveOperation.Start)
    window.actions_by_id["next_misspelling"].trigger()
    assert window.editor.textCursor().selectedText() == "nearr"
    window.actions_by_id["next_misspelling"].trigger()  # (once the preview has rendered that far)
    qtbot.waitUntil(lambda: window.editor.textCursor().selectedText() == "farr", timeout=15000)
    # the view is there now: the line is underlined
    qtbot.waitUntil(lambda: "farr" in [w for _l, _c, w in underlined(window)], timeout=15000)
    window.document.post = None
