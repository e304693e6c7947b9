"""Hugo's date and draft rules, each verified against the real Hugo, and the `check` command."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from editor.core.post import dates
from editor.core.post.checks import check_file
from tests.conftest import DATA
from tests.helpers import hugo

ACCEPTED = [
    "2014-09-28T10:11:12-05:00",
    "2014-09-28T10:11:12.123Z",
    "2014-09-28T10:11:12-0500",
    "2014-09-28",
    "2014-09-28T10:11:12",
    "2014-09-28 10:11:12",
    "2014-09-28 10:11:12 -0500",
    "2014-09-28 10:11:12 -05:00",
    "2014-09-28 10:11:12Z",
    "Sun, 28 Sep 2014 10:11:12 -0500",
    "Sun, 28 Sep 2014 10:11:12 EST",
    "Sunday, 28-Sep-14 10:11:12 MST",
    "Sun Sep 28 10:11:12 2014",
    "28 Sep 2014",
    "28 Sep 14 10:11 -0500",
    "Sun Sep 28 10:11:12 -0500 2014",
    "2014-09-28 10:11:12.5 -0500 EST",
]
REJECTED = [
    "September 28, 2014",
    "09/28/2014",
    "2014/09/28",
    "20140928",
    "2014-09-28t10:11:12z",
    "2014-09-28T10:11:12z",
    "2014-02-30",
    "2014-09-28T10:11",
    "2014-09-28T25:11:12Z",
    "2014-09-28T10:11:12+05",
    "1411913472",
    " 2014-09-28",
]


def _hugo_accepts(front: str) -> bool:
    try:
        hugo.read({"p": front.encode()})
    except hugo.BuildError:
        return False
    return True


@pytest.mark.hugo
def test_date_rules_match_the_real_hugo() -> None:
    cases = ACCEPTED + REJECTED
    with ThreadPoolExecutor(4) as pool:
        hugo_says = list(pool.map(lambda d: _hugo_accepts(f'+++\ndate = "{d}"\n+++\n'), cases))
    for text, accepted in zip(cases, hugo_says, strict=True):
        try:
            dates.parse(text)
            ours = True
        except ValueError:
            ours = False
        assert ours == accepted, f"{text!r}: Hugo {'accepts' if accepted else 'rejects'} it"
    assert hugo_says == [True] * len(ACCEPTED) + [False] * len(REJECTED)


@pytest.mark.hugo
def test_offsets_are_read_as_written_like_hugo() -> None:
    texts = {d: f'+++\ndate = "{d}"\n+++\n'.encode() for d in ACCEPTED[:13]}
    pages = hugo.read(texts)
    for text, page in pages.items():
        ours = dates.parse(text).aware()
        theirs = dt.datetime.fromisoformat(page["date"].replace("Z", "+00:00"))
        assert ours == theirs and ours.utcoffset() == theirs.utcoffset(), text


@pytest.mark.hugo
@pytest.mark.parametrize(
    ("front", "severity"),
    [
        ("---\ndraft: yes\n---\n", "error"),
        ('+++\ndraft = "yes"\n+++\n', "error"),
        ("---\ndraft: on\n---\n", "error"),
        ('+++\ndraft = "true"\n+++\n', None),
        ("---\ndraft: True\n---\n", None),
        ("+++\ndraft = true\n+++\n", None),
        ("+++\ndraft = 1\n+++\n", "warning"),
    ],
)
def test_draft_check_matches_what_hugo_reads(front: str, severity: str | None, tmp_path: Path) -> None:
    page = hugo.read({"p": front.encode()})["p"]
    f = tmp_path / "p.md"
    f.write_text(front)
    problems = check_file(f)
    assert [p.severity for p in problems] == ([severity] if severity else [])
    if severity == "error":  # what we flag is exactly what Hugo publishes by mistake
        assert page["draft"] is False


def test_check_reports_file_line_column_and_exit_status(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text(
        '+++\ntitle = "x"\ndate = "2014-09-28T10:11"\ntags = "one"\n'
        'expiryDate = 2001-01-01\nlastmod = "Sun, 28 Sep 2014 10:11:12 EST"\n'
        "publishDate = 2999-01-01\n+++\n"
    )
    r = subprocess.run(
        [sys.executable, "-m", "editor", "check", str(tmp_path)], capture_output=True, text=True
    )
    lines = r.stdout.splitlines()
    assert r.returncode == 1
    assert lines[0].startswith(f"{post}:3:1: error: date:")
    assert lines[1].startswith(f"{post}:4:1: error: tags must be a list of strings")
    assert lines[2].startswith(f"{post}:5:1: warning: expiryDate has passed")
    assert lines[3].startswith(f"{post}:6:1: warning: lastmod: Hugo reads the zone name EST")
    assert lines[4].startswith(f"{post}:7:1: warning: publishDate is in the future")
    assert len(lines) == 5 and r.stderr == ""


def test_check_json_and_clean_exit(tmp_path: Path) -> None:
    good = tmp_path / "good.md"
    good.write_text("---\ntitle: fine\ndate: 2020-01-01\n---\n")
    r = subprocess.run(
        [sys.executable, "-m", "editor", "check", "--json", str(good)], capture_output=True, text=True
    )
    assert r.returncode == 0 and json.loads(r.stdout) == []


def test_future_uses_the_site_time_zone(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_text('timeZone = "Pacific/Kiritimati"\n')  # UTC+14
    post = tmp_path / "content" / "p.md"
    post.parent.mkdir()
    now = dt.datetime(2030, 1, 1, 5, 0, tzinfo=dt.UTC)
    post.write_text('+++\ndate = "2030-01-01T12:00:00"\n+++\n')  # 12:00 at UTC+14 = 22:00 the day before
    assert check_file(post, now=now) == []
    post.write_text('+++\ndate = "2030-01-01T12:00:00Z"\n+++\n')
    assert [p.severity for p in check_file(post, now=now)] == ["warning"]


@pytest.mark.parametrize("name", sorted(p.name for p in (DATA / "bad").glob("*.md")))
def test_check_reports_unreadable_posts_as_errors(name: str) -> None:
    problems = check_file(DATA / "bad" / name)
    assert [p.severity for p in problems] == ["error"]


DRAFT_VALUES = [
    "draft = true",
    "draft = false",
    'draft = "true"',
    'draft = "True"',
    'draft = "TRUE"',
    'draft = "t"',
    'draft = "1"',
    'draft = "yes"',
    'draft = "false"',
    'draft = "0"',
    "draft = 1",
    "draft = 0",
    "draft = 2",
    'draft = ""',
    "title = 'no draft key'",
]


@pytest.mark.hugo
def test_is_draft_is_what_hugo_reads() -> None:
    """One rule for "is this a draft?" (the form, the post browser and the checks use it), each
    value compared with the real Hugo's .Draft."""
    from editor.core.post import Post, fields

    texts = {v: f"+++\n{v}\n+++\n".encode() for v in DRAFT_VALUES}
    pages = hugo.read(texts)
    assert set(pages) == set(texts)
    for value, page in pages.items():
        ours = fields.is_draft(Post.from_bytes(texts[value]).get("draft"))
        assert ours is page["draft"], value


