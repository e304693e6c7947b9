"""The live preview: a QtWebEngine page loaded once per post, patched block by block.

`editor.core.rendering.live` renders; this module carries patches to the page (`hpe.patch` in
resources/preview/preview.js) and carries scrolls, clicks and links back through a QWebChannel.
The page runs only its own script (a Content-Security-Policy with a nonce), navigates nowhere,
and sends web links to the desktop's browser.

The web view (`editor.ui.web_page`: QtWebEngine's import, Chromium's start) and the renderer
(markdown-it) are made once the window has painted: what the preview is asked before that is done
then, in order. The window shows its text first and the preview a moment later.
"""

from __future__ import annotations

import dataclasses
import gc
import html
import json
import logging
import secrets
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from editor.core import site
from editor.core.keys import value_of
from editor.core.post import dates, fields
from editor.ui.background import run_in_background
from editor.ui.look import resource
from editor.ui.markdown_edit import MarkdownEdit

if TYPE_CHECKING:
    from editor.core.rendering.blocks import Patch
    from editor.core.rendering.lazy import LazyRender
    from editor.ui.web_page import WebView

_CSP = (
    "default-src 'none'; script-src 'nonce-{nonce}'; style-src 'unsafe-inline' file:; base-uri 'none'; "
    "img-src file: data:{remote}; media-src file:{remote}; font-src file: data:; frame-src {frames}"
)


def content_policy(nonce: str, remote: bool) -> str:
    """The page's Content-Security-Policy: its own script only, no `<base>` that moves relative
    URLs, and remote images, media and embedded players only when the author allows them."""
    return _CSP.format(
        nonce=nonce, remote=" http: https:" if remote else "", frames="https:" if remote else "'none'"
    )


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


log = logging.getLogger(__name__)
# characters: a longer body is rendered off the GUI thread (~3 ms per 1,000 characters: a
# 100 KB post held the window 300 ms when it opened)
BACKGROUND_ABOVE = 20_000
FIRST_SCREEN_CHARS = 6_000  # ...and its top shown at once, rendered alone, until the whole is in
FREEZE_ABOVE = 100_000  # characters: after such a post's first render, the collector's view is frozen
_TOP = QEvent.Type(QEvent.registerEventType())  # a long post's top, rendered after the editor's paint
_REPLAY = QEvent.Type(QEvent.registerEventType())  # a post shown: the preview's part, after that paint


