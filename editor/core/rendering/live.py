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

import hashlib
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from html import escape, unescape
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from editor.core import site
from editor.core.post import formats
from editor.core.rendering import blocks as parts
from editor.core.rendering import shortcodes
from editor.core.rendering.blocks import Block, Patch
from editor.core.rendering.highlight import highlight
from editor.core.rendering.markdown import MarkupConfig, make_markdown
from editor.core.site import shortcode_defs

_PARAM_SHORTCODE = re.compile(r"\{\{[<%]\s*param\b")  # a shortcode that shows front matter


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
    path: Path | None = None  # the post's file: its suffix says its format when `markup` does not

    def __post_init__(self) -> None:
        self.md = self.md or make_markdown(self.config)
        if "hpe_seed_footnotes" not in self.md.core.ruler.get_all_rules():
            self.md.core.ruler.after("block", "hpe_seed_footnotes", parts.seed_footnotes)
            if "footnote_tail" in self.md.core.ruler.get_all_rules():
                self.md.core.ruler.at("footnote_tail", parts.tail_footnotes)
            self.md.core.ruler.after("block", "hpe_shortcode_references", parts.shortcode_references)
        ctx = self.context
        if ctx.highlight is None:
            style = self.config.highlight_style
            ctx.highlight = lambda code, lang, opts: highlight(code, lang, style, opts)
        if ctx.markdown is None:
            ctx.markdown = self._inner_markdown
        self.lines: list[str] = [""]
        self.chars = 0  # the body's length, kept up to date by every edit (cheap to ask)
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
        self.chars = len(text)
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
        self.chars += sum(map(len, new_lines)) - sum(map(len, old_lines)) + len(new_lines) - len(old_lines)
        delta = len(new_lines) - (old_end - first)
        if (
            not self.blocks
            or self.config.content != formats.MARKDOWN
            or parts.notes_changed(old_lines, new_lines)
            or self._tags_changed(first, old_lines, new_lines)
        ):
            return self._refresh(delta)
        patch = self._window(first, old_end, delta)
        return patch if patch is not None else self._refresh(delta)

    def rerender(self) -> Patch:
        """Render everything again (the front matter the shortcodes read changed)."""
        return self._refresh(0)

    def set_params(self, params: dict[str, Any]) -> Patch | None:
        """The post's front matter changed: what `param` shortcodes show is re-rendered (the
        patch; None when no block reads a parameter)."""
        self.context.params = params
        fmt = formats.of(self.path, params)
        if fmt != self.config.content:  # `markup` changed: render as the page now says
            self.config = replace(self.config, content=fmt)
            return self._refresh(0)
        if self.config.content != formats.MARKDOWN:
            return None
        if "param" in self.text and _PARAM_SHORTCODE.search(self.text):
            return self.rerender()
        return None

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
        if self.config.content != formats.MARKDOWN:
            return [Block(0, len(self.lines), not_markdown(self.config.content, self.text))]
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
            text = parts.SUMMARY.sub("", text)  # the summary divider: Hugo shows nothing there
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
                html = parts.SITE_SRC.sub(self._site_src, html)
            start, end = tok.map if tok.map else (out[-1].end - a if out else 0,) * 2
            glued = bool(inside) and start < len(inside) and inside[start]
            code = parts.code_lines(part, start)
            out.append(Block(a + start, a + end, html, parts.ids(part), parts.notes(part), glued, code))
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
        return parts.kinds("\n".join([*above, *old, *below])) != parts.kinds(
            "\n".join([*above, *new, *below])
        )

    def _refresh(self, delta: int) -> Patch:
        """Render everything again; patch only the blocks that differ."""
        old = self.blocks
        self.blocks = self._full()
        self.stats = Stats(True, len(self.lines), len(self.blocks))
        return parts.diff(old, self.blocks, delta)

    def _window(self, first: int, old_end: int, delta: int) -> Patch | None:
        # long: the window's growth and every reason to fall back to a full render are one algorithm;
        # split, its invariants (numbering, references, footnotes) would be harder to follow
        blocks = self.blocks
        last = len(blocks) - (1 if blocks[-1].start == blocks[-1].end else 0)  # not the footnotes
        # start at the last block starting before the line above the edit (a block can end
        # because of the two lines that follow it: a table's header and delimiter rows interrupt
        # a paragraph)
        # and one more: a definition list goes on when a term, a blank line and `: text` follow it
        i0 = bisect_left(blocks, first - 1, 0, last, key=parts.start) - 2
        while i0 > 0 and blocks[i0].glued:  # never start inside a shortcode
            i0 -= 1
        a = blocks[i0].start if i0 >= 0 else 0
        i0 = max(i0, 0)
        j = bisect_left(blocks, old_end, 0, last, key=parts.start)  # the first block starting after the edit
        grow = 1
        while True:  # grow the window until the new parse meets an old block boundary
            k_end = min(last, j + grow)
            b = len(self.lines) if k_end == last else blocks[k_end - 1].end + delta
            if parts.unbalanced(self.lines, a, b):
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
                label not in inside and label in self.references
                for label in parts.defined_labels(self.lines[a:b])
            ):
                return None  # a definition here may come before another of the same label
            if {k: parts.ref(r) for k, r in found.items()} != {
                k: parts.ref(self.references[k]) for k in inside
            }:
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
        stop = blocks[k].start + delta if k < last else b  # where the new parse met the old one
        if parts.swallowed_notes(self.lines, a, stop, old, new, first, old_end + delta, delta):
            return None  # a footnote definition went into a code block, or came out of one
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
        patch = parts.diff(old, new, delta)
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
                    ident = parts.dedupe(base, seen)
                want.append(ident)
                seen[ident] = 1
            if want != [ident for _, ident in blk.ids]:
                fresh = self._render(blk.start, blk.end, self._env(before))
                if len(fresh) == 1:
                    self.blocks[n] = fresh[0]
                    changed.append(n)
        return changed


