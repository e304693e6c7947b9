"""Link sections: the groups of links talk posts end with (`### Person`, then `* [Title](url)`);
asking the web about them (status, page titles) is `web`.

Found with markdown-it's tokens and their source line maps. Every group and item keeps its own
source lines, so writing an unchanged section gives back identical bytes; a changed item is
written in the post's own style (its bullet character, its heading level).
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_md: MarkdownIt | None = None


def _parser() -> MarkdownIt:
    """CommonMark's parser, made on first use (markdown-it is not needed to show the window)."""
    global _md
    if _md is None:
        from markdown_it import MarkdownIt

        _md = MarkdownIt("commonmark")
    return _md


@dataclass
class Item:
    """One bullet: a link (`kind` inline, reference or autolink) or anything else, kept as is."""

    lines: list[str]  # its source lines, exactly
    kind: str  # "inline", "reference", "autolink" or "other"
    text: str = ""
    url: str = ""
    title: str = ""
    start: int = -1  # its first source line in the body (-1: a new item)
    end: int = -1  # the line after its last (blank lines after it not included)

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "url": self.url,
            "title": self.title,
            "source": "\n".join(self.lines),
        }


@dataclass
class Group:
    heading: str
    level: int
    start: int  # the heading's line (0-based, in the body)
    end: int  # the line after the list
    items: list[Item] = field(default_factory=list)
    between: list[str] = field(default_factory=lambda: [""])  # lines between heading and list
    after: list[str] = field(default_factory=list)  # lines after the last item, in the list

    @property
    def links(self) -> list[Item]:
        return [i for i in self.items if i.kind != "other"]


@dataclass
class Section:
    groups: list[Group]

    @property
    def start(self) -> int:
        return self.groups[0].start

    @property
    def end(self) -> int:
        return self.groups[-1].end


def find(body: str) -> list[Section]:
    """The link sections of a body: runs of headings each followed by a list of links."""
    lines = body.split("\n")
    tokens = _parser().parse(body)
    groups: list[Group] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open" and tok.level == 0 and i + 3 < len(tokens):
            following = tokens[i + 3]
            if following.type == "bullet_list_open" and following.map and tok.map:
                close = _closing(tokens, i + 3)
                group = Group(tokens[i + 1].content, int(tok.tag[1]), tok.map[0], following.map[1])
                group.items = _items(tokens[i + 3 : close + 1], lines)
                group.between = lines[tok.map[1] : following.map[0]]
                if group.items:
                    group.after = lines[group.items[-1].end : following.map[1]]
                links = len(group.links)
                if links and links * 2 >= len(group.items):
                    groups.append(group)
                i = close + 1
                continue
        i += 1
    sections: list[Section] = []
    for group in groups:
        if sections and _only_blank(lines, sections[-1].end, group.start):
            sections[-1].groups.append(group)
        else:
            sections.append(Section([group]))
    return sections


def _closing(tokens: list[Token], at: int) -> int:
    depth = 0
    for n in range(at, len(tokens)):
        depth += tokens[n].nesting
        if depth == 0:
            return n
    return len(tokens) - 1


def _only_blank(lines: list[str], a: int, b: int) -> bool:
    return all(not line.strip() for line in lines[a:b])


_INLINE = re.compile(r"^\s*[-*+]\s+\[(?:[^\]\\]|\\.)*\]\(")  # the text may wrap over lines


def _items(tokens: list[Token], lines: list[str]) -> list[Item]:
    out = []
    depth = 0
    for n, tok in enumerate(tokens):
        if tok.type == "list_item_open" and depth == 1 and tok.map:
            close = _closing(tokens, n)
            inner = tokens[n + 1 : close]
            source = lines[tok.map[0] : tok.map[1]]
            while source and not source[-1].strip():
                source = source[:-1]  # blank lines after an item belong to the list, not it
            item = _item(inner, source)
            item.start, item.end = tok.map[0], tok.map[0] + len(source)
            out.append(item)
        depth += tok.nesting
    return out


