"""The open site: its listing in the Posts dock, tag completion from its terms, New Post from its
archetypes, Check Site, the theme preview's page and images copied into it."""

from __future__ import annotations

import datetime as dt
import itertools
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from editor.core import site
from editor.core.files.storage import SaveError
from editor.core.site import MARKDOWN_SUFFIXES as MD
from editor.core.site import images, refs, shortcode_defs
from editor.core.site.hugo import NewPost
from editor.ui.background import run_in_background
from editor.ui.settings import SITES
from editor.ui.site_tools import NewPostDialog

if TYPE_CHECKING:
    from editor.ui.main_window import MainWindow

log = logging.getLogger(__name__)


class SiteSession(QObject):
    changed = Signal()  # a site was opened or closed

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.root: Path | None = None
        self.tz: dt.tzinfo = dt.UTC
        self.open_newest = False  # open the site's newest post once it is listed
        self.shortcodes: dict[str, shortcode_defs.ShortcodeDef] = dict(shortcode_defs.BUILTINS)
        self.link_habit = "ref"  # how the site's posts link to each other (refs.habit)
        self._habit_of: Path | None = None  # the site it was read from
        self._targets: tuple[object, list[str]] = (None, [])  # ref_targets, made again per listing
        window.editor.shortcode_names = lambda: list(self.shortcodes)
        window.editor.ref_targets = self.ref_targets

    def open(self, root: Path, select: Path | None = None) -> None:
        """List the site's posts (on a worker thread) and open `select`, or else its newest post
        once the list is in."""
        w = self.w
        root = root.resolve()
        try:
            config = site.load_config(root)
        except site.ConfigError as exc:
            log.warning("site %s: %s", root, exc)
            w.prompter.warn(f"The site's configuration cannot be read:\n{exc}")
            return
        log.info("site opened: %s", root)
        w.remembered.remember(SITES, root)
        if self.root is not None and self.root != root:
            w.theme.stop()
        self.root = root
        self.tz = site.time_zone(config)
        from editor.core.site.listing import cache_folder  # with the site's list, not at every start

        w.browser.open(root, cache_folder())
        self.refresh_shortcodes()
        self.open_newest = select is None and w.document.post is None
        w.posts_panel.setWindowTitle(f"Posts — {root.name}")
        if not w.posts_panel.isVisible():
            w.posts_panel.show()
        if select is not None and (w.document.post is None or w.document.post.path != select):
            w.files.open_post(select)
        self.changed.emit()

    def listed(self) -> None:
        w = self.w
        index = w.browser.index
        if index is None:
            return
        self._learn_link_habit(index.root)
        self._targets = (None, [])  # the pages changed: ref completion lists them again
        terms = index.terms()
        w.form.tags.set_completions([t for t, _n in terms.get("tags", [])])
        w.form.categories.set_completions([t for t, _n in terms.get("categories", [])])
        if self.open_newest:
            self.open_newest = False
            first = next((i for i in w.browser.model.rows if i.kind != "section" and not i.error), None)
            if first is not None and w.document.post is None:
                w.files.open_post(index.root / first.path)

    def _learn_link_habit(self, root: Path) -> None:
        """How the site's posts link to each other (refs.habit), read once per site, off the GUI
        thread: Insert Link to Post writes links that way."""
        if self._habit_of == root:
            return
        self._habit_of, self.link_habit = root, "ref"

        def read_habit() -> str:
            posts = itertools.islice(site.posts_under([root], MD), 3000)  # enough to see a habit
            return refs.habit(p.read_text(encoding="utf-8", errors="replace") for p in posts)

        def got_habit(habit: object) -> None:
            if isinstance(habit, str) and self.root == root:
                self.link_habit = habit

        run_in_background(read_habit, got_habit, self, "link-habit")

    def ref_targets(self) -> list[str]:
        """The site's pages as `ref` takes them: their paths from their language's content
        folder (made once per listing: completion asks on every key)."""
        index = self.w.browser.index
        if index is None:
            return []
        if self._targets[0] is not index:
            root = index.root
            prefixes = sorted(
                (
                    f.resolve().relative_to(root).as_posix() + "/"
                    for f in index.layout.content.values()
                    if f.resolve().is_relative_to(root)
                ),
                key=len,
                reverse=True,
            )
            out = []
            for rel, info in index.posts.items():
                if info.kind != "adapter":
                    prefix = next((p for p in prefixes if rel.startswith(p)), "")
                    out.append(rel[len(prefix) :])
            self._targets = (index, sorted(out))
        return self._targets[1]

    def refresh_shortcodes(self) -> None:
        """Which shortcodes the site has (read off the GUI thread); the editor marks the others."""
        root = self.root
        if root is None:
            return

        def found(result: object) -> None:
            if isinstance(result, dict) and self.root == root:
                self.shortcodes = result
                self.w.editor.highlighter.known_shortcodes = set(result)
                self.w.editor.highlighter.rehighlight()

        run_in_background(
            lambda: shortcode_defs.for_site(root, site.load_config(root)), found, self, "shortcodes"
        )

    def close(self) -> None:
        """Forget the site (the caller has asked about unsaved edits)."""
        w = self.w
        w.theme.stop()
        if w.posts_panel.made:
            w.browser.close_site()
        self.root = None
        self.shortcodes = dict(shortcode_defs.BUILTINS)
        w.editor.highlighter.known_shortcodes = None
        w.editor.highlighter.rehighlight()
        w.posts_panel.setWindowTitle("Posts")
        w.posts_panel.hide()
        self.changed.emit()

    def posts(self) -> list[Path] | None:
        """The open site's posts (None without a site)."""
        return list(site.posts_under([self.root])) if self.root is not None else None

    def new_post(self) -> None:
        w = self.w
        if self.root is None or not w.files.maybe_save():
            return
        sections = sorted({p.section for p in w.browser.model.all if p.section})
        w.new_post_dialog = NewPostDialog(self.root, sections, w, w.preferences.get("default_section"))
        w.new_post_dialog.created.connect(self._created)
        w.new_post_dialog.open()

    def _created(self, made: NewPost) -> None:
        self.w.files.open_post(made.path)
        self.w.browser.rescan()
        note = f" — {made.note}" if made.note else ""
        self.w.statusBar().showMessage(f"Made {made.path.name} ({made.made_by}){note}", 8000)

    def check(self) -> None:
        w = self.w
        if self.root is None:
            return
        w.problems_panel.show()
        w.problems.check(self.root)

    def theme_follow(self) -> None:
        """Show the open post in the theme tab (starting `hugo server` the first time)."""
        w = self.w
        post = w.document.post
        if self.root is None:
            w.theme.state.setText("Open a site to see its posts in its theme.")
            return
        url = "/"
        if post is not None and post.path is not None:
            try:
                url = site.page_url(self.root, site.load_config(self.root), post.path, post.metadata)
            except (ValueError, site.ConfigError):
                url = "/"
        if w.theme.process is None or w.theme.root != self.root:
            w.theme.start(self.root, url)
        elif url != w.theme.url_path:
            w.theme.show_page(url)

    def place_image(self, name: str, data: bytes) -> str | None:
        """Copy a pasted or dropped image beside the post; the Markdown that shows it."""
        placed = self.copy_image(name, data)
        return placed[1] if placed is not None else None

    def copy_image(self, name: str, data: bytes) -> tuple[Path, str] | None:
        """Copy an image beside the post (or into static/images); (its path, the Markdown)."""
        w = self.w
        post = w.document.post
        if post is None or post.path is None:
            w.statusBar().showMessage("Save the post first: its images go beside it", 6000)
            return None
        try:
            path, markdown = images.place(post.path, self.root, name, data)
        except (OSError, ValueError, SaveError) as exc:
            log.warning("image %s not copied", name, exc_info=True)
            w.prompter.warn(f"The image could not be copied: {exc}")
            return None
        w.statusBar().showMessage(f"Copied the image to {path}", 6000)
        return path, markdown
