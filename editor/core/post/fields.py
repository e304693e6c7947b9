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


# The keys the form shows with widgets of their own (every other key is in its "Other fields"
# table); emptying one of them removes the key rather than writing an empty value.
FORM_KEYS = ("title", "slug", "date", "draft", "tags", "categories", "author", "description")


# Every front-matter key Hugo 0.168 reads for the page itself (lower case, aliases included);
# any other key is a custom parameter (`.Params.key`), at the top or under `params`.
PAGE_KEYS = frozenset(
    {
        "aliases", "build", "cascade", "date", "description", "draft", "expirydate", "headless",
        "iscjklanguage", "keywords", "lastmod", "layout", "linktitle", "markup", "menus", "menu",
        "outputs", "params", "publishdate", "resources", "sitemap", "sites", "slug", "summary",
        "title", "translationkey", "type", "url", "weight", "modified", "pubdate", "published",
        "unpublishdate",
    }
)  # fmt: skip


# front-matter keys Hugo 0.144 stopped reading as the page's own (deprecated then, ignored in
# later releases: a custom parameter only, as Hugo 0.168 checks show)
NO_LONGER_READ = {
    "lang": "Hugo no longer sets the page's language from front matter (since 0.144): put the post in "
    "the language's content folder or name it name.LANG.md",
    "kind": "Hugo no longer sets the page's kind from front matter (since 0.144): remove it",
    "path": "Hugo no longer sets the page's path from front matter (since 0.144): the page stays at "
    "its file's path; use url (or slug) to move it",
}


def field(key: str) -> Field | None:
    return BY_KEY.get(key.lower())


def is_draft(value: object) -> bool:
    """Whether Hugo reads a `draft` value as true (its cast.ToBool: a boolean, a string that
    strconv.ParseBool takes as true, a non-zero integer); anything else is false."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value != 0
    return isinstance(value, str) and value in PARSEBOOL_TRUE
