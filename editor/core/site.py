"""A Hugo site: where its root is and what its configuration says (time zone for now)."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
import zoneinfo
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

CONFIG_NAMES = (
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
)


def find_root(path: Path) -> Path | None:
    """The nearest folder at or above `path` holding a Hugo configuration file."""
    here = path.resolve()
    for folder in ([here] if here.is_dir() else []) + list(here.parents):
        if any((folder / n).is_file() for n in CONFIG_NAMES):
            return folder
    return None


def load_config(root: Path) -> dict[str, Any]:
    for name in CONFIG_NAMES:
        f = root / name
        if not f.is_file():
            continue
        text = f.read_text(encoding="utf-8")
        if name.endswith(".toml"):
            return tomllib.loads(text)
        if name.endswith(".json"):
            data = json.loads(text)
            return data if isinstance(data, dict) else {}
        data = YAML(typ="safe", pure=True).load(text)
        return data if isinstance(data, dict) else {}
    return {}


def time_zone(config: dict[str, Any]) -> dt.tzinfo:
    """The site's `timeZone` (Hugo reads dates without offset in it), UTC by default."""
    name = next((v for k, v in config.items() if k.lower() == "timezone"), None)
    if isinstance(name, str) and name:
        try:
            return zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
    return dt.UTC
