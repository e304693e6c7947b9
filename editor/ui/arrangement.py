"""How the window arranges itself at every size.

- The side panel holds the post list, the link sections and the site problems as tabs. In a wide
  window it sits left of the editor (its width is the author's, remembered); in a narrow one it is
  a drawer that opens over the text and closes again (Escape, or choosing a post).
- The front matter folds into a one-line summary above the editor (title · date · draft · tags);
  a click or Ctrl+E opens the whole form there, above the text, not beside it.
- The editor never gets narrower than EDITOR_CHARS characters of its font, the preview than
  PREVIEW_CHARS of its own: the side panel gives way first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QFontMetricsF, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsDropShadowEffect,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

DOCKED_FROM = 1200  # px of window width: narrower, the side panel is a drawer over the text
EDITOR_CHARS = 55  # the editor's narrowest line, in characters of its font
PREVIEW_CHARS = 40  # the preview's narrowest line, in characters of its body font
PREVIEW_FONT = ("DejaVu Serif", 17)  # preview.css's body font, for its character width
PREVIEW_PADDING = 2 * 32 + 16  # the page's side padding at its widest, and a scroll bar
SIDE_WIDTH = 280  # the side panel's width until the author drags it wider or narrower
SIDE_MIN = 220
DRAWER_WIDTH = 330  # the drawer's narrowest (the post list's filters fit)


def chars_wide(font: QFont, chars: int) -> int:
    """Pixels for `chars` average characters of `font` (a monospace font: exactly)."""
    return round(QFontMetricsF(font).horizontalAdvance("n" * chars))


def preview_min_width() -> int:
    family, pixels = PREVIEW_FONT
    font = QFont(family)
    font.setPixelSize(pixels)
    return round(QFontMetricsF(font).averageCharWidth() * PREVIEW_CHARS) + PREVIEW_PADDING


class SidePanel(QTabWidget):
    """The post list, link sections and site problems, one tab each, with a close button."""

    close_asked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("side_panel")
        self.setDocumentMode(True)
        self.setMinimumWidth(SIDE_MIN)
        # the tabs: all in sight (no scroll arrows), whole; the panel is as wide as they need
        self.setUsesScrollButtons(False)
        self.setElideMode(Qt.TextElideMode.ElideNone)
        # five tabs and the close button fit the default width with a little less padding
        self.tabBar().setStyleSheet(
            "QTabBar::tab { padding: 4px 6px; }"
            "QTabBar::tab:selected { border-bottom: 2px solid palette(highlight); }"
        )
        close = QToolButton(self)
        close.setObjectName("side_close")
        close.setAutoRaise(True)
        close.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        close.setToolTip("Hide the side panel (Escape in the drawer)")
        close.clicked.connect(self.close_asked)
        self.setCornerWidget(close, Qt.Corner.TopRightCorner)


class Panel(QObject):
    """One tab of the side panel as the rest of the window sees it: shown, hidden, titled, and a
    View-menu action with its shortcut. Its widget is made the first time it is shown or asked
    for (`widget`); until then an empty stand-in holds its tab (a hidden panel costs the window's
    start nothing: its module is not even imported)."""

    def __init__(
        self,
        arrangement: Arrangement,
        make: Callable[[], QWidget],
        label: str,
        title: str,
        shortcut: str,
        name: str,
    ) -> None:
        super().__init__(arrangement)
        self.arrangement = arrangement
        self._make: Callable[[], QWidget] | None = make
        self._tab = QWidget()  # the stand-in, then the widget
        self._label = label
        arrangement.side.addTab(self._tab, label)
        self.action = QAction(title, arrangement)
        self.action.setObjectName(name)
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence(shortcut))
        self.action.triggered.connect(self._triggered)

    @property
    def made(self) -> bool:
        return self._make is None

    @property
    def tab(self) -> QWidget:
        """The tab's widget as it is now (the stand-in until the panel is made)."""
        return self._tab

    @property
    def widget(self) -> QWidget:
        """The panel's widget, made now if it was not yet."""
        if self._make is not None:
            make, self._make = self._make, None
            widget, stand_in = make(), self._tab
            side = self.arrangement.side
            i = side.indexOf(stand_in)
            current = side.currentIndex() == i
            tip = side.tabToolTip(i)
            self._tab = widget
            side.insertTab(i, widget, self._label)
            side.setTabToolTip(i, tip)
            if current:
                side.setCurrentIndex(i)
            side.removeTab(i + 1)
            stand_in.deleteLater()
        return self._tab

    def _triggered(self, on: bool) -> None:
        self.show() if on else self.hide()

    def show(self) -> None:
        self.arrangement.show_panel(self)

    def hide(self) -> None:
        if self.isVisible():
            self.arrangement.hide_side()

    def isVisible(self) -> bool:  # named as Qt names it: callers treat a panel as a widget
        return self.arrangement.side_open and self.arrangement.side.currentWidget() is self._tab

    def setWindowTitle(self, title: str) -> None:  # as a dock's: the tab's tooltip (labels stay short)
        self.arrangement.side.setTabToolTip(self.arrangement.side.indexOf(self._tab), title)


