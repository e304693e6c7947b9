"""The page a window shows when nothing is open: what the app is for, and the ways in."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor.ui.form import named

PATH_ROLE = Qt.ItemDataRole.UserRole


class StartPage(QWidget):
    open_site_chosen = Signal()  # the author asked for the Open Site dialog
    open_post_chosen = Signal()
    sample_chosen = Signal()
    recent_chosen = Signal(Path)  # a recent site or post was picked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("start_page")
        title = QLabel("<h2>Hugo Post Editor</h2>")
        line = QLabel(
            "Write your Hugo posts with their front matter in a form, the Markdown beside a "
            "preview that looks the way Hugo publishes it; saving changes only what you edited."
        )
        line.setWordWrap(True)
        buttons = QHBoxLayout()
        for text, name, signal in (
            ("Open Site…", "start_open_site", self.open_site_chosen),
            ("Open Post…", "start_open_post", self.open_post_chosen),
            ("Open the Sample Site", "start_sample", self.sample_chosen),
        ):
            button = named(QPushButton(text), name)
            button.clicked.connect(signal.emit)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.recent_label = QLabel("<b>Recent</b>")
        self.recent = named(QListWidget(), "start_recent")
        self.recent.itemActivated.connect(self._activated)
        self.recent.itemClicked.connect(self._activated)
        column = QVBoxLayout()
        column.addWidget(title)
        column.addWidget(line)
        column.addSpacing(12)
        column.addLayout(buttons)
        column.addSpacing(12)
        column.addWidget(self.recent_label)
        column.addWidget(self.recent, 1)
        box = QWidget()
        box.setLayout(column)
        box.setMaximumWidth(720)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 4)
        outer.addStretch(1)

    def set_recent(self, sites: list[str], posts: list[str]) -> None:
        self.recent.clear()
        for kind, names in (("Site", sites), ("Post", posts)):
            for name in names:
                path = Path(name)
                item = QListWidgetItem(f"{kind}: {path.name} — {path.parent}")
                item.setData(PATH_ROLE, name)
                item.setToolTip(name)
                self.recent.addItem(item)
        shown = bool(sites or posts)
        self.recent_label.setVisible(shown)
        self.recent.setVisible(shown)

    def _activated(self, item: QListWidgetItem) -> None:
        self.recent_chosen.emit(Path(str(item.data(PATH_ROLE))))
