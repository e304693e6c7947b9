"""The shortcodes a site can use, found where Hugo 0.168 looks for them: the site's
`layouts/_shortcodes/` and `layouts/shortcodes/`, then its theme's, the site's overriding; the
parameters read from real template syntax; what Insert Shortcode writes, built by the real Hugo
with every parameter reaching the template; a shortcode that exists nowhere flagged by `check`,
as Hugo fails on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core import site
from editor.core.post.checks import check_file
from editor.core.site import shortcode_defs
from tests.helpers.hugo import build
from tests.helpers.sites import write

TEMPLATE = """{{/* a comment naming .Get "hidden" is not read */}}
{{ if .IsNamedParams }}<aside class="{{ .Get "kind" }}">{{ with .Get "title" }}<b>{{ . }}</b>{{ end }}
{{ if isset .Params "icon" }}[{{ index .Params "icon" }}]{{ end }} {{ .Params.size }}
{{ else }}<aside>{{ .Get 0 }}{{ .Get 1 }}{{ end }}{{ .Inner | markdownify }}</aside>"""

SITE = {
    "hugo.toml": 'baseURL = "https://example.org/"\ntheme = "t"\n',
    "layouts/_shortcodes/note.html": 'SITE-NEW-NOTE {{ .Get "kind" }} {{ .Inner }}',
    "layouts/shortcodes/note.html": "SITE-OLD-NOTE",
    "layouts/shortcodes/mine.html": 'SITE-MINE {{ .Get "size" }}',
    "layouts/shortcodes/sub/deep.html": "SITE-DEEP",
    "layouts/_shortcodes/callout.html": TEMPLATE,
    "themes/t/layouts/shortcodes/note.html": "THEME-NOTE",
    "themes/t/layouts/_shortcodes/alert.html": "THEME-ALERT {{ .Get 0 }}",
    "themes/t/layouts/shortcodes/mine.html": "THEME-MINE",
    "themes/t/layouts/shortcodes/figure.html": 'THEME-FIGURE {{ .Get "src" }}',
    "themes/t/layouts/_default/single.html": "{{ .Content }}",
    "themes/t/layouts/_default/list.html": "",
}


@pytest.mark.hugo
def test_which_template_each_name_uses_is_the_one_hugo_uses(tmp_path: Path) -> None:
    root = write(tmp_path, SITE)
    found = shortcode_defs.find(root, site.load_config(root))
    assert {
        n: (d.source, d.path.relative_to(root).as_posix() if d.path else None) for n, d in found.items()
    } == {
        "alert": ("theme t", "themes/t/layouts/_shortcodes/alert.html"),
        "callout": ("site", "layouts/_shortcodes/callout.html"),
        "comment": ("built-in", None),
        "details": ("built-in", None),
        "figure": ("theme t", "themes/t/layouts/shortcodes/figure.html"),
        "gist": ("built-in", None),
        "highlight": ("built-in", None),
        "instagram": ("built-in", None),
        "mine": ("site", "layouts/shortcodes/mine.html"),
        "note": ("site", "layouts/_shortcodes/note.html"),
        "param": ("built-in", None),
        "qr": ("built-in", None),
        "ref": ("built-in", None),
        "relref": ("built-in", None),
        "sub/deep": ("site", "layouts/shortcodes/sub/deep.html"),
        "vimeo": ("built-in", None),
        "x": ("built-in", None),
        "youtube": ("built-in", None),
    }
    assert found["note"].overrides == ("theme t",) and found["figure"].overrides == ("built-in",)
    # the real Hugo renders each with the template named above
    markers = {"note": "SITE-NEW-NOTE", "mine": "SITE-MINE", "alert": "THEME-ALERT", "figure": "THEME-FIGURE"}
    body = " ".join(f"{{{{< {name} >}}}}" + ("{{< /note >}}" if name == "note" else "") for name in markers)
    write(root, {"content/posts/a.md": f"---\ntitle: A\n---\n{body} {{{{< sub/deep >}}}}\n"})
    built = build(root)
    assert built.returncode == 0, built.stderr
    page = (root / "public" / "posts" / "a" / "index.html").read_text()
    for marker in [*markers.values(), "SITE-DEEP"]:
        assert marker in page
    assert "THEME-NOTE" not in page and "SITE-OLD-NOTE" not in page and "THEME-MINE" not in page


def test_parameters_from_real_template_syntax() -> None:
    assert shortcode_defs.read_template(TEMPLATE) == (("kind", "title", "icon", "size"), 2, True, False)
    assert shortcode_defs.read_template("{{ range $k, $v := .Params }}{{ $k }}{{ end }}")[3]  # any
    assert shortcode_defs.read_template("{{ .InnerDeindent }}")[2]


@pytest.mark.hugo
def test_what_insert_shortcode_writes_reaches_the_template(tmp_path: Path) -> None:
    root = write(tmp_path, SITE)
    defs = shortcode_defs.find(root, site.load_config(root))
    callout = defs["callout"]
    named = shortcode_defs.insertion(
        callout, {"kind": "tip", "title": 'Say "hi"', "icon": "★", "size": "3"}, [], "Some **bold** text"
    )
    assert named == (
        '{{< callout kind="tip" title=`Say "hi"` icon="★" size="3" >}}Some **bold** text{{< /callout >}}'
    )
    positional = shortcode_defs.insertion(callout, {"kind": "ignored"}, ["one", "two"], "x")
    assert positional == '{{< callout "one" "two" >}}x{{< /callout >}}'
    assert shortcode_defs.insertion(defs["youtube"], {"id": "abc"}, [""]) == '{{< youtube id="abc" >}}'
    write(root, {"content/posts/a.md": f"---\ntitle: A\n---\n{named}\n\n{positional}\n"})
    built = build(root)
    assert built.returncode == 0, built.stderr
    page = (root / "public" / "posts" / "a" / "index.html").read_text()
    assert '<aside class="tip"><b>Say "hi"</b>' in page.replace("&#34;", '"') and "[★] 3" in page
    assert "<strong>bold</strong>" in page and "onetwo" in page


@pytest.mark.hugo
def test_a_shortcode_that_exists_nowhere_fails_hugo_and_check_says_so(tmp_path: Path) -> None:
    root = write(tmp_path, SITE)
    write(
        root, {"content/posts/a.md": "---\ntitle: A\n---\nText\n\nSee {{< notte >}} and {{</* nope */>}}.\n"}
    )
    built = build(root)
    assert built.returncode != 0 and 'template for shortcode "notte" not found' in built.stderr + built.stdout
    problems = check_file(root / "content" / "posts" / "a.md")
    assert [(p.severity, p.line, p.column) for p in problems] == [("error", 6, 9)]
    assert "'notte' exists nowhere" in problems[0].message


def test_the_preview_box_names_the_shortcode_and_what_it_reads(tmp_path: Path) -> None:
    from editor.core.rendering.live import context_for, render

    root = write(tmp_path, SITE)
    post = root / "content" / "posts" / "a.md"
    html = render('{{< callout kind="tip" >}}x{{< /callout >}}\n\n{{< notte >}}\n', *context_for(post, {}))
    assert (
        'title="callout, from site: layouts/_shortcodes/callout.html; reads kind, title, icon, size, ' in html
    )
    assert 'class="hpe-shortcode hpe-shortcode-missing" data-shortcode="notte"' in html
    assert "no such shortcode" in html
