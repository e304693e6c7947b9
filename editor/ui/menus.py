"""The window's menus and toolbar, built from the action table, plus the View and Help menus and
Open Recent (sites, then posts)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from editor.ui import look
from editor.ui.actions import SPECS
from editor.ui.form import named
from editor.ui.settings import POSTS, SITES
from editor.ui.shortcuts import GettingStartedDialog, ShortcutsDialog

if TYPE_CHECKING:
    from editor.ui.main_window import MainWindow


def build(w: MainWindow) -> None:
    """Menus and toolbar from the action table; View (docks, preview, theme) and Help."""
    menus: dict[str, QMenu] = {}
    toolbar = w.toolbar = w.addToolBar("Main")
    toolbar.setObjectName("toolbar")
    toolbar.setMovable(False)
    last_menu = None
    for spec in SPECS:
        action = QAction(spec.text, w)
        action.setObjectName(spec.id)
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
        action.triggered.connect(lambda _=False, spec=spec: spec.handler(w))
        menu = menus.get(spec.menu) or menus.setdefault(spec.menu, w.menuBar().addMenu(spec.menu))
        menu.addAction(action)
        if spec.id == "open":
            w.recent_menu = named(menu.addMenu("Open &Recent"), "recent_menu")
            w.recent_menu.aboutToShow.connect(lambda: fill_recent(w))
        if spec.toolbar:
            if last_menu is not None and last_menu != spec.menu:
                toolbar.addSeparator()
            toolbar.addAction(action)
            last_menu = spec.menu
        w.actions_by_id[spec.id] = action
    view = w.menuBar().addMenu("&View")
    view.addAction(w.arrangement.form_action)
    view.addAction(w.arrangement.side_action)
    for panel in w.arrangement.panels:
        view.addAction(panel.action)
    view.addSeparator()
    w.preview_action = named(view.addAction("&Preview"), "show_preview")
    w.preview_action.setCheckable(True)
    w.preview_action.setChecked(True)
    w.preview_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
    w.preview_action.toggled.connect(w.show_preview)
    view.addSeparator()
    for action in (w.comforts.focus_action, w.comforts.full_screen_action, w.comforts.typewriter_action):
        view.addAction(action)
    for action in w.comforts.pane_actions:
        view.addAction(action)
    zoom = view.addMenu("&Zoom")
    for action in w.comforts.zoom_actions:
        zoom.addAction(action)
    view.addSeparator()
    w.remote_action = named(view.addAction("Load &Remote Images in the Preview"), "remote_images")
    w.remote_action.setCheckable(True)
    w.remote_action.setChecked(True)
    w.remote_action.setToolTip("Off: the preview fetches nothing from the network (placeholders instead)")
    w.remote_action.toggled.connect(w.allow_remote)
    w.site_css_action = named(view.addAction("Preview with the Site's &CSS…"), "site_css")
    w.site_css_action.setCheckable(True)
    w.site_css_action.triggered.connect(w.choose_site_css)
    theme_menu = view.addMenu("&Theme")
    w.theme_group = QActionGroup(w)
    for name in look.THEMES:
        action = named(theme_menu.addAction(name.capitalize()), f"theme_{name}")
        action.setCheckable(True)
        action.setData(name)
        w.theme_group.addAction(action)
    w.theme_group.triggered.connect(lambda action: w.set_theme(str(action.data())))
    help_menu = w.menuBar().addMenu("&Help")
    start = named(help_menu.addAction("&Getting Started"), "getting_started")
    start.setShortcut(QKeySequence("F1"))
    start.triggered.connect(lambda: GettingStartedDialog(w).exec())
    keys = named(help_menu.addAction("&Keyboard Shortcuts"), "keyboard_shortcuts")
    keys.setShortcut(QKeySequence("Ctrl+/"))
    keys.triggered.connect(lambda: ShortcutsDialog(w).exec())
    about = named(help_menu.addAction("&About Hugo Post Editor"), "about")
    about.triggered.connect(w.show_about)


def fill_recent(w: MainWindow) -> None:
    """Open Recent: the recent sites, then the recent posts, and a way to clear the list."""
    w.recent_menu.clear()
    sites, files = w.remembered.recent(SITES), w.remembered.recent(POSTS)
    for heading, names in (("Sites", sites), ("Posts", files)):
        if names:
            w.recent_menu.addSection(heading)
        for name in names:
            action = w.recent_menu.addAction(name)
            action.triggered.connect(lambda _=False, name=name: w.files.open_recent(name))
    if sites or files:
        w.recent_menu.addSeparator()
        w.recent_menu.addAction("Clear the list", lambda: clear_recent(w))
    else:
        w.recent_menu.addAction("No recent sites or posts").setEnabled(False)


def clear_recent(w: MainWindow) -> None:
    w.remembered.clear_recent()
    w.files.show_start_page()
