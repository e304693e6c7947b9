"""Every menu and toolbar command in one table: id, text, menu, what it does, shortcut, icon, and
when it is enabled. The window builds its menus and toolbar from it and re-reads `enabled_when`
whenever the open post, the site or the undo stack changes: no list of actions is kept by hand."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence

if TYPE_CHECKING:
    from editor.ui.main_window import MainWindow

Key = QKeySequence.StandardKey
Handler = Callable[["MainWindow"], object]
Condition = Callable[["MainWindow"], bool]


def always(_w: MainWindow) -> bool:
    return True


def has_post(w: MainWindow) -> bool:
    return w.document.post is not None


def has_saved_post(w: MainWindow) -> bool:
    return w.document.post is not None and w.document.post.path is not None


def has_site(w: MainWindow) -> bool:
    return w.site.root is not None


def can_undo(w: MainWindow) -> bool:
    return has_post(w) and w.editor.document().isUndoAvailable()


def can_redo(w: MainWindow) -> bool:
    return has_post(w) and w.editor.document().isRedoAvailable()


@dataclass(frozen=True)
class Spec:
    id: str
    text: str
    menu: str
    handler: Handler
    shortcut: Key | str | None = None
    icon: str | None = None
    toolbar: bool = False
    enabled_when: Condition = always


def _find_next(w: MainWindow) -> None:
    if not w.find_bar.needle.text():
        w.find_bar.open_bar()
    else:
        w.find_bar.find_next()


SPECS: tuple[Spec, ...] = (
    Spec("new", "&New Post…", "&File", lambda w: w.files.new_post(), Key.New, "document-new", True),
    Spec("open", "&Open…", "&File", lambda w: w.files.choose_file(), Key.Open, "document-open", True),
    Spec("open_site", "Open &Site…", "&File", lambda w: w.files.choose_site(), "Ctrl+Shift+O"),
    Spec("save", "&Save", "&File", lambda w: w.save(), Key.Save, "document-save", True, has_post),
    Spec("save_as", "Save &As…", "&File", lambda w: w.files.save_as(), Key.SaveAs, enabled_when=has_post),
    Spec("revert", "&Revert to Saved", "&File", lambda w: w.files.revert(), enabled_when=has_saved_post),
    Spec("close", "&Close Post", "&File", lambda w: w.close_post(), Key.Close, enabled_when=has_post),
    Spec("quit", "&Quit", "&File", lambda w: w.close(), Key.Quit),
    Spec("undo", "&Undo", "&Edit", lambda w: w.editor.undo(), Key.Undo, "edit-undo", True, can_undo),
    Spec("preferences", "&Preferences…", "&Edit", lambda w: w.edit_preferences(), "Ctrl+,"),
    Spec("redo", "&Redo", "&Edit", lambda w: w.editor.redo(), Key.Redo, "edit-redo", True, can_redo),
    Spec("find", "&Find…", "&Edit", lambda w: w.find_bar.open_bar(), Key.Find, "edit-find", True),
    Spec(
        "replace", "Find and R&eplace…", "&Edit", lambda w: w.find_bar.open_bar(replacing=True), Key.Replace
    ),
    Spec("find_next", "Find &Next", "&Edit", _find_next, Key.FindNext),
    Spec("find_previous", "Find Pre&vious", "&Edit", lambda w: w.find_bar.find_previous(), Key.FindPrevious),
    Spec(
        "next_misspelling",
        "Next &Misspelling",
        "&Edit",
        lambda w: w.next_misspelling(),
        "F8",
        enabled_when=has_post,
    ),
    Spec(
        "bold",
        "&Bold",
        "F&ormat",
        lambda w: w.editor.toggle_wrap("**"),
        Key.Bold,
        "format-text-bold",
        True,
        has_post,
    ),
    Spec(
        "italic",
        "&Italic",
        "F&ormat",
        lambda w: w.editor.toggle_wrap("*"),
        Key.Italic,
        "format-text-italic",
        True,
        has_post,
    ),
    Spec(
        "link", "&Link", "F&ormat", lambda w: w.editor.insert_link(), "Ctrl+K", "insert-link", True, has_post
    ),
    Spec(
        "heading1",
        "Heading &1",
        "F&ormat",
        lambda w: w.editor.set_heading(1),
        "Ctrl+1",
        "format-text-heading",
        True,
        has_post,
    ),
    Spec(
        "heading2",
        "Heading &2",
        "F&ormat",
        lambda w: w.editor.set_heading(2),
        "Ctrl+2",
        enabled_when=has_post,
    ),
    Spec(
        "heading3",
        "Heading &3",
        "F&ormat",
        lambda w: w.editor.set_heading(3),
        "Ctrl+3",
        enabled_when=has_post,
    ),
    Spec(
        "paragraph",
        "&Paragraph",
        "F&ormat",
        lambda w: w.editor.set_heading(0),
        "Ctrl+Alt+0",  # Ctrl+0 is Actual Size (zoom), as in browsers
        enabled_when=has_post,
    ),
    Spec(
        "bullets",
        "&Bulleted List",
        "F&ormat",
        lambda w: w.editor.toggle_list("bullet"),
        "Ctrl+Shift+8",
        enabled_when=has_post,
    ),
    Spec(
        "numbers",
        "N&umbered List",
        "F&ormat",
        lambda w: w.editor.toggle_list("number"),
        "Ctrl+Shift+7",
        enabled_when=has_post,
    ),
    Spec(
        "tasks",
        "T&ask List",
        "F&ormat",
        lambda w: w.editor.toggle_list("task"),
        "Ctrl+Shift+9",
        enabled_when=has_post,
    ),
    Spec(
        "quote",
        "Block &Quote",
        "F&ormat",
        lambda w: w.editor.toggle_quote(),
        "Ctrl+Shift+.",
        enabled_when=has_post,
    ),
    Spec(
        "code_span",
        "&Code Span",
        "F&ormat",
        lambda w: w.editor.toggle_wrap("`"),
        "Ctrl+`",
        enabled_when=has_post,
    ),
    Spec(
        "code_block",
        "Code Bl&ock…",
        "F&ormat",
        lambda w: w.insert_code_block(),
        "Ctrl+Alt+C",
        enabled_when=has_post,
    ),
    Spec(
        "insert_image",
        "Insert &Image…",
        "F&ormat",
        lambda w: w.insert_image(),
        "Ctrl+Alt+I",
        enabled_when=has_saved_post,
    ),
    Spec(
        "insert_link_to_post",
        "Insert Link to &Post…",
        "F&ormat",
        lambda w: w.insert_link_to_post(),
        "Ctrl+Alt+L",
        enabled_when=lambda w: has_post(w) and has_site(w),
    ),
    Spec(
        "insert_shortcode",
        "Insert S&hortcode…",
        "F&ormat",
        lambda w: w.insert_shortcode(),
        "Ctrl+Alt+S",
        enabled_when=has_post,
    ),
    Spec(
        "strike",
        "&Strikethrough",
        "F&ormat",
        lambda w: w.editor.toggle_wrap("~~"),
        "Ctrl+Shift+X",
        enabled_when=has_post,
    ),
    Spec("rule", "Horizontal &Rule", "F&ormat", lambda w: w.editor.insert_rule(), enabled_when=has_post),
    Spec(
        "footnote",
        "&Footnote",
        "F&ormat",
        lambda w: w.editor.insert_footnote(),
        "Ctrl+Alt+F",
        enabled_when=has_post,
    ),
    Spec("table", "&Table…", "F&ormat", lambda w: w.insert_table(), enabled_when=has_post),
    Spec(
        "format_table",
        "Format Ta&ble",
        "F&ormat",
        lambda w: w.format_table(),
        "Ctrl+Alt+T",
        enabled_when=has_post,
    ),
    Spec(
        "publish",
        "&Publish (git)…",
        "&Site",
        lambda w: w.publish(),
        "Ctrl+Alt+P",
        enabled_when=lambda w: has_site(w) or has_saved_post(w),
    ),
    Spec(
        "post_history",
        "Post &History (git)…",
        "&Site",
        lambda w: w.post_history(),
        enabled_when=has_saved_post,
    ),
    Spec(
        "theme_preview",
        "Preview in the Site's &Theme",
        "&Site",
        lambda w: w.show_theme_preview(),
        "Ctrl+Shift+T",
    ),
    Spec(
        "retag",
        "&Rename a Tag or Category…",
        "&Site",
        lambda w: w.retag(),
        enabled_when=has_site,
    ),
    Spec(
        "site_hugo",
        "&Hugo for This Site…",
        "&Site",
        lambda w: w.site_hugo(),
        enabled_when=has_site,
    ),
    Spec("check_site", "&Check Site", "&Site", lambda w: w.site.check(), "F7", enabled_when=has_site),
    Spec("close_site", "Close Si&te", "&Site", lambda w: w.close_site(), enabled_when=has_site),
)
