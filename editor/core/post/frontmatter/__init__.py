"""Front matter: split a post into its parts and edit TOML, YAML and JSON keeping every untouched byte.

The split keeps the text exactly (BOM, delimiters, line endings, body). Edits never re-serialise
a whole document: TOML goes through tomlkit, which keeps comments, order and spacing; YAML and
JSON edits are spliced into the original text, replacing only the lines of the edited key.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping

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

_CODEC_CLASSES = {"toml": "TomlCodec", "yaml": "YamlCodec", "json": "JsonCodec"}


class _Codecs(Mapping[str, Codec]):
    """Each format's codec, its module imported when a post of that format is first read (a TOML
    site never loads the YAML library)."""

    def __init__(self) -> None:
        self._made: dict[str, Codec] = {}

    def __getitem__(self, format: str) -> Codec:
        if format not in _CODEC_CLASSES:
            raise KeyError(format)
        if format not in self._made:
            module = importlib.import_module(f"{__name__}.{format}_codec")
            self._made[format] = getattr(module, _CODEC_CLASSES[format])()
        return self._made[format]

    def __iter__(self) -> Iterator[str]:
        return iter(_CODEC_CLASSES)

    def __len__(self) -> int:
        return len(_CODEC_CLASSES)


CODECS: Mapping[str, Codec] = _Codecs()
