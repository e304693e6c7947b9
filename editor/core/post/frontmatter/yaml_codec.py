"""YAML front matter: read with ruamel.yaml (no tags run, alias bombs refused), edits spliced into
the original lines."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Callable
from typing import Any

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

from editor.core.post.frontmatter.codec import Codec, is_hugo_date
from editor.core.post.frontmatter.split import FrontMatterError, NativeDate


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
        try:  # only aliases (`*name`) can make a few lines hold many values
            size = _expanded_size(data, {}) if "*" in text else 0
        except RecursionError:
            size = _ALIAS_LIMIT + 1
        if size > _ALIAS_LIMIT:  # Hugo refuses these too ("excessive aliasing")
            raise FrontMatterError("YAML: aliases expand to too many values (or nest too deeply)", 1, 1)
        return data

    def load(self, fm: str, **kwargs: object) -> dict[str, Any]:
        data = self._parse(fm)
        for k in data:
            if not isinstance(k, str | int | float | bool) and k is not None:
                line, col = data.lc.key(k)
                raise FrontMatterError(
                    "YAML: a key that is a list or a table (a complex key `? …`): Hugo refuses it",
                    line + 1,
                    col + 1,
                )
        return {str(k): _yaml_plain(v) for k, v in data.items()}

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
        # the post's own keys: a key that comes from a merge (`<<: *base`) has no lines here
        own = getattr(data, "_ok", None)
        keys = [k for k in data if own is None or k in own]
        starts = [data.lc.key(k)[0] for k in keys]
        merges = [n for n, line in enumerate(lines) if line.startswith("<<")]
        spans = {}
        for i, k in enumerate(keys):
            end = starts[i + 1] if i + 1 < len(keys) else len(lines)
            end = min([end, *(n for n in merges if n > starts[i])])  # a merge line is nobody's
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
        value_line, value_col = data.lc.value(key)
        # `title: *a`: the value's position is the anchor's, earlier; the key gets a value of its own
        alias = value_line < data.lc.key(key)[0]
        if end - start == 1 and len(new_lines) == 1 and not alias:
            kept = _yaml_keep_line(lines[start], value_col, new_lines[0], key)
            if kept is not None:
                new_lines = [kept]
        return "".join(lines[:start] + new_lines + lines[end:])

    def set_in(self, text: str, table: str, key: str, value: object) -> str:
        return self._in(text, table, lambda block: self.set(block, key, value), lambda d: {**d, key: value})

    def delete_in(self, text: str, table: str, key: str) -> str:
        return self._in(
            text,
            table,
            lambda block: self.delete(block, key),
            lambda d: {k: v for k, v in d.items() if k != key},
        )

    def _in(
        self,
        text: str,
        table: str,
        edit: Callable[[str], str],
        whole: Callable[[dict[str, Any]], dict[str, Any]],
    ) -> str:
        """A block mapping's lines are edited as a front matter of their own, indented back; a
        flow mapping (`params: {a: 1}`) is written again whole (it is one line, usually)."""
        data, lines, spans = self._spans(text)
        inner = data[table]
        start, end = spans[table]
        body = lines[start + 1 : end]
        indents = [
            len(line) - len(line.lstrip(" "))
            for line in body
            if line.strip() and not line.lstrip().startswith("#")
        ]
        pad = min(indents, default=0)
        ragged = any(line.strip() and not line.startswith(" " * pad) for line in body)
        if not isinstance(inner, CommentedMap) or inner.fa.flow_style() or not indents or ragged:
            return self.set(text, table, whole(_yaml_plain(inner)))
        block = "".join(line[pad:] if line.strip() else line for line in body)
        edited = edit(block)
        back = "".join(
            " " * pad + line if line.strip() else line for line in edited.splitlines(keepends=True)
        )
        return "".join(lines[: start + 1]) + back + "".join(lines[end:])

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
            isinstance(old, NativeDate) and is_hugo_date(value) and re.fullmatch(r"[\dT:+\-. Z]+", value)
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
