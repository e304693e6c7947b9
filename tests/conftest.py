"""Shared test set-up: where the real-world content lives, and Qt's headless settings."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.webserver import server  # noqa: F401  (the fixture, for every test folder)

# Qt must know these before it is imported (HEADLESS.md): no display, and root needs no sandbox.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
# recovery copies of the windows under test never go to the user's data folder
os.environ["HUGO_POST_EDITOR_DATA"] = tempfile.mkdtemp(prefix="hpe-test-data-")

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SEED = SHARED / "seed"
SAMPLE_SITE = ROOT / "resources" / "sample-site"


def real_posts() -> list[Path]:
    """Every Markdown file of ../shared/corpus and ../shared/seed (none when they are absent)."""
    out: list[Path] = []
    for folder in (CORPUS, SEED):
        if folder.is_dir():
            out += sorted(folder.rglob("*.md"))
    return out


def edge_posts() -> list[Path]:
    return sorted((DATA / "edge").glob("*.md")) + sorted(SAMPLE_SITE.rglob("content/**/*.md"))


def ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(p.parents[1])) for p in paths]


def need_shared(path: Path) -> Path:
    """`path` under ../shared, or the test is skipped naming the missing folder: a user's clone
    has no ../shared, and its `make test` must still be green."""
    if not path.exists():
        pytest.skip(f"{path} is absent (real-world posts live outside the project, in ../shared)")
    return path


@pytest.fixture
def need_corpus() -> None:
    need_shared(CORPUS)


@pytest.fixture
def seed_post() -> Path:
    """Our first user's talk post (TOML front matter, six link groups)."""
    return need_shared(SEED / "codemeshio-how-did-i-get-here.md")


@pytest.fixture(scope="session", autouse=True)
def sample_site_untouched() -> Iterator[None]:
    """Nothing a test runs (Hugo's build lock included) leaves a file in the bundled sample site."""
    before = sorted(p.relative_to(SAMPLE_SITE) for p in SAMPLE_SITE.rglob("*"))
    yield
    after = sorted(p.relative_to(SAMPLE_SITE) for p in SAMPLE_SITE.rglob("*"))
    assert after == before, f"files appeared in {SAMPLE_SITE}: {sorted(set(after) - set(before))}"
