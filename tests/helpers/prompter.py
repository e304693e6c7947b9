"""A Prompter with the author's answers set by the test, recording what the window asked."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from editor.core.files.recovery import Copy
from editor.ui.dialogs import Answer, Prompter


class Answers(Prompter):
    """Each question answered from `answers` (a value, or a function of the question's details);
    a question without an answer fails the test."""

    def __init__(self, parent: QWidget, **answers: Any) -> None:
        super().__init__(parent)
        self.answers = answers
        self.asked: list[str] = []

    def _answer(self, question: str, *details: Any) -> Any:
        self.asked.append(question)
        if question not in self.answers:
            raise AssertionError(f"an unexpected question: {question} {details!r}")
        answer = self.answers[question]
        return answer(*details) if isinstance(answer, Callable) else answer  # type: ignore[arg-type]

    def save_changes(self, name: str) -> Answer:
        return Answer(self._answer("save_changes", name))

    def discard_changes(self) -> bool:
        return bool(self._answer("discard_changes"))

    def overwrite_newer(self, name: str) -> bool:
        return bool(self._answer("overwrite_newer", name))

    def save_anyway(self, name: str, concerns: list[str]) -> bool:
        return bool(self._answer("save_anyway", name, concerns))

    def changed_on_disk(self, name: str, mine: str, theirs: str, mergeable: bool) -> Answer:
        return Answer(self._answer("changed_on_disk", name, mine, theirs, mergeable))

    def recovered_copy(self, copy: Copy) -> Answer:
        return Answer(self._answer("recovered_copy", copy))
