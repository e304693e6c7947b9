"""Markdown to HTML the way Hugo's Goldmark renders it with Hugo's default settings.

One configured markdown-it-py plus rules ported from Goldmark and Hugo where they differ from
markdown-it's: heading IDs, the typographer, raw HTML omission, footnote markup, task lists,
`<pre tabindex="0">`, code highlighting. `editor.core.rendering.live` renders a body with it, block by block.
"""

from __future__ import annotations

import functools
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
from editor.core.rendering import shortcodes

OMITTED = "<!-- raw HTML omitted -->"


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
        return cls(
            unsafe=bool(renderer.get("unsafe", False)),
            typographer=bool(typo),
            linkify=bool(ext.get("linkify", True)),
            linkify_protocol=str(value_of(ext, "linkifyProtocol", "https")),
            footnote=bool(ext.get("footnote", True)),
            definition_list=bool(ext.get("definitionList", True)),
            table=bool(ext.get("table", True)),
            strikethrough=bool(ext.get("strikethrough", True)),
            task_list=bool(ext.get("taskList", True)),
            auto_heading_id=bool(parser.get("autoHeadingID", True)),
            heading_attributes=bool(attribute.get("title", True)),
            highlight_style=str(hl.get("style", "monokai")),
            code_fences=bool(hl.get("codeFences", True)),
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


def _heading_rules(state: StateCore) -> None:
    cfg: MarkupConfig = state.md.options["hugo"]
    seen: dict[str, int] = state.env.setdefault("heading_ids", {})
    tokens = state.tokens
    for i, tok in enumerate(tokens):
        if tok.type != "heading_open":
            continue
        inline = tokens[i + 1]
        if cfg.heading_attributes and inline.children:
            last = inline.children[-1]
            m = _ATTRS.search(last.content) if last.type == "text" else None
            if m:
                last.content = last.content[: m.start()]
                inline.content = inline.content[: len(inline.content) - len(m.group(0))]
                for a in _ATTR.finditer(m.group(1)):
                    if a.group(1):
                        tok.attrSet("id", a.group(1))
                    elif a.group(2):
                        classes = tok.attrGet("class")
                        tok.attrSet("class", f"{classes} {a.group(2)}" if classes else a.group(2))
                    else:
                        tok.attrSet(a.group(3), a.group(4).strip("\"'"))
        if tok.attrGet("id") is None and cfg.auto_heading_id:
            base = anchor(_plain(inline.children)) or "heading"
            ident, n = base, 0
            while ident in seen:
                n += 1
                ident = f"{base}-{n}"
            tok.attrSet("id", ident)
            tok.meta["hugo_base"] = base
        seen[str(tok.attrGet("id"))] = 1


# ---- typographer (Goldmark's rules, not markdown-it's) ---------------------------------------

_SUBS = {"---": "\u2014", "--": "\u2013", "...": "\u2026", "<<": "\u00ab", ">>": "\u00bb"}


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch).startswith("P") or unicodedata.category(ch).startswith("S")


def _left_flanking(before: str, after: str) -> bool:
    return not after.isspace() and (not _is_punct(after) or before.isspace() or _is_punct(before))


def _right_flanking(before: str, after: str) -> bool:
    return not before.isspace() and (not _is_punct(before) or after.isspace() or _is_punct(after))


def _first_char(tok: Token | None) -> str:
    if tok is None or tok.type in ("softbreak", "hardbreak"):
        return " "
    if tok.type in ("text", "text_special"):
        return tok.content[:1] or " "
    if tok.type == "code_inline":
        return "`"
    if tok.type in ("link_open", "footnote_ref"):
        return "["
    if tok.type == "image":
        return "!"
    if tok.type == "html_inline":
        return "<"
    return tok.markup[:1] or " "


def _typographer(state: StateCore) -> None:
    for block in state.tokens:
        if block.type == "inline" and block.children:
            _smarten_children(block.children)


