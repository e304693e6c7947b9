"""Shared test set-up: where the real-world content lives, and Qt's headless settings."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from tests.webserver import server  # noqa: F401  (the fixture, for every test folder)

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


@pytest.fixture
def need_corpus() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is absent (real-world posts live outside the project)")
