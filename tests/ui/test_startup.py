"""What the window needs before its first paint, and nothing more: opening a TOML post builds the
whole window without QtWebEngine, markdown-it or a YAML library; they load once it has painted
(the preview starts then and shows the post)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SAMPLE_SITE

HEAVY = ("PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "markdown_it", "ruamel.yaml", "yaml")

SCRIPT = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QSettings, QTimer
from editor import app

HEAVY = {heavy!r}
loaded = lambda: sorted(m for m in HEAVY if m in sys.modules)
application = app._application()
settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
window = app._window(settings, Path(sys.argv[3]), None)
window.open_path(Path(sys.argv[1]))
report = {{"before_show": loaded()}}
window.show()

def painted_and_started():
    if window.preview.shown:
        report["after_paint"] = loaded()
        report["content"] = window.preview.live.blocks[0].html if window.preview.live.blocks else ""
        application.quit()

timer = QTimer()
timer.timeout.connect(painted_and_started)
timer.start(20)
QTimer.singleShot(20000, application.quit)
application.exec()
window.document.post = None
print(json.dumps(report))
"""


def test_the_window_shows_a_toml_post_before_loading_the_preview_and_renderer(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_bytes((SAMPLE_SITE / "content" / "posts" / "testing-stream-processors.md").read_bytes())
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QTWEBENGINE_DISABLE_SANDBOX="1", PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            SCRIPT.format(heavy=HEAVY),
            str(post),
            str(tmp_path / "s.ini"),
            str(tmp_path / "r"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["before_show"] == []
    # then the preview starts, renders the post and shows it (the modules were really needed)
    assert "PySide6.QtWebEngineWidgets" in report["after_paint"] and "markdown_it" in report["after_paint"]
    assert "ruamel.yaml" not in report["after_paint"]  # a TOML post on a TOML site: never
    assert report["content"].startswith("<")


FEATURE_SCRIPT = """
import inspect, sys
import PySide6.QtCore
from editor import app

read = []
real = inspect.getsource
inspect.getsource = lambda obj: read.append(getattr(obj, "__name__", "?")) or real(obj)
if sys.argv[1] == "skip":
    app._no_feature_scan()
import colorsys, wave  # modules not imported before
feature = sys.modules["shibokensupport.feature"]
print(sorted(set(read) & {"colorsys", "wave"}), feature.pyside_feature_dict.get("wave"))
"""


def _run(script: str, *args: str) -> str:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, env=env, timeout=60
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout.strip()


def test_pyside_does_not_read_the_source_of_each_module_imported_after_it() -> None:
    # as PySide comes: each module's source is read (to find `from __feature__ import`), and a
    # module without PySide in it is marked to be ignored
    assert _run(FEATURE_SCRIPT, "as-is") == "['colorsys', 'wave'] -1"
    # the app asks for no feature: nothing read, every module taken as PySide takes one unread
    assert _run(FEATURE_SCRIPT, "skip") == "[] 0"


def test_pysides_support_code_is_imported_from_compiled_files_written_at_install() -> None:
    """make install writes shiboken's embedded support code out (SBK_EMBED=0) and compiles it:
    a start imports it like any module instead of compiling it from source."""
    where = _run(
        "import sys, importlib.util, shiboken6\n"
        "m = sys.modules['shibokensupport.signature.loader']\n"
        "print(m.__file__, importlib.util.cache_from_source(m.__file__))"
    )
    source, compiled = where.split()
    assert Path(source).is_file() and Path(source).parent.parent.parent.name == "files.dir"
    assert Path(compiled).is_file()


def test_the_collector_waits_for_the_first_paint_and_runs_again_after(tmp_path: Path) -> None:
    """The start runs without the cyclic collector's passes; once the window has painted it
    collects again, with what the start made kept out of its full passes."""
    post = tmp_path / "post.md"
    post.write_bytes((SAMPLE_SITE / "content" / "posts" / "testing-stream-processors.md").read_bytes())
    script = (
        "import gc, sys\n"
        "from pathlib import Path\n"
        "from editor import app\n"
        "seen, window = [], app._window\n"
        "app._window = lambda *a: seen.append(gc.isenabled()) or window(*a)  # the window is made\n"
        "app.run(Path(sys.argv[1]), screenshot=Path(sys.argv[2]))\n"
        "print(seen[0], gc.isenabled(), gc.get_freeze_count() > 1000)\n"
    )
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        QTWEBENGINE_DISABLE_SANDBOX="1",
        HUGO_POST_EDITOR_DATA=str(tmp_path / "data"),
    )
    out = _run_env(script, env, str(post), str(tmp_path / "shot.png"))
    assert out.splitlines()[-1] == "False True True"
    assert (tmp_path / "shot.png").is_file()


def _run_env(script: str, env: dict[str, str], *args: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, env=env, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout.strip()