def _smarten_children(children: list[Token]) -> None:
    counter = {"'": 0, '"': 0}
    before = "\n"
    for k, tok in enumerate(children):
        if tok.type == "image" and tok.children:
            _smarten_children(tok.children)
        if tok.type == "text" and tok.content:
            nxt = children[k + 1] if k + 1 < len(children) else None
            tok.content = _smarten(tok.content, before, counter, _first_char(nxt))
        if tok.type in ("text", "text_special", "code_inline"):
            src = tok.content if tok.type != "code_inline" else "`"
            before = src[-1] if src else before
        elif tok.type in ("softbreak", "hardbreak"):
            before = "\n"
        elif tok.markup:
            before = tok.markup[-1]
        elif tok.type == "link_close" or tok.type == "image":
            before = ")"
        elif tok.type == "html_inline":
            before = ">"


def _smarten(text: str, before: str, counter: dict[str, int], next_char: str = " ") -> str:
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        prev = text[i - 1] if i else before
        if c in "-.<>":
            for pat in ("---", "--", "...", "<<", ">>"):
                if text.startswith(pat, i):
                    out.append(_SUBS[pat])
                    i += len(pat)
                    break
            else:
                out.append(c)
                i += 1
            continue
        if c not in "'\"":
            out.append(c)
            i += 1
            continue
        line = text[i:] + (next_char if i == n - 1 else "")
        after = line[1] if len(line) > 1 else " "
        can_open = _left_flanking(prev, after)
        can_close = _right_flanking(prev, after)
        out.append(_quote(c, line, prev, after, can_open, can_close, counter))
        i += 1
    return "".join(out)


def _sp(ch: str) -> bool:
    return ch.isspace() or _is_punct(ch)


