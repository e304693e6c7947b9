"""Incremental rendering for the live preview.

The body is kept as a list of lines and its HTML as a list of top-level blocks, each with its
source lines. An edit re-parses only a window of blocks around the changed lines, grown until the
new parse meets an old block boundary again (from there on nothing can have changed), and gives a
`Patch`: which blocks to replace and with what. Document-wide state is carried across windows:
reference-link definitions, footnote numbers and the heading IDs already used (a new heading can
change the `-1` suffix of later ones, which are then re-rendered too). An edit that adds or removes
a reference or footnote definition, or pairs shortcodes across the window, renders the whole body
again; the patch is still cut down to the blocks that differ.

The result is always the same HTML as a full render of the current text: tests check that on
random edits of real posts.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape, unescape
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.footnote.index import footnote_tail

from editor.core import site
from editor.core.rendering import shortcodes
from editor.core.rendering.highlight import highlight
from editor.core.rendering.markdown import MarkupConfig, make_markdown

Ids = tuple[tuple[str | None, str], ...]  # per heading: the automatic ID's base (None if custom), the ID

_NOTE_REF = re.compile(r"\[\^[^\]\s]+\]")
_NOTE_DEF = re.compile(r"\s{0,3}(?:>\s*)*\[\^[^\]\s]+\]:")
_SITE_SRC = re.compile(r'(<(?:img|source|video)\b[^>]*?\ssrc=")(/[^/"][^"]*)"')
_SUMMARY = re.compile(r"^[ \t]*<!--more-->[ \t]*$", re.M)


@dataclass
class Block:
    start: int  # first source line (0-based, in the body)
    end: int  # the line after its last
    html: str
    ids: Ids = ()
    notes: tuple[int, ...] = ()  # the footnotes it references, in order
    glued: bool = False  # it begins inside a shortcode that began in the block before


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


@dataclass
class Stats:
    """What the last update cost, in lines and blocks (for benchmarks and tests)."""

    full: bool = True
    lines: int = 0
    blocks: int = 0


class _SeenIds(dict[str, int]):
    """The heading IDs of the blocks before a window, gathered only if a heading asks."""

    def __init__(self, blocks: list[Block], end: int) -> None:
        super().__init__()
        self._blocks, self._end, self._done = blocks, end, False

    def filled(self) -> _SeenIds:
        if not self._done:
            self._done = True
            for blk in self._blocks[: self._end]:
                for _, ident in blk.ids:
                    super().__setitem__(ident, 1)
        return self

    def __contains__(self, key: object) -> bool:
        return super(_SeenIds, self.filled()).__contains__(key)

    def __setitem__(self, key: str, value: int) -> None:
        super(_SeenIds, self.filled()).__setitem__(key, value)


@dataclass
class LiveRender:
    config: MarkupConfig = field(default_factory=MarkupConfig)
    context: shortcodes.Context = field(default_factory=shortcodes.Context)
    md: MarkdownIt | None = None

    def __post_init__(self) -> None:
        self.md = self.md or make_markdown(self.config)
        if "hpe_seed_footnotes" not in self.md.core.ruler.get_all_rules():
            self.md.core.ruler.after("block", "hpe_seed_footnotes", _seed_footnotes)
            if "footnote_tail" in self.md.core.ruler.get_all_rules():
                self.md.core.ruler.at("footnote_tail", _footnote_tail)
            self.md.core.ruler.after("block", "hpe_shortcode_references", _shortcode_references)
        ctx = self.context
        if ctx.highlight is None:
            style = self.config.highlight_style
            ctx.highlight = lambda code, lang, opts: highlight(code, lang, style, opts)
        if ctx.markdown is None:
            ctx.markdown = self._inner_markdown
        self.lines: list[str] = [""]
        self.blocks: list[Block] = []
        self.references: dict[str, Any] = {}
        self.footnotes: dict[str, Any] = {}
        self.note_texts: dict[str, str] = {}  # per footnote label, the source of its text
        self.stats = Stats()

    # ---- the document ------------------------------------------------------------------------

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def html(self) -> str:
        return "".join(b.html for b in self.blocks)

    def reset(self, text: str) -> Patch:
        """Render a whole new body; the patch replaces every block."""
        old = len(self.blocks)
        self.lines = text.split("\n")
        self.blocks = self._full()
        self.stats = Stats(True, len(self.lines), len(self.blocks))
        return Patch(0, old, [b.html for b in self.blocks], [b.start for b in self.blocks])

    def edit(self, first: int, old_end: int, new_lines: Sequence[str]) -> Patch:
        """Lines `first` to `old_end` (exclusive) were replaced by `new_lines`."""
        new_lines = list(new_lines)
        if not new_lines and first == 0 and old_end >= len(self.lines):
            new_lines = [""]  # a body always has a line, if an empty one
        while new_lines and first < old_end and self.lines[first] == new_lines[0]:
            first += 1  # lines said to change that did not (a highlighter repaints whole lines)
            del new_lines[0]
        while new_lines and first < old_end and self.lines[old_end - 1] == new_lines[-1]:
            old_end -= 1
            new_lines.pop()
        if not new_lines and first == old_end:
            return Patch(0, 0, [], [], 0)
        old_lines = self.lines[first:old_end]
        self.lines[first:old_end] = new_lines
        delta = len(new_lines) - (old_end - first)
        if (
            not self.blocks
            or _notes_changed(old_lines, new_lines)
            or self._tags_changed(first, old_lines, new_lines)
        ):
            return self._refresh(delta)
        patch = self._window(first, old_end, delta)
        return patch if patch is not None else self._refresh(delta)

    def rerender(self) -> Patch:
        """Render everything again (the front matter the shortcodes read changed)."""
        return self._refresh(0)

    # ---- rendering ---------------------------------------------------------------------------

    def _inner_markdown(self, text: str) -> str:
        inner = LiveRender(
            self.config,
            shortcodes.Context(self.context.params, self.context.resolve_ref, self.context.highlight),
            self.md,
        )
        inner.reset(text)
        return inner.html

    def _full(self) -> list[Block]:
        env: dict[str, Any] = {}
        blocks = self._render(0, len(self.lines), env, tail=True)
        self.references = env.get("references", {})
        self.footnotes = env.get("footnotes", {})
        self.note_texts = env.get("note_texts", {})
        return blocks

    def _render(self, a: int, b: int, env: dict[str, Any], tail: bool = False) -> list[Block]:
        """Render lines a..b as one Markdown document; its top-level blocks, in body lines."""
        assert self.md is not None
        text = "\n".join(self.lines[a:b])
        if "<!--more-->" in text:
            text = _SUMMARY.sub("", text)  # the summary divider: Hugo shows nothing there
        text, outputs = shortcodes.substitute(text, self.context)
        inside = [line.startswith(shortcodes.MORE) for line in text.split("\n")] if outputs else []
        env["shortcodes"] = outputs
        tokens = self.md.parse(text, env)
        out: list[Block] = []
        i = 0
        n = len(tokens)
        while i < n:
            tok = tokens[i]
            if tok.type == "footnote_block_open":
                if tail:
                    html = self.md.renderer.render(tokens[i:], self.md.options, env)
                    out.append(Block(len(self.lines), len(self.lines), html))
                break
            j = i + 1
            if tok.nesting == 1:
                depth = 1
                while j < n and depth:
                    depth += tokens[j].nesting
                    j += 1
            part = tokens[i:j]
            html = shortcodes.expand(self.md.renderer.render(part, self.md.options, env), outputs)
            if self.context.resolve_src is not None and 'src="/' in html:
                html = _SITE_SRC.sub(self._site_src, html)
            start, end = tok.map if tok.map else (out[-1].end - a if out else 0,) * 2
            glued = bool(inside) and start < len(inside) and inside[start]
            out.append(Block(a + start, a + end, html, _ids(part), _notes(part), glued))
            i = j
        del env["shortcodes"]
        return out

    def _site_src(self, m: re.Match[str]) -> str:
        assert self.context.resolve_src is not None
        url = self.context.resolve_src(unescape(m.group(2)))
        return m.group(1) + (escape(url) if url else m.group(2)) + '"'

    def _tags_changed(self, first: int, old: Sequence[str], new: Sequence[str]) -> bool:
        """Whether an edit added, removed or changed the kind of a shortcode tag (which can pair
        tags far apart differently); a tag may span lines, so a few lines around count too."""
        if not any("{{" in line or "}}" in line for line in (*old, *new)):
            return False
        top = first
        while top > max(0, first - 500) and "{{" not in self.lines[top - 1]:
            top -= 1  # back to the line where a tag around the edit would begin
        end = first + len(new)
        stop = min(len(self.lines), end + 500)
        while end < stop and "}}" not in self.lines[end]:
            end += 1
        above = self.lines[max(0, top - 1) : first]
        below = self.lines[first + len(new) : end + 1]
        return _kinds("\n".join([*above, *old, *below])) != _kinds("\n".join([*above, *new, *below]))

    def _refresh(self, delta: int) -> Patch:
        """Render everything again; patch only the blocks that differ."""
        old = self.blocks
        self.blocks = self._full()
        self.stats = Stats(True, len(self.lines), len(self.blocks))
        return _diff(old, self.blocks, delta)

    def _window(self, first: int, old_end: int, delta: int) -> Patch | None:
        blocks = self.blocks
        last = len(blocks) - (1 if blocks[-1].start == blocks[-1].end else 0)  # not the footnotes
        # start at the last block starting before the line above the edit (a block can end
        # because of the two lines that follow it: a table's header and delimiter rows interrupt
        # a paragraph)
        # and one more: a definition list goes on when a term, a blank line and `: text` follow it
        i0 = bisect_left(blocks, first - 1, 0, last, key=_start) - 2
        while i0 > 0 and blocks[i0].glued:  # never start inside a shortcode
            i0 -= 1
        a = blocks[i0].start if i0 >= 0 else 0
        i0 = max(i0, 0)
        j = bisect_left(blocks, old_end, 0, last, key=_start)  # the first block starting after the edit
        grow = 1
        while True:  # grow the window until the new parse meets an old block boundary
            k_end = min(last, j + grow)
            b = len(self.lines) if k_end == last else blocks[k_end - 1].end + delta
            if _unbalanced(self.lines, a, b):
                return None  # a pair of shortcodes may reach outside the window
            # the reference definitions in the window are read again by its parse
            inside = {k for k, r in self.references.items() if a <= r["map"][0] < b - delta}
            env = self._env(_SeenIds(blocks, i0))
            env["references"] = {k: r for k, r in self.references.items() if k not in inside}
            new = self._render(a, b, env)
            if any(self.note_texts.get(label) != text for label, text in env.get("note_texts", {}).items()):
                return None  # a footnote's text changed: the list at the end changes
            notes = env.get("footnotes", {})
            if notes.get("refs", {}).keys() != self.footnotes.get("refs", {}).keys() or len(
                notes.get("list", {})
            ) != len(self.footnotes.get("list", {})):
                return None  # footnotes came or went: their numbers and the list at the end change
            found = {k: r for k, r in env["references"].items() if k not in self.references or k in inside}
            if any(
                label not in inside and label in self.references for label in _defined_labels(self.lines[a:b])
            ):
                return None  # a definition here may come before another of the same label
            if {k: _ref(r) for k, r in found.items()} != {k: _ref(self.references[k]) for k in inside}:
                return None  # a definition came, went or changed: other blocks may use it
            new_starts = {blk.start: n for n, blk in enumerate(new) if not blk.glued}
            k = next(
                (k for k in range(j, k_end) if blocks[k].start + delta in new_starts and not blocks[k].glued),
                None,
            )
            if k is not None:
                new = new[: new_starts[blocks[k].start + delta]]
                break
            if k_end == last:
                k = last
                break
            grow *= 2
        old = blocks[i0:k]
        if [n for blk in old for n in blk.notes] != [n for blk in new for n in blk.notes]:
            return None  # a footnote reference came or went here: the later ones renumber
        for blk in blocks[k:]:
            blk.start += delta
            blk.end += delta
        for r in self.references.values():
            if r["map"][0] >= b - delta:
                r["map"] = [r["map"][0] + delta, r["map"][1] + delta]
        for key, r in found.items():
            self.references[key] = {**r, "map": [r["map"][0] + a, r["map"][1] + a]}
        old_ids = [x for blk in old for x in blk.ids]
        new_ids = [x for blk in new for x in blk.ids]
        blocks[i0:k] = new
        self.stats = Stats(False, b - a, len(new))
        end = i0 + len(new)
        if old_ids != new_ids:
            rest = blocks[end:]
            before = dict(_SeenIds(blocks, i0).filled())
            changed = self._renumber(end, {**before, **{ident: 1 for _, ident in new_ids}})
            if changed:  # later headings re-rendered in place: the patch reaches them
                old += rest[: changed[-1] + 1 - end]
                new = new + blocks[end : changed[-1] + 1]
        # the window's blocks that came out the same need not go to the page
        patch = _diff(old, new, delta)
        patch.at += i0
        return patch

    def _env(self, seen: dict[str, int]) -> dict[str, Any]:  # seen: mutated by the render
        """A window's environment: the document's references, footnote numbers, heading IDs."""
        env: dict[str, Any] = {"references": self.references, "heading_ids": seen, "window": True}
        if self.footnotes:
            refs = dict(self.footnotes.get("refs", {}))
            # a window adds no note (that would renumber them: it renders everything instead) and
            # the counts it raises are not read, so the notes themselves need no copies
            env["footnotes"] = {"refs": refs, "list": dict(self.footnotes.get("list", {}))}
            env["seed_footnotes"] = refs.copy()
        return env

    def _renumber(self, start: int, seen: dict[str, int]) -> list[int]:
        """Give later headings the IDs the new earlier ones leave them; the blocks re-rendered."""
        changed = []
        for n in range(start, len(self.blocks)):
            blk = self.blocks[n]
            if not blk.ids:
                continue
            before = dict(seen)
            want = []
            for base, ident in blk.ids:
                if base is not None:
                    ident = _dedupe(base, seen)
                want.append(ident)
                seen[ident] = 1
            if want != [ident for _, ident in blk.ids]:
                fresh = self._render(blk.start, blk.end, self._env(before))
                if len(fresh) == 1:
                    self.blocks[n] = fresh[0]
                    changed.append(n)
        return changed


def _seed_footnotes(state: StateCore) -> None:
    """Between block and inline parsing: a window's footnote definitions must not renumber the
    document's footnotes (each definition resets its label)."""
    seed = state.env.get("seed_footnotes")
    if seed:
        state.env["footnotes"]["refs"].update(seed)


