"""Images dropped or pasted into a post: copied next to the post (a page bundle) or into the
site's static images folder, and linked from the Markdown."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import quote

from editor.core.files.storage import atomic_write

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif")


def destination(post: Path, site_root: Path | None) -> tuple[Path, str]:
    """(folder, URL prefix) for a post's images: a bundle keeps them beside `index.md` (its
    page resources, linked relatively); a single-file post in a site uses `static/images/`
    (served at `/images/`); a loose file keeps them beside it."""
    if post.name in ("index.md", "_index.md") or site_root is None:
        return post.parent, ""
    return site_root / "static" / "images", "/images/"


def _free_name(folder: Path, name: str) -> str:
    stem, suffix = Path(name).stem, Path(name).suffix.lower()
    stem = re.sub(r"[^\w.-]+", "-", stem).strip("-.") or "image"
    candidate, n = f"{stem}{suffix}", 1
    while os.path.lexists(folder / candidate):  # a dangling link is taken too: never written through
        candidate = f"{stem}-{n}{suffix}"
        n += 1
    return candidate


def place(post: Path, site_root: Path | None, name: str, data: bytes) -> tuple[Path, str]:
    """Write the image (under a name not yet taken) and give (its path, the Markdown for it)."""
    if Path(name).suffix.lower() not in IMAGE_SUFFIXES:
        raise ValueError(f"{name} is not an image this editor places ({', '.join(IMAGE_SUFFIXES)})")
    folder, prefix = destination(post, site_root)
    folder.mkdir(parents=True, exist_ok=True)
    final = _free_name(folder, name)
    target = atomic_write(folder / final, data)
    alt = re.sub(r"[-_]+", " ", Path(final).stem).strip()
    return target, f"![{alt}]({prefix}{quote(final)})"
