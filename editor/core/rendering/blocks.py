"""The body as top-level blocks for the live preview: a block's source lines and HTML, the patch
that replaces some of them, and what makes an edit reach further than its own lines (footnote and
reference definitions, heading IDs, unbalanced fences and shortcodes)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markdown_it.common.utils import normalizeReference
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.footnote.index import footnote_tail

from editor.core.rendering import shortcodes

Ids = tuple[tuple[str | None, str], ...]  # per heading: the automatic ID's base (None if custom), the ID


_NOTE_REF = re.compile(r"\[\^[^\]\s]+\]")
_NOTE_DEF = re.compile(r"\s{0,3}(?:>\s*)*\[\^[^\]\s]+\]:")
SITE_SRC = re.compile(r'(<(?:img|source|video)\b[^>]*?\ssrc=")(/[^/"][^"]*)"')
SUMMARY = re.compile(r"^[ \t]*<!--more-->[ \t]*$", re.M)


@dataclass
class Block:
    start: int  # first source line (0-based, in the body)
    end: int  # the line after its last
    html: str
    ids: Ids = ()
    notes: tuple[int, ...] = ()  # the footnotes it references, in order
    glued: bool = False  # it begins inside a shortcode that began in the block before
    # the lines of code and raw HTML inside it (a fence in a list item), from its start: [a, b)
    code: tuple[tuple[int, int], ...] = ()


@dataclass
class Patch:
    """Replace `remove` blocks from index `at` with `html` (starting at source lines `lines`),
    then add `shift` to the source line of every block after them."""

    at: int
    remove: int
    html: list[str]
    lines: list[int]
    shift: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "at": self.at,
            "remove": self.remove,
            "html": self.html,
            "lines": self.lines,
            "shift": self.shift,
        }


def seed_footnotes(state: StateCore) -> None:
    """Between block and inline parsing: a window's footnote definitions must not renumber the
    document's footnotes (each definition resets its label)."""
    seed = state.env.get("seed_footnotes")
    if seed:
        state.env["footnotes"]["refs"].update(seed)


def tail_footnotes(state: StateCore) -> None:
    """The footnote list goes at the end of a whole body; a window only drops the definitions
    (building the list there would cost as much as the document has footnotes)."""
    texts: dict[str, str] = state.env.setdefault("note_texts", {})
    out, label = [], None
    for tok in state.tokens:
        if tok.type == "footnote_reference_open":
            label = str(tok.meta["label"])
            texts.setdefault(label, "")
        elif tok.type == "footnote_reference_close":
            label = None
        elif label is None:
            out.append(tok)
        else:
            texts[label] += tok.type + "\x00" + tok.content + "\x00"
    if not state.env.get("window"):
        footnote_tail(state)
        return
    state.tokens = out


def shortcode_references(state: StateCore) -> None:
    """A reference definition outlives its window: a shortcode in it is kept as its source."""
    outputs: list[shortcodes.Output] = state.env.get("shortcodes") or []
    for ref in state.env.get("references", {}).values() if outputs else ():
        for key in ("href", "title"):
            if "ZqHPE" in ref.get(key, ""):
                ref[key] = shortcodes.unmark(ref[key], outputs)


def notes_changed(old: Sequence[str], new: Sequence[str]) -> bool:
    """Whether an edit touched footnotes: a definition, or which notes are referenced in what
    order (that numbers them)."""
    if not any("[^" in line for line in (*old, *new)):
        return False
    return (
        _defines_notes(old)
        or _defines_notes(new)
        or [_NOTE_REF.findall(line) for line in old] != [_NOTE_REF.findall(line) for line in new]
    )


def kinds(text: str) -> list[tuple[str, ...]]:
    return [
        (
            m.group("name"),
            m.group("open"),
            str(m.group(0).count("\n")),
            *(k for k in ("close", "self", "esc") if m.group(k)),
        )
        for m in shortcodes.tags(text)
    ]


