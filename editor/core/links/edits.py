"""Edits of a post's link sections, each from the body to a new body (the dock applies it to the
Markdown pane as one undoable change of just the lines that differ): add, change, delete and move
groups and links, and start a new section. A place in the sections is (section, group) or
(section, group, link), counted from 0; `select` is the place to show selected afterwards.

Every edit goes through the interchange shape (`as_json` / `apply_json`), so an unchanged group or
link keeps its bytes and a changed one is written in the post's own style."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from editor.core.links import apply_json, as_json, body_bullet, find, move, section_text

Place = tuple[int, ...]
NEW_GROUP_HEADING = "New group"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>!])")


def markdown_text(plain: str) -> str:
    """Plain text (a page's title) as Markdown link text that shows exactly that text: brackets
    and the other characters Markdown would read as syntax are escaped, so a title such as
    "[x](https://elsewhere)" cannot turn the link into another."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(plain.split()))


def new_link(text: str = "Link text", url: str = "https://", title: str = "") -> dict[str, Any]:
    return {"kind": "inline", "text": text, "url": url, "title": title}


def new_group(level: int = 3, heading: str = NEW_GROUP_HEADING) -> dict[str, Any]:
    return {"heading": heading, "level": level, "items": [new_link()]}


@dataclass(frozen=True)
class Edit:
    body: str
    select: Place | None = None


def _sections(body: str) -> list[dict[str, Any]]:
    return as_json(find(body))


def change(body: str, place: Place, field: str, value: str) -> Edit:
    """A group's `heading`, or a link's `text`, `url` or `title`."""
    data = _sections(body)
    s, g = place[:2]
    if len(place) == 2:
        data[s]["groups"][g]["heading"] = value
    else:
        data[s]["groups"][g]["items"][place[2]][field] = value
    return Edit(apply_json(body, data), place)


def title_from_page(body: str, url: str, title: str) -> Edit | None:
    """The first link to `url` takes `title` as its text (None: no such link)."""
    data = _sections(body)
    for s, section in enumerate(data):
        for g, group in enumerate(section["groups"]):
            for n, item in enumerate(group["items"]):
                if item["url"] == url and item["kind"] != "other":
                    item["text"] = markdown_text(title)
                    return Edit(apply_json(body, data), (s, g, n))
    return None


def insert_link(body: str, link: dict[str, Any], place: Place) -> Edit:
    """`link` after the link at `place`, or at the end of the group at `place`."""
    data = _sections(body)
    s, g = place[:2]
    items = data[s]["groups"][g]["items"]
    at = place[2] + 1 if len(place) > 2 else len(items)
    items.insert(at, new_link(link["text"], link["url"], link.get("title", "")))
    return Edit(apply_json(body, data), (s, g, at))


def insert_groups(body: str, groups: list[dict[str, Any]], place: Place | None, cursor_line: int) -> Edit:
    """Groups after the group at `place` (else at the end of the post's last section), at that
    group's heading level; as a new section after the paragraph at `cursor_line` when the post
    has none."""
    data = _sections(body)
    if not data:
        return new_section(body, groups, cursor_line)
    s, g = place[:2] if place else (len(data) - 1, len(data[-1]["groups"]) - 1)
    level = data[s]["groups"][g]["level"]
    for k, group in enumerate(groups):
        data[s]["groups"].insert(g + 1 + k, {**group, "level": level})
    return Edit(apply_json(body, data), (s, g + 1))


def new_section(body: str, groups: list[dict[str, Any]], cursor_line: int) -> Edit:
    """`groups` as a new section after the paragraph at `cursor_line`, apart from the text around
    by a blank line, in the post's bullet style; its first group selected."""
    lines = body.split("\n")
    at = cursor_line
    while at < len(lines) and lines[at].strip():
        at += 1
    text = section_text(groups, body_bullet(body)).split("\n")
    if at == len(lines):  # the last paragraph, no line break after it
        new, heading = [*lines, "", *text, ""], len(lines) + 1
    else:  # lines[at] is blank: the section goes after it
        rest = lines[at + 1 :]
        new = lines[: at + 1] + text + ([""] if not rest or rest[0].strip() else []) + rest
        heading = at + 1
    out = "\n".join(new)
    for s, section in enumerate(find(out)):
        for g, group in enumerate(section.groups):
            if group.start == heading:
                return Edit(out, (s, g))
    return Edit(out)


def delete(body: str, place: Place) -> Edit:
    """The group or link at `place`; a group that loses its last link goes, and a section that
    loses its last group goes with the blank lines after it."""
    data = _sections(body)
    s, g = place[:2]
    groups = data[s]["groups"]
    if len(place) > 2:
        del groups[g]["items"][place[2]]
        if not groups[g]["items"]:
            del groups[g]
    else:
        del groups[g]
    if groups:
        return Edit(apply_json(body, data))
    section = find(body)[s]
    lines = body.split("\n")
    end = section.end
    while end < len(lines) - 1 and not lines[end].strip():
        end += 1
    return Edit("\n".join(lines[: section.start] + lines[end:]))


def move_to(body: str, what: Place, before: Place) -> Edit | None:
    """The group or link at `what` moved to just before `before` (None: not a move)."""
    data = _sections(body)
    return Edit(apply_json(body, data)) if move(data, what, before) else None


def move_by(body: str, place: Place, step: int) -> Edit | None:
    """The link (or group) at `place` one up (-1) or down (+1); a link at the end of its group goes
    on into the group next to it. None where it cannot go further."""
    data = _sections(body)
    s, g = place[:2]
    groups = data[s]["groups"]
    if len(place) == 2:
        target: Place = (s, g + step if step < 0 else g + 2)
        select: Place = (s, g + step)
    elif 0 <= place[2] + step < len(groups[g]["items"]):
        n = place[2]
        target, select = (s, g, n + step if step < 0 else n + 2), (s, g, n + step)
    elif 0 <= g + step < len(groups):
        end = 0 if step > 0 else len(groups[g + step]["items"])
        target, select = (s, g + step, end), (s, g + step, end)
    else:
        return None
    if min(target) >= 0 and move(data, place, target):
        return Edit(apply_json(body, data), select)
    return None
