"""Recovery copies belong to the instance that wrote them: two instances on one post never remove,
offer or discard each other's copies while both run; a copy of an instance that died is offered.
Copies are readable by their owner only."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from editor.core.files.recovery import Store
from tests.conftest import ROOT


def _post(tmp_path: Path) -> Path:
    post = tmp_path / "post.md"
    post.write_text('+++\ntitle = "Shared"\n+++\nFirst line.\n')
    return post


def test_a_save_in_one_instance_leaves_the_other_instances_copy(tmp_path: Path) -> None:
    folder, post = tmp_path / "recovery", _post(tmp_path)
    a, b = Store(folder), Store(folder)
    b.write(post, post.read_text() + "B's paragraph.\n")
    a.write(post, post.read_text() + "A's sentence.\n")
    post.write_text(post.read_text() + "A's sentence.\n")  # A saves...
    a.remove(post)  # ...and drops its own copy
    [left] = a.copies()
    assert "B's paragraph." in left.text and left.instance == b.instance.id
    assert a.pending() == []  # B still runs: its copy is not "kept from a crash"
    assert not a.discard(left) and left.file.exists()  # nor can A throw it away
    b.instance.release()  # B ends without saving (as a crash would)
    [offered] = a.pending()
    assert "B's paragraph." in offered.text
    assert a.discard(offered) and a.copies() == []


def test_the_copy_of_a_killed_process_is_offered(tmp_path: Path) -> None:
    folder, post = tmp_path / "recovery", _post(tmp_path)
    code = (
        "import os, signal, sys\nfrom pathlib import Path\nfrom editor.core.files.recovery import Store\n"
        "Store(Path(sys.argv[1])).write(Path(sys.argv[2]), 'typed, never saved\\n')\n"
        "print('written', flush=True)\nos.kill(os.getpid(), signal.SIGKILL)\n"
    )
    if sys.platform == "win32":
        pytest.skip("SIGKILL is POSIX's")
    out = subprocess.run(
        [sys.executable, "-c", code, str(folder), str(post)], capture_output=True, text=True, cwd=ROOT
    )
    assert out.stdout == "written\n" and out.returncode == -9
    [copy] = Store(folder).pending()
    assert copy.text == "typed, never saved\n" and copy.source == post.resolve()


def test_a_running_process_copy_is_not_offered(tmp_path: Path) -> None:
    folder, post = tmp_path / "recovery", _post(tmp_path)
    code = (
        "import sys\nfrom pathlib import Path\nfrom editor.core.files.recovery import Store\n"
        "s = Store(Path(sys.argv[1]))\ns.write(Path(sys.argv[2]), 'still typing\\n')\n"
        "print('written', flush=True)\nsys.stdin.read()\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(folder), str(post)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "written\n"
        mine = Store(folder)
        assert [c.text for c in mine.copies()] == ["still typing\n"]
        assert mine.pending() == []
    finally:
        proc.communicate("")
    assert [c.text for c in Store(folder).pending()] == ["still typing\n"]  # it ended: now offered


def test_copies_are_readable_by_their_owner_only(tmp_path: Path) -> None:
    folder, post = tmp_path / "recovery", _post(tmp_path)
    post.chmod(0o600)
    old = os.umask(0o022)
    try:
        written = Store(folder).write(post, "a private draft\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_copies_from_before_instances_are_still_offered(tmp_path: Path) -> None:
    """A copy written by an earlier version (no instance in its name or data) is found."""
    folder, post = tmp_path / "recovery", _post(tmp_path)
    folder.mkdir()
    old = {
        "source": str(post.resolve()),
        "text": "old version\n",
        "written": "2026-11-01T10:00:00+00:00",
        "pid": 1,
    }
    (folder / ("0" * 24 + ".recovery.json")).write_text(json.dumps(old))
    [copy] = Store(folder).pending()
    assert copy.text == "old version\n" and copy.instance == ""


def test_the_listing_cache_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    import shutil

    from editor.core.site.listing import SiteIndex
    from tests.conftest import SAMPLE_SITE

    root = tmp_path / "site"
    shutil.copytree(SAMPLE_SITE, root)
    old = os.umask(0o022)
    try:
        index = SiteIndex(root, tmp_path / "cache")
        for _batch in index.scan():
            pass
        index.save_cache()
    finally:
        os.umask(old)
    [cache] = (tmp_path / "cache").iterdir()
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "cache").stat().st_mode) == 0o700
