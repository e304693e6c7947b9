"""Hugo compares front-matter and configuration keys without regard to case: one lookup for both.

When a mapping spells one key twice (`draft` and `Draft`), Hugo lower-cases each key that is not
lower-case already, writing its value over the lower-case one: any other spelling wins over the
all-lower-case one (checked against Hugo 0.168 in tests/core/test_dates_and_checks.py). Of two
other spellings (`Title`, `TITLE`) Hugo takes one at random (Go's map order); we take the last,
and `check` reports every such twin as an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def spellings(mapping: Mapping[Any, Any], name: str) -> list[Any]:
    """Every key of the mapping that Hugo reads as `name`, in the mapping's order."""
    lower = name.lower()
    return [key for key in mapping if str(key).lower() == lower]


def key_of(mapping: Mapping[Any, Any], name: str) -> Any:
    """The key whose value Hugo reads for `name`, or None."""
    found = spellings(mapping, name)
    others = [key for key in found if str(key) != str(key).lower()]
    return (others or found or [None])[-1]


def value_of(mapping: Mapping[Any, Any], name: str, default: Any = None) -> Any:
    """The value Hugo reads for `name`, or `default` when the key is not there."""
    key = key_of(mapping, name)
    return default if key is None else mapping[key]


def lowered(mapping: Mapping[Any, Any]) -> dict[str, Any]:
    """The mapping with lower-case keys, each holding the value Hugo reads for it (one pass: the
    post listing reads thousands of posts)."""
    out: dict[str, Any] = {}
    for key, value in mapping.items():
        low = str(key).lower()
        if str(key) != low or low not in out:
            out[low] = value
    return out
