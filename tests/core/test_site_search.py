"""Find in Site on a generated 10,000-post site: the lines it finds are the lines `grep` finds
(the real tool, case-insensitive and fixed-string, or the regular expression), grouped by file;
an edit on disk is found at once; a bad regular expression is said so."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from editor.core.site.search import SearchError, SiteText, pattern
from tests.bench import make_site


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_site(tmp_path_factory.mktemp("big") / "site", 10_000)
    odd = root / "content" / "posts" / "00" / "odd.md"
    odd.write_text('+++\ntitle = "Odd"\n+++\nA Lisbon tram, lisbon again on one line.\n\nÇa LISBON\n')
    return root


def _grep(root: Path, *args: str) -> set[tuple[str, int]]:
    out = subprocess.run(
        ["grep", "-rn", "--include=*.md", *args, str(root / "content")], capture_output=True, text=True
    ).stdout
    found = set()
    for line in out.splitlines():
        path, number, _rest = line.split(":", 2)
        found.add((path, int(number)))
    return found


def _ours(found: list) -> set[tuple[str, int]]:  # type: ignore[type-arg]
    return {(str(f.path), h.line) for f in found for h in f.hits}


@pytest.mark.skipif(shutil.which("grep") is None, reason="grep is part of every Linux base system")
@pytest.mark.parametrize(
    ("needle", "regex", "case", "grep_args"),
    [
        ("lisbon", False, False, ("-i", "-F", "lisbon")),
        ("Post number 4242", False, True, ("-F", "Post number 4242")),
        (r"tag3\d\b", True, False, ("-i", "-P", r"tag3\d\b")),
        ("draft: true", False, False, ("-i", "-F", "draft: true")),
    ],
)
def test_the_lines_found_are_greps(
    big_site: Path, needle: str, regex: bool, case: bool, grep_args: tuple[str, ...]
) -> None:
    found = SiteText(big_site).search(pattern(needle, regex, case), limit=100_000)
    assert _ours(found) == _grep(big_site, *grep_args)
    assert len({f.path for f in found}) == len(found)  # one group per file


def test_one_result_per_line_with_where_the_match_is(big_site: Path) -> None:
    text = SiteText(big_site)
    [odd] = [f for f in text.search(pattern("lisbon")) if f.path.name == "odd.md"]
    assert [(h.line, h.column, h.length) for h in odd.hits] == [(4, 3, 6), (6, 4, 6)]
    hit = odd.hits[0]
    assert hit.text[hit.shown_at : hit.shown_at + hit.length] == "Lisbon"
    case = [f for f in text.search(pattern("LISBON", case=True)) if f.path.name == "odd.md"]
    assert [h.line for h in case[0].hits] == [6]


def test_an_edit_on_disk_is_found_and_a_limit_holds(big_site: Path, tmp_path: Path) -> None:
    text = SiteText(big_site)
    assert text.search(pattern("zebra crossing")) == []
    post = big_site / "content" / "notes" / "01" / "post-502.md"
    post.write_text(post.read_text() + "\nA zebra crossing.\n")
    [found] = text.search(pattern("zebra crossing"))
    assert found.path == post and found.hits[0].line == len(post.read_text().splitlines())
    assert sum(len(f.hits) for f in text.search(pattern("body"), limit=250)) == 250


def test_a_regular_expression_that_does_not_compile() -> None:
    with pytest.raises(SearchError, match="not a regular expression"):
        pattern("tag(", regex=True)
    assert pattern("tag(").search("a tag( here")  # as text it is fine
    assert pattern("cat", words=True).search("a cat") and not pattern("cat", words=True).search("concat")
