"""The front-matter form: the known fields as widgets, every other key in a table, and the raw
front matter as text for what a form cannot show (nested tables, or text that does not parse)."""

from __future__ import annotations

import contextlib
import datetime as dt
import html
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.post import Post, dates, fields, values
from editor.core.post.stats import slug_for
from editor.core.problems import Problem, Severity
from editor.ui.tokens import TokenEdit

KNOWN = fields.FORM_KEYS
_KEY_HELP = {
    "sites": "\nWhich sites — languages, versions, roles — this page belongs to (Hugo 0.153+).",
    "cascade": "\nFront matter handed down to the pages below this one.",
    "build": "\nWhether and how Hugo renders and lists this page.",
}
ERROR_STYLE = "border: 1px solid #d1242f;"

W = TypeVar("W", bound=QObject)


def named(widget: W, name: str) -> W:
    """Give a widget an object name (tests and style sheets find it by that name)."""
    widget.setObjectName(name)
    return widget


BACK_TO_FORM_MS = 1200  # the fixed front matter has parsed and the author paused this long


def summary(post: Post | None) -> str:
    """The form folded to one line: title · date · draft · tags."""
    if post is None:
        return "Front matter"
    if post.error is not None:
        return "Front matter — does not parse: open it to fix it"
    parts = [_text(post.get("title", "")) or "(no title)"]
    date = _text(post.get("date", ""))
    if date:
        parts.append(date[:10])
    if fields.is_draft(post.get("draft")):
        parts.append("Draft")
    tags = post.get("tags", [])
    if isinstance(tags, list) and tags:
        parts.append(" ".join(f"#{t}" for t in tags[:6]) + (" …" if len(tags) > 6 else ""))
    return " · ".join(parts)


def _raw_text(post: Post) -> str:
    """The front matter for the raw box; front matter too long to edit is not shown whole (it
    would take seconds to lay out), only its head, read-only."""
    if post.front_too_long:
        return post.front_text[:20_000] + "\n… (the rest is not shown: the front matter is kept as it is)"
    return post.front_text


def _flag(widget: QWidget, problem: str) -> None:
    """Mark a field as invalid at the field itself, with the reason as its tooltip."""
    widget.setStyleSheet(ERROR_STYLE if problem else "")
    widget.setToolTip(problem)


