"""The site's git work tree, through the author's own `git` (their credentials, hooks, signing and
remotes apply): what changed, a post's diff and history, its text at a commit, and commit, push
and fast-forward pull. Nothing is staged, committed or pushed unless asked; nothing rewrites
history; a merge in progress or a detached HEAD is refused with the reason, changing nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

TIMEOUT = 120  # seconds: a push over a slow network


class GitError(Exception):
    """git refused or failed; the message says why and what to do, nothing was changed."""


@dataclass(frozen=True)
class Branch:
    name: str  # "" when HEAD is detached
    upstream: str  # "" when it has none
    ahead: int
    behind: int

    def __str__(self) -> str:
        if not self.name:
            return "detached HEAD"
        if not self.upstream:
            return f"{self.name} (no upstream)"
        parts = [f"{self.ahead} ahead"] if self.ahead else []
        parts += [f"{self.behind} behind"] if self.behind else []
        return f"{self.name} ↔ {self.upstream}" + (f" ({', '.join(parts)})" if parts else "")


@dataclass(frozen=True)
class Commit:
    hash: str
    date: str  # ISO 8601, the author date
    author: str
    subject: str


def _git(
    root: Path, *args: str, check: bool = True, timeout: int = TIMEOUT
) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("git")
    if exe is None:
        raise GitError("git is not installed: install it to see changes and publish from here")
    env = dict(os.environ, GIT_TERMINAL_PROMPT="0", LC_ALL="C")  # never wait for a password
    try:
        out = subprocess.run(
            [exe, *args], cwd=root, capture_output=True, text=True, env=env, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as e:
        raise GitError(f"git {args[0]} took longer than {timeout} s and was stopped") from e
    if check and out.returncode != 0:
        raise GitError(_words(args[0], (out.stderr.strip() + "\n" + out.stdout.strip()).strip()))
    return out


def _words(command: str, said: str) -> str:
    if "terminal prompts disabled" in said or "could not read Username" in said:
        return (
            f"git {command} needs a password the app cannot ask for: run `git {command}` once in a "
            "terminal (or set up a credential helper or SSH key), then try again"
        )
    if "rejected" in said and ("fetch first" in said or "non-fast-forward" in said):
        return (
            "the push was rejected: the remote has commits this copy does not. Pull first (Pull "
            "only fast-forwards; if the histories differ, merge in a terminal). Nothing was changed."
        )
    if "Not possible to fast-forward" in said or "Diverging branches" in said:
        return "the pull was refused: the histories differ and Pull only fast-forwards. Nothing was changed."
    return f"git {command} failed: {said}"


def looks_tracked(path: Path) -> bool:
    """Whether a `.git` (folder, or file of a worktree or submodule) is at or above `path`: a
    cheap look before asking git (no process for a folder outside any repository)."""
    folder = (path if path.is_dir() else path.parent).resolve()
    return any((f / ".git").exists() for f in (folder, *folder.parents))


def work_tree(path: Path) -> Path | None:
    """The root of the git work tree `path` is in, or None."""
    folder = path if path.is_dir() else path.parent
    if shutil.which("git") is None or not looks_tracked(folder):
        return None
    out = _git(folder, "rev-parse", "--show-toplevel", check=False, timeout=30)
    return Path(out.stdout.strip()).resolve() if out.returncode == 0 and out.stdout.strip() else None


STATUS_ARGS = ("status", "--porcelain=v1", "-z", "--untracked-files=all")


def status(root: Path) -> dict[Path, str]:
    """Changed files under `root` → "new" (untracked), "added", "modified", "deleted", "renamed"
    or "conflict", by absolute path."""
    return parse_status(root, _git(root, *STATUS_ARGS).stdout)


def parse_status(root: Path, out: str) -> dict[Path, str]:
    """`git status --porcelain=v1 -z` run in the work tree `root`, as in `status`."""
    found: dict[Path, str] = {}
    entries = out.split("\0")
    i = 0
    while i < len(entries):
        entry = entries[i]
        i += 1
        if len(entry) < 4:
            continue
        xy, name = entry[:2], entry[3:]
        if "R" in xy or "C" in xy:
            i += 1  # the old name follows
        kind = (
            "new"
            if xy == "??"
            else "conflict"
            if "U" in xy or xy in ("AA", "DD")
            else "deleted"
            if "D" in xy
            else "renamed"
            if "R" in xy
            else "added"
            if xy[0] == "A"
            else "modified"
        )
        found[(root / name).resolve()] = kind
    return found


BRANCH_ARGS = ("status", "--porcelain=v2", "--branch", "--untracked-files=no")


def branch(root: Path) -> Branch:
    return parse_branch(_git(root, *BRANCH_ARGS).stdout)


def parse_branch(out: str) -> Branch:
    """`git status --porcelain=v2 --branch`'s header as a Branch."""
    name = upstream = ""
    ahead = behind = 0
    for line in out.splitlines():
        if line.startswith("# branch.head "):
            head = line.split(" ", 2)[2]
            name = "" if head == "(detached)" else head
        elif line.startswith("# branch.upstream "):
            upstream = line.split(" ", 2)[2]
        elif line.startswith("# branch.ab "):
            a, b = line.split()[2:4]
            ahead, behind = int(a), -int(b)
    return Branch(name, upstream, ahead, behind)


