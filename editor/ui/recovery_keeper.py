"""Unsaved edits kept in recovery copies: written when typing pauses and when the window loses
focus, removed when the edits are saved or discarded (the copies live in the data folder, never
beside the post; `editor.core.files.recovery` writes them)."""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from editor.core.files.recovery import Copy, Store
from editor.ui.document import Document

RECOVERY_MS = 2000  # unsaved edits go to a recovery copy this long after typing pauses
log = logging.getLogger(__name__)


class RecoveryKeeper(QObject):
    failed = Signal(str)  # a copy could not be written: why, for the author

    def __init__(
        self, store: Store, document: Document, flush: Callable[[], None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.document = document
        self.flush = flush
        self.untitled = f"{os.getpid()}-{time.time_ns()}"  # names this window's unsaved new post
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(RECOVERY_MS)
        self.timer.timeout.connect(self.write)

    def schedule(self) -> None:
        """Edits happened: keep them once typing pauses."""
        self.timer.start()

    def write(self) -> bool:
        """Keep the unsaved edits now; False when they could not be written."""
        self.timer.stop()
        self.flush()
        post = self.document.post
        if post is None or not self.document.dirty:
            return True
        try:
            self.store.write(post.path, post.text, self.untitled)
        except OSError as exc:
            log.warning("could not write a recovery copy of %s", post.path or "a new post", exc_info=True)
            self.failed.emit(f"Could not write a recovery copy: {exc}")
            return False
        return True

    def drop(self, path: Path | None) -> None:
        """The edits were saved or discarded by the author: their copy goes."""
        with contextlib.suppress(OSError):
            self.store.remove(path, self.untitled)

    def pending(self) -> list[Copy]:
        return self.store.pending()

    def discard(self, copy: Copy) -> None:
        self.store.discard(copy)