class FrontMatterForm(QWidget):
    """Shows a post's front matter and reports the author's edits; never writes the post itself."""

    field_edited = Signal(str, object)
    field_removed = Signal(str)
    field_added = Signal(str)  # a new field of the author's own, by name (the post decides where)
    param_edited = Signal(str, str, object)  # table ("params"), key, value
    param_removed = Signal(str, str)
    fix_requested = Signal(str)  # a problem's fix (editor.core.post.fixes), by name
    front_text_edited = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        # long by nature: the form's layout, one row after another, then its wiring
        super().__init__(parent)
        self._loading = False
        self._keys: dict[str, str] = {}
        self._other: dict[str, Any] = {}  # row label -> value
        self._paths: dict[str, tuple[str, ...]] = {}  # row label -> (key,) or (table, key)
        self._post: Post | None = None
        self._slug_follows_title = False
        self._forced_raw = False  # the raw box is open because the front matter did not parse
        self._back_to_form = QTimer(self)
        self._back_to_form.setSingleShot(True)
        self._back_to_form.setInterval(BACK_TO_FORM_MS)
        self._back_to_form.timeout.connect(self._leave_raw)
        self.setMinimumWidth(300)

        self.error = named(QLabel(), "error")
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.setStyleSheet("color: #d1242f; font-weight: bold;")
        self.error.hide()
        self.raw_toggle = named(QToolButton(), "raw_toggle")
        self.raw_toggle.setText("Edit as text")
        self.raw_toggle.setCheckable(True)
        self.raw_toggle.setToolTip("Edit the front matter as text (nested tables, comments, order)")
        self.front_text = named(QPlainTextEdit(), "front_text")
        self.front_text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.front_text.hide()

        self.title = named(QLineEdit(), "title")
        self.slug = named(QLineEdit(), "slug")
        self.slug.setPlaceholderText("from the title")
        self.date = named(QLineEdit(), "date")
        self.date.setPlaceholderText("2024-05-01T09:30:00-05:00")
        self.date_now = named(QToolButton(), "date_now")
        self.date_now.setText("Now")
        self.date_now.setToolTip("Today's date (and the time now, when the date has a time)")
        self.date_note = named(QLabel(), "date_note")
        self.date_note.setWordWrap(True)
        self.draft = named(QCheckBox("Draft"), "draft")
        self.tags = named(TokenEdit("add a tag…"), "tags")
        self.categories = named(TokenEdit("add a category…"), "categories")
        self.author = named(QLineEdit(), "author")
        self.description = named(QPlainTextEdit(), "description")
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(64)
        self.notes = named(QLabel(), "notes")
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.RichText)
        self.notes.linkActivated.connect(lambda link: self.fix_requested.emit(link.removeprefix("fix:")))

        self.other = named(QTableWidget(0, 2), "other")
        self.other.setHorizontalHeaderLabels(["Other field", "Value"])
        header = self.other.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.other.verticalHeader().hide()
        self.other.setWordWrap(False)
        self.other.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        # focus shows on the table itself (Fusion marks only a current cell, if any)
        self.other.setStyleSheet("QTableWidget#other:focus { border: 2px solid palette(highlight); }")
        self.add_field = named(QToolButton(), "add_field")
        self.add_field.setText("+")
        self.add_field.setToolTip("Add a field")
        self.remove_field = named(QToolButton(), "remove_field")
        self.remove_field.setText("−")
        self.remove_field.setToolTip("Remove the selected field")

        date_row = QHBoxLayout()
        date_row.addWidget(self.date, 1)
        date_row.addWidget(self.date_now)
        self.fields = QWidget()
        form = QFormLayout(self.fields)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Title", self.title)
        form.addRow("&Slug", self.slug)
        date_label = QLabel("D&ate")
        date_label.setBuddy(self.date)
        form.addRow(date_label, date_row)
        form.addRow("", self.date_note)
        form.addRow("", self.draft)
        form.addRow("Ta&gs", self.tags)
        form.addRow("Categor&ies", self.categories)
        form.addRow("A&uthor", self.author)
        form.addRow("&Description", self.description)
        other_bar = QHBoxLayout()
        other_bar.addWidget(QLabel("<b>Other fields</b>"))
        other_bar.addStretch(1)
        other_bar.addWidget(self.add_field)
        other_bar.addWidget(self.remove_field)
        top = QHBoxLayout()
        top.addWidget(QLabel("<b>Front matter</b>"))
        top.addStretch(1)
        top.addWidget(self.raw_toggle)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(self.front_text, 1)
        layout.addWidget(self.fields)
        layout.addWidget(self.notes)
        layout.addLayout(other_bar)
        layout.addWidget(self.other)
        layout.addStretch(1)

        self.title.textEdited.connect(self._title_edited)
        self.slug.textEdited.connect(self._slug_edited)
        self.date.textEdited.connect(self._date_edited)
        self.date_now.clicked.connect(self._date_now)
        self.draft.toggled.connect(self._draft_toggled)
        self.tags.tokens_edited.connect(self._tags_edited)
        self.categories.tokens_edited.connect(self._categories_edited)
        self.author.textEdited.connect(self._author_edited)
        self.description.textChanged.connect(self._description_edited)
        self.other.itemChanged.connect(self._other_changed)
        self.add_field.clicked.connect(self._add_field)
        self.remove_field.clicked.connect(self._remove_field)
        self.raw_toggle.toggled.connect(self._raw_toggled)
        self.front_text.textChanged.connect(self._front_text_changed)
        self.show_nothing()

    # ---- showing -------------------------------------------------------------------------

    def show_nothing(self) -> None:
        self._post = None
        self.setEnabled(False)
        self.error.hide()
        self.notes.setText("")
        self.other.setRowCount(0)

    def show_post(self, post: Post, fresh: bool = True, from_raw: bool = False) -> None:
        """Fill the form from the post. `fresh` for a newly opened post (resets the slug rule);
        `from_raw` when the author is typing in the raw box (it is left as it is)."""
        self._post = post
        self.setEnabled(True)
        self._loading = True
        try:
            broken = post.error is not None
            self.error.setVisible(broken)
            hint = " — add its closing line in the Markdown pane" if broken and post.format is None else ""
            self.error.setText(f"Front matter does not parse: {post.error}{hint}" if broken else "")
            # front matter too long is kept as it is; an unclosed block is fixed in the Markdown
            # pane, where its lines are (text typed here would start a second block)
            unclosed = broken and post.format is None
            self.front_text.setReadOnly(post.front_too_long or unclosed)
            if not from_raw:
                self.front_text.setPlainText(_raw_text(post))
            if fresh:
                # a new post's slug follows its title until the author edits it by hand
                self._slug_follows_title = not post.get("slug") and not post.get("title")
                self.raw_toggle.setChecked(broken)
                self._forced_raw = broken
            elif broken and not self.raw_toggle.isChecked():
                self.raw_toggle.setChecked(True)
                self._forced_raw = True
            if not broken and self._forced_raw and from_raw:
                self._back_to_form.start()  # it parses again: the form comes back once typing pauses
            elif broken:
                self._back_to_form.stop()
            self.raw_toggle.setEnabled(not broken)
            self._show_raw(self.raw_toggle.isChecked() or broken)
            self.fields.setEnabled(not broken)
            self.other.setEnabled(not broken)
            if broken:
                return
            self._keys = {k: post.key(k) or k for k in KNOWN}
            self.title.setText(_text(post.get("title", "")))
            self.slug.setText(_text(post.get("slug", "")))
            self.date.setText(_text(post.get("date", "")))
            self.draft.setChecked(fields.is_draft(post.get("draft")))
            for key, box in (("tags", self.tags), ("categories", self.categories)):
                terms = post.get(key, [])
                box.set_tokens([str(t) for t in terms] if isinstance(terms, list) else [str(terms)])
            author = post.get("author", "")
            self.author.setEnabled(isinstance(author, str))
            self.author.setText(author if isinstance(author, str) else values.to_text(author))
            self.description.setPlainText(_text(post.get("description", "")))
            self._description_shown = self.description.toPlainText()
            self._check_title(self.title.text())
            self._check_slug(self.slug.text())
            self._note_date(self.date.text())
            self.show_other(post)
        finally:
            self._loading = False

    def show_other(self, post: Post) -> None:
        """Every key the known fields do not show, in the post's order."""
        known = {v.lower() for v in self._keys.values()} | set(KNOWN)
        # author as a list (several authors) is not a one-line field: the table shows it
        if not isinstance(post.get("author", ""), str):
            known.discard("author")
        # the post's custom parameters under `params` are rows of their own ("params › mood")
        self._other, self._paths = {}, {}
        for k, v in post.metadata.items():
            if k.lower() in known:
                continue
            if k.lower() == "params" and isinstance(v, dict) and v:
                for inner, value in v.items():
                    label = f"{k} › {inner}"
                    self._other[label], self._paths[label] = value, (k, str(inner))
                continue
            self._other[k], self._paths[k] = v, (k,)
        was_loading, self._loading = self._loading, True
        try:
            self.other.setRowCount(len(self._other))
            # an empty table is a short one: the space goes to the form above
            rows = max(len(self._other), 1)
            row = self.other.verticalHeader().defaultSectionSize()
            self.other.setMaximumHeight(self.other.horizontalHeader().height() + row * min(rows, 12) + 6)
            for r, (key, value) in enumerate(self._other.items()):
                name = QTableWidgetItem(key)
                name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
                name.setToolTip(f"{key}: {values.kind(value)}" + _KEY_HELP.get(key.lower(), ""))
                cell = QTableWidgetItem(
                    values.to_text(value) if values.editable(value) else values.summary(value)
                )
                if not values.editable(value):
                    cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    cell.setForeground(self.palette().placeholderText())
                    cell.setToolTip(
                        "\n".join([*values.outline(value), "", "Use “Edit as text” to change it."])
                    )
                self.other.setItem(r, 0, name)
                self.other.setItem(r, 1, cell)
        finally:
            self._loading = was_loading

    def show_problems(self, problems: list[Problem], draft: bool) -> None:
        """What the author should see at a glance: draft, future date, values Hugo misreads."""
        lines = []
        if draft:
            lines.append("<b>Draft</b> — will not be published")
        for p in problems:
            mark = "⛔" if p.severity == Severity.ERROR else "⚠"
            fix = f' <a href="fix:{p.fix}">Fix it</a>' if p.fix else ""
            lines.append(f"{mark} {html.escape(p.message)}{fix}")
        self.notes.setText("<br>".join(lines))
        self.notes.setVisible(bool(lines))

    # ---- raw text ------------------------------------------------------------------------

    def _show_raw(self, raw: bool) -> None:
        self.front_text.setVisible(raw)
        self.fields.setVisible(not raw)
        self.other.setVisible(not raw)
        self.add_field.setVisible(not raw)
        self.remove_field.setVisible(not raw)

    def _leave_raw(self) -> None:
        """The front matter the author fixed in the raw box parses again: back to the form."""
        self._forced_raw = False
        if self._post is not None and self._post.error is None:
            self.raw_toggle.setChecked(False)

    def _raw_toggled(self, on: bool) -> None:
        self.raw_toggle.setText("Back to the form" if on else "Edit as text")
        if not on:
            self._forced_raw = False
            self._back_to_form.stop()
        if on and self._post is not None:  # form edits since it was last shown
            self._loading = True
            self.front_text.setPlainText(_raw_text(self._post))
            self._loading = False
        self._show_raw(on)
        if on:
            self.front_text.setFocus()

    def _front_text_changed(self) -> None:
        if not self._loading:
            self.front_text_edited.emit(self.front_text.toPlainText())

    # ---- edits ---------------------------------------------------------------------------

    def _edited(self, key: str, value: Any) -> None:
        if not self._loading:
            self.field_edited.emit(self._keys.get(key, key), value)

    def _check_title(self, text: str) -> None:
        _flag(self.title, "" if text.strip() else "A post needs a title: lists and feeds show it")

    def _check_slug(self, text: str) -> None:
        _flag(
            self.slug,
            "A slug cannot contain spaces: Hugo keeps them in the URL"
            if any(c.isspace() for c in text)
            else "",
        )

    def _title_edited(self, text: str) -> None:
        self._check_title(text)
        self._edited("title", text)
        if self._slug_follows_title:
            self.slug.setText(slug_for(text))
            self._edited("slug", self.slug.text())

    def _slug_edited(self, text: str) -> None:
        self._slug_follows_title = False  # the author's own slug wins from now on
        self._check_slug(text)
        self._edited("slug", text)

    def _date_edited(self, text: str) -> None:
        if self._note_date(text) or not text:
            self._edited("date", text)

    def _date_now(self) -> None:
        now = dt.datetime.now().astimezone().replace(microsecond=0)
        text = self.date.text()
        date_only = False
        if text:
            with contextlib.suppress(ValueError):  # an unreadable date: write a full one
                date_only = not dates.parse(text).has_time
        self.date.setText(now.date().isoformat() if date_only else now.isoformat())
        self._date_edited(self.date.text())

    def _note_date(self, text: str) -> bool:
        if not text:
            self.date_note.setText("")
            _flag(self.date, "")
            return False
        try:
            d = dates.parse(text)
        except ValueError as exc:
            self.date_note.setText(f"⚠ {exc}")
            _flag(self.date, str(exc))
            return False
        _flag(self.date, "")
        if d.has_time:
            zone = d.value.strftime(" (UTC%z)") if d.value.tzinfo else " (site time zone)"
            self.date_note.setText(d.value.strftime("%A %d %B %Y, %H:%M") + zone)
        else:
            self.date_note.setText(d.value.strftime("%A %d %B %Y"))
        return True

    def _draft_toggled(self, on: bool) -> None:
        self._edited("draft", on)

    def _tags_edited(self, terms: list[str]) -> None:
        self._edited("tags", terms)

    def _categories_edited(self, terms: list[str]) -> None:
        self._edited("categories", terms)

    def _author_edited(self, text: str) -> None:
        self._edited("author", text)

    def _description_edited(self) -> None:
        # textChanged also comes when only the formatting changed (the spell checker's underline)
        text = self.description.toPlainText()
        if text != getattr(self, "_description_shown", None):
            self._description_shown = text
            self._edited("description", text)

    def _other_changed(self, item: QTableWidgetItem) -> None:
        if self._loading or item.column() != 1:
            return
        name = self.other.item(item.row(), 0)
        assert name is not None
        key = name.text()
        try:
            value = values.from_text(item.text(), self._other[key])
        except ValueError as exc:
            item.setBackground(QColor("#f8d7da"))
            item.setForeground(QColor("#1f2328"))
            item.setToolTip(f"Not saved: {exc}")
            return
        was_loading, self._loading = self._loading, True  # these fire itemChanged again
        try:
            item.setData(Qt.ItemDataRole.BackgroundRole, None)
            item.setData(Qt.ItemDataRole.ForegroundRole, None)
            item.setToolTip("")
        finally:
            self._loading = was_loading
        self._other[key] = value
        path = self._paths.get(key, (key,))
        if len(path) == 2:
            self.param_edited.emit(path[0], path[1], value)
        else:
            self.field_edited.emit(key, value)

    def _add_field(self) -> None:
        key, ok = QInputDialog.getText(self, "Add a field", "Field name:")
        key = key.strip()
        if ok and key:
            self.field_added.emit(key)

    def _remove_field(self) -> None:
        row = self.other.currentRow()
        name = self.other.item(row, 0) if row >= 0 else None
        if name is None:
            return
        path = self._paths.get(name.text(), (name.text(),))
        if len(path) == 2:
            self.param_removed.emit(path[0], path[1])
        else:
            self.field_removed.emit(name.text())


def _text(value: Any) -> str:
    return value if isinstance(value, str) else values.to_text(value)
