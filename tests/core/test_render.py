"""The preview renders Markdown the way Hugo 0.168's Goldmark does: rules checked one by one, and
every shortcode-free post of ../shared/corpus compared with the real Hugo's HTML."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from editor.core.post import Post
from editor.core.rendering.live import render
from editor.core.rendering.markdown import MarkupConfig, anchor
from tests.conftest import SAMPLE_SITE, real_posts
from tests.helpers import hugo
from tests.helpers.htmlcompare import first_difference, same, tokens

TARGET = 0.98


@pytest.mark.parametrize(
    ("heading", "ident"),
    [
        ("Flagship goals", "flagship-goals"),
        ("Rust 1.82: what's new?", "rust-182-whats-new"),
        ("Ça marche", "ça-marche"),
        ("snake_case and -dash-", "snake_case-and--dash-"),
    ],
)
def test_heading_ids_follow_hugos_github_style(heading: str, ident: str) -> None:
    assert anchor(heading) == ident


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        (
            "## A\n\n## A\n\n## A {#own .big}\n",
            '<h2 id="a">A</h2>\n<h2 id="a-1">A</h2>\n<h2 id="own" class="big">A</h2>\n',
        ),
        ("--flag and -- and --- ...", "<p>\u2013flag and \u2013 and \u2014 \u2026</p>\n"),
        ("<< a >> (c) (tm) +-", "<p>\u00ab a \u00bb (c) (tm) +-</p>\n"),
        ("'nobody' Polyconf'17 don't", "<p>\u2019nobody\u2019 Polyconf'17 don\u2019t</p>\n"),
        ("<b>x</b> <!-- gone -->", "<p><!-- raw HTML omitted -->x<!-- raw HTML omitted --> </p>\n"),
        ("<pre>\nx\n</pre>\n", "<!-- raw HTML omitted -->\n<!-- raw HTML omitted -->\n"),
        (
            "www.example.com crates.io",
            '<p><a href="http://www.example.com">www.example.com</a> crates.io</p>\n',
        ),
        ("- [x] done", '<ul>\n<li><input checked="" disabled="" type="checkbox"> done</li>\n</ul>\n'),
        ("~~gone~~", "<p><del>gone</del></p>\n"),
        ("```\ncode\n```", '<pre tabindex="0"><code>code\n</code></pre>\n'),
    ],
)
def test_goldmark_rules(markdown: str, expected: str) -> None:
    assert render(markdown) == expected


def test_footnotes_in_goldmark_markup() -> None:
    out = render("A[^n]\n\n[^n]: first\n\n[^n]: second\n")
    assert '<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>' in out
    assert '<div class="footnotes" role="doc-endnotes">' in out and "&#x21a9;&#xfe0e;" in out
    assert "first" in out and "second" not in out  # the first definition of a label wins


def test_unsafe_site_setting_keeps_raw_html() -> None:
    cfg = MarkupConfig.from_site({"markup": {"goldmark": {"renderer": {"unsafe": True}}}})
    assert render("<b>x</b>", cfg) == "<p><b>x</b></p>\n"


def test_render_command_prints_the_body_html() -> None:
    post = SAMPLE_SITE / "content" / "posts" / "testing-stream-processors.md"
    out = subprocess.run(
        [sys.executable, "-m", "editor", "render", str(post)], capture_output=True, text=True, check=True
    ).stdout
    assert '<h3 id="peter-alvaro">Peter Alvaro</h3>' in out


@pytest.mark.hugo
def test_sample_site_renders_like_hugo() -> None:
    posts = [p for p in SAMPLE_SITE.rglob("content/**/*.md") if b"{{<" not in p.read_bytes()]
    pages = hugo.read({str(p): p.read_bytes() for p in posts})
    for name, page in pages.items():
        ours = render(Post.load(Path(name)).body)
        assert same(ours, page["content"]), f"{name}: {first_difference(ours, page['content'])}"


@pytest.mark.hugo
def test_corpus_renders_like_hugo(need_corpus: None) -> None:
    paths = [p for p in real_posts() if not re.search(rb"\{\{[<%]", p.read_bytes())]
    texts = {str(p): p.read_bytes() for p in paths}
    pages = hugo.read(texts)
    results = {}
    for name, page in pages.items():
        post = Post.from_bytes(texts[name], Path(name))
        if post.error is None:
            results[name] = same(render(post.body), page["content"])
    rate = sum(results.values()) / len(results)
    print(f"\nfidelity: {sum(results.values())}/{len(results)} = {rate:.1%}")
    assert len(results) > 300
    assert rate >= TARGET, [n for n, ok in results.items() if not ok]


def test_the_comparison_can_fail() -> None:
    assert not same("<p>a</p>", "<p>b</p>")
    assert not same('<h2 id="a">x</h2>', '<h2 id="b">x</h2>')
    assert same('<p  class="x"  id="y">a\n b</p>', '<p id="y" class="x">a b</p>')
    assert tokens('<div class="highlight"><pre><code><span>x</span></code></pre></div>') == [
        "<highlight>",
        "T:x",
        "</highlight>",
    ]