def _footnote_tail(state: StateCore) -> None:
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


def _shortcode_references(state: StateCore) -> None:
    """A reference definition outlives its window: a shortcode in it is kept as its source."""
    outputs: list[shortcodes.Output] = state.env.get("shortcodes") or []
    for ref in state.env.get("references", {}).values() if outputs else ():
        for key in ("href", "title"):
            if "ZqHPE" in ref.get(key, ""):
                ref[key] = shortcodes.unmark(ref[key], outputs)


def _notes_changed(old: Sequence[str], new: Sequence[str]) -> bool:
    """Whether an edit touched footnotes: a definition, or which notes are referenced in what
    order (that numbers them)."""
    if not any("[^" in line for line in (*old, *new)):
        return False
    return (
        _defines_notes(old)
        or _defines_notes(new)
        or [_NOTE_REF.findall(line) for line in old] != [_NOTE_REF.findall(line) for line in new]
    )


def _kinds(text: str) -> list[tuple[str, ...]]:
    return [
        (
            m.group("name"),
            m.group("open"),
            str(m.group(0).count("\n")),
            *(k for k in ("close", "self", "esc") if m.group(k)),
        )
        for m in shortcodes.tags(text)
    ]


def _defines_notes(lines: Sequence[str]) -> bool:
    return any("[^" in line and _NOTE_DEF.match(line) for line in lines)


