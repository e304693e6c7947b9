"""One way to run work off the GUI thread: `run_in_background(work, done, owner)` calls `work()`
on a worker thread and `done(result)` on the GUI thread, unless `owner` has gone by then."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    finished = Signal(object)  # the work's result, delivered on the GUI thread


def run_in_background(
    work: Callable[[], Any], done: Callable[[Any], None], owner: QObject, name: str = "background"
) -> None:
    relay = _Relay(owner)  # lives (and dies) with its owner: a late result goes nowhere
    relay.finished.connect(done)
    relay.finished.connect(relay.deleteLater)

    def target() -> None:
        try:
            result = work()
        except Exception as exc:  # the caller gets the error as its result, and the log has it
            log.exception("%s failed", name)
            result = exc
        with contextlib.suppress(RuntimeError):  # the owner was deleted meanwhile
            relay.finished.emit(result)

    threading.Thread(target=target, daemon=True, name=name).start()
