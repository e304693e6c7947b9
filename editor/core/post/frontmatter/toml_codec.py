"""TOML front matter, edited through tomlkit (comments, order and spacing kept)."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from typing import Any

import tomli_w
import tomlkit
import tomlkit.items

from editor.core.post.frontmatter.codec import Codec
from editor.core.post.frontmatter.split import FrontMatterError, NativeDate

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

    def set_in(self, text: str, table: str, key: str, value: object) -> str:
        doc = tomlkit.parse(text)
        inner = doc[table]
        old = inner.get(key)
        inner[key] = _toml_item(value, old if isinstance(old, tomlkit.items.Item) else None, doc)
        return doc.as_string()

    def delete_in(self, text: str, table: str, key: str) -> str:
        doc = tomlkit.parse(text)
        del doc[table][key]
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
        # a multi-line string keeps its style unless a line of it would read as the closing `+++`
        multiline = (
            isinstance(old, tomlkit.items.String)
            and old.type.is_multiline()
            and not re.search(r"(?m)^(\+\+\+|---)[ \t]*\r?$", str(value))
        )
        if multiline is False and isinstance(old, tomlkit.items.String) and old.type.is_multiline():
            literal = False  # an escaped one-line string: "\n" holds the line breaks
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