def _notes(tokens: Sequence[Token]) -> tuple[int, ...]:
    out = []
    for t in tokens:
        for child in t.children or () if t.type == "inline" else ():
            if child.type == "footnote_ref":
                out.append(child.meta["id"])
    return tuple(out)


def _start(block: Block) -> int:
    return block.start


_DEF_LINE = re.compile(r"^\s{0,3}(?:(?:[-*+]|\d{1,9}[.)]|>)\s*)*\[((?:[^\]\\]|\\.)+)\]:")


def _defined_labels(lines: Sequence[str]) -> list[str]:
    """The labels of what look like reference definitions (markdown-it's own normalisation)."""
    return [
        normalizeReference(m.group(1)) for line in lines if "]:" in line for m in [_DEF_LINE.match(line)] if m
    ]


def _ref(r: dict[str, Any]) -> tuple[str, str]:
    return r.get("href", ""), r.get("title", "")


def _dedupe(base: str, seen: dict[str, int]) -> str:
    ident, n = base, 0
    while ident in seen:
        n += 1
        ident = f"{base}-{n}"
    return ident


def _ids(tokens: Sequence[Token]) -> Ids:
    return tuple(
        (t.meta.get("hugo_base"), str(t.attrGet("id")))
        for t in tokens
        if t.type == "heading_open" and t.attrGet("id") is not None
    )


def _unbalanced(lines: list[str], a: int, b: int) -> bool:
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


def _diff(old: list[Block], new: list[Block], delta: int) -> Patch:
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


def render(body: str, config: MarkupConfig | None = None, context: shortcodes.Context | None = None) -> str:
    """The HTML Hugo's `.Content` holds for this Markdown body (shortcodes as the preview shows
    them)."""
    live = LiveRender(config or MarkupConfig(), context or shortcodes.Context())
    live.reset(body)
    return live.html


def context_for(path: Path | None, params: dict[str, Any]) -> tuple[MarkupConfig, shortcodes.Context]:
    """The markup settings and shortcode context of a post: its site's, when it is in one."""
    root = site.find_root(path.parent) if path is not None else None
    if root is None:
        return MarkupConfig(), shortcodes.Context(params)
    return (
        MarkupConfig.from_site(site.load_config(root)),
        shortcodes.Context(params, site.ref_resolver(root, path)),
    )
