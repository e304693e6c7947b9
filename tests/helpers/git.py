"""Running the real git in a test's repository, as a named author (no global config needed)."""

from __future__ import annotations

import subprocess
from pathlib import Path


def sh(cwd: Path, *args: str) -> str:
    """`git ARGS` in `cwd`; its output (a failure fails the test)."""
    return subprocess.run(
        ["git", "-c", "user.name=Author", "-c", "user.email=a@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
