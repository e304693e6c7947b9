"""Spell checking in the Markdown pane: misspelled words underlined in the palette's error colour
as the highlighter colours each line, suggestions and dictionaries in the right-click menu, Next
Misspelling (F8). What is checked is editor.core.spelling's (the preview's blocks say which lines
are prose); a line is checked when the highlighter colours it and it is in sight, or near it (a
long post's far lines are checked when the author scrolls to them, or asks for the next
misspelling: a 1 MB post is not looked up whole), and a line's verdict is cached."""

from __future__ import annotations

import functools
import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QInputMethodEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QLineEdit, QMenu, QPlainTextEdit

from editor.core import places, site, spelling

if TYPE_CHECKING:
    from editor.ui.markdown_edit import MarkdownEdit
    from editor.ui.preview import Preview

log = logging.getLogger(__name__)
ERROR_COLOR = ("#d1242f", "#ff6b6b")  # light, dark: the wavy line under a misspelled word
CACHE_LINES = 20_000  # lines whose misspellings are remembered by their text
NEAR = 300  # lines before and after the view that are checked with it
BURST = 0.015  # seconds of look-ups per turn of the event loop for lines near the view, not in it


class SpellCheck(QObject):
    said = Signal(str)  # a message for the status bar (a missing dictionary)

    def __init__(self, editor: MarkdownEdit, preview: Preview, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.preview = preview
        self.enabled = True
        self.preferred = ""  # the Preferences' language ("" : the post's, the site's, else en_US)
        self.rules = spelling.Rules()
        self.speller: spelling.Speller | None = None
        self.unavailable = ""  # why there is no checking ("" when there is)
        self._wanted = False  # a dictionary to open once the preview has rendered
        self._title: QLineEdit | None = None  # the form's title and description (watch_plain)
        self._description_edit: QPlainTextEdit | None = None
        self._description: _PlainText | None = None
        self._auto = "en_US"  # the open post's language
        self._root: Path | None = None  # and site
        self._spellers: dict[tuple[str, Path | None], spelling.Speller] = {}
        self._prose: list[bool] = []  # per body line, from the preview's last render
        self._cache: OrderedDict[str, list[spelling.Word]] = OrderedDict()
        self.format = QTextCharFormat()
        self.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self.set_dark(False)
        self._timer = QTimer(self)  # the preview's render settles: which lines are prose
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self._read_prose)
        preview.updated.connect(lambda _s: self._timer.start())
        editor.highlighter.spelling = self.spans
        editor.highlighter.misspelled = self.format
        editor.context_entries = self.add_menu_entries
        self._skipped: set[str] = set()  # lines coloured without a look-up (far from the view)
        self._resume = False  # F8 waits for the rest of a long post to render
        self._burst: float | None = None  # when this turn's look-ups began (see `_over_budget`)
        self._scrolled = QTimer(self)
        self._scrolled.setSingleShot(True)
        self._scrolled.setInterval(50)
        self._scrolled.timeout.connect(self._check_in_sight)
        editor.verticalScrollBar().valueChanged.connect(lambda _v: self._scrolled.start())

    def set_dark(self, dark: bool) -> None:
        self.format.setUnderlineColor(QColor(ERROR_COLOR[dark]))

    @property
    def ready(self) -> bool:
        """Checking: a dictionary is open and the preview has said which lines are prose."""
        return self.speller is not None and bool(self._prose)

    # ---- the form's title and description: plain text, every word is prose ----------------------

    def watch_plain(self, title: QLineEdit, description: QPlainTextEdit) -> None:
        self._title = title
        self._description_edit = description
        self._description = _PlainText(description.document(), self)
        title.textChanged.connect(lambda _t: self._underline_title())

    def plain_spans(self, text: str) -> list[tuple[int, int]]:
        if not self.enabled or self.speller is None or not self._prose:
            return []
        return [(w.start, w.end) for w in spelling.words_in([(0, text)], self.speller)]

    def _underline_title(self) -> None:
        """QLineEdit has no character formats of its own: its input-method formats carry the
        underline (placed relative to the cursor, as an input method's are)."""
        title = self._title
        if title is None:
            return
        here = title.cursorPosition()
        attributes = [
            QInputMethodEvent.Attribute(
                QInputMethodEvent.AttributeType.TextFormat, a - here, b - a, self.format
            )
            for a, b in self.plain_spans(title.text())
        ]
        QCoreApplication.sendEvent(title, QInputMethodEvent("", attributes))

    def _recheck_plain(self) -> None:
        if self._description is not None and self._description_edit is not None:
            # new underlines only: the form must not take them for an edit of the description
            self._description_edit.blockSignals(True)
            try:
                self._description.rehighlight()
            finally:
                self._description_edit.blockSignals(False)
        self._underline_title()

    # ---- which speller -------------------------------------------------------------------------

    def post_opened(self, path: Path | None) -> None:
        """Another post: its language's dictionary, its site's words."""
        root = site.find_root(path.parent) if path is not None else None
        config: dict[str, Any] = {}
        if root is not None:
            try:
                config = site.load_config(root)
            except site.ConfigError:
                config = {}
        self._auto, self._root = spelling.language_of(path, config, "en_US"), root
        self._prose = []  # nothing is checked until the preview's render says what is prose
        self._skipped.clear()
        self._wanted = True  # the dictionary is opened then too (not before the window paints)

    def configure(self, enabled: bool, language: str, rules: spelling.Rules) -> None:
        """The preferences: on or off, a language ("" automatic), the words never looked up."""
        changed = (enabled, language, rules) != (self.enabled, self.preferred, self.rules)
        self.enabled, self.preferred, self.rules = enabled, language, rules
        if changed:
            self._spellers.clear()
            self.speller = None
            self._wanted = True
            if self._prose:
                self._use(language or self._auto, self._root)
            self._recheck()

    def _use(self, language: str, root: Path | None) -> None:
        key = (language, root)
        self.unavailable = ""
        if key not in self._spellers:
            try:
                speller = spelling.Speller.open(language, places.data_folder() / "dictionary.txt", root)
            except spelling.SpellingUnavailable as e:
                self.speller, self.unavailable = None, str(e)
                log.info("spell checking off: %s", e)
                self.said.emit(f"Spell checking is off: {e}")
                self._recheck()
                return
            speller.rules = self.rules
            self._spellers[key] = speller
        if self.speller is not self._spellers[key]:
            self.speller = self._spellers[key]
            self._recheck()

    # ---- what the highlighter asks -------------------------------------------------------------

    def spans(self, line: int, text: str) -> list[tuple[int, int]]:
        """The misspelled words of body line `line` (its text as it is now); a line far from
        the view is left for when it comes near (unless its verdict is known)."""
        return [(w.start, w.end) for w in self.words(line, text, lazily=True)]

    def in_sight(self) -> range:
        """The lines in the view and NEAR lines either side."""
        return self.editor.lines_in_sight(NEAR)

    def _check_in_sight(self) -> None:
        """The view moved: colour again the prose lines near it that were not looked up."""
        if not self._skipped or self.speller is None or not self.enabled:
            return
        near = self.in_sight()
        block = self.editor.document().findBlockByNumber(near.start)
        due = []
        while block.isValid() and block.blockNumber() < near.stop:
            text = block.text()
            if text in self._skipped:
                self._skipped.discard(text)
                due.append(block.blockNumber())
            block = block.next()
        if due:
            self.editor.highlighter.recolour(due)

    def _over_budget(self) -> bool:
        """Whether this turn of the event loop has looked up long enough (the lines near the view
        wait for the next: a whole view's margin at once held the window ~70 ms)."""
        now = time.perf_counter()
        if self._burst is None:
            self._burst = now
            QTimer.singleShot(0, self, self._next_burst)
        return now - self._burst > BURST

    def _next_burst(self) -> None:
        self._burst = None
        self._check_in_sight()

    def words(self, line: int, text: str, lazily: bool = False) -> list[spelling.Word]:
        if not self.enabled or self.speller is None or not text.strip() or not self._prose:
            return []
        if line < len(self._prose) and not self._prose[line]:
            return []
        found = self._cache.get(text)
        if (
            found is None
            and lazily
            and (
                line not in self.in_sight()
                or (line not in self.editor.lines_in_sight(0) and self._over_budget())
            )
        ):
            self._skipped.add(text)  # looked up when near, in a later turn (the view's first)
            return []
        if found is None:
            found = self.speller.misspelled_in_line(text, 0, self.preview.live.references)
            self._cache[text] = found
            if len(self._cache) > CACHE_LINES:
                self._cache.popitem(last=False)
        return found

    def _read_prose(self) -> None:
        if self.preview.busy:
            self._timer.start()
            return
        lines = self.editor.raw_text().split("\n")
        prose = spelling.prose_lines(self.preview.live.blocks, lines) if self.preview.live.blocks else []
        old, self._prose = self._prose, prose
        if self._resume and not self.preview.live.partial:  # F8 waited for the rest: on with it
            self._resume = False
            QTimer.singleShot(0, self._next_again)
        if self._wanted and prose:
            self._wanted = False
            self._use(self.preferred or self._auto, self._root)  # recolours every line
            return
        if not self.enabled or self.speller is None:
            return
        if not old:
            self.editor.highlighter.rehighlight()
            return
        changed = [n for n in range(len(prose)) if (old[n] if n < len(old) else True) != prose[n]]
        self.editor.highlighter.recolour(changed)

    def _recheck(self) -> None:
        self._cache.clear()
        self._skipped.clear()
        if self.speller is not None:
            self.speller.forget_cache()
        self.editor.highlighter.rehighlight()
        self._recheck_plain()

    # ---- the author's answers ------------------------------------------------------------------

    def word_at(self, cursor: QTextCursor) -> spelling.Word | None:
        block = cursor.block()
        column = cursor.positionInBlock()
        return next(
            (w for w in self.words(block.blockNumber(), block.text()) if w.start <= column <= w.end), None
        )

    def add_menu_entries(self, menu: QMenu, cursor: QTextCursor) -> None:
        """Suggestions first, then the dictionaries and Ignore, for a misspelled word at `cursor`."""
        word = self.word_at(cursor)
        if word is None or self.speller is None:
            return
        speller = self.speller
        first = menu.actions()[0] if menu.actions() else None
        entries: list[QAction] = []

        def entry(text: str, then: Callable[[], None]) -> None:
            action = QAction(text, menu)
            action.triggered.connect(then)
            entries.append(action)

        at = cursor.block().position()
        for suggestion in speller.suggest(word.text)[:6]:
            entry(suggestion, functools.partial(self._replace, at, word, suggestion))
        if not entries:
            none = QAction("(no suggestions)", menu)
            none.setEnabled(False)
            entries.append(none)
        entries.append(QAction(menu))
        entries[-1].setSeparator(True)
        entry(f"Add “{word.text}” to Dictionary", lambda: self._learn(speller.add_personal, word.text))
        if speller.site_root is not None:
            entry("Add to This Site's Dictionary", lambda: self._learn(speller.add_to_site, word.text))
        entry("Ignore in This Post", lambda: self._learn(speller.ignore, word.text))
        entries.append(QAction(menu))
        entries[-1].setSeparator(True)
        menu.insertActions(first, entries)  # type: ignore[arg-type]

    def _replace(self, block_position: int, word: spelling.Word, by: str) -> None:
        cursor = self.editor.textCursor()
        cursor.setPosition(block_position + word.start)
        cursor.setPosition(block_position + word.end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(by)

    def _learn(self, how: Callable[[str], None], word: str) -> None:
        try:
            how(word)
        except OSError as e:
            self.said.emit(f"The word list could not be saved: {e}")
            return
        self._cache.clear()
        self.editor.highlighter.rehighlight()
        self._recheck_plain()

    def _next_again(self) -> None:
        if not self.next_misspelling():
            self.said.emit("No misspelled words")

    def next_misspelling(self) -> bool:
        """Select the next misspelled word after the cursor (from the top after the last)."""
        doc = self.editor.document()
        here = self.editor.textCursor()
        start = here.block()
        column = here.positionInBlock()
        block, wrapped = start, False
        self._resume = False
        while True:
            if block.blockNumber() >= self.preview.live.rendered_lines and self.preview.live.partial:
                # a long post rendered as far as it was read: which lines below are prose is not
                # known yet; the search goes on once the rest is rendered
                self._resume = True
                self.preview.complete()
                self.said.emit("Reading the rest of the post for spelling…")
                return True
            for w in self.words(block.blockNumber(), block.text()):
                if block != start or wrapped or w.start >= column:
                    cursor = QTextCursor(block)
                    cursor.setPosition(block.position() + w.start)
                    cursor.setPosition(block.position() + w.end, QTextCursor.MoveMode.KeepAnchor)
                    self.editor.setTextCursor(cursor)
                    return True
            block = block.next()
            if not block.isValid():
                if wrapped:
                    return False
                block, wrapped = doc.firstBlock(), True
            if wrapped and block.blockNumber() > start.blockNumber():
                return False


class _PlainText(QSyntaxHighlighter):
    """The description's misspelled words (a few lines: Qt's own highlighter will do)."""

    def __init__(self, document: QTextDocument, check: SpellCheck) -> None:
        super().__init__(document)
        self.check = check

    def highlightBlock(self, text: str) -> None:  # Qt override
        for a, b in self.check.plain_spans(text):
            self.setFormat(a, b - a, self.check.format)
