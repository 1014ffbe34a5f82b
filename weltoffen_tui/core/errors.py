"""User-facing errors: what is wrong, where, and what to do.

Every error that can reach a user is one of these, so the CLI and the TUI can show
one clear German line instead of a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One problem in a file: where it is, what is wrong and how to fix it."""

    file: Path
    message: str
    hint: str = ""
    line: int | None = None
    path: str = ""

    def location(self) -> str:
        """``file:line`` (and the key path) for the start of a message line."""
        where = str(self.file)
        if self.line is not None:
            where += f":{self.line}"
        if self.path:
            where += f" ({self.path})"
        return where

    def __str__(self) -> str:
        text = f"{self.location()}: {self.message}"
        if self.hint:
            text += f" – {self.hint}"
        return text


@dataclass
class UserError(Exception):
    """An error the user can act on; carries one or more problems."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class AssessmentFileError(UserError):
    """An assessment file cannot be read, parsed or validated."""


class PackError(UserError):
    """A questionnaire pack has one or more problems."""


class StoreError(UserError):
    """Writing an assessment failed; the file on disk is unchanged."""
