"""Link sections: found by markdown-it's tokens, written back byte for byte, edited in style."""

from __future__ import annotations

import difflib
import subprocess
import sys
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core import links
from editor.core.post import Post, PostError
from tests.conftest import CORPUS, ROOT

FIXTURE = (
    "Intro.\r\n\r\n"
    "## Talks\r\n\r\n"
    '- [Hugo docs](https://gohugo.io/ "The docs")\r\n'
    "- [The spec][spec]\r\n"
    "- <https://commonmark.org/>\r\n"
    "- Not a link, just a note\r\n\r\n"
    "## People\r\n\r\n"
    "- [Someone](https://example.org/someone)\r\n\r\n"
    "[spec]: https://spec.commonmark.org/\r\n"
)


def test_the_seed_post_has_six_groups_and_twelve_links(seed_post: Path) -> None:
    body = Post.load(seed_post).body
    [section] = links.find(body)
    assert [g.heading for g in section.groups][:2] == ["Peter Alvaro", "Kyle Kingsbury"]
    assert len(section.groups) == 6 and sum(len(g.links) for g in section.groups) == 12
    two_lines = next(i for g in section.groups for i in g.items if "\n" in i.text)
    assert two_lines.kind == "inline" and len(two_lines.lines) == 2
    assert two_lines.url == "http://queue.acm.org/detail.cfm?ref=rss&id=2889274"
    assert links.write(body, section) == body


def test_corpus_link_sections_write_back_identically(need_corpus: None) -> None:
    found = 0
    for path in sorted(CORPUS.rglob("*.md")):
        try:
            body = Post.load(path).body
        except PostError:
            continue
        for section in links.find(body):
            found += 1
            assert links.write(body, section) == body, path
    assert found >= 5


def test_styles_kinds_and_crlf() -> None:
    [section] = links.find(FIXTURE)
    talks, people = section.groups
    assert (talks.heading, talks.level, people.heading) == ("Talks", 2, "People")
    assert [i.kind for i in talks.items] == ["inline", "reference", "autolink", "other"]
    assert talks.items[0].title == "The docs" and talks.items[1].url == "https://spec.commonmark.org/"
    assert links.write(FIXTURE, section) == FIXTURE


def test_adding_a_link_changes_only_that_groups_lines() -> None:
    data = links.as_json(links.find(FIXTURE))
    data[0]["groups"][1]["items"].append(
        {"kind": "inline", "text": "Another", "url": "https://x.org/", "title": ""}
    )
    after = links.apply_json(FIXTURE, data)
    added = [line for line in difflib.ndiff(FIXTURE.split("\n"), after.split("\n")) if line[:1] in "+-"]
    assert added == ["+ - [Another](https://x.org/)"]  # the post's own bullet character


def test_url_checks() -> None:
    assert links.check_url("") == "empty URL"
    assert links.check_url("https://a b") == "spaces in the URL"
    assert links.check_url("https://en.wikipedia.org/wiki/X_(y") == "unbalanced parentheses"
    assert links.check_url("ftp://example.org/") == "a ftp: link"
    assert links.check_url("https://") == "no host in the URL"
    assert links.check_url('{{< ref "post.md" >}}') is None and links.check_url("../other/") is None
    body = "### A\n\n* [x](https://a.org/)\n* [y](https://a.org/)\n* [z](javascript:alert(1))\n"
    issues = [issue for _g, _i, issue in links.problems(links.find(body)[0])]
    assert issues == [
        "not a link Markdown can read: check the brackets and the URL",
        "the same URL twice in this section",
    ]


def test_the_command_line_round_trip_leaves_the_file_identical(tmp_path: Path, seed_post: Path) -> None:
    path = tmp_path / "talk.md"
    path.write_bytes(seed_post.read_bytes())
    out = subprocess.run(
        [sys.executable, "-m", "editor", "links", str(path), "--json"],
        capture_output=True,
        check=True,
        cwd=ROOT,
    )
    subprocess.run(
        [sys.executable, "-m", "editor", "links", str(path), "--apply", "-"],
        input=out.stdout,
        check=True,
        cwd=ROOT,
    )
    assert path.read_bytes() == seed_post.read_bytes()


