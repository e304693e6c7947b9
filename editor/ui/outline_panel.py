"""The outline tab of the side panel: the post's headings as a tree, the one the cursor is in
marked as the cursor moves; a click or Enter takes the editor to a heading; a heading dragged
onto another moves its whole section there (one undo step)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from editor.core.rendering.outline import Heading, at_line, move_section, outline
from editor.ui.markdown_edit import MarkdownEdit, replace_lines
from editor.ui.preview import Preview

OUTLINE_MS = 150  # the outline follows the preview's render this long after it changes


class OutlinePanel(QTreeWidget):
    def __init__(self, editor: MarkdownEdit, preview: Preview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outline")
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.editor = editor
        self.preview = preview
        self.headings: list[Heading] = []
        self.items: list[QTreeWidgetItem] = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(OUTLINE_MS)
        self.timer.timeout.connect(self.refresh)
        preview.updated.connect(lambda _seconds: self.timer.start())
        editor.cursorPositionChanged.connect(self._mark_current)
        self.itemActivated.connect(self._go)
        self.itemClicked.connect(self._go)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDragEnabled(True)

    def dropEvent(self, event: QDropEvent) -> None:  # Qt override: the text moves, not the items
        dragged = self.currentItem()
        target = self.itemAt(event.position().toPoint())
        event.ignore()
        if dragged is None or target is None or dragged not in self.items or target not in self.items:
            return
        j = self.items.index(target)
        above = self.dropIndicatorPosition() == QAbstractItemView.DropIndicatorPosition.AboveItem
        self.move_heading(
            self.items.index(dragged), j if above else (j + 1 if j + 1 < len(self.items) else None)
        )

    def move_heading(self, i: int, before: int | None) -> bool:
        """Move heading `i`'s section before heading `before` (None: to the end), as one undo
        step of the Markdown pane. The headings are read again from the pane's text first."""
        from editor.core.rendering.live import LiveRender

        text = self.editor.raw_text()
        live = LiveRender(self.preview.live.config)
        live.reset(text)
        headings = outline(live.blocks)
        if i >= len(headings) or (before is not None and before >= len(headings)):
            return False
        moved = move_section(text, headings, i, before)
        if moved is None:
            return False
        replace_lines(self.editor, text, moved)
        return True

    def refresh(self) -> None:
        """Read the headings from the preview's blocks (once its worker, if any, is done)."""
        if self.preview.busy:
            self.timer.start()
            return
        headings = outline(self.preview.live.blocks)
        if self.preview.live.partial:  # a long post rendered as far as it was read: all of it
            self.preview.complete()  # (its headings come when it is in: the preview updates)
        if headings == self.headings:
            self._mark_current()
            return
        self.headings = headings
        self.clear()
        self.items = []
        parents: list[tuple[int, QTreeWidgetItem | None]] = [(0, None)]
        for heading in headings:
            while len(parents) > 1 and parents[-1][0] >= heading.level:
                parents.pop()
            parent = parents[-1][1]
            item = QTreeWidgetItem([heading.text or "(empty heading)"])
            item.setData(0, Qt.ItemDataRole.UserRole, heading.line)
            item.setToolTip(0, f"Line {heading.line + 1} of the body · #{heading.anchor}")
            if parent is None:
                self.addTopLevelItem(item)
            else:
                parent.addChild(item)
            parents.append((heading.level, item))
            self.items.append(item)
        self.expandAll()
        self._mark_current()

    def _mark_current(self) -> None:
        here = at_line(self.headings, self.editor.textCursor().blockNumber())
        current = self.items[here] if 0 <= here < len(self.items) else None
        self.blockSignals(True)
        self.setCurrentItem(current) if current is not None else self.clearSelection()
        self.blockSignals(False)

    def _go(self, item: QTreeWidgetItem) -> None:
        line = item.data(0, Qt.ItemDataRole.UserRole)
        if isinstance(line, int):
            self.editor.move_cursor_to_line(line)
            self.editor.centerCursor()
