"""The Markdown pane: a plain-text editor with Markdown and Hugo-shortcode highlighting."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument


def _fmt(color: str, bold: bool = False, italic: bool = False, mono: bool = False) -> QTextCharFormat:
    f = QTextCharFormat()
    f.setForeground(QColor(color))
    if bold:
        f.setFontWeight(QFont.Weight.Bold)
    f.setFontItalic(italic)
    if mono:
        f.setFontFamilies(["monospace"])
    return f


# (pattern, format) applied in order; later rules paint over earlier ones
_RULES = [
    (re.compile(r"^\s{0,3}#{1,6}\s.*$"), _fmt("#2463a6", bold=True)),
    (re.compile(r"^\s*([*+-]|\d+[.)])\s"), _fmt("#b35c00", bold=True)),
    (re.compile(r"^\s{0,3}>.*$"), _fmt("#6a737d", italic=True)),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), _fmt("#000000", bold=True)),
    (re.compile(r"(?<![*_])([*_])(?![*_\s])(.+?)(?<![*_\s])\1(?![*_])"), _fmt("#444444", italic=True)),
    (re.compile(r"!?\[[^\]]*\]\([^)]*\)"), _fmt("#1a7f37")),
    (re.compile(r"`[^`]+`"), _fmt("#a3333d", mono=True)),
    (re.compile(r"\{\{[<%].*?[>%]\}\}"), _fmt("#8250df", bold=True)),
]
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_CODE = _fmt("#a3333d", mono=True)
IN_FENCE = 1


class MarkdownHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)

    def highlightBlock(self, text: str) -> None:  # Qt override, hence camelCase
        in_fence = self.previousBlockState() == IN_FENCE
        if _FENCE.match(text):
            self.setFormat(0, len(text), _CODE)
            self.setCurrentBlockState(0 if in_fence else IN_FENCE)
            return
        if in_fence:
            self.setFormat(0, len(text), _CODE)
            self.setCurrentBlockState(IN_FENCE)
            return
        self.setCurrentBlockState(0)
        for rx, fmt in _RULES:
            for m in rx.finditer(text):
                self.setFormat(m.start(), m.end() - m.start(), fmt)
