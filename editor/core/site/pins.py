"""The Hugo version a site pins for its host's builds, read from where sites keep it: Netlify's
`netlify.toml` (HUGO_VERSION in a build environment), `.hugo-version`, `.tool-versions` (asdf,
mise), a GitHub Actions workflow (`hugo-version:` of peaceiris/actions-hugo, or HUGO_VERSION), and
the configuration's `module.hugoVersion.min`/`max`. Compared with the Hugo the app runs, it
explains builds that fail on one and pass on the other."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editor.core.keys import value_of

_VERSION = re.compile(r"v?(\d+\.\d+(?:\.\d+)?)")


@dataclass(frozen=True)
class Pin:
    version: str  # "0.159.1"; for a range, its bound
    source: str  # where it is written, from the site folder ("netlify.toml")
    kind: str = "exact"  # "exact", "min" or "max"

    def __str__(self) -> str:
        word = {"exact": "", "min": " at least", "max": " at most"}[self.kind]
        return f"Hugo{word} {self.version} ({self.source})"


def _number(text: object) -> str | None:
    m = _VERSION.search(str(text))
    return m.group(1) if m else None


def pins(root: Path, config: dict[str, Any] | None = None) -> list[Pin]:
    """Every pin the site has, in the order above."""
    found: list[Pin] = []
    netlify = root / "netlify.toml"
    try:
        data = tomllib.loads(netlify.read_text(encoding="utf-8")) if netlify.is_file() else {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        data = {}
    environments = [value_of(value_of(data, "build", {}) or {}, "environment", {})]
    for context in (value_of(data, "context", {}) or {}).values():
        if isinstance(context, dict):
            environments.append(value_of(context, "environment", {}))
    for env in environments:
        if isinstance(env, dict) and (v := _number(value_of(env, "HUGO_VERSION", ""))):
            found.append(Pin(v, "netlify.toml"))
            break
    for name in (".hugo-version", ".hugoversion"):
        text = _read(root / name)
        if text and (v := _number(text.strip().splitlines()[0] if text.strip() else "")):
            found.append(Pin(v, name))
    for line in (_read(root / ".tool-versions") or "").splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0] in ("hugo", "gohugo", "hugo-extended") and (v := _number(parts[1])):
            found.append(Pin(v, ".tool-versions"))
    workflows = root / ".github" / "workflows"
    if workflows.is_dir():
        for path in sorted(workflows.glob("*.y*ml")):
            text = _read(path) or ""
            m = re.search(r"""(?:hugo-version|HUGO_VERSION)\s*:\s*['"]?v?(\d+\.\d+(?:\.\d+)?)""", text)
            if m:
                found.append(Pin(m.group(1), f".github/workflows/{path.name}"))
                break
    module = value_of(config or {}, "module", {}) or {}
    wanted = value_of(module, "hugoVersion", {}) if isinstance(module, dict) else {}
    if isinstance(wanted, dict):
        for kind in ("min", "max"):
            if v := _number(value_of(wanted, kind, "") or ""):
                found.append(Pin(v, "module.hugoVersion", kind))
    return found


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8") if path.is_file() else None
    except (OSError, UnicodeDecodeError):
        return None


def _tuple(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split("."))


def earlier(version: str, than: str) -> bool:
    """Whether release `version` ("0.159.1") comes before `than` ("0.162")."""
    return _tuple(version) < _tuple(than)


def differs(pin: Pin, running: str) -> bool:
    """Whether the Hugo running ("v0.168.0" or "0.168.0") is not what the pin asks for."""
    number = _number(running)
    if number is None:
        return False
    have, want = _tuple(number), _tuple(pin.version)
    if pin.kind == "min":
        return have < want
    if pin.kind == "max":
        return have > want
    return have[: len(want)] != want


def summary(found: list[Pin], running: str) -> str:
    """One sentence for Check Site, About and the Site menu: the pins beside the running Hugo."""
    if not found:
        return ""
    against = [p for p in found if differs(p, running)]
    pinned = "; ".join(str(p) for p in found)
    if not against:
        return f"The site pins {pinned}: the app's Hugo {running} fits."
    return (
        f"The site pins {pinned}, but the app runs Hugo {running}: a build that fails here may pass "
        "on the site's host (or the other way round). Site → Hugo for This Site installs and uses the "
        "pinned version (on the command line: hugo-post-editor site-hugo SITE --install-pinned)."
    )
