"""Property-based tests of the codecs: any text survives the split; edits change only their key."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.post import Post

keys = st.text(string.ascii_lowercase + "_", min_size=1, max_size=10)
scalars = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),
    st.integers(-(10**9), 10**9),
    st.booleans(),
)
values = st.one_of(
    scalars, st.lists(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12), max_size=4)
)
metadata = st.dictionaries(keys, values, max_size=6)
formats = st.sampled_from(["toml", "yaml", "json"])


@given(st.text())
def test_any_text_comes_back_exactly(text: str) -> None:
    assert Post.from_text(text).text == text


@given(formats, metadata, st.text(max_size=200))
def test_new_posts_read_back(fmt: str, data: dict[str, object], body: str) -> None:
    post = Post.new(fmt, data, body)
    again = Post.from_text(post.text)
    assert again.error is None and again.metadata == data and again.body == body


@settings(max_examples=150)
@given(formats, metadata.filter(bool), keys, values, st.text(max_size=100))
def test_set_changes_one_key_and_nothing_before_it(
    fmt: str, data: dict[str, object], key: str, value: object, body: str
) -> None:
    post = Post.new(fmt, data, body)
    before = post.text
    post.set(key, value)
    again = Post.from_text(post.text)
    assert again.metadata == {**data, key: value}
    assert again.body == body
    if key in data and fmt != "json":
        line = before.splitlines(keepends=True)
        first = Post.from_text(before).key_positions()[key][0] - 1
        assert post.text.startswith("".join(line[:first]))


@settings(max_examples=150)
@given(formats, metadata.filter(bool), st.data())
def test_unset_removes_only_that_key(fmt: str, data: dict[str, object], pick: st.DataObject) -> None:
    key = pick.draw(st.sampled_from(sorted(data)))
    post = Post.new(fmt, data)
    post.unset(key)
    assert Post.from_text(post.text).metadata == {k: v for k, v in data.items() if k != key}


def test_python_frontmatter_reads_toml_through_our_handlers() -> None:
    """python-frontmatter 1.3 ignores +++ TOML without the old `toml` package; ours reads it."""
    import frontmatter

    from editor.core.post.frontmatter import CODECS

    text = '+++\ntitle = "Hi"\ndate = 2020-01-02T03:04:05-05:00\n+++\nBody\n'
    post = frontmatter.loads(text, handler=CODECS["toml"])
    assert post.metadata == {"title": "Hi", "date": "2020-01-02T03:04:05-05:00"}
    assert post.content == "Body"
    yaml_post = frontmatter.loads("---\ndraft: yes\n---\nB\n", handler=CODECS["yaml"])
    assert yaml_post.metadata == {"draft": "yes"}  # YAML 1.2, as Hugo reads it
