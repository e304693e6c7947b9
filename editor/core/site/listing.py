"""Every content file of a Hugo site with what a post browser shows, read from the front matter
only: the head of each file, parsed with the fastest reader that gives Hugo's values, cached by
modification time and size (in memory, and on disk between runs).

The lossless model (`editor.core.post`) is for the one post being edited; this is for lists.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import json
import os
import re
import stat
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from editor.core import places
from editor.core.keys import lowered
from editor.core.post import dates, fields, formats
from editor.core.site.heads import parse_front, split_front

HEAD_BYTES = 8192  # most front matter fits; longer ones are read on to their end
MAX_FRONT = 1 << 20
CACHE_VERSION = 7
DEFAULT_DATE_KEYS = ["date", "publishdate", "pubdate", "published", "lastmod", "modified"]
_FILENAME_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[-_](.+))?$")


def cache_folder() -> Path:
    """Where site listings are cached between runs."""
    return places.cache_folder() / "sites"


@dataclass
class PostInfo:
    path: str  # relative to the site root, "/" separated
    title: str = ""
    date: str = ""  # ISO 8601 with offset, "" when the post has none
    draft: bool = False
    section: str = ""
    language: str = ""
    kind: str = "page"  # "page", "bundle" (dir/index.md), "section" (_index.md) or "adapter"
    format: str = formats.MARKDOWN  # the content format Hugo renders it in (formats.of)
    terms: dict[str, list[str]] = field(default_factory=dict)  # taxonomy -> terms
    resources: list[str] = field(default_factory=list)  # a bundle's other files, from its folder
    error: str = ""  # why the front matter could not be read
    warning: str = ""  # what Hugo will not do as the front matter asks (fields.NO_LONGER_READ)
    epoch: float | None = None  # the date as a POSIX timestamp: sorting and comparing are cheap

    @property
    def when(self) -> dt.datetime | None:
        return dt.datetime.fromisoformat(self.date) if self.date else None

    def future(self, now: dt.datetime | None = None) -> bool:
        return self.epoch is not None and self.epoch > (now or dt.datetime.now(dt.UTC)).timestamp()


@dataclass
class Layout:
    """What of the configuration decides how content files are listed."""

    root: Path
    content: dict[str, Path]  # language -> its content folder ("" when the site is not multilingual)
    default_language: str
    taxonomies: list[str]  # the plural keys: tags, categories, series …
    date_keys: list[str]
    tz: dt.tzinfo
    codes: set[str] = field(default_factory=set)  # the site's language codes

    @classmethod
    def of(cls, root: Path, config: dict[str, Any] | None = None) -> Layout:
        from editor.core import site  # here: worker processes import this module, not the site's

        config = site.load_config(root) if config is None else config
        langs = site.languages(config)
        content = {"": site.content_dir(root, config)}
        content |= {lang: root / folder for lang, folder in langs.items() if folder}
        return cls(
            root,
            content,
            site.default_language(config),
            site.taxonomies(config),
            date_keys(config),
            site.time_zone(config),
            set(langs),
        )

    def __post_init__(self) -> None:
        # for string comparisons per file: folder paths with a trailing separator
        self.root_prefix = str(self.root) + os.sep
        self.folders = {lang: str(folder) + os.sep for lang, folder in self.content.items()}
        self.wanted = {
            "title",
            "draft",
            "markup",
            *fields.NO_LONGER_READ,
            *(k for k in self.date_keys if not k.startswith(":")),
            *(t.lower() for t in self.taxonomies),
        }


def date_keys(config: dict[str, Any]) -> list[str]:
    """The front-matter keys Hugo takes a post's date from (`frontmatter.date`), lower case;
    `:default` expands to Hugo's default list, `:filename` takes it from the file's name."""
    from editor.core import site

    front = site.config_value(config, "frontmatter", {})
    keys = site.config_value(front, "date") if isinstance(front, dict) else None
    if not isinstance(keys, list) or not keys:
        return list(DEFAULT_DATE_KEYS)
    out: list[str] = []
    for key in keys:
        out += DEFAULT_DATE_KEYS if str(key).lower() == ":default" else [str(key).lower()]
    return out


def read_info(layout: Layout, path: str) -> PostInfo:
    """What the list shows of one content file (a path as a string: this runs per file)."""
    info = _place(layout, path)
    if info.kind == "adapter":
        info.title = "Content adapter (makes pages from a template)"
        return info
    try:
        # plain system calls: no buffered file object per file; never blocking on a named pipe or a
        # device that took a post's name after the folder was read
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise OSError(errno.EINVAL, "not a regular file")
            head = os.read(fd, HEAD_BYTES)
            found = split_front(head)
            while found is None and len(head) < MAX_FRONT:
                more = os.read(fd, len(head))
                if not more:
                    break
                head += more
                found = split_front(head)
        finally:
            os.close(fd)
    except OSError as e:
        info.error = e.strerror or str(e)
        return info
    if found is None:
        info.error = "the front matter has no closing line"
        return info
    try:
        meta = parse_front(*found, layout.wanted)
    except Exception as e:  # rtoml, libyaml and json each raise their own
        info.error = " ".join(str(e).split())[:200]
        return info
    meta = lowered(meta)  # the value Hugo reads for each key, whatever its spelling
    info.format = formats.of(path, meta)
    stale = [key for key in fields.NO_LONGER_READ if key in meta]
    if stale:
        info.warning = f"{stale[0]}: {fields.NO_LONGER_READ[stale[0]]}"
    title = meta.get("title")
    info.title = str(title) if title is not None else ""
    info.draft = fields.is_draft(meta.get("draft"))
    when = _date(meta, path, layout)
    info.date = when.isoformat() if when else ""
    info.epoch = when.timestamp() if when else None
    for key in layout.taxonomies:
        terms = meta.get(key.lower())
        if isinstance(terms, str):
            terms = [terms]
        if isinstance(terms, list):
            info.terms[key] = [str(t).strip() for t in terms if str(t).strip()]
    return info


def _date(meta: dict[str, Any], name: str, layout: Layout) -> dt.datetime | None:
    for key in layout.date_keys:
        if key == ":filename":
            path = Path(name)
            stem = path.parent.name if path.stem in ("index", "_index") else path.stem
            m = _FILENAME_DATE.match(stem)
            value: Any = m.group(1) if m else None
        elif key == ":filemodtime":
            value = dt.datetime.fromtimestamp(os.stat(name).st_mtime, dt.UTC)
        elif key == ":git":
            value = None  # the Git author date needs the repository: the next key decides
        else:
            value = meta.get(key)
        if value in (None, ""):
            continue
        try:
            parsed = dates.parse(value).value
        except (ValueError, TypeError):
            continue
        if isinstance(parsed, dt.datetime):
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=layout.tz)
        if isinstance(parsed, dt.date):
            return dt.datetime(parsed.year, parsed.month, parsed.day, tzinfo=layout.tz)
    return None


def _place(layout: Layout, full: str) -> PostInfo:
    """Section, language and kind from where the file is."""
    language, base = "", layout.folders[""]
    for lang, folder in layout.folders.items():
        if lang and full.startswith(folder):
            language, base = lang, folder
            break
    rel = full[len(base) :].split(os.sep) if full.startswith(base) else [os.path.basename(full)]
    name = rel[-1]
    parts = name.split(".")
    if not language:
        suffix = parts[-2].lower() if len(parts) > 2 else ""
        language = suffix if suffix in layout.codes else layout.default_language
    kind = "section" if parts[0] == "_index" else "bundle" if parts[0] == "index" else "page"
    if name == formats.ADAPTER:
        kind = "adapter"
    key = (
        full[len(layout.root_prefix) :].replace(os.sep, "/") if full.startswith(layout.root_prefix) else full
    )
    return PostInfo(key, section=rel[0] if len(rel) > 1 else "", language=language, kind=kind)


_LEAF = re.compile(
    r"^index(\.[\w-]+)?(" + "|".join(re.escape(s) for s in formats.CONTENT_SUFFIXES) + ")$", re.IGNORECASE
)


def content_files(
    layout: Layout, folders: list[str] | None = None
) -> Iterator[tuple[str, os.stat_result, list[str]]]:
    """Every content file under the content folders with its stat, in folder order; a leaf
    bundle's `index.md` comes with its resources (every other file in its folder, sub-folders
    included, `.md` files too: Hugo makes no pages of those)."""
    seen: set[str] = set()
    for folder in layout.content.values():
        stack = [str(folder)]
        while stack:
            here = stack.pop()
            if here in seen:
                continue
            seen.add(here)
            if folders is not None:
                folders.append(here)
            try:
                entries = sorted(
                    (e for e in os.scandir(here) if not e.name.startswith(".")), key=lambda e: e.name
                )
            except OSError:
                continue
            leaves = [e for e in entries if _LEAF.match(e.name) and e.is_file()]
            if leaves:
                resources = _resources(here, entries, {e.name for e in leaves})
                for entry in leaves:
                    with contextlib.suppress(OSError):
                        yield entry.path, entry.stat(), resources
                continue
            dirs = []
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    dirs.append(entry.path)
                elif (
                    formats.is_content(entry.name) or entry.name == formats.ADAPTER
                ) and entry.is_file():  # no pipes
                    with contextlib.suppress(OSError):
                        yield entry.path, entry.stat(), []
            stack.extend(reversed(dirs))


def _resources(folder: str, entries: list[os.DirEntry[str]], skip: set[str]) -> list[str]:
    out = []
    for entry in entries:
        if entry.name in skip:
            continue
        if entry.is_dir(follow_symlinks=False):
            for sub, _dirs, files in os.walk(entry.path):
                out += [
                    os.path.relpath(os.path.join(sub, f), folder).replace(os.sep, "/")
                    for f in sorted(files)
                    if not f.startswith(".")
                ]
        else:
            out.append(entry.name)
    return out


class SiteIndex:
    """The listing of one site, kept up to date by `scan()` (only changed files are read)."""

    def __init__(self, root: Path, cache_folder: Path | None = None) -> None:
        self.root = root.resolve()
        self.layout = Layout.of(self.root)
        self.posts: dict[str, PostInfo] = {}
        self.folders: list[str] = []
        self._stats: dict[str, tuple[int, int]] = {}
        self._cache_file = (
            cache_folder / (hashlib.sha1(str(self.root).encode()).hexdigest()[:16] + ".json")
            if cache_folder
            else None
        )
        self._load_cache()

    def scan(self, batch: int = 500) -> Iterator[list[PostInfo]]:
        """Walk the content folders; yield the posts in batches as they are read (unchanged
        files come from the cache first). Afterwards `posts` holds exactly the files on disk.
        (Reading in worker processes was measured: no faster on two cores, so one it is.)"""
        found: dict[str, PostInfo] = {}
        stats: dict[str, tuple[int, int]] = {}
        unread: list[tuple[str, str, list[str]]] = []
        pending: list[PostInfo] = []
        prefix = self.layout.root_prefix
        walked: list[str] = []
        for name, st, resources in content_files(self.layout, walked):
            key = name[len(prefix) :].replace(os.sep, "/") if name.startswith(prefix) else name
            stamp = (st.st_mtime_ns, st.st_size)
            stats[key] = stamp
            info = self.posts.get(key) if self._stats.get(key) == stamp else None
            if info is None:
                unread.append((key, name, resources))
                continue
            info.resources = resources
            found[key] = info
            pending.append(info)
            if len(pending) >= batch:
                yield pending
                pending = []
        if pending:
            yield pending
        for i in range(0, len(unread), batch):
            infos = []
            for key, name, resources in unread[i : i + batch]:
                found[key] = info = read_info(self.layout, name)
                info.resources = resources
                infos.append(info)
            yield infos
        self.posts = {k: found[k] for k in stats}  # in folder order
        self._stats = stats
        self.folders = walked  # what a watcher should watch (a leaf bundle's sub-folders not)

    def refresh(self) -> tuple[set[str], set[str], set[str]]:
        """Scan again: (added, removed, changed) paths."""
        before = dict(self._stats)
        for _ in self.scan():
            pass
        added = set(self._stats) - set(before)
        removed = set(before) - set(self._stats)
        changed = {k for k in set(before) & set(self._stats) if before[k] != self._stats[k]}
        return added, removed, changed

    def terms(self) -> dict[str, list[tuple[str, int]]]:
        """Each taxonomy's terms with the number of posts using them, most used first; terms
        are folded to lower case as Hugo folds them for their pages; the first spelling shows."""
        counts: dict[str, Counter[str]] = {k: Counter() for k in self.layout.taxonomies}
        spelling: dict[str, dict[str, str]] = {k: {} for k in self.layout.taxonomies}
        for info in self.posts.values():
            for key, terms in info.terms.items():
                for term in dict.fromkeys(t.lower() for t in terms):
                    counts[key][term] += 1
                for term in terms:
                    spelling[key].setdefault(term.lower(), term)
        return {
            k: [(spelling[k][t], n) for t, n in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))]
            for k, c in counts.items()
        }

    def save_cache(self) -> None:
        """The list as read, for the next start: a line per post (each written and read in a
        moment: one JSON document of 10,000 posts held the interpreter lock ~0.15 s, and the
        window with it)."""
        if self._cache_file is None:
            return
        # titles, tags and paths of drafts too: readable by their owner only, like the posts' folder
        self._cache_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(self._cache_file.parent, 0o700)
        tmp = self._cache_file.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(json.dumps({"version": CACHE_VERSION, "root": str(self.root)}) + "\n")
            for key, info in self.posts.items():
                fh.write(json.dumps([key, *self._stats[key], vars(info)]) + "\n")
        os.chmod(tmp, 0o600)  # an earlier .tmp may have had other bits
        os.replace(tmp, self._cache_file)

    def _load_cache(self) -> None:
        if self._cache_file is None or not self._cache_file.is_file():
            return
        try:
            with self._cache_file.open(encoding="utf-8") as fh:
                head = json.loads(fh.readline())
                if head.get("version") != CACHE_VERSION or head.get("root") != str(self.root):
                    return
                for line in fh:
                    key, mtime, size, info = json.loads(line)
                    self.posts[key] = PostInfo(**info)
                    self._stats[key] = (mtime, size)
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            self.posts, self._stats = {}, {}  # a damaged cache is only a slower start


@dataclass
class Query:
    """What the post browser (and `list`) shows: a search over title, terms and path, filters
    and an order."""

    search: str = ""
    drafts: bool = True
    future: bool = True
    section: str = ""  # "" for all
    language: str = ""
    sort: str = "date"  # "date" (newest first), "oldest", "title"


def select(posts: list[PostInfo], query: Query, now: dt.datetime | None = None) -> list[PostInfo]:
    now = now or dt.datetime.now(dt.UTC)
    words = query.search.casefold().split()
    out = []
    for info in posts:
        if (info.draft and not query.drafts) or (not query.future and info.future(now)):
            continue
        if query.section and info.section != query.section:
            continue
        if query.language and info.language != query.language:
            continue
        if words:
            hay = " ".join([info.title, info.path, *(t for ts in info.terms.values() for t in ts)]).casefold()
            if not all(w in hay for w in words):
                continue
        out.append(info)
    if query.sort == "title":
        out.sort(key=lambda i: (i.title.casefold() or "\uffff", i.path))
    else:
        # undated posts last either way; ties by path
        out.sort(key=lambda i: i.path)
        newest = query.sort != "oldest"
        dated = sorted((i for i in out if i.epoch is not None), key=lambda i: i.epoch or 0.0, reverse=newest)
        out = dated + [i for i in out if i.epoch is None]
    return out
