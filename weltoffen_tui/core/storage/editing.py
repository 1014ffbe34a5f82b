"""An open assessment that is saved after every change.

The TUI edits through this class only, so "every change is saved at once" holds in
one place. It also guards the file: one writer at a time (a second instance opens
read-only), and a file deleted or changed by someone else underneath is never
overwritten: the answers go to a new file instead, and the user is told.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from types import EllipsisType
from typing import TypeVar

from weltoffen_tui.core.applicability import applicable_questions
from weltoffen_tui.core.assessment import Assessment, Respondent, now
from weltoffen_tui.core.atomic import TEMP_SUFFIX, temp_prefix
from weltoffen_tui.core.errors import Problem, StoreError
from weltoffen_tui.core.pack.models import ActionField, Pack
from weltoffen_tui.core.storage.locking import AssessmentLock
from weltoffen_tui.core.storage.store import (
    MAX_FILE_BYTES,
    new_assessment_path,
    read_bounded,
    save_assessment,
)

Identity = tuple[int, int, int]
T = TypeVar("T")


def disk_digest(path: Path) -> str | None:
    """The SHA-256 of a file's content, or None if it cannot be read (bounded read)."""
    try:
        return hashlib.sha256(read_bounded(path, MAX_FILE_BYTES)).hexdigest()
    except OSError:
        return None


