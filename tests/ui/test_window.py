"""The window edits through the same lossless model: a form edit changes only that field's line."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from editor.ui.main_window import MainWindow
from tests.helpers.editcheck import hunks
from tests.helpers.qt import type_text


def _open(window: MainWindow, path: Path) -> None:
    window.open_path(path)
    assert window.document.post is not None and window.document.post.path == path


def test_opening_a_site_lists_its_posts_and_shows_one(qtbot, window: MainWindow, site: Path) -> None:
    window.open_path(site)
    qtbot.waitUntil(lambda: window.document.post is not None, timeout=10000)  # listed on a thread
    names = window.browser.paths()
    assert "content/posts/testing-stream-processors.md" in names
    assert "content/posts/lisbon-in-three-days/index.md" in names
    assert window.document.post is not None
    assert not window.document.post.path.name.startswith("_index")  # type: ignore[union-attr]


def test_typing_a_title_and_saving_changes_only_the_title_line(qtbot, window: MainWindow, site: Path) -> None:
    path = site / "content" / "posts" / "testing-stream-processors.md"
    before = path.read_text()
    _open(window, path)
    assert window.form.title.text() == "Testing Stream Processors: Talk Notes"
    window.form.title.selectAll()
    qtbot.keyClicks(window.form.title, "Stream processors, tested")
    assert window.isWindowModified()
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    after = path.read_text()
    assert not window.isWindowModified()
    assert after == before.replace(
        'title = "Testing Stream Processors: Talk Notes"', 'title = "Stream processors, tested"'
    )
    assert len(hunks(before, after)) == 1


def test_an_invalid_date_is_flagged_and_not_written(qtbot, window: MainWindow, site: Path) -> None:
    path = site / "content" / "posts" / "first-week-with-hugo.md"
    _open(window, path)
    window.form.date.selectAll()
    qtbot.keyClicks(window.form.date, "09/28/2014")
    assert "unable to parse date" in window.form.date_note.text()
    assert window.document.post.get("date") == "2024-01-08T09:15:00-05:00"  # type: ignore[union-attr]


def test_body_edits_keep_crlf_and_non_breaking_spaces(qtbot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "crlf.md"
    path.write_bytes('+++\r\ntitle = "x"\r\n+++\r\nA\u00a0non-breaking line.\r\nSecond line.\r\n'.encode())
    _open(window, path)
    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    qtbot.keyClicks(window.editor, "Third")
    window.save()
    assert path.read_bytes() == (
        '+++\r\ntitle = "x"\r\n+++\r\nA\u00a0non-breaking line.\r\nSecond line.\r\nThird'.encode()
    )


def test_unparseable_front_matter_is_shown_and_saving_is_refused(
    window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    path = tmp_path / "bad.md"
    path.write_text('+++\ntitle = "a"\ntitle = "b"\n+++\nbody\n')
    _open(window, path)
    assert window.form.error.isVisibleTo(window) and "3:12" in window.form.error.text()
    assert window.form.front_text.isVisibleTo(window) and not window.form.fields.isVisibleTo(window)
    assert window.form.front_text.toPlainText() == 'title = "a"\ntitle = "b"\n'
    shown: list[str] = []
    monkeypatch.setattr(
        "editor.ui.dialogs.QMessageBox.critical", lambda _parent, _title, text: shown.append(text)
    )
    assert window.save() is False
    assert shown and "does not parse" in shown[0]
    assert path.read_text() == '+++\ntitle = "a"\ntitle = "b"\n+++\nbody\n'


def test_slug_follows_a_new_title_until_edited_by_hand(qtbot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "new.md"
    path.write_text("+++\ndraft = true\n+++\n")
    _open(window, path)
    type_text(window.form.title, "Café à Lisbonne")
    assert window.form.slug.text() == "cafe-a-lisbonne"
    qtbot.keyClicks(window.form.slug, "-2")
    qtbot.keyClicks(window.form.title, "!")
    assert window.form.slug.text() == "cafe-a-lisbonne-2"
    window.save()
    assert path.read_text() == (
        '+++\ndraft = true\ntitle = "Café à Lisbonne!"\nslug = "cafe-a-lisbonne-2"\n+++\n'
    )


def test_status_bar_counts_words_and_position(qtbot, window: MainWindow, site: Path) -> None:
    _open(window, site / "content" / "posts" / "keyboard-notes.md")
    assert window.words.text() == "18 words · 1 min read"
    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.Down)
    cursor.movePosition(cursor.MoveOperation.Right)
    window.editor.setTextCursor(cursor)
    # the file's line (as hugo and check count them), front matter included
    lines = (site / "content" / "posts" / "keyboard-notes.md").read_text().split("\n")
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("After a month"))
    assert window.editor.textCursor().block().text().startswith("After a month")
    assert window.position.text() == f"Ln {line}, Col 2"


def test_no_note_of_the_last_post_stays_on_one_that_does_not_parse(
    window: MainWindow, tmp_path: Path
) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text('+++\ntitle = "A draft"\ndraft = true\n+++\nBody\n')
    broken = tmp_path / "broken.md"
    broken.write_text('+++\ntitle = "a"\ntitle = "b"\n+++\nBody\n')
    _open(window, draft)
    assert "will not be published" in window.form.notes.text()
    _open(window, broken)
    assert window.form.notes.text() == "" and not window.form.notes.isVisibleTo(window)


def test_an_unclosed_block_is_fixed_in_the_markdown_pane_and_saved_exactly(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    from PySide6.QtGui import QTextCursor

    from tests.helpers.qt import type_text

    path = tmp_path / "unclosed.md"
    path.write_text('+++\ntitle = "Almost"\ntags = ["a"]\nThe body.\n')
    _open(window, path)
    assert window.form.front_text.isReadOnly()  # typing there would start a second block
    assert "add its closing line in the Markdown pane" in window.form.error.text()
    assert window.body_text() == path.read_text()
    cursor = window.editor.textCursor()
    cursor.setPosition(window.editor.document().findBlockByNumber(3).position())
    window.editor.setTextCursor(cursor)
    type_text(window.editor, "+++\n")
    window.body.flush()
    assert window.document.post is not None and window.document.post.error is None
    assert window.form.title.text() == "Almost" and window.body_text() == "The body.\n"
    assert not window.form.front_text.isVisibleTo(window) or not window.form.raw_toggle.isChecked()
    assert window.save()
    assert path.read_text() == '+++\ntitle = "Almost"\ntags = ["a"]\n+++\nThe body.\n'
    window.editor.moveCursor(QTextCursor.MoveOperation.End)


def test_the_form_comes_back_once_the_fixed_front_matter_parses(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    from tests.helpers.qt import type_text

    path = tmp_path / "dup.md"
    path.write_text('+++\ntitle = "a"\ntitle = "b"\n+++\nBody\n')
    _open(window, path)
    raw = window.form.front_text
    assert raw.isVisibleTo(window) and window.form.raw_toggle.text() == "Back to the form"
    cursor = raw.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    cursor.movePosition(cursor.MoveOperation.Up)
    cursor.select(cursor.SelectionType.LineUnderCursor)
    raw.setTextCursor(cursor)
    type_text(raw, 'slug = "b"')
    assert window.document.post is not None and window.document.post.error is None
    qtbot.waitUntil(lambda: window.form.fields.isVisibleTo(window), timeout=5000)
    assert not raw.isVisibleTo(window) and window.form.raw_toggle.text() == "Edit as text"
    assert window.form.title.text() == "a" and window.form.slug.text() == "b"
    assert window.save() and path.read_text() == '+++\ntitle = "a"\nslug = "b"\n+++\nBody\n'


def test_the_window_title_is_the_posts_title_and_site(window: MainWindow, tmp_path: Path) -> None:
    from tests.helpers.qt import type_text

    bundle = tmp_path / "site" / "content" / "posts" / "lisbon" / "index.md"
    bundle.parent.mkdir(parents=True)
    (tmp_path / "site" / "hugo.toml").write_text('baseURL = "https://example.org/"\n')
    bundle.write_text('+++\ntitle = "Lisbon in three days"\n+++\nBody\n')
    window.open_path(tmp_path / "site")
    _open(window, bundle)
    assert window.windowTitle() == "Lisbon in three days · site[*] — Hugo Post Editor"
    window.arrangement.form_action.setChecked(True)
    window.form.title.selectAll()
    type_text(window.form.title, "Porto \u202eevil")  # a right-to-left override never reads as text
    assert window.windowTitle() == "Porto <U+202E>evil · site[*] — Hugo Post Editor"
    untitled = tmp_path / "site" / "content" / "posts" / "notitle" / "index.md"
    untitled.parent.mkdir()
    untitled.write_text("+++\n+++\nBody\n")
    window.document.post = None
    _open(window, untitled)
    assert window.windowTitle() == "notitle · site[*] — Hugo Post Editor"  # the bundle's folder