class Preview(QWidget):
    """The preview of one post's body."""

    updated = Signal(float)  # a patch reached the page: seconds since the edit it shows
    scrolled_to_line = Signal(float)  # the author scrolled the preview
    clicked_line = Signal(int)
    link_hovered = Signal(str)  # the link under the mouse, "" when it leaves
    said = Signal(str)  # a message for the status bar

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preview")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._box = QVBoxLayout(self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self.web: WebView | None = None  # made once the window has painted (start)
        self._early: list[Callable[[], None]] = []  # asked before that, done then in order
        self._replaying = False  # the view is made; what was asked before is done next
        self.bridge = Bridge(self)
        self.bridge.ready.connect(self._page_ready)
        self.bridge.scrolled.connect(self.scrolled_to_line)
        self.bridge.scrolled.connect(self._scrolled_itself)
        self.bridge.clicked.connect(lambda line: self.clicked_line.emit(int(line)))
        self.bridge.hovered.connect(self.link_hovered)
        self.bridge.said.connect(self.said)
        self._live: LazyRender | None = None
        self.roots: list[Path] = []  # the folders the page may load files from
        self._zoom = 1.0
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
        self._queued: list[tuple[Callable[[LazyRender], Patch | None], float]] = []  # waiting for the worker
        self._after: list[Callable[[], None]] = []  # to do once the worker gives the render back
        self._busy = False  # a worker thread has the render (a long post)
        self._freeze = False  # freeze the collector's view once the first long render is in
        self._provisional = 0  # blocks on the page from a long post's top rendered alone
        self._held = False  # a long post's whole render waits for the page to show its top
        self._top: tuple[str, float, LazyRender] | None = None  # that top, to render once painted
        self._reach_asked = -1  # a long post: the top line in view the render was last asked to reach
        self._rest_shown = (0, 0)  # a long post: (the first line not rendered, how many) as the page has it

    def _scrolled_itself(self, line: float) -> None:
        self._scroll_line = line

    # ---- the web view and the renderer, made after the window's first paint -------------------

    def start(self) -> None:
        """Make the web view and do what was asked of the preview before (once)."""
        if self.web is not None:
            return
        from editor.ui.web_page import WebView

        self.web = WebView(self.bridge, self)
        self.web.guard.roots, self.web.guard.remote = self.roots, self.remote
        self.web.setZoomFactor(self._zoom)
        self._box.addWidget(self.web)
        self.setFocusProxy(self.web)
        # what was asked before, in the next turn of the event loop: keys typed while Chromium
        # started are handled first (the renderer's import and the render come after)
        self._replaying = True
        QTimer.singleShot(0, self, self._replay)  # (not if the window is gone by then)

    def _replay(self) -> None:
        self._replaying = False
        early, self._early = self._early, []
        for then in early:
            then()
        if not self.busy:  # what waited for the preview to be idle (no worker came)
            after, self._after = self._after, []
            for then in after:
                then()

    def _import_view(self) -> None:
        """QtWebEngine's import in a turn of the event loop of its own, the view's making in the
        next (each ~50 ms: keys typed meanwhile are handled between)."""
        import editor.ui.web_page  # noqa: F401

        QTimer.singleShot(0, self, self.start)

    def start_after_paint(self, window: QWidget) -> None:
        """Start just after `window`'s next paint."""
        window.installEventFilter(self)
        window.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._import_view)
        return False

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        super().showEvent(event)
        if self.web is None:
            self.start_after_paint(self.window())

    def _later(self, then: Callable[[], None]) -> bool:
        """Before the start: keep `then` for it (True)."""
        if self.web is None or self._replaying:
            self._early.append(then)
            return True
        return False

    @property
    def live(self) -> LazyRender:
        """The post's render (an empty one before a post is shown)."""
        if self._live is None:
            from editor.core.rendering.lazy import LazyRender

            self._live = LazyRender()
        return self._live

    @live.setter
    def live(self, value: LazyRender) -> None:
        self._live = value

    def set_zoom(self, factor: float) -> None:
        """View → Zoom."""
        self._zoom = factor
        if self.web is not None:
            self.web.setZoomFactor(factor)

    def zoomFactor(self) -> float:
        return self._zoom

    # ---- what is shown -----------------------------------------------------------------------

    def show_body(self, text: str, path: Path | None, params: dict[str, Any]) -> None:
        """A post was opened: render it and load the page for its folder, once the editor has
        painted its text (what is asked of the preview meanwhile waits, in order)."""
        self._early = [lambda: self._show_body(text, path, params)]  # what came before is moot
        if self.web is not None and not self._replaying:
            self._replaying = True
            QCoreApplication.postEvent(self, QEvent(_REPLAY), Qt.EventPriority.LowEventPriority.value)

    def _show_body(self, text: str, path: Path | None, params: dict[str, Any]) -> None:
        from editor.core.rendering.lazy import LazyRender
        from editor.core.rendering.live import LiveRender, context_for

        config, ctx = context_for(path, params)
        root = site.find_root(path.parent) if path is not None else None
        ctx.resolve_src = _static_resolver(root) if root else None
        self.live = LazyRender(LiveRender(config, ctx, path=path))
        self._params = repr(params)
        self._header = params
        folder = (path.parent if path else Path.home()).resolve()
        self._set_roots([root.resolve() if root else folder])
        base = QUrl.fromLocalFile(str(folder) + "/")
        self._queued, self._after = [], []
        self._pending = []
        self._busy = False
        big = len(text) > BACKGROUND_ABOVE
        self._freeze = len(text) > FREEZE_ABOVE  # after the first render of a long post
        started = time.perf_counter()
        self._provisional = 0
        self._held = False
        self._reach_asked = -1
        self._load(base)  # (first: what is sent from here on waits for the new page)
        if big:  # its top alone, once the editor has painted the text (the page is loading)
            self._held = True
            self._top = (text, started, self.live)
            QCoreApplication.postEvent(self, QEvent(_TOP), Qt.EventPriority.LowEventPriority.value)
            QTimer.singleShot(1000, self, self._release)  # the whole render waits 1 s at most
        self._do(lambda live: live.reset(text), started, big=big)

    def set_params(self, params: dict[str, Any]) -> None:
        """The front matter changed (`param` shortcodes read it): render again where it shows."""
        if self._later(lambda: self.set_params(params)):
            return
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
        if self._later(lambda: self.edit(first, old_end, lines, started)):
            return
        self._do(lambda live: live.edit(first, old_end, lines), started)

    # ---- rendering on the GUI thread or off it -----------------------------------------------

    def _do(self, op: Callable[[LazyRender], Patch | None], started: float, big: bool = False) -> None:
        """Apply `op` to the render: here for a short body; for a long one (where a block can take
        a second to render) on a worker thread, edits made meanwhile waiting in order."""
        self._queued.append((op, started))
        if not self._busy and not self._held:
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

    def customEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == _REPLAY and self._replaying:
            self._replay()
        elif event.type() == _TOP and self._top is not None:
            text, started, live = self._top
            self._top = None
            if live is self._live:
                self._first_screen(text, started)

    def _first_screen(self, text: str, started: float) -> None:
        """A long post's top, rendered alone here (a few milliseconds) and shown while the whole
        body renders off the GUI thread (it waits until the page has shown the top: it would hold
        the interpreter lock the page's loading needs); the whole render replaces it. Cut at a
        blank line, so no block is cut in two (a reference defined further down shows as text
        until then). Posted at low priority: after the editor's paint of the text."""
        from editor.core.rendering.live import LiveRender

        cut = text.rfind("\n\n", 0, FIRST_SCREEN_CHARS)
        if cut > 0 and not self._busy:
            patch = LiveRender(self.live.config, self.live.context).reset(text[:cut])
            self._provisional = len(patch.html)
            self._send(patch, started)
        if self.ready:
            self._release()

    def _release(self) -> None:
        if self._held:
            self._held = False
            if self._queued and not self._busy:
                self._drain(big=True)

    def _worked(self, result: tuple[LazyRender, list[tuple[Patch | None, float]]]) -> None:
        live, patches = result
        if live is not self.live:
            return  # another post was opened meanwhile
        self._busy = False
        self._top = None  # the render is in: its top alone is moot (were it not rendered yet)
        if self._freeze:  # once per post: later cyclic garbage must stay collectable
            # a long post leaves many objects: keep the collector's full passes (tens of ms with
            # them) from landing on a keystroke; they are freed by reference counting all the same
            gc.freeze()
            self._freeze = False
        for patch, started in patches:
            if patch is not None:
                if self._provisional:  # the whole render takes the place of the top shown alone
                    patch = dataclasses.replace(patch, remove=patch.remove + self._provisional)
                    self._provisional = 0
                self._send(patch, started)
        self._show_rest()
        after, self._after = self._after, []
        for then in after:
            then()
        if self._queued:
            self._drain()

    @property
    def busy(self) -> bool:
        """A worker thread has the render (a long post), or is about to: its blocks are not to be
        read now."""
        return self._busy or self._held or self._replaying

    def _when_idle(self, then: Callable[[], None]) -> None:
        """`then()` now, or once the worker has given the render back."""
        if self.busy:
            self._after.append(then)
        else:
            then()

    def scroll_to_line(self, line: float) -> None:
        self._scroll_line = line
        if self.ready:
            self._js(f"hpe.scrollToLine({line:.3f})")

    def reach(self, line: int) -> None:
        """Body line `line` is the editor's top line in view: a long post's render reaches what
        lies under it, if it did not; the page then shows the line in view again (the editor's,
        or the page's own if it was scrolled last)."""
        from editor.core.rendering.lazy import SIGHT

        if self._later(lambda: self.reach(line)):
            return
        if (not self.busy and not self.live.partial) or line < self._reach_asked + SIGHT // 2:
            return
        self._reach_asked = line
        self._do(lambda live: live.reach(line), time.perf_counter())
        self._when_idle(self._show_line)

    def complete(self) -> None:
        """Render a long post's every line (a reader of the whole wants it: the outline)."""
        if self._later(self.complete):
            return
        self._do(lambda live: live.complete(), time.perf_counter())

    def _show_line(self) -> None:
        if self.ready:
            self._js(f"hpe.scrollToLine({self._scroll_line:.3f})")

    def _show_rest(self) -> None:
        """The page keeps the place of a long post's lines not rendered yet (its scroll bar is the
        whole post's)."""
        if self._live is None or not self.ready:
            return
        rest = (self.live.rendered_lines, len(self.live.rest))
        if rest != self._rest_shown and (rest[1] or self._rest_shown[1]):
            self._rest_shown = rest
            self._js(f"hpe.setRest({rest[0]}, {rest[1]})")

    def reveal_line(self, line: int) -> None:
        """The block holding body line `line` into view, if it is not (the typed block)."""
        if self.ready:
            self._js(f"hpe.revealLine({int(line)})")

    def set_theme(self, dark: bool) -> None:
        self.theme = "dark" if dark else "light"
        if self.ready:
            self._js(f"hpe.setTheme({json.dumps(self.theme)})")

    def set_style(self, font: str, size: int, width: int) -> None:
        """The preview's text font (empty: the style's own), its size in pixels and the most
        characters a line holds (Preferences); a site's own CSS is left to itself."""
        self.text_style = {"font": font, "size": size, "width": width}
        if self.ready:
            self._js(f"hpe.setStyle({json.dumps(self.text_style)})")

    def set_site_css(self, css: Path | None) -> None:
        self.site_css = css
        if css is not None:
            self._set_roots([*self.roots, css.resolve().parent])
        self._when_idle(self._reload)

    def set_remote(self, allowed: bool) -> None:
        """Load remote images, media and embedded players, or show placeholders in their place
        (the page is loaded again: its policy says what it may fetch)."""
        if allowed == self.remote:
            return
        self.remote = allowed
        if self.web is not None:
            self.web.guard.remote = allowed
        self._when_idle(self._reload)

    def _set_roots(self, roots: list[Path]) -> None:
        self.roots = roots
        if self.web is not None:
            self.web.guard.roots = roots

    def _reload(self) -> None:
        """Load the page again with every block of the post."""
        if self.web is None or self._live is None:
            return  # nothing loaded yet: the first load reads the settings
        from editor.core.rendering.blocks import Patch

        blocks = self.live.blocks
        self._pending = [Patch(0, 0, [b.html for b in blocks], [b.start for b in blocks])]
        self._load(self._base)

    def run_js(self, code: str, callback: Callable[[Any], None]) -> None:
        self.start()
        self._js(code, callback)

    def _js(self, code: str, callback: Callable[[Any], None] | None = None) -> None:
        if self.web is not None:
            if callback is None:
                self.web.page_.runJavaScript(code, 0)
            else:
                self.web.page_.runJavaScript(code, 0, callback)

    # ---- the page ----------------------------------------------------------------------------

    def _load(self, base: QUrl) -> None:
        self.ready = False
        self._base = base
        if self.web is None:
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
            "webchannel": self.web.webchannel_js(),
            "script": resource("preview", "preview.js").read_text(encoding="utf-8"),
        }
        self.web.load_page(page, base)

    def _send_header(self) -> None:
        if self.ready:
            header = page_header(self._header)
            self._js(f"hpe.setHeader({json.dumps(header)})")

    def _page_ready(self) -> None:
        self.ready = True
        self._rest_shown = (0, 0)
        if self.text_style:
            self._js(f"hpe.setStyle({json.dumps(self.text_style)})")
        self._send_header()
        pending, self._pending = self._pending, []
        started = time.perf_counter()
        for patch in pending:
            self._send(patch, started)
        if not self.busy:
            self._show_rest()
        self._js(f"hpe.scrollToLine({self._scroll_line:.3f})", lambda _r: self._release())

    def _send(self, patch: Patch, started: float) -> None:
        if not patch.remove and not patch.html and not patch.shift:
            return
        if not self.ready:
            self._pending.append(patch)
            return
        code = "hpe.patch(" + json.dumps(patch.as_json()) + ")"
        self._js(code, lambda _n: self._patched(started))

    def _patched(self, started: float) -> None:
        self.shown = True
        self.updated.emit(time.perf_counter() - started)


def _apply(
    live: LazyRender, ops: list[tuple[Callable[[LazyRender], Patch | None], float]]
) -> tuple[LazyRender, list[tuple[Patch | None, float]]]:
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
