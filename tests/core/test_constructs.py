"""Markdown constructs as line edits, in the post's own style; a formatted table renders in the
real Hugo exactly as before, and every list it makes is a list to Hugo."""

from __future__ import annotations

import pytest

from editor.core.rendering import constructs as c
from tests.helpers import hugo


def test_the_posts_own_bullet_and_fence() -> None:
    assert c.style_of(["- a", "- b", "* c", "~~~", "* not counted", "~~~"]) == c.Style("-", "~~~")
    assert c.style_of([]) == c.Style("*", "```")


def test_lists_toggle_on_the_selected_lines() -> None:
    lines = ["First thing", "", "  Second thing"]
    bullets = c.toggle_list(lines, "bullet", c.Style("-"))
    assert bullets == ["- First thing", "", "  - Second thing"]
    assert c.toggle_list(bullets, "bullet") == lines  # again: plain text
    assert c.toggle_list(bullets, "number") == ["1. First thing", "", "  2. Second thing"]
    assert c.toggle_list(["a", "b"], "task") == ["* [ ] a", "* [ ] b"]
    assert c.toggle_list(["* [x] done"], "task") == ["done"]


def test_enter_continues_a_list_and_ends_it_on_an_empty_item() -> None:
    assert c.continue_list("* an item") == "* "
    assert c.continue_list("  - nested") == "  - "
    assert c.continue_list("9. ninth") == "10. "
    assert c.continue_list("3) third") == "4) "
    assert c.continue_list("- [x] done") == "- [ ] "
    assert c.continue_list("* ") == "" and c.continue_list("1. ") == "" and c.continue_list("- [ ] ") == ""
    assert c.continue_list("plain text") is None and c.continue_list("*emphasis*") is None


def test_numbered_lists_renumber_and_items_indent() -> None:
    lines = ["1. one", "2. two", "2. inserted", "3. three", "   more of three", "", "after"]
    assert c.renumber(lines, 2) == [
        "1. one",
        "2. two",
        "3. inserted",
        "4. three",
        "   more of three",
        "",
        "after",
    ]
    assert c.indent_items(["* a", "* b"], "  ") == ["  * a", "  * b"]
    assert c.indent_items(["  * a"], "  ", outdent=True) == ["* a"]
    assert c.indent_items(["* a", "text"], "  ") is None


def test_quotes_code_blocks_and_footnotes() -> None:
    assert c.toggle_quote(["a", "", "b"]) == ["> a", ">", "> b"]
    assert c.toggle_quote(["> a", ">", "> b"]) == ["a", "", "b"]
    assert c.code_block([], "go") == ["```go", "", "```"]
    assert c.code_block(["```", "x", "```"], "md") == ["````md", "```", "x", "```", "````"]
    assert c.next_footnote("A[^1] and [^3].\n\n[^1]: x\n[^3]: y\n") == "4"
    assert c.footnote_definition(["Text[^1].", ""], "1") == ["Text[^1].", "", "[^1]: ", ""]


def test_a_table_is_aligned_counting_wide_characters_as_two() -> None:
    table = ["|Name|Größe|右|", "|:--|:-:|--:|", "|日本語|x|1|", "|a|bb|12345|"]
    assert c.format_table(table) == [
        "| Name   | Größe |    右 |",
        "| :----- | :---: | ----: |",
        "| 日本語 |   x   |     1 |",
        "| a      |  bb   | 12345 |",
    ]
    assert c.format_table(["no table", "here"]) is None
    assert c.table_around(["x", "", *table, "", "y"], 3) == (2, 6)
    made = c.new_table(2, 3)
    assert len(made) == 4 and made[0].startswith("| Column 1")


@pytest.mark.hugo
def test_what_the_edits_make_renders_in_hugo_as_intended() -> None:
    table = ["|Name|Größe|右|", "|:--|:-:|--:|", "|日本語|x|1|", "|a|bb|12345|"]
    formatted = c.format_table(table)
    assert formatted is not None
    lists = [*c.toggle_list(["one", "two"], "number"), "", *c.toggle_list(["a"], "task")]
    pages = hugo.read(
        {
            name: ("+++\ntitle = 't'\n+++\n" + "\n".join(body) + "\n").encode()
            for name, body in (("raw", table), ("formatted", formatted), ("lists", lists))
        }
    )
    assert pages["raw"]["content"] == pages["formatted"]["content"]  # alignment changes nothing
    assert "<ol>" in pages["lists"]["content"] and 'type="checkbox"' in pages["lists"]["content"]
