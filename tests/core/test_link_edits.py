"""The link dock's edits, as the core does them: body in, body out, only the lines concerned."""

from __future__ import annotations

from editor.core.links import edits

BODY = (
    "Intro.\n\n### Peter Alvaro\n\n* [Molly](http://molly.pdf)\n* [Twitter](https://twitter.com/palvaro)\n\n"
    "### Kyle Kingsbury\n\n* [Jepsen](https://aphyr.com/tags/Jepsen)\n"
)


def test_change_a_heading_and_a_url() -> None:
    edit = edits.change(BODY, (0, 1), "heading", "Aphyr")
    assert edit.body == BODY.replace("### Kyle Kingsbury", "### Aphyr") and edit.select == (0, 1)
    edit = edits.change(BODY, (0, 0, 1), "url", "https://x.com/palvaro")
    assert edit.body == BODY.replace("https://twitter.com/palvaro", "https://x.com/palvaro")


def test_insert_a_link_after_the_selected_one_and_a_group_after_the_selected_group() -> None:
    edit = edits.insert_link(BODY, edits.new_link("Blog", "https://alvaro.blog"), (0, 0, 0))
    assert "* [Molly](http://molly.pdf)\n* [Blog](https://alvaro.blog)\n* [Twitter]" in edit.body
    assert edit.select == (0, 0, 1)
    edit = edits.insert_groups(BODY, [edits.new_group()], (0, 0), cursor_line=0)
    assert (
        "* [Twitter](https://twitter.com/palvaro)\n\n### New group\n\n* [Link text](https://)\n\n### Kyle"
        in (edit.body)
    )
    assert edit.select == (0, 1)


def test_delete_the_last_link_of_a_group_takes_the_group_and_the_last_group_the_section() -> None:
    edit = edits.delete(BODY, (0, 1, 0))
    assert edit.body == BODY.split("\n### Kyle")[0].rstrip("\n") + "\n"
    only = "Intro.\n\n### Links\n\n* [a](https://a.org/)\n\nAfter.\n"
    assert edits.delete(only, (0, 0)).body == "Intro.\n\nAfter.\n"


def test_move_a_link_on_into_the_next_group_and_back() -> None:
    down = edits.move_by(BODY, (0, 0, 1), +1)
    assert down is not None and down.select == (0, 1, 0)
    assert "### Kyle Kingsbury\n\n* [Twitter](https://twitter.com/palvaro)\n* [Jepsen]" in down.body
    up = edits.move_by(down.body, (0, 1, 0), -1)
    assert up is not None and up.body == BODY
    assert edits.move_by(BODY, (0, 0), -1) is None  # the first group cannot go further up


def test_a_new_section_after_the_paragraph_at_the_cursor() -> None:
    body = "First paragraph,\ntwo lines.\n\n- a list item\n"
    edit = edits.new_section(body, [edits.new_group()], cursor_line=0)
    assert edit.body == (
        "First paragraph,\ntwo lines.\n\n### New group\n\n- [Link text](https://)\n\n- a list item\n"
    )
    assert edit.select == (0, 0)


def test_title_from_page_renames_the_first_link_to_that_address() -> None:
    edit = edits.title_from_page(BODY, "http://molly.pdf", "Molly: lineage-driven fault injection")
    assert edit is not None and "* [Molly: lineage-driven fault injection](http://molly.pdf)" in edit.body
    assert edits.title_from_page(BODY, "https://nowhere.example/", "x") is None


def test_a_fetched_title_with_markdown_syntax_cannot_redirect_the_link() -> None:
    """A page titled "[Click](https://evil.example)" becomes the link's text, shown as written;
    the link still points where it pointed (checked with the Goldmark-faithful renderer)."""
    import html
    import re

    from editor.core.rendering.live import render

    title = "Evil [Click](https://evil.example) *now* a\\b `x` <b>"
    edit = edits.title_from_page(BODY, "http://molly.pdf", title)
    assert edit is not None
    out = render(edit.body)
    [(href, text)] = re.findall(r'<a href="([^"]*)">(.*?)</a>', out.split("<h3")[1])[:1]
    assert href == "http://molly.pdf"
    assert html.unescape(re.sub(r"<[^>]+>", "", text)) == title


def test_a_ref_outside_the_content_folder_is_not_found_as_in_hugo(tmp_path) -> None:
    from editor.core import site

    (tmp_path / "hugo.toml").write_text('title = "s"\n')
    (tmp_path / "README.md").write_text("# readme\n")
    post = tmp_path / "content" / "posts" / "r.md"
    post.parent.mkdir(parents=True)
    post.write_text('+++\ntitle = "r"\n+++\n')
    config = site.load_config(tmp_path)
    assert site.find_page(tmp_path, config, "../../README.md", post) is None
    assert site.find_page(tmp_path, config, "r.md", post) == post
