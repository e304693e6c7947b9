"""Round trips over every real post and our own edge cases: no-op saves are byte-identical,
a one-field edit touches only that field's lines."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomlkit

from editor.core.post import Post
from tests.conftest import edge_posts, ids, real_posts
from tests.helpers.editcheck import hunks, only_lines_of

ALL = real_posts() + edge_posts()


@pytest.mark.parametrize("path", ALL, ids=ids(ALL))
def test_noop_save_gives_identical_bytes(path: Path, tmp_path: Path) -> None:
    original = path.read_bytes()
    post = Post.load(path)
    assert post.error is None, post.error
    copy = tmp_path / path.name
    copy.write_bytes(original)
    Post.load(copy).save()
    assert copy.read_bytes() == original


@pytest.mark.parametrize(
    "path",
    [p for p in ALL if Post.load(p).format == "toml"],
    ids=ids([p for p in ALL if Post.load(p).format == "toml"]),
)
def test_toml_edit_engine_sees_the_exact_text(path: Path) -> None:
    front = Post.load(path).front_text.replace("\r\n", "\n")
    assert tomlkit.parse(front).as_string() == front


def _editable() -> list[Path]:
    return [p for p in ALL if Post.load(p).format is not None and Post.load(p).metadata]


EDITABLE = _editable()


@pytest.mark.parametrize("path", EDITABLE, ids=ids(EDITABLE))
def test_changing_the_title_changes_only_its_lines(path: Path) -> None:
    post = Post.load(path)
    key = post.key("title") or "title"
    before = Post.load(path)
    post.set(key, "An edited title: with “quotes” and #hash")
    if before.key("title") is None:  # added at the end of the root table
        changes = hunks(before.text, post.text)
        assert len(changes) == 1 and changes[0][0] == changes[0][1]  # a pure insertion
    else:
        assert only_lines_of(before, post.text, key)
    again = Post.from_bytes(post.to_bytes())
    assert again.metadata[key] == "An edited title: with “quotes” and #hash"
    assert {k: v for k, v in again.metadata.items() if k != key} == {
        k: v for k, v in before.metadata.items() if k != key
    }
    assert again.body == before.body


@pytest.mark.parametrize("path", EDITABLE, ids=ids(EDITABLE))
def test_removing_a_key_removes_only_its_lines(path: Path) -> None:
    before = Post.load(path)
    key = list(before.metadata)[-1]
    post = Post.load(path)
    post.unset(key)
    changes = hunks(before.text, post.text)
    assert len(changes) == 1
    _i1, _i2, j1, j2 = changes[0]
    assert j1 == j2 or before.format == "json"  # lines only removed (JSON also drops a comma)
    again = Post.from_bytes(post.to_bytes())
    assert key not in again.metadata
    assert again.metadata == {k: v for k, v in before.metadata.items() if k != key}
