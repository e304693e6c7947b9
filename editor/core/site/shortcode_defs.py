"""The shortcodes a site can use: Hugo's built-ins and the site's own, found where Hugo looks for
them — `layouts/_shortcodes/` (Hugo ≥ 0.146) and `layouts/shortcodes/`, in the site, then in its
themes and in modules present on disk (`themes/`, `_vendor/`), the site's overriding a theme's —
each with the parameters its template reads (`.Get "name"`, `.Get 0`, `.Params`, `.Inner`).

`insertion` writes the shortcode the way an author types it; `unknown` names the shortcodes of a
text that exist nowhere (Hugo fails the build on them).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from editor.core import site
from editor.core.keys import value_of


@dataclass(frozen=True)
class ShortcodeDef:
    name: str
    source: str  # "built-in", "site", "theme ananke", "module github.com/x/y"
    path: Path | None = None
    named: tuple[str, ...] = ()  # named parameters the template reads, in order of first use
    positional: int = 0  # positional parameters read (.Get 0 … .Get n-1)
    inner: bool = False  # reads .Inner: written as a pair around content
    any_params: bool = False  # reads .Params as a whole
    help: str = ""
    overrides: tuple[str, ...] = field(default=(), compare=False)  # the sources it hides

    @property
    def label(self) -> str:
        return f"{self.name}  ({self.source})"


def _builtin(
    name: str, named: tuple[str, ...] = (), positional: int = 0, inner: bool = False, help: str = ""
) -> ShortcodeDef:
    return ShortcodeDef(name, "built-in", None, named, positional, inner, False, help)


# Hugo 0.168's embedded shortcodes and what their templates read
BUILTINS = {
    sc.name: sc
    for sc in (
        _builtin("comment", inner=True, help="Text Hugo leaves out of the page"),
        _builtin(
            "details", ("summary", "open", "class", "name", "title"), inner=True, help="A collapsible section"
        ),
        _builtin(
            "figure",
            (
                "src",
                "alt",
                "caption",
                "title",
                "link",
                "target",
                "rel",
                "class",
                "width",
                "height",
                "loading",
            ),
            help="An image with a caption",
        ),
        _builtin("gist", ("user", "id", "file"), 3, help="A GitHub gist"),
        _builtin("highlight", (), 2, inner=True, help="Highlighted code: language, options"),
        _builtin("instagram", ("id",), 1, help="An Instagram post"),
        _builtin("param", (), 1, help="A front-matter parameter of the page"),
        _builtin("qr", ("text", "level", "scale", "targetDir", "alt", "class", "title"), help="A QR code"),
        _builtin("ref", ("path", "lang", "outputFormat"), 1, help="The absolute URL of another page"),
        _builtin("relref", ("path", "lang", "outputFormat"), 1, help="The relative URL of another page"),
        _builtin("vimeo", ("id", "class", "title", "loading", "allowFullScreen"), 1, help="A Vimeo video"),
        _builtin("x", ("user", "id"), help="A post on X"),
        _builtin(
            "youtube",
            ("id", "autoplay", "class", "controls", "end", "loading", "mute", "start", "title"),
            1,
            help="A YouTube video",
        ),
    )
}

_COMMENT = re.compile(r"\{\{-?\s*/\*.*?\*/\s*-?\}\}", re.S)
_GET_NAMED = re.compile(r"""\.Get\s+(?:"([^"]+)"|'([^']+)'|`([^`]+)`)""")
_GET_POS = re.compile(r"\.Get\s+(\d+)")
_PARAMS_KEY = re.compile(r"""(?:index|isset)\s+\.Params\s+(?:"([^"]+)"|'([^']+)'|`([^`]+)`)""")
_PARAMS_FIELD = re.compile(r"\.Params\.(\w+)")
_PARAMS = re.compile(r"\.Params\b(?!\.)")
_INNER = re.compile(r"\.Inner(?:Deindent)?\b")


def read_template(text: str) -> tuple[tuple[str, ...], int, bool, bool]:
    """(named parameters, positional count, reads .Inner, reads .Params whole) of a template."""
    text = _COMMENT.sub("", text)
    named: dict[str, None] = {}
    for m in _GET_NAMED.finditer(text):
        named[next(g for g in m.groups() if g)] = None
    for m in _PARAMS_KEY.finditer(text):
        named[next(g for g in m.groups() if g)] = None
    for m in _PARAMS_FIELD.finditer(text):
        named[m.group(1)] = None
    positions = [int(m.group(1)) for m in _GET_POS.finditer(text)]
    whole = any(not _preceded_by_lookup(text, m.start()) for m in _PARAMS.finditer(text))
    return tuple(named), (max(positions) + 1 if positions else 0), bool(_INNER.search(text)), whole


def _preceded_by_lookup(text: str, at: int) -> bool:
    before = text[max(0, at - 8) : at]
    return bool(re.search(r"(?:index|isset)\s+$", before))


_FOLDERS = ("layouts/_shortcodes", "layouts/shortcodes")


