"""Find in Site: every content file's text (front matter and body) searched as the author types.

`SiteText` keeps the text of every content file of a site in memory, read again only for files
whose size or modification time changed (a first read of 10,000 posts is a fraction of a second;
each later search stats the files in the listing's walk). `search` gives the matching lines
grouped by file, in the listing's order, stopping after `limit` lines.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from editor.core.site.listing import Layout, content_files


@dataclass(frozen=True)
class Hit:
    line: int  # 1-based, in the file
    column: int  # 1-based
    length: int
    text: str  # the line (long lines cut around the match)
    shown_at: int = 0  # where the match starts in `text`


@dataclass
class FileHits:
    path: Path
    hits: list[Hit] = field(default_factory=list)


class SearchError(ValueError):
    """The pattern is not a regular expression; the message says where."""


def pattern(needle: str, regex: bool = False, case: bool = False, words: bool = False) -> re.Pattern[str]:
    """The compiled search; SearchError for a regular expression that does not compile."""
    flags = re.MULTILINE | (0 if case else re.IGNORECASE)
    text = needle if regex else re.escape(needle)
    if words:
        text = rf"\b(?:{text})\b"
    try:
        return re.compile(text, flags)
    except re.error as e:
        raise SearchError(f"not a regular expression: {e.msg} at {e.pos}") from None


_LINE_CUT = 200  # characters of a long line shown around its match


def _shown(line: str, start: int, end: int) -> tuple[str, int]:
    """The line as the results show it, and where the match starts in that text."""
    if len(line) <= _LINE_CUT:
        return line, start
    a = max(0, start - 60)
    b = min(len(line), max(end, a + _LINE_CUT))
    lead = "…" if a else ""
    return lead + line[a:b] + ("…" if b < len(line) else ""), start - a + len(lead)


class SiteText:
    """The text of every content file of one site, kept fresh by size and modification time."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.layout = Layout.of(self.root)
        self._texts: dict[str, tuple[tuple[int, int], str]] = {}

    def refresh(self) -> list[str]:
        """Read what changed; the content files, in the listing's order."""
        order: list[str] = []
        fresh: dict[str, tuple[tuple[int, int], str]] = {}
        for name, st, _resources in content_files(self.layout):
            stamp = (st.st_mtime_ns, st.st_size)
            old = self._texts.get(name)
            if old is not None and old[0] == stamp:
                fresh[name] = old
            else:
                try:
                    with open(name, "rb") as f:
                        data = f.read()
                except OSError:
                    continue
                fresh[name] = (stamp, data.decode("utf-8", errors="replace"))
            order.append(name)
        self._texts = fresh
        return order

    def search(
        self,
        needle: re.Pattern[str],
        limit: int = 5000,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> list[FileHits]:
        """Matching lines grouped by file; at most `limit` lines in all."""
        out: list[FileHits] = []
        total = 0
        for name in self.refresh():
            if cancelled():
                break
            text = self._texts[name][1]
            first = needle.search(text)
            if first is None:
                continue
            found = FileHits(Path(name))
            counted_to, line_no, previous = 0, 1, 0
            for m in needle.finditer(text, first.start()):
                start = m.start()
                line_no += text.count("\n", counted_to, start)  # counted on from the last match
                counted_to = start
                if line_no == previous:
                    continue  # one result per line: its first match
                previous = line_no
                line_start = text.rfind("\n", 0, start) + 1
                line_end = text.find("\n", start)
                line = text[line_start : line_end if line_end >= 0 else len(text)].rstrip("\r")
                shown, at = _shown(line, start - line_start, m.end() - line_start)
                found.hits.append(Hit(line_no, start - line_start + 1, max(m.end() - start, 1), shown, at))
                total += 1
                if total >= limit:
                    break
            out.append(found)
            if total >= limit:
                break
        return out

    def files(self) -> int:
        return len(self._texts)


def relative(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return os.fspath(path)
