"""Preferences are data: each read back as its kind, anything else is the default."""

from __future__ import annotations

import pytest

from editor.core.preferences import BY_KEY, OPTIONS


def test_every_option_is_declared_once_with_a_default_of_its_kind() -> None:
    assert len(BY_KEY) == len(OPTIONS)
    for option in OPTIONS:
        assert option.read(None) == option.default and option.help and option.label
        if option.kind == "choice":
            assert option.default in {value for value, _label in option.choices}
        if option.kind == "int":
            assert option.low <= option.default <= option.high


@pytest.mark.parametrize(
    "key,raw,value",
    [
        ("theme", "dark", "dark"),
        ("theme", "purple", "system"),
        ("editor_font_size", "14", 14),
        ("editor_font_size", "400", 0),
        ("editor_font_size", "big", 0),
        ("focus_column", 90, 90),
        ("hugo_binary", " /opt/hugo ", "/opt/hugo"),
        ("preview_font", " Noto Sans ", "Noto Sans"),
        ("preview_font", 'x"; } body { color: red', "x  body  color: red"),
        ("preview_font_size", "9", 17),
    ],
)
def test_a_stored_value_is_read_as_its_kind_or_the_default(key: str, raw: object, value: object) -> None:
    assert BY_KEY[key].read(raw) == value
