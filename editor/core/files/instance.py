"""Which running instance of the app wrote a recovery copy, and whether it still runs.

Each Store holds an exclusive lock on a file of its own (`instances/ID.lock` beside the copies)
for as long as it lives; the lock goes with the process, however it ends (a crash, a kill). An
instance is alive exactly while its lock is held: no process ids that the system may reuse."""

from __future__ import annotations

import contextlib
import os
import sys
import time
import weakref
from pathlib import Path
from typing import IO


def _try_lock(fh: IO[bytes]) -> bool:
    """Take the exclusive lock without waiting; False when another holder has it."""
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


class Instance:
    """This process's claim on the copies it writes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.id = f"{os.getpid()}-{time.time_ns()}"
        self._lock: IO[bytes] | None = None

    def claim(self) -> None:
        """Hold the lock (made on the first copy written: a run that writes none leaves nothing)."""
        if self._lock is not None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        os.chmod(self.folder, 0o700)
        fh = (self.folder / f"{self.id}.lock").open("a+b")
        if not _try_lock(fh):  # cannot happen for a fresh name; never write as if we held it
            fh.close()
            raise OSError(f"the instance lock {self.folder / self.id}.lock is held by another process")
        self._lock = fh
        # the lock is let go with this object (or the process), never left open to the collector
        self._finalizer = weakref.finalize(self, _let_go, fh, self.folder / f"{self.id}.lock")

    def release(self) -> None:
        """This instance no longer writes copies (its copies may now be offered elsewhere)."""
        if self._lock is not None:
            self._finalizer()
            self._lock = None


def _let_go(fh: IO[bytes], path: Path) -> None:
    fh.close()
    with contextlib.suppress(OSError):
        path.unlink()


def alive(folder: Path, instance: str) -> bool:
    """Whether the instance that wrote a copy still runs (its lock is held)."""
    if not instance:
        return False  # a copy from before instances were named: its writer is long gone
    path = folder / f"{instance}.lock"
    try:
        fh = path.open("rb+")
    except OSError:
        return False
    with fh:
        if not _try_lock(fh):
            return True
    with contextlib.suppress(OSError):
        path.unlink()  # a lock left by a process that died: nobody holds it
    return False
