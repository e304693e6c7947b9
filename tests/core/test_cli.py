"""The command line, run as a user runs it: a subprocess on real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA, SEED, edge_posts


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "editor", *map(str, args)], capture_output=True, text=True, timeout=60
    )


def test_show_json_of_a_crlf_bom_post() -> None:
    r = run("show", DATA / "edge" / "toml-bom-crlf.md", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == {
        "format": "toml",
        "front_matter": {"title": "BOM and CRLF", "date": "2016-11-22T09:56:56-05:00", "tags": ["a", "b"]},
        "line_ending": "crlf",
        "bom": True,
    }


def test_show_gives_native_dates_exactly_as_written() -> None:
    r = run("show", DATA / "edge" / "yaml-comments.md", "--json")
    data = json.loads(r.stdout)
    assert data["format"] == "yaml"
    assert data["front_matter"]["date"] == "2021-05-06T07:08:09+02:00"
    assert data["front_matter"]["description"] == "folded text over lines"
    assert json.loads(run("show", DATA / "edge" / "no-front-matter.md", "--json").stdout)["format"] is None


@pytest.mark.parametrize("path", edge_posts(), ids=lambda p: p.name)
def test_set_without_options_is_byte_identical(path: Path, tmp_path: Path) -> None:
    copy = tmp_path / path.name
    copy.write_bytes(path.read_bytes())
    assert run("set", copy).returncode == 0
    assert copy.read_bytes() == path.read_bytes()


@pytest.mark.skipif(not SEED.is_dir(), reason="../shared/seed is absent")
def test_set_edits_only_the_named_fields(tmp_path: Path) -> None:
    copy = tmp_path / "seed.md"
    original = (SEED / "codemeshio-how-did-i-get-here.md").read_text()
    copy.write_text(original)
    r = run(
        "set",
        copy,
        "--title",
        "New title",
        "--date",
        "2017-01-01T10:00:00-05:00",
        "--draft",
        "--tags",
        "a, b",
        "--set",
        "weight=3",
        "--set",
        'aliases=["/old"]',
        "--set",
        "note=hi there",
        "--unset",
        "author",
    )
    assert r.returncode == 0, r.stderr
    expected = (
        original.replace('title = "CodeMeshIO: How Did I Get Here?"', 'title = "New title"')
        .replace('date = "2016-11-22T09:56:56-05:00"', 'date = "2017-01-01T10:00:00-05:00"')
        .replace("draft = false", "draft = true")
        .replace(
            'tags = ["talks","testing", "distributed systems", "stream processing", "video", "slides"]',
            'tags = ["a", "b"]',
        )
        .replace('author = "Sean T. Allen"\n', "")
        .replace(
            'slug = "codemeshio-how-did-i-get-here"\n',
            'slug = "codemeshio-how-did-i-get-here"\nweight = 3\naliases = ["/old"]\nnote = "hi there"\n',
        )
    )
    assert copy.read_text() == expected


def test_errors_go_to_stderr_without_a_traceback(tmp_path: Path) -> None:
    r = run("set", DATA / "bad" / "toml-duplicate.md", "--title", "x")
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.startswith(f"hugo-post-editor: {DATA / 'bad' / 'toml-duplicate.md'}:3:12: ")
    assert "Traceback" not in r.stderr
    f = tmp_path / "p.md"
    f.write_text('+++\ntitle = "x"\n+++\n')
    r = run("set", f, "--date", "September 28, 2014")
    assert r.returncode == 1 and "unable to parse date" in r.stderr and "Traceback" not in r.stderr
    assert f.read_text() == '+++\ntitle = "x"\n+++\n'
    r = run("show", tmp_path / "missing.md")
    assert r.returncode == 1 and "cannot read" in r.stderr and "Traceback" not in r.stderr


def test_the_core_and_the_command_line_never_load_qt() -> None:
    code = (
        "import sys, editor.core.post, editor.core.post.checks, editor.cli; "
        "from editor.cli import main; main(['show', sys.argv[1]]); "
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was imported'"
    )
    r = subprocess.run(
        [sys.executable, "-c", code, str(DATA / "edge" / "json-front.md")], capture_output=True, text=True
    )
    assert r.returncode == 0, r.stderr
