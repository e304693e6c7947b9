"""The Linux packages, built for real and run: the bundle, the tarball's installer, the .deb.

Marked `package` (it builds with PyInstaller and compresses ~500 MB: a couple of minutes);
`make test` runs it, `pytest -m "not package"` leaves it out.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from editor import __version__
from tests.conftest import ROOT, SAMPLE_SITE

pytestmark = pytest.mark.package

DIST = ROOT / "dist"
BUNDLE = DIST / "hugo-post-editor"
POST = SAMPLE_SITE / "content" / "posts" / "testing-stream-processors.md"


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHON"))}
    env["PATH"] = "/usr/bin:/bin"  # the packaged program must not lean on the venv
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra)
    return env


def run(*args: str | Path, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, timeout=300, env=_env(**extra)
    )


@pytest.fixture(scope="module")
def built() -> Iterator[dict[str, Path]]:
    started = time.monotonic()
    out = subprocess.run(
        ["make", "--no-print-directory", "package"], cwd=ROOT, capture_output=True, text=True, timeout=1800
    )
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    seconds = time.monotonic() - started
    tarball = next(DIST.glob(f"hugo-post-editor-{__version__}-linux-*.tar.gz"))
    deb = next(DIST.glob(f"hugo-post-editor_{__version__}_*.deb"))
    bundle_mb = sum(f.stat().st_size for f in BUNDLE.rglob("*") if f.is_file() and not f.is_symlink()) / 1e6
    print(
        f"\npackage: built in {seconds:.0f} s; bundle {bundle_mb:.0f} MB, "
        f"tar.gz {tarball.stat().st_size / 1e6:.0f} MB, .deb {deb.stat().st_size / 1e6:.0f} MB"
    )
    yield {"tarball": tarball, "deb": deb}


def test_the_built_program_runs(built: dict[str, Path], tmp_path: Path) -> None:
    program = BUNDLE / "hugo-post-editor"
    version = run(program, "--version")
    assert version.returncode == 0 and version.stdout.strip() == f"hugo-post-editor {__version__}"
    shown = run(program, "show", POST)
    assert shown.returncode == 0 and 'title = "Testing Stream Processors: Talk Notes"' in shown.stdout
    # the window, headless: a real picture of the post
    png = tmp_path / "window.png"
    shot = run(program, POST, "--screenshot", png, "--size", "1024x700")
    assert shot.returncode == 0, shot.stderr[-2000:]
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    assert (image.width(), image.height()) == (1024, 700)
    colours = {image.pixel(x, y) for x in range(0, 1024, 16) for y in range(0, 700, 16)}
    assert len(colours) > 20  # a drawn window, not a blank one
    # the bundled Hugo makes a post from the site's archetype
    site = tmp_path / "site"
    shutil.copytree(SAMPLE_SITE, site)
    made = run(program, "new", site, "--title", "From the bundle")
    assert made.returncode == 0, made.stderr
    assert Path(made.stdout.strip()) == site / "content" / "posts" / "from-the-bundle.md"
    assert "From the bundle" in run(program, "list", site, "--drafts").stdout


def test_the_tarball_installs_for_one_user_and_uninstalls(built: dict[str, Path], tmp_path: Path) -> None:
    assert run("tar", "-xzf", built["tarball"], "-C", tmp_path).returncode == 0  # as a user unpacks it
    [folder] = list(tmp_path.iterdir())
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home)}
    done = run(folder / "install.sh", **env)
    assert done.returncode == 0, done.stderr
    share = home / ".local" / "share"
    desktop = (share / "applications" / "hugo-post-editor.desktop").read_text()
    assert f"Exec={home}/.local/opt/hugo-post-editor/hugo-post-editor %F" in desktop
    assert "MimeType=text/markdown;" in desktop
    assert (share / "icons" / "hicolor" / "256x256" / "apps" / "hugo-post-editor.png").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / "hugo-post-editor.svg").is_file()
    assert "text/markdown=hugo-post-editor.desktop;" in (home / ".config" / "mimeapps.list").read_text()
    launcher = home / ".local" / "bin" / "hugo-post-editor"
    assert run(launcher, "--version", **env).stdout.strip() == f"hugo-post-editor {__version__}"
    # a recovery copy of unsaved edits lives in the same data folder: uninstalling keeps it
    keep = share / "hugo-post-editor" / "recovery" / "copy.json"
    keep.parent.mkdir(parents=True)
    keep.write_text("{}")
    gone = run(folder / "uninstall.sh", **env)
    assert gone.returncode == 0, gone.stderr
    left = [p for p in home.rglob("*") if "hugo-post-editor" in str(p.relative_to(home)) and p.is_file()]
    assert left == [keep]
    assert "hugo-post-editor" not in (home / ".config" / "mimeapps.list").read_text()


def test_the_deb_unpacks_into_a_root_and_runs_from_there(built: dict[str, Path], tmp_path: Path) -> None:
    deb = built["deb"]
    fields = run("dpkg-deb", "-f", deb, "Package", "Version", "Architecture").stdout
    assert f"Package: hugo-post-editor\nVersion: {__version__}\n" in fields
    root = tmp_path / "root"
    assert run("dpkg", "-x", deb, root).returncode == 0
    assert (root / "opt" / "hugo-post-editor" / "hugo-post-editor").is_file()
    assert (root / "usr" / "share" / "applications" / "hugo-post-editor.desktop").is_file()
    icons = root / "usr" / "share" / "icons" / "hicolor"
    assert (icons / "48x48" / "apps" / "hugo-post-editor.png").is_file()
    metainfo = root / "usr" / "share" / "metainfo" / "io.github.hugo_post_editor.metainfo.xml"
    assert f'version="{__version__}"' in metainfo.read_text()
    if shutil.which("appstreamcli"):
        assert run("appstreamcli", "validate", "--no-net", metainfo).returncode == 0
    launcher = root / "usr" / "bin" / "hugo-post-editor"
    assert launcher.is_symlink()
    assert run(launcher, "--version").stdout.strip() == f"hugo-post-editor {__version__}"
    shown = run(launcher, "show", POST)
    assert shown.returncode == 0 and "Testing Stream Processors" in shown.stdout
