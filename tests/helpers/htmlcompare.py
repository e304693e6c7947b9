"""Compare two HTML fragments by structure and text: whitespace, attribute order, entity spelling
and the markup inside highlighted code do not count."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import unquote

_VOID = {"br", "hr", "img", "input", "meta", "link", "col", "area", "base", "embed", "source", "wbr"}


class _Tokens(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._code_depth = 0  # inside <div class="highlight">: text only
        self._stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._code_depth:
            if tag not in _VOID:
                self._stack.append(tag)
            return
        d = dict(attrs)
        if tag == "div" and "highlight" in (d.get("class") or "").split():
            self._code_depth = 1
            self._stack = ["div"]
            self.out.append("<highlight>")
            return
        d.pop("data-line", None)
        if tag == "pre":
            d.pop("style", None)
        norm = " ".join(f'{k}="{unquote(v or "")}"' for k, v in sorted(d.items()))
        self.out.append(f"<{tag} {norm}>" if norm else f"<{tag}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self._code_depth:
            self._stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if self._code_depth:
            if self._stack:
                self._stack.pop()
            if not self._stack:
                self._code_depth = 0
                self.out.append("</highlight>")
            return
        if tag not in _VOID:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        text = re.sub(r"\s+", " ", data)
        if self._code_depth:
            text = re.sub(r"\s+", "", data)
        if text.strip():
            if self.out and self.out[-1].startswith("T:"):
                self.out[-1] += text
            else:
                self.out.append("T:" + text)

    def handle_comment(self, data: str) -> None:
        if not self._code_depth:
            self.out.append(f"<!--{data.strip()}-->")


def tokens(fragment: str) -> list[str]:
    p = _Tokens()
    p.feed(fragment)
    p.close()
    # whitespace at the edges of a text run next to a tag does not matter
    return [
        t if not t.startswith("T:") else "T:" + t[2:].strip()
        for t in p.out
        if not (t.startswith("T:") and not t[2:].strip())
    ]


def same(a: str, b: str) -> bool:
    return tokens(a) == tokens(b)


def first_difference(a: str, b: str) -> str:
    ta, tb = tokens(a), tokens(b)
    for i, (x, y) in enumerate(zip(ta, tb, strict=False)):
        if x != y:
            return f"at token {i}: ours {x!r} vs hugo {y!r}"
    return f"lengths {len(ta)} vs {len(tb)}"
