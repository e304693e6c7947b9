"""Front-matter rules of current Hugo, each checked against the real Hugo (0.168 here): `lang`,
`kind` and `path` are no longer read for the page (an error: the author means something Hugo
does not do), `cascade._target` is deprecated (Hugo warns), and a key both at the top and under
`params` is read from `params`."""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import pytest

from editor.core.post import checks
from editor.core.site import hugo

POSTS = {
    "a.md": '+++\ntitle = "A"\nlang = "fr"\n+++\nHi\n',
    "b.md": '+++\ntitle = "B"\nkind = "section"\n+++\nHi\n',
    "c.md": '+++\ntitle = "C"\npath = "/elsewhere"\n+++\nHi\n',
    "d.md": '+++\ntitle = "D"\n[[cascade]]\n  draft = false\n'
    '  [cascade._target]\n    path = "/posts/**"\n+++\nHi\n',
    "e.md": '+++\ntitle = "E"\nmood = "top"\n[params]\nmood = "params"\n+++\nHi\n',
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict[str, str]], str]:
    root = tmp_path_factory.mktemp("site")
    (root / "content" / "posts").mkdir(parents=True)
    (root / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "T"\ndefaultContentLanguage = "en"\n'
        "[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n"
    )
    for name, text in POSTS.items():
        (root / "content" / "posts" / name).write_text(text)
    binary = hugo.binary()
    assert binary is not None
    listed = subprocess.run([binary, "list", "all", "--source", str(root)], capture_output=True, text=True)
    pages = {Path(row["path"]).name: row for row in csv.DictReader(listed.stdout.splitlines())}
    log = subprocess.run(
        [binary, "--source", str(root), "--renderToMemory", "--logLevel", "warn"],
        capture_output=True,
        text=True,
    )
    return root, pages, log.stdout + log.stderr


def _problems(root: Path, name: str) -> list[str]:
    return [f"{p.severity}: {p.message}" for p in checks.check_file(root / "content" / "posts" / name)]


@pytest.mark.hugo
def test_keys_hugo_no_longer_reads_for_the_page(built: tuple[Path, dict[str, dict[str, str]], str]) -> None:
    root, pages, _log = built
    assert pages["a.md"]["permalink"] == "https://example.org/posts/a/"  # not under /fr/
    assert pages["b.md"]["kind"] == "page"
    assert pages["c.md"]["permalink"] == "https://example.org/posts/c/"  # not /elsewhere/
    for name, key in (("a.md", "lang"), ("b.md", "kind"), ("c.md", "path")):
        found = _problems(root, name)
        assert len(found) == 1 and found[0].startswith(f"error: {key}: Hugo no longer sets the page's"), found


@pytest.mark.hugo
def test_cascade_target_and_a_key_set_twice(built: tuple[Path, dict[str, dict[str, str]], str]) -> None:
    root, _pages, log = built
    assert "cascade._target was deprecated" in log  # Hugo's own warning
    assert _problems(root, "d.md") == [
        "warning: cascade._target is deprecated since Hugo 0.156 and will be removed: write cascade.target"
    ]
    from tests.helpers import hugo as hugo_view

    read = hugo_view.read({"e.md": POSTS["e.md"].encode()})["e.md"]
    assert read["params"]["mood"] == "params"  # params wins
    assert _problems(root, "e.md") == [
        "warning: mood is set both at the top and under params: Hugo's .Params.mood is the value under "
        "params ('params'); the top one is not read"
    ]
