"""The system libraries Qt needs: none missing after `make sysdeps`, and the set-up script's
answers on machines it cannot fix (a user without root, other distributions)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldd and apt are Linux's")


def _system_deps() -> ModuleType:
    spec = importlib.util.spec_from_file_location("system_deps", ROOT / "packaging" / "system_deps.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


deps = _system_deps()


def test_every_qt_binary_the_app_loads_finds_its_libraries() -> None:
    binaries = deps.qt_binaries()
    names = {b.name for b in binaries}
    # the platforms the app runs on, and the engine of its preview
    assert {
        "libqxcb.so",
        "libqoffscreen.so",
        "libqwayland.so",
        "libQt6WebEngineCore.so.6",
        "QtWebEngineProcess",
    } <= names, names
    missing = deps.not_found(binaries)
    assert not missing, "; ".join(
        f"{soname} not found (needed by {', '.join(users)}; Debian package "
        f"{deps.package_of(soname) or 'unknown: add it to packaging/system_deps.py'})"
        for soname, users in sorted(missing.items())
    )


def test_every_library_in_the_table_is_one_qt_really_links() -> None:
    """The table holds no guesses: each soname in it is one a Qt binary asks for (found or not)."""
    wanted: set[str] = set()
    for binary in deps.qt_binaries():
        out = subprocess.run(["ldd", str(binary)], capture_output=True, text=True, check=False).stdout
        wanted |= {line.split()[0] for line in out.splitlines() if "=>" in line}
    listed = {s for names, _arch in deps.LIBRARIES.values() for s in names}
    assert listed - wanted == set()


def _elf_needing(tmp_path: Path, soname: str) -> Path:
    """A real shared object that needs `soname`, which then goes away: ldd says "not found"."""
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        pytest.skip("no C compiler to build a test library with")
    lib = tmp_path / soname
    subprocess.run(
        [cc, "-shared", "-fPIC", "-o", str(lib), f"-Wl,-soname,{soname}", "-x", "c", "-"],
        input=b"int hpe_gone(void) { return 1; }\n",
        check=True,
    )
    user = tmp_path / "libuser.so"
    subprocess.run(
        [
            cc,
            "-shared",
            "-fPIC",
            "-o",
            str(user),
            "-x",
            "c",
            "-",
            "-L",
            str(tmp_path),
            "-Wl,--no-as-needed",
            f"-l:{soname}",
        ],
        input=b"int hpe_user(void) { return 2; }\n",
        check=True,
    )
    lib.unlink()
    return user


def test_a_missing_library_is_named_with_what_needs_it(tmp_path: Path) -> None:
    user = _elf_needing(tmp_path, "libhpe-gone.so.7")
    assert deps.not_found([user]) == {"libhpe-gone.so.7": ["libuser.so"]}


def test_a_library_the_table_does_not_know_fails_the_set_up_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    user = _elf_needing(tmp_path, "libhpe-gone.so.7")
    assert deps.debian([user], tests=False) == 1
    err = capsys.readouterr().err
    assert "libhpe-gone.so.7 is not found (needed by libuser.so)" in err
    assert "packaging/system_deps.py does not know its package" in err


def test_the_install_lines_for_apt_dnf_and_pacman() -> None:
    lines = deps.install_lines(
        {"libxcb-icccm.so.4": ["libqxcb.so"], "libwayland-cursor.so.0": ["x"]}, tools=["Xvfb", "setfacl"]
    )
    assert lines["apt"] == (
        "sudo apt-get install -y --no-install-recommends libwayland-cursor0 libxcb-icccm4 xvfb acl"
    )
    assert lines["dnf"] == (
        "sudo dnf install 'libwayland-cursor.so.0()(64bit)' 'libxcb-icccm.so.4()(64bit)' "
        "xorg-x11-server-Xvfb acl"
    )
    assert lines["pacman"] == "sudo pacman -S --needed wayland xcb-util-wm xorg-server-xvfb acl"


def _as_nobody(binaries: list[Path]) -> subprocess.CompletedProcess[str]:
    """Run the script as an unprivileged user, with the system's Python (the venv's interpreter
    may live in root's home) finding the venv's PySide6."""
    runuser = shutil.which("runuser")
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or runuser is None:
        pytest.skip("needs root to run the script as another user")
    python = shutil.which("python3", path="/usr/bin:/bin")
    if python is None:
        pytest.skip("no system python3 for the user to run")
    site_packages = Path(importlib.util.find_spec("PySide6").submodule_search_locations[0]).parent  # type: ignore[union-attr, index]
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(site_packages),
        "SYSTEM_DEPS_BINARIES": os.pathsep.join(map(str, binaries)),
    }
    return subprocess.run(
        [runuser, "-u", "nobody", "--", python, str(ROOT / "packaging" / "system_deps.py")],
        capture_output=True,
        text=True,
        check=False,
        cwd="/",
        env=env,
    )


def test_as_a_user_with_nothing_missing_it_says_nothing() -> None:
    out = _as_nobody(deps.qt_binaries())
    assert (out.returncode, out.stderr) == (0, "")


def test_as_a_user_a_missing_library_stops_the_set_up_naming_it() -> None:
    folder = Path(tempfile.mkdtemp(prefix="hpe-deps-"))
    try:
        folder.chmod(0o755)
        user = _elf_needing(folder, "libhpe-gone.so.7")
        user.chmod(0o755)
        out = _as_nobody([user])
        assert out.returncode == 1
        assert "libhpe-gone.so.7 is not found (needed by libuser.so)" in out.stderr
    finally:
        shutil.rmtree(folder)
