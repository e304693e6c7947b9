"""A long body's preview, rendered as far as it is read.

A 1 MB post took ~2.5 s of markdown-it to render whole when it opened, for a page whose first
screen is all anyone sees then. `LazyRender` renders a long body's top (the lines in sight and a
margin below them) and keeps the rest as lines; it renders further when the view comes near the
end of what is rendered (`reach`), when an edit lands past it, and when a reader of the whole asks
(`complete`: the outline). A body under `LAZY_ABOVE` characters is rendered whole at once.

What it shows is what a whole render shows. A block depends on the text after it in two ways only:
through its end (a list, a quote, an open fence goes on after a blank line: only the last block
above the cut can end early, and it lies a margin below the view), and through what is defined
further down (a reference or footnote used above and defined below, a shortcode closed below).
The cut is put past the second kind, and an edit above the cut that comes to use one renders
through it. Tests check that on real posts: every block above the cut but the last is the whole
render's; complete, the HTML is the whole render's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from markdown_it.common.utils import normalizeReference

from editor.core.post import formats
from editor.core.rendering import blocks as parts
from editor.core.rendering.blocks import Block, Patch
from editor.core.rendering.live import LiveRender, Stats

LAZY_ABOVE = 100_000  # characters: a shorter body is rendered whole (~0.25 s off the GUI thread)
SIGHT = 200  # lines: what is rendered below the top line in sight (a screen and more)
NICE_WITHIN = 100  # lines: how far a cut moves on to fall before a heading or a paragraph

_NICE = re.compile(r"#{1,6}(?:[ \t]|$)|[^\W\d_]")  # an ATX heading, a paragraph's first letter
_NOTE_DEF = re.compile(r"\s{0,3}(?:>\s*)*\[\^([^\]\s]+)\]:")
_BRACKETS = re.compile(r"\[([^\[\]]{1,999})\]")


def definitions(lines: Sequence[str], offset: int = 0) -> dict[str, int]:
    """What lines define for text elsewhere: per reference label (markdown-it's normal form) and
    footnote label (`^` and the label as written), the line of its last definition."""
    found: dict[str, int] = {}
    for n, line in enumerate(lines):
        if "]:" not in line:
            continue
        m = _NOTE_DEF.match(line)
        if m:
            found["^" + m.group(1)] = n + offset
        else:
            for label in parts.defined_labels((line,)):
                found[label] = n + offset
    return found


def used(text: str) -> set[str]:
    """What text may use of definitions: every bracketed run, as a reference label and, after a
    `^`, as a footnote label (more than Markdown reads: a false alarm only renders further)."""
    out: set[str] = set()
    for m in _BRACKETS.finditer(text):
        inner = m.group(1)
        if inner.startswith("^"):
            out.add(inner)
        out.add(normalizeReference(inner))
    return out


def plan(lines: list[str], target: int) -> tuple[int, dict[str, int]]:
    """Where a render that reaches line `target` ends, and what the lines after that define.

    The cut follows a blank line, before a heading or a paragraph when one comes soon; past every
    definition below it that the lines above it use, and past the close of every shortcode opened
    above it. Every line (`len(lines)`, nothing left) when no such place is left."""
    n = len(lines)
    step = max(target, 1)
    while True:
        c = _blank_after(lines, target)
        if c >= n:
            return n, {}
        if parts.unbalanced(lines, 0, c):
            step *= 2  # a shortcode closes below: further on (rare; a few tries at most)
            target = c + step
            continue
        below = definitions(lines[c:], c)
        wanted = used("\n".join(lines[:c])) & below.keys() if below else set()
        if not wanted:
            return c, below
        target = max(below[k] for k in wanted) + 1


def _blank_after(lines: Sequence[str], target: int) -> int:
    """The first line at or after `target` that follows a blank one (preferably a heading's or a
    paragraph's); `len(lines)` if none."""
    n = len(lines)
    first = n
    for c in range(max(target, 1), n):
        if lines[c - 1].strip() or not lines[c].strip():
            continue
        if _NICE.match(lines[c]):
            return c
        first = min(first, c)
        if c - first > NICE_WITHIN:
            break
    return first


class LazyRender:
    """The preview's render of one body: a `LiveRender` of its top lines (all of them for a short
    body), the rest kept as lines until they are read."""

    def __init__(self, live: LiveRender | None = None, above: int = LAZY_ABOVE, sight: int = SIGHT) -> None:
        self.live = live if live is not None else LiveRender()
        self.above = above  # characters: a longer body is rendered as far as it is read
        self.sight = sight  # lines rendered below the top one in view
        self.rest: list[str] = []  # the body's lines after the rendered ones
        self._rest_chars = 0
        self._below: dict[str, int] = {}  # what the rest defines (see `definitions`)

    # ---- what readers of the render read (the rendered part's) -------------------------------

    @property
    def blocks(self) -> list[Block]:
        return self.live.blocks

    @property
    def html(self) -> str:
        return self.live.html

    @property
    def references(self) -> dict[str, Any]:
        return self.live.references

    @property
    def config(self) -> Any:
        return self.live.config

    @property
    def context(self) -> Any:
        return self.live.context

    @property
    def stats(self) -> Stats:
        return self.live.stats

    @property
    def chars(self) -> int:
        """The whole body's length."""
        return self.live.chars + self._rest_chars

    @property
    def partial(self) -> bool:
        """Lines are left to render."""
        return bool(self.rest)

    @property
    def rendered_lines(self) -> int:
        return len(self.live.lines)

    # ---- changes -----------------------------------------------------------------------------

    def reset(self, text: str, sight: int = 0) -> Patch:
        """A new body, `sight` its top line in view: render its top (all of a short body)."""
        if len(text) <= self.above or self.live.config.content != formats.MARKDOWN:
            self._keep([], {})
            return self.live.reset(text)
        lines = text.split("\n")
        c, below = plan(lines, sight + self.sight)
        self._keep(lines[c:], below)
        return self.live.reset(text if c == len(lines) else "\n".join(lines[:c]))

    def edit(self, first: int, old_end: int, new_lines: Sequence[str]) -> Patch:
        """Lines `first` to `old_end` (exclusive) of the body were replaced by `new_lines`."""
        new_lines = list(new_lines)
        n = len(self.live.lines)
        if not self.rest or (old_end <= n and not self._reaches_below(first, old_end, new_lines)):
            return self.live.edit(first, old_end, new_lines)
        old = [*self.live.lines, *self.rest]
        whole = [*old[:first], *new_lines, *old[old_end:]]
        edited_end = first + len(new_lines)  # the cut lies below the edit, and below the old one
        target = max(edited_end, n + edited_end - old_end if old_end <= n else 0) + self.sight
        return self._render_to(whole, min(first, n), target)

    def reach(self, line: int) -> Patch | None:
        """Line `line` is the top one in view: render what lies under it, if not done yet (and
        as much again as is rendered: a reader going down pays for the whole once or twice)."""
        n = len(self.live.lines)
        if not self.rest or line + self.sight <= n:
            return None
        return self._render_to([*self.live.lines, *self.rest], n, max(line + 2 * self.sight, 2 * n))

    def complete(self) -> Patch | None:
        """Render every line."""
        if not self.rest:
            return None
        n = len(self.live.lines)
        whole = [*self.live.lines, *self.rest]
        return self._render_to(whole, n, len(whole))

    def set_params(self, params: dict[str, Any]) -> Patch | None:
        if self.rest and formats.of(self.live.path, params) != formats.MARKDOWN:
            # the page is to be rendered as another format: its whole text, which the render
            # that follows (a change of format renders everything) then holds
            self.live.lines += self.rest
            self.live.chars += self._rest_chars
            self._keep([], {})
        return self.live.set_params(params)

    def rerender(self) -> Patch:
        return self.live.rerender()

    # ---- the cut -----------------------------------------------------------------------------

    def _keep(self, rest: list[str], below: dict[str, int]) -> None:
        self.rest = rest
        self._below = below
        self._rest_chars = sum(map(len, rest)) + len(rest)

    def _render_to(self, whole: list[str], first: int, target: int) -> Patch:
        """The rendered lines become `whole`'s top, cut at or after `target`: one edit of the
        render from line `first` (where the two first differ) on."""
        c, below = plan(whole, target)
        patch = self.live.edit(first, len(self.live.lines), whole[first:c])
        self._keep(whole[c:], below)
        return patch

    def _reaches_below(self, first: int, old_end: int, new_lines: list[str]) -> bool:
        """Whether an edit above the cut makes the lines above it depend on lines below it: it
        uses a reference or footnote defined there, or changes a shortcode tag (which may pair
        with one below). Its neighbouring lines count too (a label can span lines)."""
        lines = self.live.lines
        tags = any("{{" in line or "}}" in line for line in (*lines[first:old_end], *new_lines))
        if tags and parts.kinds("\n".join(lines[first:old_end])) != parts.kinds("\n".join(new_lines)):
            return True
        text = "\n".join([*lines[max(0, first - 2) : first], *new_lines, *lines[old_end : old_end + 2]])
        return "[" in text and bool(self._below) and not used(text).isdisjoint(self._below)
