"""The window's form, Markdown commands and file handling, driven through the real widgets; each
edit is checked on disk: only the expected lines changed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from editor.core.post import Post
from editor.ui import menus
from editor.ui.main_window import MainWindow
from tests.conftest import ROOT
from tests.helpers.qt import type_text

Button = QMessageBox.StandardButton


def _open(window: MainWindow, path: Path) -> str:
    window.open_path(path)
    assert window.document.post is not None and window.document.post.path == path
    return path.read_text(encoding="utf-8")


def _changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    b, a = before.splitlines(), after.splitlines()
    assert len(a) == len(b), "lines were added or removed"
    return [(x, y) for x, y in zip(b, a, strict=True) if x != y]


def test_adding_and_removing_tag_chips_rewrites_only_the_tags_line(
    qtbot, window: MainWindow, site: Path
) -> None:
    path = site / "content" / "posts" / "lisbon-in-three-days" / "index.md"
    before = _open(window, path)
    tags = window.form.tags
    assert tags.tokens() == ["travel", "portugal"]
    type_text(tags.entry, "food")
    qtbot.keyClick(tags.entry, Qt.Key.Key_Return)
    assert tags.tokens() == ["travel", "portugal", "food"]
    qtbot.mouseClick(tags.chips()[0], Qt.MouseButton.LeftButton)  # the ✕ chip removes "travel"
    assert tags.tokens() == ["portugal", "food"]
    assert window.save()
    after = path.read_text(encoding="utf-8")
    assert _changed_lines(before, after) == [("tags: [travel, portugal]", "tags: [portugal, food]")]


def test_tag_completion_offers_the_sites_terms(qtbot, window: MainWindow, site: Path) -> None:
    _open(window, site / "content" / "posts" / "keyboard-notes.md")
    qtbot.waitUntil(lambda: not window.browser.scanning, timeout=10000)  # the site is listed on a thread
    offered = window.form.tags.completer.model().stringList()  # type: ignore[attr-defined]
    assert {"hugo", "travel", "hardware"} <= set(offered)


def test_comma_ends_a_term_and_duplicates_are_ignored(window: MainWindow, site: Path) -> None:
    _open(window, site / "content" / "posts" / "keyboard-notes.md")
    type_text(window.form.tags.entry, "ergonomics, Hardware,")
    assert window.form.tags.tokens() == ["hardware", "ergonomics"]
    assert window.document.post.get("tags") == ["hardware", "ergonomics"]  # type: ignore[union-attr]


def test_draft_toggle_and_date_edit_change_only_their_lines(qtbot, window: MainWindow, site: Path) -> None:
    path = site / "content" / "posts" / "testing-stream-processors.md"
    before = _open(window, path)
    assert "Draft" not in window.form.notes.text()
    box = window.form.draft
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))  # on the box
    assert "will not be published" in window.form.notes.text()
    window.form.date.selectAll()
    qtbot.keyClicks(window.form.date, "2099-01-02T10:00:00-05:00")
    assert "in the future" in window.form.notes.text()
    assert window.save()
    after = path.read_text(encoding="utf-8")
    changed = set(_changed_lines(before, after))
    assert changed == {
        ('date = "2024-03-14T18:30:00-04:00"', 'date = "2099-01-02T10:00:00-05:00"'),
        ("draft = false", "draft = true"),
    }


def test_empty_title_and_slug_with_spaces_are_flagged(qtbot, window: MainWindow, site: Path) -> None:
    _open(window, site / "content" / "posts" / "keyboard-notes.md")
    window.form.title.selectAll()
    qtbot.keyClick(window.form.title, Qt.Key.Key_Delete)
    assert "needs a title" in window.form.title.toolTip()
    qtbot.keyClicks(window.form.slug, "two words")
    assert "spaces" in window.form.slug.toolTip()
    assert window.document.post.get("slug") == "two words"  # flagged, never silently fixed  # type: ignore[union-attr]


def test_other_fields_are_listed_edited_in_place_and_refused_when_wrong(
    window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "p.md"
    path.write_text('+++\ntitle = "x"\nweight = 3\nfeatured = false\n\n[params]\nmood = "calm"\n+++\nBody\n')
    before = _open(window, path)
    table = window.form.other
    rows = {table.item(r, 0).text(): table.item(r, 1) for r in range(table.rowCount())}
    assert set(rows) == {"weight", "featured", "params › mood"}  # params' own rows, editable
    assert rows["params › mood"].flags() & Qt.ItemFlag.ItemIsEditable
    rows["weight"].setText("ten")
    assert "whole number" in rows["weight"].toolTip()
    assert window.document.post.get("weight") == 3  # type: ignore[union-attr]
    rows["weight"].setText("10")
    rows["featured"].setText("true")
    assert window.save()
    assert _changed_lines(before, path.read_text()) == [
        ("weight = 3", "weight = 10"),
        ("featured = false", "featured = true"),
    ]


def test_nested_tables_are_edited_as_raw_text(qtbot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "p.md"
    path.write_text('+++\ntitle = "x"\n\n[params]\nmood = "calm"\n+++\nBody\n')
    _open(window, path)
    qtbot.mouseClick(window.fold, Qt.MouseButton.LeftButton)  # the folded form opens
    qtbot.mouseClick(window.form.raw_toggle, Qt.MouseButton.LeftButton)
    raw = window.form.front_text
    assert raw.isVisibleTo(window) and raw.toPlainText() == 'title = "x"\n\n[params]\nmood = "calm"\n'
    raw.setFocus()
    cursor = raw.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    raw.setTextCursor(cursor)
    type_text(raw, 'tone = "dry"')
    assert window.document.post.get("params") == {"mood": "calm", "tone": "dry"}  # type: ignore[union-attr]
    assert window.save()
    assert path.read_text() == '+++\ntitle = "x"\n\n[params]\nmood = "calm"\ntone = "dry"\n+++\nBody\n'


def test_a_broken_post_is_fixed_in_the_raw_box_then_saved(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    path = tmp_path / "bad.md"
    original = '---\ntitle: "unclosed\ntags: [a]\n---\nEvery word here matters.\n'
    path.write_text(original)
    _open(window, path)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: Button.Ok)
    assert not window.save() and path.read_text() == original  # refused, nothing lost
    raw = window.form.front_text
    assert raw.toPlainText() == 'title: "unclosed\ntags: [a]\n'
    cursor = raw.textCursor()
    cursor.movePosition(cursor.MoveOperation.Down)
    cursor.movePosition(cursor.MoveOperation.Left)
    raw.setTextCursor(cursor)
    type_text(raw, '"')
    assert window.document.post.error is None  # type: ignore[union-attr]
    assert not window.form.error.isVisibleTo(window) and window.form.title.text() == "unclosed"
    assert window.save()
    assert path.read_text() == '---\ntitle: "unclosed"\ntags: [a]\n---\nEvery word here matters.\n'


def test_closing_with_unsaved_edits_asks_and_cancel_keeps_everything(
    qtbot, window: MainWindow, site: Path, monkeypatch
) -> None:
    path = site / "content" / "posts" / "keyboard-notes.md"
    before = _open(window, path)
    qtbot.keyClicks(window.editor, "Unsaved words. ")
    asked: list[str] = []

    def answer(reply: QMessageBox.StandardButton):
        return lambda _parent, _title, text, *_a: asked.append(text) or reply

    monkeypatch.setattr(QMessageBox, "question", answer(Button.Cancel))
    assert not window.close()
    assert asked == ["Save your changes to keyboard-notes.md?"] and window.isVisible()
    assert "Unsaved words." in window.editor.toPlainText() and path.read_text() == before
    monkeypatch.setattr(QMessageBox, "question", answer(Button.Save))
    assert window.close()
    assert path.read_text().replace("Unsaved words. ", "", 1) == before


def test_find_and_replace_all_is_one_undo_step(qtbot, window: MainWindow, site: Path) -> None:
    _open(window, site / "content" / "posts" / "first-week-with-hugo.md")
    text = window.editor.toPlainText()
    window.actions_by_id["replace"].trigger()
    bar = window.find_bar
    bar.needle.setText("Hugo")
    bar.replacement.setText("HUGO")
    bar.case.setChecked(True)
    assert bar.replace_all() == text.count("Hugo") >= 1
    assert "Hugo" not in window.editor.toPlainText()
    window.actions_by_id["undo"].trigger()
    assert window.editor.toPlainText() == text
    bar.needle.setText("nothing like this")
    assert not bar.find_next() and bar.status.text() == "Not found"


def test_formatting_commands(qtbot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "f.md"
    path.write_text('+++\ntitle = "f"\n+++\nmake this bold\n')
    _open(window, path)
    ed = window.editor
    cursor = ed.textCursor()
    cursor.setPosition(len("make this "))
    ed.setTextCursor(cursor)
    window.actions_by_id["bold"].trigger()
    assert ed.toPlainText() == "make this **bold**\n"
    window.actions_by_id["bold"].trigger()  # again: plain again
    assert ed.toPlainText() == "make this bold\n"
    window.actions_by_id["heading2"].trigger()
    assert ed.toPlainText() == "## make this bold\n"
    window.actions_by_id["heading3"].trigger()
    assert ed.toPlainText() == "### make this bold\n"
    window.actions_by_id["paragraph"].trigger()
    assert ed.toPlainText() == "make this bold\n"
    QApplication.clipboard().setText("https://gohugo.io/")
    cursor.setPosition(0)
    cursor.setPosition(4, cursor.MoveMode.KeepAnchor)
    ed.setTextCursor(cursor)
    window.actions_by_id["link"].trigger()
    assert ed.toPlainText() == "[make](https://gohugo.io/) this bold\n"
    window.flush()
    assert window.document.post.body == "[make](https://gohugo.io/) this bold\n"  # type: ignore[union-attr]


def test_new_post_save_as_then_recent_files(window: MainWindow, site: Path, monkeypatch) -> None:
    window.open_path(site)
    window.new_untitled()
    assert window.windowTitle() == f"untitled · {site.name}[*] — Hugo Post Editor" and window.document.dirty
    type_text(window.form.title, "Hello again")
    assert window.form.slug.text() == "hello-again"
    target = site / "content" / "posts" / "hello-again.md"
    monkeypatch.setattr("editor.ui.files.QFileDialog.getSaveFileName", lambda _p, _c, start, _f: (start, ""))
    assert window.save()
    post = Post.load(target)
    assert post.get("title") == "Hello again" and post.get("slug") == "hello-again"
    assert post.get("draft") is True and post.error is None
    assert (
        not window.document.dirty
        and window.windowTitle() == f"Hello again · {site.name}[*] — Hugo Post Editor"
    )
    assert window.recent_files()[0] == str(target.resolve())
    menus.fill_recent(window)
    assert str(target.resolve()) in [a.text() for a in window.recent_menu.actions()]


def test_revert_reloads_from_disk(window: MainWindow, site: Path, monkeypatch, qtbot) -> None:
    path = site / "content" / "posts" / "keyboard-notes.md"
    before = _open(window, path)
    qtbot.keyClicks(window.editor, "scratch ")
    monkeypatch.setattr(QMessageBox, "question", lambda *a: Button.Discard)
    window.actions_by_id["revert"].trigger()
    assert window.document.post.text == before and not window.isWindowModified()  # type: ignore[union-attr]


def test_dropping_a_markdown_file_opens_it(window: MainWindow, site: Path) -> None:
    path = site / "content" / "posts" / "keyboard-notes.md"
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert window.document.post is not None and window.document.post.path == path


def test_window_layout_and_theme_are_remembered(qtbot, settings: QSettings, tmp_path: Path) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    post = tmp_path / "post.md"
    post.write_text('+++\ntitle = "x"\n+++\nBody.\n')
    first = MainWindow(settings)
    second = None
    try:
        first.resize(1500, 800)
        first.show()
        first.open_path(post)
        first.links_panel.show()
        first.splitter.setSizes([380, 560, 552])  # the author widens the side panel
        first.splitter.splitterMoved.emit(380, 1)
        first.arrangement.form_action.setChecked(True)
        first.text_splitter.setSizes([250, 450])
        first.set_theme("dark")
        first.close()
        second = MainWindow(settings)
        second.show()  # on the test's small screen: narrow, so the side panel is a drawer
        second.open_path(post)
        assert second.links_panel.isVisible() and not second.arrangement.docked
        second.resize(1500, 800)
        qtbot.waitUntil(lambda: second.splitter.sizes()[0] == 380, timeout=3000)
        assert second.arrangement.form_action.isChecked() and second.text_splitter.sizes()[0] == 250
        assert second.theme_group.checkedAction().data() == "dark"
        second.set_theme("system")
    finally:
        for w in (first, second):  # really gone before the application (HEADLESS.md: crash at exit)
            if w is not None:
                w.close()
                w.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshot_command_writes_a_png_and_exits_0(tmp_path: Path, theme: str) -> None:
    png = tmp_path / "window.png"
    post = ROOT / "resources" / "sample-site" / "content" / "posts" / "testing-stream-processors.md"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "editor",
            str(post),
            "--screenshot",
            str(png),
            "--size",
            "1024x700",
            "--theme",
            theme,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    assert (image.width(), image.height()) == (1024, 700)
    # the theme is applied to the window and the preview: mostly dark or mostly light pixels
    for left, right in ((0, 1024), (800, 1024)):  # the whole window; the preview pane
        grid = [image.pixelColor(x, y).lightness() for x in range(left, right, 8) for y in range(60, 700, 8)]
        mean = sum(grid) / len(grid)
        assert mean < 90 if theme == "dark" else mean > 190, (left, mean)


@pytest.mark.parametrize(
    ("value", "draft"), [('"True"', True), ("1", True), ('"yes"', False), ("false", False)]
)
def test_the_form_and_the_browser_agree_on_drafts(
    qtbot, window: MainWindow, site: Path, value, draft
) -> None:
    """One rule (Hugo's, tests/core/test_dates_and_checks.py checks it against Hugo) in both."""
    post = site / "content" / "posts" / "stringy.md"
    post.write_text(f'+++\ntitle = "Stringy"\ndraft = {value}\n+++\nBody.\n')
    window.open_path(post)
    assert window.form.draft.isChecked() is draft
    assert ("will not be published" in window.form.notes.text()) is draft
    qtbot.waitUntil(
        lambda: any(p.path.endswith("stringy.md") for p in window.browser.model.all), timeout=10000
    )
    [info] = [p for p in window.browser.model.all if p.path.endswith("stringy.md")]
    assert info.draft is draft


def test_custom_parameters_under_params_are_rows_of_their_own(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    """A post keeping its custom fields under params: they are editable rows; a new one goes
    there; a nested table (sites) reads as a structure; a removed one takes only its line."""
    (tmp_path / "hugo.toml").write_text('title = "S"\n')
    path = tmp_path / "content" / "posts" / "a.md"
    path.parent.mkdir(parents=True)
    path.write_text(
        "---\ntitle: A\nparams:\n  # who wrote it\n  author2: me\n  mood: calm\n"
        "sites:\n  matrix:\n    languages: [en, de]\n---\nHi\n"
    )
    before = _open(window, path)
    table = window.form.other
    rows = {table.item(r, 0).text(): table.item(r, 1) for r in range(table.rowCount())}
    assert list(rows) == ["params › author2", "params › mood", "sites"]
    assert rows["sites"].text() == "matrix (languages en, de)"
    assert not rows["sites"].flags() & Qt.ItemFlag.ItemIsEditable
    assert rows["sites"].toolTip().startswith("matrix:\n  languages: en, de")
    rows["params › mood"].setText("stormy")
    window.form.field_added.emit("weather")  # what "+" does after asking the name
    assert [table.item(r, 0).text() for r in range(table.rowCount())][-2:] == ["params › weather", "sites"]
    window.form.param_removed.emit("params", "author2")
    assert window.save()
    after = path.read_text(encoding="utf-8")
    assert after == before.replace("  author2: me\n", "").replace(
        "mood: calm\n", "mood: stormy\n  weather: ''\n"
    )


def test_the_cascade_target_fix_from_the_form(qtbot, window: MainWindow, tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_text('title = "S"\n')
    path = tmp_path / "content" / "_index.md"
    path.parent.mkdir(parents=True)
    path.write_text(
        '+++\ntitle = "S"\n[[cascade]]\n  draft = false\n  [cascade._target]\n    path = "/posts/**"\n+++\n'
    )
    before = _open(window, path)
    qtbot.waitUntil(lambda: 'href="fix:cascade-target"' in window.form.notes.text(), timeout=5000)
    window.form.notes.linkActivated.emit("fix:cascade-target")
    qtbot.waitUntil(lambda: "fix:" not in window.form.notes.text(), timeout=5000)
    assert window.save()
    assert _changed_lines(before, path.read_text(encoding="utf-8")) == [
        ("  [cascade._target]", "  [cascade.target]")
    ]