def _item(inner: list[Token], source: list[str]) -> Item:
    blocks = [t for t in inner if t.level == 2 or t.type == "inline"]
    inline = [t for t in inner if t.type == "inline"]
    nested = any(t.type in ("bullet_list_open", "ordered_list_open") for t in inner)
    if nested or len(inline) != 1 or len(blocks) > 3:
        return Item(source, "other")
    kids = [k for k in inline[0].children or [] if not (k.type == "text" and not k.content.strip())]
    if (
        len(kids) < 2
        or kids[0].type != "link_open"
        or kids[-1].type != "link_close"
        or any(k.type == "link_open" for k in kids[1:])
    ):
        return Item(source, "other")
    link = kids[0]
    text = "".join(k.content if k.type != "softbreak" else "\n" for k in kids[1:-1])
    if link.markup == "autolink":
        kind = "autolink"
    elif _INLINE.match("\n".join(source)):
        kind = "inline"
    else:
        kind = "reference"
    return Item(source, kind, text, str(link.attrGet("href") or ""), str(link.attrGet("title") or ""))


def write(body: str, section: Section, start: int | None = None, end: int | None = None) -> str:
    """The body with the section's lines written back from its groups and items: the lines of
    what did not change are the original lines, gaps between them kept as they were."""
    lines = body.split("\n")
    first = section.start if start is None else start
    last = section.end if end is None else end
    out: list[str] = []
    for n, group in enumerate(section.groups):
        after = _split_blank_tail(group.after)[0]
        if n:
            prev = section.groups[n - 1]
            prev_gap = _split_blank_tail(prev.after)[1]
            if 0 <= prev.end <= group.start and _only_blank(lines, prev.end, group.start):
                # neighbours before: the lines that were between them
                out.extend(prev_gap + lines[prev.end : group.start])
            elif not out or out[-1].strip():
                out.append("")
        out.append(lines[group.start] if group.start >= 0 else "#" * group.level + " " + group.heading)
        known = sorted((i for i in group.items if i.start >= 0), key=lambda i: i.start)
        out.extend(group.between)
        # between two items that were neighbours, the lines that were there (a loose list's
        # blank lines); between others, the list's usual gap
        neighbours = {
            (a.start, b.start)
            for a, b in itertools.pairwise(known)
            if a.end <= b.start and _only_blank(lines, a.end, b.start)
        }
        usual = next(
            (
                lines[a.end : b.start]
                for a, b in itertools.pairwise(known)
                if (a.start, b.start) in neighbours
            ),
            [],
        )
        for k, item in enumerate(group.items):
            out.extend(item.lines)
            following = group.items[k + 1] if k + 1 < len(group.items) else None
            if following is not None:
                out.extend(
                    lines[item.end : following.start]
                    if (item.start, following.start) in neighbours
                    else usual
                )
            else:
                out.extend(after)  # what followed the list's last item
    # the section ends with the blank lines it ended with, whichever group is last now
    out.extend(_split_blank_tail(lines[first:last])[1])
    return "\n".join(lines[:first] + out + lines[last:])


def _split_blank_tail(lines: list[str]) -> tuple[list[str], list[str]]:
    n = len(lines)
    while n and not lines[n - 1].strip():
        n -= 1
    return lines[:n], lines[n:]


def apply_json(body: str, data: list[dict[str, Any]]) -> str:
    """Write sections back from `as_json`'s shape: what is unchanged keeps its lines, the rest is
    written in the post's style (bullet character, heading level)."""
    sections = find(body)
    if len(data) != len(sections):
        raise ValueError(f"{len(data)} sections given, the post has {len(sections)}")
    for section, given in reversed(list(zip(sections, data, strict=True))):
        old_items: dict[str, list[Item]] = {}  # by source; each is used once (twins are twice)
        for g in section.groups:
            for i in g.items:
                old_items.setdefault("\n".join(i.lines), []).append(i)
        old_groups: dict[tuple[str, int], list[Group]] = {}
        for g in section.groups:
            old_groups.setdefault((g.heading, g.level), []).append(g)
        bullet = _bullet(section)
        groups: list[Group] = []
        for g in given["groups"]:
            twins = old_groups.get((g["heading"], int(g["level"])))
            old = twins.pop(0) if twins else None
            group = Group(g["heading"], int(g["level"]), old.start if old else -1, old.end if old else -1)
            if old is not None:
                group.between, group.after = old.between, old.after
            elif groups:
                group.between, group.after = groups[-1].between, groups[-1].after
            for it in g["items"]:
                same = old_items.get(it.get("source", ""))
                item = same.pop(0) if same else None
                if item is None or (item.text, item.url, item.title) != (it["text"], it["url"], it["title"]):
                    item = _new_item(bullet, it)
                group.items.append(item)
            groups.append(group)
        body = write(body, Section(groups), section.start, section.end)
    return body


