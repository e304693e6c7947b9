"""The app's log: a rotating file in the user's log folder (start-up, sites, saves, Hugo's exit
codes, every caught error with its traceback), mirrored to stderr with --verbose; native crashes
(faulthandler) go to a file beside it. Never the text of a post."""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import sys
from pathlib import Path
from typing import TextIO

LOG_NAME = "hugo-post-editor.log"
CRASH_NAME = "native-crashes.log"
FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"
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
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(formatter)
    root.addHandler(handler)
    crashes = folder / CRASH_NAME
    if crashes.is_file() and crashes.stat().st_size:
        logging.getLogger(__name__).warning("an earlier run crashed in native code: see %s", crashes)
    if _crash_file is None:
        _crash_file = crashes.open("a", encoding="utf-8")
        faulthandler.enable(file=_crash_file, all_threads=True)
    return path


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".probe"
        probe.write_bytes(b"")
        probe.unlink()
        return True
    except OSError:
        return False
