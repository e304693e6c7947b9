"""Front matter: split a post into its parts and edit TOML, YAML and JSON keeping every untouched byte.

The split keeps the text exactly (BOM, delimiters, line endings, body). Edits never re-serialise
a whole document: TOML goes through tomlkit, which keeps comments, order and spacing; YAML and
JSON edits are spliced into the original text, replacing only the lines of the edited key.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import frontmatter as pyfm
import tomli_w
import tomlkit
import tomlkit.items
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from editor.core.post import dates

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
            raise FrontMatterError("JSON front matter is never closed with '}'", _line_of(rest, start), 1)
        nl = re.match(r"[ \t]*\r?\n", rest[end:])
        after = end + (nl.end() if nl else 0)
        return Split(bom, "json", lead, rest[start:end], rest[end:after], rest[after:])
    m = _DELIM_LINE.match(rest, start)
    if not m or m.group(2) == "":
        if m:  # a lone delimiter at the end of the file
            raise FrontMatterError(
                f"front matter opened with {m.group(1)} is never closed", _line_of(rest, start), 1
            )
        return Split(bom, None, "", "", "", rest)
    delim = m.group(1)
    fmt = "toml" if delim == "+++" else "yaml"
    closing = re.compile(rf"^{re.escape(delim)}[ \t]*(\r?\n|$)", re.M)
    c = closing.search(rest, m.end())
    if c is None:
        raise FrontMatterError(f"front matter opened with {delim} is never closed", _line_of(rest, start), 1)
    return Split(
        bom, fmt, rest[: m.end()], rest[m.end() : c.start()], rest[c.start() : c.end()], rest[c.end() :]
    )


def _line_of(text: str, pos: int) -> int:
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


class Codec(pyfm.default_handlers.BaseHandler):
    name = ""

    def load(self, fm: str, **kwargs: object) -> dict[str, Any]:
        raise NotImplementedError

    def export(self, metadata: dict[str, object], **kwargs: object) -> str:
        raise NotImplementedError

    def set(self, text: str, key: str, value: object) -> str:
        raise NotImplementedError

    def delete(self, text: str, key: str) -> str:
        raise NotImplementedError

    def key_positions(self, text: str) -> dict[str, tuple[int, int]]:
        """1-based (line, column) of each top-level key in `text`."""
        raise NotImplementedError


def _is_hugo_date(value: object) -> bool:
    try:
        dates.parse(value)
    except ValueError:
        return False
    return True


# ---- TOML -----------------------------------------------------------------------------------

_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")


class TomlCodec(Codec):
    name = "toml"
    FM_BOUNDARY = re.compile(r"^\+{3,}\s*$", re.MULTILINE)
    START_DELIMITER = END_DELIMITER = "+++"

    def load(self, fm: str, **kwargs: object) -> dict[str, Any]:
        try:
            tomllib.loads(fm)  # strict: duplicate keys, bad values
            doc = tomlkit.parse(fm)
        except tomllib.TOMLDecodeError as exc:
            m = _TOML_POS.search(str(exc))
            msg = _TOML_POS.sub("", str(exc)).strip()
            raise FrontMatterError(
                f"TOML: {msg}", int(m.group(1)) if m else None, int(m.group(2)) if m else None
            ) from None
        except tomlkit.exceptions.ParseError as exc:  # pragma: no cover - tomllib catches first
            raise FrontMatterError(f"TOML: {exc}", exc.line, exc.col) from None
        return {str(k): _toml_plain(v) for k, v in doc.items()}

    def export(self, metadata: dict[str, object], **kwargs: object) -> str:
        return tomli_w.dumps(_to_native_dates(metadata))

    def set(self, text: str, key: str, value: object) -> str:
        doc = tomlkit.parse(text)
        old = doc.get(key)
        item = _toml_item(value, old if isinstance(old, tomlkit.items.Item) else None, doc)
        doc[key] = item
        return doc.as_string()

    def delete(self, text: str, key: str) -> str:
        doc = tomlkit.parse(text)
        del doc[key]
        return doc.as_string()

    def key_positions(self, text: str) -> dict[str, tuple[int, int]]:
        out: dict[str, tuple[int, int]] = {}
        for n, line in enumerate(text.splitlines(), 1):
            if re.match(r"\s*\[", line):
                break  # the root table ends at the first table header
            m = re.match(r"(\s*)(\"[^\"]*\"|'[^']*'|[A-Za-z0-9_-]+)\s*=", line)
            if m:
                out.setdefault(m.group(2).strip("\"'"), (n, len(m.group(1)) + 1))
        return out


def _toml_plain(v: object) -> Any:
    if isinstance(v, (tomlkit.items.DateTime, tomlkit.items.Date, tomlkit.items.Time)):
        return NativeDate(v.as_string())
    if isinstance(v, dict):
        return {str(k): _toml_plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_toml_plain(x) for x in v]
    if isinstance(v, tomlkit.items.Item):
        return v.unwrap()
    return v


def _toml_item(value: object, old: tomlkit.items.Item | None, doc: tomlkit.TOMLDocument) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        value = value.isoformat()
        if not isinstance(old, tomlkit.items.String):
            value = NativeDate(value)
    if isinstance(value, str):
        native = isinstance(value, NativeDate) or isinstance(
            old, (tomlkit.items.DateTime, tomlkit.items.Date)
        )
        if native and not isinstance(old, tomlkit.items.String):
            parsed = _toml_native(value)
            if parsed is not None:
                return parsed
        literal = (
            isinstance(old, tomlkit.items.String)
            and old.type.is_literal()
            and "'" not in value
            and not re.search(r"[\x00-\x1f\x7f]", value)
        )
        multiline = isinstance(old, tomlkit.items.String) and old.type.is_multiline()
        if old is None and not literal:
            literal = _prefers_single_quotes(doc) and "'" not in value and "\n" not in value
        return tomlkit.string(str(value), literal=literal, multiline=multiline)
    if isinstance(value, list):
        arr = tomlkit.array()
        old_items = list(old) if isinstance(old, tomlkit.items.Array) else []
        for i, x in enumerate(value):
            ref = old_items[i] if i < len(old_items) else (old_items[0] if old_items else None)
            arr.append(_toml_item(x, ref if isinstance(ref, tomlkit.items.Item) else None, doc))
        if isinstance(old, tomlkit.items.Array) and "\n" in old.as_string():
            arr.multiline(True)
        return arr
    if isinstance(value, dict):
        table = tomlkit.inline_table()
        table.update({k: _toml_item(v, None, doc) for k, v in value.items()})
        return table
    return tomlkit.item(value)


def _toml_native(text: str) -> Any:
    try:
        value = tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return None
    if isinstance(value, dt.datetime):
        return tomlkit.datetime(text)
    if isinstance(value, dt.date):
        return tomlkit.date(text)
    return None


def _prefers_single_quotes(doc: tomlkit.TOMLDocument) -> bool:
    for item in doc.values():
        if isinstance(item, tomlkit.items.String):
            return bool(item.type.is_literal())
    return False


def _to_native_dates(data: Any) -> Any:
    if isinstance(data, NativeDate):
        value = _toml_native(str(data))
        return value.unwrap() if value is not None else str(data)
    if isinstance(data, dict):
        return {k: _to_native_dates(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_to_native_dates(v) for v in data]
    return data


# ---- YAML -----------------------------------------------------------------------------------


class _Constructor(RoundTripConstructor):
    """Round-trip constructor that keeps timestamps as written and refuses Python tags."""

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        tag = str(getattr(node.tag, "value", node.tag) or "")
        if tag.startswith("tag:yaml.org,2002:python/"):
            name = tag.removeprefix("tag:yaml.org,2002:")
            raise ConstructorError(
                None, None, f"the tag !!{name} is not allowed in front matter", node.start_mark
            )
        return super().construct_object(node, deep=deep)

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        return NativeDate(node.value)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


def _yaml_reader() -> YAML:
    # Hugo reads YAML 1.2: `yes`, `on` are strings, not booleans. ruamel's default is 1.2.
    y = YAML(typ="rt")
    y.Constructor = _Constructor
    y.preserve_quotes = True
    y.allow_duplicate_keys = False
    return y


def _yaml_writer(offset: int) -> YAML:
    y = YAML(typ="rt")
    y.width = 1 << 20  # never fold a long line: the value stays on the lines it had
    y.indent(mapping=2, sequence=offset + 2, offset=offset)
    return y


_ALIAS_LIMIT = 100_000
_DEPTH_LIMIT = 100


def _flow_depth(text: str) -> int:
    """The deepest nesting of `[`/`{` collections outside quoted strings."""
    depth = deepest = 0
    quote = ""
    for ch in text:
        if quote:
            if ch == quote or ch == "\n":
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth = max(0, depth - 1)
        elif ch == "\n" and depth == 0:
            quote = ""
    return deepest


def _expanded_size(node: Any, seen: dict[int, int]) -> int:
    """How many values `node` holds once its aliases are expanded (shared nodes counted once
    each time they are used, computed once each)."""
    if not isinstance(node, (dict, list)):
        return 1
    if id(node) in seen:
        return seen[id(node)]
    seen[id(node)] = 1  # a node that holds itself
    items = node.values() if isinstance(node, dict) else node
    total = 1
    for child in items:
        total += _expanded_size(child, seen)
        if total > _ALIAS_LIMIT:
            break
    seen[id(node)] = total
    return total


class YamlCodec(Codec):
    name = "yaml"
    FM_BOUNDARY = re.compile(r"^-{3,}\s*$", re.MULTILINE)
    START_DELIMITER = END_DELIMITER = "---"

    def _parse(self, text: str) -> CommentedMap:
        if _flow_depth(text) > _DEPTH_LIMIT:  # ruamel takes seconds over thousands of levels
            raise FrontMatterError(f"YAML: nested more than {_DEPTH_LIMIT} levels deep", 1, 1)
        if "\t" in text:
            for n, line in enumerate(text.splitlines(), 1):
                if line.startswith("\t"):
                    raise FrontMatterError("YAML: a tab cannot indent YAML; use spaces", n, 1)
        try:
            data = _yaml_reader().load(text)
        except MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            problem = exc.problem or exc.context or "cannot be read"
            raise FrontMatterError(
                f"YAML: {problem}", mark.line + 1 if mark else None, mark.column + 1 if mark else None
            ) from None
        except Exception as exc:  # ruamel raises a few unmarked errors (duplicate keys, etc.)
            mark = getattr(exc, "problem_mark", None)
            raise FrontMatterError(
                f"YAML: {exc}".splitlines()[0],
                mark.line + 1 if mark else None,
                mark.column + 1 if mark else None,
            ) from None
        if data is None:
            return CommentedMap()
        if not isinstance(data, CommentedMap):
            raise FrontMatterError("YAML: front matter must be a mapping of keys to values", 1, 1)
        try:
            size = _expanded_size(data, {})
        except RecursionError:
            size = _ALIAS_LIMIT + 1
        if size > _ALIAS_LIMIT:  # Hugo refuses these too ("excessive aliasing")
            raise FrontMatterError("YAML: aliases expand to too many values (or nest too deeply)", 1, 1)
        return data

    def load(self, fm: str, **kwargs: object) -> dict[str, Any]:
        return {str(k): _yaml_plain(v) for k, v in self._parse(fm).items()}

    def export(self, metadata: dict[str, object], **kwargs: object) -> str:
        out = io.StringIO()
        _yaml_writer(0).dump(_yaml_value(metadata, None), out)
        return out.getvalue() if metadata else ""

    def key_positions(self, text: str) -> dict[str, tuple[int, int]]:
        data = self._parse(text)
        return {str(k): (data.lc.key(k)[0] + 1, data.lc.key(k)[1] + 1) for k in data}

    def _spans(self, text: str) -> tuple[CommentedMap, list[str], dict[Any, tuple[int, int]]]:
        data = self._parse(text)
        lines = text.splitlines(keepends=True)
        keys = list(data.keys())
        starts = [data.lc.key(k)[0] for k in keys]
        spans = {}
        for i, k in enumerate(keys):
            end = starts[i + 1] if i + 1 < len(keys) else len(lines)
            # blank lines and column-0 comments before the next key are not this key's lines
            while end - 1 > starts[i] and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
                end -= 1
            spans[k] = (starts[i], end)
        return data, lines, spans

    def set(self, text: str, key: str, value: object) -> str:
        data, lines, spans = self._spans(text)
        old = data.get(key)
        styled = _yaml_value(value, old)
        offset = _yaml_seq_offset(lines, spans.get(key))
        if isinstance(styled, _Raw):  # a native date, written exactly as given
            fragment = f"{_yaml_key_text(key) or json.dumps(key)}: {styled}\n"
        else:
            out = io.StringIO()
            _yaml_writer(offset).dump(CommentedMap([(key, styled)]), out)
            fragment = out.getvalue()
        if key not in spans:
            sep = "" if not text or text.endswith("\n") else "\n"
            return text + sep + fragment
        start, end = spans[key]
        new_lines = fragment.splitlines(keepends=True)
        if end - start == 1 and len(new_lines) == 1:
            kept = _yaml_keep_line(lines[start], data.lc.value(key)[1], new_lines[0], key)
            if kept is not None:
                new_lines = [kept]
        return "".join(lines[:start] + new_lines + lines[end:])

    def delete(self, text: str, key: str) -> str:
        _, lines, spans = self._spans(text)
        start, end = spans[key]
        return "".join(lines[:start] + lines[end:])


def _yaml_plain(v: Any) -> Any:
    if isinstance(v, NativeDate):
        return v
    if isinstance(v, dict):
        return {str(k): _yaml_plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_yaml_plain(x) for x in v]
    if isinstance(v, str):
        return str(v)
    if isinstance(v, bool):
        return bool(v)
    if isinstance(v, int):
        return int(v)
    if isinstance(v, float):
        return float(v)
    return v


class _Raw(str):
    """A plain YAML scalar written exactly as given (a native date)."""

    __slots__ = ()


def _yaml_value(value: Any, old: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        value = (
            NativeDate(value.isoformat())
            if not isinstance(old, str) or isinstance(old, NativeDate)
            else value.isoformat()
        )
    if isinstance(value, str):
        if isinstance(value, NativeDate) or (
            isinstance(old, NativeDate) and _is_hugo_date(value) and re.fullmatch(r"[\dT:+\-. Z]+", value)
        ):
            return _Raw(value)
        for cls in (
            SingleQuotedScalarString,
            DoubleQuotedScalarString,
            LiteralScalarString,
            FoldedScalarString,
        ):
            if isinstance(old, cls):
                return cls(value)
        return str(value)
    if isinstance(value, list):
        seq = CommentedSeq(_yaml_value(x, old[0] if isinstance(old, list) and old else None) for x in value)
        if isinstance(old, CommentedSeq) and old.fa.flow_style():
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, dict):
        return CommentedMap(
            (k, _yaml_value(v, old.get(k) if isinstance(old, dict) else None)) for k, v in value.items()
        )
    return value


def _yaml_seq_offset(lines: list[str], span: tuple[int, int] | None) -> int:
    """How far the file indents `- ` under a key: this key's own lines first, else any."""
    candidates = lines[span[0] : span[1]] if span else []
    for line in candidates + lines:
        m = re.match(r"( *)- ", line)
        if m:
            return len(m.group(1))
    return 2