def _bullet(section: Section) -> str:
    for group in section.groups:
        for item in group.items:
            m = re.match(r"\s*([-*+])\s", item.lines[0]) if item.lines else None
            if m:
                return m.group(1)
    return "*"


def _new_item(bullet: str, it: dict[str, Any]) -> Item:
    if it.get("kind") == "other":
        return Item(str(it.get("source", "")).split("\n"), "other")
    title = f' "{it["title"]}"' if it.get("title") else ""
    line = f"{bullet} [{it['text']}]({it['url']}{title})"
    return Item(line.split("\n"), "inline", it["text"], it["url"], it.get("title", ""))


def check_url(url: str) -> str | None:
    """What is wrong with a link's URL, without the network; None when nothing is."""
    if not url.strip():
        return "empty URL"
    if "{{" in url:
        return None if re.search(r"\{\{[<%]\s*(?:rel)?ref\b", url) else "a shortcode in the URL"
    if any(ch.isspace() for ch in url):
        return "spaces in the URL"
    if url.count("(") != url.count(")"):
        return "unbalanced parentheses"
    parts = urlsplit(url)
    if parts.scheme and parts.scheme not in ("http", "https", "mailto"):
        return f"a {parts.scheme}: link"
    if parts.scheme in ("http", "https") and not parts.netloc:
        return "no host in the URL"
    return None


_LOOKS_LIKE_LINK = re.compile(r"^\s*[-*+]\s+\[")


def problems(section: Section) -> list[tuple[Group, Item, str]]:
    """URL problems and URLs used twice in the section."""
    out = []
    seen: set[str] = set()
    for group in section.groups:
        for item in group.items:
            if item.kind == "other" and item.lines and _LOOKS_LIKE_LINK.match(item.lines[0]):
                out.append((group, item, "not a link Markdown can read: check the brackets and the URL"))
        for item in group.links:
            issue = check_url(item.url)
            if issue:
                out.append((group, item, issue))
            elif item.url in seen:
                out.append((group, item, "the same URL twice in this section"))
            seen.add(item.url)
    return out


def as_json(sections: list[Section], offset: int = 0) -> list[dict[str, Any]]:
    """Sections as JSON; lines 1-based, `offset` lines before the body (the front matter)."""
    return [
        {
            "start_line": s.start + offset + 1,
            "end_line": s.end + offset,
            "groups": [
                {
                    "heading": g.heading,
                    "level": g.level,
                    "start_line": g.start + offset + 1,
                    "end_line": g.end + offset,
                    "items": [{**i.as_json(), "line": i.start + offset + 1} for i in g.items],
                }
                for g in s.groups
            ],
        }
        for s in sections
    ]


def section_text(groups: list[dict[str, Any]], bullet: str = "*") -> str:
    """A new section's Markdown from `as_json`'s group shape: groups apart by a blank line."""
    out: list[str] = []
    for g in groups:
        if out:
            out.append("")
        out += ["#" * int(g.get("level", 3)) + " " + g["heading"], ""]
        for it in g["items"]:
            out += _new_item(bullet, it).lines
    return "\n".join(out)