@pytest.mark.hugo
def test_of_two_spellings_of_a_key_we_read_the_one_hugo_reads() -> None:
    """`title` and `Title` in one post: Hugo reads the spelling that is not all lower-case,
    whichever comes first; so do we, in TOML, YAML and JSON (the form shows it, `set` edits it)."""
    from editor.core.post import Post

    texts = {
        "toml": b'+++\ntitle = "lower"\nTitle = "other"\n+++\n',
        "toml-reversed": b'+++\nTitle = "other"\ntitle = "lower"\n+++\n',
        "yaml": b"---\ntitle: lower\nTitle: other\n---\n",
        "yaml-reversed": b"---\nTitle: other\ntitle: lower\n---\n",
        "json": b'{\n"title": "lower",\n"TITLE": "other"\n}\n',
        "json-reversed": b'{\n"TITLE": "other",\n"title": "lower"\n}\n',
        "draft": b'+++\ntitle = "x"\ndraft = true\nDraft = false\n+++\n',
    }
    pages = hugo.read(texts)
    assert pages["draft"]["draft"] is False  # the form must not say "Draft": Hugo publishes it
    assert Post.from_bytes(texts["draft"]).get("draft") is False
    for name, data in texts.items():
        post = Post.from_bytes(data)
        assert pages[name]["title"] == post.get("title"), name
        post.set("title", "edited")
        assert Post.from_bytes(post.to_bytes()).get("title") == "edited", name
        assert hugo.read({name: post.to_bytes()})[name]["title"] == "edited", name


