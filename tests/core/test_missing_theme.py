"""A site whose theme is missing — a git submodule never checked out, or a folder not there — is
said so in the author's words, with the fix; New Post still works (without Hugo, which fails
there), and Check Site names the cause instead of Hugo's "module … not found"."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from editor.core import site
from editor.core.site import hugo


def _site(root: Path, theme: str = "blowfish", submodule: bool = True, empty_folder: bool = False) -> Path:
    (root / "content" / "posts").mkdir(parents=True)
    (root / "hugo.toml").write_text(f'baseURL = "https://example.org/"\ntitle = "T"\ntheme = "{theme}"\n')
    if submodule:
        (root / ".gitmodules").write_text(
            f'[submodule "themes/{theme}"]\n\tpath = themes/{theme}\n\turl = https://example.org/{theme}.git\n'
        )
    if empty_folder:
        (root / "themes" / theme).mkdir(parents=True)  # as git leaves a submodule not checked out
    return root


@pytest.mark.parametrize("empty_folder", [False, True])
def test_a_submodule_theme_not_checked_out_is_named_with_the_fix(tmp_path: Path, empty_folder: bool) -> None:
    root = _site(tmp_path / "site", empty_folder=empty_folder)
    assert site.theme_problem(root) == (
        "the theme `blowfish` is a git submodule that is not checked out: "
        "run `git submodule update --init` in the site folder"
    )
    (root / "themes" / "blowfish" / "layouts").mkdir(parents=True)
    assert site.theme_problem(root) is None


def test_a_theme_folder_that_is_not_there(tmp_path: Path) -> None:
    root = _site(tmp_path / "site", theme="ananke", submodule=False)
    assert site.theme_problem(root) == (
        "the theme `ananke` is not in themes/: put it there, or drop `theme` from the config"
    )
    assert site.theme_problem(_site(tmp_path / "mod", theme="github.com/x/y", submodule=False)) is None


@pytest.mark.hugo
def test_new_post_and_check_site_on_a_site_whose_theme_is_missing(tmp_path: Path) -> None:
    root = _site(tmp_path / "site")
    binary = hugo.binary()
    assert binary is not None
    # the real Hugo cannot make a post here
    real = subprocess.run(
        [binary, "new", "content", "posts/x.md", "--source", str(root)], capture_output=True, text=True
    )
    assert real.returncode != 0 and "not found" in real.stderr + real.stdout
    made = hugo.new_post(root, "A first post", "posts")
    assert made.made_by == "built-in" and made.path.is_file()
    assert "git submodule that is not checked out" in made.note and "without Hugo" in made.note
    assert (
        'title = "A first post"' in made.path.read_text() or "title = 'A first post'" in made.path.read_text()
    )
    problems = hugo.check_site(root)
    assert [p.message for p in problems] == [
        "The site cannot be built: the theme `blowfish` is a git submodule that is not checked out: "
        "run `git submodule update --init` in the site folder"
    ]
