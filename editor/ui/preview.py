"""The live preview: a QtWebEngine page loaded once per post, patched block by block.

`editor.core.rendering.live` renders; this module carries patches to the page (`hpe.patch` in
resources/preview/preview.js) and carries scrolls, clicks and links back through a QWebChannel.
The page runs only its own script (a Content-Security-Policy with a nonce), navigates nowhere,
and sends web links to the desktop's browser.
"""

from __future__ import annotations

import gc
import html
import json
import logging
import secrets
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QFile, QIODevice, QObject, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QShowEvent
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

from editor.core import site
from editor.core.keys import value_of
from editor.core.post import dates, fields
from editor.core.rendering.blocks import Patch
from editor.core.rendering.live import LiveRender, context_for
from editor.ui.background import run_in_background
from editor.ui.look import resource
from editor.ui.markdown_edit import MarkdownEdit

_CSP = (
    "default-src 'none'; script-src 'nonce-{nonce}'; style-src 'unsafe-inline' file:; base-uri 'none'; "
    "img-src file: data:{remote}; media-src file:{remote}; font-src file: data:; frame-src {frames}"
)
REMOTE_SCHEMES = frozenset({"http", "https", "ws", "wss", "ftp"})


def content_policy(nonce: str, remote: bool) -> str:
    """The page's Content-Security-Policy: its own script only, no `<base>` that moves relative
    URLs, and remote images, media and embedded players only when the author allows them."""
    return _CSP.format(
        nonce=nonce, remote=" http: https:" if remote else "", frames="https:" if remote else "'none'"
    )


def _webchannel_js() -> str:
    f = QFile(":/qtwebchannel/qwebchannel.js")
    if not f.open(QIODevice.OpenModeFlag.ReadOnly):
        return ""
    return bytes(f.readAll().data()).decode("utf-8")


class Bridge(QObject):
    """What the page may call in the app."""

    ready = Signal()
    scrolled = Signal(float)
    clicked = Signal(float)
    hovered = Signal(str)  # the address of the link under the mouse ("" when it leaves)
    said = Signal(str)  # a message for the status bar

    @Slot()
    def pageReady(self) -> None:
        self.ready.emit()

    @Slot(float)
    def previewScrolled(self, line: float) -> None:
        self.scrolled.emit(line)

    @Slot(float)
    def previewClicked(self, line: float) -> None:
        self.clicked.emit(line)

    @Slot(str)
    def hoverLink(self, href: str) -> None:
        self.hovered.emit(href)

    @Slot(str)
    def openLink(self, href: str) -> None:
        url = QUrl(href)
        if url.scheme() not in ("http", "https", "mailto"):
            self.said.emit(f"Not opened: {href} is not a web address")
        elif not QDesktopServices.openUrl(url):
            self.said.emit(f"No web browser could open {href}")


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


log = logging.getLogger(__name__)
js_log = logging.getLogger("editor.preview.js")  # the preview page's console, in the app's log
BACKGROUND_ABOVE = 100_000  # characters: a longer body is first rendered off the GUI thread


def app_profile(name: str) -> QWebEngineProfile:
    """An off-the-record profile (nothing stays on disk) shared under `name`; owned by the
    application, so it outlives every page (a profile that goes first crashes the app)."""
    app = QApplication.instance()
    profile = app.findChild(QWebEngineProfile, name) if app else None
    if profile is None:
        profile = QWebEngineProfile(app)
        profile.setObjectName(name)
    return profile


def _profile() -> QWebEngineProfile:
    """The one profile of every Markdown preview."""
    return app_profile("preview-profile")


