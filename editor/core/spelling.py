"""Spell checking that knows Markdown and Hugo: only what a reader reads is checked.

Which lines are prose comes from the preview's own parse (the rendered blocks: a code or raw-HTML
block's lines are never checked); within a line, which characters are prose comes from
markdown-it's inline parse of that line (text, emphasis, link and image texts are; code spans,
link destinations, autolinks, raw HTML and Hugo shortcodes are not, except a shortcode's quoted
`caption`, `title` and `alt`). Words in ALL CAPS, with digits or in CamelCase, URLs and e-mail
addresses are left alone; so is anything in the author's or the site's dictionary.

The engine is Enchant (pyenchant) with the system's Hunspell dictionaries. Without Enchant or
without the language's dictionary, `Speller.open` raises `SpellingUnavailable` with the package to
install, and nothing is underlined.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

    from editor.core.rendering.blocks import Block

SITE_DICTIONARY = "dictionary.txt"  # in the site's folder, one word a line, sorted; commit it
PROSE_PARAMS = frozenset({"caption", "title", "alt", "attr"})  # a shortcode's values a reader reads
_CODE = ("<pre", '<div class="highlight')  # a rendered block that starts so is code
_SITE_SHORTCODE = '<div class="hpe-shortcode"'  # the preview's box for a shortcode of the site's
_SHORTCODE = re.compile(r"\{\{[<%]-?\s*/?\s*([\w./-]+)(.*?)-?[>%]\}\}")
_PARAM = re.compile(r"""([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|`([^`]*)`)""")
_WORD = re.compile(r"(?<![\w'’-])[^\W\d_](?:[\w'’-]*\w)?")  # not the "th" of "5th"
_NOT_A_WORD_AROUND = re.compile(r"\S*(?:://|@|www\.)\S*")  # a URL or an e-mail address, whole


class SpellingUnavailable(Exception):
    """No spell checking: Enchant or the language's dictionary is missing (the message says what
    to install)."""


@dataclass(frozen=True)
class Word:
    line: int  # 0-based, in the text checked (a body: body lines)
    start: int  # column of its first character (0-based, in characters)
    end: int
    text: str


@dataclass
class Rules:
    """The words never looked up (as the preferences set them)."""

    all_caps: bool = True  # NASA, HTML
    digits: bool = True  # mp3, 2nd
    camel: bool = True  # JavaScript, iPhone

    def skips(self, word: str) -> bool:
        if len(word) < 2 or "_" in word:  # an identifier (build_dir), not a word
            return True
        if self.digits and any(c.isdigit() for c in word):
            return True
        letters = [c for c in word if c.isalpha()]
        if self.all_caps and len(letters) > 1 and all(c.isupper() for c in letters):
            return True
        return bool(self.camel and any(c.isupper() for c in word[1:]))


# ---- what is prose ------------------------------------------------------------------------------


def _inline_parser() -> MarkdownIt:
    global _md
    if _md is None:
        from markdown_it import MarkdownIt

        _md = MarkdownIt("commonmark", {"linkify": True}).enable(["linkify", "strikethrough", "table"])
    return _md


_md: MarkdownIt | None = None


def prose_spans(line: str, references: dict[str, Any] | None = None) -> tuple[str, list[tuple[int, int]]]:
    """The columns of `line` a reader reads, as (start, end) spans, from markdown-it's inline
    parse of the line; Hugo shortcodes are blanked out first (the line returned: the same
    columns), their prose values kept."""
    spans: list[tuple[int, int]] = []
    masked = list(line)
    kept: list[tuple[int, int]] = []
    for m in _SHORTCODE.finditer(line):
        masked[m.start() : m.end()] = " " * (m.end() - m.start())
        for p in _PARAM.finditer(m.group(2)):
            if p.group(1).lower() in PROSE_PARAMS:
                value = 2 if p.group(2) is not None else 3
                a = m.start(2) + p.start(value)
                kept.append((a, a + len(p.group(value))))
    text = "".join(masked)
    # the post's reference definitions: `[text][label]` is a link (its label no word)
    tokens = _inline_parser().parseInline(text, {"references": references or {}})
    children: Sequence[Token] = tokens[0].children or [] if tokens else []
    spans += _walk(text, children)
    for a, b in kept:
        masked[a:b] = line[a:b]
    return "".join(masked), sorted(spans + kept)


def _walk(text: str, children: Sequence[Token]) -> list[tuple[int, int]]:
    """Match the inline tokens to the line, left to right: text is prose; code spans, raw HTML,
    link destinations and URLs written as links are not."""
    spans: list[tuple[int, int]] = []
    at = 0
    skip_link_text = 0  # inside an autolink or a bare URL: its text is the address
    for tok in children:
        if tok.type == "text":
            if not tok.content.strip():
                continue
            found = text.find(tok.content, at)
            if found < 0:  # an escape or an entity: the source differs from the text
                continue
            if not skip_link_text:
                spans.append((found, found + len(tok.content)))
            at = found + len(tok.content)
        elif tok.type in ("code_inline", "html_inline"):
            found = text.find(tok.content, at)
            if found >= 0:
                at = found + len(tok.content)
        elif tok.type == "link_open":
            if tok.markup in ("autolink", "linkify"):
                skip_link_text += 1
        elif tok.type == "link_close":
            if skip_link_text:
                skip_link_text -= 1
                continue
            at = _past_destination(text, at)
        elif tok.type == "image":
            spans += [(at + a, at + b) for a, b in _walk(text[at:], tok.children or [])]
            end = text.find("]", at)
            at = _past_destination(text, end if end >= 0 else at)
    return spans


def _past_destination(text: str, at: int) -> int:
    """After a link's text: past its `](destination "title")` or `][label]`."""
    close = text.find("]", at)
    if close < 0:
        return at
    rest = close + 1
    if text.startswith("(", rest):
        depth, i = 0, rest
        while i < len(text):
            if text[i] == "(":
                depth += 1
            elif text[i] == ")":
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        return len(text)
    if text.startswith("[", rest):
        end = text.find("]", rest)
        return end + 1 if end >= 0 else rest
    return rest


def words_of_line(
    line: str, number: int, rules: Rules, references: dict[str, Any] | None = None
) -> Iterator[Word]:
    """The words of one line to look up."""
    text, spans = prose_spans(line, references)
    for a, b in spans:
        part = text[a:b]
        hidden = [(m.start(), m.end()) for m in _NOT_A_WORD_AROUND.finditer(part)]
        for m in _WORD.finditer(part):
            if any(h0 <= m.start() < h1 for h0, h1 in hidden):
                continue
            word = m.group().strip("'’-")
            if not word or rules.skips(word):
                continue
            start = a + m.start() + m.group().find(word)
            yield Word(number, start, start + len(word), word)


def prose_lines(blocks: Sequence[Block], lines: Sequence[str]) -> list[bool]:
    """Per body line: is it prose? From the rendered blocks: a code block's lines are not, nor a
    raw HTML block's (Markdown's kind 7: its source starts with a tag); a shortcode's block is
    (its tag is masked line by line, its caption kept); lines between blocks hold footnote texts
    (checked, with their indented lines) or reference definitions (not)."""
    prose = [False] * len(lines)
    for block in blocks:
        end = min(block.end, len(lines))
        if block.start >= end:
            continue
        html = block.html.lstrip()
        if html.startswith(_CODE) or lines[block.start].lstrip().startswith("<"):
            continue
        if html.startswith(_SITE_SHORTCODE) and (
            "hpe-shortcode-inner" in html[:1000] or end - block.start > 1
        ):
            continue  # a site's shortcode: its inner text is the theme's to render, its tag code
        prose[block.start : end] = [True] * (end - block.start)
        for a, b in block.code:  # a fence in a list item, raw HTML in a quote
            for n in range(block.start + a, min(block.start + b, end)):
                prose[n] = False
    note = False  # footnote definitions are outside every block: their text is prose
    for n, line in enumerate(lines):
        if not prose[n]:
            if line.lstrip().startswith("[^") and "]:" in line:
                note = True
            elif line.strip() and not line.startswith((" ", "\t")):
                note = False
            prose[n] = note and bool(line.strip())
    return prose


# ---- looking words up ---------------------------------------------------------------------------


@dataclass
class Speller:
    """A language's dictionary, with the author's and the site's words and the ignored ones."""

    language: str
    checker: Any  # enchant.Dict
    personal: Path | None = None  # the author's word list (every site, every language)
    site_root: Path | None = None
    personal_words: set[str] = field(default_factory=set)
    site_words: set[str] = field(default_factory=set)
    ignored: set[str] = field(default_factory=set)
    rules: Rules = field(default_factory=Rules)
    _known: dict[str, bool] = field(default_factory=dict)

    @classmethod
    def open(cls, language: str, personal: Path | None = None, site_root: Path | None = None) -> Speller:
        try:
            import enchant
        except ImportError as e:  # the library itself (libenchant-2) is missing
            raise SpellingUnavailable(
                "spell checking needs Enchant: install libenchant-2-2 (Debian, Ubuntu) or enchant2"
            ) from e
        tag = language.replace("-", "_")
        if not enchant.dict_exists(tag):
            package = "hunspell-" + tag.lower().replace("_", "-")
            raise SpellingUnavailable(f"no {tag} dictionary is installed: install {package}")
        speller = cls(tag, enchant.Dict(tag), personal, site_root)
        if personal is not None:
            speller.personal_words = set(read_word_list(personal))
        if site_root is not None:
            speller.site_words = set(read_word_list(site_root / SITE_DICTIONARY))
        return speller

    def correct(self, word: str) -> bool:
        known = self._known.get(word)
        if known is None:
            known = (
                word in self.site_words
                or word in self.personal_words
                or word in self.ignored
                or bool(self.checker.check(word))
                or bool(self.checker.check(_straight(word)))
                or ("-" in word and all(self.correct(p) for p in word.split("-") if p))  # run-time
            )
            self._known[word] = known
        return known

    def suggest(self, word: str) -> list[str]:
        return [s for s in self.checker.suggest(_straight(word)) if s != word][:8]

    def add_personal(self, word: str) -> None:
        """Into the author's own list (saved at once)."""
        if self.personal is not None:
            add_to_word_list(self.personal, word)
        self.personal_words.add(word)
        self._known[word] = True

    def add_to_site(self, word: str) -> None:
        """Into the site's list (`dictionary.txt` in the site folder, saved at once)."""
        if self.site_root is None:
            raise ValueError("no site is open")
        add_to_word_list(self.site_root / SITE_DICTIONARY, word)
        self.site_words.add(word)
        self._known[word] = True

    def ignore(self, word: str) -> None:
        self.ignored.add(word)
        self._known[word] = True

    def forget_cache(self) -> None:
        self._known.clear()

    def misspelled_in_line(
        self, line: str, number: int, references: dict[str, Any] | None = None
    ) -> list[Word]:
        return [w for w in words_of_line(line, number, self.rules, references) if not self.correct(w.text)]


def _straight(word: str) -> str:
    return unicodedata.normalize("NFC", word.replace("’", "'"))


def misspellings(
    body: str,
    speller: Speller,
    blocks: Sequence[Block] | None = None,
    references: dict[str, Any] | None = None,
) -> list[Word]:
    """Every misspelled word of a body, by body line and column (`blocks` and `references`: the
    preview's render of it, when there is one)."""
    if blocks is None:
        from editor.core.rendering.live import LiveRender

        live = LiveRender()
        live.reset(body)
        blocks, references = live.blocks, live.references
    lines = body.split("\n")
    prose = prose_lines(blocks, lines)
    out: list[Word] = []
    references = references or {}
    for n, line in enumerate(lines):
        if prose[n] and line.strip():
            out += speller.misspelled_in_line(line, n, references)
    return out


# ---- word lists ---------------------------------------------------------------------------------


def read_word_list(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    return [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]


def add_to_word_list(path: Path, word: str) -> None:
    """The word in the list at `path` (made if need be), one a line, sorted, saved atomically."""
    from editor.core.files.storage import atomic_write

    path.parent.mkdir(parents=True, exist_ok=True)
    words = sorted(set(read_word_list(path)) | {word}, key=lambda w: (w.casefold(), w))
    atomic_write(path, ("\n".join(words) + "\n").encode("utf-8"))


def language_of(path: Path | None, site_config: dict[str, Any] | None, preferred: str) -> str:
    """The post's language: its language folder or `name.LANG.md` on a multilingual site, else
    the site's `languageCode`/`locale`, else the preference."""
    config = site_config or {}
    languages = {k.lower(): v for k, v in (config.get("languages") or {}).items() if isinstance(v, dict)}
    if path is not None and languages:
        parts = path.name.split(".")
        code = parts[-2].lower() if len(parts) >= 3 else ""
        found = languages.get(code) or next(
            (v for k, v in languages.items() if k in (p.lower() for p in path.parts)), None
        )
        if found is not None:
            tag = found.get("languageCode") or found.get("locale") or code
            return _tag(str(tag)) or preferred
    for key in ("languageCode", "locale", "languagecode"):
        if isinstance(config.get(key), str) and config[key]:
            return _tag(config[key]) or preferred
    return preferred


def _tag(code: str) -> str:
    """`en-us` → `en_US`, `de` → `de`."""
    parts = code.replace("-", "_").split("_")
    if not parts[0]:
        return ""
    return parts[0].lower() + ("_" + parts[1].upper() if len(parts) > 1 and parts[1] else "")


def words_in(lines: Iterable[tuple[int, str]], speller: Speller) -> list[Word]:
    """Misspellings of plain text (the title, the description): every word is prose."""
    out = []
    for number, text in lines:
        for m in _WORD.finditer(text):
            word = m.group().strip("'’-")
            if word and not speller.rules.skips(word) and not speller.correct(word):
                start = m.start() + m.group().find(word)
                out.append(Word(number, start, start + len(word), word))
    return out
