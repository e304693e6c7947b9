"""Front matter: split a post into its parts and edit TOML, YAML and JSON keeping every untouched byte.

The split keeps the text exactly (BOM, delimiters, line endings, body). Edits never re-serialise
a whole document: TOML goes through tomlkit, which keeps comments, order and spacing; YAML and
JSON edits are spliced into the original text, replacing only the lines of the edited key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from editor.core.post.frontmatter.codec import Codec
from editor.core.post.frontmatter.split import (
    DELIMITERS,
    FrontMatterError,
    NativeDate,
    Split,
    edit_keeping_newlines,
    split,
)

__all__ = [
    "CODECS",
    "DELIMITERS",
    "Codec",
    "FrontMatterError",
    "NativeDate",
    "Split",
    "edit_keeping_newlines",
    "split",
]


def _toml() -> Codec:
    from editor.core.post.frontmatter.toml_codec import TomlCodec

    return TomlCodec()


def _yaml() -> Codec:
    from editor.core.post.frontmatter.yaml_codec import YamlCodec

    return YamlCodec()


def _json() -> Codec:
    from editor.core.post.frontmatter.json_codec import JsonCodec

    return JsonCodec()


# written out, not computed: a bundler (PyInstaller) finds the modules by these imports
_CODEC_CLASSES: dict[str, Callable[[], Codec]] = {"toml": _toml, "yaml": _yaml, "json": _json}


class _Codecs(Mapping[str, Codec]):
    """Each format's codec, its module imported when a post of that format is first read (a TOML
    site never loads the YAML library)."""

    def __init__(self) -> None:
        self._made: dict[str, Codec] = {}

    def __getitem__(self, format: str) -> Codec:
        if format not in _CODEC_CLASSES:
            raise KeyError(format)
        if format not in self._made:
            self._made[format] = _CODEC_CLASSES[format]()
        return self._made[format]

    def __iter__(self) -> Iterator[str]:
        return iter(_CODEC_CLASSES)

    def __len__(self) -> int:
        return len(_CODEC_CLASSES)


CODECS: Mapping[str, Codec] = _Codecs()
