"""Slow regular expressions compiled at one start are handed to the engine ready at the next:
the same pattern objects, without the compiler running."""

from __future__ import annotations

import marshal
import re
import re._compiler
import sys
from pathlib import Path
from typing import Any

import pytest

from editor.core.pattern_cache import PatternCache

# a pattern as slow to compile as the ones PySide compiles at each start (thousands of characters)
SLOW = r"\b(?P<word>" + "|".join(f"w{n}x[a-f]{{2,4}}" for n in range(1500)) + r")\b(?:-(?P<tail>\d+))?"
FAST = r"^(\d+)$"
SAMPLES = ["w12xab", "w1499xfff-42", "w77x", "nothing here", "a w3xaa-7 b w1000xfe"]


def _compiler_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = re._compiler._code

    def counting(p: Any, flags: int) -> Any:
        calls.append("compiled")
        return real(p, flags)

    monkeypatch.setattr(re._compiler, "_code", counting)
    return calls


def _answers(rx: re.Pattern[str]) -> list[Any]:
    return [
        (rx.pattern, rx.flags, rx.groups, dict(rx.groupindex)),
        *[[(m.span(), m.groupdict()) for m in rx.finditer(s)] for s in SAMPLES],
    ]


def _start(path: Path) -> tuple[re.Pattern[str], re.Pattern[str]]:
    re.purge()  # re's own cache lasts a process: as a new start, without it
    cache = PatternCache(path)
    cache.install()
    try:
        return re.compile(SLOW, re.I), re.compile(FAST)
    finally:
        cache.uninstall()


def test_a_slow_pattern_is_compiled_once_and_served_ready_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "start-patterns.marshal"
    re.purge()
    expected = _answers(re.compile(SLOW, re.I))
    calls = _compiler_calls(monkeypatch)
    slow, fast = _start(path)
    assert calls == ["compiled", "compiled"] and path.is_file()
    assert _answers(slow) == expected
    calls.clear()
    slow, fast = _start(path)
    assert calls == ["compiled"]  # the fast pattern only: the slow one came from the file
    assert _answers(slow) == expected and fast.match("42") is not None
    _key, entries = marshal.loads(path.read_bytes())
    assert [args[0] for _flags, args in entries] == [SLOW]  # a fast pattern is not kept


def test_what_one_start_did_not_compile_is_kept_for_the_next(tmp_path: Path) -> None:
    path = tmp_path / "start-patterns.marshal"
    other = SLOW.replace("x[a-f]", "y[a-f]")
    _start(path)
    re.purge()
    cache = PatternCache(path)
    cache.install()
    re.compile(other)  # a start that compiled another slow pattern, not the first
    cache.uninstall()
    _key, entries = marshal.loads(path.read_bytes())
    assert [args[0] for _flags, args in entries] == [other, SLOW]  # the latest first


def test_a_damaged_or_foreign_file_compiles_as_usual(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "start-patterns.marshal"
    re.purge()
    expected = _answers(re.compile(SLOW, re.I))
    calls = _compiler_calls(monkeypatch)
    path.write_bytes(b"\x00not marshal")
    slow, _fast = _start(path)
    assert _answers(slow) == expected and calls.count("compiled") == 2
    _key, entries = marshal.loads(path.read_bytes())  # written again, whole
    path.write_bytes(marshal.dumps(((0, 0), entries)))  # another interpreter's
    calls.clear()
    slow, _fast = _start(path)
    assert _answers(slow) == expected and calls.count("compiled") == 2
    # compiling goes back to Python's own once the start is over
    assert re._compiler.compile.__module__ == "re._compiler" and re._compiler._sre is sys.modules["_sre"]
