"""A Hugo site: where its root is, its configuration read as Hugo reads it (merged files,
languages, taxonomies, time zone), its pages' URLs and `ref` targets (this module). Beside it: the
listing of its posts (`listing`), Hugo's own commands (`hugo`), images placed into it (`images`)."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import json
import re
import tomllib
import zoneinfo
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from editor.core.keys import value_of
from editor.core.post import Post, PostError, dates
from editor.core.post.formats import CONTENT_SUFFIXES, MARKDOWN_SUFFIXES

__all__ = ["MARKDOWN_SUFFIXES"]  # imported from here by the window and the CLI


CONFIG_NAMES = (
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
)


CONFIG_SUFFIXES = (".toml", ".yaml", ".yml", ".json")


def is_site(folder: Path) -> bool:
    """A Hugo site: a configuration file, or a `config/_default/` folder of them."""
    if any((folder / n).is_file() for n in CONFIG_NAMES):
        return True
    default = folder / "config" / "_default"
    return default.is_dir() and any(f.suffix in CONFIG_SUFFIXES for f in default.iterdir())


def find_root(path: Path) -> Path | None:
    """The nearest folder at or above `path` that is a Hugo site."""
    here = path.resolve()
    for folder in ([here] if here.is_dir() else []) + list(here.parents):
        if is_site(folder):
            return folder
    return None


class ConfigError(ValueError):
    """A configuration file Hugo could not read either; the message names the file."""


def _read_config_file(f: Path) -> dict[str, Any]:
    text = f.read_text(encoding="utf-8")
    try:
        if f.suffix == ".toml":
            data: Any = tomllib.loads(text)
        elif f.suffix == ".json":
            data = json.loads(text)
        else:
            from ruamel.yaml import YAML  # here: a TOML site never loads the YAML library

            data = YAML(typ="safe", pure=True).load(text)
    except Exception as e:  # each parser has its own error types; all mean the same here
        raise ConfigError(f"{f}: {e}") from e
    return data if isinstance(data, dict) else {}


def _merge(into: dict[str, Any], new: dict[str, Any]) -> None:
    """Hugo's merge of configuration: keys compared without case, tables merged deeply,
    the first value found wins (the root file before the config folder)."""
    keys = {k.lower(): k for k in into}
    for key, value in new.items():
        have = keys.get(key.lower())
        if have is None:
            into[key] = value
            keys[key.lower()] = key
        elif isinstance(into[have], dict) and isinstance(value, dict):
            _merge(into[have], value)


def load_config(root: Path) -> dict[str, Any]:
    """The site's configuration: `hugo.*` or `config.*` at the root, merged with the files of
    `config/_default/` (`hugo.toml` or `config.toml` there is the root; `params.toml`,
    `languages.toml`, `menus.en.toml` … go under their key).

    Read once and kept while its files stay the same (their sizes and times): the window, the
    preview, New Post and the checks all ask for it; each caller gets a copy of its own."""
    signature = _config_signature(root)
    cached = _CONFIGS.get(root)
    if cached is None or cached[0] != signature:
        cached = (signature, _read_config(root))
        _CONFIGS[root] = cached
    return copy.deepcopy(cached[1])


_CONFIGS: dict[Path, tuple[tuple[tuple[str, int, int], ...], dict[str, Any]]] = {}


def _config_signature(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, size and modification time of every file the configuration is read from."""
    out = []
    default = root / "config" / "_default"
    candidates = [root / n for n in CONFIG_NAMES]
    with contextlib.suppress(OSError):
        candidates += sorted(default.iterdir()) if default.is_dir() else []
    for f in candidates:
        with contextlib.suppress(OSError):
            st = f.stat()
            out.append((str(f), st.st_size, st.st_mtime_ns))
    return tuple(out)


def _read_config(root: Path) -> dict[str, Any]:
    config: dict[str, Any] = {}
    for name in CONFIG_NAMES:
        if (root / name).is_file():
            config = _read_config_file(root / name)
            break
    default = root / "config" / "_default"
    if default.is_dir():
        files = sorted(f for f in default.iterdir() if f.suffix in CONFIG_SUFFIXES and f.is_file())
        for f in sorted(files, key=lambda f: f.stem not in ("hugo", "config")):
            data = _read_config_file(f)
            stem = f.stem.split(".")
            if stem[0] in ("hugo", "config"):
                _merge(config, data)
            elif len(stem) == 2 and stem[0] in ("menus", "menu", "params"):  # menus.en.toml
                _merge(config, {"languages": {stem[1]: {stem[0]: data}}})
            else:
                _merge(config, {stem[0]: data})
    return config


