"""The open post as a QObject: open, new, edit, save, revert, close, dirty state. Owns no widgets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from editor.core.files.ondisk import fingerprint, read_fingerprint
from editor.core.post import Post, fields

T = TypeVar("T")


class Document(QObject):
    post_loaded = Signal()  # a different post (or none) is now open
    post_changed = Signal()  # the open post's front matter changed (an edit or a fix)
    dirty_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.post: Post | None = None
        self._saved_text: str | None = ""  # None: no file holds the text (it went away)
        self._dirty = False
        self.disk_fingerprint: str | None = None  # of the file as last read or written by us
        self.base_text = ""  # the post's text as last read or written (for three-way merges)

    def open(self, path: Path) -> None:
        """Load a post; raises PostError for files that are not text."""
        self._show(Post.load(path), dirty=False)

    def show_loaded(self, post: Post) -> None:
        """A post read from its file (on a worker thread, for a long one)."""
        self._show(post, dirty=False)

    def new(self, post: Post) -> None:
        """An unsaved post: it counts as edited until it has been saved once."""
        self._show(post, dirty=True)
        self._saved_text = ""

    def close(self) -> None:
        self.post = None
        self._saved_text = ""
        self._set_dirty(False)
        self.post_loaded.emit()

    def revert(self) -> None:
        assert self.post is not None and self.post.path is not None
        self.open(self.post.path)

    def _show(self, post: Post, dirty: bool) -> None:
        self.post = post
        self._saved_text = post.text
        self.base_text = post.text
        # a post just read has the fingerprint of its bytes already (saves hashing megabytes)
        self.disk_fingerprint = (
            (post.loaded or fingerprint(post.to_bytes())) if post.path and not dirty else None
        )
        self._dirty = dirty
        self.post_loaded.emit()
        self.dirty_changed.emit(dirty)

    @property
    def dirty(self) -> bool:
        return self.post is not None and self._dirty

    def mark_unsaved(self) -> None:
        """The file went away (deleted or moved): the text exists only here now, and stays
        unsaved whatever is typed or undone until it is saved."""
        self._saved_text = None
        self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    def _changed(self) -> None:
        assert self.post is not None
        self._set_dirty(self.post.path is None or self.post.text != self._saved_text)

    def _edit_front(self, edit: Callable[[Post], T]) -> T:
        """One change of the open post's front matter: it is marked changed and said so."""
        assert self.post is not None
        result = edit(self.post)
        self._changed()
        self.post_changed.emit()
        return result

    def set_field(self, key: str, value: Any) -> None:
        self._edit_front(lambda post: post.set(key, value))

    def edit_field(self, key: str, value: Any) -> bool:
        """The form's edit of a field; emptying one of the form's own fields removes the key.
        True when the key is new to the post."""
        assert self.post is not None
        new_key = self.post.key(key) is None
        if value in ("", []) and key.lower() in fields.FORM_KEYS:
            self.unset_field(key)
        else:
            self.set_field(key, value)
        return new_key

    def add_custom(self, key: str) -> str:
        """A new field of the author's own (empty): under params when the post keeps them there."""
        return self._edit_front(lambda post: post.add_custom(key, ""))

    def set_param(self, table: str, key: str, value: Any) -> None:
        self._edit_front(lambda post: post.set_in(table, key, value))

    def unset_param(self, table: str, key: str) -> None:
        self._edit_front(lambda post: post.unset_in(table, key))

    def apply_fix(self, fix: str) -> None:
        """A problem's fix (editor.core.post.fixes), changing only the lines concerned."""
        from editor.core.post import fixes

        self._edit_front(lambda post: fixes.apply(post, fix))

    def retag(self, change: Any) -> None:
        """A site-wide rename of a term, made in the open post as an unsaved edit."""
        from editor.core.site import retag

        self._edit_front(lambda post: retag.apply(change, post))

    def unset_field(self, key: str) -> None:
        self._edit_front(lambda post: post.unset(key))

    def set_front_text(self, text: str) -> None:
        """The author's own front-matter text; it may not parse yet (the post keeps the error)."""
        assert self.post is not None
        if text and not text.endswith("\n"):
            text += "\n"  # the closing delimiter needs a line of its own
        if self.post.line_ending == "\r\n":
            text = text.replace("\r\n", "\n").replace("\n", "\r\n")
        self.post.set_front_text(text)
        self._changed()
        self.post_changed.emit()

    def set_body(self, body: str) -> None:
        assert self.post is not None
        if body == self.post.body:
            return
        if self.post.parts.format is None:
            # without front matter the body is the whole file, and Hugo reads a block at its
            # top as front matter: a closing +++ typed in, or a block added, makes it one
            again = Post.from_text(self.post.parts.bom + body, self.post.path)
            if again.parts.format is not None or (again.error is None) != (self.post.error is None):
                again.loaded = self.post.loaded
                self.post = again
                self._changed()
                self.post_loaded.emit()  # the form, the editor and the preview show it anew
                self.dirty_changed.emit(self._dirty)
                return
        self.post.body = body
        self._changed()

    def save(self, path: Path | None = None, expect: str | None = None) -> None:
        """Atomic save (to `path` for Save As); raises PostError or SaveError, keeping the edits.
        `expect`: the fingerprint the file must still have when it is replaced."""
        assert self.post is not None
        self.post.save(path, expect=expect)
        self._saved_text = self.post.text
        self.base_text = self.post.text
        self.disk_fingerprint = fingerprint(self.post.to_bytes())
        self._set_dirty(False)

    def restore(self, post: Post) -> None:
        """Unsaved text for a file on disk (recovered, or merged with the file's new text)."""
        disk = read_fingerprint(post.path) if post.path else None
        base = self.base_text if self.post is not None and self.post.path == post.path else None
        self._show(post, dirty=True)
        self._saved_text = ""
        self.disk_fingerprint = disk  # the author has seen what is on disk now
        if base is not None:
            self.base_text = base

    def changed_on_disk(self) -> bool:
        """Whether the file is no longer what we last read or wrote (changed, moved or gone)."""
        post = self.post
        if post is None or post.path is None or self.disk_fingerprint is None:
            return False
        return read_fingerprint(post.path) != self.disk_fingerprint
