"""The real Hugo reads every edited file as intended: the new value for the edited field and the
same values as before for every other field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from editor.core.post import Post
from tests.conftest import DATA, SEED, edge_posts, real_posts
from tests.helpers import hugo

pytestmark = pytest.mark.hugo

NEW_TITLE = "Edited: “quoted” # not a comment"
NEW_DATE = "2021-06-07T08:09:10-07:00"
DERIVED = ("date", "lastmod", "publishdate")  # Hugo derives the other two from date


def _editable(paths: list[Path]) -> dict[str, Post]:
    out = {}
    for p in paths:
        post = Post.load(p)
        if post.format is not None and post.metadata:
            out[str(p)] = post
    return out


def _without(page: dict[str, Any], *keys: str) -> dict[str, Any]:
    params = {k: v for k, v in page["params"].items() if k not in keys}
    return {**{k: v for k, v in page.items() if k not in (*keys, "params", "source")}, "params": params}


def _read_before_after(posts: dict[str, Post], edit: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """Hugo's reading of each post before and after `edit`, for the posts it gave a page of their own.

    Posts that set the same `slug` or `url` (a page and its translation, in our one-language test
    site) share one output file, and which one wins is Hugo's choice: only those may be missing.
    """
    before = hugo.read({name: post.to_bytes() for name, post in posts.items()})
    edited = {}
    for name, post in posts.items():
        edit(post)
        edited[name] = post.to_bytes()
    after = hugo.read(edited)
    missing = (set(posts) - set(before)) | (set(posts) - set(after))

    def target(post: Post) -> object:
        return post.get("url") or post.get("slug")

    shared = [target(p) for p in posts.values() if target(p)]
    assert all(target(posts[n]) and shared.count(target(posts[n])) > 1 for n in missing), missing
    both = set(before) & set(after)
    return {n: before[n] for n in both}, {n: after[n] for n in both}


def test_title_edit_over_every_real_post(need_corpus: None) -> None:
    posts = _editable(real_posts() + edge_posts())
    before, after = _read_before_after(posts, lambda p: p.set(p.key("title") or "title", NEW_TITLE))
    assert len(before) >= 445
    for name in before:
        assert after[name]["title"] == NEW_TITLE, name
        assert _without(after[name], "title") == _without(before[name], "title"), name


def test_date_edit_keeps_every_other_field(need_corpus: None) -> None:
    posts = {n: p for n, p in _editable(real_posts() + edge_posts()).items() if p.key("date")}
    assert len(posts) >= 50
    before, after = _read_before_after(posts, lambda p: p.set(p.key("date") or "date", NEW_DATE))
    for name in before:
        assert after[name]["date"] == NEW_DATE, name
        assert _without(after[name], *DERIVED) == _without(before[name], *DERIVED), name


def test_edge_cases_add_remove_and_retype() -> None:
    posts = _editable(edge_posts())

    def edit(p: Post) -> None:
        p.set("draft", True)
        p.set("tags", ["edited", "two words"])
        p.set("weight", 7)
        p.unset("description")

    before, after = _read_before_after(posts, edit)
    assert len(before) == len(posts)
    for name in before:
        assert after[name]["draft"] is True
        assert after[name]["params"]["tags"] == ["edited", "two words"]
        assert after[name]["params"]["weight"] == 7
        assert "description" not in after[name]["params"]
        keep = ("draft", "tags", "weight", "description")
        assert _without(after[name], *keep) == _without(before[name], *keep), name


@pytest.mark.skipif(not SEED.is_dir(), reason="../shared/seed is absent")
def test_seed_date_stays_a_quoted_string_and_hugo_reads_it() -> None:
    path = SEED / "codemeshio-how-did-i-get-here.md"
    post = Post.load(path)
    post.set("date", "2017-01-02T03:04:05-05:00")
    assert 'date = "2017-01-02T03:04:05-05:00"\n' in post.text
    page = hugo.read({"seed": post.to_bytes()})["seed"]
    assert page["date"] == "2017-01-02T03:04:05-05:00"  # the offset kept, not UTC


def test_native_dates_stay_native_and_date_only_stays_date_only() -> None:
    post = Post.load(DATA / "edge" / "toml-no-final-newline.md")
    post.set("date", "2023-04-05")
    assert "\ndate = 2023-04-05\n" in post.text
    post.set("lastmod", "2023-04-06T07:08:09+02:00")
    assert "\nlastmod = 2023-04-06T07:08:09+02:00\n" in post.text  # like the other date
    yaml = Post.load(DATA / "edge" / "yaml-comments.md")
    yaml.set("date", "2023-04-05T06:07:08-03:00")
    assert "\ndate: 2023-04-05T06:07:08-03:00\n" in yaml.text
    pages = hugo.read({"toml": post.to_bytes(), "yaml": yaml.to_bytes()})
    assert pages["toml"]["date"] == "2023-04-05T00:00:00Z"
    assert pages["toml"]["lastmod"] == "2023-04-06T07:08:09+02:00"
    assert pages["yaml"]["date"] == "2023-04-05T06:07:08-03:00"


@pytest.mark.hugo
def test_editing_a_value_from_a_merge_or_an_alias_writes_a_key_of_the_posts_own() -> None:
    """A title that comes from `<<: *base` or `title: *a` used to raise on every keystroke (or be
    spliced at the anchor's column); now the post gets a title of its own, and Hugo reads it."""
    from editor.core.post import Post

    texts = {
        "merge": "---\nbase: &b\n  title: From base\n<<: *b\ndraft: false\n---\nBody\n",
        "alias": "---\nx: &a Hello\ntitle: *a\n---\nBody\n",
    }
    edited = {}
    for name, text in texts.items():
        post = Post.from_text(text)
        post.set("title", "Edited")
        assert post.body == "Body\n" and Post.from_text(post.text).get("title") == "Edited"
        edited[name] = post.to_bytes()
    assert "x: &a Hello\n" in edited["alias"].decode()  # the anchor stays where it was
    pages = hugo.read(edited)
    assert {name: page["title"] for name, page in pages.items()} == {"merge": "Edited", "alias": "Edited"}
