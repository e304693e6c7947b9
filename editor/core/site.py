"""A Hugo site: where its root is and what its configuration says (time zone for now)."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
import zoneinfo
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from editor.core.post import Post, PostError

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")

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


def taxonomy_terms(root: Path, keys: tuple[str, ...] = ("tags", "categories")) -> dict[str, list[str]]:
    """Terms already used in the site per taxonomy, most used first, as the posts spell them.

    Hugo folds terms to lower case for their pages, so `Go` and `go` count as one term.
    """
    counts: dict[str, Counter[str]] = {k: Counter() for k in keys}
    spelling: dict[str, dict[str, str]] = {k: {} for k in keys}
    for path in posts_under([root]):
        try:
            post = Post.load(path)
        except PostError:
            continue
        for key in keys:
            terms = post.get(key)
            if isinstance(terms, str):
                terms = [terms]
            for term in terms if isinstance(terms, list) else []:
                if isinstance(term, str) and term.strip():
                    folded = term.strip().lower()
                    counts[key][folded] += 1
                    spelling[key].setdefault(folded, term.strip())
    return {k: [spelling[k][t] for t, _ in counts[k].most_common()] for k in keys}


def posts_under(paths: Iterable[Path]) -> Iterator[Path]:
    """The Markdown files named or under the folders named; a site root means its content/."""
    for p in paths:
        if p.is_dir():
            if find_root(p) == p.resolve() and (p / "content").is_dir():
                p = p / "content"
            yield from sorted(
                f for f in p.rglob("*") if f.suffix.lower() in MARKDOWN_SUFFIXES and f.is_file()
            )
        else:
            yield p
