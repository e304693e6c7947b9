"""A real X server for tests (Xvfb), and what a user would see on it: mapped windows, pixels."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from Xlib import X, display  # python-xlib: speaks the X protocol itself, no X client programs needed


@dataclass
class Screen:
    name: str  # ":7"
    width: int
    height: int


@contextmanager
def xvfb(width: int = 1280, height: int = 800) -> Iterator[Screen]:
    """An Xvfb server on a free display number, stopped afterwards."""
    binary = shutil.which("Xvfb")
    assert binary, "Xvfb is missing: `make sysdeps-test` installs it (package xvfb)"
    read, write = os.pipe()
    proc = subprocess.Popen(
        [
            binary,
            "-displayfd",
            str(write),
            "-screen",
            "0",
            f"{width}x{height}x24",
            "-nolisten",
            "tcp",
            "-noreset",
        ],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    os.close(write)
    try:
        with os.fdopen(read) as fh:
            number = fh.readline().strip()  # Xvfb writes its display number once it listens
        assert number, f"Xvfb did not start: {proc.stderr.read().decode() if proc.stderr else ''}"
        yield Screen(f":{number}", width, height)
    finally:
        proc.terminate()
        proc.wait(10)
        if proc.stderr:
            proc.stderr.close()


def mapped_windows(screen: Screen) -> list[tuple[str, int, int, int, int]]:
    """(title, x, y, width, height) of each top-level window the X server shows."""
    d = display.Display(screen.name)
    try:
        out = []
        for window in d.screen().root.query_tree().children:
            attrs = window.get_attributes()
            if attrs.map_state != X.IsViewable:
                continue
            geometry = window.get_geometry()
            name = _title(d, window)
            out.append((name, geometry.x, geometry.y, geometry.width, geometry.height))
        return out
    finally:
        d.close()


def _title(d: display.Display, window: object) -> str:
    prop = window.get_full_property(d.intern_atom("_NET_WM_NAME"), 0)  # type: ignore[attr-defined]
    if prop is not None:
        return bytes(prop.value).decode("utf-8", "replace")
    return str(window.get_wm_name() or "")  # type: ignore[attr-defined]


def grab(screen: Screen, x: int = 0, y: int = 0, width: int = 0, height: int = 0) -> tuple[int, int, bytes]:
    """The screen's pixels as the X server holds them: (width, height, RGB bytes)."""
    width, height = width or screen.width, height or screen.height
    d = display.Display(screen.name)
    try:
        image = d.screen().root.get_image(x, y, width, height, X.ZPixmap, 0xFFFFFFFF)
        data = bytes(image.data)  # BGRX, four bytes a pixel
    finally:
        d.close()
    rgb = bytearray(width * height * 3)
    rgb[0::3], rgb[1::3], rgb[2::3] = data[2::4], data[1::4], data[0::4]
    return width, height, bytes(rgb)


def colours(rgb: bytes) -> int:
    """How many different colours a picture has (a blank one has one)."""
    return len({rgb[i : i + 3] for i in range(0, len(rgb), 3)})


def save_png(path: Path, width: int, height: int, rgb: bytes) -> None:
    """A plain PNG writer, so a test can leave a picture for a person to look at."""
    rows = b"".join(b"\x00" + rgb[y * width * 3 : (y + 1) * width * 3] for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 6))
        + chunk(b"IEND", b"")
    )


def wait_for(predicate: object, timeout: float, step: float = 0.1) -> object:
    """Poll `predicate()` until it returns something true, or give its last answer."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()  # type: ignore[operator]
        if value or time.monotonic() > deadline:
            return value
        time.sleep(step)
