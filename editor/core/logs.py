"""The app's log: a file in the user's log folder, rotated at start (start-up, sites, saves, Hugo's exit
codes, every caught error with its traceback), mirrored to stderr with --verbose; native crashes
(faulthandler) go to a file beside it. Never the text of a post."""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
from pathlib import Path
from typing import TextIO

LOG_NAME = "hugo-post-editor.log"
CRASH_NAME = "native-crashes.log"
FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"
MAX_BYTES = 2_000_000  # a longer log is moved aside at the next start
BACKUPS = 3  # hugo-post-editor.log.1 (the newest) to .3
_crash_file: TextIO | None = None  # open for the life of the process: faulthandler writes to its fd


def setup(folder: Path, verbose: bool = False) -> Path | None:
    """Log to `folder` (made if need be); the log file's path, or None when the folder cannot be
    written (the app runs all the same, logging to stderr)."""
    global _crash_file
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    formatter = logging.Formatter(FORMAT)
    writable = _writable(folder)
    if verbose or not writable:
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(formatter)
        root.addHandler(stream)
    if not writable:
        logging.getLogger(__name__).warning("cannot write the log in %s: logging to stderr only", folder)
        return None
    path = folder / LOG_NAME
    _rotate(path)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(formatter)
    root.addHandler(handler)
    crashes = folder / CRASH_NAME
    if crashes.is_file() and crashes.stat().st_size:
        logging.getLogger(__name__).warning("an earlier run crashed in native code: see %s", crashes)
    if _crash_file is None:
        _crash_file = crashes.open("a", encoding="utf-8")
        faulthandler.enable(file=_crash_file, all_threads=True)
    return path


def _rotate(path: Path) -> None:
    """A log past MAX_BYTES becomes .1, .1 becomes .2 and so on (the oldest goes), as
    logging.handlers.RotatingFileHandler does while it writes; done here once per start, without
    that module (it imports socket and pickle: ~5 ms of every start)."""
    try:
        if path.stat().st_size < MAX_BYTES:
            return
        for n in range(BACKUPS - 1, 0, -1):
            older = path.with_name(f"{path.name}.{n}")
            if older.exists():
                os.replace(older, path.with_name(f"{path.name}.{n + 1}"))
        os.replace(path, path.with_name(f"{path.name}.1"))
    except OSError:
        pass  # no log yet, or it cannot be moved: written on as it is


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".probe"
        probe.write_bytes(b"")
        probe.unlink()
        return True
    except OSError:
        return False
