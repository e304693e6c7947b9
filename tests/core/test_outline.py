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
