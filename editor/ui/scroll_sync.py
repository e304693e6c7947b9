"""The editor and the preview scroll together, by source line, both ways."""

from __future__ import annotations

from PySide6.QtCore import QObject

from editor.ui.markdown_edit import MarkdownEdit
from editor.ui.preview import Preview


class ScrollSync(QObject):
    def __init__(self, editor: MarkdownEdit, preview: Preview, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.preview = preview
        self.from_preview = False  # the preview moved the editor: do not send it back
        self.follow_cursor = True  # typing: the preview shows the typed block (a preference)
        self._typed = False
        editor.verticalScrollBar().valueChanged.connect(self.editor_scrolled)
        editor.textChanged.connect(self._text_changed)
        preview.updated.connect(self._preview_updated)
        preview.scrolled_to_line.connect(self._preview_scrolled)
        preview.clicked_line.connect(editor.move_cursor_to_line)

    def editor_scrolled(self) -> None:
        line = self.editor.first_visible_line()
        self.preview.reach(int(line))  # a long post: its render reaches what comes into view
        if not self.from_preview and self.preview.isVisible():
            self.preview.scroll_to_line(line)

    def _text_changed(self) -> None:
        self._typed = self.follow_cursor and not self.editor.isReadOnly()

    def _preview_updated(self, _seconds: float) -> None:
        """A typed edit reached the page: its block in view, wherever the editor's top line is."""
        if self._typed and self.preview.isVisible():
            self._typed = False
            self.preview.reveal_line(self.editor.textCursor().blockNumber())

    def _preview_scrolled(self, line: float) -> None:
        self.from_preview = True
        try:
            self.editor.scroll_to_line(line)
        finally:
            self.from_preview = False
