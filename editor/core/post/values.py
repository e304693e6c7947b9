"""Front-matter values as one line of text and back, keeping the type the post gave them.

The form's "other fields" table edits every key the post has as text; these functions decide how
a value shows and how the author's text becomes a value of the same kind again.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Set as AbstractSet
from typing import Any

from editor.core.post import dates
from editor.core.post.frontmatter import NativeDate


def kind(value: Any) -> str:
    """One of: string, date, bool, int, float, list, table, null."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, NativeDate | dt.date):
        return "date"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    return "table"


def editable(value: Any) -> bool:
    """Nested tables and lists of tables are shown, and edited as raw front matter only."""
    k = kind(value)
    if k == "table":
        return False
    if k == "list":
        return all(kind(v) in ("string", "int", "float", "bool", "date") for v in value)
    return True


def _plain_strings(value: list[Any]) -> bool:
    return all(isinstance(v, str) and "," not in v and v == v.strip() and v for v in value)


def to_text(value: Any) -> str:
    k = kind(value)
    if k == "null":
        return ""
    if k == "bool":
        return "true" if value else "false"
    if k in ("int", "float", "string", "date"):
        return str(value)
    if k == "list" and _plain_strings(value):
        return ", ".join(value)
    return json.dumps(value, ensure_ascii=False, default=str)


def summary(value: Any) -> str:
    """A nested table on one line, as a reader says it: `matrix (languages en, de; versions v1)`."""
    if isinstance(value, dict):
        return "; ".join(
            f"{k} ({summary(v)})" if isinstance(v, dict) else f"{k} {summary(v)}" for k, v in value.items()
        )
    if isinstance(value, list):
        return ", ".join(f"({summary(v)})" if isinstance(v, dict) else summary(v) for v in value)
    return to_text(value)


def outline(value: Any, depth: int = 0) -> list[str]:
    """A nested value as indented lines, one key or item each (the form's tooltip)."""
    pad = "  " * depth
    if isinstance(value, dict):
        out = []
        for k, v in value.items():
            if isinstance(v, dict | list) and v and not (isinstance(v, list) and _plain_strings(v)):
                out += [f"{pad}{k}:", *outline(v, depth + 1)]
            else:
                out.append(f"{pad}{k}: {to_text(v)}")
        return out
    if isinstance(value, list):
        out = []
        for v in value:
            inner = outline(v, depth + 1) if isinstance(v, dict | list) else [f"{pad}  {to_text(v)}"]
            out += [f"{pad}- {inner[0].strip()}", *inner[1:]] if inner else [f"{pad}-"]
        return out
    return [pad + to_text(value)]


def from_text(text: str, like: Any) -> Any:
    """The author's text as a value of the kind `like` has; ValueError says what is wrong."""
    k = kind(like)
    t = text.strip()
    if k == "bool":
        if t.lower() in ("true", "false"):
            return t.lower() == "true"
        raise ValueError("write true or false")
    if k == "int":
        try:
            return int(t)
        except ValueError:
            raise ValueError("write a whole number") from None
    if k == "float":
        try:
            return float(t)
        except ValueError:
            raise ValueError("write a number") from None
    if k == "date":
        dates.parse(t)  # raises ValueError in Hugo's words
        return NativeDate(t) if isinstance(like, NativeDate) else t
    if k == "list":
        if t.startswith("["):
            try:
                value = json.loads(t)
            except json.JSONDecodeError as exc:
                raise ValueError(f"not a list: {exc.msg}") from None
            if not isinstance(value, list):
                raise ValueError("write a list")
            return value
        return [part.strip() for part in t.split(",") if part.strip()]
    if k == "table":
        raise ValueError("a table is edited as raw front matter")
    return text


INT64 = range(-(2**63), 2**63)  # Hugo's integers (Go's int64)


def hugo_problem(value: Any, fmt: str | None) -> str | None:
    """Why Hugo cannot read this value (checked against the real Hugo), or None. Nested lists and
    tables are looked through: NaN and Infinity in JSON (Go's reader refuses them), integers
    outside 64 bits (TOML: refused; JSON: Hugo crashes), keys that are lists (YAML complex keys)
    and lone UTF-16 surrogates (YAML escapes). TOML and YAML NaN and infinities are read by Hugo."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, float) and fmt == "json" and (v != v or v in (float("inf"), float("-inf"))):
            return "NaN and Infinity are not JSON: Hugo refuses them"
        if isinstance(v, int) and not isinstance(v, bool) and v not in INT64 and fmt in ("toml", "json"):
            return "this integer does not fit in 64 bits: Hugo refuses it"
        if isinstance(v, str) and fmt == "yaml" and any("\ud800" <= c <= "\udfff" for c in v):
            return "a lone UTF-16 surrogate (an escape such as \\ud800) is not text Hugo reads"
        if isinstance(v, dict):
            if any(not isinstance(k, str | int | bool | float) for k in v):
                return "a key that is a list or a table (a YAML complex key): Hugo refuses it"
            stack.extend(v.values())
        elif isinstance(v, list | tuple | AbstractSet):
            stack.extend(v)
    return None
