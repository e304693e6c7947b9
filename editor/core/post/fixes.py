"""Fixes a check offers with its problem (`Problem.fix`), applied to the open post's text: each
changes only the lines concerned, and is refused — the post left as it was — unless the post then
reads exactly as intended."""

from __future__ import annotations

import re
from typing import Any

from editor.core.keys import key_of
from editor.core.post import Post, PostError

CASCADE_TARGET = "cascade-target"

# `_target` where it is a key: `_target =`, `_target:`, `"_target":`, `[cascade._target]`, `._target.`
_TARGET_KEY = re.compile(r"""(?<![\w-])(["']?)_target\1(?=\s*[:=]|\s*\]|\.)""")


def apply(post: Post, fix: str) -> None:
    """Apply the fix named `fix`; PostError says why it was not."""
    if fix != CASCADE_TARGET:
        raise PostError(post.path, f"no such fix: {fix}")
    cascade = post.key("cascade")
    if cascade is None:
        raise PostError(post.path, "the post has no cascade")
    want = dict(post.metadata)
    want[cascade] = _renamed(post.metadata[cascade])
    front = post.parts.front
    lines = front.splitlines(keepends=True)
    if not any(_TARGET_KEY.search(line) for line in lines):
        raise PostError(post.path, "no cascade._target to rename")
    before = front
    post.set_front_text("".join(_TARGET_KEY.sub(r"\1target\1", line) for line in lines))
    if post.error is not None or post.metadata != want:
        post.set_front_text(before)
        raise PostError(post.path, "cascade._target could not be renamed on its own lines: edit it as text")


def _renamed(value: Any) -> Any:
    """The cascade with each entry's `_target` named `target` (refused when both are there)."""
    if isinstance(value, list):
        return [_renamed(v) for v in value]
    if not isinstance(value, dict):
        return value
    old = key_of(value, "_target")
    if old is None:
        return value
    if key_of(value, "target") is not None:
        raise PostError(None, "the cascade has both _target and target: keep one")
    return {("target" if k == old else k): v for k, v in value.items()}
