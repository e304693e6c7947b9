"""Values Hugo cannot read: `check` calls them errors exactly where the real Hugo refuses the
post, `set` never writes them, and what we only cannot read (our own limits) is a warning."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from editor.core.post import Post, PostError
from editor.core.post.checks import check_file
from editor.core.problems import Severity
from tests.conftest import ROOT
from tests.helpers import hugo

# name -> the file; whether Hugo builds it is asked of Hugo itself. (YAML's .nan and TOML's nan
# are read by Hugo; only the helper's layout, which prints params as JSON, would fail on them.)
FILES = {
    "json-nan": b'{"title": "x", "ratio": NaN}\n',
    "json-infinity": b'{"title": "x", "ratio": -Infinity}\n',
    "toml-int-above-int64": b'+++\ntitle = "x"\nviews = 9223372036854775808\n+++\n',
    "toml-int-at-int64": b'+++\ntitle = "x"\nviews = 9223372036854775807\n+++\n',
    "toml-5000-digits": b'+++\ntitle = "x"\nviews = ' + b"1" * 5000 + b"\n+++\n",
    "json-5000-digits": b'{"title": "x", "views": ' + b"1" * 5000 + b"}\n",
    "yaml-5000-digits": b"---\ntitle: x\nviews: " + b"1" * 5000 + b"\n---\n",
    "yaml-complex-key": b"---\ntitle: x\n? [a, b]\n: v\n---\n",
    "yaml-lone-surrogate": b'---\ntitle: "\\ud800"\n---\n',
    "json-lone-surrogate": b'{"title": "\\ud800"}\n',
    "yaml-binary": b"---\ntitle: x\nblob: !!binary aGVsbG8=\n---\n",
    "yaml-set": b"---\ntitle: x\nkinds: !!set {a, b}\n---\n",
    "lone-carriage-returns": b"---\rtitle: x\r---\rbody\r",
}


@pytest.fixture(scope="module")
def hugo_refuses(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bool]:
    """Per file, whether the real Hugo fails to build it (each built alone: one failure stops a
    build)."""
    if hugo.binary() is None:
        pytest.skip("no hugo binary (make install brings the hugo package)")
    out = {}
    for name, data in FILES.items():
        try:
            hugo.read({name: data})
            out[name] = False
        except hugo.BuildError:
            out[name] = True
    return out


@pytest.mark.parametrize("name", sorted(FILES))
def test_check_calls_it_an_error_exactly_when_hugo_refuses_it(
    name: str, hugo_refuses: dict[str, bool], tmp_path: Path
) -> None:
    path = tmp_path / f"{name}.md"
    path.write_bytes(FILES[name])
    problems = check_file(path)
    errors = [p for p in problems if p.severity == Severity.ERROR]
    assert bool(errors) == hugo_refuses[name], (name, problems)
    for p in problems:
        assert p.line >= 1 and str(path) in str(p)


def test_what_we_cannot_read_but_hugo_can_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "yaml-5000-digits.md"
    path.write_bytes(FILES["yaml-5000-digits"])
    (problem,) = check_file(path)
    assert problem.severity == Severity.WARNING and "more than 4,300 digits" in problem.message
    path = tmp_path / "cr.md"
    path.write_bytes(FILES["lone-carriage-returns"])
    assert [p.severity for p in check_file(path)] == [Severity.WARNING]
    assert "lone carriage returns" in check_file(path)[0].message


@pytest.mark.parametrize(
    "start,value,words",
    [
        (b'{"title": "x"}\n', "NaN", "NaN and Infinity are not JSON"),
        (b'{"title": "x"}\n', "-Infinity", "NaN and Infinity are not JSON"),
        (b'+++\ntitle = "x"\n+++\n', "9223372036854775808", "does not fit in 64 bits"),
        (b'{"title": "x"}\n', "[1, 18446744073709551616]", "does not fit in 64 bits"),
    ],
)
def test_set_never_writes_a_value_hugo_refuses(tmp_path: Path, start: bytes, value: str, words: str) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(start)
    done = subprocess.run(
        [sys.executable, "-m", "editor", "set", str(path), "--set", f"x={value}"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 1 and words in done.stderr and "Traceback" not in done.stderr
    assert path.read_bytes() == start
    post = Post.load(path)
    with pytest.raises(PostError, match=words):
        post.set("x", {"NaN": float("nan"), "-Infinity": float("-inf")}.get(value, 2**64))


def test_show_prints_every_odd_value_as_text(tmp_path: Path) -> None:
    path = tmp_path / "odd.md"
    path.write_bytes(
        b'---\ntitle: "\\ud800 and more"\nblob: !!binary aGVsbG8=\n'
        b"kinds: !!set {a, b}\nmine: !tag text\n---\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "editor", "show", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert '  title = "\\\\ud800 and more"' in done.stdout
    assert '  blob = "aGVsbG8="' in done.stdout
    assert '  kinds = ["a", "b"]' in done.stdout
    assert '  mine = "text"' in done.stdout
