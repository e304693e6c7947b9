"""Every menu and toolbar command in one table: id, text, shortcut, icon, handler, menu."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QKeySequence

Key = QKeySequence.StandardKey


@dataclass(frozen=True)
class Spec:
    id: str
    text: str
    menu: str
    handler: str  # a MainWindow method name
    shortcut: Key | str | None = None
    icon: str | None = None
    toolbar: bool = False


SPECS: tuple[Spec, ...] = (
    Spec("new", "&New Post…", "&File", "new_post", Key.New, "document-new", True),
    Spec("open", "&Open…", "&File", "choose_file", Key.Open, "document-open", True),
    Spec("open_site", "Open &Site…", "&File", "choose_site", "Ctrl+Shift+O"),
    Spec("save", "&Save", "&File", "save", Key.Save, "document-save", True),
    Spec("save_as", "Save &As…", "&File", "save_as", Key.SaveAs),
    Spec("revert", "&Revert to Saved", "&File", "revert"),
    Spec("close", "&Close Post", "&File", "close_post", Key.Close),
    Spec("quit", "&Quit", "&File", "close", Key.Quit),
    Spec("undo", "&Undo", "&Edit", "undo", Key.Undo, "edit-undo", True),
    Spec("redo", "&Redo", "&Edit", "redo", Key.Redo, "edit-redo", True),
    Spec("find", "&Find…", "&Edit", "open_find", Key.Find, "edit-find", True),
    Spec("replace", "Find and R&eplace…", "&Edit", "open_replace", Key.Replace),
    Spec("find_next", "Find &Next", "&Edit", "find_next", Key.FindNext),
    Spec("find_previous", "Find Pre&vious", "&Edit", "find_previous", Key.FindPrevious),
    Spec("bold", "&Bold", "F&ormat", "bold", Key.Bold, "format-text-bold", True),
    Spec("italic", "&Italic", "F&ormat", "italic", Key.Italic, "format-text-italic", True),
    Spec("link", "&Link", "F&ormat", "link", "Ctrl+K", "insert-link", True),
    Spec("heading1", "Heading &1", "F&ormat", "heading1", "Ctrl+1", "format-text-heading", True),
    Spec("heading2", "Heading &2", "F&ormat", "heading2", "Ctrl+2"),
    Spec("heading3", "Heading &3", "F&ormat", "heading3", "Ctrl+3"),
    Spec("paragraph", "&Paragraph", "F&ormat", "paragraph", "Ctrl+0"),
    Spec("new_site_post", "&New Post from Archetype…", "&Site", "new_site_post", "Ctrl+Shift+N"),
    Spec("theme_preview", "Preview in the Site's &Theme", "&Site", "show_theme_preview", "Ctrl+Shift+T"),
    Spec("check_site", "&Check Site", "&Site", "check_site", "F7"),
    Spec("close_site", "Close Si&te", "&Site", "close_site"),
)