class Arrangement(QObject):
    """The side panel docked or as a drawer, the form folded or open, and what is remembered."""

    changed = Signal()

    def __init__(
        self,
        window: QWidget,
        splitter: QSplitter,
        overlay_parent: QWidget,
        form_pane: QWidget,
        fold: QToolButton,
        settings: QSettings,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.splitter = splitter
        self.settings = settings
        self.side = SidePanel()
        self.side.close_asked.connect(self.hide_side)
        self.side.currentChanged.connect(lambda _i: self._current_changed())
        self.drawer = QFrame(overlay_parent)
        self.drawer.setObjectName("drawer")
        self.drawer.setFrameShape(QFrame.Shape.StyledPanel)
        self.drawer.setAutoFillBackground(True)
        shadow = QGraphicsDropShadowEffect(self.drawer)  # an edge over the text, light or dark
        shadow.setBlurRadius(24)
        shadow.setOffset(4, 0)
        shadow.setColor(QColor(0, 0, 0, 140))
        self.drawer.setGraphicsEffect(shadow)
        self._drawer_box = QVBoxLayout(self.drawer)
        self._drawer_box.setContentsMargins(0, 0, 0, 0)
        self.drawer.hide()
        overlay_parent.installEventFilter(self)
        self.side.installEventFilter(self)
        splitter.installEventFilter(self)
        if isinstance(overlay_parent, QStackedWidget):  # a page shown is raised over the drawer
            overlay_parent.currentChanged.connect(lambda _i: self.drawer.raise_())
        self.side_open = False
        self.side_width = int(str(settings.value("view/side_width", SIDE_WIDTH)))
        self.form_pane = form_pane
        self.fold = fold
        self.panels: list[Panel] = []
        self.splitter.insertWidget(0, self.side)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.splitterMoved.connect(self._side_dragged)
        self.side.hide()
        self.form_action = QAction("Front Matter &Form", self)
        self.form_action.setObjectName("show_form")
        self.form_action.setCheckable(True)
        self.form_action.setShortcut(QKeySequence("Ctrl+E"))
        self.form_action.toggled.connect(self.show_form)
        self.side_action = QAction("&Side Panel", self)
        self.side_action.setObjectName("show_side")
        self.side_action.setCheckable(True)
        self.side_action.setShortcut(QKeySequence("F9"))
        self.side_action.triggered.connect(lambda on: self.show_side() if on else self.hide_side())
        fold.clicked.connect(lambda: self.form_action.toggle())
        self.form_action.setChecked(settings.value("view/form", "false") in (True, "true"))
        self.show_form(self.form_action.isChecked())

    def panel(self, make: Callable[[], QWidget], label: str, title: str, shortcut: str, name: str) -> Panel:
        """A tab of the side panel (`label`), shown and hidden by a View-menu action (`title`);
        `make` makes its widget when it is first shown."""
        panel = Panel(self, make, label, title, shortcut, name)
        self.panels.append(panel)
        return panel

    # ---- the side panel ---------------------------------------------------------------------

    @property
    def docked(self) -> bool:
        return self.window.width() >= DOCKED_FROM

    def show_panel(self, panel: Panel) -> None:
        self.side.setCurrentWidget(panel.widget)
        self.show_side()

    def _current_changed(self) -> None:
        self._make_shown()
        self._sync_actions()

    def _make_shown(self) -> None:
        """The tab in sight is made if it was not yet."""
        if self.side_open:
            for panel in self.panels:
                if panel.tab is self.side.currentWidget() and not panel.made:
                    panel.widget  # noqa: B018 (made by being asked for)

    def show_side(self) -> None:
        self.side_open = True
        self.relayout()
        self.side.currentWidget().setFocus()

    def hide_side(self) -> None:
        self.side_open = False
        self.relayout()

    def restore(self) -> None:
        """The side panel as the author left it: open or not, on which tab."""
        tab = int(str(self.settings.value("view/side_tab", 0)))
        if 0 <= tab < self.side.count():
            self.side.setCurrentIndex(tab)
        if self.settings.value("view/side_open", "false") in (True, "true"):
            self.show_side()

    def remember(self) -> None:
        self.settings.setValue("view/side_open", self.side_open)
        self.settings.setValue("view/side_tab", self.side.currentIndex())
        self.settings.setValue("view/side_width", self.side_width)

    def close_drawer(self) -> None:
        """After a choice in the drawer (a post opened): it gets out of the way."""
        if self.side_open and not self.docked:
            self.hide_side()

    def relayout(self) -> None:
        """Put the side panel where the window's width says, shown or hidden."""
        in_splitter = self.splitter.indexOf(self.side) == 0
        if self.docked and not in_splitter:
            self.drawer.hide()
            self.splitter.insertWidget(0, self.side)
            self.splitter.setStretchFactor(0, 0)
        elif not self.docked and in_splitter:
            self._drawer_box.addWidget(self.side)
        self._make_shown()
        self.side.setVisible(self.side_open)
        if self.docked:
            self._size_side()
        else:
            self.drawer.setVisible(self.side_open)
            self._place_drawer()
            if self.side_open:
                self.drawer.raise_()
        self._sync_actions()
        self.changed.emit()

    def _size_side(self) -> None:
        """The docked side panel at the author's width; the editor and preview share the rest."""
        if not self.side_open or self.splitter.indexOf(self.side) != 0 or self.splitter.width() < 100:
            return
        rest = max(0, self.splitter.width() - self.splitter.handleWidth() * 2 - self.side_width)
        self.splitter.setSizes([self.side_width, rest // 2, rest - rest // 2])

    def _place_drawer(self) -> None:
        parent = self.drawer.parentWidget()
        assert parent is not None
        # over the text a drawer may be wider than the docked panel: it takes nothing from it
        width = min(max(self.side_width, DRAWER_WIDTH), max(SIDE_MIN, parent.width() * 45 // 100))
        self.drawer.setGeometry(0, 0, width, parent.height())

    def _side_dragged(self, _pos: int, _index: int) -> None:
        if not self.side.isHidden() and self.splitter.indexOf(self.side) == 0:
            self.side_width = self.splitter.sizes()[0]
            self.settings.setValue("view/side_width", self.side_width)

    def _sync_actions(self) -> None:
        self.side_action.setChecked(self.side_open)
        for panel in self.panels:
            panel.action.setChecked(panel.isVisible())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if watched is self.splitter and event.type() == QEvent.Type.Show:
            self._size_side()  # the side panel's width once the splitter has its own
        elif event.type() in (QEvent.Type.Resize, QEvent.Type.Show) and watched is self.drawer.parentWidget():
            if self.docked != (self.splitter.indexOf(self.side) == 0):
                self.relayout()
            elif not self.drawer.isHidden():
                self._place_drawer()
        elif (
            event.type() == QEvent.Type.KeyPress
            and watched is self.side
            and getattr(event, "key", lambda: None)() == Qt.Key.Key_Escape
            and not self.docked
        ):
            self.hide_side()
            return True
        return False

    # ---- the front matter form --------------------------------------------------------------

    def show_form(self, shown: bool) -> None:
        self.form_pane.setVisible(shown)
        self.fold.setChecked(shown)
        self.fold.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.settings.setValue("view/form", shown)
        self.changed.emit()


FOCUS_COLUMN = 72  # characters: focus mode's text column (a preference to come)
ZOOM_STEPS = (0.67, 0.75, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0)


class Comforts(QObject):
    """Focus mode (everything hidden but the text, in a centred column), full screen, typewriter
    scrolling and zoom for the editor and the preview: each a View-menu toggle, remembered."""

    def __init__(self, window: QMainWindow, arrangement: Arrangement, settings: QSettings) -> None:
        super().__init__(window)
        self.window = window
        self.arrangement = arrangement
        self.settings = settings
        self._before: dict[str, bool] = {}

        def toggle(text: str, name: str, keys: str, slot: Callable[[bool], None]) -> QAction:
            action = QAction(text, self)
            action.setObjectName(name)
            action.setCheckable(True)
            action.setShortcut(QKeySequence(keys))
            action.toggled.connect(slot)
            return action

        self.focus_action = toggle("&Focus Mode", "focus_mode", "Ctrl+Shift+F", self.set_focus)
        self.full_screen_action = toggle("F&ull Screen", "full_screen", "F11", self.set_full_screen)
        self.typewriter_action = toggle(
            "&Typewriter Scrolling", "typewriter", "Ctrl+Shift+Y", self.set_typewriter
        )
        self.zoom_actions = []
        for text, name, keys, step in (
            ("Zoom &In", "zoom_in", "Ctrl++", 1),
            ("Zoom &Out", "zoom_out", "Ctrl+-", -1),
            ("&Actual Size", "zoom_reset", "Ctrl+0", 0),
        ):
            action = QAction(text, self)
            action.setObjectName(name)
            action.setShortcuts([QKeySequence(keys), *([QKeySequence("Ctrl+=")] if step == 1 else [])])
            action.triggered.connect(lambda _c=False, step=step: self.zoom(step))
            self.zoom_actions.append(action)
        self.zoom_level = float(str(settings.value("view/zoom", 1.0)))
        self.focus_column = FOCUS_COLUMN
        self.system_point_size = window.editor.font().pointSizeF()  # type: ignore[attr-defined]
        self.system_family = window.editor.font().family()  # type: ignore[attr-defined]
        self._base_family = self.system_family
        self.pane_actions = []
        for text, name, keys, step in (
            ("Next Pane", "next_pane", "F6", 1),
            ("Previous Pane", "previous_pane", "Shift+F6", -1),
        ):
            action = QAction(text, self)
            action.setObjectName(name)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(lambda _c=False, step=step: self.next_pane(step))
            self.pane_actions.append(action)
        self._base_point_size = self.system_point_size  # the font before zoom (Preferences)

    def panes(self) -> list[QWidget]:
        """The panes F6 goes through, in order: those shown now."""
        w: Any = self.window
        out = [w.editor]
        if self.arrangement.form_action.isChecked() and w.form.isVisible():
            out.append(w.form.front_text if w.form.front_text.isVisible() else w.form.title)
        if w.preview_tabs.isVisible():
            out.append(w.preview_tabs.currentWidget())
        if self.arrangement.side_open and self.arrangement.side.currentWidget() is not None:
            out.append(self.arrangement.side.currentWidget())
        return out

    def next_pane(self, step: int = 1) -> None:
        """F6 / Shift+F6: the focus to the next (previous) pane."""
        panes = self.panes()
        focused = self.window.focusWidget()
        here = next(
            (
                i
                for i, pane in enumerate(panes)
                if focused is not None and (focused is pane or pane.isAncestorOf(focused))
            ),
            -1,
        )
        target = panes[(here + step) % len(panes)]
        target.setFocus(Qt.FocusReason.TabFocusReason)
        inner = target.nextInFocusChain()
        if target.focusProxy() is None and not target.hasFocus() and inner is not None:
            inner.setFocus(Qt.FocusReason.TabFocusReason)  # a container: its first field

    def set_font(self, family: str, points: float) -> None:
        """The editor's font and its size before zoom (Preferences; "" and 0: the system's)."""
        self._base_family = family or self.system_family
        self._base_point_size = points or self.system_point_size
        self._apply_zoom()

    def set_focus_column(self, chars: int) -> None:
        self.focus_column = chars
        if self.focus_action.isChecked():
            self._editor().set_column(chars)

    def restore(self) -> None:
        """Typewriter scrolling and focus mode as they were (the zoom comes with the font size)."""
        self.typewriter_action.setChecked(_flag(self.settings, "view/typewriter"))
        self.focus_action.setChecked(_flag(self.settings, "view/focus"))

    def _editor(self) -> Any:
        return self.window.editor  # type: ignore[attr-defined]

    def set_focus(self, on: bool) -> None:
        w: Any = self.window
        parts = {
            "side": (
                lambda: self.arrangement.side_open,
                lambda v: self.arrangement.show_side() if v else self.arrangement.hide_side(),
            ),
            "preview": (w.preview_action.isChecked, w.preview_action.setChecked),
            # isHidden, not isVisible: focus mode comes back at start-up, before the window shows
            "fold": (lambda: not w.fold.isHidden(), w.fold.setVisible),
            "form": (self.arrangement.form_action.isChecked, self.arrangement.form_action.setChecked),
            "toolbar": (lambda: not w.toolbar.isHidden(), w.toolbar.setVisible),
        }
        if on:
            self._before = {name: get() for name, (get, _set) in parts.items()}
            for _name, (_get, put) in parts.items():
                put(False)
            w.editor.set_column(self.focus_column)
        else:
            for name, (_get, put) in parts.items():
                put(self._before.get(name, name in ("preview", "fold", "toolbar")))
            w.editor.set_column(0)
        self.settings.setValue("view/focus", on)

    def set_full_screen(self, on: bool) -> None:
        self.window.showFullScreen() if on else self.window.showNormal()

    def set_typewriter(self, on: bool) -> None:
        self._editor().set_typewriter(on)
        self.settings.setValue("view/typewriter", on)

    def zoom(self, step: int) -> None:
        if step == 0:
            self.zoom_level = 1.0
        else:
            here = min(range(len(ZOOM_STEPS)), key=lambda i: abs(ZOOM_STEPS[i] - self.zoom_level))
            self.zoom_level = ZOOM_STEPS[max(0, min(len(ZOOM_STEPS) - 1, here + step))]
        self.settings.setValue("view/zoom", self.zoom_level)
        self._apply_zoom()

    def _apply_zoom(self) -> None:
        w: Any = self.window
        font = w.editor.font()
        font.setFamily(self._base_family)
        font.setFixedPitch(True)
        font.setPointSizeF(self._base_point_size * self.zoom_level)
        w.editor.setFont(font)
        w.editor.set_column(w.editor.column_chars)
        w.preview.set_zoom(self.zoom_level)


def _flag(settings: QSettings, key: str) -> bool:
    return settings.value(key, "false") in (True, "true")
