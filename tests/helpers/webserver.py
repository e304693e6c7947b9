"""A real HTTP server on 127.0.0.1 for link checks and page titles: 200, 301, 404, 405 for HEAD,
pages with and without a <title>, slow answers and one that never comes."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest


class Handler(BaseHTTPRequestHandler):
    active = 0
    most = 0
    lock = threading.Lock()
    release = threading.Event()
    seen: ClassVar[list[str]] = []  # every path asked for, in order

    @staticmethod
    def _pixel() -> bytes:
        """A 1×1 PNG, made here (zlib and struct are all a PNG needs)."""
        import struct
        import zlib

        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

        header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
        return (
            b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\0\0\x80\x80"))
            + chunk(b"IEND", b"")
        )

    def log_message(self, *args: object) -> None:
        pass

    def _answer(self, body: bool) -> None:
        path = self.path
        self.seen.append(path)
        if path.startswith("/pixel.png"):
            data = self._pixel()
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if body:
                self.wfile.write(data)
            return
        if path == "/hang":
            self.release.wait(10)
            return
        if path == "/trickle":  # one byte of the status line every 0.3 s: each read is quick
            for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<title>late</title>":
                if self.release.wait(0.3):
                    return
                try:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                except OSError:
                    return
            return
        if path.startswith("/slow"):
            with self.lock:
                Handler.active += 1
                Handler.most = max(Handler.most, Handler.active)
            time.sleep(0.2)
            with self.lock:
                Handler.active -= 1
        if path == "/slow-title":
            time.sleep(1)
            path = "/title"
        if path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/new-home")
            self.end_headers()
            return
        if path == "/missing":
            self.send_error(404)
            return
        if path == "/no-head" and self.command == "HEAD":
            self.send_error(405)
            return
        page = {
            "/title": b"<html><head><title>\n  Jepsen &amp; friends\n</title></head><body></body></html>",
            "/latin": "<html><head><title>Caf\xe9</title></head></html>".encode("latin-1"),
        }
        data = page.get(path, b"<html><body>no title</body></html>")
        kind = "text/html; charset=iso-8859-1" if path == "/latin" else "text/html"
        if path == "/pdf":
            kind, data = "application/pdf", b"%PDF-1.4 <title>no</title>"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)

    def do_HEAD(self) -> None:
        self._answer(False)

    def do_GET(self) -> None:
        self._answer(True)


@pytest.fixture()
def server() -> Iterator[str]:
    Handler.release.clear()
    Handler.seen.clear()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    Handler.release.set()
    httpd.shutdown()
    httpd.server_close()
