"""What the status bar shows about a body: words, and reading time the way Hugo computes it."""

from __future__ import annotations

import re

_SHORTCODE = re.compile(r"\{\{[<%].*?[>%]\}\}", re.S)
_MARKUP = re.compile(r"[#>*_`~\[\]()|-]+")


LONGEST_EDITABLE_LINE = 100_000  # characters: a longer line (an inline base64 image) takes Qt
# a third of a second per megabyte to lay out on every change; such a body is shown, not edited


def overlong_line(body: str, limit: int = LONGEST_EDITABLE_LINE) -> tuple[int, int] | None:
    """The first line longer than `limit` characters, as (line number from 1, length); None when
    every line is shorter."""
    if len(body) <= limit:
        return None
    for number, line in enumerate(body.split("\n"), 1):
        if len(line) > limit:
            return number, len(line)
    return None


COUNT_CHUNK = 200_000  # characters: a long body is counted in pieces (see word_count)


def word_count(body: str) -> int:
    """Words of prose: shortcodes and Markdown punctuation are not words.

    A long body is counted in pieces cut at line ends (or, in a line longer than a piece, at a
    space): each regular expression runs in C holding the interpreter's lock, and a single pass
    over megabytes would stop the window's thread for as long."""
    total, at = 0, 0
    while at < len(body):
        end = min(len(body), at + COUNT_CHUNK)
        if end < len(body):
            cut = body.rfind("\n", at, end)
            if cut <= at:
                cut = body.rfind(" ", at, end)
            end = cut + 1 if cut > at else end
        piece = body[at:end]
        total += len(_MARKUP.sub(" ", _SHORTCODE.sub(" ", piece)).split())
        at = end
    return total


def reading_minutes(words: int) -> int:
    """Hugo's .ReadingTime: (words + 212) / 213, in whole minutes."""
    return (words + 212) // 213


def slug_for(title: str) -> str:
    """A slug as Hugo authors write them: lowercase, words joined by '-', accents folded."""
    from slugify import slugify  # ~4 ms to import: not before the window shows

    return str(slugify(title))