def _yaml_keep_line(old_line: str, value_col: int, new_line: str, key: str) -> str | None:
    """Replace only the value on a one-line entry, keeping the key spacing and a trailing comment."""
    new_value = new_line.split(":", 1)[1].strip() if ":" in new_line else None
    if new_value is None or not new_line.startswith(_yaml_key_text(key)):
        return None
    end = _yaml_value_end(old_line, value_col)
    if end is None:
        return None
    return old_line[:value_col] + new_value + old_line[end:]


def _yaml_key_text(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_][\w.-]*", key) else ""


def _yaml_value_end(line: str, start: int) -> int | None:
    """Index after the scalar or flow value starting at `start` (before any comment)."""
    body = line.rstrip("\r\n")
    if start >= len(body):
        return None
    ch = body[start]
    i = start
    if ch in "'\"":
        i += 1
        while i < len(body):
            if ch == '"' and body[i] == "\\":
                i += 2
                continue
            if body[i] == ch:
                if ch == "'" and body[i + 1 : i + 2] == "'":
                    i += 2
                    continue
                return i + 1
            i += 1
        return None
    if ch in "[{":
        depth, quote = 0, ""
        while i < len(body):
            c = body[i]
            if quote:
                if c == quote:
                    quote = ""
            elif c in "'\"":
                quote = c
            elif c in "[{":
                depth += 1
            elif c in "]}":
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        return None
    m = re.search(r"\s#", body[start:])
    end = start + m.start() if m else len(body)
    while end > start and body[end - 1] in " \t":
        end -= 1
    return end


