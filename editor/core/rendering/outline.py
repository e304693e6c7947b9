"""The post's outline: its headings, read from the rendered blocks (the same parse as the
preview, so a `#` in a code block or a setext heading count exactly as Hugo counts them), never
from the text again."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import unescape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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


def section_span(headings: Sequence[Heading], i: int, line_count: int) -> tuple[int, int]:
    """Body lines [start, end) of heading `i`'s section: up to the next heading of its level or
    higher (a `##` section holds its `###` ones)."""
    level = headings[i].level
    end = next((h.line for h in headings[i + 1 :] if h.level <= level), line_count)
    return headings[i].line, end


def move_section(body: str, headings: Sequence[Heading], i: int, before: int | None) -> str | None:
    """The body with heading `i`'s whole section moved to just before heading `before` (None: to
    the end). Only the section's lines move; a blank line keeps it apart from what follows. None
    when the move would change nothing or put a section inside itself."""
    end_newline = body.endswith("\n")
    lines = (body[:-1] if end_newline else body).split("\n")
    a, b = section_span(headings, i, len(lines))
    target = len(lines) if before is None else headings[before].line
    if a <= target <= b:
        return None
    block = lines[a:b]
    rest = lines[:a] + lines[b:]
    at = target if target < a else target - (b - a)
    if at >= len(rest):  # to the end: one blank line before it, none after
        while rest and not rest[-1].strip():
            rest.pop()
        while block and not block[-1].strip():
            block.pop()
        moved = [*rest, "", *block] if rest else block
    else:
        if block and block[-1].strip():
            block.append("")
        moved = rest[:at] + block + rest[at:]
        while len(moved) > 1 and not moved[-1].strip():
            moved.pop()  # the section that ends the body now ends it without a blank line
    return "\n".join(moved) + ("\n" if end_newline else "")
