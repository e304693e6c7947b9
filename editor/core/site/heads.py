"""Reading only the front matter at the head of a post, fast, for listing thousands of them: the
closing line found in the first bytes, YAML cut down to the keys the list needs and read with
libyaml, TOML with rtoml, JSON with json. The full, lossless model is editor.core.post."""

from __future__ import annotations

import json
import re
from typing import Any

import rtoml

_CLOSING = {
    mark: re.compile(rb"^" + re.escape(mark) + rb"[ \t]*\r?$", re.MULTILINE) for mark in (b"+++", b"---")
}


def split_front(head: bytes) -> tuple[str, str] | None:
    """(format, front matter text) from the start of a file; None when the whole front matter
    is not in `head` yet. ("", "") for a file without front matter."""
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    first = head.split(b"\n", 1)[0].rstrip(b"\r ")
    if first in _CLOSING:
        m = _CLOSING[first].search(head, len(first) + 1)
        if m is None:
            return None
        text = head[len(first) + 1 : m.start()].decode("utf-8", errors="replace")
        return ("toml" if first == b"+++" else "yaml"), text
    if head.startswith(b"{"):
        text = head.decode("utf-8", errors="replace")
        try:
            json.JSONDecoder().raw_decode(text)
        except json.JSONDecodeError:
            return None
        return "json", text
    return "", ""


_YAML_TOP = re.compile(r"^([A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]|$)")
_YAML_ALIAS = re.compile(r"(?:^|[\s\[,:-])\*[\w-]")


def yaml_subset(text: str, wanted: set[str]) -> str | None:
    """Only the top-level entries of a YAML front matter whose keys (any case) are `wanted`,
    or None when the text is not plain enough to cut safely (quoted or complex keys, aliases)."""
    out: list[str] = []
    keep = False
    for line in text.splitlines():
        if line[:1] in ("", " ", "\t", "-", "#"):  # inside an entry (or a comment)
            if keep:
                out.append(line)
            continue
        m = _YAML_TOP.match(line)
        if m is None:
            return None
        keep = m.group(1).lower() in wanted
        if keep:
            out.append(line)
    subset = "\n".join(out)
    return None if _YAML_ALIAS.search(subset) else subset


def parse_front(kind: str, text: str, wanted: set[str] | None = None) -> dict[str, Any]:
    """The front matter's keys; with `wanted`, a YAML front matter may be read for those only."""
    if kind == "yaml" and wanted:
        text = yaml_subset(text, wanted) or text
    if kind == "toml":
        return rtoml.loads(text)  # the Rust parser: ~6x tomllib, and this runs per file
    if kind == "yaml":
        import yaml  # here, not at the app's start (imported once, then a dictionary look-up)

        data = yaml.load(
            text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )  # libyaml if the wheel has it
        if data is not None and not isinstance(data, dict):
            raise ValueError("the front matter is not a table of keys")
        return data or {}
    if kind == "json":
        data, _end = json.JSONDecoder().raw_decode(text)
        return data if isinstance(data, dict) else {}
    return {}
