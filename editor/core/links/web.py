"""Links on the web: is each URL still there, and what is a page's title. No Qt.

Each request has a timeout; `check_all` runs a bounded number at a time on worker threads and
reports each result as it comes, so a caller (the window) never waits for the network.
"""

from __future__ import annotations

import contextlib
import html
import http.client
import re
import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

USER_AGENT = "Mozilla/5.0 (compatible; hugo-post-editor link check)"
TITLE_BYTES = 256 * 1024  # a <title> is in the head; read no further than this


@dataclass(frozen=True)
class Result:
    url: str
    status: int | None = None  # the HTTP status of the first answer
    location: str = ""  # where a redirect points
    error: str = ""  # why there is no answer (timeout, refused, unknown host)

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 400

    def describe(self) -> str:
        if self.error:
            return self.error
        if self.location:
            return f"{self.status} → {self.location}"
        return f"{self.status}"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # a redirect is an answer to report, not to follow


class _Deadline:
    """A total time for one request, whatever the server does (one byte every few seconds keeps
    each read under a per-read timeout forever): when it passes, or the checker is stopped, the
    request's sockets are shut and it ends at once."""

    def __init__(self, seconds: float, owner: set[_Deadline] | None = None) -> None:
        self.seconds = seconds
        self.expired = False
        self.sockets: list[socket.socket] = []
        self.owner = owner
        self.timer = threading.Timer(seconds, self.expire)
        self.timer.daemon = True

    def __enter__(self) -> _Deadline:
        _local.deadline = self
        if self.owner is not None:
            self.owner.add(self)
        self.timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.timer.cancel()
        _local.deadline = None
        if self.owner is not None:
            self.owner.discard(self)

    def watch(self, sock: socket.socket) -> None:
        self.sockets.append(sock)
        if self.expired:
            self.expire()

    def expire(self) -> None:
        self.expired = True
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)  # wakes a read blocked in another thread


_local = threading.local()


def _watch_socket(connection: http.client.HTTPConnection) -> None:
    """A connection just made: its socket is shut when the request's deadline passes."""
    deadline = getattr(_local, "deadline", None)
    if deadline is not None and connection.sock is not None:
        deadline.watch(connection.sock)


class _WatchedHTTP(http.client.HTTPConnection):
    def connect(self) -> None:
        super().connect()
        _watch_socket(self)


class _WatchedHTTPS(http.client.HTTPSConnection):
    def connect(self) -> None:
        super().connect()
        _watch_socket(self)


class _HTTP(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_WatchedHTTP, req)


class _HTTPS(urllib.request.HTTPSHandler):
    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_WatchedHTTPS, req, context=self._context)  # type: ignore[attr-defined]


_opener = urllib.request.build_opener(_NoRedirect, _HTTP, _HTTPS)
_title_opener = urllib.request.build_opener(_HTTP, _HTTPS)


def checkable(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _request(url: str, method: str, timeout: float, owner: set[_Deadline] | None = None) -> Result:
    with _Deadline(timeout, owner) as deadline:
        result = _ask(url, method, timeout)
    return Result(url, error=f"no answer in {timeout:g} s") if deadline.expired else result


def _ask(url: str, method: str, timeout: float) -> Result:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        with _opener.open(request, timeout=timeout) as answer:
            if method == "GET":
                answer.read(1)
            return Result(url, answer.status)
    except urllib.error.HTTPError as e:
        location = e.headers.get("Location", "") if 300 <= e.code < 400 else ""
        return Result(url, e.code, urljoin(url, location) if location else "")
    except TimeoutError:
        return Result(url, error=f"no answer in {timeout:g} s")
    except urllib.error.URLError as e:
        reason = e.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            return Result(url, error=f"no answer in {timeout:g} s")
        if isinstance(reason, socket.gaierror):
            return Result(url, error="unknown host")
        if isinstance(reason, ConnectionRefusedError):
            return Result(url, error="connection refused")
        return Result(url, error=str(reason))
    except (OSError, ValueError, http.client.HTTPException) as e:  # resets, bad URLs, broken HTTP
        return Result(url, error=str(e) or type(e).__name__)


def check(url: str, timeout: float = 10.0, owner: set[_Deadline] | None = None) -> Result:
    """HEAD the URL; servers that do not answer HEAD properly are asked again with GET. Each
    request gets `timeout` seconds in all."""
    if not checkable(url):
        return Result(url, error="not a web link: not checked")
    first = _request(url, "HEAD", timeout, owner)
    if first.error.startswith("no answer") or (first.status is not None and first.status < 400):
        return first
    return _request(url, "GET", timeout, owner)


class Checker:
    """Checks many URLs, `workers` at a time; `on_result` is called on a worker thread."""

    def __init__(self, workers: int = 6, timeout: float = 10.0) -> None:
        self.timeout = timeout
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="link-check")
        self._cancelled = threading.Event()
        self._running: set[_Deadline] = set()

    def start(self, urls: Iterable[str], on_result: Callable[[Result], None]) -> list[Future[None]]:
        def one(url: str) -> None:
            if not self._cancelled.is_set():
                result = check(url, self.timeout, self._running)
                if not self._cancelled.is_set():
                    on_result(result)

        return [self._pool.submit(one, url) for url in dict.fromkeys(urls)]

    def cancel(self) -> None:
        """Start nothing more, and end the requests under way now."""
        self._cancelled.set()
        self._pool.shutdown(wait=False, cancel_futures=True)
        for deadline in list(self._running):
            deadline.expire()


class _Title(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = False
        self.done = False
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title" and not self.done:
            self.inside = True
        elif tag == "body":
            self.done = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self.inside:
            self.inside, self.done = False, True

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.parts.append(data)


def fetch_title(url: str, timeout: float = 5.0) -> str | None:
    """The page's <title>, whitespace collapsed; None when there is none or no answer."""
    if not checkable(url):
        return None
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with _Deadline(timeout) as deadline, _title_opener.open(request, timeout=timeout) as answer:
            if "html" not in answer.headers.get_content_type():
                return None
            raw = answer.read(TITLE_BYTES)  # a size cap: the title is near the top
            charset = answer.headers.get_content_charset() or _meta_charset(raw) or "utf-8"
    except (OSError, ValueError, http.client.HTTPException):
        return None
    if deadline.expired:
        return None
    try:
        text = raw.decode(charset, errors="replace")
    except LookupError:
        text = raw.decode("utf-8", errors="replace")
    parser = _Title()
    parser.feed(text)
    title = " ".join(html.unescape("".join(parser.parts)).split())
    return title or None


def _meta_charset(raw: bytes) -> str | None:
    m = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", raw[:4096], re.IGNORECASE)
    return m.group(1).decode("ascii") if m else None
