"""Run by tests/ui/test_kill.py as a separate process: the real window types into a post, writes
recovery copies and saves, in a loop, logging each step (fsync'd) until it is killed.

python -m tests.killdriver POST RECOVERY_DIR LOG SEED
"""

from __future__ import annotations

import hashlib
import os
import random
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")


def main() -> None:
    post, recovery_dir, log_path = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    seed = int(sys.argv[4])
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QApplication

    from editor.core.files.recovery import Store
    from editor.ui.main_window import MainWindow
    from tests.helpers.qt import type_text

    app = QApplication([])
    settings = QSettings(str(log_path.with_suffix(".ini")), QSettings.Format.IniFormat)
    window = MainWindow(settings, recovery=Store(recovery_dir))
    window.open_path(post)
    window.show()
    log = open(log_path, "a", buffering=1)  # noqa: SIM115 (open for the life of the process)
    rng = random.Random(seed)

    def note(what: str, text: str) -> None:
        log.write(f"{what} {hashlib.sha256(text.encode()).hexdigest()}\n")
        log.flush()
        os.fsync(log.fileno())

    def step() -> None:
        window.editor.moveCursor(QTextCursor.MoveOperation.End)
        type_text(window.editor, rng.choice(["word ", "longer words here ", "\n\n", "*em* ", "é "]))
        roll = rng.random()
        if roll < 0.3:
            window.flush()
            assert window.document.post is not None
            text = window.document.post.text
            note("about-recovery", text)
            window.write_recovery()
            note("recovered", text)
        elif roll < 0.6:
            window.flush()
            assert window.document.post is not None
            text = window.document.post.text
            note("about-save", text)
            assert window.save()
            note("saved", text)
        QTimer.singleShot(1, step)

    note("ready", "")
    QTimer.singleShot(0, step)
    app.exec()


if __name__ == "__main__":
    main()
