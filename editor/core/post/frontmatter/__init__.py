"""Front matter: split a post into its parts and edit TOML, YAML and JSON keeping every untouched byte.

The split keeps the text exactly (BOM, delimiters, line endings, body). Edits never re-serialise
a whole document: TOML goes through tomlkit, which keeps comments, order and spacing; YAML and
JSON edits are spliced into the original text, replacing only the lines of the edited key.
"""

from __future__ import annotations

from editor.core.post.frontmatter.codec import Codec
from editor.core.post.frontmatter.json_codec import JsonCodec
from editor.core.post.frontmatter.split import (
    DELIMITERS,
    FrontMatterError,
    NativeDate,
    Split,
    edit_keeping_newlines,
    split,
)
from editor.core.post.frontmatter.toml_codec import TomlCodec
from editor.core.post.frontmatter.yaml_codec import YamlCodec

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

CODECS: dict[str, Codec] = {"toml": TomlCodec(), "yaml": YamlCodec(), "json": JsonCodec()}
