"""The system libraries Qt (PySide6 + QtWebEngine) needs, found by `ldd`, installed or named.

`make run` and `make test` call this before starting anything. It looks at the Qt binaries the
app loads (the xcb, wayland and offscreen platform plugins and what they load, QtWebEngine and
its helper process), asks `ldd` which shared libraries are "not found", and:

- on Debian/Ubuntu as root, installs the packages that provide them (`apt-get`);
- on Debian/Ubuntu as a user, prints the exact `sudo apt-get install ...` line and exits 1;
- on Fedora (`dnf`) and Arch (`pacman`), prints the equivalent line and exits 1.

The table below was derived, not guessed: `ldd` over those binaries on Debian 12, each resolved
library's file mapped to its package with `dpkg -S`, plus the packages of the four libraries that
were "not found" there, installed and then checked the same way.
`tests/platform/test_system_libraries.py` runs `ldd` again
after `make sysdeps` and fails naming any library still missing, so the table cannot silently rot.
`python packaging/system_deps.py --explain` prints each binary's missing libraries.
"""

from __future__ import annotations

import ctypes.util
import glob
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

# Debian package -> (the sonames it provides that Qt links against, the Arch package).
# Fedora needs no table: dnf installs by soname ("libxcb-icccm.so.4()(64bit)").
LIBRARIES: dict[str, tuple[tuple[str, ...], str]] = {
    "libasound2": (("libasound.so.2",), "alsa-lib"),
    "libbrotli1": (("libbrotlicommon.so.1", "libbrotlidec.so.1"), "brotli"),
    "libdbus-1-3": (("libdbus-1.so.3",), "dbus"),
    "libdrm2": (("libdrm.so.2",), "libdrm"),
    "libegl1": (("libEGL.so.1",), "libglvnd"),
    "libexpat1": (("libexpat.so.1",), "expat"),
    "libfontconfig1": (("libfontconfig.so.1",), "fontconfig"),
    "libfreetype6": (("libfreetype.so.6",), "freetype2"),
    "libgbm1": (("libgbm.so.1",), "mesa"),
    "libgl1": (("libGL.so.1",), "libglvnd"),
    "libglib2.0-0": (("libglib-2.0.so.0", "libgthread-2.0.so.0"), "glib2"),
    "libglvnd0": (("libGLdispatch.so.0",), "libglvnd"),
    "libglx0": (("libGLX.so.0",), "libglvnd"),
    "libgssapi-krb5-2": (("libgssapi_krb5.so.2",), "krb5"),
    "libkrb5-3": (("libkrb5.so.3",), "krb5"),
    "libk5crypto3": (("libk5crypto.so.3",), "krb5"),
    "libnspr4": (("libnspr4.so", "libplc4.so", "libplds4.so"), "nspr"),
    "libnss3": (("libnss3.so", "libnssutil3.so", "libsmime3.so"), "nss"),
    "libpng16-16": (("libpng16.so.16",), "libpng"),
    "libwayland-client0": (("libwayland-client.so.0",), "wayland"),
    "libwayland-cursor0": (("libwayland-cursor.so.0",), "wayland"),
    "libwayland-egl1": (("libwayland-egl.so.1",), "wayland"),
    "libwayland-server0": (("libwayland-server.so.0",), "wayland"),
    "libx11-6": (("libX11.so.6",), "libx11"),
    "libx11-xcb1": (("libX11-xcb.so.1",), "libx11"),
    "libxau6": (("libXau.so.6",), "libxau"),
    "libxcb1": (("libxcb.so.1",), "libxcb"),
    "libxcb-cursor0": (("libxcb-cursor.so.0",), "xcb-util-cursor"),
    "libxcb-dri3-0": (("libxcb-dri3.so.0",), "libxcb"),
    "libxcb-glx0": (("libxcb-glx.so.0",), "libxcb"),
    "libxcb-icccm4": (("libxcb-icccm.so.4",), "xcb-util-wm"),
    "libxcb-image0": (("libxcb-image.so.0",), "xcb-util-image"),
    "libxcb-keysyms1": (("libxcb-keysyms.so.1",), "xcb-util-keysyms"),
    "libxcb-randr0": (("libxcb-randr.so.0",), "libxcb"),
    "libxcb-render0": (("libxcb-render.so.0",), "libxcb"),
    "libxcb-render-util0": (("libxcb-render-util.so.0",), "xcb-util-renderutil"),
    "libxcb-shape0": (("libxcb-shape.so.0",), "libxcb"),
    "libxcb-shm0": (("libxcb-shm.so.0",), "libxcb"),
    "libxcb-sync1": (("libxcb-sync.so.1",), "libxcb"),
    "libxcb-util1": (("libxcb-util.so.1",), "xcb-util"),
    "libxcb-xfixes0": (("libxcb-xfixes.so.0",), "libxcb"),
    "libxcb-xkb1": (("libxcb-xkb.so.1",), "libxcb"),
    "libxcomposite1": (("libXcomposite.so.1",), "libxcomposite"),
    "libxdamage1": (("libXdamage.so.1",), "libxdamage"),
    "libxdmcp6": (("libXdmcp.so.6",), "libxdmcp"),
    "libxext6": (("libXext.so.6",), "libxext"),
    "libxfixes3": (("libXfixes.so.3",), "libxfixes"),
    "libxkbcommon0": (("libxkbcommon.so.0",), "libxkbcommon"),
    "libxkbcommon-x11-0": (("libxkbcommon-x11.so.0",), "libxkbcommon-x11"),
    "libxkbfile1": (("libxkbfile.so.1",), "libxkbfile"),
    "libxrandr2": (("libXrandr.so.2",), "libxrandr"),
    "libxrender1": (("libXrender.so.1",), "libxrender"),
    "libxtst6": (("libXtst.so.6",), "libxtst"),
}

