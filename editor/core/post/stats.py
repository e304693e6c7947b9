"""What the status bar shows about a body: words, and reading time the way Hugo computes it."""

from __future__ import annotations

import re

from slugify import slugify

_SHORTCODE = re.compile(r"\{\{[<%].*?[>%]\}\}", re.S)
_MARKUP = re.compile(r"[#>*_`~\[\]()|-]+")


def word_count(body: str) -> int:
    """Words of prose: shortcodes and Markdown punctuation are not words."""
    text = _MARKUP.sub(" ", _SHORTCODE.sub(" ", body))
    return len(text.split())


def reading_minutes(words: int) -> int:
    """Hugo's .ReadingTime: (words + 212) / 213, in whole minutes."""
    return (words + 212) // 213


def slug_for(title: str) -> str:
    """A slug as Hugo authors write them: lowercase, words joined by '-', accents folded."""
    return str(slugify(title))
