"""Markdown to HTML the way Hugo's Goldmark renders it with Hugo's default settings.

One configured markdown-it-py plus rules ported from Goldmark and Hugo where they differ from
markdown-it's: heading IDs, the typographer, raw HTML omission, footnote markup, task lists,
`<pre tabindex="0">`, code highlighting. `editor.core.rendering.live` renders a body with it, block by block.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from editor.core.keys import value_of
from editor.core.post import formats
from editor.core.rendering import shortcodes
from editor.core.rendering.goldmark_extensions import Delimiters, use_extras, use_passthrough
from editor.core.rendering.highlight import FENCE_OPT, highlight
from editor.core.rendering.typographer import typographer

OMITTED = "<!-- raw HTML omitted -->"
BACKLINK = "&#x21a9;&#xfe0e;"  # Goldmark's footnote back link (`footnote.backlinkHTML`)


@dataclass(frozen=True)
class MarkupConfig:
    """What a site's `markup.goldmark` / `markup.highlight` settings change in the output."""

    unsafe: bool = False
    typographer: bool = True
    linkify: bool = True
    linkify_protocol: str = "https"  # what a `www.` link gets (Hugo's default since 0.112)
    footnote: bool = True
    definition_list: bool = True
    table: bool = True
    strikethrough: bool = True
    task_list: bool = True
    auto_heading_id: bool = True
    heading_attributes: bool = True
    highlight_style: str = "monokai"
    code_fences: bool = True
    extras: frozenset[str] = frozenset()  # Hugo's `extras` turned on: "mark", "superscript", …
    passthrough_block: Delimiters = ()  # (opener, closer) pairs; empty: passthrough off
    passthrough_inline: Delimiters = ()
    footnote_backlink: str = BACKLINK
    footnote_prefix: str = ""  # `enableAutoIDPrefix`: "h" and the post's ID (see live.context_for)
    content: str = formats.MARKDOWN  # the page's own format (post.formats.of): its suffix or `markup`

    @classmethod
    def from_site(cls, config: dict[str, Any]) -> MarkupConfig:
        def sub(d: Any, *keys: str) -> dict[str, Any]:
            for k in keys:
                d = value_of(d if isinstance(d, dict) else {}, k, {})
            return d if isinstance(d, dict) else {}

        gm = sub(config, "markup", "goldmark")
        ext = sub(gm, "extensions")
        renderer = sub(gm, "renderer")
        parser = sub(gm, "parser")
        attribute = sub(parser, "attribute")
        hl = sub(config, "markup", "highlight")
        typo = ext.get("typographer", True)
        if isinstance(typo, dict):
            typo = not typo.get("disable", False)
        footnote = value_of(ext, "footnote", True)  # a bool before Hugo 0.151, a table since
        notes = footnote if isinstance(footnote, dict) else {}
        extras = sub(ext, "extras")
        passthrough = sub(ext, "passthrough")
        delimiters = sub(passthrough, "delimiters") if passthrough.get("enable") else {}
        return cls(
            unsafe=bool(renderer.get("unsafe", False)),
            typographer=bool(typo),
            linkify=bool(ext.get("linkify", True)),
            linkify_protocol=str(value_of(ext, "linkifyProtocol", "https")),
            footnote=bool(notes.get("enable", True)) if notes else bool(footnote),
            footnote_backlink=str(value_of(notes, "backlinkHTML", BACKLINK)),
            footnote_prefix="h" if value_of(notes, "enableAutoIDPrefix", False) else "",
            definition_list=bool(ext.get("definitionList", True)),
            table=bool(ext.get("table", True)),
            strikethrough=bool(ext.get("strikethrough", True)),
            task_list=bool(ext.get("taskList", True)),
            auto_heading_id=bool(parser.get("autoHeadingID", True)),
            heading_attributes=bool(attribute.get("title", True)),
            highlight_style=str(hl.get("style", "monokai")),
            code_fences=bool(hl.get("codeFences", True)),
            extras=frozenset(
                name for name, on in extras.items() if isinstance(on, dict) and on.get("enable")
            ),
            passthrough_block=_pairs(delimiters.get("block")),
            passthrough_inline=_pairs(delimiters.get("inline")),
        )


