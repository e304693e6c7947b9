"""The window's file commands: open, new, save, save as, revert, close, the question about unsaved
edits, recovery copies offered after a crash, and a post that changed on disk under the window."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from editor.core import places, site
from editor.core.files.ondisk import merge, read_fingerprint
from editor.core.files.recovery import Copy
from editor.core.files.storage import SaveError, save_concerns
from editor.core.post import Post, PostError
from editor.ui.background import run_in_background
from editor.ui.dialogs import Answer
from editor.ui.settings import POSTS, SITES

if TYPE_CHECKING:
    from editor.ui.main_window import MainWindow

log = logging.getLogger(__name__)
MARKDOWN_FILTER = "Markdown (*.md *.markdown *.mdown *.mkd);;All files (*)"


READ_IN_BACKGROUND = 2_000_000  # bytes: a longer post is read off the GUI thread
# ...and at start-up (the window not shown yet) from this size: the window shows at once, the
# post's text a moment later, instead of after ~0.1 s per MB of reading and laying out
READ_IN_BACKGROUND_AT_START = 256_000


def _load(path: Path) -> Post | PostError:
    try:
        return Post.load(path)
    except PostError as exc:
        return exc


class Files(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.opening: Path | None = None  # a long post being read on a worker thread
        self._asked = 0  # which open_post call is the latest: only its post is shown

    # ---- opening ------------------------------------------------------------------------------

    def open_path(self, path: Path) -> None:
        """A site folder, or a post (with its site, when it is in one)."""
        w = self.w
        if path.is_dir():
            w.site.open(path)
            return
        root = site.find_root(path.parent)
        if root and root != w.site.root:  # a post of the open site: no new listing
            w.site.open(root, select=path)
        if w.document.post is None or w.document.post.path != path:
            self.open_post(path)

    def open_post(self, path: Path, then: Callable[[], None] | None = None) -> None:
        """Open a post: read here, or (a long file: tens of ms per megabyte) on a worker thread
        while the window goes on; the post shows when it has been read, and `then()` runs."""
        try:
            size = path.stat().st_size
        except OSError:
            size = 0
        self._asked += 1
        asked = self._asked
        if size <= (READ_IN_BACKGROUND if self.w.isVisible() else READ_IN_BACKGROUND_AT_START):
            self.opening = None
            self._opened(path, _load(path), asked, then)
            return
        self.w.statusBar().showMessage(f"Opening {path.name} ({size / 1e6:.1f} MB)…")
        self.opening = path
        self.show_start_page()  # the editor's page, empty until the post is read
        run_in_background(
            lambda: _load(path), lambda post: self._opened(path, post, asked, then), self.w, "open-post"
        )

    def _opened(
        self,
        path: Path,
        post: Post | PostError | Exception,
        asked: int,
        then: Callable[[], None] | None = None,
    ) -> None:
        w = self.w
        if asked != self._asked:
            return  # another post was asked for meanwhile
        if self.opening is not None:
            w.statusBar().clearMessage()  # "Opening…"
        self.opening = None
        if isinstance(post, Exception):
            log.warning("could not open %s: %s", path, post)
            w.prompter.warn(str(post))
            return
        w.document.show_loaded(post)
        log.info("post opened: %s", path)
        w.remembered.remember(POSTS, path)
        self.save_session()
        if then is not None:
            then()

    def choose_file(self) -> None:
        start = str(self.w.site.root or Path.home())
        name, _ = QFileDialog.getOpenFileName(self.w, "Open post", start, MARKDOWN_FILTER)
        if name and self.maybe_save():
            self.open_path(Path(name))

    def choose_site(self) -> None:
        name = QFileDialog.getExistingDirectory(
            self.w, "Open a Hugo site", str(self.w.site.root or Path.home())
        )
        if name and self.maybe_save():
            self.w.site.open(Path(name))

    def open_sample_site(self) -> None:
        """The author's own copy of the sample site (made in the data folder the first time)."""
        if not self.maybe_save():
            return
        try:
            root = places.sample_site()
        except OSError as exc:
            log.warning("could not copy the sample site", exc_info=True)
            self.w.prompter.warn(f"The sample site could not be copied: {exc}")
            return
        self.w.site.open(root)

    def open_recent(self, name: str) -> None:
        path = Path(name)
        if not path.exists():
            self.w.prompter.warn(f"{name} is no longer there.")
            self.w.remembered.forget(name)
            self.show_start_page()
            return
        if self.maybe_save():
            self.open_path(path)

    # ---- what is open, between launches ------------------------------------------------------

    def reopen_last(self) -> None:
        """What the author had open when the app last closed (site and post); else the start page."""
        site_root, post = self.w.remembered.last_open()
        if site_root is not None:
            self.w.site.open(site_root, select=post)
            if post is None:
                self.w.site.open_newest = False  # the author had closed the post: keep it closed
        elif post is not None:
            self.open_path(post)
        self.show_start_page()

    def save_session(self) -> None:
        post = self.w.document.post
        self.w.remembered.save_open(self.w.site.root, post.path if post else None)

    def show_start_page(self) -> None:
        """The start page when nothing is open, the editor otherwise."""
        empty = self.w.document.post is None and self.w.site.root is None and self.opening is None
        if empty:
            self.w.start_page.set_recent(self.w.remembered.recent(SITES), self.w.remembered.recent(POSTS))
        self.w.pages.setCurrentWidget(self.w.start_page if empty else self.w.splitter)

    def open_at(self, path: Path, line: int) -> None:
        """Open a file at a line of the file (as Hugo counts them, front matter included)."""
        post = self.w.document.post
        if post is None or post.path != path:
            if self.maybe_save():
                self.open_post(path, then=lambda: self._go_to(path, line))  # a long post: once read
            return
        self._go_to(path, line)

    def _go_to(self, path: Path, line: int) -> None:
        post = self.w.document.post
        if post is None or post.path != path:
            return
        if line - 1 < post.body_line:
            self.w.statusBar().showMessage(f"Line {line} of {path.name} is in the front matter", 8000)
        else:
            self.w.editor.move_cursor_to_line(line - 1 - post.body_line)
            self.w.editor.setFocus()

    def open_chosen(self, path: Path) -> None:
        """A post chosen in the list (a narrow window's drawer then gets out of the way)."""
        post = self.w.document.post
        if (post is None or post.path != path) and self.maybe_save():
            self.open_post(path)
        self.w.arrangement.close_drawer()

    # ---- new, save, revert, close -------------------------------------------------------------

    def new_post(self) -> None:
        """From the site's archetype when a site is open, else an untitled post."""
        if self.w.site.root is not None:
            self.w.site.new_post()
        else:
            self.new_untitled()

    def new_untitled(self) -> None:
        w = self.w
        if not self.maybe_save():
            return
        fmt = w.document.post.format if w.document.post and w.document.post.format else "toml"
        now = dt.datetime.now(w.site.tz).replace(microsecond=0).isoformat()
        w.document.new(Post.new(fmt, {"title": "", "date": now, "draft": True}))
        w.form.title.setFocus()

    def save(self) -> bool:
        post = self.w.document.post
        if post is None:
            return True
        if post.path is None:
            return self.save_as()
        return self._save_to(None)

    def save_as(self) -> bool:
        w = self.w
        post = w.document.post
        if post is None:
            return True
        if post.path is not None:
            start = post.path
        else:
            folder = w.site.root / "content" / "posts" if w.site.root else Path.home()
            start = folder / f"{post.get('slug') or 'untitled'}.md"
        name, _ = QFileDialog.getSaveFileName(w, "Save post as", str(start), "Markdown (*.md)")
        if not name:
            return False
        return self._save_to(Path(name))

    def _save_to(self, path: Path | None) -> bool:
        w = self.w
        w.body.flush()
        assert w.document.post is not None
        before = w.document.post.path
        target = path or before
        exists = target is not None and target.is_file()
        newer = target == before and exists and w.document.changed_on_disk()
        if newer and target is not None and not w.prompter.overwrite_newer(target.name):
            return False
        concerns = save_concerns(target) if target is not None and exists else []
        if concerns and target is not None and not w.prompter.save_anyway(target.name, concerns):
            return False
        # what the author agreed to replace: the file as last read or written, or as it was when
        # they answered; a write landing after that is never overwritten
        expect = None
        if exists and target is not None:
            seen = w.document.disk_fingerprint if target == before and not newer else None
            expect = seen or read_fingerprint(target)
        try:
            w.document.save(path, expect=expect)
        except (PostError, SaveError) as exc:
            log.warning("save of %s failed", target or "a new post", exc_info=True)
            kept = w.keeper.write()
            safe = (
                "Your text is safe: it is still here, and a recovery copy is kept until it is saved."
                if kept
                else "Your text is still here, but a recovery copy could not be written either: "
                "save it somewhere else (Save As) before you close the window."
            )
            w.prompter.fail(f"{exc}\n\n{safe}")
            return False
        w.keeper.drop(before)
        saved = w.document.post.path
        assert saved is not None
        w.disk.watch(saved)
        with contextlib.suppress(OSError):
            log.info("saved %s (%d bytes)", saved, saved.stat().st_size)
        w.remembered.remember(POSTS, saved)
        self.save_session()
        w.show_branch()
        w.update_title()
        w.update_actions()
        w.statusBar().showMessage(f"Saved {saved}", 4000)
        if w.theme.process is not None and w.preview_tabs.currentWidget() is w.theme:
            w.site.theme_follow()  # the slug may have changed its URL; Hugo's rebuild reloads it
        return True

    def revert(self) -> None:
        w = self.w
        w.body.flush()
        if w.document.post is None or w.document.post.path is None:
            return
        if w.document.dirty:
            if not w.prompter.discard_changes():
                return
            w.keeper.drop(w.document.post.path)
        try:
            w.document.revert()
        except PostError as exc:
            w.prompter.warn(str(exc))

    def close_post(self) -> None:
        if self.maybe_save():
            self.w.document.close()
            self.save_session()

    def maybe_save(self) -> bool:
        """Ask about unsaved edits; False when the author cancels."""
        w = self.w
        w.body.flush()
        if not w.document.dirty:
            return True
        post = w.document.post
        answer = w.prompter.save_changes(post.path.name if post and post.path else "this new post")
        if answer == Answer.SAVE:
            return self.save()
        if answer == Answer.DISCARD:
            w.keeper.drop(post.path if post else None)
            return True
        return False

    # ---- recovery copies after a crash --------------------------------------------------------

    def offer_recovery(self) -> None:
        """Each recovery copy holding text its file does not, offered to the author (restore, see
        the differences, discard, or decide later). Nothing goes without a word."""
        for copy in self.w.keeper.pending():
            answer = self.w.prompter.recovered_copy(copy)
            if answer == Answer.RESTORE:
                if not self.maybe_save():
                    return
                self.restore(copy)
            elif answer == Answer.DISCARD:
                self.w.keeper.discard(copy)

    def restore(self, copy: Copy) -> None:
        """Open the recovered text as unsaved edits of its post (saving writes it)."""
        w = self.w
        post = Post.from_text(copy.text, copy.source)
        if copy.source is not None and copy.source.parent.is_dir():
            root = site.find_root(copy.source.parent)
            if root and root != w.site.root:
                w.site.open(root)
        w.document.restore(post)
        w.keeper.discard(copy)
        w.keeper.write()  # the restored edits are kept again under this window's name
        w.statusBar().showMessage("Recovered unsaved edits: save to keep them", 8000)

    # ---- the file changed on disk -------------------------------------------------------------

    def check_disk(self) -> None:
        """The open file changed on disk (another editor, git, a sync tool), or went away."""
        w = self.w
        post = w.document.post
        if post is None or post.path is None:
            return
        w.disk.follow(post.path)
        if not w.document.changed_on_disk():
            return
        name = post.path.name
        try:
            theirs_post = Post.load(post.path)
        except PostError:
            if post.path.is_dir():
                w.document.mark_unsaved()  # the text exists only here now
                w.statusBar().showMessage(
                    f"{name} was replaced by a folder; use Save As to keep your text", 0
                )
            elif not post.path.exists():
                w.document.mark_unsaved()  # closing will ask: the text exists only here now
                w.statusBar().showMessage(f"{name} was deleted or moved; save to write it again", 10000)
            return
        w.body.flush()
        if not w.document.dirty:
            self._reload_in_place(post.path)
            w.statusBar().showMessage(f"Reloaded {name}: it changed on disk", 6000)
            return
        theirs = theirs_post.text
        merged = merge(w.document.base_text, post.text, theirs)
        answer = w.prompter.changed_on_disk(name, post.text, theirs, merged is not None)
        if answer == Answer.THEIRS:
            self._reload_in_place(post.path)
        elif answer == Answer.MERGE and merged is not None:
            self._show_text(Post.from_text(merged, post.path), base=theirs)
        else:  # keep mine: what is on disk now has been seen; saving will overwrite it
            w.document.disk_fingerprint = read_fingerprint(post.path)
            w.document.base_text = theirs

    def _reload_in_place(self, path: Path) -> None:
        editor = self.w.editor
        cursor, scroll = editor.textCursor().position(), editor.verticalScrollBar().value()
        self.w.document.open(path)
        self.w.keeper.drop(path)
        c = editor.textCursor()
        c.setPosition(min(cursor, len(editor.toPlainText())))
        editor.setTextCursor(c)
        editor.verticalScrollBar().setValue(scroll)

    def _show_text(self, post: Post, base: str) -> None:
        editor = self.w.editor
        cursor = editor.textCursor().position()
        self.w.document.restore(post)
        c = editor.textCursor()
        c.setPosition(min(cursor, len(editor.toPlainText())))
        editor.setTextCursor(c)
        self.w.document.base_text = base