def test_check_reports_case_twins_naming_both_lines(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_text(
        '+++\ntitle = "x"\ndraft = true\nDraft = false\ndate = "not a date"\nDate = 2024-01-01\n+++\n'
    )
    problems = [str(p) for p in check_file(post)]
    assert problems == [
        f"{post}:3:1: error: draft (line 3) and Draft (line 4) are one key to Hugo, which reads Draft: "
        "keep one of them",
        f"{post}:5:1: error: date (line 5) and Date (line 6) are one key to Hugo, which reads Date: "
        "keep one of them",
    ]  # the ignored "not a date" is not checked as a date: Hugo never reads it


def test_every_reader_of_a_post_agrees_on_case_twins(tmp_path: Path) -> None:
    """The post model, the site listing and the keys module give the value Hugo reads (checked
    against Hugo above) for draft/Draft in either order."""
    from editor.core.keys import lowered, value_of
    from editor.core.post import Post
    from editor.core.site.listing import SiteIndex

    (tmp_path / "hugo.toml").write_text('title = "s"\n')
    posts = tmp_path / "content" / "posts"
    posts.mkdir(parents=True)
    (posts / "a.md").write_text('+++\ntitle = "a"\ndraft = true\nDraft = false\n+++\n')
    (posts / "b.md").write_text('+++\ntitle = "b"\nDraft = false\ndraft = true\n+++\n')
    index = SiteIndex(tmp_path)
    for _batch in index.scan():
        pass
    for name in ("a.md", "b.md"):
        meta = Post.load(posts / name).metadata
        assert value_of(meta, "draft") is False and lowered(meta)["draft"] is False
        assert not index.posts[f"content/posts/{name}"].draft


def test_dates_beyond_python_s_range_are_reported_not_crashed_on(tmp_path: Path) -> None:
    """`date = 9223372036854775807` (Unix seconds Hugo reads, in year 292 billion) and a float
    (Hugo: "not a parsable date"): `list` goes on with the other posts, `check` names both."""
    from editor.core.post import dates

    with pytest.raises(dates.OutOfRange):
        dates.parse(9223372036854775807)
    (tmp_path / "hugo.toml").write_text('title = "s"\n')
    posts = tmp_path / "content" / "posts"
    posts.mkdir(parents=True)
    (posts / "big.md").write_text('+++\ntitle = "Big"\ndate = 9223372036854775807\n+++\n')
    (posts / "float.md").write_text('+++\ntitle = "Float"\ndate = 1e20\n+++\n')
    (posts / "fine.md").write_text('+++\ntitle = "Fine"\ndate = 2024-01-01\n+++\n')
    run = [sys.executable, "-m", "editor"]
    listed = subprocess.run([*run, "list", str(tmp_path)], capture_output=True, text=True, timeout=30)
    assert listed.returncode == 0 and "Traceback" not in listed.stderr
    for title, name in (("Big", "big"), ("Float", "float"), ("Fine", "fine")):
        assert f"{title}  content/posts/{name}.md" in listed.stdout
    checked = subprocess.run([*run, "check", str(posts)], capture_output=True, text=True, timeout=30)
    assert "Traceback" not in checked.stderr
    assert f"{posts / 'big.md'}:3:1: warning: date: 9223372036854775807 is outside the years 1 to 9999" in (
        checked.stdout
    )
    assert f"{posts / 'float.md'}:3:1: error: date: 1e+20 is not a date" in checked.stdout


def test_check_flags_invisible_characters_that_change_how_text_reads(tmp_path: Path) -> None:
    post = tmp_path / "invoice\u202egpj.md"
    post.write_text('+++\ntitle = "Pay\u202efdp.exe"\n"draft\u200b" = true\nemoji = "👩\u200d💻"\n+++\n')
    problems = [p.message for p in check_file(post)]
    assert problems == [
        "the file name holds U+202E RIGHT-TO-LEFT OVERRIDE: it reads as something else",
        "the value of 'title' holds U+202E RIGHT-TO-LEFT OVERRIDE: readers see other text",
        "the key of 'draft\\u200b' holds U+200B ZERO WIDTH SPACE: readers see other text",  # shown escaped
    ]  # a joiner inside an emoji is how emoji are written: not flagged