class Preview(QWebEngineView):
    """The preview of one post's body."""

    updated = Signal(float)  # a patch reached the page: seconds since the edit it shows
    scrolled_to_line = Signal(float)  # the author scrolled the preview
    clicked_line = Signal(int)
    link_hovered = Signal(str)  # the link under the mouse, "" when it leaves
    said = Signal(str)  # a message for the status bar

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preview")
        # the page (and with it Chromium's start, ~80 ms) is made once the window has painted:
        # a window shows its text first, the preview a moment later
        self._page: PreviewPage | None = None
        self._load_waiting = False  # a post's page to load once the page exists
        self._zoom = 1.0
        self.guard = FileGuard(self)
        self.bridge = Bridge(self)
        self.channel = QWebChannel(self)
        self.channel.registerObject("bridge", self.bridge)
        self.bridge.ready.connect(self._page_ready)
        self.bridge.scrolled.connect(self.scrolled_to_line)
        self.bridge.clicked.connect(lambda line: self.clicked_line.emit(int(line)))
        self.bridge.hovered.connect(self.link_hovered)
        self.bridge.said.connect(self.said)
        self.live = LiveRender()
        self.theme = "light"
        self.text_style: dict[str, Any] = {}
        self.site_css: Path | None = None
        self.ready = False
        self._pending: list[Patch] = []
        self._base = QUrl()
        self._scroll_line = 0.0
        self._params = ""
        self.shown = False  # the page has shown a post's HTML
        self.remote = True  # remote images, media and players load
        self._header: dict[str, Any] = {}  # the front matter the header shows
        self._queued: list[tuple[Callable[[LiveRender], Patch | None], float]] = []  # waiting for the worker
        self._after: list[Callable[[], None]] = []  # to do once the worker gives the render back
        self._busy = False  # a worker thread has the render (a long post)
        self._freeze = False  # freeze the collector's view once the first long render is in

    # ---- the page, made after the window's first paint ------------------------------------------

    @property
    def page_(self) -> PreviewPage:
        """The web page (made now if it is not yet)."""
        return self._page if self._page is not None else self._make_page()

    def _make_page(self) -> PreviewPage:
        page = self._page = PreviewPage(_profile(), self)
        page.setUrlRequestInterceptor(self.guard)
        s = page.settings()
        s.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, True)
        s.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, True)
        s.setAttribute(QWebEngineSettings.WebAttribute.JavascriptCanOpenWindows, False)
        page.setWebChannel(self.channel)
        page.setZoomFactor(self._zoom)
        self.setPage(page)
        if self._load_waiting:
            self._load(self._base)
        return page

    def set_zoom(self, factor: float) -> None:
        """View → Zoom (kept for the page when it is not made yet: asking the view makes one)."""
        self._zoom = factor
        if self._page is not None:
            self._page.setZoomFactor(factor)

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        if self._page is not None:
            super().showEvent(event)
            return
        # QWebEngineView's own would make a default page (Chromium's start) before the paint
        QWidget.showEvent(self, event)
        window = self.window()
        window.installEventFilter(self)
        window.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        """The window's first paint: the page is made just after it."""
        if event.type() == QEvent.Type.Paint and self._page is None:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, lambda: self.page_)
        return False

    # ---- what is shown -----------------------------------------------------------------------

    def show_body(self, text: str, path: Path | None, params: dict[str, Any]) -> None:
        """A post was opened: render it all and load the page for its folder."""
        config, ctx = context_for(path, params)
        root = site.find_root(path.parent) if path is not None else None
        ctx.resolve_src = _static_resolver(root) if root else None
        self.live = LiveRender(config, ctx)
        self._params = repr(params)
        self._header = params
        folder = (path.parent if path else Path.home()).resolve()
        self.guard.roots = [root.resolve() if root else folder]
        base = QUrl.fromLocalFile(str(folder) + "/")
        self._queued, self._after = [], []
        self._pending = []
        self._busy = False
        self._freeze = len(text) > BACKGROUND_ABOVE  # after the first render of a long post
        self._do(lambda live: live.reset(text), time.perf_counter(), big=self._freeze)
        self._load(base)

    def set_params(self, params: dict[str, Any]) -> None:
        """The front matter changed (`param` shortcodes read it): render again where it shows."""
        if repr(params) == self._params:
            return
        self._params = repr(params)
        self._header = params
        self._send_header()
        self._do(lambda live: live.set_params(params), time.perf_counter())

    def edit(self, first: int, old_end: int, lines: Sequence[str], since: float | None = None) -> None:
        """Lines first..old_end of the body became `lines`."""
        started = time.perf_counter() if since is None else since
        lines = list(lines)
        self._do(lambda live: live.edit(first, old_end, lines), started)

    # ---- rendering on the GUI thread or off it -----------------------------------------------

    def _do(self, op: Callable[[LiveRender], Patch | None], started: float, big: bool = False) -> None:
        """Apply `op` to the render: here for a short body; for a long one (where a block can take
        a second to render) on a worker thread, edits made meanwhile waiting in order."""
        self._queued.append((op, started))
        if not self._busy:
            self._drain(big)

    def _drain(self, big: bool = False) -> None:
        if big or self.live.chars > BACKGROUND_ABOVE:
            live, ops, self._queued = self.live, self._queued, []
            self._busy = True
            run_in_background(lambda: _apply(live, ops), self._worked, self, "preview-render")
            return
        ops, self._queued = self._queued, []
        for op, started in ops:
            patch = op(self.live)
            if patch is not None:
                self._send(patch, started)

    def _worked(self, result: tuple[LiveRender, list[tuple[Patch | None, float]]]) -> None:
        live, patches = result
        if live is not self.live:
            return  # another post was opened meanwhile
        self._busy = False
        if self._freeze:  # once per post: later cyclic garbage must stay collectable
            # a long post leaves many objects: keep the collector's full passes (tens of ms with
            # them) from landing on a keystroke; they are freed by reference counting all the same
            gc.freeze()
            self._freeze = False
        for patch, started in patches:
            if patch is not None:
                self._send(patch, started)
        after, self._after = self._after, []
        for then in after:
            then()
        if self._queued:
            self._drain()

    @property
    def busy(self) -> bool:
        """A worker thread has the render (a long post): its blocks are not to be read now."""
        return self._busy

    def _when_idle(self, then: Callable[[], None]) -> None:
        """`then()` now, or once the worker has given the render back."""
        if self._busy:
            self._after.append(then)
        else:
            then()

    def scroll_to_line(self, line: float) -> None:
        self._scroll_line = line
        if self.ready:
            self.page_.runJavaScript(f"hpe.scrollToLine({line:.3f})", 0)

    def reveal_line(self, line: int) -> None:
        """The block holding body line `line` into view, if it is not (the typed block)."""
        if self.ready:
            self.page_.runJavaScript(f"hpe.revealLine({int(line)})", 0)

    def set_theme(self, dark: bool) -> None:
        self.theme = "dark" if dark else "light"
        if self.ready:
            self.page_.runJavaScript(f"hpe.setTheme({json.dumps(self.theme)})", 0)

    def set_style(self, font: str, size: int, width: int) -> None:
        """The preview's text font (empty: the style's own), its size in pixels and the most
        characters a line holds (Preferences); a site's own CSS is left to itself."""
        self.text_style = {"font": font, "size": size, "width": width}
        if self.ready:
            self.page_.runJavaScript(f"hpe.setStyle({json.dumps(self.text_style)})", 0)

    def set_site_css(self, css: Path | None) -> None:
        self.site_css = css
        if css is not None:
            self.guard.roots = [*self.guard.roots, css.resolve().parent]
        self._when_idle(self._reload)

    def set_remote(self, allowed: bool) -> None:
        """Load remote images, media and embedded players, or show placeholders in their place
        (the page is loaded again: its policy says what it may fetch)."""
        if allowed == self.remote:
            return
        self.remote = self.guard.remote = allowed
        self._when_idle(self._reload)

    def _reload(self) -> None:
        """Load the page again with every block of the post."""
        blocks = self.live.blocks
        self._pending = [Patch(0, 0, [b.html for b in blocks], [b.start for b in blocks])]
        self._load(self._base)

    def run_js(self, code: str, callback: Callable[[Any], None]) -> None:
        self.page_.runJavaScript(code, 0, callback)

    # ---- the page ----------------------------------------------------------------------------

    def _load(self, base: QUrl) -> None:
        self.ready = False
        self._base = base
        self._load_waiting = self._page is None
        if self._load_waiting:
            return
        nonce = secrets.token_urlsafe(16)
        css = ""
        if self.site_css is not None:
            css = f'<link rel="stylesheet" href="{QUrl.fromLocalFile(str(self.site_css)).toString()}">'
        page = resource("preview", "preview.html").read_text(encoding="utf-8") % {
            "theme": self.theme,
            "csp": content_policy(nonce, self.remote),
            "remote": "yes" if self.remote else "no",
            "nonce": nonce,
            "style": "" if self.site_css else resource("preview", "preview.css").read_text(encoding="utf-8"),
            "site_css": css,
            "webchannel": _webchannel_js(),
            "script": resource("preview", "preview.js").read_text(encoding="utf-8"),
        }
        self.page_.allow_load = True
        self.page_.setHtml(page, base)

    def _send_header(self) -> None:
        if self.ready:
            header = page_header(self._header)
            self.page_.runJavaScript(f"hpe.setHeader({json.dumps(header)})", 0)

    def _page_ready(self) -> None:
        self.ready = True
        if self.text_style:
            self.page_.runJavaScript(f"hpe.setStyle({json.dumps(self.text_style)})", 0)
        self._send_header()
        pending, self._pending = self._pending, []
        started = time.perf_counter()
        for patch in pending:
            self._send(patch, started)
        self.page_.runJavaScript(f"hpe.scrollToLine({self._scroll_line:.3f})", 0)

    def _send(self, patch: Patch, started: float) -> None:
        if not patch.remove and not patch.html and not patch.shift:
            return
        if not self.ready:
            self._pending.append(patch)
            return
        code = "hpe.patch(" + json.dumps(patch.as_json()) + ")"
        self.page_.runJavaScript(code, 0, lambda _n: self._patched(started))

    def _patched(self, started: float) -> None:
        self.shown = True
        self.updated.emit(time.perf_counter() - started)