def swallowed_notes(
    lines: Sequence[str],
    a: int,
    b: int,
    old: Sequence[Block],
    new: Sequence[Block],
    first: int,
    edited_end: int,
    delta: int,
) -> bool:
    """Whether a footnote definition outside the edited lines but inside the window [a, b) went
    into a block (a fence left unclosed above it now holds it as code) or came out of one: the
    footnotes, and blocks far away that reference them, then change."""
    for n in range(a, b):
        if first <= n < edited_end or "[^" not in lines[n] or not _NOTE_DEF.match(lines[n]):
            continue
        was = n if n < first else n - delta
        if any(x.start <= was < x.end for x in old) != any(x.start <= n < x.end for x in new):
            return True
    return False


def _defines_notes(lines: Sequence[str]) -> bool:
    return any("[^" in line and _NOTE_DEF.match(line) for line in lines)


def notes(tokens: Sequence[Token]) -> tuple[int, ...]:
    out = []
    for t in tokens:
        for child in t.children or () if t.type == "inline" else ():
            if child.type == "footnote_ref":
                out.append(child.meta["id"])
    return tuple(out)


def start(block: Block) -> int:
    return block.start


_DEF_LINE = re.compile(r"^\s{0,3}(?:(?:[-*+]|\d{1,9}[.)]|>)\s*)*\[((?:[^\]\\]|\\.)+)\]:")


def defined_labels(lines: Sequence[str]) -> list[str]:
    """The labels of what look like reference definitions (markdown-it's own normalisation)."""
    return [
        normalizeReference(m.group(1)) for line in lines if "]:" in line for m in [_DEF_LINE.match(line)] if m
    ]


def ref(r: dict[str, Any]) -> tuple[str, str]:
    return r.get("href", ""), r.get("title", "")


def dedupe(base: str, seen: dict[str, int]) -> str:
    ident, n = base, 0
    while ident in seen:
        n += 1
        ident = f"{base}-{n}"
    return ident


def ids(tokens: Sequence[Token]) -> Ids:
    return tuple(
        (t.meta.get("hugo_base"), str(t.attrGet("id")))
        for t in tokens
        if t.type == "heading_open" and t.attrGet("id") is not None
    )


def unbalanced(lines: list[str], a: int, b: int) -> bool:
    """Whether lines a..b hold a shortcode whose pair lies outside them."""
    text = "\n".join(lines[a:b])
    if not shortcodes.has_shortcodes(text):
        return False
    opened: list[str] = []
    for m in shortcodes.tags(text):
        if m.group("esc") or m.group("self"):
            continue
        name = m.group("name")
        if m.group("close"):
            if name not in opened:
                return True  # its opening tag is before the window
            del opened[len(opened) - 1 - opened[::-1].index(name) :]
        else:
            opened.append(name)
    if opened:
        rest = "\n".join(lines[b:])
        return any(re.search(r"\{\{[<%]\s*/\s*" + re.escape(name) + r"\s*[>%]\}\}", rest) for name in opened)
    return False


CODE_TOKENS = frozenset({"fence", "code_block", "html_block"})


def code_lines(part: Sequence[Token], start: int) -> tuple[tuple[int, int], ...]:
    """The line spans of code and raw HTML nested in a block's tokens, from the block's start."""
    return tuple(
        (tok.map[0] - start, tok.map[1] - start)
        for tok in part[1:]
        if tok.type in CODE_TOKENS and tok.map and tok.level > 0
    )


def diff(old: list[Block], new: list[Block], delta: int) -> Patch:
    head = 0
    limit = min(len(old), len(new))
    while head < limit and old[head].html == new[head].html and old[head].start == new[head].start:
        head += 1
    tail = 0
    while (
        tail < limit - head
        and old[-1 - tail].html == new[-1 - tail].html
        and old[-1 - tail].start + delta == new[-1 - tail].start
    ):
        tail += 1
    changed = new[head : len(new) - tail]
    return Patch(head, len(old) - tail - head, [b.html for b in changed], [b.start for b in changed], delta)