# ---- JSON -----------------------------------------------------------------------------------


class JsonCodec(Codec):
    name = "json"
    FM_BOUNDARY = re.compile(r"^(?:{|})$", re.MULTILINE)
    START_DELIMITER = END_DELIMITER = ""

    def load(self, fm: str, **kwargs: object) -> dict[str, Any]:
        try:
            data = json.loads(fm, object_pairs_hook=_no_duplicates)
        except json.JSONDecodeError as exc:
            raise FrontMatterError(f"JSON: {exc.msg}", exc.lineno, exc.colno) from None
        if not isinstance(data, dict):
            raise FrontMatterError("JSON: front matter must be an object", 1, 1)
        return data

    def export(self, metadata: dict[str, object], **kwargs: object) -> str:
        return json.dumps(metadata, indent=2, ensure_ascii=False, default=str)

    def _members(self, text: str) -> list[tuple[str, int, int, int]]:
        """(key, member start, value start, value end) for each top-level member."""
        self.load(text)
        dec = json.JSONDecoder()
        out: list[tuple[str, int, int, int]] = []
        i = text.index("{") + 1
        ws = re.compile(r"[ \t\r\n]*")
        while True:
            i = ws.match(text, i).end()  # type: ignore[union-attr]
            if text[i] == "}":
                return out
            if text[i] == ",":
                i = ws.match(text, i + 1).end()  # type: ignore[union-attr]
            start = i
            key, i = dec.raw_decode(text, i)
            i = ws.match(text, i).end()  # type: ignore[union-attr]
            i = ws.match(text, i + 1).end()  # type: ignore[union-attr]  # past ':'
            _, end = dec.raw_decode(text, i)
            out.append((key, start, i, end))
            i = end

    def key_positions(self, text: str) -> dict[str, tuple[int, int]]:
        out = {}
        for key, start, _, _ in self._members(text):
            line = text.count("\n", 0, start) + 1
            out[key] = (line, start - (text.rfind("\n", 0, start) + 1) + 1)
        return out

    def set(self, text: str, key: str, value: object) -> str:
        members = self._members(text)
        encoded = json.dumps(value, ensure_ascii=False, default=str)
        for k, _, vstart, vend in members:
            if k == key:
                return text[:vstart] + encoded + text[vend:]
        entry = f"{json.dumps(key, ensure_ascii=False)}: {encoded}"
        if not members:
            close = text.rindex("}")
            return text[: text.index("{") + 1] + f"\n  {entry}\n" + text[close:]
        _, last_start, _, last_end = members[-1]
        indent = text[text.rfind("\n", 0, last_start) + 1 : last_start]
        nl = "\n" if "\n" in text[:last_start] else " "
        sep = f",{nl}{indent}" if nl == "\n" else ", "
        return text[:last_end] + sep + entry + text[last_end:]

    def delete(self, text: str, key: str) -> str:
        members = self._members(text)
        for n, (k, start, _, end) in enumerate(members):
            if k != key:
                continue
            if n > 0:  # from the end of the previous member, taking its comma
                return text[: members[n - 1][3]] + text[end:]
            if len(members) > 1:
                return text[:start] + text[members[1][1] :]
            close = text.rindex("}")
            return text[: text.index("{") + 1] + text[close:]
        raise KeyError(key)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise json.JSONDecodeError(f"duplicate key {k!r}", "", 0)
        out[k] = v
    return out


CODECS: dict[str, Codec] = {"toml": TomlCodec(), "yaml": YamlCodec(), "json": JsonCodec()}


def edit_keeping_newlines(front: str, edit: Callable[[str], str]) -> str:
    """Run `edit` on LF text when `front` is uniformly CRLF, and give CRLF back."""
    crlf = front.count("\r\n")
    if crlf and crlf == front.count("\n"):
        return edit(front.replace("\r\n", "\n")).replace("\n", "\r\n")
    return edit(front)
