"""The page a window shows when nothing is open: what the app is for, and the ways in."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor.ui import look
from editor.ui.form import named
from editor.ui.look import resource

PATH_ROLE = Qt.ItemDataRole.UserRole


class StartPage(QWidget):
    open_site_chosen = Signal()  # the author asked for the Open Site dialog
    open_post_chosen = Signal()
    sample_chosen = Signal()
    recent_chosen = Signal(Path)  # a recent site or post was picked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("start_page")
        logo = QLabel()
        logo.setPixmap(QIcon(str(resource("icons", "app", "hugo-post-editor.svg"))).pixmap(56, 56))
        title = QLabel("<h2 style='margin:0'>Hugo Post Editor</h2>")
        line = QLabel(
            "Your Hugo posts: front matter in a form, the Markdown beside a preview that looks "
            "the way Hugo publishes it. Saving changes only what you edited."
        )
        line.setWordWrap(True)
        heading = QHBoxLayout()
        heading.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.addWidget(title)
        words.addWidget(line)
        heading.addLayout(words, 1)
        buttons = QHBoxLayout()
        self.buttons: list[tuple[QPushButton, str]] = []
        for text, name, icon, signal in (
            ("Open Site…", "start_open_site", "document-open", self.open_site_chosen),
            ("Open Post…", "start_open_post", "document-new", self.open_post_chosen),
            ("Open the Sample Site", "start_sample", "", self.sample_chosen),
        ):
            button = named(QPushButton(text), name)
            button.clicked.connect(signal.emit)
            buttons.addWidget(button)
            self.buttons.append((button, icon))
        buttons.addStretch(1)
        self.recent_label = QLabel("<b>Recent</b>")
        self.recent = named(QListWidget(), "start_recent")
        self.recent.setIconSize(QSize(22, 22))
        self.recent.setSpacing(2)
        self.recent.itemActivated.connect(self._activated)
        self.recent.itemClicked.connect(self._activated)
        hint = QLabel("Or drop a Markdown file or a site folder on this window.")
        hint.setEnabled(False)  # drawn in the palette's quieter colour
        column = QVBoxLayout()
        column.addSpacing(24)
        column.addLayout(heading)
        column.addSpacing(16)
        column.addLayout(buttons)
        column.addSpacing(16)
        column.addWidget(self.recent_label)
        column.addWidget(self.recent)
        column.addWidget(hint)
        column.addStretch(1)
        box = QWidget()
        box.setLayout(column)
        box.setMaximumWidth(720)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 4)
        outer.addStretch(1)

    def set_recent(self, sites: list[str], posts: list[str]) -> None:
        """The recent sites, then posts; icons drawn now, in the palette of the moment."""
        for button, icon in self.buttons:
            if icon:
                button.setIcon(look.icon(icon))
        self.recent.clear()
        for kind, icon, names in (("Site", "document-open", sites), ("Post", "document-new", posts)):
            for name in names:
                path = Path(name)
                item = QListWidgetItem(look.icon(icon), f"{kind}: {path.name} — {path.parent}")
                item.setData(PATH_ROLE, name)
                item.setToolTip(name)
                self.recent.addItem(item)
        shown = bool(sites or posts)
        self.recent_label.setVisible(shown)
        self.recent.setVisible(shown)
        if shown:  # as tall as its rows, no taller: the page is not a box of empty space
            gap = 2 * self.recent.spacing()
            rows = sum(self.recent.sizeHintForRow(i) + gap for i in range(self.recent.count()))
            self.recent.setFixedHeight(min(rows + 2 * self.recent.frameWidth() + 4, 420))

    def _activated(self, item: QListWidgetItem) -> None:
        self.recent_chosen.emit(Path(str(item.data(PATH_ROLE))))
