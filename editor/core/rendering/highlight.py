"""Code highlighting as Hugo's Chroma does it, with Pygments: the same HTML structure, Chroma's
language names mapped to Pygments lexers, the fence's options (linenos, hl_lines)."""

from __future__ import annotations

import functools
import re
from typing import Any

from markdown_it.common.utils import escapeHtml

# Chroma languages Pygments lacks, with the nearest Pygments lexer
_CHROMA_ONLY = {
    "go-html-template": "html+django",
    "go-text-template": "django",
    "gotmpl": "django",
    "go-template": "django",
}

FENCE_OPT = re.compile(r"(\w+)\s*=\s*\"?([^\s,\"}]+)\"?")


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


@functools.cache
def languages() -> list[str]:
    """The names a fenced code block's language can take (Chroma, Hugo's highlighter, is a port of
    Pygments' lexers and takes the same short names), sorted."""
    from pygments.lexers import get_all_lexers

    return sorted({alias for _name, aliases, _files, _mimes in get_all_lexers() for alias in aliases})
