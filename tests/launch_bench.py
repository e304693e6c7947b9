"""Launch to a visible window of this app on Xvfb, the way ../shared/tools/peer_bench.py measures
it (for a clone without ../shared): `python tests/launch_bench.py COMMAND POST [ROUNDS]`.

Seconds from the process launch until xdotool sees a visible window of that process; each run
gets its own HOME (no recovery prompt, no remembered state); the first round warms the disk cache
and is not counted. Prints the median and the runs."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def visible_after_launch(command: list[str], post: str, home: str, display: str) -> float | None:
    shutil.rmtree(home, ignore_errors=True)
    os.makedirs(home)
    env = dict(
        {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"},  # on the X server
        DISPLAY=display,
        HOME=home,
        XDG_CONFIG_HOME=f"{home}/.config",
        XDG_DATA_HOME=f"{home}/.local/share",
        XDG_CACHE_HOME=f"{home}/.cache",
        QTWEBENGINE_DISABLE_SANDBOX="1",
    )
    copy = os.path.join(home, os.path.basename(post))
    shutil.copy(post, copy)
    started = time.time()
    proc = subprocess.Popen([*command, copy], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen = None
    try:
        while time.time() - started < 60 and proc.poll() is None:
            found = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--pid", str(proc.pid)], capture_output=True, env=env
            )
            if found.returncode == 0:
                seen = time.time() - started
                break
            time.sleep(0.01)
    finally:
        proc.kill()
        proc.wait()
    time.sleep(0.3)
    return seen


def main() -> int:
    command, post = [sys.argv[1]], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    display = ":93"
    xvfb = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1600x1000x24"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            if os.path.exists(f"/tmp/.X11-unix/X{display[1:]}") or xvfb.poll() is not None:
                break
            time.sleep(0.05)
        with tempfile.TemporaryDirectory() as scratch:
            runs = [
                visible_after_launch(command, post, os.path.join(scratch, "home"), display)
                for _ in range(rounds + 1)
            ]
    finally:
        xvfb.kill()
        xvfb.wait()
    seen = [r for r in runs[1:] if r is not None]
    if not seen:
        print("ours: no visible window")
        return 1
    print(
        f"ours: visible median {statistics.median(seen):.3f} s (runs: {', '.join(f'{r:.2f}' for r in seen)})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
