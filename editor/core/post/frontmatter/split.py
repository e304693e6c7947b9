"""Splitting a post into its parts (BOM, delimiters, front matter, body) keeping every byte."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

DELIMITERS = {"toml": "+++", "yaml": "---"}


class FrontMatterError(ValueError):
    """Front matter that cannot be read. `line` and `column` are 1-based, relative to the file."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line is not None else ""
        if where and self.column is not None:
            where += f", column {self.column}"
        return f"{self.message} ({where})" if where else self.message


class NativeDate(str):
    """A date or datetime written unquoted (a TOML or YAML native date): the text as written."""

    __slots__ = ()


@dataclass(frozen=True)
class Split:
    """A post cut into parts whose concatenation is the original text."""

    bom: str
    format: str | None
    opening: str  # anything before the front matter, and its opening delimiter line
    front: str  # the front matter text (for JSON, the whole object)
    closing: str  # the closing delimiter line (for JSON, the newline after the object)
    body: str

    @property
    def front_line(self) -> int:
        """1-based line number in the file where `front` starts."""
        return self.opening.count("\n") + 1

    @property
    def body_line(self) -> int:
        return (self.opening + self.front + self.closing).count("\n") + 1

    def text(self) -> str:
        return self.bom + self.opening + self.front + self.closing + self.body


_DELIM_LINE = re.compile(r"(\+\+\+|---)[ \t]*(\r?\n|$)")


def split(text: str) -> Split:
    """Cut `text` as Hugo's page parser does. Raises FrontMatterError for an unclosed block."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    rest = text[len(bom) :]
    start = len(rest) - len(rest.lstrip(" \t\r\n"))
    lead = rest[:start]
    if rest.startswith("{", start):
        end = _json_object_end(rest, start)
        if end is None:
            raise FrontMatterError("JSON front matter is never closed with '}'", line_of(rest, start), 1)
        nl = re.match(r"[ \t]*\r?\n", rest[end:])
        after = end + (nl.end() if nl else 0)
        return Split(bom, "json", lead, rest[start:end], rest[end:after], rest[after:])
    m = _DELIM_LINE.match(rest, start)
    if not m or m.group(2) == "":
        if m:  # a lone delimiter at the end of the file
            raise FrontMatterError(
                f"front matter opened with {m.group(1)} is never closed", line_of(rest, start), 1
            )
        return Split(bom, None, "", "", "", rest)
    delim = m.group(1)
    fmt = "toml" if delim == "+++" else "yaml"
    closing = re.compile(rf"^{re.escape(delim)}[ \t]*(\r?\n|$)", re.M)
    c = closing.search(rest, m.end())
    if c is None:
        raise FrontMatterError(f"front matter opened with {delim} is never closed", line_of(rest, start), 1)
    return Split(
        bom, fmt, rest[: m.end()], rest[m.end() : c.start()], rest[c.start() : c.end()], rest[c.end() :]
    )


def line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _json_object_end(text: str, start: int) -> int | None:
    """Index after the `}` closing the object at `start`, counting braces outside strings."""
    depth, i, in_str = 0, start, False
    while i < len(text):
        ch = text[i]
        if in_str:
            if ch == "\\":
                i += 1
            elif ch == '"':
                in_str = False
        elif ch == '"':
            in_str = True
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None


# --------------------------------------------------------------------------------------------
# Codecs. Each is a python-frontmatter handler (load/export), plus lossless edit operations.
# Line numbers in errors are relative to the front matter text; Post shifts them.


def edit_keeping_newlines(front: str, edit: Callable[[str], str]) -> str:
    """Run `edit` on LF text when `front` is uniformly CRLF, and give CRLF back."""
    crlf = front.count("\r\n")
    if crlf and crlf == front.count("\n"):
        return edit(front.replace("\r\n", "\n")).replace("\n", "\r\n")
    return edit(front)
