"""Helpers that say which lines an edit touched."""

from __future__ import annotations

import difflib

from editor.core.post import Post


def hunks(before: str, after: str) -> list[tuple[int, int, int, int]]:
    """(i1, i2, j1, j2) 0-based line ranges of each change between the two texts."""
    a, b = before.splitlines(keepends=True), after.splitlines(keepends=True)
    sm = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    return [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in sm.get_opcodes() if tag != "equal"]


def entry_lines(post: Post, key: str) -> range:
    """0-based file lines of a top-level key's entry: from its line to the next key or delimiter."""
    pos = post.key_positions()
    start = pos[key][0] - 1
    later = sorted(line - 1 for line, _ in pos.values() if line - 1 > start)
    text_lines = post.text.splitlines()
    end_of_front = post.parts.body_line - 1 - (1 if post.parts.closing else 0)
    # a TOML table header also ends the root table
    stop = min([end_of_front, *later])
    for n in range(start + 1, stop):
        if text_lines[n].lstrip().startswith("["):
            stop = n
            break
    return range(start, stop)


def only_lines_of(before: Post, after_text: str, key: str) -> bool:
    """True when every change lies within `key`'s entry lines in `before`."""
    span = entry_lines(before, key)
    changes = hunks(before.text, after_text)
    return len(changes) == 1 and changes[0][0] >= span.start and changes[0][1] <= span.stop