def _quote(
    c: str, line: str, before: str, after: str, can_open: bool, can_close: bool, counter: dict[str, int]
) -> str:
    if not can_open and not can_close:
        return c
    if c == "'":
        if (
            can_open
            and not can_close
            and len(line) > 3
            and line[1].isdigit()
            and line[2].isdigit()
            and line[3] == "s"
            and (len(line) == 4 or _sp(line[4]))
        ):
            return "\u2019"  # '90s
        if len(line) > 1 and (_is_punct(before) or before.isspace()) and line[1] in "tenl":
            return "\u2019"  # 'twas, 'em, 'net
        if len(line) > 1 and (before.isdigit() or before.isalpha()) and line[1].isalpha():
            return "\u2019"  # between two letters: an apostrophe
        if can_open and not can_close:
            left = True
            if len(line) > 1 and line[1] in "smtd" and (len(line) < 3 or _sp(line[2])):
                left = False
            if len(line) > 2 and line[1:3] in ("ve", "ll", "re") and (len(line) < 4 or _sp(line[3])):
                left = False
            if left:
                counter["'"] += 1
                return "\u2018"
            return "\u2019"
        if (len(line) > 1 and line[0].isspace()) or (
            _is_punct(line[0]) and len(line) > 2 and not line[1].isdigit()
        ):
            return "\u2019"  # Smiths', doin'
        if counter["'"] > 0:
            maybe = (
                can_close
                and can_open
                and len(line) > 1
                and _is_punct(line[1])
                and (len(line) == 2 or _sp(line[2]))
            )
            if (can_close and not can_open) or maybe:
                counter["'"] -= 1
                return "\u2019"
        return c
    if can_open and not can_close:
        counter['"'] += 1
        return "\u201c"
    if counter['"'] > 0:
        maybe = (
            can_close
            and can_open
            and len(line) > 1
            and _is_punct(line[1])
            and (len(line) == 2 or _sp(line[2]))
        )
        if (can_close and not can_open) or maybe:
            if len(line) > 1 and line[1] == '"' and before.isdigit():
                return c
            counter['"'] -= 1
            return "\u201d"
    return c


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
        opts = dict(_FENCE_OPT.findall(info[info.find("{") :])) if "{" in info else {}
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
        n = tokens[idx].meta["id"] + 1
        return f'<sup id="fnref:{n}"><a href="#fn:{n}" class="footnote-ref" role="doc-noteref">{n}</a></sup>'

    def footnote_block_open(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        return '<div class="footnotes" role="doc-endnotes">\n<hr>\n<ol>\n'

    def footnote_block_close(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        return "</ol>\n</div>\n"

    def footnote_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return f'<li id="fn:{tokens[idx].meta["id"] + 1}">\n'

    def footnote_close(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return "</li>\n"

    def footnote_anchor(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        n = tokens[idx].meta["id"] + 1
        return f'&#160;<a href="#fnref:{n}" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a>'


# Chroma languages Pygments lacks, with the nearest Pygments lexer
_CHROMA_ONLY = {
    "go-html-template": "html+django",
    "go-text-template": "django",
    "gotmpl": "django",
    "go-template": "django",
}

_FENCE_OPT = re.compile(r"(\w+)\s*=\s*\"?([^\s,\"}]+)\"?")


@functools.lru_cache(maxsize=64)
def _lexer(lang: str) -> Any:
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        return get_lexer_by_name(_CHROMA_ONLY.get(lang.lower(), lang), stripnl=False, ensurenl=False)
    except ClassNotFound:
        return None


@functools.lru_cache(maxsize=8)
def _formatter(style: str) -> Any:
    from pygments.formatters import HtmlFormatter
    from pygments.util import ClassNotFound

    try:
        return HtmlFormatter(noclasses=True, style=style, nowrap=True)
    except ClassNotFound:
        return HtmlFormatter(noclasses=True, style="monokai", nowrap=True)


def highlight(code: str, lang: str, style: str, opts: dict[str, str] | None = None) -> str | None:
    """Pygments in the spirit of Hugo's Chroma: inline styles, `<pre tabindex="0">`, line numbers
    in a table (`{linenos=true}`); None for a language it does not know (Hugo shows plain code)."""
    from pygments import highlight as pyg_highlight

    lexer = _lexer(lang)
    if lexer is None:
        return None
    formatter = _formatter(style)
    body = pyg_highlight(code, lexer, formatter)
    bg = formatter.style.background_color or "#272822"
    fg = "#f8f8f2" if _dark(bg) else "#272822"
    lang_html = escapeHtml(lang)
    pre = f'style="color:{fg};background-color:{bg};-moz-tab-size:4;-o-tab-size:4;tab-size:4;"'
    code_tag = f'<code class="language-{lang_html}" data-lang="{lang_html}">'
    linenos = (opts or {}).get("linenos", "false").lower()
    if linenos in ("true", "table"):
        start = int((opts or {}).get("linenostart", "1") or 1)
        count = code.count("\n") + (0 if code.endswith("\n") else 1)
        numbers = "".join(f"<span>{n}\n</span>" for n in range(start, start + count))
        return (
            f'<div class="highlight"><div {pre}><table style="border-spacing:0;padding:0;'
            f'margin:0;border:0;"><tr><td style="vertical-align:top;padding:0;margin:0;border:0;">'
            f'<pre tabindex="0" {pre}><code>{numbers}</code></pre></td>'
            f'<td style="vertical-align:top;padding:0;margin:0;border:0;;width:100%">'
            f'<pre tabindex="0" {pre}>{code_tag}{body}</code></pre></td></tr></table></div></div>\n'
        )
    return f'<div class="highlight"><pre tabindex="0" {pre}>{code_tag}{body}</code></pre></div>\n'


def _dark(color: str) -> bool:
    c = color.lstrip("#")
    if len(c) == 3:
        c = "".join(ch * 2 for ch in c)
    try:
        r, g, b = (int(c[i : i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return True
    return (r * 299 + g * 587 + b * 114) / 1000 < 128


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
    if cfg.strikethrough:
        md.enable("strikethrough")
        md.add_render_rule("s_open", lambda *a: "<del>")
        md.add_render_rule("s_close", lambda *a: "</del>")
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
    md.core.ruler.push("hugo_headings", _heading_rules)
    if cfg.typographer:
        md.core.ruler.before("text_join", "hugo_typographer", _typographer)
    return md
