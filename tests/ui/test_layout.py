"""The window at every size, with every panel open: the editor keeps at least 55 characters a
line and the preview at least 40 (measured in the real page), the side panel docks in a wide
window and is a drawer in a narrow one, and preview headings never break inside a word."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QFontMetricsF

from editor.ui.arrangement import DOCKED_FROM, EDITOR_CHARS, PREVIEW_CHARS
from editor.ui.main_window import MainWindow
from tests.conftest import SAMPLE_SITE
from tests.helpers.qt import Page

# characters a line of the preview's body text holds: its width over the mean width of a
# sentence's characters in the page's own font
PREVIEW_LINE_CHARS = """(() => {
  const p = document.querySelector('#content p');
  const style = getComputedStyle(p);
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = style.fontSize + ' ' + style.fontFamily;
  const sample = 'the quick brown fox jumps over the lazy dog and writes a post about it ';
  return p.clientWidth / (ctx.measureText(sample).width / sample.length);
})()"""


def _every_panel_open(qtbot: Any, window: MainWindow, tmp_path: Path, width: int, height: int) -> Page:
    site = tmp_path / "site"
    shutil.copytree(SAMPLE_SITE, site)
    window.resize(width, height)
    window.open_path(site)
    qtbot.waitUntil(lambda: window.document.post is not None, timeout=15000)
    window.arrangement.form_action.setChecked(True)
    window.links_panel.show()
    window.preview_action.setChecked(True)
    page = Page(qtbot, window)
    page.wait("document.querySelector('#content p') !== null", timeout=15000)
    qtbot.wait(200)  # the page lays out at its new width
    return page


@pytest.mark.parametrize("width,height", [(1024, 700), (1280, 800), (1920, 1080)])
def test_the_editor_and_preview_keep_readable_widths_with_every_panel_open(
    qtbot: Any, window: MainWindow, tmp_path: Path, width: int, height: int
) -> None:
    page = _every_panel_open(qtbot, window, tmp_path, width, height)
    assert window.width() == width
    side = window.arrangement.side
    assert side.isVisible() and window.form.isVisible() and window.preview.isVisible()
    assert window.arrangement.docked == (width >= DOCKED_FROM)
    if width < DOCKED_FROM:  # a drawer over the text: it takes no width from the editor
        assert window.splitter.indexOf(side) == -1 and window.arrangement.drawer.isVisible()
    else:
        assert window.splitter.indexOf(side) == 0
    editor_chars = window.editor.viewport().width() / QFontMetricsF(window.editor.font()).horizontalAdvance(
        "n"
    )
    preview_chars = page.js(PREVIEW_LINE_CHARS)
    print(f"{width}x{height}: editor {editor_chars:.0f} characters, preview {preview_chars:.0f}")
    assert editor_chars >= EDITOR_CHARS, editor_chars
    assert preview_chars >= PREVIEW_CHARS, preview_chars
    if width >= 1280:  # comfortable: room to spare beside a docked side panel
        assert editor_chars >= EDITOR_CHARS + 3 and preview_chars >= PREVIEW_CHARS + 6
    if width >= 1920:
        assert editor_chars >= 80 and preview_chars >= 65
    # every tab of the side panel in sight, whole, beside its close button
    bar, corner = side.tabBar(), side.cornerWidget()
    assert corner is not None
    right = max(bar.mapTo(side, bar.tabRect(i).topRight()).x() for i in range(bar.count()))
    assert right < corner.geometry().left(), (right, corner.geometry().left())
    assert bar.mapTo(side, bar.tabRect(0).topLeft()).x() >= 0


def test_the_drawer_gets_out_of_the_way(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    _every_panel_open(qtbot, window, tmp_path, 1024, 700)
    window.posts_panel.show()
    assert window.arrangement.drawer.isVisible()
    QTest.keyClick(window.browser.search, Qt.Key.Key_Escape)
    assert not window.arrangement.drawer.isVisible() and not window.posts_panel.isVisible()
    window.posts_panel.action.trigger()  # View → Posts (Ctrl+Shift+B)
    assert window.arrangement.drawer.isVisible() and window.posts_panel.isVisible()
    from PySide6.QtCore import Qt as _Qt

    other = window.browser.model.index(1, 0)
    window.browser.opened.emit(Path(other.data(_Qt.ItemDataRole.UserRole)))
    qtbot.waitUntil(lambda: not window.arrangement.drawer.isVisible(), timeout=5000)
    window.resize(1400, 800)  # wide again: the panel docks beside the text
    window.links_panel.show()
    qtbot.waitUntil(lambda: window.splitter.indexOf(window.arrangement.side) == 0, timeout=5000)


def test_a_long_heading_in_a_narrow_preview_breaks_between_words(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    page = _every_panel_open(qtbot, window, tmp_path, 1024, 700)
    window.form.title.selectAll()
    from tests.helpers.qt import type_text

    type_text(window.form.title, "Notes on a split keyboard, considered thoroughly")
    page.wait("document.querySelector('#header h1').textContent.includes('thoroughly')")
    broken = page.js(
        """(() => {
      const out = [];
      for (const h of document.querySelectorAll('h1, h2, h3')) {
        const text = h.firstChild;
        if (!text || text.nodeType !== 3) continue;
        const re = /\\S+/g; let m;
        while ((m = re.exec(text.data))) {
          const r = document.createRange();
          r.setStart(text, m.index); r.setEnd(text, m.index + m[0].length);
          const tops = new Set(Array.from(r.getClientRects()).map(x => Math.round(x.top)));
          if (tops.size > 1) out.push(m[0]);
        }
      }
      return out;
    })()"""
    )
    assert broken == []
    lines = page.js(
        "Math.round(document.querySelector('#header h1').getBoundingClientRect().height"
        " / parseFloat(getComputedStyle(document.querySelector('#header h1')).lineHeight))"
    )
    assert lines >= 2  # it did wrap: the check above looked at a heading on several lines


def test_focus_mode_typewriter_and_zoom(
    qtbot: Any, window: MainWindow, tmp_path: Path, settings: Any
) -> None:
    page = _every_panel_open(qtbot, window, tmp_path, 1280, 800)
    comforts = window.comforts
    comforts.focus_action.trigger()  # Ctrl+Shift+F
    assert not window.arrangement.side.isVisible() and not window.preview_tabs.isVisible()
    assert not window.form.isVisible() and not window.fold.isVisible() and not window.toolbar.isVisible()
    editor = window.editor
    qtbot.waitUntil(lambda: editor.width() > 1000, timeout=3000)  # the text has the window now

    def column() -> float:
        return editor.viewport().width() / QFontMetricsF(editor.font()).horizontalAdvance("n")

    qtbot.waitUntil(lambda: 72 <= column() < 76, timeout=3000)  # a centred column, not the whole width
    margin_left = editor.viewport().geometry().left()
    assert abs(margin_left - (editor.width() - editor.viewport().geometry().right())) <= 4
    comforts.focus_action.trigger()  # and back: everything as it was
    assert window.arrangement.side.isVisible() and window.preview_tabs.isVisible() and window.form.isVisible()
    assert editor.viewport().width() > 0 and editor.viewportMargins().left() == 0

    editor.setPlainText("\n".join(f"Line {n}" for n in range(300)))
    comforts.typewriter_action.trigger()
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().findBlockByNumber(150).position())
    editor.setTextCursor(cursor)
    middle = editor.viewport().height() / 2
    assert abs(editor.cursorRect().center().y() - middle) < editor.fontMetrics().height() * 1.5

    size = editor.font().pointSizeF()
    comforts.zoom_actions[0].trigger()  # Ctrl++
    assert editor.font().pointSizeF() > size and window.preview.zoomFactor() > 1
    page.wait("true")
    comforts.zoom_actions[2].trigger()  # Ctrl+0
    assert editor.font().pointSizeF() == size and window.preview.zoomFactor() == 1
    comforts.zoom_actions[1].trigger()  # Ctrl+-
    assert settings.value("view/zoom") is not None and float(settings.value("view/zoom")) < 1
    assert settings.value("view/typewriter") in (True, "true")


def test_the_outline_lists_the_headings_follows_the_cursor_and_jumps(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    from PySide6.QtGui import QTextCursor

    from tests.helpers.qt import type_text

    path = tmp_path / "post.md"
    path.write_text(
        '+++\ntitle = "Outline"\n+++\n# Start\n\nText.\n\n## Details\n\n```\n# not a heading\n```\n\n'
        "## More\n\nEnd.\n"
    )
    window.resize(1400, 800)
    window.open_path(path)
    window.outline_panel.show()
    tree = window.outline
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 1, timeout=10000)
    top = tree.topLevelItem(0)
    assert top.text(0) == "Start" and [top.child(i).text(0) for i in range(top.childCount())] == [
        "Details",
        "More",
    ]
    window.editor.move_cursor_to_line(7)  # the code block's "# not a heading", under "Details"
    assert tree.currentItem() is top.child(0)
    tree.itemClicked.emit(top.child(1), 0)  # a click takes the editor there
    assert (
        window.editor.textCursor().blockNumber() == 10
        and window.editor.textCursor().block().text() == "## More"
    )
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(window.editor, "\n# Appendix\n")
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 2, timeout=10000)
    assert tree.topLevelItem(1).text(0) == "Appendix" and tree.currentItem() is tree.topLevelItem(1)


def test_f6_goes_through_every_pane_shown(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    _every_panel_open(qtbot, window, tmp_path, 1400, 800)
    window.activateWindow()
    window.editor.setFocus()
    qtbot.waitUntil(lambda: window.focusWidget() is window.editor, timeout=3000)
    seen = []
    for _ in range(4):
        window.comforts.pane_actions[0].trigger()  # F6
        focused = window.focusWidget()
        seen.append(
            "editor"
            if focused is window.editor
            else "form"
            if window.form.isAncestorOf(focused)
            else "preview"
            if window.preview_tabs.isAncestorOf(focused)
            else "side"
            if window.arrangement.side.isAncestorOf(focused)
            else repr(focused)
        )
    assert seen == ["form", "preview", "side", "editor"]
    window.comforts.pane_actions[1].trigger()  # Shift+F6: back
    assert window.arrangement.side.isAncestorOf(window.focusWidget())


def test_ctrl_tab_leaves_the_editor_and_tab_stays_in_it(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    _every_panel_open(qtbot, window, tmp_path, 1400, 800)
    window.activateWindow()
    window.editor.setFocus()
    qtbot.waitUntil(lambda: window.focusWidget() is window.editor, timeout=3000)
    text = window.editor.raw_text()
    QTest.keyClick(window.editor, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.focusWidget() is not window.editor and window.editor.raw_text() == text
    window.editor.setFocus()
    QTest.keyClick(
        window.editor,
        Qt.Key.Key_Backtab,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.focusWidget() is not window.editor and window.editor.raw_text() == text
    window.editor.setFocus()
    QTest.keyClick(window.editor, Qt.Key.Key_Tab)  # a plain Tab indents
    assert window.focusWidget() is window.editor and window.editor.raw_text() != text


def test_preferences_come_from_the_declared_table_and_apply_at_once(
    qtbot: Any, window: MainWindow, tmp_path: Path, settings: Any
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox

    from editor.core.preferences import OPTIONS
    from editor.core.site import hugo
    from editor.ui.preferences import PreferencesDialog

    _every_panel_open(qtbot, window, tmp_path, 1400, 800)
    dialog = PreferencesDialog(window.preferences, window)
    qtbot.addWidget(dialog)
    assert set(dialog.fields) == {o.key for o in OPTIONS}  # one row per declared option
    own_hugo = tmp_path / "my-hugo"
    own_hugo.write_text("#!/bin/sh\n")
    dialog.findChild(QSpinBox, "pref_editor_font_size").setValue(16)
    dialog.findChild(QSpinBox, "pref_focus_column").setValue(60)
    dialog.findChild(QSpinBox, "pref_recovery_seconds").setValue(5)
    indent = dialog.findChild(QComboBox, "pref_indent")
    indent.setCurrentIndex(indent.findData("tab"))
    theme = dialog.findChild(QComboBox, "pref_theme")
    theme.setCurrentIndex(theme.findData("dark"))
    dialog.findChild(QLineEdit, "pref_default_section").setText("notes")
    dialog.findChild(QLineEdit, "pref_hugo_binary").setText(str(own_hugo))
    try:
        dialog.accept()
        window.apply_preferences()
        assert window.editor.font().pointSizeF() == 16
        assert window.keeper.timer.interval() == 5000
        assert window.theme_group.checkedAction().data() == "dark"
        assert hugo.binary() == str(own_hugo)
        window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
        QTest.keyClick(window.editor, Qt.Key.Key_Tab)
        assert window.editor.toPlainText().endswith("\t")
        window.comforts.focus_action.trigger()
        qtbot.waitUntil(
            lambda: (
                60
                <= window.editor.viewport().width()
                / QFontMetricsF(window.editor.font()).horizontalAdvance("n")
                < 64
            ),
            timeout=3000,
        )
        window.comforts.focus_action.trigger()
        assert settings.value("preferences/focus_column") in (60, "60")  # stored apart from window state
    finally:
        hugo.use_binary(None)
        window.set_theme("system")


def test_the_editor_and_preview_fonts_are_preferences(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    from PySide6.QtGui import QFontDatabase
    from PySide6.QtWidgets import QComboBox, QSpinBox

    from editor.ui.preferences import PreferencesDialog

    page = _every_panel_open(qtbot, window, tmp_path, 1400, 800)
    dialog = PreferencesDialog(window.preferences, window)
    qtbot.addWidget(dialog)
    editor_fonts = dialog.findChild(QComboBox, "pref_editor_font")
    offered = [editor_fonts.itemData(i) for i in range(editor_fonts.count())]
    assert offered[0] == "" and len(offered) > 1 and all(QFontDatabase.isFixedPitch(f) for f in offered[1:])
    mono = offered[-1]
    editor_fonts.setCurrentIndex(editor_fonts.findData(mono))
    preview_fonts = dialog.findChild(QComboBox, "pref_preview_font")
    families = [preview_fonts.itemData(i) for i in range(1, preview_fonts.count())]
    sans = "DejaVu Sans" if "DejaVu Sans" in families else families[0]
    preview_fonts.setCurrentIndex(preview_fonts.findData(sans))
    dialog.findChild(QSpinBox, "pref_preview_font_size").setValue(21)
    dialog.findChild(QSpinBox, "pref_preview_width").setValue(30)
    dialog.accept()
    window.apply_preferences()
    assert window.editor.font().family() == mono
    page.wait("getComputedStyle(document.querySelector('#content p')).fontSize === '21px'")
    assert page.js("getComputedStyle(document.querySelector('#content p')).fontFamily") == f'"{sans}"'
    # 30 widths of the font's "0" at 21 px, measured apart from the style's own arithmetic
    zero = page.js(f"""(() => {{ const c = document.createElement('canvas').getContext('2d');
        c.font = '21px "{sans}"'; return c.measureText('0').width; }})()""")
    width = page.js("document.getElementById('content').getBoundingClientRect().width")
    assert abs(width - 30 * zero) < 2
    # back to the defaults: the style's own serif face and width
    for key in ("editor_font", "preview_font", "preview_font_size", "preview_width"):
        window.preferences.set(key, None)
    window.apply_preferences()
    page.wait("getComputedStyle(document.querySelector('#content p')).fontSize === '17px'")
    assert "Serif" in page.js("getComputedStyle(document.querySelector('#content p')).fontFamily")
    assert window.editor.font().family() == window.comforts.system_family


def test_dragging_a_heading_moves_its_section_as_one_undo_step(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    body = "# A\n\nAlpha\u00a0nbsp.\n\n## A1\n\nOne.\n\n# B\n\nBeta.\n"
    path = tmp_path / "post.md"
    path.write_text('+++\ntitle = "Sections"\n+++\n' + body)
    window.resize(1400, 800)
    window.open_path(path)
    window.outline_panel.show()
    tree = window.outline
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 2, timeout=10000)
    assert tree.move_heading(2, 0)  # what a drop of B above A does (Qt's drag loop needs a mouse)
    moved = "# B\n\nBeta.\n\n# A\n\nAlpha\u00a0nbsp.\n\n## A1\n\nOne.\n"
    assert window.editor.raw_text() == moved, repr(window.editor.raw_text())  # the nbsp kept
    qtbot.waitUntil(lambda: tree.topLevelItem(0).text(0) == "B", timeout=5000)
    window.editor.undo()
    assert window.editor.raw_text() == body  # one step
    assert not tree.move_heading(0, 1)  # A into its own subsection: nothing


def test_focus_mode_remembered_from_the_last_run_gives_everything_back(qtbot: Any, settings: Any) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    settings.setValue("view/focus", True)
    window = MainWindow(settings)  # focus mode comes back before the window is shown
    try:
        window.show()
        assert not window.toolbar.isVisible() and window.comforts.focus_action.isChecked()
        window.comforts.focus_action.trigger()
        assert window.toolbar.isVisible() and not window.fold.isHidden()  # (the start page shows)
    finally:
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
