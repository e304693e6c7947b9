"""JSON front matter: edits spliced into the original text, duplicates refused."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from editor.core.post.frontmatter.codec import Codec
from editor.core.post.frontmatter.split import FrontMatterError


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

    def set_in(self, text: str, table: str, key: str, value: object) -> str:
        return self._in(text, table, lambda inner: self.set(inner, key, value))

    def delete_in(self, text: str, table: str, key: str) -> str:
        return self._in(text, table, lambda inner: self.delete(inner, key))

    def _in(self, text: str, table: str, edit: Callable[[str], str]) -> str:
        for k, _, vstart, vend in self._members(text):
            if k == table:
                return text[:vstart] + edit(text[vstart:vend]) + text[vend:]
        raise KeyError(table)

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
