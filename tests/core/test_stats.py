from __future__ import annotations

from editor.core.post.stats import reading_minutes, slug_for, word_count


def test_slug_folds_accents_and_joins_words() -> None:
    assert slug_for("Inés Sombra: Testing in a Distributed World!") == (
        "ines-sombra-testing-in-a-distributed-world"
    )
    assert slug_for("  Ça va?  Très bien — merci ") == "ca-va-tres-bien-merci"


def test_word_count_skips_markup_and_shortcodes() -> None:
    body = '## A heading\n\n* [a link](https://x.org) and `code`\n\n{{< figure src="x.png" >}}\n'
    assert word_count(body) == 7  # A heading a link https://x.org and code


def test_reading_time_matches_hugo_rounding() -> None:
    assert [reading_minutes(n) for n in (0, 1, 213, 214, 426, 427)] == [0, 1, 1, 2, 2, 3]
