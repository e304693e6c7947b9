"""Broken and hostile post files: a clear message naming the file, no crash, no hang, no change.

Each case goes through the command line (a separate process, with a timeout) and through
`Post.load`, the path the window opens posts by. The window's own handling is in
tests/ui/test_never_lose.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from editor import cli
from editor.core.post import Post, PostError

Maker = Callable[[Path], Path]


def _file(name: str, data: bytes) -> Maker:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return make


def _fifo(folder: Path) -> Path:
    path = folder / "pipe.md"
    os.mkfifo(path)
    return path


def _folder(folder: Path) -> Path:
    path = folder / "folder.md"
    path.mkdir()
    return path


def _loop(folder: Path) -> Path:
    (folder / "a.md").symlink_to(folder / "b.md")
    (folder / "b.md").symlink_to(folder / "a.md")
    return folder / "a.md"


def _dangling(folder: Path) -> Path:
    (folder / "gone.md").symlink_to(folder / "nowhere.md")
    return folder / "gone.md"


LAUGHS = "\n".join(
    [
        "---",
        "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]",
        *(
            f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
            f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]"
            for i in range(9)
        ),
        "---",
        "body",
        "",
    ]
)

# (case, maker, does it open at all: True = opens (with the error shown), False = refused)
CASES: list[tuple[str, Maker, bool]] = [
    ("toml syntax error", _file("t.md", b'+++\ntitle = "x\n+++\nbody\n'), True),
    ("yaml syntax error", _file("y.md", b"---\ntitle: [unclosed\n---\nbody\n"), True),
    ("json syntax error", _file("j.md", b'{\n"title": "x",,\n}\nbody\n'), True),
    ("unclosed +++", _file("u1.md", b'+++\ntitle = "x"\nbody without an end\n'), True),
    ("unclosed ---", _file("u2.md", b"---\ntitle: x\nbody without an end\n"), True),
    ("unclosed json brace", _file("u3.md", b'{\n"title": "x"\nbody\n'), True),
    ("duplicate toml key", _file("d1.md", b'+++\ntitle = "a"\ntitle = "b"\n+++\n'), True),
    ("duplicate yaml key", _file("d2.md", b"---\ntitle: a\ntitle: b\n---\n"), True),
    ("duplicate json key", _file("d3.md", b'{\n"title": "a",\n"title": "b"\n}\n'), True),
    ("tags of the wrong type", _file("w1.md", b"+++\ntags = 5\n+++\n"), True),
    ("date of the wrong type", _file("w2.md", b"---\ndate: true\n---\n"), True),
    ("invalid toml date", _file("w3.md", b"+++\ndate = 2024-13-45\n+++\n"), True),
    ("yaml with tabs", _file("tab.md", b"---\ntitle:\n\t- x\n---\n"), True),
    ("yaml !!python tag", _file("py.md", b"---\nx: !!python/object/apply:os.system ['true']\n---\n"), True),
    ("yaml alias bomb", _file("bomb.md", LAUGHS.encode()), True),
    ("deeply nested yaml", _file("deep.md", b"---\nx: " + b"[" * 5000 + b"]" * 5000 + b"\n---\n"), True),
    ("deeply nested json", _file("deep.json.md", b'{"x": ' + b"[" * 5000 + b"]" * 5000 + b"}\n"), True),
    (
        "deeply nested toml",
        _file("deep.toml.md", b"+++\nx = " + b"[" * 5000 + b"]" * 5000 + b"\n+++\n"),
        True,
    ),
    ("empty +++ block then toml", _file("arch.md", b'+++\n+++\ntitle = "x"\n'), True),
    ("invalid utf-8", _file("latin1.md", "---\ntitle: café\n---\n".encode("latin-1")), False),
    ("utf-16 le", _file("u16le.md", "\ufeff---\ntitle: x\n---\n".encode("utf-16-le")), False),
    ("utf-16 be", _file("u16be.md", "\ufeff---\ntitle: x\n---\n".encode("utf-16-be")), False),
    ("binary (png)", _file("img.md", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4), False),
    ("nul in the body", _file("nul.md", b"---\ntitle: x\n---\nbody\x00more\n"), False),
    ("nul in the front matter", _file("nul2.md", b'+++\ntitle = "\x00"\n+++\n'), False),
    ("empty file", _file("empty.md", b""), True),
    ("only a bom", _file("bom.md", b"\xef\xbb\xbf"), True),
    ("lone carriage returns", _file("cr.md", b"---\rtitle: x\r---\rbody\r"), True),
    ("a 10 MB line", _file("long.md", b"---\ntitle: x\n---\n" + b"word " * 2_000_000 + b"\n"), True),
    ("50 MB", _file("huge.md", b"---\ntitle: x\n---\n" + (b"A line of text.\n" * 3_300_000)), False),
    ("a 5,000-digit toml integer", _file("bigint.md", b"+++\nx = " + b"1" * 5000 + b"\n+++\n"), True),
    ("a 5,000-digit yaml integer", _file("bigint.yaml.md", b"---\nx: " + b"1" * 5000 + b"\n---\n"), True),
    ("a 5,000-digit json integer", _file("bigint.json.md", b'{"x": ' + b"1" * 5000 + b"}\n"), True),
    ("yaml !!binary", _file("binary.yaml.md", b"---\nx: !!binary aGVsbG8=\n---\n"), True),
    ("yaml !!set", _file("set.md", b"---\nx: !!set {a, b}\n---\n"), True),
    ("yaml custom tag", _file("tag.md", b"---\nx: !mine value\n---\n"), True),
    ("yaml lone surrogate", _file("sur.md", b'---\ntitle: "\\ud800"\n---\n'), True),
    ("json lone surrogate", _file("sur.json.md", b'{"title": "\\ud800"}\n'), True),
    ("json NaN and Infinity", _file("nan.md", b'{"x": NaN, "y": -Infinity}\n'), True),
    ("toml integer above 2^63", _file("int64.md", b"+++\nx = 9223372036854775808\n+++\n"), True),
    ("yaml complex key", _file("complex.md", b"---\n? [a, b]\n: v\n---\n"), True),
    (
        "100,000 plain yaml keys",
        _file("keys.md", b"---\n" + b"".join(b"k%d: v\n" % i for i in range(100_000)) + b"---\n"),
        True,
    ),
    (
        "a million toml keys",
        _file("million.md", b"+++\n" + b"".join(b"k%d = %d\n" % (i, i) for i in range(1_000_000)) + b"+++\n"),
        True,
    ),
    ("a 19 MB line", _file("line.md", b"+++\ntitle = 'x'\n+++\n" + b"QUJD" * 4_750_000 + b"\n"), True),
    ("date 2^63-1", _file("d63.md", b"+++\ndate = 9223372036854775807\n+++\n"), True),
    ("date 1e20", _file("d20.md", b"---\ndate: 1e20\n---\n"), True),
    ("a folder", _folder, False),
    ("a named pipe", _fifo, False),
    ("a symlink loop", _loop, False),
    ("a dangling symlink", _dangling, False),
]


@pytest.mark.parametrize("case,make,opens", CASES, ids=[c[0] for c in CASES])
def test_bad_input_gets_a_clear_message_and_nothing_changes(
    tmp_path: Path, case: str, make: Maker, opens: bool
) -> None:
    path = make(tmp_path)
    before = path.read_bytes() if path.is_file() and not path.is_symlink() else None
    # the command line, as a separate process: no hang, no traceback, the file named
    done = subprocess.run(
        [sys.executable, "-m", "editor", "show", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    if done.returncode:
        assert path.name in done.stderr and len(done.stderr.strip().splitlines()) <= 3, done.stderr
    assert cli.main(["check", str(path)]) in (0, 1)  # in this process: the same code path
    # the window's path
    if opens:
        post = Post.load(path)
        if post.error is not None:
            assert path.name in str(post.error)
            with pytest.raises(PostError):
                post.save()  # a post whose front matter does not parse is never written
    else:
        with pytest.raises(PostError) as err:
            Post.load(path)
        assert path.name in str(err.value)
    if before is not None:
        assert path.read_bytes() == before


def test_the_matrix_is_large_enough() -> None:
    assert len(CASES) >= 50


def test_a_file_without_read_permission() -> None:
    """Run as an unprivileged user (root reads everything): a clear message, the file untouched."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="hpe-perm-"))  # in /tmp: other users may look in
    folder.chmod(0o755)
    path = folder / "secret.md"
    path.write_text("---\ntitle: x\n---\n")
    path.chmod(0o000)
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        assert setpriv, "util-linux's setpriv runs the check as another user"
        command = [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
    else:
        command = []
    done = subprocess.run(
        [*command, sys.executable, "-m", "editor", "show", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).parents[2],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{path}: cannot read: Permission denied" in done.stderr
    path.chmod(0o644)
    assert path.read_text() == "---\ntitle: x\n---\n"
    shutil.rmtree(folder)
