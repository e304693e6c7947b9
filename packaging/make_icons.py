"""Render the app icon (resources/icons/app/hugo-post-editor.svg) to the PNG sizes desktops use,
a Windows .ico and (on macOS, with iconutil) an .icns. Usage: python packaging/make_icons.py OUT_DIR"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SVG = Path(__file__).resolve().parent.parent / "resources" / "icons" / "app" / "hugo-post-editor.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main(out: Path) -> None:
    _app = QGuiApplication(sys.argv[:1])
    out.mkdir(parents=True, exist_ok=True)
    renderer = QSvgRenderer(str(SVG))
    shutil.copy(SVG, out / "hugo-post-editor.svg")
    for size in SIZES:
        if not render(renderer, size).save(str(out / f"hugo-post-editor-{size}.png")):
            raise SystemExit(f"could not write the {size} px icon")
    render(renderer, 256).save(str(out / "hugo-post-editor.ico"))  # Qt's ico plugin
    if sys.platform == "darwin" and shutil.which("iconutil"):
        iconset = out / "hugo-post-editor.iconset"
        iconset.mkdir(exist_ok=True)
        for size in (16, 32, 128, 256, 512):
            render(renderer, size).save(str(iconset / f"icon_{size}x{size}.png"))
            render(renderer, size * 2).save(str(iconset / f"icon_{size}x{size}@2x.png"))
        subprocess.run(
            ["iconutil", "-c", "icns", str(iconset), "-o", str(out / "hugo-post-editor.icns")], check=True
        )


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("packaging/build/icons"))
