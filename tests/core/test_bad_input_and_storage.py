"""Bad input never costs data: clear errors naming file, line and column; refused saves;
atomic writes that keep permissions, follow links and leave the original on failure."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from editor.core.files import storage
from editor.core.post import Post, PostError
from tests.conftest import DATA

BAD = DATA / "bad"

# file -> (line, column) the error must name
EXPECTED = {
    "toml-syntax.md": (3, 8),
    "toml-duplicate.md": (3, 12),
    "unclosed.md": (1, 1),
    "yaml-tab.md": (4, 1),
    "json-trailing-comma.md": (4, 1),
    "yaml-python-tag.md": (2, 8),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_unparseable_front_matter_is_reported_and_never_rewritten(name: str, tmp_path: Path) -> None:
    copy = tmp_path / name
    original = (BAD / name).read_bytes()
    copy.write_bytes(original)
    post = Post.load(copy)
    assert post.error is not None
    assert (post.error.path, post.error.line, post.error.column) == (copy, *EXPECTED[name])
    assert str(post.error).startswith(f"{copy}:{EXPECTED[name][0]}:{EXPECTED[name][1]}: ")
    assert post.text.encode() == original  # the raw text stays available to fix
    for attempt in (lambda: post.save(), lambda: post.set("title", "x"), lambda: post.unset("title")):
        with pytest.raises(PostError):
            attempt()
    post.body = post.body + "\nmore words"
    with pytest.raises(PostError):
        post.save()
    assert copy.read_bytes() == original


def test_python_tags_are_never_executed(tmp_path: Path) -> None:
    marker = Path("/tmp/pwned-by-yaml")
    marker.unlink(missing_ok=True)
    post = Post.load(BAD / "yaml-python-tag.md")
    assert post.error is not None and "!!python/object/apply:os.system" in post.error.message
    assert not marker.exists()


def test_fixing_the_raw_front_matter_allows_saving(tmp_path: Path) -> None:
    copy = tmp_path / "p.md"
    copy.write_bytes((BAD / "toml-syntax.md").read_bytes())
    post = Post.load(copy)
    post.set_front_text('title = "ok"\ndate = 2020-01-01\n')
    assert post.error is None
    post.save()
    assert copy.read_text() == '+++\ntitle = "ok"\ndate = 2020-01-01\n+++\nbody\n'


@pytest.mark.parametrize(
    ("name", "message", "where"),
    [
        ("latin1.md", "not UTF-8", (2, 13)),
        ("binary.md", "binary file", (None, None)),
    ],
)
def test_undecodable_files_raise_a_clear_error(name: str, message: str, where: tuple[int, int]) -> None:
    with pytest.raises(PostError) as info:
        Post.load(BAD / name)
    assert message in str(info.value) and str(BAD / name) in str(info.value)
    assert (info.value.line, info.value.column) == where


def test_empty_file_is_an_empty_post() -> None:
    post = Post.load(DATA / "edge" / "empty.md")
    assert (post.error, post.format, post.metadata, post.body) == (None, None, {}, "")


def test_adding_a_field_to_a_post_without_front_matter(tmp_path: Path) -> None:
    f = tmp_path / "p.md"
    f.write_bytes((DATA / "edge" / "no-front-matter.md").read_bytes())
    post = Post.load(f)
    post.set("title", "Now with a title")
    post.save()
    assert f.read_text() == '+++\ntitle = "Now with a title"\n+++\nJust a body, no front matter.\n'


def test_save_keeps_permissions_and_writes_through_symlinks(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text('+++\ntitle = "a"\n+++\n')
    real.chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to(real)
    post = Post.load(link)
    post.set("title", "b")
    post.save()
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == '+++\ntitle = "b"\n+++\n'
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_failed_save_leaves_the_original_intact(
    failing: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    f = tmp_path / "p.md"
    f.write_text('+++\ntitle = "original"\n+++\nwords\n')
    post = Post.load(f)
    post.set("title", "changed")

    def disk_full(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, failing, disk_full)
    with pytest.raises(storage.SaveError) as info:
        post.save()
    monkeypatch.undo()
    assert "No space left on device" in str(info.value) and str(f) in str(info.value)
    assert f.read_text() == '+++\ntitle = "original"\n+++\nwords\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.md"]


def test_save_into_a_missing_folder_says_why(tmp_path: Path) -> None:
    post = Post.from_text('+++\ntitle = "x"\n+++\n')
    with pytest.raises(storage.SaveError) as info:
        post.save(tmp_path / "missing" / "p.md")
    assert "No such file or directory" in str(info.value)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX's")
def test_a_named_pipe_called_md_never_hangs_the_listing(tmp_path: Path) -> None:
    import subprocess
    import sys

    from editor.core.site.listing import Layout, read_info
    from tests.conftest import ROOT

    (tmp_path / "hugo.toml").write_text('title = "s"\n')
    posts = tmp_path / "content" / "posts"
    posts.mkdir(parents=True)
    (posts / "fine.md").write_text('+++\ntitle = "Fine"\n+++\n')
    os.mkfifo(posts / "pipe.md")
    for command in ("list", "check"):
        out = subprocess.run(
            [sys.executable, "-m", "editor", command, str(tmp_path)],
            capture_output=True,
            text=True,
            timeout=30,
            cwd=ROOT,
        )  # a hang fails here
        assert "Traceback" not in out.stderr and "pipe.md" not in out.stdout
    assert (
        "Fine  content/posts/fine.md"
        in subprocess.run(
            [sys.executable, "-m", "editor", "list", str(tmp_path)],
            capture_output=True,
            text=True,
            timeout=30,
            cwd=ROOT,
        ).stdout
    )
    # a pipe that took a post's name after the folder was read: refused, not waited on
    info = read_info(Layout.of(tmp_path), str(posts / "pipe.md"))
    assert info.error == "not a regular file"


def test_a_value_holding_a_delimiter_line_never_ends_the_front_matter() -> None:
    """A multi-line TOML description given a `+++` line was written raw and the file no longer
    parsed; now the value is written in a form that cannot end the block, and any edit that would
    make the file split differently is refused with the post unchanged."""
    from editor.core.post import Post

    value = "line one\n+++\nline three\n---\nfour"
    for text in (
        '+++\ntitle = "x"\ndescription = """\nold\ntext"""\n+++\nBody\n',
        "---\ntitle: x\ndescription: |\n  old\n  text\n---\nBody\n",
    ):
        post = Post.from_text(text)
        post.set("description", value)
        again = Post.from_text(post.text)
        assert again.error is None and again.get("description") == value and again.body == "Body\n"


def test_an_edit_that_would_split_the_file_differently_is_refused_and_undone() -> None:
    from editor.core.post import Post, PostError

    post = Post.from_text('+++\ntitle = "x"\n+++\nBody\n')
    before = post.text
    with pytest.raises(PostError, match="end the front matter early"):
        post._set_front('title = "x"\nnote = """\n+++\n"""\n')  # what a careless codec would write
    assert post.text == before and post.error is None


def test_set_refuses_a_read_only_a_hard_linked_and_another_users_post_without_force(tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT

    def run(*args: object) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "editor", *map(str, args)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=30,
        )

    post = tmp_path / "post.md"
    post.write_text('+++\ntitle = "x"\n+++\n')
    post.chmod(0o444)
    r = run("set", post, "--title", "y")
    assert r.returncode == 1 and "it is read-only" in r.stderr and post.read_text().count('"x"') == 1
    assert run("set", post, "--title", "y", "--force").returncode == 0 and '"y"' in post.read_text()
    post.chmod(0o644)
    os.link(post, tmp_path / "other-name.md")
    r = run("set", post, "--title", "z")
    assert r.returncode == 1 and "1 other name(s) (hard links)" in r.stderr
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # root can give the file to somebody else
        (tmp_path / "other-name.md").unlink()
        os.chown(post, 65534, 65534)
        r = run("set", post, "--title", "z")
        assert r.returncode == 1 and "belongs to another user" in r.stderr


def test_a_save_clears_the_temporary_files_a_killed_save_left(tmp_path: Path) -> None:
    import time

    from editor.core.files.storage import atomic_write

    post = tmp_path / "post.md"
    post.write_text("old\n")
    stale, fresh, other = (
        tmp_path / ".post.md.abc123.tmp",
        tmp_path / ".post.md.def456.tmp",
        tmp_path / ".other.md.abc123.tmp",
    )
    for f in (stale, fresh, other):
        f.write_text("partial")
    hour_ago = time.time() - 3600
    os.utime(stale, (hour_ago, hour_ago))
    os.utime(other, (hour_ago, hour_ago))
    atomic_write(post, b"new\n")
    assert not stale.exists()  # cut short long ago
    assert fresh.exists() and other.exists()  # maybe a save under way; another file's
