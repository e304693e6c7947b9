"""A problem found in a post or a site: what, how bad, and where (file, line, column). The checks
of a post and Hugo's own complaints about a site are both reported as these."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path


class Severity(enum.StrEnum):
    ERROR = "error"  # Hugo fails on it, or publishes something the author did not mean
    WARNING = "warning"  # Hugo reads it, perhaps not as the author expects


@dataclass(frozen=True)
class Problem:
    message: str
    severity: Severity = Severity.ERROR
    path: Path | None = None  # the file, when one is named
    line: int = 0  # 1-based; 0 when unknown
    column: int = 0
    fix: str = ""  # the name of a fix that resolves it (editor.core.post.fixes), "" when none

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}: " if self.path is not None else ""
        return f"{where}{self.severity}: {self.message}"

    def as_json(self) -> dict[str, object]:
        return {
            "file": str(self.path) if self.path is not None else None,
            "line": self.line,
            "column": self.column,
            "severity": str(self.severity),
            "message": self.message,
        }