def time_zone(config: dict[str, Any]) -> dt.tzinfo:
    """The site's `timeZone` (Hugo reads dates without offset in it), UTC by default."""
    name = value_of(config, "timeZone")
    if isinstance(name, str) and name:
        try:
            return zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
    return dt.UTC


def posts_under(paths: Iterable[Path], suffixes: tuple[str, ...] = CONTENT_SUFFIXES) -> Iterator[Path]:
    """The content files (of every format Hugo reads, or only those `suffixes`) named or under
    the folders named; a site root means its content/."""
    for p in paths:
        if p.is_dir():
            if find_root(p) == p.resolve() and (p / "content").is_dir():
                p = p / "content"
            yield from sorted(f for f in p.rglob("*") if f.suffix.lower() in suffixes and f.is_file())
        else:
            yield p


def config_value(config: dict[str, Any], key: str, default: Any = None) -> Any:
    """A configuration key, compared without case as Hugo does."""
    return value_of(config, key, default)


def themes(config: dict[str, Any]) -> list[str]:
    """The themes the configuration names (`theme`, a name or a list)."""
    theme = config_value(config, "theme")
    names = theme if isinstance(theme, list) else [theme] if theme else []
    return [str(n) for n in names if str(n).strip()]


def submodule_paths(root: Path) -> set[str]:
    """The paths of the git submodules `.gitmodules` declares (as written there)."""
    try:
        text = (root / ".gitmodules").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return set()
    return {m.group(1).strip().rstrip("/") for m in re.finditer(r"^\s*path\s*=\s*(.+)$", text, re.M)}


def theme_problem(root: Path, config: dict[str, Any] | None = None) -> str | None:
    """Why the site's theme is not there, in the author's words with the fix, or None: a git
    submodule that was never checked out (its folder missing or empty), or a theme folder
    missing from `themes/`. Hugo itself then fails with "module … not found" (or builds pages
    without layouts)."""
    try:
        config = load_config(root) if config is None else config
    except ConfigError:
        return None
    themes_dir = str(config_value(config, "themesDir") or "themes")
    submodules = submodule_paths(root)
    for name in themes(config):
        folder = root / themes_dir / name
        try:
            present = folder.is_dir() and any(folder.iterdir())
        except OSError:
            present = False
        if present:
            continue
        relative = f"{themes_dir}/{name}".strip("/")
        if relative in submodules:
            return (
                f"the theme `{name}` is a git submodule that is not checked out: run "
                f"`git submodule update --init` in the site folder"
            )
        if "/" not in name:  # a module path (github.com/…) is fetched by Hugo itself
            where = f"{themes_dir}/"
            return f"the theme `{name}` is not in {where}: put it there, or drop `theme` from the config"
    return None


def taxonomies(config: dict[str, Any]) -> list[str]:
    """The front-matter keys of the site's taxonomies: `tags` and `categories` unless the
    configuration names its own (then only those, as in Hugo)."""
    given = config_value(config, "taxonomies")
    if isinstance(given, dict):
        return [str(v) for v in given.values() if v]
    return ["tags", "categories"]


def content_dir(root: Path, config: dict[str, Any]) -> Path:
    return root / str(config_value(config, "contentDir", "content"))


def default_language(config: dict[str, Any]) -> str:
    return str(config_value(config, "defaultContentLanguage", "en")).lower()


def languages(config: dict[str, Any]) -> dict[str, str | None]:
    """The site's language codes, each with its own content folder (None: the site's)."""
    out: dict[str, str | None] = {default_language(config): None}
    langs = config_value(config, "languages", {})
    for lang, settings in langs.items() if isinstance(langs, dict) else []:
        folder = config_value(settings, "contentDir") if isinstance(settings, dict) else None
        out[str(lang).lower()] = str(folder) if folder else None
    return out


def _urlize(part: str) -> str:
    return re.sub(r"\s+", "-", part.strip()).lower()


def page_url(root: Path, config: dict[str, Any], path: Path, meta: dict[str, Any]) -> str:
    """The URL path Hugo gives a content file: its `url`, else the section's permalink pattern,
    else the folders and the slug (or file or bundle name)."""
    url = meta.get("url")
    if isinstance(url, str) and url:
        return url if url.startswith("/") else "/" + url
    lang, base, stem = language_of(root, config, path)
    langs = languages(config)
    in_subdir = bool(config_value(config, "defaultContentLanguageInSubdir", False))
    prefix = f"/{lang}" if len(langs) > 1 and (lang != default_language(config) or in_subdir) else ""
    return prefix + _page_path(config, path.resolve().relative_to(base.resolve()), stem, meta)


