"""Rename or merge a taxonomy term (a tag, a category) across a site.

`plan` finds the posts that carry the term (the site listing's terms, compared as Hugo compares
them: case and surrounding spaces aside) and gives each post's list before and after; `apply`
writes one post through the lossless model (only the taxonomy's line changes), atomically, and
refuses a post whose file changed since it was planned. Renaming onto a term the post already
has merges the two.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editor.core.keys import key_of
from editor.core.post import Post, PostError
from editor.core.site.listing import SiteIndex


@dataclass(frozen=True)
class Change:
    path: Path
    key: str  # the front-matter key as the post spells it ("tags", "Tags")
    before: Any  # the value as it is (a list, or one string)
    after: Any
    stamp: str  # the file's fingerprint when planned
    old: str
    new: str


def same_term(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def renamed(value: Any, old: str, new: str) -> Any:
    """The taxonomy value with `old` renamed `new` (merged when the value has `new` already)."""
    if isinstance(value, str):
        return new if same_term(value, old) else value
    if not isinstance(value, list):
        return value
    out: list[Any] = []
    for term in value:
        term = new if isinstance(term, str) and same_term(term, old) else term
        if not (isinstance(term, str) and any(isinstance(t, str) and same_term(t, term) for t in out)):
            out.append(term)
    return out


def carrying(index: SiteIndex, taxonomy: str, term: str) -> list[Path]:
    """The files the listing says carry `term` in `taxonomy` (in memory: cheap)."""
    return [
        index.root / rel
        for rel, info in sorted(index.posts.items())
        if any(same_term(t, term) for t in info.terms.get(taxonomy, []))
    ]


def plan(index: SiteIndex, taxonomy: str, old: str, new: str) -> list[Change]:
    """The posts whose `taxonomy` has `old`, each with its value before and after."""
    return plan_for(carrying(index, taxonomy, old), taxonomy, old, new)


def plan_for(paths: list[Path], taxonomy: str, old: str, new: str) -> list[Change]:
    """`plan` for these files (each read: off the GUI thread)."""
    new = new.strip()
    if not new:
        raise ValueError("the new term is empty")
    changes = []
    for path in paths:
        try:
            post = Post.load(path)
        except PostError:
            continue
        key = key_of(post.metadata, taxonomy)
        if post.error is not None or key is None:
            continue
        before = post.metadata[key]
        after = renamed(before, old, new)
        if after != before:
            changes.append(Change(path, key, before, after, post.loaded or "", old, new))
    return changes


def apply(change: Change, post: Post | None = None) -> Post:
    """Write the change to its file (or, given the open `post`, make it there only: the caller
    keeps it as an unsaved edit). PostError when the file changed since it was planned."""
    if post is None:
        post = Post.load(change.path)
        if post.loaded != change.stamp:
            raise PostError(change.path, "the file changed since the rename was planned: not changed")
        post.set(change.key, change.after)
        post.save(expect=change.stamp)
        return post
    key = key_of(post.metadata, change.key) or change.key
    post.set(key, renamed(post.metadata.get(key, change.before), change.old, change.new))
    return post