def _relative(root: Path, path: Path) -> str:
    return path.resolve().relative_to(root.resolve()).as_posix()


def diff(root: Path, path: Path) -> str:
    """The file against the last commit (unified; an untracked file: all of it added)."""
    rel = _relative(root, path)
    if status(root).get(path.resolve()) == "new":
        return _git(root, "diff", "--no-index", "--", os.devnull, rel, check=False).stdout
    return _git(root, "diff", "HEAD", "--", rel, check=False).stdout


def history(root: Path, path: Path, limit: int = 200) -> list[Commit]:
    """The commits that touched the file, newest first (across renames)."""
    out = _git(
        root,
        "log",
        f"-{limit}",
        "--follow",
        "--format=%H%x1f%aI%x1f%an%x1f%s",
        "--",
        _relative(root, path),
        check=False,
    ).stdout
    return [Commit(*line.split("\x1f", 3)) for line in out.splitlines() if line.count("\x1f") == 3]


def text_at(root: Path, commit: str, path: Path) -> str:
    """The file's text as it was at `commit` (read-only: nothing is checked out)."""
    return _git(root, "show", f"{commit}:{_relative(root, path)}").stdout


def _refuse_unsafe(root: Path) -> None:
    git_dir = Path(_git(root, "rev-parse", "--absolute-git-dir").stdout.strip())
    for marker, what in (
        ("MERGE_HEAD", "a merge"),
        ("rebase-merge", "a rebase"),
        ("rebase-apply", "a rebase"),
        ("CHERRY_PICK_HEAD", "a cherry-pick"),
    ):
        if (git_dir / marker).exists():
            raise GitError(f"{what} is in progress in this repository: finish it in a terminal first")
    if not branch(root).name:
        raise GitError("HEAD is detached (no branch is checked out): check out a branch in a terminal first")


def commit(root: Path, paths: list[Path], message: str) -> str:
    """Commit exactly these files (new ones added first), whatever else is staged; the new
    commit's hash."""
    if not paths:
        raise GitError("no files were chosen to commit")
    if not message.strip():
        raise GitError("a commit needs a message")
    _refuse_unsafe(root)
    rels = [_relative(root, p) for p in paths]
    _git(root, "add", "--", *rels)
    _git(root, "commit", "--quiet", "-m", message, "--only", "--", *rels)
    return _git(root, "rev-parse", "HEAD").stdout.strip()


def push(root: Path) -> str:
    _refuse_unsafe(root)
    if not branch(root).upstream:
        name = branch(root).name
        raise GitError(
            f"the branch {name} has no upstream to push to: run `git push -u origin {name}` in a terminal"
        )
    out = _git(root, "push", "--porcelain")
    return out.stdout.strip() or out.stderr.strip()


def pull(root: Path) -> str:
    """Fast-forward only: never a merge made without the author."""
    _refuse_unsafe(root)
    out = _git(root, "pull", "--ff-only")
    return out.stdout.strip() or out.stderr.strip()


def message_for(kind: str, title: str) -> str:
    """The message a commit of one post starts with."""
    return f"{'Add' if kind in ('new', 'added') else 'Update'} post: {title}"
