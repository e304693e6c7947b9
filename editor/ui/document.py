"""The open post as a QObject: load, edit, save, dirty state. Owns no widgets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from editor.core.post import Post


class Document(QObject):
    post_loaded = Signal()
    dirty_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.post: Post | None = None
        self._saved_text = ""
        self._dirty = False

    def open(self, path: Path) -> None:
        """Load a post; raises PostError for files that are not text."""
        self.post = Post.load(path)
        self._saved_text = self.post.text
        self._dirty = False
        self.post_loaded.emit()
        self.dirty_changed.emit(False)

    @property
    def dirty(self) -> bool:
        return self.post is not None and self._dirty

    def _changed(self) -> None:
        # one comparison with the saved text per edit (this runs on every keystroke)
        assert self.post is not None
        dirty = self.post.text != self._saved_text
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    def set_field(self, key: str, value: Any) -> None:
        assert self.post is not None
        self.post.set(key, value)
        self._changed()

    def unset_field(self, key: str) -> None:
        assert self.post is not None
        self.post.unset(key)
        self._changed()

    def set_body(self, body: str) -> None:
        assert self.post is not None
        if body == self.post.body:
            return
        self.post.body = body
        self._changed()

    def save(self) -> None:
        assert self.post is not None
        self.post.save()
        self._saved_text = self.post.text
        self._dirty = False
        self.dirty_changed.emit(False)
