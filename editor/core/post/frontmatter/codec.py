"""What every front-matter codec does: load, edit one key, delete one, say where keys are.

A codec is also a python-frontmatter handler (`frontmatter.loads(text, handler=CODECS["toml"])`),
by the same duck type as its BaseHandler, without importing it (the app's start does not need it).
"""

from __future__ import annotations

import re
from typing import Any

from editor.core.post import dates


class Codec:
    name = ""
    FM_BOUNDARY: re.Pattern[str]
    START_DELIMITER = END_DELIMITER = ""

    def detect(self, text: str) -> bool:
        return bool(self.FM_BOUNDARY.match(text))

    def split(self, text: str) -> tuple[str, str]:
        _, fm, content = self.FM_BOUNDARY.split(text, 2)
        return fm, content

    def format(self, post: Any, **kwargs: object) -> str:
        start = kwargs.pop("start_delimiter", self.START_DELIMITER)
        end = kwargs.pop("end_delimiter", self.END_DELIMITER)
        return f"{start}\n{self.export(post.metadata, **kwargs)}\n{end}\n\n{post.content}".strip()

    def load(self, fm: str, **kwargs: object) -> dict[str, Any]:
        raise NotImplementedError

    def export(self, metadata: dict[str, object], **kwargs: object) -> str:
        raise NotImplementedError

    def set(self, text: str, key: str, value: object) -> str:
        raise NotImplementedError

    def delete(self, text: str, key: str) -> str:
        raise NotImplementedError

    def set_in(self, text: str, table: str, key: str, value: object) -> str:
        """Set `key` inside the top-level table `table` (which exists), changing only its lines."""
        raise NotImplementedError

    def delete_in(self, text: str, table: str, key: str) -> str:
        """Remove `key` from the top-level table `table`, and only its lines."""
        raise NotImplementedError

    def key_positions(self, text: str) -> dict[str, tuple[int, int]]:
        """1-based (line, column) of each top-level key in `text`."""
        raise NotImplementedError


def is_hugo_date(value: object) -> bool:
    try:
        dates.parse(value)
    except ValueError:
        return False
    return True
