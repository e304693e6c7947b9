"""The folders the app keeps its own things in: data (recovery copies, the sample site's copy),
cache (site listings), log. Never the installation, never a user's site.

They come from platformdirs, which knows each system's conventions; on Linux they are the XDG
folders the app has always used (~/.local/share, ~/.cache, ~/.local/state), so existing recovery
copies are still found. `$HUGO_POST_EDITOR_DATA` puts all of them in one folder (tests, portable
use). Settings and window state are Qt's (QSettings), in the system's configuration folder.
"""

from __future__ import annotations

import importlib.resources
import os
import shutil
import tempfile
from pathlib import Path

import platformdirs

APP = "hugo-post-editor"
OVERRIDE = "HUGO_POST_EDITOR_DATA"


def _override() -> Path | None:
    base = os.environ.get(OVERRIDE)
    return Path(base) if base else None


def data_folder() -> Path:
    return _override() or platformdirs.user_data_path(APP, appauthor=False)


def recovery_folder() -> Path:
    return data_folder() / "recovery"


def cache_folder() -> Path:
    base = _override()
    return base / "cache" if base else platformdirs.user_cache_path(APP, appauthor=False)


def log_folder() -> Path:
    base = _override()
    return base / "log" if base else platformdirs.user_log_path(APP, appauthor=False)


def bundled_sample_site() -> Path:
    """The sample site as installed (read-only: never opened for editing, only copied)."""
    return Path(str(importlib.resources.files("editor.resources") / "sample-site"))


def sample_site() -> Path:
    """The author's own copy of the sample site, made in the data folder on first use and kept
    (with whatever the author changed in it) afterwards."""
    target = data_folder() / "sample-site"
    if target.is_dir():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    # copied beside the target and renamed into place: a copy cut short never looks finished
    scratch = Path(tempfile.mkdtemp(prefix=".sample-site-", dir=target.parent))
    try:
        shutil.copytree(
            bundled_sample_site(),
            scratch / "site",
            ignore=shutil.ignore_patterns(".hugo_build.lock", "__pycache__", "__init__.py"),
        )
        try:
            os.replace(scratch / "site", target)
        except OSError:
            if not target.is_dir():  # another instance won the race: theirs is as good
                raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return target