# What only the tests need, by the program they run: a real X server for the xcb test and the
# screenshots, setfacl/getfacl for the test that a save keeps a post's ACL.
# program -> (Debian package, Arch package, Fedora package)
TEST_TOOLS: dict[str, tuple[str, str, str]] = {
    "Xvfb": ("xvfb", "xorg-server-xvfb", "xorg-x11-server-Xvfb"),
    "setfacl": ("acl", "acl", "acl"),
}


# What spell checking needs (pyenchant loads the library; Hunspell's dictionary for the default
# language). Without them the app runs with spelling off and says why.
# what -> (Debian package, Arch package, Fedora package)
SPELLING: dict[str, tuple[str, str, str]] = {
    "libenchant-2": ("libenchant-2-2", "enchant", "enchant2"),
    "en_US dictionary": ("hunspell-en-us", "hunspell-en_us", "hunspell-en-US"),
}
EXTRAS = {**TEST_TOOLS, **SPELLING}
DICTIONARY_FOLDERS = ("/usr/share/hunspell", "/usr/share/myspell", "/usr/share/myspell/dicts")


def _spelling_present(what: str) -> bool:
    if what == "libenchant-2":
        return ctypes.util.find_library("enchant-2") is not None
    return any(Path(folder, "en_US.dic").is_file() for folder in DICTIONARY_FOLDERS)


def missing_tools(tests: bool) -> list[str]:
    """The test-only programs not on PATH (none unless `tests`) and what spelling lacks."""
    return [tool for tool in TEST_TOOLS if tests and not shutil.which(tool)] + [
        what for what in SPELLING if not _spelling_present(what)
    ]


# The Qt binaries the app loads, relative to PySide6/Qt (globs). Plugins for embedded displays,
# Wayland compositors, the GTK theme and the virtual keyboard are not ours to load.
QT_BINARIES = (
    "plugins/platforms/libqxcb.so",
    "plugins/platforms/libqoffscreen.so",
    "plugins/platforms/libqwayland*.so",
    "plugins/xcbglintegrations/*.so",
    "plugins/wayland-shell-integration/libxdg-shell.so",
    "plugins/wayland-decoration-client/*.so",
    "plugins/wayland-graphics-integration-client/libqt-plugin-wayland-egl.so",
    "plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
    "plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
    "plugins/imageformats/*.so",
    "plugins/iconengines/*.so",
    "plugins/tls/*.so",
    "lib/libQt6WebEngineCore.so.6",
    "libexec/QtWebEngineProcess",
)


def qt_binaries() -> list[Path]:
    """The Qt libraries, plugins and programs the app loads, in the installed PySide6
    (`$SYSTEM_DEPS_BINARIES`, paths separated by ':', checks those instead)."""
    if os.environ.get("SYSTEM_DEPS_BINARIES"):
        return [Path(p) for p in os.environ["SYSTEM_DEPS_BINARIES"].split(os.pathsep) if p]
    spec = importlib.util.find_spec("PySide6")  # finds the package without importing Qt
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("system-deps: PySide6 is not installed in this Python (run `make install`)")
    package = Path(next(iter(spec.submodule_search_locations)))
    found = [Path(p) for pattern in QT_BINARIES for p in sorted(glob.glob(str(package / "Qt" / pattern)))]
    # the Python modules the app imports link Qt's libraries in their turn
    found += sorted(package.glob("Qt[CGNW]*.abi3.so"))
    return found


