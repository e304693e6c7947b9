"""The post model: a post's front matter, body and path, read and written without losing a byte
(this module). Beside it: the front-matter codecs (`frontmatter`), the known keys (`fields`),
Hugo's dates (`dates`), values as the form shows them (`values`), what Hugo would fail on or
misread (`checks`), word counts and slugs (`stats`)."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from editor.core.files.ondisk import fingerprint
from editor.core.files.storage import atomic_write
from editor.core.keys import key_of
from editor.core.post import fields, values
from editor.core.post import frontmatter as fm
from editor.core.post.frontmatter import FrontMatterError, Split

MAX_BYTES = 20_000_000  # a post larger than this is refused with a message, never half-read
# Front matter longer than this is not read key by key: the lossless TOML and YAML models take
# ~5 ms per kilobyte, on every edit, and a form keystroke must not wait. The post is shown and
# kept as it is, never rewritten. (The largest of ~450 real posts in the corpus has 641 bytes.)
MAX_FRONT_CHARS = 20_000


class PostError(ValueError):
    """A post that cannot be read or saved; the message names the file (and line, column).
    `ours`: the limit is ours, not Hugo's (Hugo may read the post well)."""

    def __init__(
        self,
        path: Path | None,
        message: str,
        line: int | None = None,
        column: int | None = None,
        ours: bool = False,
    ) -> None:
        self.path, self.message, self.line, self.column = path, message, line, column
        self.ours = ours
        super().__init__(str(self))

    def __str__(self) -> str:
        where = str(self.path) if self.path else "<post>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


def _size(chars: int) -> str:
    return f"{chars / 1e6:.1f} MB" if chars >= 1_000_000 else f"{chars / 1000:.0f} KB"


def _in_words(message: str, fmt: str) -> str:
    """A reader's message, with Python's own integer limit said in words."""
    if "integer string conversion" in message:
        return f"{fmt.upper()}: a number has more than 4,300 digits: too long to read"
    return message


