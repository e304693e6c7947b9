"""Every question the window asks the author, in one place (the Prompter), and the dialogs behind
them. Each answer is an `Answer`; tests give a window a Prompter of their own with set answers."""

from __future__ import annotations

import enum
from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontDatabase, QPalette, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from editor.core.files.ondisk import changed_words
from editor.core.files.recovery import Copy

APP_NAME = "Hugo Post Editor"


class Answer(enum.StrEnum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"
    MINE = "mine"  # keep my unsaved edits
    THEIRS = "theirs"  # take the file as it is on disk now
    MERGE = "merge"  # both, where they touch different lines
    RESTORE = "restore"
    LATER = "later"


class Prompter:
    """The window's questions, answered by the author in dialogs."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def save_changes(self, name: str) -> Answer:
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self.parent,
            APP_NAME,
            f"Save your changes to {name}?",
            buttons.Save | buttons.Discard | buttons.Cancel,
        )
        return {buttons.Save: Answer.SAVE, buttons.Discard: Answer.DISCARD}.get(answer, Answer.CANCEL)

    def discard_changes(self) -> bool:
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self.parent,
            APP_NAME,
            "Discard your changes and reload the post from disk?",
            buttons.Discard | buttons.Cancel,
        )
        return answer == buttons.Discard

    def overwrite_newer(self, name: str) -> bool:
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.warning(
            self.parent,
            APP_NAME,
            f"{name} changed on disk since you opened it. Overwrite it with your version?",
            buttons.Save | buttons.Cancel,
            buttons.Cancel,
        )
        return answer == buttons.Save

    def save_anyway(self, name: str, concerns: list[str]) -> bool:
        """Replace a file that is read-only, someone else's or hard-linked? (No by default.)"""
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.warning(
            self.parent,
            APP_NAME,
            f"{name}: " + "; ".join(concerns) + ".\n\nSave it all the same?",
            buttons.Save | buttons.Cancel,
            buttons.Cancel,
        )
        return answer == buttons.Save

    def changed_on_disk(self, name: str, mine: str, theirs: str, mergeable: bool) -> Answer:
        dialog = side_by_side(self.parent, name, mine, theirs, mergeable)
        dialog.exec()
        return Answer(str(dialog.property("answer") or Answer.MINE))

    def recovered_copy(self, copy: Copy) -> Answer:
        return ask_about_copy(self.parent, copy)

    def warn(self, text: str) -> None:
        QMessageBox.warning(self.parent, APP_NAME, text)

    def fail(self, text: str) -> None:
        QMessageBox.critical(self.parent, APP_NAME, text)


def ask_about_copy(parent: QWidget, copy: Copy) -> Answer:
    """Restore a recovery copy, see how it differs from the file, discard it, or decide later."""
    name = str(copy.source) if copy.source else "a new post"
    when = copy.written.astimezone().strftime("%d %B %Y, %H:%M")
    while True:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            APP_NAME,
            f"Unsaved edits to {name} were kept from {when}.",
            parent=parent,
        )
        box.setInformativeText("Restore them, see how they differ from the file, or discard them?")
        restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        show = box.addButton("Show Differences", QMessageBox.ButtonRole.ActionRole)
        discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("Later", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        if clicked is show:
            diff_view(
                parent,
                f"Recovered edits to {name}",
                copy.diff() or "(the file is gone: the whole text is recovered)",
            ).exec()
            continue
        return (
            Answer.RESTORE if clicked is restore else Answer.DISCARD if clicked is discard else Answer.LATER
        )


# line background per kind of diff line, light and dark; and of the words changed inside a line
_DIFF_COLOURS = {"+": ("#dafbe1", "#1f3d28"), "-": ("#ffebe9", "#4a2226"), "@": ("#ddf4ff", "#1d3447")}
_WORD_COLOURS = {"+": ("#aceebb", "#2e6b3e"), "-": ("#ffc1bd", "#7d3036")}


def diff_view(parent: QWidget, title: str, diff: str) -> QDialog:
    """A unified diff in a window of its own: added lines green, removed red, each hunk's place
    blue, in a fixed-width font, as large as the author wants."""
    dialog = QDialog(parent)
    dialog.setObjectName("diff_view")
    dialog.setWindowTitle(title)
    view = QPlainTextEdit(diff)
    view.setObjectName("diff")
    view.setReadOnly(True)
    view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    dark = view.palette().color(QPalette.ColorRole.Base).lightness() < 128
    marks = []
    block = view.document().begin()
    while block.isValid():
        text = block.text()
        kind = text[:1] if not text.startswith(("+++", "---")) else ""
        if kind in _DIFF_COLOURS:
            mark = QTextEdit.ExtraSelection()
            mark.format.setBackground(QColor(_DIFF_COLOURS[kind][dark]))
            mark.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            mark.cursor = QTextCursor(block)
            marks.append(mark)
        block = block.next()
    view.setExtraSelections(marks + _changed_word_marks(view, dark))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(view, 1)
    layout.addWidget(buttons)
    dialog.resize(860, 560)
    return dialog


def _changed_word_marks(view: QPlainTextEdit, dark: bool) -> list[QTextEdit.ExtraSelection]:
    """Removed lines followed by added ones are paired in order; in each pair the words that went
    and came are darker than their line."""
    marks = []
    removed: list[Any] = []
    block = view.document().begin()
    while block.isValid():
        text = block.text()
        if text.startswith("-") and not text.startswith("---"):
            removed.append(block)
        elif text.startswith("+") and not text.startswith("+++") and removed:
            old = removed.pop(0)
            gone, came = changed_words(old.text()[1:], text[1:])
            for line, spans, kind in ((old, gone, "-"), (block, came, "+")):
                for a, b in spans:
                    mark = QTextEdit.ExtraSelection()
                    mark.format.setBackground(QColor(_WORD_COLOURS[kind][dark]))
                    cursor = QTextCursor(line)
                    cursor.setPosition(line.position() + 1 + a)
                    cursor.setPosition(line.position() + 1 + b, QTextCursor.MoveMode.KeepAnchor)
                    mark.cursor = cursor
                    marks.append(mark)
        else:
            removed = []
        block = block.next()
    return marks


def side_by_side(parent: QWidget, name: str, mine: str, theirs: str, mergeable: bool) -> QDialog:
    """Your version and the file's, side by side, and the choice: keep yours, take theirs, or
    merge both (offered when the changes touch different lines)."""
    dialog = QDialog(parent)
    dialog.setObjectName("changed_on_disk")
    dialog.setWindowTitle(f"{name} changed on disk")
    layout = QVBoxLayout(dialog)
    layout.addWidget(
        QLabel(
            f"{name} changed on disk while you had unsaved edits. "
            + (
                "They touch different lines: both can be merged."
                if mergeable
                else "Both change the same lines."
            )
        )
    )
    panes = QSplitter(Qt.Orientation.Horizontal)
    for title, text in (("Yours (unsaved)", mine), ("On disk now", theirs)):
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel(f"<b>{title}</b>"))
        view = QPlainTextEdit(text)
        view.setReadOnly(True)
        view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        view.setObjectName("mine" if title.startswith("Yours") else "theirs")
        column.addWidget(view)
        panes.addWidget(box)
    layout.addWidget(panes, 1)
    buttons = QDialogButtonBox()
    for label, answer in (
        ("Keep Mine", Answer.MINE),
        ("Take Theirs", Answer.THEIRS),
        ("Merge Both", Answer.MERGE),
    ):
        if answer == Answer.MERGE and not mergeable:
            continue
        button = buttons.addButton(label, QDialogButtonBox.ButtonRole.AcceptRole)
        button.setObjectName(str(answer))
        button.clicked.connect(partial(_answer, dialog, answer))
    layout.addWidget(buttons)
    dialog.resize(900, 560)
    return dialog


def _answer(dialog: QDialog, answer: Answer) -> None:
    dialog.setProperty("answer", str(answer))
    dialog.accept()


def insert_buttons(dialog: QDialog) -> tuple[QDialogButtonBox, QPushButton]:
    """Insert and Cancel: the buttons of a dialog whose text goes in at the cursor."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok is not None
    ok.setText("Insert")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, ok
