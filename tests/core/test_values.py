"""The other-fields table's text round trip keeps each value's kind; bad text is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.post import Post, values
from editor.core.post.frontmatter import NativeDate
from editor.core.site.listing import SiteIndex
from tests.conftest import SAMPLE_SITE


@pytest.mark.parametrize(
    "value",
    [
        "plain",
        "",
        True,
        False,
        3,
        -2.5,
        ["a", "b c"],
        [1, 2],
        ["has, comma"],
        NativeDate("2024-01-02"),
        "2024-01-02T10:00:00-05:00",
    ],
)
def test_text_round_trip_keeps_value_and_kind(value: object) -> None:
    back = values.from_text(values.to_text(value), value)
    assert back == value and type(back) is type(value)


@pytest.mark.parametrize(
    ("text", "like", "message"),
    [
        ("yes", True, "true or false"),
        ("3.5", 1, "whole number"),
        ("three", 1.0, "a number"),
        ("next tuesday", NativeDate("2024-01-02"), "unable to parse date"),
        ("[1,", ["a"], "not a list"),
    ],
)
def test_text_that_does_not_fit_the_kind_is_refused(text: str, like: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        values.from_text(text, like)


def test_tables_and_lists_of_tables_are_not_edited_inline() -> None:
    assert not values.editable({"a": 1})
    assert not values.editable([{"a": 1}])
    assert values.editable(["a", 1, True])


def test_a_table_value_edited_in_a_toml_post_writes_the_same_kind(tmp_path: Path) -> None:
    post = Post.from_text('+++\nweight = 3\nfeatured = false\naliases = ["/a"]\n+++\n')
    for key, text in (("weight", "10"), ("featured", "true"), ("aliases", "/a, /b")):
        post.set(key, values.from_text(text, post.get(key)))
    assert post.text == '+++\nweight = 10\nfeatured = true\naliases = ["/a", "/b"]\n+++\n'


def test_site_terms_fold_case_and_count_uses(tmp_path: Path) -> None:
    root = tmp_path / "s"
    (root / "content").mkdir(parents=True)
    (root / "hugo.toml").write_text("")
    (root / "content" / "a.md").write_text('+++\ntags = ["Go", "rust"]\n+++\n')
    (root / "content" / "b.md").write_text("---\ntags: [go]\ncategories: talks\n---\n")
    (root / "content" / "c.md").write_bytes(b"\xff\xfe binary")
    index = SiteIndex(root)
    list(index.scan())
    assert index.terms() == {"tags": [("Go", 2), ("rust", 1)], "categories": [("talks", 1)]}


def test_sample_site_terms() -> None:
    index = SiteIndex(SAMPLE_SITE)
    list(index.scan())
    terms = index.terms()
    assert terms["tags"] and all(isinstance(t, str) and n >= 1 for t, n in terms["tags"])
