"""Hugo's own Goldmark extensions, off by default and turned on in a site's configuration:

- `extras` (`markup.goldmark.extensions.extras`): `==mark==`, `++insert++`, `^superscript^`,
  `~subscript~` and `~~delete~~`;
- `passthrough` (`markup.goldmark.extensions.passthrough`): text between the site's delimiters
  (math, usually) is left exactly as written; a block delimiter splits its paragraph.

Ported from what Hugo 0.168 writes (the tests compare with the real Hugo), not from its code.
"""

from __future__ import annotations

from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.state_inline import Delimiter
from markdown_it.token import Token

# ---- extras ------------------------------------------------------------------------------

# per marker character: (the run lengths that are delimiters, the tag for each length)
_EXTRAS = {
    "mark": ("=", {2: "mark"}),
    "insert": ("+", {2: "ins"}),
    "superscript": ("^", {1: "sup", 2: "sup"}),
    "subscript": ("~", {1: "sub"}),
    "delete": ("~", {2: "del"}),
}


def _markers(enabled: frozenset[str]) -> dict[str, dict[int, str]]:
    out: dict[str, dict[int, str]] = {}
    for name in sorted(enabled):
        char, tags = _EXTRAS[name]
        out.setdefault(char, {}).update(tags)
    return out


def use_extras(md: MarkdownIt, enabled: frozenset[str]) -> None:
    """Turn on the extras named in `enabled` (names as in Hugo's configuration). The caller
    leaves `~` out of `enabled` when Goldmark's strikethrough is on: that one wins then."""
    markers = _markers(enabled)
    if not markers:
        return

    def tokenize(state: StateInline, silent: bool) -> bool:
        char = state.src[state.pos]
        tags = markers.get(char)
        if silent or tags is None:
            return False
        src, start = state.src, state.pos
        end = start
        while end < state.posMax and src[end] == char:
            end += 1
        token = state.push("text", "", 0)
        token.content = src[start:end]
        if end - start in tags:
            # looser than emphasis: a marker opens before any non-space (`2^-18^`), closes after one
            state.delimiters.append(
                Delimiter(
                    marker=ord(char),
                    length=0,  # no "rule of 3"
                    token=len(state.tokens) - 1,
                    end=-1,
                    open=end < state.posMax and not src[end].isspace(),
                    close=start > 0 and not src[start - 1].isspace(),
                )
            )
        state.pos = end
        return True

    def pair(state: StateInline, delimiters: Sequence[Delimiter]) -> None:
        for opener in delimiters:
            tags = markers.get(chr(opener.marker))
            if tags is None or opener.end == -1:
                continue
            closer = delimiters[opener.end]
            start, end = state.tokens[opener.token], state.tokens[closer.token]
            width = min(len(start.content), len(end.content))
            tag = tags.get(width)
            if tag is None:
                continue
            char = start.content[0]
            extra_open, extra_close = len(start.content) - width, len(end.content) - width
            start.type, start.tag, start.nesting, start.markup = f"{tag}_open", tag, 1, char * width
            end.type, end.tag, end.nesting, end.markup = f"{tag}_close", tag, -1, char * width
            start.content = end.content = ""
            # what a longer run has left over stays text: `^^y^` is `^<sup>y</sup>`
            start.meta["before"] = char * extra_open
            end.meta["after"] = char * extra_close

    def post_process(state: StateInline) -> None:
        pair(state, state.delimiters)
        for meta in state.tokens_meta:
            if meta and "delimiters" in meta:
                pair(state, meta["delimiters"])

    for char in markers:
        md.inline.add_terminator_char(char)
    md.inline.ruler.before("emphasis", "hugo_extras", tokenize)
    md.inline.ruler2.before("emphasis", "hugo_extras", post_process)
    for tag in {t for tags in markers.values() for t in tags.values()}:
        md.add_render_rule(
            f"{tag}_open", lambda self, tokens, idx, options, env, t=tag: _open(tokens[idx], t)
        )
        md.add_render_rule(
            f"{tag}_close", lambda self, tokens, idx, options, env, t=tag: _close(tokens[idx], t)
        )


def _open(token: Token, tag: str) -> str:
    return f"{token.meta.get('before', '')}<{tag}>"


def _close(token: Token, tag: str) -> str:
    return f"</{tag}>{token.meta.get('after', '')}"


# ---- passthrough -------------------------------------------------------------------------

Delimiters = tuple[tuple[str, str], ...]


def use_passthrough(md: MarkdownIt, block: Delimiters, inline: Delimiters) -> None:
    """Text between the delimiters is written out as it is (with its delimiters); block
    delimiters come first, and split the paragraph they are in (not a heading's or a tight
    list item's text, which Goldmark does not hold as a paragraph)."""
    pairs = block + inline
    if not pairs:
        return

    def tokenize(state: StateInline, silent: bool) -> bool:
        src, pos = state.src, state.pos
        if src.startswith("\\\\", pos):
            found = next((p for p in pairs if src.startswith(p[0], pos + 2)), None)
            if found is None:
                return False
            if not silent:
                state.push("text", "", 0).content = src[pos : pos + 2 + len(found[0])]
            state.pos += 2 + len(found[0])
            return True
        found = next((p for p in pairs if src.startswith(p[0], pos)), None)
        if found is None:
            return False
        opener, closer = found
        end = src.find(closer, pos + len(opener))
        if end == -1:  # an opener never closed is text, as written
            if not silent:
                state.push("text", "", 0).content = opener
            state.pos += len(opener)
            return True
        if end == pos + len(opener):
            return False  # nothing between: not a passthrough
        if not silent:
            tok = state.push("passthrough", "", 0)
            tok.content = src[pos : end + len(closer)]
            tok.meta["block"] = found in block
        state.pos = end + len(closer)
        return True

    for opener, _ in pairs:
        md.inline.add_terminator_char(opener[0])
    md.inline.add_terminator_char("\\")
    md.inline.ruler.before("escape", "hugo_passthrough", tokenize)
    md.core.ruler.after("inline", "hugo_passthrough_blocks", _split_paragraphs)
    md.add_render_rule("passthrough", _render_passthrough)


def _split_paragraphs(state: StateCore) -> None:
    """Mark where a block passthrough ends and starts a paragraph; a part left empty writes no
    `<p></p>`."""
    tokens = state.tokens
    for i, tok in enumerate(tokens):
        if tok.type != "paragraph_open" or tok.hidden:
            continue
        inline = tokens[i + 1]
        kids = inline.children or []
        cuts = [k for k, child in enumerate(kids) if child.type == "passthrough" and child.meta["block"]]
        if not cuts:
            continue
        bounds = [-1, *cuts, len(kids)]
        filled = [bounds[n + 1] - bounds[n] > 1 for n in range(len(bounds) - 1)]
        for n, k in enumerate(cuts):
            kids[k].meta["split"] = (filled[n], filled[n + 1])
        tok.hidden = not filled[0]
        tokens[i + 2].hidden = not filled[-1]


def _render_passthrough(self: object, tokens: Sequence[Token], idx: int, options: object, env: object) -> str:
    tok = tokens[idx]
    split = tok.meta.get("split")
    if split is None:
        return tok.content
    close_before, open_after = split
    return ("</p>\n" if close_before else "") + tok.content + ("<p>" if open_after else "")
