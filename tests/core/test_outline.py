"""The outline comes from the same parse as the preview, and follows edits."""

from __future__ import annotations

from editor.core.rendering.live import LiveRender
from editor.core.rendering.outline import at_line, outline

BODY = """Intro.

# Title with *emphasis* &amp; more

```
# not a heading: code
```

Setext heading
--------------

## Second {#custom}

Text.
"""


def test_the_outline_has_every_heading_the_preview_has_and_none_in_code() -> None:
    live = LiveRender()
    live.reset(BODY)
    heads = outline(live.blocks)
    assert [(h.level, h.text, h.line) for h in heads] == [
        (1, "Title with emphasis & more", 2),
        (2, "Setext heading", 8),
        (2, "Second", 11),
    ]
    assert heads[2].anchor == "custom" and heads[0].anchor == "title-with-emphasis--more"
    assert [at_line(heads, n) for n in (0, 2, 5, 9, 13)] == [-1, 0, 0, 1, 2]


def test_the_outline_follows_an_edit() -> None:
    live = LiveRender()
    live.reset(BODY)
    live.edit(0, 1, ["## A new first heading", "", "Intro."])
    heads = outline(live.blocks)
    assert [(h.level, h.text, h.line) for h in heads][:2] == [
        (2, "A new first heading", 0),
        (1, "Title with emphasis & more", 4),
    ]
    assert heads[-1].line == 13


POST = "Intro.\n\n# A\n\nAlpha.\n\n## A1\n\nAlpha one.\n\n# B\n\nBeta.\n\n# C\n\nGamma.\n"


def _moved(body: str, i: int, before: int | None) -> str | None:
    from editor.core.rendering.outline import move_section

    live = LiveRender()
    live.reset(body)
    return move_section(body, outline(live.blocks), i, before)


def test_a_section_moves_with_its_subsections_and_nothing_else_changes() -> None:
    assert _moved(POST, 2, 0) == (  # B before A
        "Intro.\n\n# B\n\nBeta.\n\n# A\n\nAlpha.\n\n## A1\n\nAlpha one.\n\n# C\n\nGamma.\n"
    )
    assert _moved(POST, 0, None) == (  # A (with A1) to the end
        "Intro.\n\n# B\n\nBeta.\n\n# C\n\nGamma.\n\n# A\n\nAlpha.\n\n## A1\n\nAlpha one.\n"
    )
    assert _moved(POST, 3, 2) == (  # the last section before B: a blank line keeps them apart
        "Intro.\n\n# A\n\nAlpha.\n\n## A1\n\nAlpha one.\n\n# C\n\nGamma.\n\n# B\n\nBeta.\n"
    )
    assert _moved(POST, 0, 1) is None  # into itself
    assert _moved(POST, 0, 2) is None  # just before the next one: where it is


def test_moving_keeps_every_line_of_the_post() -> None:
    for i in range(4):
        for before in [*range(4), None]:
            moved = _moved(POST, i, before)
            if moved is not None:
                assert sorted(filter(str.strip, moved.split("\n"))) == sorted(
                    filter(str.strip, POST.split("\n"))
                )
                assert _moved(moved, 0, 0) is None
