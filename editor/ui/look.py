"""Icons (desktop theme first, bundled SVG otherwise) and the light and dark palettes."""

from __future__ import annotations

import importlib.resources
from pathlib import Path
from typing import Any

from PySide6.QtGui import QColor, QIcon, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")
_SYSTEM: dict[str, Any] = {}


def resource(*parts: str) -> Path:
    return Path(str(importlib.resources.files("editor.resources").joinpath(*parts)))


def icon(name: str) -> QIcon:
    """The desktop theme's icon, or ours drawn in the palette's text colour (readable when dark)."""
    if QIcon.hasThemeIcon(name):
        return QIcon.fromTheme(name)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    color = app.palette().color(QPalette.ColorRole.WindowText).name()
    svg = resource("icons", f"{name}.svg").read_text(encoding="utf-8").replace("#555", color)
    pixmap = QPixmap()
    pixmap.loadFromData(svg.encode(), "SVG")
    return QIcon(pixmap)


def _palette(dark: bool) -> QPalette:
    p = QPalette()
    if dark:
        colors = {
            "Window": "#2b2d30",
            "WindowText": "#dfe1e5",
            "Base": "#1e1f22",
            "AlternateBase": "#26282b",
            "Text": "#dfe1e5",
            "Button": "#393b40",
            "ButtonText": "#dfe1e5",
            "Highlight": "#2f65ca",
            "HighlightedText": "#ffffff",
            "ToolTipBase": "#393b40",
            "ToolTipText": "#dfe1e5",
            "PlaceholderText": "#8c8f94",
            "Link": "#6ea8fe",
            "Mid": "#4e5157",
            "Dark": "#1a1b1e",
            "Light": "#4e5157",
        }
    else:
        colors = {
            "Window": "#f3f3f3",
            "WindowText": "#1f2328",
            "Base": "#ffffff",
            "AlternateBase": "#f6f8fa",
            "Text": "#1f2328",
            "Button": "#eaeaea",
            "ButtonText": "#1f2328",
            "Highlight": "#2f65ca",
            "HighlightedText": "#ffffff",
            "ToolTipBase": "#ffffdc",
            "ToolTipText": "#1f2328",
            "PlaceholderText": "#8c959f",
            "Link": "#0969da",
            "Mid": "#c8c8c8",
            "Dark": "#a0a0a0",
            "Light": "#ffffff",
        }
    for role, color in colors.items():
        p.setColor(getattr(QPalette.ColorRole, role), QColor(color))
    dim = QColor(colors["PlaceholderText"])
    for role in ("WindowText", "Text", "ButtonText"):
        p.setColor(QPalette.ColorGroup.Disabled, getattr(QPalette.ColorRole, role), dim)
    return p


_DARK_INDICATORS = """
QCheckBox::indicator:unchecked, QTreeView::indicator:unchecked, QTableView::indicator:unchecked {
    border: 1px solid #8c8f94; border-radius: 2px; background: #1e1f22; width: 12px; height: 12px;
}
QCheckBox::indicator:unchecked:hover { border-color: #dfe1e5; }
QMenu::indicator:non-exclusive:unchecked {
    border: 1px solid #8c8f94; border-radius: 2px; width: 11px; height: 11px; left: 5px;
}
"""


def apply_theme(name: str) -> None:
    """`system` keeps the platform's look; `light`/`dark` use Fusion with our palette."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    if name not in THEMES:
        name = "system"
    if not _SYSTEM:  # the platform's own look, kept before the first change
        _SYSTEM.update(palette=app.palette(), style=app.style().name())
    # a style set again is made again and every widget polished again (~4 ms at start): only a
    # change is set
    style, palette = (_SYSTEM["style"], _SYSTEM["palette"]) if name == "system" else ("fusion", None)
    if app.style().name().lower() != style.lower():
        app.setStyle(style)
    app.setPalette(palette if palette is not None else _palette(name == "dark"))
    # Fusion outlines an unchecked box a shade darker than the window: on a dark one, nothing
    # shows. A light outline instead (the checked state keeps Fusion's own drawing).
    sheet = _DARK_INDICATORS if is_dark() else ""
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)


def is_dark() -> bool:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app.palette().color(QPalette.ColorRole.Base).lightness() < 128
