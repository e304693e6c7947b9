"""The open post as a QObject: load, edit, save, dirty state. Owns no widgets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from editor.core.post import Post


class Document(QObject):
    post_loaded = Signal()
    dirty_changed = Signal(bool)
    saved = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.post: Post | None = None
        self._saved_text = ""

    def open(self, path: Path) -> None:
        """Load a post; raises PostError for files that are not text."""
        self.post = Post.load(path)
        self._saved_text = self.post.text
        self.post_loaded.emit()
        self.dirty_changed.emit(False)

    @property
    def dirty(self) -> bool:
        return self.post is not None and self.post.text != self._saved_text

    def _changed(self, was_dirty: bool) -> None:
        if self.dirty != was_dirty:
            self.dirty_changed.emit(self.dirty)

    def set_field(self, key: str, value: Any) -> None:
        assert self.post is not None
        was = self.dirty
        self.post.set(key, value)
        self._changed(was)

    def unset_field(self, key: str) -> None:
        assert self.post is not None
        was = self.dirty
        self.post.unset(key)
        self._changed(was)

    def set_body(self, body: str) -> None:
        assert self.post is not None
        if body == self.post.body:
            return
        was = self.dirty
        self.post.body = body
        self._changed(was)

    def save(self) -> None:
        assert self.post is not None
        self.post.save()
        self._saved_text = self.post.text
        self.dirty_changed.emit(False)
        self.saved.emit(str(self.post.path))
