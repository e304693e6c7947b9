"""Format → Insert Shortcode…: Hugo's built-ins and the site's own shortcodes (where each comes
from, which it overrides), the parameters its template reads as fields, and the text it will
insert; a paired shortcode goes around the selection."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.core.site.shortcode_defs import ShortcodeDef, insertion
from editor.ui.dialogs import insert_buttons
from editor.ui.form import named


class ShortcodeDialog(QDialog):
    def __init__(
        self, shortcodes: dict[str, ShortcodeDef], selection: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("insert_shortcode")
        self.setWindowTitle("Insert Shortcode")
        self.shortcodes = shortcodes
        self.selection = selection
        self.filter = named(QLineEdit(), "shortcode_filter")
        self.filter.setPlaceholderText("Filter by name")
        self.list = named(QListWidget(), "shortcode_list")
        for sc in shortcodes.values():
            item = QListWidgetItem(sc.label)
            item.setData(Qt.ItemDataRole.UserRole, sc.name)
            hides = f"\nOverrides the one in: {', '.join(sc.overrides)}" if sc.overrides else ""
            item.setToolTip(f"{sc.help or sc.name}\n{sc.path or 'Built into Hugo'}{hides}")
            self.list.addItem(item)
        self.about = named(QLabel(), "shortcode_about")
        self.about.setWordWrap(True)
        self.fields_box = QWidget()
        self.fields = QFormLayout(self.fields_box)
        self.markdown = named(QCheckBox("Markdown inside ({{% … %}})"), "shortcode_markdown")
        self.inserts = named(QLabel(), "shortcode_result")
        self.inserts.setWordWrap(True)
        self.inserts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons, self.ok = insert_buttons(self)
        left = QVBoxLayout()
        left.addWidget(self.filter)
        left.addWidget(self.list, 1)
        right = QVBoxLayout()
        right.addWidget(self.about)
        right.addWidget(self.fields_box)
        right.addWidget(self.markdown)
        right.addStretch(1)
        right.addWidget(QLabel("Inserts:"))
        right.addWidget(self.inserts)
        row = QHBoxLayout()
        row.addLayout(left, 2)
        row.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(buttons)
        self.inputs: dict[str, QLineEdit] = {}
        self.positions: list[QLineEdit] = []
        self.filter.textChanged.connect(self._filter)
        self.list.currentItemChanged.connect(self._chosen)
        self.markdown.toggled.connect(self._update)
        self.list.setCurrentRow(0)
        self.filter.setFocus()
        self.resize(720, 460)

    def current(self) -> ShortcodeDef | None:
        item = self.list.currentItem()
        return self.shortcodes.get(str(item.data(Qt.ItemDataRole.UserRole))) if item is not None else None

    def choose(self, name: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.list.setCurrentRow(row)
                return

    def _filter(self, text: str) -> None:
        first = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = text.lower() not in str(item.data(Qt.ItemDataRole.UserRole)).lower()
            item.setHidden(hidden)
            if not hidden and first is None:
                first = row
        if first is not None:
            self.list.setCurrentRow(first)

    def _chosen(self) -> None:
        sc = self.current()
        while self.fields.rowCount():
            self.fields.removeRow(0)
        self.inputs, self.positions = {}, []
        if sc is None:
            self.about.setText("")
            self._update()
            return
        where = "built into Hugo" if sc.path is None else f"{sc.source}: {sc.path.name}"
        pair = "; goes around the selected text" if sc.inner else ""
        reads = " (reads any parameter: .Params)" if sc.any_params else ""
        self.about.setText(f"<b>{sc.name}</b> — {sc.help or where}{pair}{reads}")
        for n in range(sc.positional):
            edit = named(QLineEdit(), f"shortcode_pos_{n}")
            edit.textChanged.connect(self._update)
            self.fields.addRow(f"Value {n + 1}:", edit)
            self.positions.append(edit)
        for name in sc.named:
            edit = named(QLineEdit(), f"shortcode_param_{name}")
            edit.textChanged.connect(self._update)
            self.fields.addRow(f"{name}:", edit)
            self.inputs[name] = edit
        if sc.positional and sc.named:
            note = QLabel("Fill either the values or the named fields: Hugo takes one kind per shortcode.")
            note.setWordWrap(True)
            self.fields.addRow(note)
        self.markdown.setVisible(sc.inner)
        self._update()

    def text(self) -> str:
        sc = self.current()
        if sc is None:
            return ""
        return insertion(
            sc,
            {k: e.text() for k, e in self.inputs.items()},
            [e.text() for e in self.positions],
            self.selection,
            markdown=sc.inner and self.markdown.isChecked(),
        )

    def _update(self) -> None:
        self.inserts.setText(self.text())
        self.ok.setEnabled(self.current() is not None)
