"""The preview renders Markdown the way Hugo 0.168's Goldmark does: rules checked one by one, and
every shortcode-free post of ../shared/corpus compared with the real Hugo's HTML."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from editor.core.post import Post
from editor.core.rendering.live import context_for, render
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


RULES = [
    "## A\n\n## A\n\n## A {#own .big}\n",  # heading ids, duplicates, attributes
    "--flag and -- and --- ...",  # the typographer's dashes and ellipsis
    "<< a >> (c) (tm) +-",
    "'nobody' Polyconf'17 don't",
    "<b>x</b> <!-- gone -->",  # raw HTML omitted
    "<pre>\nx\n</pre>\n",
    "www.example.com crates.io",  # linkify: www. gets Hugo's linkifyProtocol, a bare host nothing
    "- [x] done",
    "~~gone~~",
    "H~2~O, ~a b~, ~~~x~~~ and x~~y~~z",  # one or two tildes strike; three do not
    "```\ncode\n```",
]


@pytest.fixture(scope="module")
def hugos_html() -> dict[str, str]:
    """Each rule's Markdown as the real Hugo renders it (one build for all of them)."""
    pages = hugo.read({f"rule{i}": f"+++\ntitle = 'r'\n+++\n{md}".encode() for i, md in enumerate(RULES)})
    return {RULES[int(name[4:])]: page["content"] for name, page in pages.items()}


@pytest.mark.hugo
@pytest.mark.parametrize("markdown", RULES)
def test_goldmark_rules(markdown: str, hugos_html: dict[str, str]) -> None:
    ours, theirs = render(markdown), hugos_html[markdown]
    assert same(ours, theirs), first_difference(ours, theirs)  # entities and characters alike


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


@pytest.mark.hugo
def test_heading_attributes_keep_straight_quotes_and_drop_event_handlers() -> None:
    """`{onclick=…}` is dropped as Hugo drops it, and an attribute's quotes are not curled by the
    typographer; expected HTML from the real Hugo."""
    md = '## A {onclick="alert(1)" .x data-y="z"}\n\n## B {#b onmouseover=x}\n'
    theirs = hugo.read({"p": ("+++\ntitle = 't'\n+++\n" + md).encode()})["p"]["content"]
    ours = render(md)
    assert same(ours, theirs), first_difference(ours, theirs)
    assert "onclick" not in ours and "\u201c" not in ours


# ---- a site's Goldmark settings: each case's HTML from the real Hugo with that setting ------

_ALL_EXTRAS = "".join(
    f"[markup.goldmark.extensions.extras.{name}]\nenable = true\n"
    for name in ("delete", "insert", "mark", "subscript", "superscript")
)
SETTINGS = {
    # with Goldmark's strikethrough on, `~` strikes and the subscript setting changes nothing
    "extras": _ALL_EXTRAS,
    "extras, strikethrough off": _ALL_EXTRAS + "[markup.goldmark.extensions]\nstrikethrough = false\n",
    "passthrough": (
        "[markup.goldmark.extensions.passthrough]\nenable = true\n"
        "[markup.goldmark.extensions.passthrough.delimiters]\n"
        "block = [['\\[', '\\]'], ['$$', '$$']]\ninline = [['\\(', '\\)'], ['$', '$']]\n"
    ),
    "footnote options": (
        "[markup.goldmark.extensions.footnote]\nbacklinkHTML = '[back]'\nenableAutoIDPrefix = true\n"
    ),
    "linkify http": "[markup.goldmark.extensions]\nlinkifyProtocol = 'http'\n",
}
SETTING_CASES = [
    "H~2~O x^2^ ==mark== ++ins++ ~~del~~ ~one~ a^b c^ 2^-18^",
    "^^x^^ ^x^^ ^^y^ ===b=== =c= ==d=== x==y==z +b+ +++c+++ ++d +e++",
    "==*em*== *==a==* ==a *b== c* ^x~y~^ ~~a ==b== c~~ a ^ b ^ c == d == e",
    "- ~~~x~~~\n- 2^10^ is ^-18^ and ^a b^",
    "a $x<y & z$ b `$x$` and $`y`$ cost $5",
    "para\n$$\na<b\n$$\nafter",
    "text $$a$$ more\n\n$$x<y$$\n\n\\[a\\] \\(b*c\\)\n\n$$\nunclosed",
    "# Heading $$x$$ and $y$\n\n> quote $z_1$",
    "A[^n] B[^m]\n\n[^n]: first\n[^m]: second",
    "www.example.com and https://example.org",
]


@pytest.fixture(scope="module")
def hugos_html_by_setting() -> dict[str, dict[str, str]]:
    texts = {f"c{i}": f"+++\ntitle = 'c'\n+++\n{md}".encode() for i, md in enumerate(SETTING_CASES)}
    return {
        name: {SETTING_CASES[int(k[1:])]: page["content"] for k, page in hugo.read(texts, toml).items()}
        for name, toml in SETTINGS.items()
    }


def _no_footnote_prefix(html: str) -> str:
    """Hugo's footnote ID prefix is its own hash of the page; ours is another, as unique."""
    return re.sub(r"\bh[0-9a-f]{16}(fn(?:ref)?:)", r"\1", html)


@pytest.mark.hugo
@pytest.mark.parametrize("setting", SETTINGS)
@pytest.mark.parametrize("markdown", SETTING_CASES)
def test_site_markup_settings_render_like_hugo(
    setting: str, markdown: str, hugos_html_by_setting: dict[str, dict[str, str]]
) -> None:
    config = MarkupConfig.from_site(tomllib.loads(SETTINGS[setting]))
    if config.footnote_prefix:
        config = replace(config, footnote_prefix="h" + "0" * 16)
    ours = _no_footnote_prefix(render(markdown, config))
    theirs = _no_footnote_prefix(hugos_html_by_setting[setting][markdown])
    assert same(ours, theirs), first_difference(ours, theirs)


def test_footnote_prefix_is_unique_per_post_of_a_site(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_text(SETTINGS["footnote options"])
    one, two = (tmp_path / "content" / name for name in ("one.md", "two.md"))
    prefixes = {context_for(p, {})[0].footnote_prefix for p in (one, two)}
    assert len(prefixes) == 2 and all(re.fullmatch(r"h[0-9a-f]{16}", p) for p in prefixes)
