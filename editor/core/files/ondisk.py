"""Changes to the open post on disk: a fingerprint of what we last read or wrote, and a three-way
merge of the author's edits with the file's new text where they do not overlap."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_fingerprint(path: Path) -> str | None:
    """The file's fingerprint now; None when it is gone or unreadable."""
    try:
        return fingerprint(path.read_bytes())
    except OSError:
        return None


def merge(base: str, mine: str, theirs: str) -> str | None:
    """Both sides' changes since `base`, or None where they touch the same lines."""
    import merge3  # only when a file changed on disk under edits (not at every start)

    m = merge3.Merge3(
        base.splitlines(keepends=True), mine.splitlines(keepends=True), theirs.splitlines(keepends=True)
    )
    if any(region[0] == "conflict" for region in m.merge_regions()):
        return None
    return "".join(m.merge_lines())


_WORDISH = re.compile(r"\w+|\s+|[^\w\s]")


def changed_words(old: str, new: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Within a changed line: the character spans of `old` that went and of `new` that came,
    word by word (a diff view darkens them inside the line's own colour)."""
    import difflib  # here: not needed to start the app

    a, b = _WORDISH.findall(old), _WORDISH.findall(new)
    starts_a = [0]
    for tok in a:
        starts_a.append(starts_a[-1] + len(tok))
    starts_b = [0]
    for tok in b:
        starts_b.append(starts_b[-1] + len(tok))
    gone: list[tuple[int, int]] = []
    came: list[tuple[int, int]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if i2 > i1:
            gone.append((starts_a[i1], starts_a[i2]))
        if j2 > j1:
            came.append((starts_b[j1], starts_b[j2]))
    return gone, came
