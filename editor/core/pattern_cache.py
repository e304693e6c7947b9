"""Regular expressions compiled at start, kept from one start to the next.

Python compiles a regular expression in Python code (`re._parser`, `re._compiler`) and keeps the
result only for the life of the process. PySide's support code compiles three patterns of ~6,000
characters each time it is imported (~16 ms of every start, measured). While installed, a cache
records what the compiler handed to the C engine (`_sre.compile`: the pattern, its flags and
compiled code, its groups) for each pattern slower than SLOW to compile, and on the next start
hands the same to the engine without compiling: the pattern object is the same one. The file is
keyed by the interpreter's version and the engine's; what one start did not compile is kept for
the next (a start on a post compiles the renderer's patterns, one on the start page does not),
the most recently used first, up to MOST; anything unexpected (another Python, a damaged file)
falls back to compiling as usual.
"""

from __future__ import annotations

import marshal
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

try:
    import _sre
    import re._compiler as _compiler

    _KEY: tuple[int, int | None] = (sys.hexversion, _sre.MAGIC)
except ImportError:  # another Python: nothing is cached
    _compiler = None
    _KEY = (sys.hexversion, None)

SLOW = 0.0005  # seconds: a pattern that takes longer to compile is kept
MOST = 400  # patterns in the file

Entry = tuple[Any, ...]  # the arguments of _sre.compile


class _Recorder:
    """Stands in for the `_sre` module inside `re._compiler`: passes everything through and
    notes the arguments of the last `compile` on this thread."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.last = threading.local()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def compile(self, *args: Any) -> Any:
        self.last.args = args
        return self.real.compile(*args)


class PatternCache:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._known: dict[tuple[str, int], Entry] = {}
        self._kept: dict[tuple[str, int], Entry] = {}
        self._undo: tuple[Any, Any] | None = None

    def install(self) -> None:
        """From now until `uninstall`, slow patterns are served from the file and recorded."""
        if _compiler is None or self._undo is not None:
            return
        self._known = self._read()
        self._kept = {}
        real_compile, real_sre = _compiler.compile, _compiler._sre
        recorder = _Recorder(real_sre)

        def compile(p: Any, flags: int = 0) -> Any:
            if not isinstance(p, str):
                return real_compile(p, flags)
            key = (p, int(flags))
            args = self._known.get(key)
            if args is not None:
                try:
                    pattern = real_sre.compile(*args)
                except Exception:  # not what this engine takes: compiled as usual
                    self._known.pop(key, None)
                else:
                    self._kept[key] = args
                    return pattern
            recorder.last.args = None
            started = time.perf_counter()
            pattern = real_compile(p, flags)
            args = recorder.last.args
            if time.perf_counter() - started > SLOW and args is not None and args[0] is p:
                self._kept[key] = _plain(args)
            return pattern

        _compiler._sre, _compiler.compile = recorder, compile
        self._undo = (real_compile, real_sre)

    def uninstall(self) -> None:
        """Compile as Python does again; write the file if what was kept changed."""
        if self._undo is None:
            return
        _compiler.compile, _compiler._sre = self._undo
        self._undo = None
        if self._kept.keys() - self._known.keys():
            self._write()

    def _read(self) -> dict[tuple[str, int], Entry]:
        try:
            key, entries = marshal.loads(self.path.read_bytes())
            if tuple(key) != _KEY:
                return {}
            return {(args[0], flags): tuple(args) for flags, args in entries}
        except (OSError, ValueError, EOFError, TypeError, IndexError):
            return {}

    def _write(self) -> None:
        try:
            entries = {**self._kept, **{k: v for k, v in self._known.items() if k not in self._kept}}
            kept = list(entries.items())[:MOST]
            data = marshal.dumps((_KEY, [(flags, args) for (_p, flags), args in kept]))
        except ValueError:  # a value of a kind marshal does not write: nothing is kept
            return
        partial = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(data)
            os.replace(partial, self.path)
        except OSError:
            partial.unlink(missing_ok=True)


def _plain(args: Entry) -> Entry:
    """The engine's arguments as plain values marshal writes (the compiler's opcodes and flags
    are int subclasses)."""
    pattern, flags, code, groups, groupindex, indexgroup = args
    return (
        pattern,
        int(flags),
        [int(c) for c in code],
        int(groups),
        {str(k): int(v) for k, v in groupindex.items()},
        tuple(indexgroup),
    )