def _templates(base: Path) -> Iterable[tuple[str, Path]]:
    """(name, file) of each shortcode template under a component's root, `_shortcodes` first;
    `name.en.html`, `name.amp.html` and `name.html.html` variants count as `name`."""
    for sub in _FOLDERS:
        folder = base / sub
        if not folder.is_dir():
            continue
        for dirpath, _dirs, files in os.walk(folder):
            for f in sorted(files):
                if f.startswith(".") or not f.endswith((".html", ".htm", ".xml", ".txt", ".json")):
                    continue
                rel = Path(dirpath, f).relative_to(folder).as_posix()
                name = rel.split(".", 1)[0]
                yield name, Path(dirpath, f)


def components(root: Path, config: dict[str, Any]) -> list[tuple[str, Path]]:
    """The site, then its themes and modules present on disk, in the order Hugo lets them
    override one another (earlier wins): (source label, folder)."""
    out: list[tuple[str, Path]] = [("site", root)]
    themes_dir = root / str(value_of(config, "themesDir") or "themes")
    for theme in site.themes(config):
        folder = themes_dir / theme
        if folder.is_dir():
            out.append((f"theme {theme}", folder))
        elif (root / "_vendor" / theme).is_dir():
            out.append((f"module {theme}", root / "_vendor" / theme))
    module = value_of(config, "module", {})
    imports = value_of(module, "imports", []) if isinstance(module, dict) else []
    for imp in imports if isinstance(imports, list) else []:
        path = str(value_of(imp, "path", "")) if isinstance(imp, dict) else ""
        for folder in (themes_dir / path, root / "_vendor" / path):
            if path and folder.is_dir() and all(f != folder for _, f in out):
                out.append((f"module {path}", folder))
                break
    return out


def find(root: Path, config: dict[str, Any]) -> dict[str, ShortcodeDef]:
    """Every shortcode the site can use, by name: its own and its components' over Hugo's."""
    found: dict[str, ShortcodeDef] = {}
    for source, folder in components(root, config):
        for name, path in _templates(folder):
            if name in found:
                if found[name].source != source:
                    found[name] = replace(found[name], overrides=(*found[name].overrides, source))
                continue
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            named, positional, inner, whole = read_template(text)
            found[name] = ShortcodeDef(name, source, path, named, positional, inner, whole)
    for name, sc in BUILTINS.items():
        if name in found:
            found[name] = replace(found[name], overrides=(*found[name].overrides, "built-in"))
        else:
            found[name] = sc
    return dict(sorted(found.items()))


def _quoted(value: str) -> str:
    if "`" not in value and ('"' in value or "\\" in value):
        return f"`{value}`"
    return '"' + value.replace('"', '\\"') + '"'


def insertion(
    sc: ShortcodeDef,
    named: dict[str, str] | None = None,
    positional: list[str] | None = None,
    inner: str = "",
    markdown: bool = False,
) -> str:
    """`{{< name key="value" >}}` (`{{% … %}}` with `markdown`), or the pair around `inner`; empty
    values are left out."""
    left, right = ("{{%", "%}}") if markdown else ("{{<", ">}}")
    args = [_quoted(v) for v in (positional or []) if v != ""]
    if not args:
        args = [f"{k}={_quoted(v)}" for k, v in (named or {}).items() if v != ""]
    tag = f"{left} {' '.join([sc.name, *args])} {right}"
    if sc.inner:
        return f"{tag}{inner}{left} /{sc.name} {right}"
    return tag


_TAG = re.compile(r"\{\{[<%]\s*(/\*)?\s*(/)?\s*([A-Za-z_][\w./-]*)")


def used(text: str) -> list[tuple[str, int, int]]:
    """(name, line, column of the name) of each shortcode opened in `text`, 0-based."""
    out, line, counted = [], 0, 0
    for m in _TAG.finditer(text):
        if m.group(1) or m.group(2):
            continue  # an escaped `{{</* x */>}}`, or a closing tag
        at = m.start(3)
        line += text.count("\n", counted, at)  # counted on from the last one: a long post stays fast
        counted = at
        out.append((m.group(3), line, at - (text.rfind("\n", 0, at) + 1)))
    return out


_CACHE: dict[Path, tuple[tuple[tuple[str, int], ...], dict[str, ShortcodeDef]]] = {}


def for_site(root: Path, config: dict[str, Any]) -> dict[str, ShortcodeDef]:
    """`find`, again only when a template or a shortcodes folder changed (checks run per post)."""
    stamp = []
    for _source, folder in components(root, config):
        for sub in _FOLDERS:
            for dirpath, _dirs, files in os.walk(folder / sub):
                stamp += [(os.path.join(dirpath, f), _mtime(os.path.join(dirpath, f))) for f in files]
    key = tuple(sorted(stamp))
    cached = _CACHE.get(root)
    if cached is None or cached[0] != key:
        cached = _CACHE[root] = (key, find(root, config))
    return cached[1]


def _mtime(path: str) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return 0


def unknown(text: str, known: dict[str, ShortcodeDef]) -> list[tuple[str, int, int]]:
    """The shortcodes of `text` that exist nowhere the site can reach."""
    return [u for u in used(text) if u[0] not in known]
