"""Atomic saves: a temporary file beside the target, fsync, then rename over it."""

from __future__ import annotations

import contextlib
import errno
import glob
import logging
import os
import stat
import tempfile
import time
from pathlib import Path

from editor.core.files.ondisk import read_fingerprint

log = logging.getLogger(__name__)


class SaveError(OSError):
    """A save that did not happen. The original file is untouched."""


class ChangedMeanwhile(SaveError):
    """The file changed on disk while we were writing its new text: nothing was replaced."""


def atomic_write(
    path: str | os.PathLike[str], data: bytes, mode: int | None = None, expect: str | None = None
) -> Path:
    """Write `data` to `path` atomically, following symbolic links to their target.

    The file keeps its permissions (setuid/setgid bits included), owner (where we may set it),
    POSIX ACL and extended attributes, or gets `mode`. Where an attribute cannot be carried over
    to a new file, the file is written in place instead, after a backup copy. `expect`: the
    fingerprint the file must still have just before it is replaced (an external write that
    landed while we wrote is never overwritten). Returns the real path written.
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
            lost = _keep_attributes(fh.fileno(), tmp, mode, st, target)
        _require_unchanged(target, expect, path)
        if lost:
            log.info("%s: %s cannot be given to a new file; writing in place", target, ", ".join(lost))
            _write_in_place(target, data, path)
            os.unlink(tmp)
        else:
            os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, SaveError):
            raise
        raise SaveError(exc.errno, _words(path, exc)) from exc
    _fsync_dir(target.parent)
    _remove_stale_temporaries(target)
    return target


def _require_unchanged(target: Path, expect: str | None, path: str | os.PathLike[str]) -> None:
    if expect is not None and read_fingerprint(target) != expect:
        raise ChangedMeanwhile(
            errno.EAGAIN, f"Could not save {path}: it changed on disk while it was being saved (not replaced)"
        )


def _write_in_place(target: Path, data: bytes, path: str | os.PathLike[str]) -> None:
    """Overwrite the file's own bytes (its inode keeps every attribute), a backup copy of the old
    text beside it until the new text is on disk; a failed write puts the old text back."""
    old = target.read_bytes()
    fd, backup = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".before-save", dir=target.parent)
    with os.fdopen(fd, "wb") as fh:
        fh.write(old)
        fh.flush()
        os.fsync(fh.fileno())
    try:
        _overwrite(target, data)
    except OSError as exc:
        try:
            _overwrite(target, old)
        except OSError:
            raise SaveError(
                exc.errno, f"{_words(path, exc)}. The file's earlier text is kept in {backup}"
            ) from exc
        os.unlink(backup)
        raise
    os.unlink(backup)


def _overwrite(target: Path, data: bytes) -> None:
    fd = os.open(target, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.ftruncate(fd, len(data))
        os.fsync(fd)
    finally:
        os.close(fd)


STALE_AFTER = 60.0  # seconds: a temporary file this old is no save under way, but one cut short


def _remove_stale_temporaries(target: Path) -> None:
    """Temporary files of this file's earlier saves that a crash or a kill left behind."""
    now = time.time()
    with contextlib.suppress(OSError):
        for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
            with contextlib.suppress(OSError):
                if now - leftover.lstat().st_mtime > STALE_AFTER and leftover.is_file():
                    leftover.unlink()


def _keep_attributes(fd: int, tmp: str, mode: int, st: os.stat_result | None, source: Path) -> list[str]:
    """Give the new file the old one's owner (where we may set it), extended attributes and POSIX
    ACL, then its mode: in that order, since a change of owner clears the setuid/setgid bits and
    an ACL rewrites the group bits. Returns the attributes that could not be given (the caller
    then writes in place). Windows has no os.fchmod before Python 3.13 and no os.fchown at all:
    there the path is used, or nothing."""
    fchown = getattr(os, "fchown", None)
    if st is not None and fchown is not None:
        with contextlib.suppress(PermissionError):
            fchown(fd, st.st_uid, st.st_gid)
    lost = _copy_xattrs(source, fd) if st is not None else []
    fchmod = getattr(os, "fchmod", None)
    if fchmod is not None:
        fchmod(fd, mode)
    else:
        os.chmod(tmp, mode)
    return lost


def _copy_xattrs(source: Path, fd: int) -> list[str]:
    """Copy every extended attribute we can read (`user.*`, the ACL in `system.posix_acl_access`,
    security labels); the names of those that cannot be set on the new file."""
    if not hasattr(os, "listxattr"):
        return []
    try:
        names = os.listxattr(source)
    except OSError:
        return []
    lost = []
    for name in names:
        try:
            value = os.getxattr(source, name)
        except OSError:
            continue  # gone meanwhile, or not ours to read: nothing we could carry over
        with contextlib.suppress(OSError):
            if os.getxattr(fd, name) == value:
                continue  # the new file has it already (an SELinux label of the folder's type)
        try:
            os.setxattr(fd, name, value)
        except OSError:
            lost.append(name)
    return lost


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
    errno.EISDIR: "a folder now has its name",
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
