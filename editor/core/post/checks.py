"""Checks that catch what Hugo would fail on, or silently misread, before the author publishes."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path

from editor.core import site
from editor.core.keys import key_of, spellings
from editor.core.post import Post, PostError, dates, fields, fixes, formats, values
from editor.core.problems import Problem, Severity
from editor.core.site import pins, shortcode_defs

_Add = Callable[..., None]  # (key, severity, message, fix="")
__all__ = ["Problem", "Severity", "check_file", "check_post"]


def check_file(path: Path, now: dt.datetime | None = None) -> list[Problem]:
    try:
        post = Post.load(path)
    except PostError as exc:
        return [Problem(exc.message, Severity.ERROR, path, exc.line or 1, exc.column or 1)]
    root = site.find_root(path.parent)
    tz = site.time_zone(site.load_config(root)) if root else dt.UTC
    return check_post(post, path, now or dt.datetime.now(dt.UTC), tz)


def check_post(post: Post, path: Path, now: dt.datetime, tz: dt.tzinfo) -> list[Problem]:
    if post.error:
        error = post.error
        # too long for us is no fault of the post's: Hugo may read it well
        severity = Severity.WARNING if error.ours else Severity.ERROR
        return [Problem(error.message, severity, path, error.line or 1, error.column or 1)]
    out: list[Problem] = []
    where = post.key_positions()

    def add(key: str, severity: Severity, message: str, fix: str = "") -> None:
        line, col = where.get(key, (1, 1))
        out.append(Problem(message, severity, path, line, col, fix))

    _check_case_twins(post.metadata, where, add)
    out += _unknown_shortcodes(post, path)
    out += _images_without_alt(post, path)
    fmt = formats.of(path, post.metadata)
    if fmt != formats.MARKDOWN:
        line, col = where.get(key_of(post.metadata, "markup") or "", (1, 1))
        out += [Problem(m, s, path, line, col) for m, s in format_problems(fmt, path)]
    hidden = invisible(path.name)
    if hidden:
        out.append(
            Problem(f"the file name holds {hidden}: it reads as something else", Severity.WARNING, path, 1, 1)
        )
    whole = post.text
    if "\r" in whole and whole.count("\r") > whole.count("\r\n"):
        out.append(
            Problem(
                "the file has lone carriage returns as line ends (old Mac style): Hugo reads its "
                "lines as one, and finds no front matter; save it with LF line ends",
                Severity.WARNING,
                path,
                1,
                1,
            )
        )
    for key, value in post.metadata.items():
        problem = values.hugo_problem({key: value}, post.format)
        if problem:
            add(key, Severity.ERROR, f"{key}: {problem}")
        if not isinstance(key, str):
            continue
        low = key.lower()
        for text, what in ((key, "key"), (value if isinstance(value, str) else "", "value")):
            hidden = invisible(text)
            if hidden:
                add(key, Severity.WARNING, f"the {what} of {key!r} holds {hidden}: readers see other text")
        if key_of(post.metadata, key) != key:
            continue  # a spelling Hugo ignores: reported as a twin, its value is not read
        if low in fields.DATE_KEYS:
            _check_date(key, value, now, tz, add)
        elif low in fields.TAXONOMY_KEYS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                add(key, Severity.ERROR, f'{key} must be a list of strings, such as ["a", "b"]')
        elif low == "draft":
            _check_draft(key, value, add)
        elif low in fields.NO_LONGER_READ:
            add(key, Severity.ERROR, f"{key}: {fields.NO_LONGER_READ[low]}")
        elif low == "cascade":
            _check_cascade(key, value, add)
        elif low == "params" and isinstance(value, dict):
            for inner in value:
                if str(inner).lower() in fields.PAGE_KEYS:
                    add(
                        key,
                        Severity.WARNING,
                        f"{key}.{inner} is only a custom parameter (.Params.{str(inner).lower()}): "
                        f"Hugo reads the page's {inner} from a top-level {inner}, not from under {key}",
                    )
                    continue
                twin = key_of(post.metadata, str(inner))
                if twin is not None:
                    add(
                        twin,
                        Severity.WARNING,
                        f"{twin} is set both at the top and under {key}: Hugo's .Params.{inner} is the "
                        f"value under {key} ({value[inner]!r}); the top one is not read",
                    )
    return out


_NO_ALT = re.compile(r"!\[\s*\]\(|\{\{[<%]\s*figure\b(?![^}]*\balt\s*=)[^}]*[>%]\}\}")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


def _images_without_alt(post: Post, path: Path) -> list[Problem]:
    """An image with no alt text: readers who cannot see it are told nothing. (One scan of the
    body; lines are looked at only around what it finds: a 1 MB post costs a millisecond.)"""
    body = post.body
    hits = list(_NO_ALT.finditer(body))
    if not hits:
        return []
    code = _code_lines(body.split("\n"))
    out, n, counted = [], 0, 0
    for hit in hits:
        n += body.count("\n", counted, hit.start())  # counted on from the last hit
        counted = hit.start()
        if n in code:
            continue
        column = hit.start() - (body.rfind("\n", 0, hit.start()) + 1)
        out.append(
            Problem(
                "an image without alt text: screen readers say nothing of it (write what it shows)",
                Severity.WARNING,
                path,
                post.body_line + n + 1,
                column + 1,
            )
        )
    return out


def _code_lines(lines: list[str]) -> set[int]:
    """The lines of fenced and indented code blocks (near enough for a warning)."""
    code, fence = set(), ""
    for n, line in enumerate(lines):
        m = _FENCE.match(line)
        if m and (not fence or m.group(1) == fence):
            fence = "" if fence else m.group(1)
            code.add(n)
        elif fence or line.startswith(("    ", "\t")):
            code.add(n)
    return code


def _unknown_shortcodes(post: Post, path: Path) -> list[Problem]:
    """A shortcode that exists nowhere the site can reach: Hugo's build fails on it."""
    if "{{" not in post.body:
        return []
    root = site.find_root(path.parent)
    if root is None:
        return []  # outside a site: nothing says which shortcodes exist
    try:
        known = shortcode_defs.for_site(root, site.load_config(root))
    except site.ConfigError:
        return []
    return [
        Problem(
            f"the shortcode {name!r} exists nowhere: not in layouts/_shortcodes or layouts/shortcodes "
            "of the site or its theme, nor among Hugo's own; Hugo's build fails on it",
            Severity.ERROR,
            path,
            post.body_line + line + 1,
            column + 1,
        )
        for name, line, column in shortcode_defs.unknown(post.body, known)
    ]


