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


@pytest.mark.hugo
def test_a_field_hugo_reads_for_the_page_under_params_is_flagged(tmp_path: Path) -> None:
    text = "---\nparams:\n  title: Inner\n  date: 2020-01-02\n  mood: calm\n---\nHi\n"
    from tests.helpers import hugo as hugo_view

    read = hugo_view.read({"p": text.encode()})["p"]
    assert read["title"] == "" and read["date"].startswith("0001-")  # not the page's
    assert read["params"]["title"] == "Inner" and read["params"]["mood"] == "calm"
    post = tmp_path / "p.md"
    post.write_text(text)
    found = [f"{p.severity}: {p.message}" for p in checks.check_file(post)]
    assert found == [
        "warning: params.title is only a custom parameter (.Params.title): Hugo reads the page's title "
        "from a top-level title, not from under params",
        "warning: params.date is only a custom parameter (.Params.date): Hugo reads the page's date "
        "from a top-level date, not from under params",
    ]


NEW_FIELD_CASES = {
    "toml": '+++\ntitle = "A"  # the title\n[params]\n  author = "me"  # who\n[cascade]\n  x = 1\n+++\nHi\n',
    "yaml": "---\ntitle: A\nparams:\n  # who wrote it\n  author: me\ndate: 2024-01-01\n---\nHi\n",
    "json": '{\n  "title": "A",\n  "params": {\n    "author": "me"\n  }\n}\nHi\n',
    "no params": "---\ntitle: A\n---\nHi\n",
}


ADDED = {
    "toml": ["weight = 3", "", 'mood = "calm"'],  # tomlkit sets a new top key off the first table
    "yaml": ["  mood: calm", "weight: 3"],
    "json": ['    "author": "me",', '    "mood": "calm"', "  },", '  "weight": 3'],
    "no params": ["mood: calm", "weight: 3"],
}
REMOVED = {"json": ['    "author": "me"', "  }"]}  # a comma after each member but the last


@pytest.mark.hugo
def test_a_new_custom_field_goes_where_the_post_keeps_them(tmp_path: Path) -> None:
    from editor.core.post import Post
    from tests.helpers import hugo as hugo_view

    texts, where = {}, {}
    for name, text in NEW_FIELD_CASES.items():
        post = Post.from_bytes(text.encode(), None)
        where[name] = post.add_custom("mood", "calm")
        assert post.add_custom("weight", 3) == "weight"  # Hugo reads weight for the page: at the top
        old, new = text.splitlines(), post.text.splitlines()
        assert [line for line in new if line not in old] == ADDED[name]
        assert [line for line in old if line not in new] == REMOVED.get(name, [])  # comments kept
        texts[name] = post.text.encode()
    assert where == {"toml": "params.mood", "yaml": "params.mood", "json": "params.mood", "no params": "mood"}
    read = hugo_view.read(texts)
    for name in NEW_FIELD_CASES:
        assert read[name]["params"]["mood"] == "calm" and read[name]["params"]["weight"] == 3, name


FIX_CASES = {
    "toml table": '+++\ntitle = "D"\n[[cascade]]\n  draft = false\n'
    '  [cascade._target]\n    path = "/posts/**"\n+++\nHi\n',
    "toml dotted": '+++\ntitle = "D"\n[cascade]\n  draft = false\n  _target.path = "/posts/**"\n+++\nHi\n',
    "yaml": "---\ntitle: D\ncascade:\n  - draft: false\n    _target:  # which pages\n"
    "      path: /posts/_target/**\n---\nHi\n",
    "yaml flow": "---\ntitle: D\ncascade:\n  draft: false\n  _target: {path: /posts/**}\n---\nHi\n",
    "json": '{\n "title": "D",\n "cascade": {"_target": {"path": "/posts/**"}, "draft": false}\n}\nHi\n',
}


@pytest.mark.hugo
@pytest.mark.parametrize("case", FIX_CASES)
def test_the_cascade_target_fix_changes_only_that_line(tmp_path: Path, case: str) -> None:
    from editor.core.post import Post, fixes

    root = tmp_path / "site"
    (root / "content" / "posts").mkdir(parents=True)
    (root / "hugo.toml").write_text('baseURL = "https://example.org/"\ntitle = "T"\n')
    text = FIX_CASES[case]
    index = root / "content" / "_index.md"
    index.write_text(text)
    (root / "content" / "posts" / "p.md").write_text('+++\ntitle = "P"\ndraft = true\n+++\nHi\n')
    binary = hugo.binary()
    assert binary is not None

    def build() -> tuple[str, list[str]]:
        log = subprocess.run(
            [binary, "--source", str(root), "--renderToMemory", "--logLevel", "warn"],
            capture_output=True,
            text=True,
        )
        listed = subprocess.run(
            [binary, "list", "all", "--source", str(root)], capture_output=True, text=True
        )
        return log.stdout + log.stderr, [r["path"] for r in csv.DictReader(listed.stdout.splitlines())]

    log, pages = build()
    assert "cascade._target was deprecated" in log and "content/posts/p.md" in pages  # the cascade applies
    [problem] = [p for p in checks.check_file(index) if p.fix]
    post = Post.load(index)
    fixes.apply(post, problem.fix)
    post.save()
    changed = [
        (a, b) for a, b in zip(text.splitlines(), index.read_text().splitlines(), strict=True) if a != b
    ]
    assert len(changed) == 1 and changed[0][1] == changed[0][0].replace("_target", "target", 1)
    log, pages = build()
    assert "_target" not in log and "content/posts/p.md" in pages  # no warning; the cascade still applies
    assert [p for p in checks.check_file(index) if p.fix] == []


def test_the_post_list_marks_keys_hugo_no_longer_reads(
    built: tuple[Path, dict[str, dict[str, str]], str],
) -> None:
    from editor.core.site.listing import SiteIndex

    root, _pages, _log = built
    index = SiteIndex(root)
    for _ in index.scan():
        pass
    warned = {Path(k).name: v.warning.split(":")[0] for k, v in index.posts.items() if v.warning}
    assert warned == {"a.md": "lang", "b.md": "kind", "c.md": "path"}