def not_markdown(fmt: str, text: str) -> str:
    """What the preview shows of a page in another format: HTML as Hugo writes it (as it is), any
    other as its text under a note (Hugo runs an outside program for those)."""
    if fmt == formats.HTML:
        return text
    label = formats.LABELS.get(fmt, fmt)
    tools = " or ".join(formats.TOOLS.get(fmt, ()))
    how = f"Hugo renders it with {tools}" if tools else "Hugo renders it with its own reader"
    return (
        f'<div class="hpe-format-note">This page is written in {label}. {how}; this preview renders '
        f'Markdown only, so here is its text.</div>\n<pre class="hpe-source">{escape(text)}</pre>\n'
    )


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
        return MarkupConfig(content=formats.of(path, params)), shortcodes.Context(params)
    site_config = site.load_config(root)
    config = replace(MarkupConfig.from_site(site_config), content=formats.of(path, params))
    if config.footnote_prefix:  # unique per post, as Hugo's (its own hash is not ours to copy)
        relative = path.relative_to(root).as_posix() if path is not None else ""
        config = replace(config, footnote_prefix="h" + hashlib.sha1(relative.encode()).hexdigest()[:16])
    context = shortcodes.Context(params, site.ref_resolver(root, path))
    context.site_shortcodes = {
        name: (
            d.source if d.path is None else f"{d.source}: {d.path.relative_to(root).as_posix()}",
            _reads(d),
        )
        for name, d in shortcode_defs.for_site(root, site_config).items()
    }
    return config, context


def _reads(d: shortcode_defs.ShortcodeDef) -> tuple[str, ...]:
    """What a shortcode's template reads, as a reader of the preview's box would list it."""
    return (*d.named, *(f"value {n + 1}" for n in range(d.positional)), *(["its content"] if d.inner else []))
