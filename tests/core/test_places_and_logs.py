"""Where the app keeps its things, its log, and saving where os.fchmod does not exist."""

from __future__ import annotations

import logging
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from editor.core import places, site
from editor.core.files.recovery import Store
from editor.core.files.storage import atomic_write
from editor.core.site import hugo
from tests.conftest import ROOT, SAMPLE_SITE


def files_of(folder: Path) -> set[Path]:
    return {p.relative_to(folder) for p in folder.rglob("*")}


def test_folders_follow_the_override_or_the_system(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(places.OVERRIDE, str(tmp_path))
    assert places.recovery_folder() == tmp_path / "recovery" == Store().folder
    assert places.cache_folder() == tmp_path / "cache"
    assert places.log_folder() == tmp_path / "log"
    monkeypatch.delenv(places.OVERRIDE)
    assert places.data_folder() == platformdirs.user_data_path("hugo-post-editor", appauthor=False)
    if sys.platform.startswith("linux"):  # where recovery copies have always been: still found
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-home"))
        assert Store().folder == tmp_path / "share" / "hugo-post-editor" / "recovery"
        assert places.cache_folder() == tmp_path / "cache-home" / "hugo-post-editor"


def test_the_sample_site_is_copied_once_and_then_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(places.OVERRIDE, str(tmp_path))
    copy = places.sample_site()
    assert copy == tmp_path / "sample-site"
    assert files_of(copy) == {p for p in files_of(SAMPLE_SITE) if p.name != ".hugo_build.lock"}
    post = next(copy.rglob("content/posts/*.md"))
    post.write_text("edited by the author\n")
    assert places.sample_site() == copy and post.read_text() == "edited by the author\n"
    assert [p.name for p in tmp_path.iterdir()] == ["sample-site"]  # no scratch folder left


@pytest.mark.hugo
def test_hugo_leaves_nothing_in_a_site_but_the_new_post(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = tmp_path / "site"
    shutil.copytree(SAMPLE_SITE, root)
    # a layout that makes Hugo process an image: it writes resources/_gen unless told otherwise
    bundle = next(p for p in (root / "content" / "posts").iterdir() if p.is_dir())
    (bundle / "pic.gif").write_bytes(GIF)
    single = root / "layouts" / "_default" / "single.html"
    single.write_text(
        '{{ with .Resources.GetMatch "pic.gif" }}{{ (.Resize "1x").RelPermalink }}{{ end }}'
        + single.read_text()
    )
    before = files_of(root)
    with caplog.at_level(logging.INFO, logger="editor.core.site.hugo"):
        made = hugo.new_post(root, "A New Post")
        problems = hugo.check_site(root)
    logged = [r.getMessage() for r in caplog.records]
    assert any(m.startswith("hugo new content --source") and ": exit 0 in" in m for m in logged), logged
    assert any(m.startswith("hugo --source") and "--noBuildLock: exit 0 in" in m for m in logged), logged
    assert not [p for p in problems if p.severity == "error"], problems
    assert files_of(root) - before == {made.path.relative_to(root)}
    assert "--noBuildLock" in hugo.server_args(root, 1313)
    assert site.is_site(root)


# a 2x2 GIF (the smallest image Hugo's image processing takes)
GIF = bytes.fromhex("47494638396102000200800000ff000000000021f90400000000002c00000000020002000002028451003b")


def test_saving_without_fchmod_and_fchown_keeps_the_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows before Python 3.13 has neither: a save must not need them."""
    path = tmp_path / "post.md"
    path.write_text("old\n")
    path.chmod(0o640)
    monkeypatch.delattr(os, "fchmod", raising=False)
    monkeypatch.delattr(os, "fchown", raising=False)
    atomic_write(path, b"new\n")
    assert path.read_bytes() == b"new\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["post.md"]


def test_the_log_file_and_native_crashes(tmp_path: Path) -> None:
    """In a process of its own: logging and faulthandler are global to a process."""
    code = (
        "import logging, faulthandler, sys\n"
        "from pathlib import Path\n"
        "from editor.core import logs\n"
        f"path = logs.setup(Path({str(tmp_path)!r}), verbose='-v' in sys.argv)\n"
        "logging.getLogger('editor.test').info('saved %s (%d bytes)', 'x.md', 12)\n"
        "faulthandler._sigsegv()\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, "-v"], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert out.returncode != 0  # it crashed, in native code
    assert "editor.test: saved x.md (12 bytes)" in (tmp_path / "hugo-post-editor.log").read_text()
    assert "editor.test: saved x.md (12 bytes)" in out.stderr  # --verbose mirrors the log
    assert "Fatal Python error: Segmentation fault" in (tmp_path / "native-crashes.log").read_text()
    again = subprocess.run(
        [sys.executable, "-c", code.replace("faulthandler._sigsegv()\n", "")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert again.returncode == 0 and again.stderr == ""  # without --verbose nothing on stderr
    assert "an earlier run crashed in native code" in (tmp_path / "hugo-post-editor.log").read_text()


def test_an_unwritable_log_folder_does_not_stop_the_app(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("")
    code = (
        "import logging\nfrom pathlib import Path\nfrom editor.core import logs\n"
        f"print(logs.setup(Path({str(blocked / 'log')!r})))\nlogging.getLogger('x').info('still here')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "None"
    assert "cannot write the log" in out.stderr and "still here" in out.stderr


def test_a_long_log_is_moved_aside_at_the_next_start_and_the_oldest_goes(tmp_path: Path) -> None:
    from editor.core import logs

    log = tmp_path / "hugo-post-editor.log"
    log.write_text("newest\n" + "x" * logs.MAX_BYTES)
    for n in range(1, logs.BACKUPS + 1):
        (tmp_path / f"hugo-post-editor.log.{n}").write_text(f"backup {n}\n")
    code = (
        "import logging\nfrom pathlib import Path\nfrom editor.core import logs\n"
        f"logs.setup(Path({str(tmp_path)!r}))\nlogging.getLogger('editor.test').info('started')\n"
    )
    subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert "editor.test: started" in log.read_text() and "newest" not in log.read_text()
    assert (tmp_path / "hugo-post-editor.log.1").read_text().startswith("newest\n")
    assert (tmp_path / "hugo-post-editor.log.2").read_text() == "backup 1\n"
    assert (tmp_path / "hugo-post-editor.log.3").read_text() == "backup 2\n"
    assert not (tmp_path / "hugo-post-editor.log.4").exists()  # backup 3, the oldest, is gone
    # a short log is written on
    subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert log.read_text().count("editor.test: started") == 2
