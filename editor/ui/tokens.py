"""A chip editor for taxonomy terms: each term a removable chip, completion from the site's terms."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, QStringListModel, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPainter, QPaintEvent, QPalette, QPen, QResizeEvent
from PySide6.QtWidgets import QCompleter, QLineEdit, QSizePolicy, QToolButton, QWidget

GAP = 4


FRAME = 3  # px inside the drawn frame, around the chips and the entry


class _Entry(QLineEdit):
    """The text box after the chips; Backspace in an empty box takes the last chip back."""

    backspace_when_empty = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        if event.key() == Qt.Key.Key_Backspace and not self.text():
            self.backspace_when_empty.emit()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # Qt override: the box shows the focus
        super().focusInEvent(event)
        if (box := self.parentWidget()) is not None:
            box.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # Qt override
        super().focusOutEvent(event)
        if (box := self.parentWidget()) is not None:
            box.update()


class TokenEdit(QWidget):
    """Edits a list of terms. Emits tokens_edited(list) for the author's edits only.

    Chips flow left to right and wrap. They are placed by hand in resizeEvent: a Python QLayout
    subclass (Qt's flow-layout example) corrupts the refcount of None in PySide6 6.12 whenever Qt
    asks its itemAt() past the end, and the interpreter aborts at exit.
    """

    tokens_edited = Signal(list)

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tokens: list[str] = []
        self._chips: list[QToolButton] = []
        self.entry = _Entry(self)
        self.entry.setPlaceholderText(placeholder)
        self.entry.setMinimumWidth(90)
        self.entry.setFrame(False)
        self._model = QStringListModel(self)
        self.completer = QCompleter(self._model, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.entry.setCompleter(self.completer)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setFocusProxy(self.entry)
        self.entry.returnPressed.connect(self._commit)
        self.entry.textEdited.connect(self._text_edited)
        self.entry.editingFinished.connect(self._commit)
        self.entry.backspace_when_empty.connect(self._take_last)
        self.completer.activated.connect(self._completion_chosen)

    def tokens(self) -> list[str]:
        return list(self._tokens)

    def paintEvent(self, event: QPaintEvent) -> None:  # Qt override
        """A frame like a text box's, in the highlight colour (and thicker) while it has focus:
        the entry inside has none of its own."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        focused = self.entry.hasFocus()
        role = QPalette.ColorRole.Highlight if focused else QPalette.ColorRole.Mid
        pen = QPen(self.palette().color(role), 2 if focused else 1)
        painter.setPen(pen)
        painter.setBrush(self.palette().color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 3, 3)

    def set_tokens(self, tokens: list[str]) -> None:
        """Show terms as the post has them; not an edit."""
        self._tokens = list(tokens)
        self._rebuild()

    def set_completions(self, terms: list[str]) -> None:
        self._model.setStringList(terms)

    def add_token(self, text: str) -> bool:
        term = text.strip()
        if not term or term.lower() in (t.lower() for t in self._tokens):
            return False
        self._tokens.append(term)
        self._rebuild()
        self.tokens_edited.emit(self.tokens())
        return True

    def remove_token(self, index: int) -> None:
        del self._tokens[index]
        self._rebuild()
        self.tokens_edited.emit(self.tokens())

    def chips(self) -> list[QToolButton]:
        return list(self._chips)

    def _rebuild(self) -> None:
        for chip in self._chips:
            chip.hide()
            chip.deleteLater()
        self._chips = []
        for i, term in enumerate(self._tokens):
            chip = QToolButton(self)
            chip.setObjectName("chip")
            chip.setText(f"{term}  ✕")
            chip.setToolTip(f"Remove “{term}”")
            chip.setAutoRaise(False)
            chip.clicked.connect(lambda _=False, i=i: self.remove_token(i))
            chip.show()
            self._chips.append(chip)
        self._arrange(self.width(), move=True)
        self.updateGeometry()

    # ---- flow placement ------------------------------------------------------------------

    def _arrange(self, width: int, move: bool) -> int:
        """Place the chips and the entry in lines inside the frame; the height they take."""
        width -= 2 * FRAME
        x = y = line_height = 0
        for w in [*self._chips, self.entry]:
            hint = w.sizeHint()
            if x + hint.width() > width and line_height > 0:
                x, y, line_height = 0, y + line_height + GAP, 0
            if move:
                # the entry takes the rest of its line
                grow = max(hint.width(), width - x) if w is self.entry else hint.width()
                w.setGeometry(QRect(QPoint(x + FRAME, y + FRAME), QSize(grow, hint.height())))
            x += hint.width() + GAP
            line_height = max(line_height, hint.height())
        return y + line_height + 2 * FRAME

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt override
        self._arrange(event.size().width(), move=True)

    def hasHeightForWidth(self) -> bool:  # Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # Qt override
        return self._arrange(width, move=False)

    def sizeHint(self) -> QSize:  # Qt override
        width = max(self.width(), 200)
        return QSize(width, self._arrange(width, move=False))

    def minimumSizeHint(self) -> QSize:  # Qt override
        return QSize(120, self.entry.sizeHint().height() + 2 * FRAME)

    def _text_edited(self, text: str) -> None:
        if "," in text:  # a comma ends a term, as in every tag box authors know
            *done, rest = text.split(",")
            for term in done:
                self.add_token(term)
            self.entry.setText(rest.lstrip())

    def _commit(self) -> None:
        if self.entry.text().strip():
            self.add_token(self.entry.text())
            self.entry.clear()

    def _completion_chosen(self, text: str) -> None:
        self.add_token(text)
        self.entry.clear()

    def _take_last(self) -> None:
        if self._tokens:
            term = self._tokens[-1]
            self.remove_token(len(self._tokens) - 1)
            self.entry.setText(term)
