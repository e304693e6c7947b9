"""The QtWebEngine side of the previews: Chromium's profile, the page, its request guard and
its channel to the app. Imported once the window has painted (QtWebEngine's import and
Chromium's start come after the first paint, not before it)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QFile, QIODevice, QObject, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication, QWidget

js_log = logging.getLogger("editor.preview.js")  # the preview page's console, in the app's log
REMOTE_SCHEMES = frozenset({"http", "https", "ws", "wss", "ftp"})


def webchannel_js() -> str:
    f = QFile(":/qtwebchannel/qwebchannel.js")
    if not f.open(QIODevice.OpenModeFlag.ReadOnly):
        return ""
    return bytes(f.readAll().data()).decode("utf-8")


def app_profile(name: str) -> QWebEngineProfile:
    """An off-the-record profile (nothing stays on disk) shared under `name`; owned by the
    application, so it outlives every page (a profile that goes first crashes the app)."""
    app = QApplication.instance()
    profile = app.findChild(QWebEngineProfile, name) if app else None
    if profile is None:
        profile = QWebEngineProfile(app)
        profile.setObjectName(name)
    return profile


def preview_profile() -> QWebEngineProfile:
    """The one profile of every Markdown preview."""
    return app_profile("preview-profile")


class FileGuard(QWebEngineUrlRequestInterceptor):
    """The page may load local files from the post's site (or folder) only, and nothing from the
    network unless `remote`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.roots: list[Path] = []
        self.remote = True

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # Qt override (IO thread)
        url = info.requestUrl()
        if url.scheme() in REMOTE_SCHEMES and not self.remote:
            info.block(True)
            return
        if url.scheme() != "file":
            return
        try:
            path = Path(url.toLocalFile()).resolve()
        except (OSError, RuntimeError):
            info.block(True)
            return
        if not any(path == root or path.is_relative_to(root) for root in self.roots):
            info.block(True)


class PreviewPage(QWebEnginePage):
    """Loads its template and nothing else: links never replace the preview."""

    def __init__(self, profile: QWebEngineProfile, parent: QObject | None = None) -> None:
        super().__init__(profile, parent)
        self.allow_load = False
        self.messages: list[str] = []

    def acceptNavigationRequest(
        self, url: QUrl | str, kind: QWebEnginePage.NavigationType, main_frame: bool
    ) -> bool:
        if not main_frame:
            return True  # embedded videos (youtube, vimeo) load in their own frames
        allowed = self.allow_load
        self.allow_load = False
        return allowed

    def javaScriptConsoleMessage(
        self, level: QWebEnginePage.JavaScriptConsoleMessageLevel, message: str, line: int, source: str
    ) -> None:
        self.messages.append(f"{source}:{line}: {message}")
        del self.messages[:-50]
        js_log.info("%s:%d: %s", source, line, message)


class LocalPage(QWebEnginePage):
    """The site's own pages run as they are (their scripts too), but the tab never leaves the
    local server: a link or a script going elsewhere opens the system browser instead."""

    def __init__(self, profile: QWebEngineProfile, parent: QObject | None = None) -> None:
        super().__init__(profile, parent)
        self.base = ""  # http://127.0.0.1:PORT, set when the server is up

    def acceptNavigationRequest(  # Qt override
        self, url: QUrl | str, kind: QWebEnginePage.NavigationType, main_frame: bool
    ) -> bool:
        url = QUrl(url)
        if not main_frame or url.scheme() in ("data", "about", "blob"):
            return True  # frames (embedded videos) and the page's own resources
        if (self.base and url.toString().startswith(self.base + "/")) or url.toString() == self.base:
            return True
        if (
            url.scheme() in ("http", "https", "mailto")
            and kind != QWebEnginePage.NavigationType.NavigationTypeRedirect
        ):
            QDesktopServices.openUrl(url)
        return False


def theme_profile() -> QWebEngineProfile:
    """The Site Theme tab's: apart from the Markdown preview's profile, which admits no web pages."""
    return app_profile("theme-profile")


class WebView(QWebEngineView):
    """The preview's view of its page; `bridge` is what the page's script may call."""

    def __init__(self, bridge: QObject, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.guard = FileGuard(self)
        self.page_ = PreviewPage(preview_profile(), self)
        self.page_.setUrlRequestInterceptor(self.guard)
        s = self.page_.settings()
        s.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, True)
        s.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, True)
        s.setAttribute(QWebEngineSettings.WebAttribute.JavascriptCanOpenWindows, False)
        self.channel = QWebChannel(self)
        self.channel.registerObject("bridge", bridge)
        self.page_.setWebChannel(self.channel)
        self.setPage(self.page_)

    def load_page(self, html: str, base: QUrl) -> None:
        self.page_.allow_load = True
        self.page_.setHtml(html, base)

    def webchannel_js(self) -> str:
        return webchannel_js()