def language_of(root: Path, config: dict[str, Any], path: Path) -> tuple[str, Path, str]:
    """(language, its content folder, the file's stem without a `.LANG` suffix) of a content file."""
    langs = languages(config)
    lang, base = default_language(config), content_dir(root, config)
    resolved = path.resolve()
    for code, folder in langs.items():
        if folder and resolved.is_relative_to((root / folder).resolve()):
            lang, base = code, root / folder
            break
    pieces = path.name.split(".")
    if len(pieces) > 2 and pieces[-2].lower() in langs:  # post.fr.md: a translation by name
        return pieces[-2].lower(), base, ".".join(pieces[:-2])
    return lang, base, path.stem


def _filename_slug(config: dict[str, Any], name: str) -> str | None:
    """With `:filename` among the date sources, Hugo takes a `2024-03-01-` prefix off the name
    for the slug."""
    front = config_value(config, "frontmatter", {})
    keys = config_value(front, "date", []) if isinstance(front, dict) else []
    if not isinstance(keys, list) or ":filename" not in [str(k).lower() for k in keys]:
        return None
    m = re.match(r"^\d{4}-\d{2}-\d{2}[-_](.+)$", name)
    return m.group(1) if m else None


def _page_path(config: dict[str, Any], rel: Path, stem: str, meta: dict[str, Any]) -> str:
    parts = list(rel.parts[:-1])
    name = parts.pop() if stem in ("index", "_index") and parts else stem
    section = parts[0] if parts else ""
    slug = str(meta.get("slug") or _filename_slug(config, name) or name)
    pattern = (
        (config_value(config, "permalinks") or {}).get(section) if section and stem != "_index" else None
    )
    if isinstance(pattern, str) and pattern:
        date = None
        for key in ("date", "publishDate"):
            try:
                date = dates.parse(meta[key]).value if meta.get(key) is not None else None
            except ValueError:
                date = None
            if date:
                break
        title = str(meta.get("title") or name)
        values = {
            ":year": f"{date.year:04d}" if date else "",
            ":month": f"{date.month:02d}" if date else "",
            ":day": f"{date.day:02d}" if date else "",
            ":slug": slug,
            ":title": title,
            ":filename": name,
            ":contentbasename": name,
            ":section": section,
            ":sections": "/".join(parts),
        }
        out = re.sub(r":[a-z]+", lambda m: _urlize(values.get(m.group(0), m.group(0))), pattern)
        return out if out.startswith("/") else "/" + out
    if stem == "_index":
        return "/" + "".join(_urlize(p) + "/" for p in rel.parts[:-1])
    return "/" + "".join(_urlize(p) + "/" for p in [*parts, slug])


def find_page(
    root: Path, config: dict[str, Any], target: str, source: Path | None, lang: str = ""
) -> Path | None:
    """The content file a `ref`/`relref` target names: a path from the content folder or from
    the referring page, with or without `.md`, a bundle folder, or a file name found anywhere;
    with `lang`, in that language's content."""
    target = target.split("#", 1)[0].strip()
    # the referring page's language folder first (content/en/ on a multilingual site)
    content = language_of(root, config, source)[1] if source else content_dir(root, config)
    folder = languages(config).get(lang.lower()) if lang else None
    if folder:
        content, source = root / folder, None
    if not target:
        return source
    bases = [content] if target.startswith("/") else ([source.parent] if source else []) + [content]
    rel = target.lstrip("/")
    inside = content.resolve()
    for base in bases:
        for cand in (base / rel, base / (rel + ".md"), base / rel / "index.md", base / rel / "_index.md"):
            # a target outside the content folder ("../../README.md") is no page: not found, as in Hugo
            if cand.is_file() and cand.resolve().is_relative_to(inside):
                return cand
    if "/" not in rel:
        for f in posts_under([content]):
            if f.name == rel or f.stem == rel or (f.stem in ("index", "_index") and f.parent.name == rel):
                return f
    return None


def ref_resolver(root: Path, source: Path | None) -> Callable[[str, bool], str | None]:
    """`ref`/`relref` for the posts of one site: target -> URL (absolute with the site's
    `baseURL` for `ref`), None when no such page exists."""
    config = load_config(root)
    base = str(config_value(config, "baseURL", "/")).rstrip("/")

    def resolve(target: str, relative: bool) -> str | None:
        page = find_page(root, config, target, source)
        if page is None:
            return None
        try:
            meta = Post.load(page).metadata
        except PostError:
            meta = {}
        url = page_url(root, config, page, meta)
        if "#" in target:
            url += "#" + target.split("#", 1)[1]
        return url if relative else base + url

    return resolve
