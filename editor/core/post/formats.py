"""The content formats Hugo reads, and which one a page is written in.

A page's format comes from its file's suffix (Hugo's media types) unless its front matter's
`markup` key names another. The editor edits every format as text with front matter; the
preview renders Markdown (and shows HTML as it is). Content adapters (`_content.gotmpl`) are
templates that make pages, not pages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from editor.core.keys import value_of

MARKDOWN = "markdown"
HTML = "html"

SUFFIXES = {
    ".md": MARKDOWN,
    ".markdown": MARKDOWN,
    ".mdown": MARKDOWN,
    ".html": HTML,
    ".htm": HTML,
    ".adoc": "asciidoc",
    ".asciidoc": "asciidoc",
    ".ad": "asciidoc",
    ".org": "org",
    ".pdc": "pandoc",
    ".pandoc": "pandoc",
    ".rst": "rst",
}
MARKDOWN_SUFFIXES = tuple(s for s, f in SUFFIXES.items() if f == MARKDOWN)
CONTENT_SUFFIXES = tuple(SUFFIXES)

# what the `markup` front-matter key may say (Hugo's markup names and its suffixes)
_MARKUP = {"md": MARKDOWN, "goldmark": MARKDOWN, "asciidocext": "asciidoc"} | {
    s[1:]: f for s, f in SUFFIXES.items()
}
_MARKUP |= {f: f for f in SUFFIXES.values()}

LABELS = {
    MARKDOWN: "Markdown",
    HTML: "HTML",
    "asciidoc": "AsciiDoc",
    "org": "Org",
    "pandoc": "Pandoc",
    "rst": "reStructuredText",
}
# the programs Hugo runs to render a format (it has no renderer of its own for these)
TOOLS = {"asciidoc": ("asciidoctor",), "pandoc": ("pandoc",), "rst": ("rst2html", "rst2html.py")}
# media types Hugo's default `security.allowContent` refuses (HTML since 0.162; Org in 0.168)
MEDIA_TYPES = {HTML: "text/html", "org": "text/org"}
REFUSED_SINCE = {HTML: "0.162", "org": "0.168"}  # Org: refused by 0.168 (when it began is not known here)
DEFAULT_ALLOW_CONTENT = tuple(f"! ^{media}$" for media in MEDIA_TYPES.values())

ADAPTER = "_content.gotmpl"


def of(path: Path | str | None, metadata: Mapping[str, Any] | None = None) -> str:
    """The format Hugo renders this page in: the front matter's `markup`, else the suffix."""
    markup = value_of(dict(metadata or {}), "markup")
    if isinstance(markup, str) and markup.strip().lower() in _MARKUP:
        return _MARKUP[markup.strip().lower()]
    suffix = Path(path).suffix.lower() if path is not None else ".md"
    return SUFFIXES.get(suffix, MARKDOWN)


def is_content(name: str) -> bool:
    """Whether Hugo makes a page of a file with this name (an adapter is not one)."""
    return name.lower().endswith(CONTENT_SUFFIXES)


def allowed(fmt: str, security: Mapping[str, Any] | None) -> bool:
    """Whether the site's `security.allowContent` lets Hugo read content of this format."""
    media = MEDIA_TYPES.get(fmt)
    if media is None:
        return True
    patterns = value_of(dict(security or {}), "allowContent", None)
    if isinstance(patterns, str):
        patterns = [patterns]
    if not isinstance(patterns, list):
        patterns = list(DEFAULT_ALLOW_CONTENT)
    return _whitelisted(media, [str(p) for p in patterns])


def _whitelisted(value: str, patterns: list[str]) -> bool:
    """Hugo's allow list: patterns starting with `! ` refuse; with only those, the rest passes."""
    accept = [p for p in patterns if not p.startswith("! ")]
    refuse = [p[2:] for p in patterns if p.startswith("! ")]
    if any(re.search(p, value) for p in refuse):
        return False
    if not accept:
        return bool(refuse)
    return any(re.search(p, value) for p in accept if p != "none")  # "none" matches nothing
