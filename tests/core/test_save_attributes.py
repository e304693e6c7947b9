"""A save replaces the file's text and nothing else: its POSIX ACL, extended attributes,
setuid/setgid bits and owner stay; where an attribute cannot go to a new file, the file is written
in place; and an external write that lands while we write is never overwritten."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from editor.core.files import storage
from editor.core.files.ondisk import fingerprint
from editor.core.post import Post

TEXT = '+++\ntitle = "a"\n+++\nwords\n'
needs_xattrs = pytest.mark.skipif(not hasattr(os, "setxattr"), reason="extended attributes are Linux's")
needs_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give a file to another user"
)


def _getfacl(path: Path) -> str:
    return subprocess.run(
        ["getfacl", "--omit-header", "--absolute-names", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _labelled_post(folder: Path) -> Path:
    """A post with a `user.label` attribute (skipped where the file system keeps none)."""
    post = folder / "post.md"
    post.write_text(TEXT)
    try:
        os.setxattr(post, "user.label", b"kept")
    except OSError as exc:
        pytest.skip(f"this file system keeps no user.* attributes ({exc})")
    return post


def _save_title(path: Path, title: str) -> None:
    post = Post.load(path)
    post.set("title", title)
    post.save()


@needs_xattrs
def test_a_save_keeps_the_posts_acl_and_its_mode(tmp_path: Path) -> None:
    if shutil.which("setfacl") is None:
        pytest.skip("setfacl is not installed (`make test` installs the acl package)")
    post = tmp_path / "post.md"
    post.write_text(TEXT)
    post.chmod(0o640)
    subprocess.run(["setfacl", "-m", "u:nobody:rw,g::r,m::rw", str(post)], check=True)
    acl, mode = _getfacl(post), stat.S_IMODE(post.stat().st_mode)
    assert "user:nobody:rw-" in acl  # the file system keeps ACLs: the test means something
    _save_title(post, "b")
    assert '"b"' in post.read_text()
    assert _getfacl(post) == acl
    assert stat.S_IMODE(post.stat().st_mode) == mode  # the group bits are still the ACL's mask


@needs_xattrs
def test_a_save_keeps_user_extended_attributes(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text(TEXT)
    try:
        os.setxattr(post, "user.xdg.origin.url", b"https://example.org/")
    except OSError as exc:
        pytest.skip(f"this file system keeps no user.* attributes ({exc})")
    os.setxattr(post, "user.checksum", b"\x00\x01binary")
    _save_title(post, "b")
    assert os.getxattr(post, "user.xdg.origin.url") == b"https://example.org/"
    assert os.getxattr(post, "user.checksum") == b"\x00\x01binary"


@needs_root
def test_a_save_keeps_setuid_setgid_bits_and_the_owner(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text(TEXT)
    os.chown(post, 65534, 65534)
    post.chmod(0o6754)
    _save_title(post, "b")
    st = post.stat()
    assert (st.st_uid, st.st_gid) == (65534, 65534)
    assert oct(stat.S_IMODE(st.st_mode)) == oct(0o6754)


@needs_xattrs
def test_an_attribute_a_new_file_cannot_take_means_writing_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = _labelled_post(tmp_path)
    inode = post.stat().st_ino
    real_setxattr = os.setxattr

    def refused(target: object, name: str, value: bytes, *args: object) -> None:
        if name == "user.label":  # as a security label the user may not set would be
            raise OSError(errno.EPERM, os.strerror(errno.EPERM))
        real_setxattr(target, name, value, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "setxattr", refused)
    _save_title(post, "b")
    monkeypatch.undo()
    assert post.stat().st_ino == inode  # the same file, written in place
    assert post.read_text() == TEXT.replace('"a"', '"b"')
    assert os.getxattr(post, "user.label") == b"kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["post.md"]  # no backup, no temporary


@needs_xattrs
def test_writing_in_place_that_fails_puts_the_old_text_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = _labelled_post(tmp_path)
    monkeypatch.setattr(os, "setxattr", lambda *a: (_ for _ in ()).throw(OSError(errno.EPERM, "no")))
    real_ftruncate, calls = os.ftruncate, []

    def full_once(fd: int, length: int) -> None:
        calls.append(length)
        if len(calls) == 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_ftruncate(fd, length)

    monkeypatch.setattr(os, "ftruncate", full_once)
    with pytest.raises(storage.SaveError) as info:
        _save_title(post, "a much longer title than before")
    monkeypatch.undo()
    assert "the disk is full" in str(info.value)
    assert post.read_text() == TEXT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["post.md"]


def test_an_external_write_during_a_slow_save_is_never_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = tmp_path / "post.md"
    post.write_text(TEXT)
    loaded = Post.load(post)
    seen = fingerprint(post.read_bytes())
    loaded.set("title", "mine")
    real_fsync = os.fsync

    def slow_fsync(fd: int) -> None:  # another program writes while our fsync waits for the disk
        if post.read_text() == TEXT:
            post.write_text(TEXT.replace("words", "their words"))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", slow_fsync)
    with pytest.raises(storage.ChangedMeanwhile) as info:
        loaded.save(expect=seen)
    monkeypatch.undo()
    assert "changed on disk while it was being saved" in str(info.value)
    assert post.read_text() == TEXT.replace("words", "their words")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["post.md"]
    loaded.save(expect=fingerprint(post.read_bytes()))  # the author saw it and saves again
    assert '"mine"' in post.read_text()


def test_a_folder_in_the_posts_place_is_named_when_saving(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text(TEXT)
    loaded = Post.load(post)
    post.unlink()
    post.mkdir()
    with pytest.raises(storage.SaveError) as info:
        loaded.save()
    assert "a folder now has its name" in str(info.value)
    assert post.is_dir() and list(post.iterdir()) == []
