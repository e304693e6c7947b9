"""Hugo shortcodes in the preview.

Hugo replaces each shortcode with a placeholder before the Markdown is rendered and puts the
shortcode's output in afterwards; this does the same. Built-ins that need no site render like
Hugo's own templates (`youtube`, `vimeo`, `figure`, `highlight`, `details`, `qr`, `param`,
`comment`); `ref`/`relref` become the target's URL through a resolver the caller gives; every other
shortcode becomes a labelled placeholder box, with the Markdown inside a `{{% … %}}` pair rendered.
Line counts never change, so rendered blocks keep their source lines.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

# `{{< name args >}}`, `{{% /name %}}`, `{{< name args />}}`; `{{</* … */>}}` is an escaped one
TAG = re.compile(
    r"\{\{(?P<open>(?P<lt><)|%)(?P<esc>/\*)?\s*(?P<close>/)?\s*(?P<name>[A-Za-z_][\w./-]*)"
    r"(?P<args>(?:\"(?:\\.|[^\"\\])*\"|`[^`]*`|[^>%\"`])*?)\s*(?P<self>/)?\s*(?(esc)\*/)(?(lt)>|%)\}\}",
    re.S,
)
_ARG = re.compile(r"""([\w-]+)\s*=\s*("(?:\\.|[^"\\])*"|`[^`]*`|\S+)|("(?:\\.|[^"\\])*"|`[^`]*`|\S+)""")

MARK = "ZqHPE{}qZ"  # the placeholder Markdown sees (letters only: no Markdown rule touches it)
MORE = "ZqHPEqZ"  # on each further line a shortcode spans, so line numbers stay put
_MARKED = re.compile(r"ZqHPE(\d+)qZ((?:\s*ZqHPEqZ)*)")
_BLOCK = re.compile(r"<p>\s*((?:ZqHPE\d+qZ(?:\s*ZqHPEqZ)*\s*)+)</p>\n?")
_STRAY = re.compile(r"\n?ZqHPEqZ")
_IN_TAG = re.compile(r"<[^<>]*ZqHPE\d+qZ[^<>]*>")


@dataclass
class Shortcode:
    name: str
    delim: str  # "<" or "%"
    positional: list[str]
    named: dict[str, str]
    tag: str  # the opening tag as written
    inner: str | None = None  # between the tags of a pair

    def arg(self, name: str, pos: int | None = None, default: str = "") -> str:
        if name in self.named:
            return self.named[name]
        if pos is not None and pos < len(self.positional):
            return self.positional[pos]
        return default


@dataclass
class Context:
    """What the shortcodes of one post can see."""

    params: dict[str, Any] = field(default_factory=dict)  # the post's front matter
    resolve_ref: Callable[[str, bool], str | None] | None = None  # (target, relative) -> URL
    highlight: Callable[[str, str, dict[str, str]], str | None] | None = None
    markdown: Callable[[str], str] | None = None  # Markdown -> HTML for inner content
    resolve_src: Callable[[str], str | None] | None = None  # a site path (`/img/x.png`) -> URL
    # the site's own shortcodes, name -> (where it comes from, the parameters its template reads);
    # None outside a site (nothing says which exist)
    site_shortcodes: dict[str, tuple[str, tuple[str, ...]]] | None = None


def _unquote(v: str) -> str:
    if len(v) >= 2 and v[0] == v[-1] == '"':
        return re.sub(r"\\(.)", r"\1", v[1:-1])
    if len(v) >= 2 and v[0] == v[-1] == "`":
        return v[1:-1]
    return v


def parse_args(text: str) -> tuple[list[str], dict[str, str]]:
    positional: list[str] = []
    named: dict[str, str] = {}
    for m in _ARG.finditer(text):
        if m.group(1):
            named[m.group(1)] = _unquote(m.group(2))
        else:
            positional.append(_unquote(m.group(3)))
    return positional, named


def has_shortcodes(text: str) -> bool:
    return "{{<" in text or "{{%" in text


def tags(text: str) -> Iterator[re.Match[str]]:
    return TAG.finditer(text)


Output = tuple[str, str, str]  # a shortcode's HTML alone on its lines, within a line, its source


def substitute(text: str, ctx: Context) -> tuple[str, list[Output]]:
    """The text with each shortcode replaced by a placeholder of the same line count, and the
    HTML each placeholder stands for."""
    # long: one scan over the body with the pairing rules of Hugo's shortcode parser in one place
    if not has_shortcodes(text):
        return text, []
    found = list(TAG.finditer(text))
    # pair each closing tag with the latest open tag of its name
    closer_of: dict[int, int] = {}
    stack: list[int] = []
    for i, m in enumerate(found):
        if m.group("esc") or m.group("self"):
            continue
        if m.group("close"):
            for j in range(len(stack) - 1, -1, -1):
                if found[stack[j]].group("name") == m.group("name"):
                    closer_of[stack[j]] = i
                    del stack[j:]
                    break
        else:
            stack.append(i)
    out: list[str] = []
    outputs: list[Output] = []
    pos = 0
    i = 0
    while i < len(found):
        m = found[i]
        if m.start() < pos:
            i += 1
            continue
        out.append(text[pos : m.start()])
        if m.group("esc"):  # {{</* x */>}} shows as the shortcode itself
            shown = m.group(0)
            shown = shown[:3] + shown[3:].replace("/*", "", 1)
            cut = shown.rfind("*/")
            out.append(shown[:cut] + shown[cut + 2 :])
            pos = m.end()
            i += 1
            continue
        end = m.end()
        inner = None
        if i in closer_of:
            close = found[closer_of[i]]
            inner = text[m.end() : close.start()]
            end = close.end()
        positional, named = parse_args(m.group("args"))
        sc = Shortcode(m.group("name"), m.group("open"), positional, named, m.group(0), inner)
        source = text[m.start() : end]
        if m.group("close"):  # a closing tag without its opening one
            rendered = _placeholder(sc, ctx, stray=True)
        elif sc.name in ("ref", "relref"):
            url = ctx.resolve_ref(sc.arg("path", 0), sc.name == "relref") if ctx.resolve_ref else None
            target = sc.arg("path", 0)
            out.append(url or ("#ref-not-found:" + target.replace(" ", "%20")))
            out.append("\n" * source.count("\n"))
            pos = end
            i += 1
            continue
        else:
            rendered = _render(sc, ctx)
        out.append(MARK.format(len(outputs)) + ("\n" + MORE) * source.count("\n"))
        outputs.append((*rendered, source))
        pos = end
        i += 1
    out.append(text[pos:])
    return "".join(out), outputs


def expand(rendered: str, outputs: list[Output]) -> str:
    """Put each shortcode's HTML where its placeholder ended up."""
    if not outputs:
        return rendered
    out = _BLOCK.sub(
        lambda p: _MARKED.sub(lambda m: outputs[int(m.group(1))][0], p.group(1)).strip() + "\n", rendered
    )
    # within a tag (a link's href, say) a shortcode's output cannot go in: show its source there
    out = _IN_TAG.sub(
        lambda t: _MARKED.sub(lambda m: html.escape(outputs[int(m.group(1))][2]), t.group(0)), out
    )
    out = _MARKED.sub(lambda m: outputs[int(m.group(1))][1], out)
    return _STRAY.sub("", out)


def unmark(text: str, outputs: list[Output]) -> str:
    """The text with each placeholder back to its shortcode's source."""
    return _STRAY.sub("", _MARKED.sub(lambda m: outputs[int(m.group(1))][2], text))


def _render(sc: Shortcode, ctx: Context) -> tuple[str, str]:
    fn = _BUILTINS.get(sc.name) if sc.delim == "<" else None
    if fn is not None:
        try:
            out = fn(sc, ctx)
            return out, out.strip()
        except (ValueError, TypeError, KeyError, StopIteration):
            pass
    return _placeholder(sc, ctx)


def _md(ctx: Context, text: str) -> str:
    return ctx.markdown(text) if ctx.markdown else f"<p>{html.escape(text)}</p>"


def _md_inline(ctx: Context, text: str) -> str:
    out = _md(ctx, text).strip()
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return out


def _placeholder(sc: Shortcode, ctx: Context, stray: bool = False) -> tuple[str, str]:
    """A labelled box standing for a shortcode only the site's theme can render."""
    label = html.escape(sc.tag if len(sc.tag) < 200 else sc.tag[:200] + "…")
    what = "a closing tag without its opening tag" if stray else "rendered by the site's theme"
    known = ctx.site_shortcodes
    missing = not stray and known is not None and sc.name not in known
    if missing:
        what = "no such shortcode in the site, its theme or Hugo: Hugo's build fails on it"
    elif not stray and known is not None:
        source, reads = known[sc.name]
        what = f"{sc.name}, from {source}" + (f"; reads {', '.join(reads)}" if reads else "")
    head = (
        f'class="hpe-shortcode{" hpe-shortcode-missing" if missing else ""}" '
        f'data-shortcode="{html.escape(sc.name)}" '
        f'title="{html.escape(what)}"><code class="hpe-shortcode-tag">{label}</code>'
    )
    if missing:
        head += '<span class="hpe-shortcode-note"> — no such shortcode</span>'
    inner = ""
    if sc.inner is not None and sc.inner.strip():
        inner = (
            f'<div class="hpe-shortcode-inner">{_md(ctx, sc.inner)}</div>'
            if sc.delim == "%"
            else f'<pre class="hpe-shortcode-inner">{html.escape(sc.inner.strip(chr(10)))}</pre>'
        )
    return f"<div {head}{inner}</div>\n", f"<span {head}</span>"


def _youtube(sc: Shortcode, ctx: Context) -> str:
    vid = html.escape(sc.arg("id", 0))
    if not vid:
        raise ValueError("no id")
    title = html.escape(sc.arg("title", None, "YouTube video"))
    return (
        '<div style="position: relative; padding-bottom: 56.25%; height: 0; overflow: hidden;">'
        '<iframe allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; '
        'picture-in-picture; web-share; fullscreen" loading="eager" referrerpolicy='
        f'"strict-origin-when-cross-origin" src="https://www.youtube.com/embed/{vid}?autoplay=0'
        '&amp;controls=1&amp;end=0&amp;loop=0&amp;mute=0&amp;start=0" style="position: absolute; '
        f'top: 0; left: 0; width: 100%; height: 100%; border:0;" title="{title}"></iframe></div>\n'
    )


def _vimeo(sc: Shortcode, ctx: Context) -> str:
    vid = html.escape(sc.arg("id", 0))
    if not vid:
        raise ValueError("no id")
    return (
        '<div style="position: relative; padding-bottom: 56.25%; height: 0; overflow: hidden;">'
        f'<iframe src="https://player.vimeo.com/video/{vid}?dnt=0" style="position: absolute; '
        'top: 0; left: 0; width: 100%; height: 100%; border:0;" allow="fullscreen"></iframe>'
        "</div>\n"
    )


def _figure(sc: Shortcode, ctx: Context) -> str:
    a = {k: html.escape(v) for k, v in sc.named.items()}
    cls = f' class="{a["class"]}"' if "class" in a else ""
    img = f'<img src="{a.get("src", "")}"'
    for key in ("alt", "width", "height", "loading"):
        if key in a:
            img += f' {key}="{a[key]}"'
    if "alt" not in a and "caption" in sc.named:
        img += f' alt="{html.escape(re.sub(r"<[^>]+>", "", _md_inline(ctx, sc.named["caption"])))}"'
    img += ">"
    if "link" in a:
        target = f' target="{a["target"]}"' if "target" in a else ""
        rel = f' rel="{a["rel"]}"' if "rel" in a else ""
        img = f'<a href="{a["link"]}"{target}{rel}>{img}</a>'
    cap = ""
    if any(k in sc.named for k in ("title", "caption", "attr")):
        cap = "<figcaption>"
        if "title" in sc.named:
            cap += f"<h4>{a['title']}</h4>"
        if "caption" in sc.named or "attr" in sc.named:
            cap += "<p>" + (_md_inline(ctx, sc.named["caption"]) if "caption" in sc.named else "")
            if "attr" in sc.named:
                attr = _md_inline(ctx, sc.named["attr"])
                cap += f'<a href="{a["attrlink"]}">{attr}</a>' if "attrlink" in a else attr
            cap += "</p>"
        cap += "</figcaption>"
    return f"<figure{cls}>{img}{cap}</figure>\n"


def _highlight(sc: Shortcode, ctx: Context) -> str:
    code = (sc.inner or "").strip("\n") + "\n"
    lang = sc.arg("lang", 0)
    opts = dict(re.findall(r"(\w+)\s*=\s*([^\s,]+)", sc.arg("options", 1)))
    out = ctx.highlight(code, lang, opts) if ctx.highlight and lang else None
    return out or f'<pre tabindex="0"><code>{html.escape(code)}</code></pre>\n'


def _details(sc: Shortcode, ctx: Context) -> str:
    summary = _md_inline(ctx, sc.arg("summary", None, "Details"))
    attrs = ""
    for key in ("class", "name", "title"):
        if key in sc.named:
            attrs += f' {key}="{html.escape(sc.named[key])}"'
    if sc.arg("open").lower() in ("true", "1", "yes"):
        attrs += " open"
    return f"<details{attrs}>\n<summary>{summary}</summary>\n{_md(ctx, sc.inner or '')}</details>\n"


def _qr(sc: Shortcode, ctx: Context) -> str:
    import segno

    text = sc.arg("text", None, (sc.inner or "").strip())
    if not text:
        raise ValueError("no text")  # Hugo fails the build; the placeholder says what is there
    level = sc.arg("level", None, "medium")[:1].upper()
    scale = int(sc.arg("scale", None, "4") or 4)
    code = segno.make(text, error=level if level in "LMQH" else "M", micro=False)
    alt = html.escape(sc.arg("alt", None, text))
    cls = f' class="{html.escape(sc.named["class"])}"' if "class" in sc.named else ""
    return f'<img src="{code.svg_data_uri(scale=scale)}"{cls} alt="{alt}">\n'


def _param(sc: Shortcode, ctx: Context) -> str:
    value: Any = ctx.params
    for part in sc.arg("name", 0).split("."):
        if not isinstance(value, dict):
            raise KeyError(part)
        value = next(v for k, v in value.items() if str(k).lower() == part.lower())
    return html.escape(str(value).lower() if isinstance(value, bool) else str(value))


def _comment(sc: Shortcode, ctx: Context) -> str:
    return ""


_BUILTINS: dict[str, Callable[[Shortcode, Context], str]] = {
    "youtube": _youtube,
    "vimeo": _vimeo,
    "figure": _figure,
    "highlight": _highlight,
    "details": _details,
    "qr": _qr,
    "param": _param,
    "comment": _comment,
}