def _pairs(value: Any) -> Delimiters:
    """`[['\\[', '\\]'], ['$$', '$$']]` as pairs; anything malformed is left out."""
    if not isinstance(value, list):
        return ()
    return tuple(
        (str(p[0]), str(p[1])) for p in value if isinstance(p, list) and len(p) == 2 and p[0] and p[1]
    )


# ---- heading IDs ---------------------------------------------------------------------------


def anchor(text: str) -> str:
    """Hugo's default (`github`) heading ID: lower case letters and digits, spaces to hyphens."""
    out = []
    for ch in text.strip():
        if ch.isspace():
            out.append("-")
        elif ch in "-_" or unicodedata.category(ch)[0] in "LN":
            out.append(ch.lower())
    return "".join(out)


_SHORTCODE_MARK = re.compile(r"ZqHPE\d*qZ")  # editor.core.rendering.shortcodes' placeholders


def _plain(children: Sequence[Token] | None) -> str:
    text = "".join(t.content for t in children or () if t.type in ("text", "code_inline", "text_special"))
    return _SHORTCODE_MARK.sub("", text) if "ZqHPE" in text else text


_ATTRS = re.compile(r"\s*\{((?:\s*(?:#[\w-]+|\.[\w-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+)))+)\s*\}\s*$")
_ATTR = re.compile(r"#([\w-]+)|\.([\w-]+)|([\w-]+)=(\"[^\"]*\"|'[^']*'|[^\s}]+)")


def _heading_attributes(state: StateCore) -> None:
    """`## Title {#id .class key=value}`: Goldmark's heading attributes, read before the
    typographer can curl the quotes of their values; event handlers (on*) are dropped, as Hugo
    drops them."""
    for i, tok in enumerate(state.tokens):
        if tok.type != "heading_open":
            continue
        inline = state.tokens[i + 1]
        if not inline.children:
            continue
        last = inline.children[-1]
        m = _ATTRS.search(last.content) if last.type == "text" else None
        if not m:
            continue
        last.content = last.content[: m.start()]
        inline.content = inline.content[: len(inline.content) - len(m.group(0))]
        for a in _ATTR.finditer(m.group(1)):
            if a.group(1):
                tok.attrSet("id", a.group(1))
            elif a.group(2):
                classes = tok.attrGet("class")
                tok.attrSet("class", f"{classes} {a.group(2)}" if classes else a.group(2))
            elif not a.group(3).lower().startswith("on"):
                tok.attrSet(a.group(3), a.group(4).strip("\"'"))


def _heading_rules(state: StateCore) -> None:
    cfg: MarkupConfig = state.md.options["hugo"]
    seen: dict[str, int] = state.env.setdefault("heading_ids", {})
    tokens = state.tokens
    for i, tok in enumerate(tokens):
        if tok.type != "heading_open":
            continue
        inline = tokens[i + 1]
        if tok.attrGet("id") is None and cfg.auto_heading_id:
            base = anchor(_plain(inline.children)) or "heading"
            ident, n = base, 0
            while ident in seen:
                n += 1
                ident = f"{base}-{n}"
            tok.attrSet("id", ident)
            tok.meta["hugo_base"] = base
        seen[str(tok.attrGet("id"))] = 1


# ---- rendering -----------------------------------------------------------------------------


