"""Images dropped or pasted into a post: copied next to the post (a page bundle) or into the
site's static images folder, and linked from the Markdown."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
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
    return target, markdown(prefix + quote(final), default_alt(final))


def default_alt(name: str) -> str:
    """A first alt text from the file's name ("lisbon-tram_2.jpg" -> "lisbon tram 2")."""
    return re.sub(r"[-_]+", " ", Path(name).stem).strip()


def markdown(url: str, alt: str, title: str = "") -> str:
    """`![alt](url "title")`, the characters Markdown would misread escaped."""
    alt = alt.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    shown_title = ' "' + title.replace('"', '\\"') + '"' if title else ""
    target = f"<{url}>" if re.search(r"[\s()]", url) else url
    return f"![{alt}]({target}{shown_title})"


def figure(url: str, alt: str, caption: str = "") -> str:
    """Hugo's figure shortcode for the image."""
    from editor.core.site.shortcode_defs import BUILTINS, insertion

    return insertion(BUILTINS["figure"], {"src": url, "alt": alt, "caption": caption})


@dataclass(frozen=True)
class Image:
    path: Path
    url: str  # what the post writes to show it
    place: str  # "bundle", "static" or "assets"


def available(post: Path | None, site_root: Path | None, limit: int = 2000) -> list[Image]:
    """The images a post can show: its bundle's (page resources, linked relatively), then the
    site's `static/` (served from the root) and `assets/` (global resources, found by Hugo's
    image render hook under the same path)."""
    out: list[Image] = []
    if post is not None and post.name.split(".")[0] in ("index", "_index"):
        out += _walk(post.parent, "", "bundle", limit)
    if site_root is not None:
        for place in ("static", "assets"):
            out += _walk(site_root / place, "/", place, limit - len(out))
    return out[:limit]


def _walk(folder: Path, prefix: str, place: str, limit: int) -> list[Image]:
    out: list[Image] = []
    if not folder.is_dir() or limit <= 0:
        return out
    for dirpath, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if f.lower().endswith(IMAGE_SUFFIXES) and not f.startswith("."):
                path = Path(dirpath, f)
                rel = path.relative_to(folder).as_posix()
                out.append(Image(path, prefix + quote(rel), place))
                if len(out) >= limit:
                    return out
    return out
