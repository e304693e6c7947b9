"""Goldmark's typographer, not markdown-it's: dashes, ellipses, guillemets and quotes by Goldmark's
rules (flanking, apostrophes in words and years)."""

from __future__ import annotations

import unicodedata

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

_SUBS = {"---": "\u2014", "--": "\u2013", "...": "\u2026", "<<": "\u00ab", ">>": "\u00bb"}


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch).startswith("P") or unicodedata.category(ch).startswith("S")


def _left_flanking(before: str, after: str) -> bool:
    return not after.isspace() and (not _is_punct(after) or before.isspace() or _is_punct(before))


def _right_flanking(before: str, after: str) -> bool:
    return not before.isspace() and (not _is_punct(before) or after.isspace() or _is_punct(after))


def _first_char(tok: Token | None) -> str:
    if tok is None or tok.type in ("softbreak", "hardbreak"):
        return " "
    if tok.type in ("text", "text_special"):
        return tok.content[:1] or " "
    if tok.type == "code_inline":
        return "`"
    if tok.type in ("link_open", "footnote_ref"):
        return "["
    if tok.type == "image":
        return "!"
    if tok.type == "html_inline":
        return "<"
    return tok.markup[:1] or " "


def typographer(state: StateCore) -> None:
    for block in state.tokens:
        if block.type == "inline" and block.children:
            _smarten_children(block.children)


def _smarten_children(children: list[Token]) -> None:
    counter = {"'": 0, '"': 0}
    before = "\n"
    for k, tok in enumerate(children):
        if tok.type == "image" and tok.children:
            _smarten_children(tok.children)
        if tok.type == "text" and tok.content:
            nxt = children[k + 1] if k + 1 < len(children) else None
            tok.content = _smarten(tok.content, before, counter, _first_char(nxt))
        if tok.type in ("text", "text_special", "code_inline"):
            src = tok.content if tok.type != "code_inline" else "`"
            before = src[-1] if src else before
        elif tok.type in ("softbreak", "hardbreak"):
            before = "\n"
        elif tok.markup:
            before = tok.markup[-1]
        elif tok.type == "link_close" or tok.type == "image":
            before = ")"
        elif tok.type == "html_inline":
            before = ">"


def _smarten(text: str, before: str, counter: dict[str, int], next_char: str = " ") -> str:
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        prev = text[i - 1] if i else before
        if c in "-.<>":
            for pat in ("---", "--", "...", "<<", ">>"):
                if text.startswith(pat, i):
                    out.append(_SUBS[pat])
                    i += len(pat)
                    break
            else:
                out.append(c)
                i += 1
            continue
        if c not in "'\"":
            out.append(c)
            i += 1
            continue
        line = text[i:] + (next_char if i == n - 1 else "")
        after = line[1] if len(line) > 1 else " "
        can_open = _left_flanking(prev, after)
        can_close = _right_flanking(prev, after)
        out.append(_quote(c, line, prev, after, can_open, can_close, counter))
        i += 1
    return "".join(out)


def _sp(ch: str) -> bool:
    return ch.isspace() or _is_punct(ch)


def _quote(
    c: str, line: str, before: str, after: str, can_open: bool, can_close: bool, counter: dict[str, int]
) -> str:
    # long: Goldmark's quote rules, case by case in Goldmark's order (easier to compare with it whole)
    if not can_open and not can_close:
        return c
    if c == "'":
        if (
            can_open
            and not can_close
            and len(line) > 3
            and line[1].isdigit()
            and line[2].isdigit()
            and line[3] == "s"
            and (len(line) == 4 or _sp(line[4]))
        ):
            return "\u2019"  # '90s
        if len(line) > 1 and (_is_punct(before) or before.isspace()) and line[1] in "tenl":
            return "\u2019"  # 'twas, 'em, 'net
        if len(line) > 1 and (before.isdigit() or before.isalpha()) and line[1].isalpha():
            return "\u2019"  # between two letters: an apostrophe
        if can_open and not can_close:
            left = True
            if len(line) > 1 and line[1] in "smtd" and (len(line) < 3 or _sp(line[2])):
                left = False
            if len(line) > 2 and line[1:3] in ("ve", "ll", "re") and (len(line) < 4 or _sp(line[3])):
                left = False
            if left:
                counter["'"] += 1
                return "\u2018"
            return "\u2019"
        if (len(line) > 1 and line[0].isspace()) or (
            _is_punct(line[0]) and len(line) > 2 and not line[1].isdigit()
        ):
            return "\u2019"  # Smiths', doin'
        if counter["'"] > 0:
            maybe = (
                can_close
                and can_open
                and len(line) > 1
                and _is_punct(line[1])
                and (len(line) == 2 or _sp(line[2]))
            )
            if (can_close and not can_open) or maybe:
                counter["'"] -= 1
                return "\u2019"
        return c
    if can_open and not can_close:
        counter['"'] += 1
        return "\u201c"
    if counter['"'] > 0:
        maybe = (
            can_close
            and can_open
            and len(line) > 1
            and _is_punct(line[1])
            and (len(line) == 2 or _sp(line[2]))
        )
        if (can_close and not can_open) or maybe:
            if len(line) > 1 and line[1] == '"' and before.isdigit():
                return c
            counter['"'] -= 1
            return "\u201d"
    return c
