"""Sites built in temporary folders, read by the core and by the real Hugo (`hugo list all`)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from editor.core import site
from editor.core.site import hugo as hugo_cmd
from editor.core.site.listing import SiteIndex
from tests.conftest import ROOT
from tests.helpers.sites import ARCHETYPES, MULTILINGUAL, write


def hugo_list(root: Path) -> dict[str, dict[str, str]]:
    out = subprocess.run(
        [hugo_cmd.binary() or "hugo", "list", "all", "--noBuildLock", "--source", str(root)],
        capture_output=True,
        text=True,
        check=True,
    )
    return {row["path"]: row for row in csv.DictReader(io.StringIO(out.stdout))}


def test_config_folder_merged_as_hugo_merges_it(tmp_path: Path) -> None:
    root = write(tmp_path / "site", MULTILINGUAL)
    assert site.find_root(root / "content" / "en" / "posts") == root.resolve()
    config = site.load_config(root)
    assert config["title"] == "Two languages"
    assert config["params"] == {"subtitle": "from params.toml"}
    assert config["languages"]["en"]["menus"]["main"][0]["name"] == "Home"
    assert site.taxonomies(config) == ["tags", "series"]
    assert site.taxonomies({}) == ["tags", "categories"]


def test_the_listing_agrees_with_hugo(tmp_path: Path) -> None:
    root = write(tmp_path / "site", MULTILINGUAL)
    index = SiteIndex(root)
    batches = list(index.scan(batch=2))
    assert len(batches) >= 3  # filled in steps
    posts = index.posts
    assert set(posts) == {
        k
        for k in MULTILINGUAL
        if k.startswith("content/") and k.endswith(".md") and "/trip/notes.md" not in k
    }  # a leaf bundle's other .md is a resource
    assert posts["content/pt/posts/broken.md"].error  # listed, with why it cannot be read
    (root / "content/pt/posts/broken.md").unlink()  # Hugo stops at it; we list the others
    truth = hugo_list(root)
    checked = 0
    for path, row in truth.items():
        info = posts[path]
        assert info.title == row["title"], path
        assert info.draft == (row["draft"] == "true"), path
        assert info.section == row["section"], path
        if info.kind != "section":  # a section's date is its newest page's, Hugo's to work out
            hugo_date = dt.datetime.fromisoformat(row["date"])
            assert (info.when or dt.datetime(1, 1, 1, tzinfo=dt.UTC)) == hugo_date, path
        checked += 1
    assert checked == 7
    trip = posts["content/en/posts/trip/index.md"]
    assert (trip.kind, trip.language, trip.terms) == (
        "bundle",
        "en",
        {"tags": ["go", "Travel"], "series": ["Travel"]},
    )
    assert trip.resources == ["cover.jpg", "gallery/one.jpg", "notes.md"]
    assert posts["content/pt/posts/viagem/index.md"].language == "pt"
    assert posts["content/en/notes/future.md"].future()
    assert posts["content/en/_index.md"].kind == "section"
    # terms folded as Hugo folds them, counted per post, first spelling shown
    assert index.terms() == {"tags": [("Go", 2), ("Travel", 1)], "series": [("Travel", 2)]}


def test_translations_by_file_name_and_yaml_and_json_configs(tmp_path: Path) -> None:
    root = write(
        tmp_path / "site",
        {
            "config.yaml": (
                "baseURL: https://example.org/\nlanguages:\n  en: {weight: 1}\n  fr: {weight: 2}\n"
            ),
            "content/posts/hello.md": "---\ntitle: Hello\ndate: 2024-01-01\n---\n",
            "content/posts/hello.fr.md": "---\ntitle: Bonjour\ndate: 2024-01-01\n---\n",
            "content/posts/data.md": '{\n  "title": "In JSON",\n  "date": "2024-02-02T00:00:00Z"\n}\nBody.\n',
        },
    )
    index = SiteIndex(root)
    list(index.scan())
    assert {k: (v.title, v.language) for k, v in index.posts.items()} == {
        "content/posts/data.md": ("In JSON", "en"),
        "content/posts/hello.fr.md": ("Bonjour", "fr"),
        "content/posts/hello.md": ("Hello", "en"),
    }
    truth = hugo_list(root)
    assert {k: r["title"] for k, r in truth.items()} == {k: v.title for k, v in index.posts.items()}


def test_changes_on_disk_are_found_and_only_those_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write(
        tmp_path / "site",
        {
            "hugo.toml": "",
            "content/a.md": "+++\ntitle = 'A'\n+++\n",
            "content/b.md": "+++\ntitle = 'B'\n+++\n",
        },
    )
    cache = tmp_path / "cache"
    index = SiteIndex(root, cache)
    list(index.scan())
    index.save_cache()
    (root / "content" / "c.md").write_text("+++\ntitle = 'C'\n+++\n", encoding="utf-8")
    (root / "content" / "a.md").unlink()
    b = root / "content" / "b.md"
    b.write_text("+++\ntitle = 'B, renamed'\n+++\n", encoding="utf-8")
    os.utime(b, ns=(time.time_ns(), time.time_ns() + 10**9))
    assert index.refresh() == ({"content/c.md"}, {"content/a.md"}, {"content/b.md"})
    assert index.posts["content/b.md"].title == "B, renamed"
    # a new run starts from the cache on disk: unchanged files are not read again
    from editor.core.site import listing as siteindex

    read: list[str] = []
    real = siteindex.read_info
    monkeypatch.setattr(siteindex, "read_info", lambda layout, p: read.append(p) or real(layout, p))
    again = SiteIndex(root, cache)
    list(again.scan())
    assert sorted(Path(p).name for p in read) == ["b.md", "c.md"]
    assert {k: v.title for k, v in again.posts.items()} == {"content/b.md": "B, renamed", "content/c.md": "C"}


# ---- new posts -----------------------------------------------------------------------------


def test_new_post_with_the_real_hugo_and_a_template_archetype(tmp_path: Path) -> None:
    root = write(tmp_path / "site", ARCHETYPES)
    made = hugo_cmd.new_post(root, "Ça va? A post", "posts")
    assert made.made_by == "hugo" and made.path == root / "content" / "posts" / "ca-va-a-post.md"
    text = made.path.read_text(encoding="utf-8")
    assert 'title = "Ça va? A post"' in text and 'tags = ["new"]' in text and "draft = true" in text
    assert hugo_list(root)["content/posts/ca-va-a-post.md"]["title"] == "Ça va? A post"
    # a bundle from the directory archetype: its other files come along
    talk = hugo_cmd.new_post(root, "My Talk", "talks", bundle=True)
    assert talk.path == root / "content" / "talks" / "my-talk" / "index.md"
    assert (talk.path.parent / "slides.txt").read_text() == "slides go here"
    assert talk.path.read_text(encoding="utf-8").endswith("---\n\n### Links\n")
    with pytest.raises(hugo_cmd.HugoError, match="already exists"):
        hugo_cmd.new_post(root, "My Talk", "talks", bundle=True)


def test_new_post_without_hugo_and_what_the_fallback_refuses(tmp_path: Path) -> None:
    root = write(
        tmp_path / "site",
        {
            **ARCHETYPES,
            "archetypes/notes.md": '---\ntitle: \'{{ replace .File.ContentBaseName "-" " " | title }}\'\n'
            "date: {{ .Date }}\ndraft: true\n---\n",
        },
    )
    made = hugo_cmd.new_post(root, "Short note", "notes", use_hugo=False)
    assert made.made_by == "built-in" and "built-in" in made.note
    assert hugo_list(root)["content/notes/short-note.md"]["title"] == "Short note"
    with pytest.raises(hugo_cmd.HugoError, match=r"default\.md:5: the template \{\{ if eq"):
        hugo_cmd.new_post(root, "Needs Hugo", "posts", use_hugo=False)
    assert not (root / "content" / "posts" / "needs-hugo.md").exists()


def test_new_posts_in_each_language(tmp_path: Path) -> None:
    root = write(tmp_path / "site", {k: v for k, v in MULTILINGUAL.items() if "broken" not in k})
    made = hugo_cmd.new_post(root, "Hello", "posts")  # the default language's content folder
    assert made.path == root / "content" / "en" / "posts" / "hello.md"
    ola = hugo_cmd.new_post(root, "Olá", "posts", language="pt")
    assert ola.path == root / "content" / "pt" / "posts" / "ola.md"
    assert {"content/en/posts/hello.md", "content/pt/posts/ola.md"} <= set(hugo_list(root))
    with pytest.raises(hugo_cmd.HugoError, match="no language 'de'"):
        hugo_cmd.new_post(root, "Hallo", "posts", language="de")
    # a site that translates by file name
    named = write(
        tmp_path / "named",
        {"config.yaml": "languages:\n  en: {weight: 1}\n  fr: {weight: 2}\n", "content/posts/.keep": ""},
    )
    for use_hugo in (True, False):
        made = hugo_cmd.new_post(named, f"Bonjour {use_hugo}", "posts", language="fr", use_hugo=use_hugo)
        assert made.path.name == f"bonjour-{str(use_hugo).lower()}.fr.md"
        index = SiteIndex(named)
        list(index.scan())
        assert index.posts[f"content/posts/{made.path.name}"].language == "fr"
    assert "content/posts/bonjour-true.fr.md" in hugo_list(named)


def test_a_malformed_archetype_gives_a_clear_message_and_no_post(tmp_path: Path) -> None:
    root = write(
        tmp_path / "site",
        {"hugo.toml": "", "archetypes/default.md": '+++\n+++\ntitle = "{{ .Name }}"\ndraft = true\n'},
    )
    for use_hugo in (True, False):
        with pytest.raises(hugo_cmd.HugoError) as caught:
            hugo_cmd.new_post(root, "Broken", "posts", use_hugo=use_hugo)
        assert "default.md:2: the front-matter block (+++ … +++) is empty" in str(caught.value)
        assert "from line 3" in str(caught.value)
        assert not (root / "content" / "posts" / "broken.md").exists()


def test_hugo_template_errors_leave_nothing_behind(tmp_path: Path) -> None:
    root = write(
        tmp_path / "site", {"hugo.toml": "", "archetypes/default.md": "---\ntitle: {{ .Nope.Nope }}\n---\n"}
    )
    with pytest.raises(hugo_cmd.HugoError, match="hugo new content failed"):
        hugo_cmd.new_post(root, "Oops", "posts")
    content = root / "content"
    assert not content.exists() or list(content.rglob("*.md")) == []  # not even Hugo's empty file


# ---- checking a site -----------------------------------------------------------------------


def test_check_site_names_files_and_lines(tmp_path: Path) -> None:
    root = write(
        tmp_path / "site",
        {
            "hugo.toml": 'baseURL = "https://example.org/"\n',
            "content/posts/refs.md": '---\ntitle: Refs\n---\n\nSee [this]({{< ref "missing.md" >}}).\n',
            "content/posts/fine.md": "---\ntitle: Fine\n---\nFine.\n",
        },
    )
    problems = hugo_cmd.check_site(root)
    errors = [p for p in problems if p.severity == "error"]
    assert len(errors) == 1
    assert errors[0].path in ((root / "content/posts/refs.md").resolve(), root / "content/posts/refs.md")
    assert (errors[0].line, errors[0].column) == (5, 12)  # as Hugo counts
    assert 'REF_NOT_FOUND: Ref "missing.md"' in errors[0].message
    (root / "content/posts/fine.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    [broken] = [p for p in hugo_cmd.check_site(root) if p.path is not None and p.path.name == "fine.md"]
    assert (broken.severity, broken.line) == ("error", 2)


# ---- the command line ----------------------------------------------------------------------


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "editor", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def test_cli_new_and_list(tmp_path: Path) -> None:
    root = write(tmp_path / "site", ARCHETYPES)
    out = run_cli("new", str(root), "--title", "From the command line")
    assert out.returncode == 0, out.stderr
    path = Path(out.stdout.strip())
    assert path == root / "content" / "posts" / "from-the-command-line.md" and path.is_file()
    out = run_cli("new", str(root), "--title", "A bundle", "--section", "talks", "--bundle")
    assert Path(out.stdout.strip()) == root / "content" / "talks" / "a-bundle" / "index.md"
    listed = json.loads(run_cli("list", str(root), "--json", "--drafts").stdout)
    assert sorted(p["title"] for p in listed) == ["A bundle", "From the command line"]
    assert listed[0]["date"] >= listed[1]["date"]  # newest first (both made this second, maybe)
    assert all(p["draft"] for p in listed)
    assert run_cli("list", str(root)).stdout.strip() == ""  # drafts are shown only when asked
    table = run_cli("list", str(root), "--drafts").stdout
    assert "From the command line" in table and "content/talks/a-bundle/index.md" in table
    bad = run_cli("new", str(tmp_path / "nowhere"), "--title", "x")
    assert bad.returncode != 0 and "not a Hugo site" in bad.stderr


def test_page_urls_agree_with_hugo_in_every_language(tmp_path: Path) -> None:
    from urllib.parse import urlsplit

    from editor.core.post import Post

    sites = {
        "folders": write(tmp_path / "folders", {k: v for k, v in MULTILINGUAL.items() if "broken" not in k}),
        "names": write(
            tmp_path / "names",
            {
                "hugo.toml": 'baseURL = "https://example.org/"\n[languages.en]\nweight = 1\n[languages.fr]\n'
                'weight = 2\n[permalinks]\nposts = "/:year/:slug/"\n',
                "content/posts/hello.md": '+++\ntitle = "Hello"\ndate = 2024-01-02\n+++\n',
                "content/posts/hello.fr.md": (
                    '+++\ntitle = "Bonjour"\ndate = 2024-01-02\nslug = "salut"\n+++\n'
                ),
                "content/about/index.md": '+++\ntitle = "About"\n+++\n',
                "content/about/index.fr.md": '+++\ntitle = "À propos"\n+++\n',
            },
        ),
    }
    checked = 0
    for root in sites.values():
        config = site.load_config(root)
        for path, row in hugo_list(root).items():
            want = urlsplit(row["permalink"]).path
            assert site.page_url(root, config, root / path, Post.load(root / path).metadata) == want, path
            checked += 1
    assert checked == 11


def test_refs_resolve_within_the_pages_language(tmp_path: Path) -> None:
    root = write(tmp_path / "site", {k: v for k, v in MULTILINGUAL.items() if "broken" not in k})
    resolve = site.ref_resolver(root, root / "content" / "pt" / "posts" / "viagem" / "index.md")
    assert resolve("/posts/viagem", True) == "/pt/posts/viagem/"
    resolve = site.ref_resolver(root, root / "content" / "en" / "notes" / "day.md")
    assert resolve("posts/trip", True) == "/posts/trip/"
    assert resolve("future.md", False) == "https://example.org/notes/future/"


def test_a_slug_or_section_that_leaves_the_content_folder_is_refused(tmp_path: Path) -> None:
    root = write(tmp_path / "site", {"hugo.toml": 'title = "s"\n'})
    for slug, section in (
        ("../../x", "posts"),
        ("a/b", "posts"),
        ("x", "../../etc"),
        ("x", "posts/../../.."),
    ):
        with pytest.raises(hugo_cmd.HugoError, match="outside the content folder"):
            hugo_cmd.new_post(root, "Title", section, slug=slug)
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["hugo.toml", "site"]


def test_the_configuration_is_read_once_and_again_when_a_file_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from editor.core import site

    root = write(
        tmp_path / "site", {"hugo.toml": 'title = "One"\n', "config/_default/params.toml": "a = 1\n"}
    )
    reads: list[Path] = []
    real = site._read_config_file
    monkeypatch.setattr(site, "_read_config_file", lambda f: reads.append(f) or real(f))
    first = site.load_config(root)
    first["title"] = "changed by a caller"  # each caller has its own copy
    assert site.load_config(root)["title"] == "One" and len(reads) == 2
    params = root / "config" / "_default" / "params.toml"
    params.write_text("a = 2\n")
    later = params.stat().st_mtime_ns + 1_000_000
    os.utime(params, ns=(later, later))
    assert site.load_config(root)["params"]["a"] == 2 and len(reads) == 4


def test_a_cache_cut_short_is_only_a_slower_start(tmp_path: Path) -> None:
    root = write(
        tmp_path / "site",
        {"hugo.toml": "", **{f"content/p{n}.md": f"+++\ntitle = 'P{n}'\n+++\n" for n in range(5)}},
    )
    cache = tmp_path / "cache"
    index = SiteIndex(root, cache)
    list(index.scan())
    index.save_cache()
    (file,) = [f for f in cache.rglob("*") if f.is_file()]
    file.write_bytes(file.read_bytes()[:-20])  # a write cut short (the disk filled up)
    again = SiteIndex(root, cache)
    assert again.posts == {}  # nothing half-read is trusted
    list(again.scan())
    assert sorted(v.title for v in again.posts.values()) == [f"P{n}" for n in range(5)]
