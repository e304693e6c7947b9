"""Format → Insert Image…: the images the post can show — its bundle's, the site's `static/` and
`assets/` — as thumbnails (read on a worker thread, scaled while decoding), or one from a file
(copied into the bundle, as pasting does); written as a Markdown image or a `figure` shortcode
with the alt text asked for, and flagged while it is empty."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImage, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.site import images
from editor.ui.background import run_in_background
from editor.ui.dialogs import insert_buttons
from editor.ui.form import named

THUMB = 96  # pixels, the longer side
PLACES = {"bundle": "this post's bundle", "static": "static/", "assets": "assets/"}


def thumbnail(path: Path, size: int = THUMB) -> QImage:
    """The image decoded straight to thumbnail size (safe off the GUI thread: a QImage)."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    full = reader.size()
    if full.isValid() and (full.width() > size or full.height() > size):
        reader.setScaledSize(full.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return image if not image.isNull() else QImage()


class MediaDialog(QDialog):
    def __init__(
        self,
        post: Path | None,
        root: Path | None,
        copy_in: Callable[[str, bytes], tuple[Path, str] | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("insert_image")
        self.setWindowTitle("Insert Image")
        self.post, self.root, self.copy_in = post, root, copy_in
        self.grid = named(QListWidget(), "media_grid")
        self.grid.setViewMode(QListView.ViewMode.IconMode)
        self.grid.setIconSize(QSize(THUMB, THUMB))
        self.grid.setGridSize(QSize(THUMB + 40, THUMB + 40))
        self.grid.setResizeMode(QListView.ResizeMode.Adjust)
        self.grid.setMovement(QListView.Movement.Static)
        self.grid.setWordWrap(True)
        self.from_file = named(QPushButton("From a File…"), "media_from_file")
        self.from_file.setToolTip("Copy an image into the post's bundle (or static/images) and use it")
        self.alt = named(QLineEdit(), "media_alt")
        self.alt.setPlaceholderText("what the image shows, for readers who cannot see it")
        self.caption = named(QLineEdit(), "media_caption")
        self.kind = named(QComboBox(), "media_kind")
        self.kind.addItem("Markdown image", "markdown")
        self.kind.addItem("{{< figure >}} with a caption", "figure")
        self.warning = named(QLabel(), "media_warning")
        self.warning.setWordWrap(True)
        self.inserts = named(QLabel(), "media_inserts")
        self.inserts.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Alt text:", self.alt)
        form.addRow("Caption:", self.caption)
        form.addRow("Insert as:", self.kind)
        buttons, self.ok = insert_buttons(self)
        buttons.addButton(self.from_file, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.grid, 1)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(self.inserts)
        layout.addWidget(buttons)
        self.from_file.clicked.connect(self._choose_file)
        self.grid.currentItemChanged.connect(self._chosen)
        for signal in (self.alt.textChanged, self.caption.textChanged, self.kind.currentIndexChanged):
            signal.connect(self._update)
        self.found: list[images.Image] = []
        self.thumbnails_done = False
        self.fill()
        self.resize(640, 560)

    def fill(self, select: Path | None = None) -> None:
        self.found = images.available(self.post, self.root)
        self.grid.clear()
        for n, image in enumerate(self.found):
            item = QListWidgetItem(image.path.name)
            item.setData(Qt.ItemDataRole.UserRole, n)
            item.setToolTip(f"{image.path}\nfrom {PLACES[image.place]}; written as {image.url}")
            self.grid.addItem(item)
            if select is not None and image.path == select:
                self.grid.setCurrentItem(item)
        if self.grid.currentItem() is None and self.grid.count():
            self.grid.setCurrentRow(0)
        self._update()
        self.thumbnails_done = False
        paths = [i.path for i in self.found]

        def work(report: Callable[[object], None]) -> int:
            for n, path in enumerate(paths):
                report((n, thumbnail(path)))
            return len(paths)

        run_in_background(work, self._thumbnails_done, self, "thumbnails", progress=self._thumbnail)

    def _thumbnail(self, item: object) -> None:
        if not isinstance(item, tuple):
            return
        n, image = item
        row = self.grid.item(int(n))
        if row is not None and isinstance(image, QImage) and not image.isNull():
            row.setIcon(QIcon(QPixmap.fromImage(image)))

    def _thumbnails_done(self, _result: object) -> None:
        self.thumbnails_done = True

    def current(self) -> images.Image | None:
        item = self.grid.currentItem()
        return self.found[int(item.data(Qt.ItemDataRole.UserRole))] if item is not None else None

    def _chosen(self) -> None:
        image = self.current()
        if image is not None and not self.alt.isModified():
            self.alt.setText(images.default_alt(image.path.name))
        self._update()

    def text(self) -> str:
        image = self.current()
        if image is None:
            return ""
        alt = self.alt.text().strip()
        if self.kind.currentData() == "figure":
            return images.figure(image.url, alt, self.caption.text().strip())
        return images.markdown(image.url, alt, self.caption.text().strip())

    def _update(self) -> None:
        self.caption.setPlaceholderText(
            "shown under the image" if self.kind.currentData() == "figure" else "a title (shown on hover)"
        )
        empty = self.current() is not None and not self.alt.text().strip()
        self.warning.setText(
            "⚠ No alt text: screen readers say nothing of this image (or its file name)." if empty else ""
        )
        self.alt.setStyleSheet("border: 1px solid #d1242f;" if empty else "")
        self.inserts.setText(self.text())
        self.ok.setEnabled(self.current() is not None)
        if self.current() is None and self.grid.count() == 0:
            self.warning.setText("No images yet: add one From a File….")

    def _choose_file(self) -> None:
        start = str(self.post.parent if self.post else Path.home())
        filters = "Images (" + " ".join(f"*{s}" for s in images.IMAGE_SUFFIXES) + ")"
        name, _ = QFileDialog.getOpenFileName(self, "Insert an image", start, filters)
        if name:
            self.add_file(Path(name))

    def add_file(self, path: Path) -> None:
        """Copy the file in (as a paste does) and choose it."""
        placed = self.copy_in(path.name, path.read_bytes())
        if placed is not None:
            self.fill(select=placed[0])
