"""The front-matter fields Hugo knows, as data: what the form, the CLI and the checks share."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    key: str
    kind: str  # "string", "date", "bool", "list", "text"
    help: str
    aliases: tuple[str, ...] = ()


FIELDS: tuple[Field, ...] = (
    Field("title", "string", "The post's title."),
    Field("slug", "string", "The last part of the post's URL."),
    Field("date", "date", "When the post is dated; Hugo skips future posts without --buildFuture."),
    Field("draft", "bool", "A draft is not published."),
    Field("tags", "list", "Tags (a taxonomy)."),
    Field("categories", "list", "Categories (a taxonomy)."),
    Field("description", "text", "A summary for listings and search engines."),
    Field("author", "string", "Who wrote the post."),
    Field("lastmod", "date", "When the post was last changed.", ("modified",)),
    Field("publishDate", "date", "Not published before this date.", ("pubdate", "published")),
    Field("expiryDate", "date", "Not published after this date.", ("unpublishdate",)),
)

BY_KEY = {f.key.lower(): f for f in FIELDS} | {a: f for f in FIELDS for a in f.aliases}

DATE_KEYS = frozenset(k for k, f in BY_KEY.items() if f.kind == "date")
TAXONOMY_KEYS = frozenset({"tags", "categories"})

# strconv.ParseBool: what Hugo reads as a boolean from a string
PARSEBOOL_TRUE = frozenset({"1", "t", "T", "TRUE", "true", "True"})
PARSEBOOL_FALSE = frozenset({"0", "f", "F", "FALSE", "false", "False"})


def field(key: str) -> Field | None:
    return BY_KEY.get(key.lower())
