"""The post's outline: its headings, read from the rendered blocks (the same parse as the
preview, so a `#` in a code block or a setext heading count exactly as Hugo counts them), never
from the text again."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import unescape

from editor.core.rendering.blocks import Block

_HEADING = re.compile(r'<h([1-6])(?:\s+id="([^"]*)")?[^>]*>(.*?)</h\1>', re.S)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int  # the heading's first line in the body (0-based)
    anchor: str  # its id in the page


def outline(blocks: Sequence[Block]) -> list[Heading]:
    """Every top-level heading of the body, in order."""
    out = []
    for block in blocks:
        if not block.html.startswith("<h"):
            continue
        m = _HEADING.match(block.html)
        if m:
            text = " ".join(unescape(_TAG.sub("", m.group(3))).split())
            out.append(Heading(int(m.group(1)), text, block.start, m.group(2) or ""))
    return out


def at_line(headings: Sequence[Heading], line: int) -> int:
    """The index of the heading whose section holds body line `line` (-1 above the first)."""
    found = -1
    for i, heading in enumerate(headings):
        if heading.line > line:
            break
        found = i
    return found
