"""The Markdown pane and the post's body: the model follows typing once it pauses (nothing reads a
1 MB document per keystroke); a body with CRLF line endings is edited as LF and written as CRLF."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from editor.core.post import Post
from editor.core.post.stats import LONGEST_EDITABLE_LINE, overlong_line
from editor.ui.document import Document
from editor.ui.markdown_edit import MarkdownEdit

SHOWN_OF_A_LONG_LINE = 300  # characters of an overlong line the read-only pane shows

BODY_SYNC_MS = 250  # the post model follows the editor this long after typing pauses


class BodySync(QObject):
    typed = Signal()  # the author changed the body (the model catches up when typing pauses)
    synced = Signal()  # the model holds the editor's text now

    def __init__(self, editor: MarkdownEdit, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.document = document
        self.crlf = False
        self.frozen = ""  # why the body is shown read-only (a line too long to edit), or ""
        self.loading = False
        self.pending = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(BODY_SYNC_MS)
        self.timer.timeout.connect(self.flush)
        editor.textChanged.connect(self._edited)

    def load(self, post: Post | None) -> str:
        """Show `post`'s body in the editor (nothing for None); the text as the editor holds it
        (a body with a line too long to edit: shortened, read-only, and so in the preview)."""
        self.timer.stop()
        self.pending = False
        self.loading = True
        try:
            if post is None:
                self.editor.clear()
                return ""
            body = post.body
            self.crlf = "\r\n" in body and body.count("\r\n") == body.count("\n")
            text = body.replace("\r\n", "\n") if self.crlf else body
            long = overlong_line(text)
            self.frozen = (
                ""
                if long is None
                else (
                    f"Line {post.body_line + long[0]} is {long[1] / 1e6:.1f} MB long: too long to edit here "
                    "without stalling the window, so the body is read-only (the front matter can be "
                    "edited; the body is saved exactly as it is)"
                )
            )
            self.editor.setReadOnly(bool(self.frozen))
            shown = _shortened(text) if self.frozen else text
            self.editor.setPlainText(shown)
            return shown
        finally:
            self.loading = False

    def text(self) -> str:
        """The body as it will be saved."""
        if self.frozen and self.document.post is not None:
            return self.document.post.body
        text = self.editor.raw_text()  # non-breaking spaces kept
        return text.replace("\n", "\r\n") if self.crlf else text

    def _edited(self) -> None:
        if self.loading or self.frozen or self.document.post is None:
            return
        self.pending = True
        self.timer.start()
        self.typed.emit()

    def flush(self) -> None:
        """Bring the post model up to date with the editor (before saving, closing, previewing)."""
        self.timer.stop()
        if not self.pending or self.document.post is None:
            return
        self.pending = False
        self.document.set_body(self.text())
        self.synced.emit()


def _shortened(text: str) -> str:
    """The body for reading only: each overlong line cut short, saying how long it is."""
    return "\n".join(
        line
        if len(line) <= LONGEST_EDITABLE_LINE
        else f"{line[:SHOWN_OF_A_LONG_LINE]}… [{len(line):,} characters in all: not shown]"
        for line in text.split("\n")
    )
