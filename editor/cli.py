"""The command line's front door: the window's options, or a subcommand handed to `editor.commands`
(which imports the core it needs; the window imports Qt). Nothing else is imported here: it is
the first module of every start."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

SUBCOMMANDS = (
    "show",
    "set",
    "check",
    "render",
    "links",
    "new",
    "list",
    "spell",
    "publish",
    "site-hugo",
    "retag",
)


class _Version(argparse.Action):
    """--version, reading the package metadata only when asked."""

    def __init__(
        self,
        option_strings: Sequence[str],
        dest: str = argparse.SUPPRESS,
        default: str = argparse.SUPPRESS,
        help: str = "print the version and exit",
    ) -> None:
        super().__init__(option_strings, dest, nargs=0, default=default, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        import editor

        print(f"{parser.prog} {editor.__version__}")
        parser.exit()


def gui_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="hugo-post-editor",
        description="Open the editor on a post or a Hugo site folder. "
        f"Subcommands: {', '.join(SUBCOMMANDS)} (see hugo-post-editor SUBCOMMAND -h).",
    )
    ap.add_argument("--version", action=_Version)
    ap.add_argument("path", nargs="?", type=Path, help="a post or a site folder")
    ap.add_argument(
        "--screenshot",
        type=Path,
        metavar="PNG",
        help="save a picture of the window once it is shown, then quit (fresh settings)",
    )
    ap.add_argument("--size", type=_size, metavar="WxH", help="window size, such as 1024x700")
    ap.add_argument("--theme", choices=("system", "light", "dark"), help="colour theme")
    ap.add_argument(
        "--sample-site",
        action="store_true",
        help="open your copy of the sample site (made in your data folder the first time)",
    )
    ap.add_argument("--verbose", action="store_true", help="mirror the log to stderr, with debug messages")
    return ap


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(n) for n in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not WIDTHxHEIGHT, such as 1024x700") from None
    return w, h


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in SUBCOMMANDS:
        ns = gui_parser().parse_args(args)
        from editor.app import run  # Qt is imported only for the window

        return int(
            run(
                ns.path,
                screenshot=ns.screenshot,
                size=ns.size,
                theme=ns.theme,
                sample=ns.sample_site,
                verbose=ns.verbose,
            )
        )
    from editor.commands import run_command  # the core is imported only for a command

    return run_command(args)
