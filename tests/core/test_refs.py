"""Insert Link to Post on a multilingual site: what it writes for a post in the same language and
in another one, as `ref`, `relref` or a plain link, with a heading's anchor; the real Hugo builds
every link to the target's own URL, and the anchor is an id on the target's page."""

from __future__ import annotations

import csv
import re
import subprocess
from pathlib import Path

import pytest

from editor.core import site
from editor.core.site import hugo, refs
from tests.helpers.hugo import build
from tests.helpers.sites import write

SITE = {
    "hugo.toml": 'baseURL = "https://example.org/"\ndefaultContentLanguage = "en"\n'
    '[languages.en]\ncontentDir = "content/en"\nweight = 1\n'
    '[languages.fr]\ncontentDir = "content/fr"\nweight = 2\n',
    "layouts/_default/single.html": "{{ .Content }}",
    "layouts/_default/list.html": "",
    "content/en/posts/hello.md": "---\ntitle: Hello\n---\nLinks:\n",
    "content/en/posts/trip/index.md": "---\ntitle: A trip\nslug: the-trip\n---\n## Day one\n\nx\n",
    "content/fr/posts/bonjour.md": "---\ntitle: Bonjour\n---\n## Une section\n\nx\n",
}


@pytest.mark.hugo
def test_every_link_style_reaches_the_target_hugo_builds(tmp_path: Path) -> None:
    root = write(tmp_path, SITE)
    config = site.load_config(root)
    source = root / "content/en/posts/hello.md"
    trip, bonjour = root / "content/en/posts/trip/index.md", root / "content/fr/posts/bonjour.md"
    assert [h.anchor for h in refs.headings(bonjour)] == ["une-section"]
    links = [
        refs.link(style, root, config, source, target, "t", anchor)
        for style in refs.STYLES
        for target, anchor in ((trip, "day-one"), (bonjour, "une-section"), (bonjour, ""))
    ]
    assert links[:3] == [
        '[t]({{< ref "posts/trip/index.md#day-one" >}})',
        '[t]({{< ref path="posts/bonjour.md#une-section" lang="fr" >}})',
        '[t]({{< ref path="posts/bonjour.md" lang="fr" >}})',
    ]
    source.write_text(source.read_text() + "\n".join(links) + "\n")
    built = build(root)
    assert built.returncode == 0, built.stderr
    binary = hugo.binary()
    assert binary is not None
    listed = subprocess.run(
        [binary, "list", "all", "--source", str(root)], capture_output=True, text=True
    ).stdout
    permalink = {row["path"]: row["permalink"] for row in csv.DictReader(listed.splitlines())}
    trip_url = permalink["content/en/posts/trip/index.md"]
    bonjour_url = permalink["content/fr/posts/bonjour.md"]
    rel_trip, rel_bonjour = (re.sub(r"^https://example\.org", "", u) for u in (trip_url, bonjour_url))
    absolute = [f"{trip_url}#day-one", f"{bonjour_url}#une-section", bonjour_url]  # ref
    relative = [f"{rel_trip}#day-one", f"{rel_bonjour}#une-section", rel_bonjour]  # relref, and a link
    expected = absolute + relative + relative
    page = (root / "public" / "posts" / "hello" / "index.html").read_text()
    assert re.findall(r'href="([^"]+)"', page) == expected
    french = (root / "public" / "fr" / "posts" / "bonjour" / "index.html").read_text()
    assert 'id="une-section"' in french


def test_the_sites_habit_and_the_ref_under_the_cursor() -> None:
    assert refs.habit([]) == "ref"
    assert (
        refs.habit(['[a]({{< relref "x.md" >}}) [b]({{< relref "y" >}})', '[c]({{< ref "z" >}})']) == "relref"
    )
    assert refs.habit(["[a](/posts/x/) [b](/posts/y/) [c](//cdn.example.org/x)", '{{< ref "z" >}}']) == "link"
    line = 'See [it]({{< ref "posts/x.md#a" >}}) and {{< relref path="y.md" lang="fr" >}}.'
    assert refs.target_at(line, line.index("ref")) == ("posts/x.md#a", "")
    assert refs.target_at(line, line.index("y.md")) == ("y.md", "fr")
    assert refs.target_at(line, 2) is None
