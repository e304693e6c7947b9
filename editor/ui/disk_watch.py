"""Watching the open post's file (and its folder: a save elsewhere may replace the file by a
rename); a change is reported once the file has been quiet a moment (sync tools write in steps)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

DISK_SETTLE_MS = 300  # a change on disk is looked at once the file has been quiet this long
DISK_POLL_MS = 2000  # and the file is looked at this often too: a watch can miss a change


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
        # inotify misses changes on network and FUSE file systems (and a watch can be lost): a
        # stat of the one open file every two seconds catches what it did not report
        self._path: Path | None = None
        self._seen: tuple[int, int, int] | None = None
        self.poll = QTimer(self)
        self.poll.setInterval(DISK_POLL_MS)
        self.poll.timeout.connect(self._look)

    def _touched(self, _path: str) -> None:
        self.timer.start()

    def watch(self, path: Path | None) -> None:
        """Watch `path` and its folder (nothing for None or a file that is not there)."""
        self.forget()
        if path is not None and path.exists():
            self.watcher.addPaths([str(path), str(path.parent)])
            self._path, self._seen = path, _stamp(path)
            self.poll.start()

    def _look(self) -> None:
        if self._path is None:
            return
        now = _stamp(self._path)
        if now != self._seen:
            self._seen = now
            self._touched(str(self._path))

    def forget(self) -> None:
        self._path = self._seen = None
        self.poll.stop()
        watched = self.watcher.files() + self.watcher.directories()
        if watched:
            self.watcher.removePaths(watched)

    def follow(self, path: Path) -> None:
        """The file was replaced by a rename: watch the new one."""
        if str(path) not in self.watcher.files() and path.exists():
            self.watcher.addPath(str(path))
        if self._path == path:
            self._seen = _stamp(path)


def _stamp(path: Path) -> tuple[int, int, int] | None:
    """What changes when a file is written, replaced or removed: inode, size, modification time."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)
