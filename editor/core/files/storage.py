"""Atomic saves: a temporary file beside the target, fsync, then rename over it."""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import stat
import tempfile
import time
from pathlib import Path


class SaveError(OSError):
    """A save that did not happen. The original file is untouched."""


def atomic_write(path: str | os.PathLike[str], data: bytes, mode: int | None = None) -> Path:
    """Write `data` to `path` atomically, following symbolic links to their target.

    The file keeps its permissions (and owner, where we may set it), or gets `mode`. Returns the
    real path written.
    """
    target = Path(os.path.realpath(path))
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    if mode is None:
        mode = stat.S_IMODE(st.st_mode) if st else 0o666 & ~_umask()
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise SaveError(exc.errno, _words(path, exc)) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
            _keep_mode_and_owner(fh.fileno(), tmp, mode, st)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise SaveError(exc.errno, _words(path, exc)) from exc
    _fsync_dir(target.parent)
    _remove_stale_temporaries(target)
    return target


STALE_AFTER = 60.0  # seconds: a temporary file this old is no save under way, but one cut short


def _remove_stale_temporaries(target: Path) -> None:
    """Temporary files of this file's earlier saves that a crash or a kill left behind."""
    now = time.time()
    with contextlib.suppress(OSError):
        for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
            with contextlib.suppress(OSError):
                if now - leftover.lstat().st_mtime > STALE_AFTER and leftover.is_file():
                    leftover.unlink()


def _keep_mode_and_owner(fd: int, tmp: str, mode: int, st: os.stat_result | None) -> None:
    """The new file gets the old one's permissions (and owner, where we may set it). Windows has
    no os.fchmod before Python 3.13 and no os.fchown at all: there the path is used, or nothing."""
    fchmod = getattr(os, "fchmod", None)
    if fchmod is not None:
        fchmod(fd, mode)
    else:
        os.chmod(tmp, mode)
    fchown = getattr(os, "fchown", None)
    if st is not None and fchown is not None:
        with contextlib.suppress(PermissionError):
            fchown(fd, st.st_uid, st.st_gid)


def save_concerns(path: str | os.PathLike[str]) -> list[str]:
    """What an author should hear before a save replaces this file (empty: nothing): it is
    read-only, it belongs to someone else (the new file would be ours), or it has other names
    (hard links) that would keep the old text."""
    try:
        st = os.stat(os.path.realpath(path))
    except OSError:
        return []
    out = []
    if not st.st_mode & 0o222 or not os.access(path, os.W_OK):
        out.append("it is read-only")
    geteuid = getattr(os, "geteuid", None)
    if geteuid is not None and st.st_uid != geteuid():
        out.append("it belongs to another user (the saved file would be yours)")
    if st.st_nlink > 1:
        out.append(f"it has {st.st_nlink - 1} other name(s) (hard links), which would keep the old text")
    return out


_WORDS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "your disk quota is used up",
    errno.EACCES: "you do not have permission to write there",
    errno.EPERM: "you do not have permission to write there",
    errno.EROFS: "the disk is read-only",
    errno.ENOENT: "its folder no longer exists",
    errno.EIO: "the disk reported an error",
}


def _words(path: str | os.PathLike[str], exc: OSError) -> str:
    """What went wrong, for an author: the cause in plain words, the system's words after."""
    words = _WORDS.get(exc.errno or 0)
    detail = exc.strerror or str(exc)
    return f"Could not save {path}: {words} ({detail})" if words else f"Could not save {path}: {detail}"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
