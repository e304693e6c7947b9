"""The Markdown pane: a plain-text editor with Markdown and Hugo-shortcode highlighting,
formatting commands (bold, italic, link, heading) and a find/replace bar."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QIODevice, QMimeData, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QKeySequence,
    QShortcut,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextLayout,
)
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QCheckBox,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.rendering import constructs
from editor.core.site import refs, shortcode_defs
from editor.core.site.images import IMAGE_SUFFIXES

_SHORTCODE_PREFIX = re.compile(r"\{\{[<%]\s*([\w./-]*)$")
_REF_PREFIX = re.compile(r"\{\{[<%]\s*(?:rel)?ref\s+\"([^\"]*)$")
_LINK_PREFIX = re.compile(r"\]\((/?[\w./-]*)$")
_POPUP_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)

# colour per element, for light and dark backgrounds
_COLORS = {
    "heading": ("#2463a6", "#6ea8fe"),
    "list": ("#b35c00", "#f0a35c"),
    "quote": ("#6a737d", "#9aa3ad"),
    "strong": (None, None),
    "em": (None, None),
    "link": ("#1a7f37", "#5bc46f"),
    "code": ("#a3333d", "#ff8e8e"),
    "shortcode": ("#8250df", "#c297ff"),
}

_PATTERNS = [
    ("heading", re.compile(r"^\s{0,3}#{1,6}(\s.*)?$")),
    ("list", re.compile(r"^\s*([*+-]|\d+[.)])\s")),
    ("quote", re.compile(r"^\s{0,3}>.*$")),
    ("strong", re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")),
    ("em", re.compile(r"(?<![*_\w])([*_])(?![*_\s])(.+?)(?<![*_\s])\1(?![*_\w])")),
    ("link", re.compile(r"!?\[[^\]]*\]\([^)]*\)|<https?://[^>]+>|^\s{0,3}\[[^\]]+\]:\s.*$")),
    ("code", re.compile(r"(`+)[^`].*?\1")),
    ("shortcode", re.compile(r"\{\{[<%].*?[>%]\}\}|\{\{[<%].*$")),
]
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_LINK_OPENS = re.compile(r"!?\[[^\]]*$")  # a link's text that goes on past the line's end
_LINK_ENDS = re.compile(r"^[^\]]*\]\([^)]*\)")  # ...and where it ends on a later line
IN_FENCE = 1
IN_LINK_TEXT = 2  # the line ends inside a link's [text]


log = logging.getLogger(__name__)


HIGHLIGHT_UP_TO = 20_000  # characters: a longer line is left plain (its patterns cost per keystroke)


FIRST_LINES = 400  # lines an edit colours at once beyond itself when their state changes
SLICE_SECONDS = 0.008  # the states of the rest are read in slices this long between events
AHEAD = 100  # lines above and below the view coloured with it (a scroll shows them coloured)
_STATE = 0xF  # a line's user state: the state it carries on (bits 0-3), the state above it when
_ABOVE = 0x10  # its formats were set (bits 4-7) and the generation of colours they were set in
_GENERATION = 0x100  # (bits 8 on; 0: never coloured): its colours hold while both still match


class MarkdownHighlighter(QObject):
    """Colours the Markdown pane line by line; a fenced code block (or a link's text running on)
    is carried to the next line by the line's state. Unlike QSyntaxHighlighter, which colours the
    whole document before the window can paint (half a second for a 1 MB post) and a whole tail
    when a fence opens, it colours the lines in sight (`in_sight`, the view and AHEAD lines either
    side) and the lines an edit touches; the other lines' states are read in short slices between
    events (cheap: no formats), and a line is coloured when the view comes to it. `frontier` is the
    first line whose state is not known yet; `done` once every state is. A 1 MB post used to be
    coloured whole between events: ~2 s of the window's thread, for lines nobody looked at."""

    def __init__(self, document: QTextDocument, dark: bool = False) -> None:
        super().__init__(document)
        self.doc = document
        self.formats: dict[str, QTextCharFormat] = {}
        self.frontier = document.blockCount()  # nothing to colour until the text changes
        self.generation = 1  # of the colours: a line set in an older one is coloured again
        self.in_sight: Callable[[], range] = lambda: range(0, FIRST_LINES)  # the editor's view
        self._count = document.blockCount()
        self._block = document.firstBlock()
        self._ranges: list[QTextLayout.FormatRange] = []
        self._state = 0
        self._slices = QTimer(self)
        self._slices.setSingleShot(True)
        self._slices.setInterval(0)
        self._slices.timeout.connect(self._slice)
        # (line, text) -> the spans of its misspelled words (editor.ui.spell), or None: no checking
        self.spelling: Callable[[int, str], list[tuple[int, int]]] | None = None
        self.misspelled = QTextCharFormat()  # the spell checker sets its underline
        # the shortcodes the open site has (editor.core.site.shortcode_defs); others are marked
        self.known_shortcodes: set[str] | None = None
        self.unknown_shortcode = QTextCharFormat()
        self.unknown_shortcode.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self.unknown_shortcode.setUnderlineColor(QColor("#d1242f"))
        self.unknown_shortcode.setToolTip("No such shortcode in this site, its theme or Hugo")
        document.contentsChange.connect(self._changed)
        self.set_dark(dark)

    def set_dark(self, dark: bool) -> None:
        for name, colors in _COLORS.items():
            f = QTextCharFormat()
            color = colors[dark]
            if color:
                f.setForeground(QColor(color))
            if name in ("heading", "strong", "list", "shortcode"):
                f.setFontWeight(QFont.Weight.Bold)
            if name in ("em", "quote"):
                f.setFontItalic(True)
            self.formats[name] = f
        self.rehighlight()

    # ---- QSyntaxHighlighter's vocabulary, for highlightBlock ---------------------------------

    def setFormat(self, start: int, length: int, fmt: QTextCharFormat) -> None:
        r = QTextLayout.FormatRange()
        r.start, r.length, r.format = start, length, fmt
        self._ranges.append(r)

    def previousBlockState(self) -> int:
        return self.state_before(self._block)

    def setCurrentBlockState(self, state: int) -> None:
        self._state = state

    # ---- what is coloured when --------------------------------------------------------------

    def rehighlight(self) -> None:
        """Every line again (new colours, new spelling): those in sight now, the others when
        the view comes to them."""
        self.generation = self.generation % 0xFFFFF + 1
        self.colour_in_sight()

    @property
    def done(self) -> bool:
        """Every line's state is known (lines out of sight are coloured when they come in)."""
        return self.frontier >= self.doc.blockCount()

    def coloured(self, block: QTextBlock) -> bool:
        """Whether the line's formats hold: set in the current colours, with the state above it
        as it is now."""
        user = block.userState()
        return (
            user >= 0
            and user // _GENERATION == self.generation
            and user // _ABOVE & _STATE == self.state_before(block)
        )

    def finish(self) -> None:
        """Colour every line, now."""
        block = self.doc.firstBlock()
        while block.isValid():
            if not self.coloured(block):
                self._colour(block)
            block = block.next()
        self.frontier = self.doc.blockCount()

    def colour_in_sight(self) -> None:
        """Colour the lines in sight that are not (the states above them read first)."""
        view = self.in_sight()
        stop = min(view.stop, self.doc.blockCount())
        if self.frontier < stop:
            self._carry(self.frontier, stop)
        block = self.doc.findBlockByNumber(max(0, view.start))
        while block.isValid() and block.blockNumber() < stop:
            if not self.coloured(block):
                self._colour(block)
            block = block.next()

    def _changed(self, position: int, removed: int, added: int) -> None:
        count = self.doc.blockCount()
        first = self.doc.findBlock(position).blockNumber()
        end = self.doc.findBlock(position + added)
        last = end.blockNumber() if end.isValid() else count - 1
        if first < self.frontier:  # the lines not read yet moved with the edit
            self.frontier = max(first, self.frontier + count - self._count)
        self._count = count
        if first < self.frontier:
            if last - first >= FIRST_LINES:  # a post shown, a paste: what is in sight now
                self.frontier = first
                self.rehighlight()  # a line kept its colours with its text changed under them
            else:
                self._run(first, last)
        if self.frontier < count and not self._slices.isActive():
            self._slices.start()

    def _run(self, first: int, last: int) -> None:
        """Colour lines first..last, then read on while a line's state changed the next one's (a
        fence opened: FIRST_LINES at most, the rest is left to the slices), colouring again the
        lines in sight among them."""
        block = self.doc.findBlockByNumber(first)
        n, changed = first, False
        while block.isValid() and n <= last:
            changed = self._colour(block)
            n += 1
            block = block.next()
        if block.isValid() and changed:
            n = self._carry(n, min(self.doc.blockCount(), last + 1 + FIRST_LINES), until_same=True)
            if n > last + FIRST_LINES:
                self.frontier = min(self.frontier, n)
            self.colour_in_sight()

    def _slice(self, budget: float = SLICE_SECONDS) -> None:
        """Read the states on from the frontier for `budget` seconds."""
        started = time.perf_counter()
        count = self.doc.blockCount()
        while self.frontier < count and time.perf_counter() - started < budget:
            self._carry(self.frontier, min(count, self.frontier + 256))
        if self.frontier < count:
            self._slices.start()
        else:
            self.colour_in_sight()  # lines in sight whose state above changed meanwhile

    def _carry(self, first: int, stop: int, until_same: bool = False) -> int:
        """Read the states of lines first..stop (no formats: their colours hold or not by the
        state above them, see `coloured`); where the frontier is, it moves on. With
        `until_same`, stop after the first line whose state stayed. The line after the last read."""
        block = self.doc.findBlockByNumber(first)
        state = self.state_before(block)
        n = first
        while block.isValid() and n < stop:
            state = _next_state(state, block.text())
            old = block.userState()
            same = old >= 0 and old & _STATE == state
            if not same:
                block.setUserState(state if old < 0 else old - (old & _STATE) + state)
            n += 1
            if self.frontier == n - 1:
                self.frontier = n
            if until_same and same:
                break
            block = block.next()
        return n

    def state_before(self, block: QTextBlock) -> int:
        """The state the line above `block` hands on (IN_FENCE inside a fenced block)."""
        previous = block.previous()
        return previous.userState() & _STATE if previous.isValid() and previous.userState() >= 0 else 0

    def recolour(self, lines: list[int]) -> None:
        """Colour these lines again where they are coloured (the spell checker learned which are
        prose); the others are coloured when in sight."""
        for n in lines:
            block = self.doc.findBlockByNumber(n)
            if block.isValid() and self.coloured(block):
                self._colour(block)

    def _colour(self, block: QTextBlock) -> bool:
        """Colour one line; whether its state (carried to the next line) changed."""
        self._block, self._ranges, self._state = block, [], 0
        text = block.text()
        self.highlightBlock(text)
        if self.spelling is not None and self._state not in (IN_FENCE,) and not _FENCE.match(text):
            for a, b in self.spelling(block.blockNumber(), text):
                self.setFormat(a, b - a, self.misspelled)
        if self.known_shortcodes is not None and "{{" in text:
            for name, _line, column in shortcode_defs.used(text):
                if name not in self.known_shortcodes:
                    self.setFormat(column, len(name), self.unknown_shortcode)
        layout = block.layout()
        if layout is not None:
            layout.setFormats(self._ranges)
            self.doc.markContentsDirty(block.position(), block.length())
        old = block.userState()
        changed = old < 0 or old & _STATE != self._state
        above = self.state_before(block)
        block.setUserState(self._state + above * _ABOVE + self.generation * _GENERATION)
        return changed

    def highlightBlock(self, text: str) -> None:  # QSyntaxHighlighter's name
        previous = self.previousBlockState()
        self.setCurrentBlockState(_next_state(previous, text))
        code = self.formats["code"]
        if previous == IN_FENCE or _FENCE.match(text):
            self.setFormat(0, len(text), code)
            return
        if len(text) > HIGHLIGHT_UP_TO:
            return  # a line this long is data (an inline image), not prose to colour
        for name, rx in _PATTERNS:
            fmt = self.formats[name]
            for m in rx.finditer(text):
                self.setFormat(m.start(), m.end() - m.start(), fmt)
        link = self.formats["link"]
        start = _link_text_ends(previous, text)
        if start is None:  # the whole line is the link's text, which goes on
            self.setFormat(0, len(text), link)
            return
        if start:
            self.setFormat(0, start, link)
        opens = _LINK_OPENS.search(text, start)
        if opens is not None:
            self.setFormat(opens.start(), len(text) - opens.start(), link)


def _link_text_ends(previous: int, text: str) -> int | None:
    """Where a link's text running on from the line above ends on this line (0: none ran on,
    None: it goes on past this line too). A blank line ends a paragraph, and any link in it."""
    if previous != IN_LINK_TEXT or not text.strip():
        return 0
    end = _LINK_ENDS.match(text)
    if end is not None:
        return end.end()
    return None if "]" not in text else 0


def _next_state(previous: int, text: str) -> int:
    """The state a line hands to the next, from the one it was handed and its text."""
    if _FENCE.match(text):
        return 0 if previous == IN_FENCE else IN_FENCE
    if previous == IN_FENCE:
        return IN_FENCE
    if len(text) > HIGHLIGHT_UP_TO:
        return 0
    start = _link_text_ends(previous, text)
    if start is None or _LINK_OPENS.search(text, start) is not None:
        return IN_LINK_TEXT
    return 0


_HEADING = re.compile(r"^(\s{0,3})(#{1,6})(\s+|$)")


class MarkdownEdit(QPlainTextEdit):
    """The body editor. Each formatting command is one undoable step."""

    column_chars = 0  # focus mode: the text in a centred column this many characters wide (0: all)
    _completer: QCompleter | None = None  # made on first use
    indent = "    "  # what Tab inserts (Preferences)

    ref_clicked = Signal(str, str)  # Ctrl+click on a `ref`/`relref` shortcode: its target, lang

    def mousePressEvent(self, event: Any) -> None:  # Qt override: Ctrl+click follows a ref
        if (
            event.button() == Qt.MouseButton.LeftButton
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            cursor = self.cursorForPosition(event.position().toPoint())
            found = refs.target_at(cursor.block().text(), cursor.positionInBlock())
            if found is not None:
                self.ref_clicked.emit(*found)
                return
        super().mousePressEvent(event)

    def contextMenuEvent(self, event: Any) -> None:  # Qt override
        menu = self.createStandardContextMenu(event.pos())
        if self.context_entries is not None:
            self.context_entries(menu, self.cursorForPosition(event.pos()))
        menu.exec(event.globalPos())
        menu.deleteLater()

    def keyPressEvent(self, event: Any) -> None:  # Qt override
        key = event.key()
        shown = self._completer.popup() if self._completer is not None else None
        if shown is not None and shown.isVisible() and key in _POPUP_KEYS:
            event.ignore()  # the completer's popup takes these
            return
        self._key_press(event)
        if (event.text() and event.text().isprintable()) or key == Qt.Key.Key_Backspace:
            self._offer_completion()

    def _key_press(self, event: Any) -> None:
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not mods and self._continue_list():
            return
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and mods in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.ShiftModifier,
        ):
            outdent = key == Qt.Key.Key_Backtab or bool(mods & Qt.KeyboardModifier.ShiftModifier)
            if self.apply_to_lines(lambda lines: constructs.indent_items(lines, self.indent, outdent)):
                return  # list items in (or out) by one level
        if key == Qt.Key.Key_Tab and not mods and not self.textCursor().hasSelection():
            self.textCursor().insertText(self.indent)
            return
        ctrl = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier == Qt.KeyboardModifier.ControlModifier
        if ctrl and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):  # Ctrl+Tab leaves the text
            forward = (
                event.key() == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            )
            QAbstractScrollArea.focusNextPrevChild(self, forward)  # QPlainTextEdit's keeps focus
            return
        super().keyPressEvent(event)

    # ---- completion: shortcode names after `{{<`, posts inside `{{< ref "` and `](` -----------

    def _offer_completion(self) -> None:
        cursor = self.textCursor()
        if cursor.hasSelection():
            return
        before = cursor.block().text()[: cursor.positionInBlock()]
        found = None
        for pattern in (_REF_PREFIX, _LINK_PREFIX):
            m = pattern.search(before)
            if m and self.ref_targets is not None:
                found = (m.group(1), self.ref_targets())
                break
        if found is None:
            m = _SHORTCODE_PREFIX.search(before)
            if m and self.shortcode_names is not None:
                found = (m.group(1), self.shortcode_names())
        if found is None or not found[1]:
            self._hide_completion()
            return
        prefix, choices = found
        completer = self._completer_for()
        model = completer.model()
        assert isinstance(model, QStringListModel)
        if model.stringList() != choices:
            model.setStringList(choices)
        completer.setCompletionPrefix(prefix)
        if completer.completionCount() == 0 or (
            completer.completionCount() == 1 and completer.currentCompletion() == prefix
        ):
            self._hide_completion()
            return
        rect = self.cursorRect()
        popup = completer.popup()
        rect.setWidth(max(240, popup.sizeHintForColumn(0) + 24 if popup is not None else 0))
        completer.complete(rect)
        if popup is not None:  # Enter takes the first choice at once
            popup.setCurrentIndex(completer.completionModel().index(0, 0))

    def _completer_for(self) -> QCompleter:
        if self._completer is None:
            completer = QCompleter(QStringListModel(self), self)
            completer.setWidget(self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.activated.connect(self._complete)
            self._completer = completer
        return self._completer

    def _hide_completion(self) -> None:
        popup = self._completer.popup() if self._completer is not None else None
        if popup is not None:
            popup.hide()

    def _complete(self, choice: str) -> None:
        """Replace what was typed of the name or path with the chosen one."""
        assert self._completer is not None
        cursor = self.textCursor()
        cursor.movePosition(
            QTextCursor.MoveOperation.Left,
            QTextCursor.MoveMode.KeepAnchor,
            len(self._completer.completionPrefix()),
        )
        cursor.insertText(choice)
        self.setTextCursor(cursor)

    typewriter = False  # the cursor's line stays in the middle of the view

    def raw_text(self) -> str:
        """The pane's text exactly (toPlainText turns non-breaking spaces into plain ones)."""
        return str(self.document().toRawText()).replace("\u2029", "\n")

    def set_column(self, chars: int) -> None:
        """Centre the text in a column `chars` wide (0: the whole width); the margins are paper
        too, without a frame."""
        self.column_chars = chars
        self.setFrameShape(QFrame.Shape.NoFrame if chars else QFrame.Shape.StyledPanel)
        self.setStyleSheet("QPlainTextEdit#markdown { background: palette(base); }" if chars else "")
        self._place_column()

    def _place_column(self) -> None:
        if not self.column_chars:
            self.setViewportMargins(0, 0, 0, 0)
            return
        column = self.fontMetrics().horizontalAdvance("n" * self.column_chars) + 24
        side = max(0, (self.width() - column) // 2)
        self.setViewportMargins(side, 0, side, 0)

    def resizeEvent(self, event: Any) -> None:  # Qt override
        super().resizeEvent(event)
        self._place_column()
        self.highlighter.colour_in_sight()

    def lines_in_sight(self, around: int) -> range:
        """The lines in the view and `around` lines either side."""
        first = self.firstVisibleBlock().blockNumber()
        rows = self.viewport().height() // max(self.fontMetrics().height(), 1)
        return range(max(0, first - around), first + rows + around)

    def set_typewriter(self, on: bool) -> None:
        self.typewriter = on
        self.setCenterOnScroll(on)  # the last lines can come to the middle too
        if on:
            self.centerCursor()

    def _keep_cursor_centred(self) -> None:
        if self.typewriter:
            self.centerCursor()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("markdown")
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(max(font.pointSize(), 11))
        self.setFont(font)
        self.setTabChangesFocus(False)
        self.document().setDocumentMargin(12)
        self.highlighter = MarkdownHighlighter(self.document())
        self.highlighter.in_sight = lambda: self.lines_in_sight(AHEAD)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self.highlighter.colour_in_sight())
        # more entries for the right-click menu at a place (the spell checker's suggestions)
        self.context_entries: Callable[[QMenu, QTextCursor], None] | None = None
        self.cursorPositionChanged.connect(self._keep_cursor_centred)
        # (file name, bytes) -> the Markdown that links the image where it was put; set by the
        # window while a saved post is open
        self.place_image: Callable[[str, bytes], str | None] | None = None
        # what completion offers, set by the window while a site is open
        self.shortcode_names: Callable[[], list[str]] | None = None
        self.ref_targets: Callable[[], list[str]] | None = None

    # ---- images dropped or pasted ------------------------------------------------------------

    def _images(self, source: QMimeData) -> list[tuple[str, bytes]]:
        found = []
        for url in source.urls() if source.hasUrls() else []:
            path = Path(url.toLocalFile()) if url.isLocalFile() else None
            if path is not None and path.suffix.lower() in IMAGE_SUFFIXES and path.is_file():
                found.append((path.name, path.read_bytes()))
        if not found and source.hasImage():
            image = QImage(source.imageData())
            buffer = QBuffer()
            buffer.open(QIODevice.OpenModeFlag.WriteOnly)
            if not image.isNull() and image.save(buffer, "PNG"):  # type: ignore[call-overload]
                found.append(("pasted-image.png", bytes(buffer.data().data())))
        return found

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # Qt override
        if self.place_image is not None and (
            source.hasImage()
            or any(Path(u.toLocalFile()).suffix.lower() in IMAGE_SUFFIXES for u in source.urls())
        ):
            return True
        return super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:  # Qt override
        try:
            images = self._images(source) if self.place_image is not None else []
        except (OSError, ValueError) as e:  # an unreadable file: paste what Qt would
            log.warning("the dropped image could not be read: %s", e, exc_info=True)
            images = []
        if not images:
            super().insertFromMimeData(source)
            return
        links = [link for name, data in images if (link := self.place_image(name, data))]  # type: ignore[misc]
        if links:
            self.textCursor().insertText("\n\n".join(links))

    # ---- scrolling by source line (the preview follows these) --------------------------------

    def first_visible_line(self) -> float:
        """The body line at the top of the view; the fraction is how far into a wrapped line."""
        value = self.verticalScrollBar().value()
        block = self.document().findBlockByLineNumber(value)
        if not block.isValid():
            return 0.0
        within = (value - block.firstLineNumber()) / max(1, block.lineCount())
        return block.blockNumber() + within

    def scroll_to_line(self, line: float) -> None:
        block = self.document().findBlockByNumber(max(0, int(line)))
        if block.isValid():
            within = int((line - int(line)) * max(1, block.lineCount()))
            self.verticalScrollBar().setValue(block.firstLineNumber() + within)

    def move_cursor_to_line(self, line: int) -> None:
        block = self.document().findBlockByNumber(max(0, line))
        if block.isValid():
            cursor = self.textCursor()
            cursor.setPosition(block.position())
            self.setTextCursor(cursor)
            self.setFocus()

    def line_texts(self, first: int, end: int) -> list[str]:
        """The text of body lines first..end (non-breaking spaces kept)."""
        out = []
        block = self.document().findBlockByNumber(first)
        for _ in range(first, end):
            out.append(block.text())
            block = block.next()
        return out

    # ---- formatting ------------------------------------------------------------------------

    def toggle_wrap(self, marker: str) -> None:
        """Bold (`**`) or italic (`*`) around the selection or the word at the cursor; again to undo."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            cursor.select(QTextCursor.SelectionType.WordUnderCursor)
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        n = len(marker)
        doc = self.document()

        def chars(pos: int) -> str:
            return "".join(doc.characterAt(p) for p in range(pos, pos + n))

        cursor.beginEditBlock()
        if start >= n and chars(start - n) == marker and chars(end) == marker:
            for pos in (end, start - n):  # the later one first, so positions stay right
                cursor.setPosition(pos)
                cursor.setPosition(pos + n, QTextCursor.MoveMode.KeepAnchor)
                cursor.removeSelectedText()
            start, end = start - n, end - n
        else:
            cursor.setPosition(end)
            cursor.insertText(marker)
            cursor.setPosition(start)
            cursor.insertText(marker)
            start, end = start + n, end + n
        cursor.endEditBlock()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    # ---- Markdown constructs (editor.core.rendering.constructs), each one undo step --------------

    def _selected_lines(self) -> tuple[int, int]:
        """Body lines [first, end) the selection touches (the cursor's line without one)."""
        cursor = self.textCursor()
        doc = self.document()
        first = doc.findBlock(cursor.selectionStart()).blockNumber()
        last_block = doc.findBlock(cursor.selectionEnd())
        last = last_block.blockNumber()
        if cursor.hasSelection() and last > first and cursor.selectionEnd() == last_block.position():
            last -= 1  # a selection ending at a line's start does not take that line
        return first, last + 1

    def replace_line_range(self, first: int, end: int, new: list[str], select: bool = True) -> None:
        """Lines [first, end) become `new`, as one undo step; the new lines selected."""
        doc = self.document()
        start_block, end_block = doc.findBlockByNumber(first), doc.findBlockByNumber(end - 1)
        cursor = QTextCursor(doc)
        cursor.setPosition(start_block.position())
        cursor.setPosition(end_block.position() + end_block.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        if cursor.selectedText().replace("\u2029", "\n") == "\n".join(new):
            return
        cursor.beginEditBlock()
        cursor.insertText("\n".join(new))
        cursor.endEditBlock()
        if select:
            after = QTextCursor(doc)
            after.setPosition(doc.findBlockByNumber(first).position())
            last = doc.findBlockByNumber(first + len(new) - 1)
            after.setPosition(last.position() + last.length() - 1, QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(after)

    def _style(self) -> constructs.Style:
        return constructs.style_of(self.raw_text().split("\n"))

    def apply_to_lines(self, change: Callable[[list[str]], list[str] | None]) -> bool:
        """The selected lines (or the cursor's) changed by `change`; without a selection the
        cursor stays where it was in its line's text (as when a marker is put before it)."""
        cursor = self.textCursor()
        first, end = self._selected_lines()
        old = self.line_texts(first, end)
        new = change(old)
        if new is None:
            return False
        selected = cursor.hasSelection()
        column = cursor.positionInBlock()
        self.replace_line_range(first, end, new, select=selected)
        if not selected and len(new) == len(old) == 1:
            moved = self.textCursor()
            block = self.document().findBlockByNumber(first)
            shift = len(new[0]) - len(old[0])
            moved.setPosition(block.position() + max(0, min(len(new[0]), column + shift)))
            self.setTextCursor(moved)
        return True

    def toggle_list(self, kind: str) -> None:
        """Format → Bulleted, Numbered or Task List on the selected lines (again: plain text)."""
        style = self._style()
        self.apply_to_lines(lambda lines: constructs.toggle_list(lines, kind, style))

    def toggle_quote(self) -> None:
        self.apply_to_lines(constructs.toggle_quote)

    def insert_code_block(self, language: str = "") -> None:
        """A fenced code block around the selected lines (an empty one at the cursor's line)."""
        cursor = self.textCursor()
        style = self._style()
        if cursor.hasSelection():
            self.apply_to_lines(lambda lines: constructs.code_block(lines, language, style))
            return
        first, _end = self._selected_lines()
        here = self.line_texts(first, first + 1)[0]
        block = constructs.code_block([], language, style)
        new = block if not here.strip() else [here, "", *block]
        self.replace_line_range(first, first + 1, new, select=False)
        inside = self.document().findBlockByNumber(first + len(new) - 2)
        moved = self.textCursor()
        moved.setPosition(inside.position())
        self.setTextCursor(moved)

    def insert_rule(self) -> None:
        first, _end = self._selected_lines()
        here = self.line_texts(first, first + 1)[0]
        new = ["---"] if not here.strip() else [here, "", "---", ""]
        self.replace_line_range(first, first + 1, new, select=False)

    def insert_table(self, rows: int, columns: int) -> None:
        first, _end = self._selected_lines()
        here = self.line_texts(first, first + 1)[0]
        table = constructs.new_table(rows, columns)
        new = table if not here.strip() else [here, "", *table]
        self.replace_line_range(first, first + 1, new)

    def format_table(self) -> bool:
        """Format → Format Table: the table at the cursor aligned by its columns."""
        lines = self.raw_text().split("\n")
        found = constructs.table_around(lines, self.textCursor().blockNumber())
        if found is None:
            return False
        first, end = found
        formatted = constructs.format_table(lines[first:end])
        if formatted is not None:
            self.replace_line_range(first, end, formatted, select=False)
        return True

    def insert_footnote(self) -> None:
        """A footnote: `[^n]` at the cursor, its definition at the end of the body, the cursor
        there to write it (one undo step)."""
        label = constructs.next_footnote(self.raw_text())
        cursor = self.textCursor()
        cursor.beginEditBlock()
        cursor.insertText(f"[^{label}]")
        lines = self.raw_text().split("\n")
        with_note = constructs.footnote_definition(lines, label)
        start = len(lines) - 1
        while start > 0 and not lines[start].strip():
            start -= 1  # from the last line with text: only the end of the body changes
        tail = QTextCursor(self.document())
        tail.setPosition(self.document().findBlockByNumber(start).position())
        tail.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        tail.insertText("\n".join(with_note[start:]))
        cursor.endEditBlock()
        note = self.document().findBlockByNumber(len(with_note) - 2)
        moved = self.textCursor()
        moved.setPosition(note.position() + note.length() - 1)
        self.setTextCursor(moved)

    def _continue_list(self) -> bool:
        """Enter in a list item: the next item (numbered lists renumber); on an empty item, the
        list ends (the marker goes)."""
        cursor = self.textCursor()
        if cursor.hasSelection():
            return False
        block = cursor.block()
        line = block.text()
        prefix = constructs.continue_list(line)
        if prefix is None or self.highlighter.state_before(block) == IN_FENCE:
            return False
        cursor.beginEditBlock()
        if prefix == "":  # the list ends: the empty item's marker goes, a blank line after the list
            clear = QTextCursor(block)
            clear.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
            clear.insertText("\n")
            self.setTextCursor(clear)
        else:
            at = cursor.positionInBlock()
            if at < len(prefix) and at <= len(line) - len(line.lstrip()):
                cursor.endEditBlock()
                return False  # at the marker itself: a plain new line
            cursor.insertText("\n" + prefix)
            n = cursor.blockNumber()
            lines = self.raw_text().split("\n")
            renumbered = constructs.renumber(lines, n)
            if renumbered != lines:
                changed = [i for i in range(len(lines)) if lines[i] != renumbered[i]]
                fix = QTextCursor(self.document().findBlockByNumber(changed[0]))
                last = self.document().findBlockByNumber(changed[-1])
                fix.setPosition(last.position() + last.length() - 1, QTextCursor.MoveMode.KeepAnchor)
                fix.insertText("\n".join(renumbered[changed[0] : changed[-1] + 1]))
                self.setTextCursor(cursor)
        cursor.endEditBlock()
        return True

    def insert_link(self) -> None:
        """`[text](url)` from the selection; the URL comes from the clipboard when it holds one."""
        cursor = self.textCursor()
        label = cursor.selectedText() or "link text"
        clip = QGuiApplication.clipboard().text().strip()
        url = clip if re.match(r"^(https?://|mailto:)\S+$", clip) else "https://"
        cursor.beginEditBlock()
        start = cursor.selectionStart()
        cursor.insertText(f"[{label}]({url})")
        cursor.endEditBlock()
        # select what the author most likely types next: the URL, or the text when the URL is known
        if url == "https://":
            sel_start, sel_end = start + len(label) + 3, start + len(label) + 3 + len(url)
        else:
            sel_start, sel_end = start + 1, start + 1 + len(label)
        cursor.setPosition(sel_start)
        cursor.setPosition(sel_end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def set_heading(self, level: int) -> None:
        """Make the cursor's line a heading of `level` (0: plain text again)."""
        cursor = self.textCursor()
        block = cursor.block()
        line = block.text()
        m = _HEADING.match(line)
        rest = line[m.end() :] if m else line.lstrip()
        indent = m.group(1) if m else ""
        new = (indent + "#" * level + " " + rest) if level else indent + rest
        if new == line:
            return
        cursor.beginEditBlock()
        edit = QTextCursor(block)
        edit.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        edit.insertText(new)
        cursor.endEditBlock()
        cursor.setPosition(block.position() + len(new))
        self.setTextCursor(cursor)


class FindBar(QWidget):
    """Find and replace under the editor: Enter finds the next match, Shift+Enter the previous."""

    message = Signal(str)

    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("find_bar")
        self.editor = editor
        self.needle = QLineEdit(placeholderText="Find")
        self.needle.setObjectName("find")
        self.replacement = QLineEdit(placeholderText="Replace with")
        self.replacement.setObjectName("replace")
        self.case = QCheckBox("Match case")
        self.status = QLabel()
        buttons = {}
        for name, text in (("prev", "↑"), ("next", "↓"), ("one", "Replace"), ("all", "All"), ("close", "✕")):
            b = QToolButton()
            b.setText(text)
            b.setObjectName(f"find_{name}")
            buttons[name] = b
        buttons["prev"].setToolTip("Previous match (Shift+Enter)")
        buttons["next"].setToolTip("Next match (Enter)")
        buttons["all"].setToolTip("Replace all")
        row1, row2 = QHBoxLayout(), QHBoxLayout()
        for w in (self.needle, buttons["prev"], buttons["next"], self.case, self.status, buttons["close"]):
            row1.addWidget(w)
        for w in (self.replacement, buttons["one"], buttons["all"]):
            row2.addWidget(w)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addLayout(row1)
        layout.addLayout(row2)
        self.needle.returnPressed.connect(self.find_next)
        QShortcut(
            QKeySequence("Shift+Return"),
            self.needle,
            self.find_previous,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        QShortcut(
            QKeySequence(Qt.Key.Key_Escape),
            self,
            self.close_bar,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.needle.textEdited.connect(self._search_from_selection_start)
        buttons["next"].clicked.connect(self.find_next)
        buttons["prev"].clicked.connect(self.find_previous)
        buttons["one"].clicked.connect(self.replace_one)
        buttons["all"].clicked.connect(self.replace_all)
        buttons["close"].clicked.connect(self.close_bar)
        self.replacement.returnPressed.connect(self.replace_one)
        self.hide()

    def open_bar(self, replacing: bool = False) -> None:
        selected = self.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.needle.setText(selected)
        self.show()
        target = self.replacement if replacing else self.needle
        target.setFocus()
        target.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.editor.setFocus()

    def _flags(self, backward: bool = False) -> QTextDocument.FindFlag:
        flags = QTextDocument.FindFlag(0)
        if self.case.isChecked():
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        if backward:
            flags |= QTextDocument.FindFlag.FindBackward
        return flags

    def _find(self, backward: bool, start: QTextCursor | None = None) -> bool:
        needle = self.needle.text()
        if not needle:
            self.status.setText("")
            return False
        doc = self.editor.document()
        cursor = start or self.editor.textCursor()
        found = doc.find(needle, cursor, self._flags(backward))
        if found.isNull():  # wrap around
            edge = QTextCursor(doc)
            if backward:
                edge.movePosition(QTextCursor.MoveOperation.End)
            found = doc.find(needle, edge, self._flags(backward))
        if found.isNull():
            self.status.setText("Not found")
            self.needle.setStyleSheet("background: #f8d7da; color: #1f2328;")
            return False
        self.needle.setStyleSheet("")
        self.status.setText("")
        self.editor.setTextCursor(found)
        self.editor.centerCursor()
        return True

    def find_next(self) -> bool:
        return bool(self._find(backward=False))

    def find_previous(self) -> bool:
        return bool(self._find(backward=True))

    def _search_from_selection_start(self) -> None:
        cursor = self.editor.textCursor()
        cursor.setPosition(cursor.selectionStart())
        self._find(backward=False, start=cursor)

    def _matches(self, text: str) -> bool:
        needle = self.needle.text()
        if self.case.isChecked():
            return text == needle
        return text.lower() == needle.lower()

    def replace_one(self) -> None:
        cursor = self.editor.textCursor()
        if cursor.hasSelection() and self._matches(cursor.selectedText()):
            cursor.insertText(self.replacement.text())
        self.find_next()

    def replace_all(self) -> int:
        needle = self.needle.text()
        if not needle:
            return 0
        doc = self.editor.document()
        count = 0
        edit = QTextCursor(doc)
        edit.beginEditBlock()  # one undo step for the whole replacement
        found = doc.find(needle, 0, self._flags())
        while not found.isNull():
            found.insertText(self.replacement.text())
            count += 1
            found = doc.find(needle, found, self._flags())
        edit.endEditBlock()
        self.status.setText(f"{count} replaced")
        self.message.emit(f"Replaced {count} occurrence{'s' if count != 1 else ''} of “{needle}”")
        return count


def replace_lines(editor: QPlainTextEdit, old: str, new: str) -> None:
    """Make the pane's text `new` by replacing only the lines that differ, as one undo step."""
    a, b = old.split("\n"), new.split("\n")
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    doc = editor.document()
    first = doc.findBlockByNumber(head)
    last = doc.findBlockByNumber(len(a) - tail - 1)
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    lines = b[head : len(b) - tail]
    replacement = "\n".join(lines)
    if not lines and head < len(a) - tail:  # lines to remove, with their line breaks
        after = last.next()
        if after.isValid():
            cursor.setPosition(first.position())
            cursor.setPosition(after.position(), QTextCursor.MoveMode.KeepAnchor)
        else:
            cursor.setPosition(max(0, first.position() - 1))
            cursor.setPosition(last.position() + last.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
    elif head < len(a) - tail:  # lines to replace
        cursor.setPosition(first.position())
        cursor.setPosition(last.position() + last.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(replacement)
    else:  # pure insertion before line `head`
        if head < doc.blockCount():
            cursor.setPosition(first.position())
            cursor.insertText(replacement + "\n")
        else:
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertText("\n" + replacement)
    cursor.endEditBlock()
