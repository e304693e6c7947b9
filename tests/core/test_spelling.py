"""Spell checking with the real Enchant and Hunspell's en_US dictionary: exactly the words a
reader reads are checked (the planted misspellings of tests/data/spelling/post.md, found where
they are), never code, URLs, raw HTML, shortcode names and parameters or reference definitions."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from editor.core import spelling
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data" / "spelling"


def planted() -> list[tuple[int, int, str]]:
    """(file line, column, word), both 1-based, found by searching the file for each word."""
    lines = (DATA / "post.md").read_text(encoding="utf-8").split("\n")
    out = []
    for word in (w for w in (DATA / "planted.txt").read_text().split("\n") if w and not w.startswith("#")):
        hits = [(n + 1, line.index(word) + 1) for n, line in enumerate(lines) if word in line]
        assert len(hits) == 1, word
        out.append((*hits[0], word))
    return sorted(out)


def test_the_command_line_reports_exactly_the_planted_misspellings(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    shutil.copy(DATA / "post.md", post)
    out = subprocess.run(
        [sys.executable, "-m", "editor", "spell", str(post), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 1, out.stderr
    found = json.loads(out.stdout)
    assert sorted((f["line"], f["column"], f["word"]) for f in found) == planted()
    assert next(f for f in found if f["word"] == "mispelled")["suggestions"][0] == "misspelled"
    text = subprocess.run(
        [sys.executable, "-m", "editor", "spell", str(post)], capture_output=True, text=True
    )
    assert f"{post}:7:19: mispelled (misspelled" in text.stdout


def test_a_word_in_the_site_dictionary_or_the_authors_is_not_reported(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "content" / "posts").mkdir(parents=True)
    (site / "hugo.toml").write_text('title = "S"\nlanguageCode = "en-us"\n')
    post = site / "content" / "posts" / "post.md"
    shutil.copy(DATA / "post.md", post)
    personal = tmp_path / "mine.txt"
    speller = spelling.Speller.open("en_US", personal, site)
    body = post.read_text().split("+++\n", 2)[2]
    assert "valu" in [w.text for w in spelling.misspellings(body, speller)]
    speller.add_to_site("valu")
    speller.add_to_site("Tablle")
    speller.add_personal("captoin")
    assert (site / spelling.SITE_DICTIONARY).read_text() == "Tablle\nvalu\n"  # one a line, sorted
    assert personal.read_text() == "captoin\n"
    again = spelling.Speller.open("en_US", personal, site)  # read back from the files
    words = [w.text for w in spelling.misspellings(body, again)]
    assert "valu" not in words and "Tablle" not in words and "captoin" not in words and "headng" in words
    out = subprocess.run([sys.executable, "-m", "editor", "spell", str(site)], capture_output=True, text=True)
    assert ": valu" not in out.stdout and ": headng" in out.stdout


def test_words_never_looked_up_and_the_rules_that_can_be_turned_off() -> None:
    speller = spelling.Speller.open("en_US")
    line = "NASA flies iPhones to mars with mp3 players and JavaScript"
    assert [w.text for w in speller.misspelled_in_line(line, 0)] == []
    speller.rules = spelling.Rules(all_caps=False, digits=False, camel=False)
    speller.forget_cache()
    assert {w.text for w in speller.misspelled_in_line("NASAA and mp3x and JavaScriptt", 0)} == {
        "NASAA",
        "mp3x",
        "JavaScriptt",
    }


def test_a_missing_dictionary_names_the_package_to_install() -> None:
    with pytest.raises(spelling.SpellingUnavailable, match="install hunspell-xx-yy"):
        spelling.Speller.open("xx_YY")


@pytest.mark.parametrize(
    "name,config,expected",
    [
        ("post.md", {"languageCode": "en-gb"}, "en_GB"),
        ("post.md", {}, "en_US"),
        ("post.de.md", {"languages": {"de": {"languageCode": "de-de"}, "en": {}}}, "de_DE"),
        ("content/fr/post.md", {"languages": {"fr": {"locale": "fr-FR"}}}, "fr_FR"),
    ],
)
def test_the_posts_language(name: str, config: dict[str, object], expected: str) -> None:
    assert spelling.language_of(Path("/site") / name, config, "en_US") == expected