def _apply(
    live: LiveRender, ops: list[tuple[Callable[[LiveRender], Patch | None], float]]
) -> tuple[LiveRender, list[tuple[Patch | None, float]]]:
    """The worker's part: each operation in order. One that fails is logged and the rest go on
    (the page shows what rendered; the next edit renders its part again)."""
    out: list[tuple[Patch | None, float]] = []
    for op, started in ops:
        try:
            out.append((op(live), started))
        except Exception:
            log.exception("the preview could not render an edit")
    return live, out


def page_header(params: dict[str, Any]) -> str:
    """The title, date, draft mark and tags above the body, as a blog theme shows them."""

    def get(key: str) -> Any:
        return value_of(params, key)

    title = get("title")
    parts = []
    if title:
        parts.append(f"<h1>{html.escape(str(title))}</h1>")
    meta = []
    try:
        when = dates.parse(get("date")) if get("date") is not None else None
    except ValueError:
        when = None
    if when is not None:
        meta.append(f"<time>{when.value:%-d %B %Y}</time>")
    if fields.is_draft(get("draft")):
        meta.append('<span class="hpe-draft">Draft</span>')
    tags = get("tags")
    for tag in tags if isinstance(tags, list) else []:
        meta.append(f'<span class="hpe-tag">#{html.escape(str(tag))}</span>')
    if meta:
        parts.append(f'<div class="hpe-meta">{" ".join(meta)}</div>')
    return "".join(parts)