@dataclass
class Post:
    """A post in memory. `parts` always joins back to the exact text; edits only splice it."""

    path: Path | None
    parts: Split
    metadata: dict[str, Any]
    error: PostError | None = None
    loaded: str | None = None  # the fingerprint of the file's bytes as `load` read them

    # ---- reading ------------------------------------------------------------------------

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Post:
        p = Path(path)
        try:
            st = p.stat()
            if stat.S_ISDIR(st.st_mode):
                raise PostError(p, "this is a folder, not a post")
            if not stat.S_ISREG(st.st_mode):
                raise PostError(p, "this is not a regular file (a named pipe or a device), not a post")
            if st.st_size > MAX_BYTES:
                raise PostError(
                    p,
                    f"this file is {st.st_size / 1e6:.0f} MB: too large to edit here "
                    f"(the limit is {MAX_BYTES // 1_000_000} MB)",
                )
            data = p.read_bytes()
        except OSError as exc:
            raise PostError(p, f"cannot read: {exc.strerror}") from None
        post = cls.from_bytes(data, p)
        post.loaded = fingerprint(data)
        return post

    @classmethod
    def from_bytes(cls, data: bytes, path: Path | None = None) -> Post:
        """Read a post. Undecodable bytes raise PostError; bad front matter sets `error`."""
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            raise PostError(path, "this is UTF-16 text; Hugo reads UTF-8 only: save it as UTF-8 first")
        if b"\x00" in data:
            raise PostError(path, "this is a binary file, not a Markdown post")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
            raise PostError(path, f"not UTF-8 text (byte 0x{data[exc.start]:02x})", line, col) from None
        return cls.from_text(text, path)

    @classmethod
    def from_text(cls, text: str, path: Path | None = None) -> Post:
        try:
            parts = fm.split(text)
        except FrontMatterError as exc:
            bom = "\ufeff" if text.startswith("\ufeff") else ""
            raw = Split(bom, None, "", "", "", text[len(bom) :])
            return cls(path, raw, {}, PostError(path, exc.message, exc.line, exc.column))
        post = cls(path, parts, {})
        post._parse()
        return post

    @classmethod
    def new(cls, format: str, metadata: dict[str, Any], body: str = "", path: Path | None = None) -> Post:
        """A new post written by the format's own dumper (tomli-w for TOML)."""
        codec = fm.CODECS[format]
        front = codec.export(metadata)
        if format == "json":
            parts = Split("", "json", "", front, "\n", body)
        else:
            delim = fm.DELIMITERS[format]
            parts = Split("", format, delim + "\n", front, delim + "\n", body)
        post = cls(path, parts, {})
        post._parse()
        return post

    def _parse(self) -> None:
        self.error = None
        if self.parts.format is None:
            self.metadata = {}
            return
        if self.front_too_long:
            self.metadata = {}
            self.error = PostError(
                self.path,
                f"the front matter is {_size(len(self.parts.front))} "
                f"({self.parts.front.count(chr(10)):,} lines): too long to edit here "
                f"(the limit is {_size(MAX_FRONT_CHARS)}); the file is kept as it is",
                self.parts.front_line,
                ours=True,
            )
            return
        try:
            try:
                self.metadata = fm.CODECS[self.parts.format].load(self.parts.front)
            except RecursionError:
                raise FrontMatterError("the front matter is nested too deeply", None, None) from None
            except FrontMatterError:
                raise
            except ValueError as exc:  # Python's own limits: an integer of more than 4,300 digits
                raise FrontMatterError(f"{self.parts.format.upper()}: {exc}", None, None) from None
        except FrontMatterError as exc:
            self.metadata = {}
            line = None if exc.line is None else exc.line + self.parts.front_line - 1
            message = _in_words(exc.message, self.parts.format)
            # a number too long for Python: Hugo's YAML reads it; TOML and JSON refuse it
            ours = message != exc.message and self.parts.format == "yaml"
            self.error = PostError(self.path, message, line, exc.column, ours=ours)

    # ---- what it is ----------------------------------------------------------------------

    @property
    def front_too_long(self) -> bool:
        """Front matter too long to read key by key: it is kept, never edited or rewritten."""
        return len(self.parts.front) > MAX_FRONT_CHARS

    @property
    def format(self) -> str | None:
        return self.parts.format

    @property
    def text(self) -> str:
        return self.parts.text()

    @property
    def body(self) -> str:
        return self.parts.body

    @body.setter
    def body(self, value: str) -> None:
        self.parts = replace(self.parts, body=value)

    @property
    def body_line(self) -> int:
        """How many lines of the file come before the body (0-based file line of body line 0)."""
        text = self.text
        return text[: len(text) - len(self.body)].count("\n")

    @property
    def front_text(self) -> str:
        """The raw front matter, for an author to fix by hand when it does not parse."""
        return self.parts.front

    @property
    def bom(self) -> bool:
        return bool(self.parts.bom)

    @property
    def line_ending(self) -> str | None:
        """ "\\r\\n", "\\n", "mixed", or None for a file without line breaks."""
        text = self.text
        crlf, lf = text.count("\r\n"), text.count("\n")
        if lf == 0:
            return None
        if crlf == lf:
            return "\r\n"
        return "\n" if crlf == 0 else "mixed"

    def to_bytes(self) -> bytes:
        return self.text.encode("utf-8")

    def key(self, name: str) -> str | None:
        """The key as written in the file for `name`: Hugo matches keys without regard to case,
        and of two spellings (`title`, `Title`) it reads the last."""
        found = key_of(self.metadata, name)
        return None if found is None else str(found)

    def get(self, name: str, default: Any = None) -> Any:
        k = self.key(name)
        return self.metadata[k] if k is not None else default

    def key_positions(self) -> dict[str, tuple[int, int]]:
        """1-based (line, column) in the file of each top-level key."""
        if self.parts.format is None or self.error:
            return {}
        rel = fm.CODECS[self.parts.format].key_positions(self.parts.front)
        shift = self.parts.front_line - 1
        return {k: (line + shift, col) for k, (line, col) in rel.items()}

    # ---- editing -------------------------------------------------------------------------

    def _require_parsed(self) -> None:
        if self.error:
            raise PostError(
                self.path,
                f"front matter does not parse, fix it first: {self.error.message}",
                self.error.line,
                self.error.column,
            )

    def set(self, name: str, value: Any) -> None:
        """Set a front-matter key, changing only that key's lines."""
        self._require_parsed()
        if self.parts.format is None:
            self._add_front_matter()
        key = self.key(name) or name
        problem = values.hugo_problem(value, self.parts.format or "toml")
        if problem:
            raise PostError(self.path, f"{key}: not set: {problem}")
        if key not in self.metadata:
            value = self._in_house_style(key, value)
        if key in self.metadata and self.metadata[key] == value and type(value) is type(self.metadata[key]):
            return
        codec = fm.CODECS[self.parts.format or "toml"]
        self._set_front(fm.edit_keeping_newlines(self.parts.front, lambda t: codec.set(t, key, value)))

    def set_in(self, table: str, name: str, value: Any) -> None:
        """Set `name` inside the top-level table `table` (`params`), changing only its lines."""
        self._require_parsed()
        outer = self.key(table)
        if outer is None or not isinstance(self.metadata.get(outer), dict) or self.parts.format is None:
            raise PostError(self.path, f"{table} is not a table of this post")
        inner: dict[str, Any] = self.metadata[outer]
        key = key_of(inner, name) or name
        problem = values.hugo_problem(value, self.parts.format)
        if problem:
            raise PostError(self.path, f"{outer}.{key}: not set: {problem}")
        if key in inner and inner[key] == value and type(value) is type(inner[key]):
            return
        codec = fm.CODECS[self.parts.format]
        self._set_front(
            fm.edit_keeping_newlines(self.parts.front, lambda t: codec.set_in(t, outer, key, value))
        )

    def unset_in(self, table: str, name: str) -> None:
        """Remove `name` from the top-level table `table`, and only its lines."""
        self._require_parsed()
        outer = self.key(table)
        if outer is None or not isinstance(self.metadata.get(outer), dict) or self.parts.format is None:
            return
        key = key_of(self.metadata[outer], name)
        if key is None:
            return
        codec = fm.CODECS[self.parts.format]
        self._set_front(fm.edit_keeping_newlines(self.parts.front, lambda t: codec.delete_in(t, outer, key)))

    def add_custom(self, name: str, value: Any) -> str:
        """A new field of the author's own: under `params` when the post keeps its custom fields
        there (a params table), else at the top, as Hugo reads both; a field Hugo reads for the page
        itself always at the top. Where it went: "params.name" or "name"."""
        params = self.key("params")
        own = name.lower() not in fields.PAGE_KEYS | fields.TAXONOMY_KEYS
        if own and params is not None and isinstance(self.metadata.get(params), dict):
            self.set_in(params, name, value)
            return f"{params}.{key_of(self.metadata[params], name) or name}"
        self.set(name, value)
        return self.key(name) or name

    def _in_house_style(self, key: str, value: Any) -> Any:
        """A new date field is written unquoted when the post's other dates are."""
        f = fields.field(key)
        if f is None or f.kind != "date" or not isinstance(value, str):
            return value
        if any(
            isinstance(v, fm.NativeDate)
            for k, v in self.metadata.items()
            if (g := fields.field(k)) is not None and g.kind == "date"
        ):
            return fm.NativeDate(value)
        return value

    def unset(self, name: str) -> None:
        """Remove a key and only its lines (with a comment on the same line)."""
        self._require_parsed()
        key = self.key(name)
        if key is None or self.parts.format is None:
            return
        codec = fm.CODECS[self.parts.format]
        self._set_front(fm.edit_keeping_newlines(self.parts.front, lambda t: codec.delete(t, key)))

    def set_front_text(self, text: str) -> None:
        """Replace the raw front matter (the author's fix of text that did not parse)."""
        if self.parts.format is None:
            self._add_front_matter()
        self.parts = replace(self.parts, front=text)
        self._parse()

    def _set_front(self, text: str) -> None:
        """Take an edited front matter, or refuse it and keep the post as it was: the edited file
        must parse, and split again into the same front matter and body (a value must never end
        the block early, whatever it holds)."""
        before = self.parts
        self.parts = replace(self.parts, front=text)
        self._parse()
        problem: PostError | None = self.error
        if problem is None:
            again = fm.split(self.text)
            if (again.format, again.front, again.body) != (before.format, text, before.body):
                problem = PostError(self.path, "the edit would end the front matter early: not applied")
        if problem is not None:  # never keep an edit that made the file read differently
            self.parts = before
            self._parse()
            raise problem

    def _add_front_matter(self) -> None:
        nl = "\r\n" if self.line_ending == "\r\n" else "\n"
        self.parts = replace(self.parts, format="toml", opening="+++" + nl, closing="+++" + nl)

    # ---- writing -------------------------------------------------------------------------

    def save(self, path: str | os.PathLike[str] | None = None, expect: str | None = None) -> Path:
        """Write atomically. Refuses while the front matter does not parse, and (with `expect`,
        the fingerprint of the file as the author last saw it) when the file changed meanwhile."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise PostError(None, "no file name to save to")
        self._require_parsed()
        written = atomic_write(target, self.to_bytes(), expect=expect)
        self.path = target
        return written
