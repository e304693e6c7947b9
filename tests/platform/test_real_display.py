"""`make run` on a real X server: the app on the xcb platform (not offscreen) under Xvfb maps a
window on the sample site's copy, and what the screen shows is not blank."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="Xvfb is an X11 server for Linux"
)


def test_the_app_shows_a_window_on_a_real_x_server(tmp_path: Path) -> None:
    from tests.helpers import xserver

    program = Path(sys.executable).with_name("hugo-post-editor")
    assert program.exists(), "the console script `make install` puts in the venv"
    with xserver.xvfb(1280, 800) as screen:
        env = {
            **os.environ,
            "DISPLAY": screen.name,
            "QT_QPA_PLATFORM": "xcb",
            "HUGO_POST_EDITOR_DATA": str(tmp_path / "data"),
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
        }
        env.pop("WAYLAND_DISPLAY", None)
        app = subprocess.Popen(
            [str(program), "--sample-site", "--verbose"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        try:

            def window() -> list[tuple[str, int, int, int, int]]:
                # mapped, and showing a post of the site (its newest, once the listing is in)
                return [
                    w
                    for w in xserver.mapped_windows(screen)
                    if w[0].endswith(" · sample-site — Hugo Post Editor")
                ]

            shown = xserver.wait_for(window, 60)
            assert shown, f"no window was mapped: {xserver.mapped_windows(screen)}"
            title, x, y, width, height = shown[0]  # type: ignore[index]
            assert width >= 800 and height >= 500, shown
            # the sample site's copy is open: one of its posts' titles is in the window's title
            from editor.core.post import Post

            names = {
                str(Post.load(p).get("title")) for p in (tmp_path / "data" / "sample-site").rglob("*.md")
            }
            assert any(title.startswith(f"{name} · ") for name in names), (title, names)

            def picture() -> tuple[int, int, bytes] | None:
                grabbed = xserver.grab(screen, x, y, width, height)
                return grabbed if xserver.colours(grabbed[2]) > 300 else None  # text, icons, preview

            grabbed = xserver.wait_for(picture, 30, step=0.5)
            last = xserver.grab(screen, x, y, width, height)
            xserver.save_png(tmp_path / "screen.png", *last)
            assert grabbed, (
                f"the window looks blank ({xserver.colours(last[2])} colours): {tmp_path / 'screen.png'}"
            )
        finally:
            app.send_signal(signal.SIGTERM)
            try:
                out = app.communicate(timeout=20)[0].decode(errors="replace")
            except subprocess.TimeoutExpired:
                app.kill()
                out = app.communicate()[0].decode(errors="replace")
    assert "site opened:" in out  # --verbose: the log on stderr
    if os.environ.get("HPE_SHOTS"):  # a person's look at it: HPE_SHOTS=folder
        shutil.copy(tmp_path / "screen.png", Path(os.environ["HPE_SHOTS"]) / "xcb-window.png")
