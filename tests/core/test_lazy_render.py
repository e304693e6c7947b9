"""A long body is rendered as far as it is read, and what is rendered is what a whole render gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.post import Post, PostError
from editor.core.rendering.blocks import Patch
from editor.core.rendering.lazy import LazyRender, plan
from editor.core.rendering.live import LiveRender
from tests.bench import generated_post
from tests.conftest import CORPUS
from tests.core.test_live import SNIPPETS, Mirror


def _bodies() -> list[Path]:
    return sorted(CORPUS.rglob("*.md"))[::5] if CORPUS.is_dir() else []


def _whole(lazy: LazyRender) -> str:
    return "\n".join([*lazy.live.lines, *lazy.rest])


def _check(lazy: LazyRender, mirror: Mirror) -> None:
    """The page holds the rendered blocks; each but the last above the cut (and the footnote list
    of what is rendered) is the whole render's block."""
    full = LiveRender()
    full.reset(_whole(lazy))
    assert "".join(mirror.html) == lazy.live.html
    assert mirror.lines == [b.start for b in lazy.blocks]
    if not lazy.partial:
        assert lazy.live.html == full.html
        return
    blocks = [b for b in lazy.blocks if b.start < b.end or b.start < lazy.rendered_lines]
    for mine, theirs in zip(blocks[:-1], full.blocks, strict=False):
        assert (mine.start, mine.end, mine.html) == (theirs.start, theirs.end, theirs.html)
    assert lazy.chars == len(_whole(lazy))


@pytest.mark.skipif(not _bodies(), reason="the shared corpus is not on this machine")
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_edits_and_scrolls_of_real_posts_render_like_a_whole_render(data: st.DataObject) -> None:
    path = data.draw(st.sampled_from(_bodies()))
    try:
        text = Post.load(path).body
    except PostError:
        return
    sight = data.draw(st.integers(1, 30))
    lazy = LazyRender(above=0, sight=sight)
    mirror = Mirror()
    mirror.apply(lazy.reset(text, data.draw(st.integers(0, 40))))
    _check(lazy, mirror)
    for _ in range(data.draw(st.integers(1, 12))):
        lines = _whole(lazy).split("\n")
        i = data.draw(st.integers(0, len(lines) - 1))
        line = lines[i]
        op = data.draw(st.sampled_from(["insert", "delete", "drop lines", "scroll"]))
        patch: Patch | None
        if op == "insert":
            pos = data.draw(st.integers(0, len(line)))
            new = (line[:pos] + data.draw(st.sampled_from(SNIPPETS)) + line[pos:]).split("\n")
            patch = lazy.edit(i, i + 1, new)
        elif op == "delete" and line:
            pos = data.draw(st.integers(0, len(line) - 1))
            patch = lazy.edit(i, i + 1, [line[:pos] + line[pos + data.draw(st.integers(1, 3)) :]])
        elif op == "scroll":
            patch = lazy.reach(i)
            assert lazy.rendered_lines >= min(i + sight, len(lines))
        else:
            patch = lazy.edit(i, min(len(lines), i + data.draw(st.integers(1, 2))), [])
        if patch is not None:
            mirror.apply(patch)
        _check(lazy, mirror)
    patch = lazy.complete()
    if patch is not None:
        mirror.apply(patch)
    assert not lazy.partial
    _check(lazy, mirror)


def test_a_long_post_renders_its_top_then_further_as_it_is_read() -> None:
    text = generated_post(1_000_000)
    lazy = LazyRender()
    mirror = Mirror()
    mirror.apply(lazy.reset(text))
    assert lazy.partial and 200 <= lazy.rendered_lines < 400  # a screen and a margin, not 40,000 lines
    assert lazy.chars == len(text)
    _check(lazy, mirror)
    patch = lazy.reach(100)  # scrolled down half a screen: rendered further, whole blocks
    assert patch is not None and lazy.rendered_lines >= 500
    mirror.apply(patch)
    assert lazy.reach(101) is None  # nothing new in sight
    patch = lazy.reach(20_000)
    assert patch is not None and lazy.rendered_lines >= 20_400
    mirror.apply(patch)
    _check(lazy, mirror)
    patch = lazy.complete()
    assert patch is not None
    mirror.apply(patch)
    _check(lazy, mirror)


def test_typing_below_the_rendered_part_renders_through_it() -> None:
    text = generated_post(200_000)
    lazy = LazyRender()
    mirror = Mirror()
    mirror.apply(lazy.reset(text))
    far = lazy.rendered_lines + 1000
    lines = text.split("\n")
    mirror.apply(lazy.edit(far, far + 1, [lines[far] + " typed"]))
    assert lazy.rendered_lines > far
    assert " typed" in lazy.live.html
    _check(lazy, mirror)


def _post(top: str, filler_sections: int, bottom: str) -> str:
    filler = "".join(f"## Part {n}\n\nSome text of part {n}.\n\n" for n in range(filler_sections))
    return top + "\n\n" + filler + bottom


def test_a_reference_defined_at_the_bottom_is_rendered_with_what_uses_it() -> None:
    text = _post("Read [the guide][guide] first.", 200, "[guide]: https://example.com/guide\n")
    lazy = LazyRender(above=0, sight=10)
    lazy.reset(text)
    assert 'href="https://example.com/guide"' in lazy.live.html
    assert not lazy.partial  # the cut is past the definition: here, the end


def test_a_footnote_defined_below_is_rendered_with_its_reference() -> None:
    text = _post("A claim.[^src]", 200, "[^src]: The source.\n")
    lazy = LazyRender(above=0, sight=10)
    mirror = Mirror()
    mirror.apply(lazy.reset(text))
    full = LiveRender()
    full.reset(text)
    assert lazy.blocks[0].html == full.blocks[0].html and 'href="#fn' in full.blocks[0].html


def test_an_edit_that_comes_to_use_a_definition_below_renders_through_it() -> None:
    text = _post("Nothing linked yet.", 200, "[guide]: https://example.com/guide\n")
    lazy = LazyRender(above=0, sight=10)
    mirror = Mirror()
    mirror.apply(lazy.reset(text))
    assert lazy.partial
    mirror.apply(lazy.edit(0, 1, ["Now see [the guide][guide]."]))
    assert 'href="https://example.com/guide"' in lazy.blocks[0].html
    _check(lazy, mirror)


def test_a_shortcode_closed_below_is_rendered_whole() -> None:
    text = _post("{{% note %}}\n\nA note that goes on.", 50, "The end of it.\n\n{{% /note %}}\n\nAfter.\n")
    lines = text.split("\n")
    c, _below = plan(lines, 5)
    assert c > lines.index("{{% /note %}}")


def test_a_cut_falls_before_a_heading_or_a_paragraph() -> None:
    lines = ["Text.", "", "* a list", "", "* goes on", "", "# Heading", "", "Text."]
    c, _below = plan(lines, 2)
    assert lines[c] == "# Heading"


def test_a_post_set_to_another_format_renders_all_its_text() -> None:
    text = _post("Top.", 200, "The last line.\n")
    lazy = LazyRender(above=0, sight=10)
    lazy.reset(text)
    assert lazy.partial
    lazy.set_params({"markup": "html"})
    assert not lazy.partial and "The last line." in lazy.live.html
