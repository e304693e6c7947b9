"""Renaming a tag across a site (`retag`): every post carrying it is edited through the lossless
model — only the taxonomy's line changes — and the real Hugo then reads each with the new term
and the rest as before; a post that already has the new term merges; --dry-run writes nothing; a
file changed after planning is not overwritten."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from editor.core.post import Post, PostError
from editor.core.site import retag
from editor.core.site.listing import SiteIndex
from tests.helpers import hugo as hugo_view
from tests.helpers.sites import write

POSTS = {
    "content/posts/a.md": '+++\ntitle = "A"\ntags = ["Golang", "web"]  # two\n'
    "date = 2024-01-02\n+++\nGolang.\n",
    "content/posts/b.md": "---\ntitle: B\ntags:\n  - golang\n  - go\ncategories: [golang]\n---\nB.\n",
    "content/posts/c.md": '{\n  "title": "C",\n  "tags": "golang"\n}\nC.\n',
    "content/posts/d.md": '+++\ntitle = "D"\ntags = ["rust"]\n+++\nD golang.\n',
}


def _site(tmp_path: Path) -> Path:
    return write(tmp_path / "site", {"hugo.toml": 'title = "S"\n', **POSTS})


def _retag(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "editor", "retag", str(root), *args], capture_output=True, text=True
    )


@pytest.mark.hugo
def test_retag_edits_only_the_tags_line_and_hugo_reads_the_new_term(tmp_path: Path) -> None:
    root = _site(tmp_path)
    before = {name: (root / name).read_text() for name in POSTS}
    dry = _retag(root, "golang", "Go", "--dry-run")
    assert dry.returncode == 0 and "would change 3 posts" in dry.stderr
    assert {name: (root / name).read_text() for name in POSTS} == before
    done = _retag(root, "golang", "Go")
    assert done.returncode == 0 and "changed 3 posts" in done.stderr, done.stderr
    after = {name: (root / name).read_text() for name in POSTS}
    import difflib

    changed = {
        name: [
            line
            for line in difflib.ndiff(before[name].splitlines(), after[name].splitlines())
            if line[0] in "+-"
        ]
        for name in POSTS
    }
    assert changed == {
        "content/posts/a.md": ['- tags = ["Golang", "web"]  # two', '+ tags = ["Go", "web"]  # two'],
        "content/posts/b.md": ["-   - golang", "-   - go", "+   - Go"],  # merged: it had "go" too
        "content/posts/c.md": ['-   "tags": "golang"', '+   "tags": "Go"'],
        "content/posts/d.md": [],
    }
    read = hugo_view.read({name: text.encode() for name, text in after.items()})
    was = hugo_view.read({name: text.encode() for name, text in before.items()})
    for name in POSTS:
        theirs, old = read[name], was[name]
        assert {k: v for k, v in theirs["params"].items() if k != "tags"} == {
            k: v for k, v in old["params"].items() if k != "tags"
        }, name  # categories and the rest as before
        assert theirs["title"] == old["title"] and theirs["content"] == old["content"]
    assert read["content/posts/a.md"]["params"]["tags"] == ["Go", "web"]
    assert read["content/posts/b.md"]["params"]["tags"] == ["Go"]
    assert read["content/posts/c.md"]["params"]["tags"] == "Go"  # one term, as written
    assert read["content/posts/b.md"]["params"]["categories"] == ["golang"]  # another taxonomy


def test_a_file_changed_after_planning_is_left_alone(tmp_path: Path) -> None:
    root = _site(tmp_path)
    index = SiteIndex(root)
    for _ in index.scan():
        pass
    changes = retag.plan(index, "tags", "golang", "go-lang")
    assert [c.path.name for c in changes] == ["a.md", "b.md", "c.md"]
    a = root / "content" / "posts" / "a.md"
    a.write_text(a.read_text() + "An edit made elsewhere.\n")
    with pytest.raises(PostError, match="changed since"):
        retag.apply(changes[0])
    assert "An edit made elsewhere." in a.read_text() and "Golang" in a.read_text()
    open_post = Post.load(root / "content" / "posts" / "b.md")
    retag.apply(changes[1], open_post)  # the open post: changed in memory only
    assert open_post.metadata["tags"] == ["go-lang", "go"] and "golang\n" in (root / POSTS_B).read_text()
    assert dict(index.terms()["tags"]) == {"Golang": 3, "web": 1, "go": 1, "rust": 1}  # the dialog's list


POSTS_B = "content/posts/b.md"
