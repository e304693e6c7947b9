"""The author's preferences, declared once: key, kind, default, label and help. The table drives
the Preferences dialog and is what reads a stored value back (a value that does not fit its kind
falls back to the default, with no error). Stored apart from the window's state."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PREFIX = "preferences/"  # where the values live in the settings, apart from window state


@dataclass(frozen=True)
class Option:
    key: str
    label: str
    kind: str  # "bool", "int", "choice", "text", "file" or "font" (a family name; "" the default)
    default: Any
    help: str
    choices: tuple[tuple[str, str], ...] = ()  # (value, label) for a choice
    low: int = 0
    high: int = 0
    fixed_pitch: bool = False  # a font: only fixed-width families are offered

    def read(self, raw: object) -> Any:
        """A stored value as this option's kind, or the default when it is none of it."""
        if raw is None:
            return self.default
        text = str(raw).strip()
        if self.kind == "bool":
            return {"true": True, "false": False}.get(text.lower(), self.default)
        if self.kind == "int":
            try:
                value = int(text)
            except ValueError:
                return self.default
            return value if self.low <= value <= self.high else self.default
        if self.kind == "choice":
            return text if text in {value for value, _label in self.choices} else self.default
        if self.kind == "font":  # a family name, nothing that could end a CSS string or rule
            return "".join(c for c in text if c.isprintable() and c not in '"\\;{}<>')
        return text


OPTIONS: tuple[Option, ...] = (
    Option(
        "theme",
        "Theme",
        "choice",
        "system",
        "The window's colours; the preview follows.",
        (("system", "As the system"), ("light", "Light"), ("dark", "Dark")),
    ),
    Option(
        "editor_font",
        "Editor font",
        "font",
        "",
        "The Markdown pane's font; empty: the system's fixed-width font.",
        fixed_pitch=True,
    ),
    Option(
        "editor_font_size",
        "Editor font size",
        "int",
        0,
        "Points, before zoom; 0: the system's fixed-width size.",
        low=0,
        high=32,
    ),
    Option(
        "focus_column",
        "Focus mode line width",
        "int",
        72,
        "Characters a line holds in focus mode (View → Focus Mode).",
        low=40,
        high=140,
    ),
    Option(
        "preview_font",
        "Preview font",
        "font",
        "",
        "The preview's text font (headings keep theirs); empty: a serif book face.",
    ),
    Option(
        "preview_font_size",
        "Preview text size",
        "int",
        17,
        "Pixels, before zoom.",
        low=10,
        high=32,
    ),
    Option(
        "preview_width",
        "Preview line width",
        "int",
        78,
        "Characters a line of the preview holds at most (a narrow preview wraps sooner).",
        low=30,
        high=200,
    ),
    Option(
        "spell_check",
        "Check spelling",
        "bool",
        True,
        "Underline misspelled words in what a reader reads (not code, URLs or shortcodes). F8: the next one.",
    ),
    Option(
        "spell_language",
        "Spelling language",
        "text",
        "",
        "A dictionary such as en_US or de_DE; empty: the post's language, the site's, else en_US.",
    ),
    Option(
        "spell_skip_caps",
        "Leave words in CAPITALS alone",
        "bool",
        True,
        "NASA, HTML: not looked up.",
    ),
    Option(
        "spell_skip_digits",
        "Leave words with digits alone",
        "bool",
        True,
        "mp3, h264: not looked up.",
    ),
    Option(
        "spell_skip_camel",
        "Leave CamelCase words alone",
        "bool",
        True,
        "JavaScript, iPhone: not looked up.",
    ),
    Option(
        "preview_follows",
        "While you type, the preview shows",
        "choice",
        "cursor",
        "The block you are typing in, or the editor's top line (scrolling always syncs by line).",
        (("cursor", "The block you type in"), ("top", "The editor's top line")),
    ),
    Option(
        "indent",
        "Tab key inserts",
        "choice",
        "spaces4",
        "What Tab puts in the Markdown pane (lists nest by it).",
        (("tab", "A tab"), ("spaces2", "2 spaces"), ("spaces4", "4 spaces")),
    ),
    Option(
        "recovery_seconds",
        "Recovery copy after",
        "int",
        2,
        "Seconds of pause in typing before unsaved edits are copied for after a crash.",
        low=1,
        high=60,
    ),
    Option(
        "default_section",
        "New posts go in",
        "text",
        "posts",
        "The section New Post starts with (when the site has it).",
    ),
    Option(
        "hugo_binary",
        "Hugo binary",
        "file",
        "",
        "Empty: the Hugo that comes with the app (or the one on PATH).",
    ),
)

BY_KEY = {option.key: option for option in OPTIONS}