def format_problems(fmt: str, path: Path) -> list[tuple[str, Severity]]:
    """What keeps Hugo from rendering a page of another format than Markdown: its security
    policy (HTML since 0.162 and Org in 0.168 are refused unless `security.allowContent` allows
    them), or the outside program it runs (asciidoctor, pandoc, rst2html)."""
    label = formats.LABELS.get(fmt, fmt)
    root = site.find_root(path.parent)
    config = site.load_config(root) if root else {}
    security = site.config_value(config, "security", {})
    out = []
    if not formats.allowed(fmt, security if isinstance(security, dict) else {}):
        since = formats.REFUSED_SINCE[fmt]
        older = [
            p
            for p in (pins.pins(root, config) if root else [])
            if p.kind == "exact" and pins.earlier(p.version, since)
        ]
        fix = (
            "add [security] allowContent = ['.*'] to the site's configuration, or write the page in Markdown"
        )
        if older:  # the site builds with a Hugo that still reads it: a warning for when it moves on
            out.append(
                (
                    f"Hugo {since} and later refuse {label} content unless the site allows it; the site pins "
                    f"{older[0].version} ({older[0].source}), which reads it: {fix} before moving on",
                    Severity.WARNING,
                )
            )
        else:
            out.append(
                (
                    f"Hugo refuses {label} content unless the site allows it: the build fails on this page "
                    f'("{formats.MEDIA_TYPES[fmt]}" is not whitelisted in policy "security.allowContent"); '
                    f"{fix}",
                    Severity.ERROR,
                )
            )
    tools = formats.TOOLS.get(fmt, ())
    if tools and not any(shutil.which(t) for t in tools):
        out.append(
            (
                f"Hugo renders {label} with {' or '.join(tools)}, which is not installed on this "
                "computer: the build fails on this page here (the site's host may have it)",
                Severity.WARNING,
            )
        )
    return out


