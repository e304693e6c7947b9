"""One way to run work off the GUI thread. `run_in_background(work, done, owner)` calls `work()` on
a worker thread and `done(result)` on the GUI thread; with `progress`, `work(report)` may call
`report(item)` any number of times and each item reaches `progress(item)` on the GUI thread, in
order, before `done`. Nothing is delivered once `owner` has been deleted. An exception in `work`
is logged and given to `done` as its result."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class Relay(QObject):
    """Carries items from any thread to the GUI thread (queued signals): for work that reports from
    threads of its own, such as the link checker's pool."""

    reported = Signal(object)  # a partial result, delivered on the GUI thread
    finished = Signal(object)  # the work's result

    def report(self, item: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the owner was deleted meanwhile
            self.reported.emit(item)


def run_in_background(
    work: Callable[..., Any],
    done: Callable[[Any], None],
    owner: QObject,
    name: str = "background",
    progress: Callable[[Any], None] | None = None,
) -> threading.Thread:
    relay = Relay(owner)  # lives (and dies) with its owner: a late result goes nowhere
    if progress is not None:
        relay.reported.connect(progress)
    relay.finished.connect(done)
    relay.finished.connect(relay.deleteLater)

    def target() -> None:
        try:
            result = work(relay.report) if progress is not None else work()
        except Exception as exc:  # the caller gets the error as its result, and the log has it
            log.exception("%s failed", name)
            result = exc
        with contextlib.suppress(RuntimeError):
            relay.finished.emit(result)

    thread = threading.Thread(target=target, daemon=True, name=name)
    thread.start()
    return thread
