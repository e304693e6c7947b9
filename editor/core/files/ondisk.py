"""Changes to the open post on disk: a fingerprint of what we last read or wrote, and a three-way
merge of the author's edits with the file's new text where they do not overlap."""

from __future__ import annotations

import hashlib
from pathlib import Path

import merge3


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
    m = merge3.Merge3(
        base.splitlines(keepends=True), mine.splitlines(keepends=True), theirs.splitlines(keepends=True)
    )
    if any(region[0] == "conflict" for region in m.merge_regions()):
        return None
    return "".join(m.merge_lines())
