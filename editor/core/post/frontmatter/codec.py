"""What every front-matter codec does: load, edit one key, delete one, say where keys are."""

from __future__ import annotations

from typing import Any

import frontmatter as pyfm

from editor.core.post import dates


class Codec(pyfm.default_handlers.BaseHandler):
    name = ""

    def load(self, fm: str, **kwargs: object) -> dict[str, Any]:
        raise NotImplementedError

    def export(self, metadata: dict[str, object], **kwargs: object) -> str:
        raise NotImplementedError

    def set(self, text: str, key: str, value: object) -> str:
        raise NotImplementedError

    def delete(self, text: str, key: str) -> str:
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
