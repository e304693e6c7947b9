"""Links from one post to another: what Insert Link to Post writes, in the site's own habit —
`{{< ref >}}`, `{{< relref >}}` or a plain link to the page's URL — with the target's headings for
an `#anchor`, and `lang` when the target is in another language of a multilingual site."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editor.core import site
from editor.core.post import Post, PostError
from editor.core.rendering.outline import Heading, outline

STYLES = ("ref", "relref", "link")

_REF = re.compile(r"\{\{[<%]\s*ref\s")
_RELREF = re.compile(r"\{\{[<%]\s*relref\s")
_LINK = re.compile(r"\]\((/[^)\s]*)\)")  # a link to a path of the same site


def habit(texts: Iterable[str]) -> str:
    """The way a site's posts link to each other, by count: "ref", "relref" or "link" (a path
    such as `/posts/x/`); "ref" when they do not yet."""
    counts = dict.fromkeys(STYLES, 0)
    for text in texts:
        if "{{" in text:
            counts["ref"] += len(_REF.findall(text))
            counts["relref"] += len(_RELREF.findall(text))
        if "](/" in text:
            counts["link"] += sum(1 for m in _LINK.finditer(text) if not m.group(1).startswith("//"))
    best = max(STYLES, key=lambda s: (counts[s], s == "ref"))
    return best if counts[best] else "ref"


@dataclass(frozen=True)
class Place:
    path: str  # from its language's content folder, "/" separated ("posts/x.md")
    language: str


def place(root: Path, config: dict[str, Any], page: Path) -> Place:
    lang, base, _stem = site.language_of(root, config, page)
    return Place(page.resolve().relative_to(base.resolve()).as_posix(), lang)


def link(
    style: str,
    root: Path,
    config: dict[str, Any],
    source: Path | None,
    target: Path,
    text: str,
    anchor: str = "",
) -> str:
    """`[text]({{< ref "posts/x.md#anchor" >}})`, `lang` added across languages; or the plain
    link to the target's URL."""
    hash_ = f"#{anchor}" if anchor else ""
    if style == "link":
        try:
            meta = Post.load(target).metadata
        except PostError:
            meta = {}
        return f"[{text}]({site.page_url(root, config, target, meta)}{hash_})"
    where = place(root, config, target)
    mine = site.language_of(root, config, source)[0] if source is not None else site.default_language(config)
    name = "relref" if style == "relref" else "ref"
    if where.language != mine and len(site.languages(config)) > 1:
        code = f'{{{{< {name} path="{where.path}{hash_}" lang="{where.language}" >}}}}'
    else:
        code = f'{{{{< {name} "{where.path}{hash_}" >}}}}'
    return f"[{text}]({code})"


_TARGET = re.compile(r"""\{\{[<%]\s*(?:rel)?ref\s+(?:path=)?"([^"]*)"([^}]*)[>%]\}\}""")
_LANG = re.compile(r'\blang\s*=\s*"([^"]*)"')


def target_at(line: str, column: int) -> tuple[str, str] | None:
    """(target, lang) of the `ref`/`relref` shortcode under `column` of `line`, if one is."""
    for m in _TARGET.finditer(line):
        if m.start() <= column <= m.end():
            lang = _LANG.search(m.group(2))
            return m.group(1), lang.group(1) if lang else ""
    return None


def headings(page: Path) -> list[Heading]:
    """The target's headings with their anchors, as the preview (and Hugo) names them."""
    from editor.core.rendering.live import LiveRender, context_for  # a render: only when asked

    post = Post.load(page)
    live = LiveRender(*context_for(page, post.metadata), path=page)
    live.reset(post.body)
    return outline(live.blocks)
