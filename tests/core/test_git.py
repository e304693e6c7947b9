"""Publishing through git, against real repositories in temporary folders and a bare repository
on disk as the remote: status, a post's diff and history, an earlier version, a commit of chosen
files only, push, a rejected push, a fast-forward-only pull, and what is refused."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from editor.core.files import git
from tests.helpers.git import sh


@pytest.fixture
def site(tmp_path: Path) -> Path:
    remote = tmp_path / "remote.git"
    sh(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    root = tmp_path / "site"
    (root / "content" / "posts").mkdir(parents=True)
    (root / "hugo.toml").write_text('title = "S"\n')
    (root / "content" / "posts" / "a.md").write_text('+++\ntitle = "A"\n+++\nFirst text.\n')
    sh(root.parent, "init", "-q", "-b", "main", str(root))
    for k, v in (("user.name", "Author"), ("user.email", "a@example.org")):
        sh(root, "config", k, v)
    sh(root, "add", ".")
    sh(root, "commit", "-q", "-m", "Start")
    sh(root, "remote", "add", "origin", str(remote))
    sh(root, "push", "-q", "-u", "origin", "main")
    return root


def test_status_diff_history_and_an_earlier_version(site: Path) -> None:
    post = site / "content" / "posts" / "a.md"
    post.write_text('+++\ntitle = "A"\n+++\nSecond text.\n')
    sh(site, "commit", "-q", "-am", "Second")
    post.write_text('+++\ntitle = "A"\n+++\nThird text.\n')
    new = site / "content" / "posts" / "b.md"
    new.write_text('+++\ntitle = "B"\n+++\nNew.\n')
    assert git.work_tree(post) == site.resolve()
    assert git.work_tree(site.parent) is None
    assert git.status(site) == {post.resolve(): "modified", new.resolve(): "new"}
    assert str(git.branch(site)) == "main ↔ origin/main (1 ahead)"
    d = git.diff(site, post)
    assert "-Second text.\n+Third text.\n" in d
    assert "+New." in git.diff(site, new)
    commits = git.history(site, post)
    assert [c.subject for c in commits] == ["Second", "Start"] and commits[0].author == "Author"
    assert git.text_at(site, commits[1].hash, post).endswith("First text.\n")
    assert post.read_text().endswith("Third text.\n")  # reading an old version changes nothing


def test_commit_only_the_chosen_files_and_push(site: Path, tmp_path: Path) -> None:
    a = site / "content" / "posts" / "a.md"
    b = site / "content" / "posts" / "b.md"
    a.write_text('+++\ntitle = "A"\n+++\nEdited.\n')
    b.write_text('+++\ntitle = "B"\n+++\nNew.\n')
    (site / "hugo.toml").write_text('title = "S2"\n')
    sh(site, "add", "hugo.toml")  # staged by the author: not ours to commit
    assert git.message_for("new", "B") == "Add post: B"
    git.commit(site, [b], git.message_for("new", "B"))
    assert sh(site, "show", "--stat", "--format=%s", "HEAD").splitlines()[0] == "Add post: B"
    assert "b.md" in sh(site, "show", "--name-only", "--format=", "HEAD")
    assert "hugo.toml" not in sh(site, "show", "--name-only", "--format=", "HEAD")
    assert git.status(site) == {a.resolve(): "modified", (site / "hugo.toml").resolve(): "modified"}
    git.push(site)
    assert sh(tmp_path / "remote.git", "log", "-1", "--format=%s", "main").strip() == "Add post: B"
    assert str(git.branch(site)) == "main ↔ origin/main"


def test_a_rejected_push_and_a_pull_that_only_fast_forwards(site: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    sh(tmp_path, "clone", "-q", str(tmp_path / "remote.git"), str(other))
    (other / "content" / "posts" / "c.md").write_text('+++\ntitle = "C"\n+++\nElsewhere.\n')
    sh(other, "add", ".")
    sh(other, "commit", "-q", "-m", "From elsewhere")
    sh(other, "push", "-q")
    post = site / "content" / "posts" / "a.md"
    post.write_text('+++\ntitle = "A"\n+++\nHere.\n')
    git.commit(site, [post], "Update post: A")
    head = sh(site, "rev-parse", "HEAD")
    with pytest.raises(git.GitError, match="rejected: the remote has commits this copy does not"):
        git.push(site)
    assert sh(site, "rev-parse", "HEAD") == head
    with pytest.raises(git.GitError, match="only fast-forwards"):
        git.pull(site)
    assert sh(site, "rev-parse", "HEAD") == head and post.read_text().endswith("Here.\n")
    fresh = tmp_path / "fresh"
    sh(tmp_path, "clone", "-q", str(tmp_path / "remote.git"), str(fresh))
    sh(other, "commit", "-q", "--allow-empty", "-m", "One more")
    sh(other, "push", "-q")
    git.pull(fresh)  # behind only: fast-forwards
    assert sh(fresh, "log", "-1", "--format=%s").strip() == "One more"


def test_a_merge_in_progress_and_a_detached_head_are_refused(site: Path) -> None:
    post = site / "content" / "posts" / "a.md"
    sh(site, "checkout", "-q", "--detach")
    post.write_text('+++\ntitle = "A"\n+++\nDetached.\n')
    with pytest.raises(git.GitError, match="HEAD is detached"):
        git.commit(site, [post], "x")
    sh(site, "checkout", "-q", "main")
    git_dir = site / ".git"
    (git_dir / "MERGE_HEAD").write_text(sh(site, "rev-parse", "HEAD"))
    with pytest.raises(git.GitError, match="a merge is in progress"):
        git.commit(site, [post], "x")
    assert git.status(site) == {post.resolve(): "modified"}  # nothing staged
    with pytest.raises(git.GitError, match="no files"):
        git.commit(site, [], "x")


def test_publish_commits_the_changed_content_files_and_pushes(site: Path, tmp_path: Path) -> None:
    import sys

    post = site / "content" / "posts" / "a.md"
    post.write_text('+++\ntitle = "A"\n+++\nPublished.\n')
    (site / "notes.txt").write_text("not content")
    out = subprocess.run(
        [sys.executable, "-m", "editor", "publish", str(site), "--push"], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert "committed 1 file(s)" in out.stdout and "Update post: A" in out.stdout
    assert sh(tmp_path / "remote.git", "log", "-1", "--format=%s", "main").strip() == "Update post: A"
    assert git.status(site) == {(site / "notes.txt").resolve(): "new"}  # not content: left alone
    again = subprocess.run(
        [sys.executable, "-m", "editor", "publish", str(site)], capture_output=True, text=True
    )
    assert again.returncode == 0 and "nothing to commit" in again.stdout