@dataclass
class LibraryGroup:
    """A link group as the site's posts use it: its links gathered from every post (by URL)."""

    heading: str
    level: int
    items: list[Item] = field(default_factory=list)
    posts: list[Path] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "heading": self.heading,
            "level": self.level,
            "items": [{k: v for k, v in i.as_json().items() if k != "source"} for i in self.items],
        }

    def matches(self, words: str) -> bool:
        """Every word of the search is in the heading, a link's text or URL, or a post's name."""
        hay = " ".join(
            [
                self.heading,
                *(i.text + " " + i.url for i in self.items),
                *(p.stem + " " + p.parent.name for p in self.posts),
            ]
        ).casefold()
        return all(w in hay for w in words.casefold().split())


def library(paths: Iterable[Path], body_of: Callable[[Path], str | None]) -> list[LibraryGroup]:
    """Every link group of these posts, one entry per heading (case-folded), the most used first."""
    groups: dict[str, LibraryGroup] = {}
    for path in paths:
        body = body_of(path)
        if body is None:
            continue
        for section in find(body):
            for group in section.groups:
                entry = groups.setdefault(group.heading.casefold(), LibraryGroup(group.heading, group.level))
                if path not in entry.posts:
                    entry.posts.append(path)
                have = {i.url for i in entry.items}
                entry.items += [i for i in group.links if i.url not in have]
    return sorted(groups.values(), key=lambda g: (-len(g.posts), g.heading.casefold()))


def move(data: list[dict[str, Any]], source: tuple[int, ...], before: tuple[int, ...]) -> bool:
    """Move a group `(s, g)` or a link `(s, g, n)` of `as_json` data to just before the place
    `before` names (`(s, g)` a group's place, `(s, g, n)` a link's place in group g; an index
    one past the end is the end). A section keeps at least one group. True when anything moved."""
    if len(source) != len(before):
        return False
    if len(source) == 2:
        (s, g), (t, h) = source, before
        if (s == t and h in (g, g + 1)) or (s != t and len(data[s]["groups"]) == 1):
            return False
        group = data[s]["groups"].pop(g)
        data[t]["groups"].insert(h - 1 if s == t and h > g else h, group)
        return True
    (s, g, n), (t, h, m) = source, before
    if (s, g) == (t, h) and m in (n, n + 1):
        return False
    items = data[s]["groups"][g]["items"]
    if len(items) == 1 and (s, g) != (t, h):
        return False  # the group's last link: a group without links is no link group
    item = items.pop(n)
    data[t]["groups"][h]["items"].insert(m - 1 if (s, g) == (t, h) and m > n else m, item)
    return True


_MD_LINK = re.compile(r"^\s*\[(?P<text>(?:[^\]\\]|\\.)+)\]\((?P<url>\S+?)(?:\s+\"(?P<title>[^\"]*)\")?\)\s*$")
_ANCHOR = re.compile(r"<a\s[^>]*?href=[\"'](?P<url>[^\"']+)[\"'][^>]*>(?P<text>.*?)</a>", re.I | re.S)


def link_from_paste(text: str, markup: str = "") -> tuple[str, str] | None:
    """(text, URL) of what was copied: a link copied from a web page (its HTML has one `<a>`),
    a Markdown link, or a bare web address (its text is the address until the author fetches
    the page's title). None when the clipboard holds no link."""
    anchors = _ANCHOR.findall(markup) if markup else []
    if len(anchors) == 1:
        url, inner = anchors[0]
        words = " ".join(html.unescape(re.sub(r"<[^>]+>", "", inner)).split())
        return (words or url), html.unescape(url)
    m = _MD_LINK.match(text)
    if m:
        return m.group("text"), m.group("url")
    candidate = text.strip()
    parts = urlsplit(candidate)
    if parts.scheme in ("http", "https") and parts.netloc and check_url(candidate) is None:
        return candidate, candidate
    return None


def body_bullet(body: str) -> str:
    """The bullet character the post's lists use (its link sections' first), `*` by default."""
    sections = find(body)
    if sections:
        return _bullet(sections[0])
    m = re.search(r"^ {0,3}([-*+])[ \t]+\S", body, re.MULTILINE)
    return m.group(1) if m else "*"
