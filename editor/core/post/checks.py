"""Checks that catch what Hugo would fail on, or silently misread, before the author publishes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from editor.core import site
from editor.core.post import Post, PostError, dates, fields
from editor.core.problems import Problem, Severity

_Add = Callable[[str, Severity, str], None]
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
        return [Problem(error.message, Severity.ERROR, path, error.line or 1, error.column or 1)]
    out: list[Problem] = []
    where = post.key_positions()

    def add(key: str, severity: Severity, message: str) -> None:
        line, col = where.get(key, (1, 1))
        out.append(Problem(message, severity, path, line, col))

    for key, value in post.metadata.items():
        low = key.lower()
        if low in fields.DATE_KEYS:
            _check_date(key, value, now, tz, add)
        elif low in fields.TAXONOMY_KEYS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                add(key, Severity.ERROR, f'{key} must be a list of strings, such as ["a", "b"]')
        elif low == "draft":
            _check_draft(key, value, add)
    return out


def _check_date(key: str, value: object, now: dt.datetime, tz: dt.tzinfo, add: _Add) -> None:
    if value == "" or value is None:
        return
    try:
        d = dates.parse(value)
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
