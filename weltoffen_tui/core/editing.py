"""An open assessment that is saved after every change.

The TUI edits through this class only, so "every change is saved at once" holds in
one place, and a failed save keeps the answers in memory and says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from weltoffen_tui.core.assessment import Assessment, Respondent, now
from weltoffen_tui.core.errors import StoreError
from weltoffen_tui.core.pack import ActionField, Pack
from weltoffen_tui.core.store import new_assessment_path, save_assessment


@dataclass
class EditSession:
    """An assessment, its file and its pack, with autosave."""

    path: Path
    assessment: Assessment
    pack: Pack
    last_saved: datetime | None = None
    last_error: StoreError | None = None
    unsaved_changes: int = field(default=0)

    @classmethod
    def create(
        cls,
        data_dir: Path,
        pack: Pack,
        *,
        municipality: str,
        kind: str,
        consultant: str = "",
        respondents: list[Respondent] | None = None,
        session_date: date | None = None,
    ) -> EditSession:
        """Start a new assessment in ``data_dir`` and write it at once."""
        assessment = Assessment.new(
            municipality=municipality,
            kind=kind,
            questionnaire=pack.id,
            questionnaire_version=pack.version,
            consultant=consultant,
            respondents=respondents,
            session_date=session_date,
        )
        session = cls(new_assessment_path(data_dir, municipality), assessment, pack)
        session.save()
        if session.last_error is not None:
            raise session.last_error
        return session

    def save(self) -> bool:
        """Write the assessment; on failure remember why and keep everything in memory."""
        try:
            save_assessment(self.assessment, self.path)
        except StoreError as exc:
            self.last_error = exc
            self.unsaved_changes += 1
            return False
        self.last_error = None
        self.unsaved_changes = 0
        self.last_saved = now()
        return True

    def set_answer(
        self,
        field_id: str,
        question_id: str,
        value: int | str | None = ...,  # type: ignore[assignment]
        note: str | None = None,
    ) -> bool:
        """Change an answer and save at once; True when the change is on disk."""
        self.assessment.set_answer(field_id, question_id, value, note)
        return self.save()

    def progress(self, action_field: ActionField) -> tuple[int, int]:
        """(answered, total) for one field."""
        answers = self.assessment.answers.get(action_field.id, {})
        answered = sum(
            1 for q in action_field.questions if (a := answers.get(q.id)) and a.is_answered
        )
        return answered, len(action_field.questions)

    def open_questions(self, action_field: ActionField) -> list[str]:
        answers = self.assessment.answers.get(action_field.id, {})
        return [
            q.id for q in action_field.questions if not ((a := answers.get(q.id)) and a.is_answered)
        ]

    def first_open_question(self) -> tuple[int, int] | None:
        """(field index, question index) of the first unanswered question, or None."""
        for field_index, action_field in enumerate(self.pack.fields):
            answers = self.assessment.answers.get(action_field.id, {})
            for question_index, question in enumerate(action_field.questions):
                answer = answers.get(question.id)
                if answer is None or not answer.is_answered:
                    return field_index, question_index
        return None

    @property
    def is_complete(self) -> bool:
        return self.first_open_question() is None