def disk_identity(path: Path) -> Identity | None:
    """(inode, mtime in ns, size) of a file, or None if it does not exist."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


@dataclass
class EditSession:
    """An assessment, its file and its pack, with autosave and a writer lock."""

    path: Path
    assessment: Assessment
    pack: Pack
    last_saved: datetime | None = None
    last_error: StoreError | None = None
    unsaved_changes: int = 0
    read_only: bool = False
    read_only_reason: str = ""
    notices: list[str] = field(default_factory=list)
    _identity: Identity | None = None
    _digest: str | None = None
    _lock: AssessmentLock | None = None

    @classmethod
    def open(cls, path: Path, assessment: Assessment, pack: Pack) -> EditSession:
        """Start editing a loaded file; read-only if another instance has it open."""
        session = cls(Path(path), assessment, pack)
        session._identity = disk_identity(session.path)
        session._digest = disk_digest(session.path)
        lock = AssessmentLock(session.path)
        if lock.acquire():
            session._lock = lock
            remove_stale_temporaries(session.path)
        else:
            session.read_only = True
            holder = lock.holder()
            session.read_only_reason = (
                "Diese Einschätzung ist bereits in einem anderen Fenster geöffnet"
                + (f" ({holder})" if holder else "")
                + ". Sie sehen sie hier nur lesend; Änderungen sind nur dort möglich."
            )
        return session

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
        perspective: str = "",
    ) -> EditSession:
        """Start a new assessment in ``data_dir`` and write it at once.

        The file is named after the municipality, the perspective and the session date.
        """
        assessment = Assessment.new(
            municipality=municipality,
            kind=kind,
            questionnaire=pack.id,
            questionnaire_version=pack.version,
            consultant=consultant,
            respondents=respondents,
            session_date=session_date,
            perspective=perspective,
        )
        name = f"{municipality} {assessment.perspective}".strip()
        target = new_assessment_path(data_dir, name, assessment.session_date)
        return cls.start_new(target, assessment, pack)

    @classmethod
    def start_new(cls, path: Path, assessment: Assessment, pack: Pack) -> EditSession:
        """Write a new assessment to an unused path and keep editing it."""
        session = cls(path, assessment, pack)
        lock = AssessmentLock(path)
        lock.acquire()
        session._lock = lock
        session.save()
        if session.last_error is not None:
            lock.release()
            raise session.last_error
        return session

    def close(self) -> None:
        """Release the writer lock (also released automatically when the process ends)."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def save(self) -> bool:
        """Write the assessment; on failure remember why and keep everything in memory."""
        if self.read_only:
            self.last_error = StoreError(
                [Problem(self.path, "Nur lesend geöffnet", self.read_only_reason)]
            )
            return False
        if not self._keep_the_lock():
            return self.save()
        self._guard_against_outside_changes()
        try:
            written = save_assessment(self.assessment, self.path)
        except StoreError as exc:
            self.last_error = exc
            self.unsaved_changes += 1
            return False
        if self._lock is not None and not self._lock.held:
            self._lock.acquire()  # e.g. the folder was deleted and has just been recreated
        self._digest = hashlib.sha256(written).hexdigest()
        self._identity = disk_identity(self.path)
        self.last_error = None
        self.unsaved_changes = 0
        self.last_saved = now()
        return True

    def _keep_the_lock(self) -> bool:
        """Make sure this session is still the one writer; False if it became read-only.

        If the lock's sidecar (or the folder) was deleted underneath, the lock is taken
        again on a new sidecar; if another instance was quicker, this one switches to
        read-only and says so, so there are never two writers.
        """
        if self._lock is None or self._lock.intact():
            return True
        self._lock.release()
        lock = AssessmentLock(self.path)
        if lock.acquire():
            self._lock = lock
            return True
        self._lock = None
        holder = lock.holder()
        self.read_only = True
        self.read_only_reason = (
            "Die Sperrdatei dieser Einschätzung war gelöscht worden, und inzwischen hat ein "
            "anderes Fenster sie geöffnet"
            + (f" ({holder})" if holder else "")
            + ". Hier ist sie jetzt nur lesend geöffnet; Ihre letzte Änderung ist nicht "
            "gespeichert – tragen Sie sie im anderen Fenster ein."
        )
        self.notices.append(self.read_only_reason)
        return False

    def _guard_against_outside_changes(self) -> None:
        """Never overwrite a file someone else changed; recreate one someone deleted."""
        if self._identity is None:
            return
        current = disk_identity(self.path)
        if current is None:
            self.notices.append(
                f"Die Datei {self.path.name} war gelöscht worden. Sie wurde mit allen "
                "Antworten aus dem Programm neu geschrieben."
            )
            return
        if current == self._identity:
            return
        if self._digest is not None and disk_digest(self.path) == self._digest:
            self._identity = current  # touched (e.g. by a sync tool), not changed
            return
        changed = self.path
        self.path = conflict_path(changed)
        self.close()
        lock = AssessmentLock(self.path)
        lock.acquire()
        self._lock = lock
        self._identity = None
        self._digest = None
        self.notices.append(
            f"Die Datei {changed.name} wurde außerhalb des Programms geändert und bleibt "
            f"unverändert. Ihre Antworten werden ab jetzt in {self.path.name} gespeichert."
        )

    def take_notices(self) -> list[str]:
        """Messages for the user since the last call (e.g. the file was replaced)."""
        notices, self.notices = self.notices, []
        return notices

    def change(self, apply: Callable[[Assessment], T]) -> T | None:
        """Apply any change to the assessment (e.g. the action plan) and save at once.

        In a read-only session nothing is changed and None is returned.
        """
        if self.read_only:
            self.save()
            return None
        result = apply(self.assessment)
        self.assessment.updated = now()
        self.save()
        return result

    def set_answer(
        self,
        field_id: str,
        question_id: str,
        value: int | str | EllipsisType | None = ...,
        note: str | None = None,
    ) -> bool:
        """Change an answer and save at once; True when the change is on disk.

        ``...`` (the default) leaves the value as it is, so a note can be changed alone.
        """
        if self.read_only:
            return self.save()
        if value is ...:
            self.assessment.set_answer(field_id, question_id, note=note)
        else:
            self.assessment.set_answer(field_id, question_id, value, note)
        return self.save()

    def progress(self, action_field: ActionField) -> tuple[int, int]:
        """(answered, total) for one field."""
        answers = self.assessment.answers.get(action_field.id, {})
        questions = applicable_questions(action_field, self.assessment)  # the others hidden
        answered = sum(1 for q in questions if (a := answers.get(q.id)) and a.is_answered)
        return answered, len(questions)

    def open_questions(self, action_field: ActionField) -> list[str]:
        answers = self.assessment.answers.get(action_field.id, {})
        return [
            q.id
            for q in applicable_questions(action_field, self.assessment)
            if not ((a := answers.get(q.id)) and a.is_answered)
        ]

    def first_open_question(self) -> tuple[int, int] | None:
        """(field index, question index) of the first unanswered question, or None."""
        for field_index, action_field in enumerate(self.pack.fields):
            answers = self.assessment.answers.get(action_field.id, {})
            for question_index, question in enumerate(
                applicable_questions(action_field, self.assessment)
            ):
                answer = answers.get(question.id)
                if answer is None or not answer.is_answered:
                    return field_index, question_index
        return None

    @property
    def is_complete(self) -> bool:
        return self.first_open_question() is None

    def save_copy(self, target: Path) -> Path:
        """Write the answers to another, new file (when the own file cannot be written).

        The session keeps its own path; an existing file is never overwritten. Returns
        the file written; raises StoreError.
        """
        target = Path(target).expanduser()
        if target.is_dir():
            target = target / self.path.name
        if target.exists() or target.is_symlink():
            raise StoreError(
                [Problem(target, "Diese Datei gibt es schon", "Wählen Sie einen neuen Dateinamen.")]
            )
        save_assessment(self.assessment, target)
        return target


def remove_stale_temporaries(path: Path) -> None:
    """Delete temporary files a killed writer left beside ``path``.

    Only called while holding the writer lock, so no other process is writing them.
    """
    from glob import escape

    for leftover in path.parent.glob(f"{escape(temp_prefix(path))}*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            leftover.unlink()


def conflict_path(path: Path) -> Path:
    """A new file beside ``path`` for answers that must not overwrite it."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.stem}-konflikt-{stamp}{path.suffix}")
    counter = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-konflikt-{stamp}-{counter}{path.suffix}")
        counter += 1
    return candidate
