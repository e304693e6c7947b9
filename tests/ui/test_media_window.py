"""Insert Image: the bundle's images and the site's static/ and assets/ ones as thumbnails
(decoded at thumbnail size on a worker thread), alt text asked for and flagged while empty, a
Markdown image or a figure written; a file from elsewhere copied into the bundle, as a paste is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from editor.ui.main_window import MainWindow
from editor.ui.media_dialog import THUMB
from tests.helpers.qt import type_text
from tests.helpers.sites import write


def _png(path: Path, w: int, h: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    image = QImage(w, h, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366cc"))
    assert image.save(str(path))


def test_insert_an_image_from_the_bundle_the_site_and_a_file(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    root = write(
        tmp_path / "site",
        {"hugo.toml": 'title = "S"\n', "content/posts/trip/index.md": "---\ntitle: T\n---\nText.\n"},
    )
    bundle = root / "content/posts/trip"
    _png(bundle / "tram.png", 1200, 800)
    _png(bundle / "gallery/night view.png", 300, 600)
    _png(root / "static/img/logo.png", 64, 64)
    _png(root / "assets/images/map.png", 500, 500)
    outside = tmp_path / "Downloads" / "Castle photo.png"
    _png(outside, 800, 800)
    window.open_path(bundle / "index.md")
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    window.actions_by_id["insert_image"].trigger()
    dialog = window.media_dialog
    names = [(dialog.grid.item(i).text(), dialog.found[i].url) for i in range(dialog.grid.count())]
    assert names == [  # the bundle's (relative), then static/ and assets/ (from the site's root)
        ("tram.png", "tram.png"),
        ("night view.png", "gallery/night%20view.png"),
        ("logo.png", "/img/logo.png"),
        ("map.png", "/images/map.png"),
    ]
    qtbot.waitUntil(lambda: dialog.thumbnails_done, timeout=10000)
    for i in range(dialog.grid.count()):
        size = dialog.grid.item(i).icon().availableSizes()[0]
        assert max(size.width(), size.height()) <= THUMB
    tram = next(i for i in range(dialog.grid.count()) if dialog.grid.item(i).text() == "tram.png")
    dialog.grid.setCurrentRow(tram)
    assert dialog.alt.text() == "tram"  # a first guess from the name
    dialog.alt.clear()
    assert dialog.warning.text().startswith("⚠ No alt text")
    type_text(dialog.alt, "A yellow tram on a hill")
    assert dialog.warning.text() == ""
    assert dialog.inserts.text() == "![A yellow tram on a hill](tram.png)"
    dialog.kind.setCurrentIndex(1)
    type_text(dialog.caption, "Line 28")
    assert (
        dialog.inserts.text()
        == '{{< figure src="tram.png" alt="A yellow tram on a hill" caption="Line 28" >}}'
    )
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert window.body_text().endswith(
        '{{< figure src="tram.png" alt="A yellow tram on a hill" caption="Line 28" >}}'
    )
    # a file from elsewhere: copied into the bundle under a safe name, and chosen
    window.actions_by_id["insert_image"].trigger()
    dialog = window.media_dialog
    dialog.add_file(outside)
    assert (bundle / "Castle-photo.png").read_bytes() == outside.read_bytes()
    assert dialog.current() is not None and dialog.current().url == "Castle-photo.png"
    dialog.reject()