class HugoRenderer(RendererHTML):
    """Goldmark's markup where it differs from markdown-it's."""

    def html_block(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        content = tokens[idx].content
        if options["hugo"].unsafe:
            return content
        if content.lstrip().startswith("<!--"):
            return ""  # comments vanish
        # Goldmark writes one marker for the block, and one more for a closing line of its own
        lines = content.rstrip("\n").split("\n")
        m = re.match(r"\s*<(pre|script|style|textarea)[\s>]", lines[0], re.I)
        two = len(lines) > 1 and m and f"</{m.group(1).lower()}>" in lines[-1].lower()
        return (OMITTED + "\n") * (2 if two else 1)

    def html_inline(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        content = tokens[idx].content
        if options["hugo"].unsafe:
            return content
        if content.startswith("<!--"):
            return ""
        return OMITTED

    def code_block(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        # an indented block is Goldmark's own (no tabindex); fences go through Hugo's hook
        content = tokens[idx].content
        if "ZqHPE" in content and env.get("shortcodes"):
            content = shortcodes.unmark(content, env["shortcodes"])
        return f"<pre><code>{escapeHtml(content)}</code></pre>\n"

    def fence(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        tok = tokens[idx]
        if "ZqHPE" in tok.content and env.get("shortcodes"):
            tok.content = shortcodes.unmark(tok.content, env["shortcodes"])  # code shows its source
        info = tok.info.strip()
        lang = "" if info.startswith("{") else (info.split()[0] if info else "")
        opts = dict(FENCE_OPT.findall(info[info.find("{") :])) if "{" in info else {}
        cfg: MarkupConfig = options["hugo"]
        if lang and cfg.code_fences:
            highlighted = highlight(tok.content, lang, cfg.highlight_style, opts)
            if highlighted is not None:
                return highlighted
        if not lang:
            return f'<pre tabindex="0"><code>{escapeHtml(tok.content)}</code></pre>\n'
        lang_html = escapeHtml(lang)
        return (
            f'<pre tabindex="0"><code class="language-{lang_html}" data-lang="{lang_html}">'
            f"{escapeHtml(tok.content)}</code></pre>\n"
        )

    def image(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        tok = tokens[idx]
        alt = self.renderInlineAsText(tok.children or [], options, env)
        src = escapeHtml(str(tok.attrGet("src") or ""))
        title = tok.attrGet("title")
        t = f' title="{escapeHtml(str(title))}"' if title else ""
        return f'<img src="{src}" alt="{escapeHtml(alt)}"{t}>'

    def hr(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return "<hr>\n"

    def hardbreak(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return "<br>\n"

    # footnotes, in Goldmark's markup
    def footnote_ref(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        n, p = tokens[idx].meta["id"] + 1, options["hugo"].footnote_prefix
        link = f'<a href="#{p}fn:{n}" class="footnote-ref" role="doc-noteref">{n}</a>'
        return f'<sup id="{p}fnref:{n}">{link}</sup>'

    def footnote_block_open(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        return '<div class="footnotes" role="doc-endnotes">\n<hr>\n<ol>\n'

    def footnote_block_close(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        return "</ol>\n</div>\n"

    def footnote_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return f'<li id="{options["hugo"].footnote_prefix}fn:{tokens[idx].meta["id"] + 1}">\n'

    def footnote_close(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return "</li>\n"

    def footnote_anchor(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        n, cfg = tokens[idx].meta["id"] + 1, options["hugo"]
        return (
            f'&#160;<a href="#{cfg.footnote_prefix}fnref:{n}" class="footnote-backref" role="doc-backlink">'
            f"{cfg.footnote_backlink}</a>"
        )


def _first_footnote_wins(state: StateCore) -> None:
    """Goldmark keeps the first definition of a footnote label; markdown-it the last."""
    seen: set[str] = set()
    out: list[Token] = []
    skipping = False
    for tok in state.tokens:
        if tok.type == "footnote_reference_open":
            label = str(tok.meta.get("label"))
            skipping = label in seen
            seen.add(label)
        if not skipping:
            out.append(tok)
        if tok.type == "footnote_reference_close":
            skipping = False
    state.tokens = out


_MDIT_CHECKBOX = '<input class="task-list-item-checkbox"'


def _tables_and_definitions(state: StateCore) -> None:
    """Hugo's table cells say `text-align: left`; a definition written right under its term
    (no blank line) is tight in Goldmark: its paragraphs lose their `<p>`."""
    lines = state.src.split("\n")
    tokens = state.tokens
    for i, tok in enumerate(tokens):
        style = tok.attrGet("style") if tok.type in ("th_open", "td_open") else None
        if style:
            tok.attrSet("style", str(style).replace("text-align:", "text-align: "))
        # the dd's own map is wrong after the first item (mdit-py-plugins); its content's is right
        first = next((t for t in tokens[i + 1 :] if t.map), None) if tok.type == "dd_open" else None
        if first is not None and first.map and first.map[0] > 0 and lines[first.map[0] - 1].strip():
            depth = 0
            for inner in tokens[i + 1 :]:
                if inner.type == "dd_close" and depth == 0:
                    break
                depth += inner.nesting if inner.type not in ("paragraph_open", "paragraph_close") else 0
                if depth == 0 and inner.type in ("paragraph_open", "paragraph_close"):
                    inner.hidden = True  # only the first paragraph: later ones keep their <p>
                    if inner.type == "paragraph_close":
                        break


def _tasklist_markup(state: StateCore) -> None:
    """Goldmark's task-list checkbox: `<input checked="" disabled="" type="checkbox"> `."""
    for tok in state.tokens:
        if tok.type == "inline" and tok.children:
            for child in tok.children:
                if child.type == "html_inline" and child.content.startswith(_MDIT_CHECKBOX):
                    checked = 'checked="" ' if 'checked="checked"' in child.content else ""
                    child.type = "task_checkbox"
                    child.content = f'<input {checked}disabled="" type="checkbox">'
    for tok in state.tokens:
        if tok.type in ("bullet_list_open", "ordered_list_open", "list_item_open") and tok.attrGet("class"):
            tok.attrs.pop("class", None)


_SCHEME_OR_WWW = re.compile(r"(?i)^(https?://|ftp://|www\.)")


def _goldmark_linkify(state: StateCore) -> None:
    """Goldmark links URLs with a scheme or `www.` only: `crates.io` stays text."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        out: list[Token] = []
        kids = block.children
        i = 0
        while i < len(kids):
            tok = kids[i]
            if tok.type == "link_open" and tok.markup == "linkify" and i + 2 < len(kids):
                text = kids[i + 1].content
                if not _SCHEME_OR_WWW.match(text) and not str(tok.attrGet("href")).startswith("mailto:"):
                    plain = Token("text", "", 0)
                    plain.content = text
                    out.append(plain)
                    i += 3
                    continue
                if text.lower().startswith("www."):
                    tok.attrSet("href", f"{state.md.options['hugo'].linkify_protocol}://{text}")
            out.append(tok)
            i += 1
        block.children = out


def make_markdown(config: MarkupConfig | None = None) -> MarkdownIt:
    cfg = config or MarkupConfig()
    md = MarkdownIt(
        "commonmark", {"html": True, "linkify": cfg.linkify, "typographer": False}, renderer_cls=HugoRenderer
    )
    md.options["hugo"] = cfg
    if cfg.table:
        md.enable("table")
    if cfg.strikethrough:  # Goldmark's: one tilde or two (H~2~O), never three or more
        md.enable("strikethrough")
        md.options["strikethrough_single_tilde"] = True
        md.add_render_rule("s_open", lambda *a: "<del>")
        md.add_render_rule("s_close", lambda *a: "</del>")
    # Goldmark's strikethrough owns `~` when it is on; the extras' subscript only when it is off
    use_extras(md, cfg.extras - {"subscript", "delete"} if cfg.strikethrough else cfg.extras)
    use_passthrough(md, cfg.passthrough_block, cfg.passthrough_inline)
    if cfg.linkify:
        md.enable("linkify")
        md.core.ruler.after("linkify", "hugo_linkify", _goldmark_linkify)
    if cfg.footnote:
        md.use(footnote_plugin)
        for name in (
            "footnote_ref",
            "footnote_block_open",
            "footnote_block_close",
            "footnote_open",
            "footnote_close",
            "footnote_anchor",
        ):
            md.add_render_rule(name, getattr(HugoRenderer, name))
        md.core.ruler.before("footnote_tail", "hugo_first_footnote_wins", _first_footnote_wins)
    if cfg.definition_list:
        md.use(deflist_plugin)
    md.core.ruler.push("hugo_tables_definitions", _tables_and_definitions)
    if cfg.task_list:
        md.use(tasklists_plugin)
        md.core.ruler.push("hugo_tasklist", _tasklist_markup)
        md.add_render_rule("task_checkbox", lambda self, tokens, idx, options, env: tokens[idx].content)
    if cfg.heading_attributes:
        md.core.ruler.before("text_join", "hugo_heading_attributes", _heading_attributes)
    md.core.ruler.push("hugo_headings", _heading_rules)
    if cfg.typographer:
        md.core.ruler.before("text_join", "hugo_typographer", typographer)
    return md
