"""Markdown constructs as line edits, in the post's own style: lists (toggled on the selected
lines, continued on Enter, indented with Tab), block quotes, fenced code, tables (made and
aligned), footnotes and rules. Each function takes lines and gives lines; the Markdown pane
applies the difference as one undo step. No Qt here: the command line and tests use it as is."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

_ITEM = re.compile(r"^(?P<indent>\s*)(?P<marker>[*+-]|(?P<number>\d{1,9})(?P<delim>[.)]))(?P<space>\s+|$)")
_TASK = re.compile(r"^\[[ xX]\]\s")
_QUOTE = re.compile(r"^(\s{0,3})>\s?")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_FOOTNOTE_LABEL = re.compile(r"\[\^(\d+)\]")


@dataclass(frozen=True)
class Style:
    """How the post already writes things."""

    bullet: str = "*"
    fence: str = "```"


def style_of(lines: Sequence[str]) -> Style:
    """The bullet character and fence the post uses most (Hugo's own examples: `*`, backticks)."""
    bullets: Counter[str] = Counter()
    fences: Counter[str] = Counter()
    in_fence = ""
    for line in lines:
        fence = _FENCE.match(line)
        if fence:
            mark = fence.group(1)[:3]
            if not in_fence:
                in_fence = mark
                fences[mark] += 1
            elif mark == in_fence:
                in_fence = ""
            continue
        if in_fence:
            continue
        m = _ITEM.match(line)
        if m and not m.group("number"):
            bullets[m.group("marker")] += 1
    return Style(
        bullets.most_common(1)[0][0] if bullets else "*",
        fences.most_common(1)[0][0] if fences else "```",
    )


# ---- lists ----------------------------------------------------------------------------------


def _kind(line: str) -> str | None:
    m = _ITEM.match(line)
    if not m:
        return None
    rest = line[m.end() :]
    if _TASK.match(rest):
        return "task"
    return "number" if m.group("number") else "bullet"


def _strip_item(line: str) -> tuple[str, str]:
    """(indent, text) of a line without its list marker (and task box)."""
    m = _ITEM.match(line)
    if not m:
        stripped = line.lstrip()
        return line[: len(line) - len(stripped)], stripped
    rest = line[m.end() :]
    box = _TASK.match(rest)
    return m.group("indent"), rest[box.end() :] if box else rest


def toggle_list(lines: Sequence[str], kind: str, style: Style = Style()) -> list[str]:
    """Make the lines a bulleted, numbered or task list; when they all are one already, plain
    text again. Blank lines stay blank."""
    body = [line for line in lines if line.strip()]
    if body and all(_kind(line) == kind for line in body):
        return [_join(*_strip_item(line)) if line.strip() else line for line in lines]
    out, n = [], 0
    for line in lines:
        if not line.strip():
            out.append(line)
            continue
        indent, text = _strip_item(line)
        n += 1
        marker = {"bullet": style.bullet, "number": f"{n}.", "task": f"{style.bullet} [ ]"}[kind]
        out.append(f"{indent}{marker} {text}")
    return out


def _join(indent: str, text: str) -> str:
    return indent + text


def continue_list(line: str) -> str | None:
    """What Enter at the end of list item `line` starts the next line with; "" when the item is
    empty (Enter ends the list: the line is to be cleared); None when `line` is no list item."""
    m = _ITEM.match(line)
    if not m:
        return None
    rest = line[m.end() :]
    box = _TASK.match(rest)
    if not (rest[box.end() :] if box else rest).strip():
        return ""
    marker = m.group("marker")
    if m.group("number"):
        marker = f"{int(m.group('number')) + 1}{m.group('delim')}"
    space = m.group("space") if m.group("space") and "\n" not in m.group("space") else " "
    return f"{m.group('indent')}{marker}{space}{'[ ] ' if box else ''}"


def renumber(lines: Sequence[str], start: int) -> list[str]:
    """Renumber the numbered list that line `start` is in, from its first item, at that indent."""
    out = list(lines)
    m = _ITEM.match(out[start]) if 0 <= start < len(out) else None
    if not m or not m.group("number"):
        return out
    indent = m.group("indent")
    first = start
    while first > 0:
        p = _ITEM.match(out[first - 1])
        if p and p.group("number") and p.group("indent") == indent:
            first -= 1
        elif out[first - 1].startswith(indent + " ") and out[first - 1].strip():
            first -= 1  # a nested line of the item above
        else:
            break
    n = int(_ITEM.match(out[first]).group("number"))  # type: ignore[union-attr]
    i = first
    while i < len(out):
        p = _ITEM.match(out[i])
        if p and p.group("number") and p.group("indent") == indent:
            out[i] = f"{indent}{n}{p.group('delim')}{out[i][p.end('delim') :]}"
            n += 1
        elif not (out[i].startswith(indent + " ") and out[i].strip()):
            break
        i += 1
    return out


def indent_items(lines: Sequence[str], indent: str, outdent: bool = False) -> list[str] | None:
    """Tab / Shift+Tab on list items: each line in (or out) by `indent`; None when a line is no
    list item (Tab then does what it does elsewhere)."""
    if not lines or not all(_ITEM.match(line) for line in lines):
        return None
    if not outdent:
        return [indent + line for line in lines]
    out = []
    for line in lines:
        if line.startswith(indent):
            out.append(line[len(indent) :])
        elif line.startswith("\t"):
            out.append(line[1:])
        else:
            out.append(line.lstrip(" "))
    return out


# ---- quotes, rules, code --------------------------------------------------------------------


def toggle_quote(lines: Sequence[str]) -> list[str]:
    body = [line for line in lines if line.strip()]
    if body and all(_QUOTE.match(line) for line in body):
        return [_QUOTE.sub(r"\1", line, count=1) for line in lines]
    return ["> " + line if line.strip() else ">" for line in lines]


def code_block(lines: Sequence[str], language: str, style: Style = Style()) -> list[str]:
    """The lines inside a fenced code block (an empty one when there are none)."""
    fence = style.fence
    inner = list(lines) if lines and any(line.strip() for line in lines) else [""]
    longest = max((len(m.group(1)) for line in inner if (m := _FENCE.match(line))), default=0)
    if longest >= len(fence):  # a fence inside: the outer one is longer
        fence = fence[0] * (longest + 1)
    return [f"{fence}{language}", *inner, fence]


# ---- tables ---------------------------------------------------------------------------------


def width(text: str) -> int:
    """Columns `text` takes in a monospaced font: East Asian wide and full-width characters
    count two, combining marks none."""
    total = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


def new_table(rows: int, columns: int) -> list[str]:
    header = "| " + " | ".join(f"Column {c + 1}" for c in range(columns)) + " |"
    lines = [header, "|" + "|".join("---" for _ in range(columns)) + "|"]
    lines += ["| " + " | ".join("   " for _ in range(columns)) + " |" for _ in range(max(1, rows))]
    return format_table(lines) or lines


def _cells(line: str) -> list[str]:
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    cells, current, escaped = [], "", False
    for ch in text:
        if ch == "|" and not escaped:
            cells.append(current.strip())
            current = ""
        else:
            current += ch
        escaped = ch == "\\" and not escaped
    cells.append(current.strip())
    return cells


_DELIMITER = re.compile(r"^:?-+:?$")


def format_table(lines: Sequence[str]) -> list[str] | None:
    """The table aligned by its column widths (alignment colons kept); None when the lines are
    no table (a header row and a delimiter row at least)."""
    if len(lines) < 2 or "|" not in lines[0]:
        return None
    rows = [_cells(line) for line in lines]
    delimiter = rows[1]
    if not all(_DELIMITER.match(c) for c in delimiter):
        return None
    columns = max(len(r) for r in rows)
    rows = [r + [""] * (columns - len(r)) for r in rows]
    align = [
        ("center" if c.startswith(":") and c.endswith(":") else "right" if c.endswith(":") else "left")
        if c
        else "left"
        for c in rows[1]
    ]
    widths = [max(3, *(width(r[c]) for i, r in enumerate(rows) if i != 1)) for c in range(columns)]
    out = []
    for i, row in enumerate(rows):
        if i == 1:
            parts = []
            for c in range(columns):
                w = widths[c]
                left = ":" if align[c] == "center" or delimiter[c].startswith(":") else ""
                right = ":" if align[c] in ("center", "right") else ""
                parts.append(left + "-" * (w - len(left) - len(right)) + right)
        else:
            parts = [_pad(row[c], widths[c], align[c]) for c in range(columns)]
        out.append("| " + " | ".join(parts) + " |")
    indent = lines[0][: len(lines[0]) - len(lines[0].lstrip())]
    return [indent + line for line in out]


def _pad(text: str, w: int, align: str) -> str:
    gap = w - width(text)
    if align == "right":
        return " " * gap + text
    if align == "center":
        return " " * (gap // 2) + text + " " * (gap - gap // 2)
    return text + " " * gap


def table_around(lines: Sequence[str], line: int) -> tuple[int, int] | None:
    """The lines [first, end) of the table that line `line` is in, or None."""
    if not (0 <= line < len(lines)) or "|" not in lines[line]:
        return None
    first = line
    while first > 0 and "|" in lines[first - 1] and lines[first - 1].strip():
        first -= 1
    end = line + 1
    while end < len(lines) and "|" in lines[end] and lines[end].strip():
        end += 1
    return (first, end) if format_table(lines[first:end]) is not None else None


# ---- footnotes ------------------------------------------------------------------------------


def next_footnote(text: str) -> str:
    """The next numeric footnote label of the body ("1" for the first)."""
    used = [int(n) for n in _FOOTNOTE_LABEL.findall(text)]
    return str(max(used, default=0) + 1)


def footnote_definition(lines: Sequence[str], label: str) -> list[str]:
    """The body with `[^label]: ` appended as its last line (after a blank line)."""
    out = list(lines)
    while out and not out[-1].strip():
        out.pop()
    last_is_note = bool(out) and out[-1].lstrip().startswith("[^")
    if out and not last_is_note:
        out.append("")
    out.append(f"[^{label}]: ")
    out.append("")
    return out
