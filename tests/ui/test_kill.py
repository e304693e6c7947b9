"""Kill test: the app is killed (SIGKILL) at random moments while it types, saves and writes
recovery copies. After each kill the post is exactly the last saved version or the one being
saved (never partial, never empty), and the recovery copy holds the text up to the last recovery
write (or the one being written)."""

from __future__ import annotations

import hashlib
import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tests.conftest import ROOT

KILLS = 50


def _read(path: Path) -> dict[str, Any]:
    return dict(json.loads(path.read_text(encoding="utf-8")))


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_killing_the_app_never_loses_saved_or_recovered_text(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text('+++\ntitle = "Kill test"\n+++\nThe first line.\n', encoding="utf-8")
    recovery = tmp_path / "recovery"
    rng = random.Random(7)
    checked_saves = checked_copies = 0
    for kill in range(KILLS):
        log = tmp_path / f"run{kill}.log"
        at_start = _sha(post.read_bytes())  # what is on disk while this run has saved nothing
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.killdriver", str(post), str(recovery), str(log), str(kill)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (log.exists() and "ready" in log.read_text()):
            time.sleep(0.02)
        time.sleep(rng.uniform(0.05, 0.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        lines = log.read_text().splitlines()
        saved = [line for line in lines if line.split()[0] in ("about-save", "saved")]
        on_disk = post.read_bytes()
        assert on_disk, f"kill {kill}: the post is empty"
        if saved:
            allowed = _allowed(saved, "saved", "about-save")
            if not any(line.startswith("saved ") for line in saved):
                allowed.add(at_start)  # killed during this run's first save: the file is as it was
            assert _sha(on_disk) in allowed, f"kill {kill}: the post is neither the last save nor the next"
            checked_saves += 1
        # this run's copy (each run is an instance of its own; copies of earlier runs stay until
        # a start offers them, which the driver does not)
        copies = [c for c in map(_read, recovery.glob("*.json")) if c["pid"] == proc.pid]
        assert len(copies) <= 1, f"kill {kill}: one instance wrote {len(copies)} copies of one post"
        if copies:
            text = copies[0]["text"]
            allowed = _allowed(
                [x for x in lines if x.split()[0] in ("about-recovery", "recovered")],
                "recovered",
                "about-recovery",
            )
            assert _sha(text.encode()) in allowed, f"kill {kill}: the recovery copy is not the last one"
            checked_copies += 1
        else:  # no copy: only because none was written yet, or a save since then removed it
            kinds = [x.split()[0] for x in lines]
            last_copy = max((n for n, k in enumerate(kinds) if k == "recovered"), default=-1)
            assert last_copy < 0 or "about-save" in kinds[last_copy:], f"kill {kill}: copy lost"
        for leftover in tmp_path.glob(".post.md.*.tmp"):
            leftover.unlink()  # a temporary file a kill left behind: never the post itself
    print(
        f"\nkill test: {KILLS} kills, post checked after {checked_saves}, recovery copy after "
        f"{checked_copies}"
    )
    assert checked_saves >= KILLS // 2 and checked_copies >= KILLS // 4


def _allowed(lines: list[str], done: str, started: str) -> set[str]:
    """The last completed version, and the one being written when the kill came (if any)."""
    last_done: str | None = None
    in_flight: str | None = None
    for line in lines:
        kind, digest = line.split()
        if kind == started:
            in_flight = digest
        elif kind == done:
            last_done, in_flight = digest, None
    return {d for d in (last_done, in_flight) if d}