def _check_cascade(key: str, value: object, add: _Add) -> None:
    entries = value if isinstance(value, list) else [value]
    for entry in entries:
        if isinstance(entry, dict) and key_of(entry, "_target") is not None:
            add(
                key,
                Severity.WARNING,
                f"{key}._target is deprecated since Hugo 0.156 and will be removed: write {key}.target",
                fixes.CASCADE_TARGET,
            )
            return


# joiners belong in emoji sequences and in Persian and Indic words; a soft hyphen is harmless
_JOINERS = frozenset("\u200c\u200d\u00ad")


def invisible(text: str) -> str:
    """The invisible characters in `text` that change how it reads (zero-width characters,
    right-to-left overrides and other format characters), named; "" when there are none."""
    found = dict.fromkeys(c for c in text if unicodedata.category(c) == "Cf" and c not in _JOINERS)
    return ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'FORMAT CHARACTER')}" for c in found)


def _check_case_twins(metadata: dict[str, object], where: dict[str, tuple[int, int]], add: _Add) -> None:
    """Keys that differ only in case are one key to Hugo, which reads one of them and ignores the
    rest: the form, `set` and the reader would disagree about the post."""
    seen: set[str] = set()
    for key in metadata:
        low = key.lower()
        twins = spellings(metadata, key)
        if low in seen or len(twins) < 2:
            continue
        seen.add(low)
        read = key_of(metadata, key)
        listed = " and ".join(f"{k} (line {where.get(k, (0, 0))[0]})" for k in twins)
        capitalised = [k for k in twins if k != k.lower()]
        reads = f"reads {read}"
        if len(capitalised) > 1:  # Go's map order decides
            reads = f"reads one of {', '.join(capitalised)} at random"
        for ignored in (k for k in twins if k != read):
            add(ignored, Severity.ERROR, f"{listed} are one key to Hugo, which {reads}: keep one of them")


def _check_date(key: str, value: object, now: dt.datetime, tz: dt.tzinfo, add: _Add) -> None:
    if value == "" or value is None:
        return
    try:
        d = dates.parse(value)
    except dates.OutOfRange as exc:
        add(
            key,
            Severity.WARNING,
            f"{key}: {exc}; a template that prints it fails; write a date such as 2024-05-01",
        )
        return
    except ValueError as exc:
        add(key, Severity.ERROR, f"{key}: {exc}; Hugo stops the whole build on it")
        return
    if d.named_zone:
        add(
            key,
            Severity.WARNING,
            f"{key}: Hugo reads the zone name {d.named_zone} as offset 0 (UTC); "
            "write a numeric offset such as -05:00",
        )
    if d.year_missing:
        add(key, Severity.WARNING, f"{key}: {value!r} has no date; Hugo dates the post in year 0")
    when = d.aware(tz)
    low = key.lower()
    if low in ("date", "publishdate", "pubdate", "published") and when > now:
        add(key, Severity.WARNING, f"{key} is in the future: Hugo skips the post without --buildFuture")
    if low in ("expirydate", "unpublishdate") and when <= now:
        add(key, Severity.WARNING, f"{key} has passed: Hugo does not publish the post without --buildExpired")


def _check_draft(key: str, value: object, add: _Add) -> None:
    if isinstance(value, bool):
        return
    if isinstance(value, str) and value in ("true", "false"):
        return
    if (isinstance(value, str) and value in fields.PARSEBOOL_TRUE | fields.PARSEBOOL_FALSE) or (
        isinstance(value, int)
    ):
        reads = fields.is_draft(value)
        add(
            key,
            Severity.WARNING,
            f"draft = {value!r} is read by Hugo as {str(reads).lower()}; write true or false",
        )
        return
    add(
        key,
        Severity.ERROR,
        f"draft = {value!r} is not a boolean: Hugo silently reads it as false "
        "and publishes the post; write true or false",
    )
