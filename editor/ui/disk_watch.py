"""Watching the open post's file (and its folder: a save elsewhere may replace the file by a
rename); a change is reported once the file has been quiet a moment (sync tools write in steps)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

DISK_SETTLE_MS = 300  # a change on disk is looked at once the file has been quiet this long


class DiskWatch(QObject):
    changed = Signal()  # the watched file (or its folder) changed and has been quiet since

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.watcher = QFileSystemWatcher(self)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DISK_SETTLE_MS)
        self.timer.timeout.connect(self.changed)
        self.watcher.fileChanged.connect(self._touched)
        self.watcher.directoryChanged.connect(self._touched)

    def _touched(self, _path: str) -> None:
        self.timer.start()

    def watch(self, path: Path | None) -> None:
        """Watch `path` and its folder (nothing for None or a file that is not there)."""
        self.forget()
        if path is not None and path.exists():
            self.watcher.addPaths([str(path), str(path.parent)])

    def forget(self) -> None:
        watched = self.watcher.files() + self.watcher.directories()
        if watched:
            self.watcher.removePaths(watched)

    def follow(self, path: Path) -> None:
        """The file was replaced by a rename: watch the new one."""
        if str(path) not in self.watcher.files() and path.exists():
            self.watcher.addPath(str(path))