def _static_resolver(root: Path) -> Callable[[str], str | None]:
    """`/images/x.png` on the site is a file of `static/` (or `assets/`): its file URL."""
    folders = [root / "static", root / "assets"]
    themes = root / "themes"
    if themes.is_dir():
        folders += [t / "static" for t in sorted(themes.iterdir())]

    def resolve(src: str) -> str | None:
        rel = src.split("?", 1)[0].split("#", 1)[0].lstrip("/")
        for folder in folders:
            f = folder / rel
            if f.is_file():
                return QUrl.fromLocalFile(str(f)).toString()
        return None

    return resolve


class EditorFeed(QObject):
    """Carries the Markdown pane's changes to the preview as line edits, once per turn of the
    event loop, reading only the lines that changed (never the whole text per keystroke)."""

    def __init__(self, editor: MarkdownEdit, preview: Preview) -> None:
        super().__init__(preview)
        self.editor = editor
        self.preview = preview
        self.paused = False
        self._first: int | None = None
        self._end = 0
        self._count = 0
        self._known = 1
        self._since = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.flush)
        editor.document().contentsChange.connect(self._changed)

    def _changed(self, pos: int, removed: int, added: int) -> None:
        if self.paused:
            return
        doc = self.editor.document()
        count = doc.blockCount()
        first = doc.findBlock(pos).blockNumber()
        last = doc.findBlock(pos + added)
        end = (last.blockNumber() if last.isValid() else count - 1) + 1
        if self._first is None:
            self._since = time.perf_counter()
            self._first, self._end = first, end
        else:  # merge with the changes not sent yet (lines after this one moved)
            moved = count - self._count
            prev_end = self._end + moved if self._end > first else self._end
            self._first, self._end = min(self._first, first), max(prev_end, end)
        self._count = count
        self._timer.start()

    def flush(self) -> None:
        self._timer.stop()
        if self._first is None:
            return
        count = self.editor.document().blockCount()
        first, end = self._first, min(self._end, count)
        self._first = None
        known, self._known = self._known, count  # the lines the preview has (or has queued)
        old_end = end - (count - known)
        if not first <= old_end <= known:
            first, old_end, end = 0, known, count  # cannot happen; if it does, send everything
        self.preview.edit(first, old_end, self.editor.line_texts(first, end), self._since)

    def reset(self) -> None:
        """The pane was filled with a new post: forget what was pending."""
        self._first = None
        self._known = self.editor.document().blockCount()
        self._timer.stop()