words = (
    st.text(alphabet=st.sampled_from("abcdefgh XYZ'é-"), min_size=1, max_size=20).map(str.strip).filter(bool)
)
urls = st.builds(
    lambda host, path: f"https://{host}.org/{path}",
    st.text("abcxyz", min_size=1, max_size=8),
    st.text("abc/-_", max_size=10),
)


@settings(max_examples=80, deadline=None)
@given(
    groups=st.lists(
        st.tuples(
            words, st.lists(st.tuples(words, urls, st.one_of(st.just(""), words)), min_size=1, max_size=4)
        ),
        min_size=1,
        max_size=4,
    ),
    bullet=st.sampled_from("*-+"),
    level=st.integers(2, 4),
    loose=st.booleans(),
)
def test_generated_sections_parse_and_write_back(groups: list, bullet: str, level: int, loose: bool) -> None:
    parts = ["Intro paragraph.", ""]
    for heading, items in groups:
        parts += ["#" * level + " " + heading, ""]
        for text, url, title in items:
            parts.append(f"{bullet} [{text}]({url}" + (f' "{title}")' if title else ")"))
            if loose:
                parts.append("")
        if not loose:
            parts.append("")
    body = "\n".join(parts)
    [section] = links.find(body)
    assert [(g.heading, [(i.text, i.url, i.title) for i in g.items]) for g in section.groups] == [
        (h, [(t, u, ti) for t, u, ti in items]) for h, items in groups
    ]
    assert links.write(body, section) == body
    assert links.apply_json(body, links.as_json(links.find(body))) == body


def _titles(data: list[dict[str, Any]]) -> list[list[str]]:
    return [[g["heading"]] + [i["text"] for i in g["items"]] for s in data for g in s["groups"]]


def test_move_groups_and_links_in_the_json_shape() -> None:
    body = "### A\n\n* [a1](u1)\n* [a2](u2)\n\n### B\n\n* [b1](v1)\n"
    data = links.as_json(links.find(body))
    assert not links.move(data, (0, 0, 0), (0, 0, 1))  # its own place
    assert links.move(data, (0, 0, 0), (0, 0, 2))  # a1 to the end of A
    assert _titles(data) == [["A", "a2", "a1"], ["B", "b1"]]
    assert links.move(data, (0, 0, 1), (0, 1, 0))  # a1 to the start of B
    assert _titles(data) == [["A", "a2"], ["B", "a1", "b1"]]
    assert not links.move(data, (0, 0, 0), (0, 1, 0))  # A's last link stays
    assert links.move(data, (0, 1), (0, 0))  # B before A
    assert _titles(data) == [["B", "a1", "b1"], ["A", "a2"]]
    new = links.apply_json(body, data)
    assert new == "### B\n\n* [a1](u1)\n* [b1](v1)\n\n### A\n\n* [a2](u2)\n"


@settings(max_examples=80, deadline=None)
@given(
    groups=st.lists(
        st.tuples(words, st.lists(st.tuples(words, urls, st.just("")), min_size=1, max_size=4)),
        min_size=1,
        max_size=4,
    ),
    moves=st.lists(st.tuples(*[st.integers(0, 20)] * 4, st.booleans()), max_size=6),
    loose=st.booleans(),
    tail=st.sampled_from(["", "\nAfter the links.\n"]),
)
def test_random_moves_write_what_the_data_says(groups: list, moves: list, loose: bool, tail: str) -> None:
    parts = []
    for heading, items in groups:
        parts += ["### " + heading, ""]
        for text, url, _title in items:
            parts += [f"* [{text}]({url})"] + ([""] if loose else [])
        parts += [] if loose else [""]
    body = "\n".join(parts) + tail
    data = links.as_json(links.find(body))
    for a, b, c, d, of_links in moves:
        gs = data[0]["groups"]
        g, h = a % len(gs), c % (len(gs) + 1)
        if of_links:
            h = c % len(gs)
            links.move(data, (0, g, b % len(gs[g]["items"])), (0, h, d % (len(gs[h]["items"]) + 1)))
        else:
            links.move(data, (0, g), (0, h))
    new = links.apply_json(body, data)
    [section] = links.find(new)
    assert [[g.heading] + [i.text for i in g.items] for g in section.groups] == _titles(data)
    assert new.endswith(tail or "\n") and "\n\n\n" not in new