def not_found(binaries: list[Path]) -> dict[str, list[str]]:
    """Each shared library `ldd` cannot find -> the binaries that need it."""
    missing: dict[str, list[str]] = {}
    for binary in binaries:
        out = subprocess.run(["ldd", str(binary)], capture_output=True, text=True, check=False).stdout
        for line in out.splitlines():
            name, _, where = line.strip().partition(" => ")
            if where.strip() == "not found" and binary.name not in missing.get(name, []):
                missing.setdefault(name, []).append(binary.name)
    return missing


def package_of(soname: str) -> str | None:
    return next((pkg for pkg, (names, _arch) in LIBRARIES.items() if soname in names), None)


def debian_packages(missing: dict[str, list[str]], tools: list[str]) -> list[str]:
    """The Debian packages that provide the missing libraries (and the tests' missing tools)."""
    return sorted({p for s in missing if (p := package_of(s))}) + [EXTRAS[t][0] for t in tools]


def install_lines(missing: dict[str, list[str]], tools: list[str]) -> dict[str, str]:
    """The command that installs what is missing, for each package manager."""
    debian = debian_packages(missing, tools)
    libraries = debian_packages(missing, [])
    arch = sorted({LIBRARIES[p][1] for p in libraries}) + [EXTRAS[t][1] for t in tools]
    provides = [f"'{s}()(64bit)'" for s in sorted(missing)] + [EXTRAS[t][2] for t in tools]
    return {
        "apt": f"sudo apt-get install -y --no-install-recommends {' '.join(debian)}",
        "dnf": f"sudo dnf install {' '.join(provides)}",
        "pacman": f"sudo pacman -S --needed {' '.join(arch)}",
    }


def debian(binaries: list[Path], tests: bool) -> int:
    """Install (as root) or name (as a user) the packages of every library `ldd` cannot find.
    apt brings each package's own dependencies, so libraries hidden behind a missing one come
    too; a further round catches anything still missing."""
    for _round in range(3):
        missing = not_found(binaries)
        tools = missing_tools(tests)
        unknown = sorted(s for s in missing if package_of(s) is None)
        for soname in unknown:
            _say(
                f"{soname} is not found (needed by {', '.join(missing[soname])}) and "
                "packaging/system_deps.py does not know its package: add it"
            )
        packages = debian_packages(missing, tools)
        if not packages:
            return 1 if unknown else 0
        if os.geteuid() != 0:
            _say("Qt needs these system packages; run:", f"  {install_lines(missing, tools)['apt']}")
            return 1
        _say(f"installing {' '.join(packages)}")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for cmd in (
            ["apt-get", "update", "-qq"],
            ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
        ):
            if subprocess.run(cmd, env=env, check=False, stdout=subprocess.DEVNULL).returncode != 0:
                _say(f"`{' '.join(cmd)}` failed")
                return 1
    _say(f"still not found after installing: {', '.join([*not_found(binaries), *missing_tools(tests)])}")
    return 1


def _say(*lines: str) -> None:
    for line in lines:
        print(f"system-deps: {line}", file=sys.stderr)


def main(argv: list[str]) -> int:
    if "--debian-depends" in argv:  # the .deb's Depends field
        print(", ".join([*LIBRARIES, *(debian for debian, _arch, _fedora in SPELLING.values())]))
        return 0
    if not sys.platform.startswith("linux"):
        return 0  # the wheels carry what Qt needs on Windows and macOS
    binaries = qt_binaries()
    if "--explain" in argv:
        for soname, users in sorted(not_found(binaries).items()):
            print(f"{soname}: not found (needed by {', '.join(users)}) -> {package_of(soname) or '?'}")
        return 0
    tests = "--test" in argv
    if shutil.which("dpkg-query"):
        return debian(binaries, tests)
    missing = not_found(binaries)
    tools = missing_tools(tests)
    if not missing and not tools:
        return 0
    lines = install_lines(missing, tools)
    manager = "dnf" if shutil.which("dnf") else "pacman" if shutil.which("pacman") else ""
    if manager:
        _say("Qt needs these system packages; run:", f"  {lines[manager]}")
    else:
        _say(
            "Qt needs these libraries; install them with your system's package manager:",
            "  " + " ".join([*sorted(missing), *tools]),
            f"  (on Debian/Ubuntu: {lines['apt']})",
        )
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
