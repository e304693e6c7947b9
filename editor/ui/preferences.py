"""Edit → Preferences (Ctrl+,): one row per declared option (editor.core.preferences), its help
beneath; OK stores them and the window applies them at once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from editor.core.preferences import OPTIONS, PREFIX, Option


class Preferences:
    """The stored preferences, read through their declarations."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def get(self, key: str) -> Any:
        option = next(o for o in OPTIONS if o.key == key)
        return option.read(self.settings.value(PREFIX + key))

    def set(self, key: str, value: Any) -> None:
        self.settings.setValue(PREFIX + key, value)


def _families(option: Option) -> list[tuple[str, str]]:
    """A font option's choices: the default first, then the installed families."""
    families = QFontDatabase.families()
    if option.fixed_pitch:
        families = [f for f in families if QFontDatabase.isFixedPitch(f)]
    return [("", "Default"), *((f, f) for f in families if option.read(f) == f)]


class PreferencesDialog(QDialog):
    def __init__(self, preferences: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferences")
        self.setWindowTitle("Preferences")
        self.preferences = preferences
        self.fields: dict[str, QWidget] = {}
        form = QFormLayout()
        for option in OPTIONS:
            field = self._field(option, preferences.get(option.key))
            field.setObjectName(f"pref_{option.key}")
            field.setToolTip(option.help)
            self.fields[option.key] = field
            help_text = QLabel(option.help)
            help_text.setWordWrap(True)
            help_text.setEnabled(False)  # a quieter colour
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(field if option.kind != "file" else self._with_browse(field))
            column.addWidget(help_text)
            form.addRow(option.label, column)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def _field(self, option: Option, value: Any) -> QWidget:
        if option.kind == "bool":
            box = QCheckBox()
            box.setChecked(bool(value))
            return box
        if option.kind == "int":
            spin = QSpinBox()
            spin.setRange(option.low, option.high)
            spin.setValue(int(value))
            return spin
        if option.kind in ("choice", "font"):
            combo = QComboBox()
            for data, label in option.choices if option.kind == "choice" else _families(option):
                combo.addItem(label, data)
            if option.kind == "font" and value and combo.findData(value) < 0:
                combo.addItem(f"{value} (not installed)", value)  # kept, not silently changed
            combo.setCurrentIndex(max(0, combo.findData(value)))
            return combo
        line = QLineEdit(str(value))
        line.setPlaceholderText("automatic" if option.kind == "file" else "")
        return line

    def _with_browse(self, line: QWidget) -> QWidget:
        row = QWidget()
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(line, 1)
        browse = QPushButton("Choose…")
        browse.clicked.connect(lambda: self._choose(line))
        box.addWidget(browse)
        return row

    def _choose(self, line: QWidget) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Hugo binary")
        if name and isinstance(line, QLineEdit):
            line.setText(name)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for option in OPTIONS:
            field = self.fields[option.key]
            if isinstance(field, QCheckBox):
                out[option.key] = field.isChecked()
            elif isinstance(field, QSpinBox):
                out[option.key] = field.value()
            elif isinstance(field, QComboBox):
                out[option.key] = field.currentData()
            elif isinstance(field, QLineEdit):
                out[option.key] = field.text().strip()
        return out

    def accept(self) -> None:  # Qt override
        for key, value in self.values().items():
            self.preferences.set(key, value)
        super().accept()
