"""Moving an assessment to a newer version of its questionnaire pack.

A pack version says which earlier question ids a question replaces
(``Question.replaces``) and which were dropped without a successor
(``PackMeta.dropped``). Migrating builds a *new* assessment: every answer to a
question the pack still has stays (moved to its current field if the field changed),
an answer to a replaced id moves to its successor, an answer to a dropped question is
left out (it stays in the old file), and an answer under an id the pack neither knows
nor maps is kept as it is and listed, so nothing is lost. Pure: no files.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from weltoffen_tui.core.assessment import Answer, Assessment, now
from weltoffen_tui.core.pack.models import Pack

QuestionKey = tuple[str, str]  # (field id, question id)


@dataclass(frozen=True)
class Migration:
    """The new assessment and what happened to each answer."""

    assessment: Assessment
    from_version: str
    to_version: str
    moved: tuple[tuple[QuestionKey, QuestionKey], ...] = field(default=())
    dropped: tuple[QuestionKey, ...] = field(default=())
    kept_unknown: tuple[QuestionKey, ...] = field(default=())
    # The successor already had an answer: the old answer stays under its old id.
    conflicts: tuple[tuple[QuestionKey, QuestionKey], ...] = field(default=())
    # Questions of the new version without an answer (new, or open before).
    fresh: tuple[QuestionKey, ...] = field(default=())

    @property
    def changes_anything(self) -> bool:
        return bool(self.moved or self.dropped or self.from_version != self.to_version)


def successors(pack: Pack) -> dict[str, QuestionKey]:
    """Earlier question id → (field id, question id) of the question replacing it."""
    mapping: dict[str, QuestionKey] = {}
    for action_field, question in pack.iter_questions():
        for old in question.replaces:
            mapping.setdefault(old, (action_field.id, question.id))
    return mapping


def needs_migration(pack: Pack, assessment: Assessment) -> bool:
    """Whether the file is of another pack version and some answer would move or drop."""
    if assessment.questionnaire_version == pack.version:
        return False
    mapping = successors(pack)
    dropped = set(pack.meta.dropped)
    for _, by_question in assessment.answers.items():
        for question_id in by_question:
            if pack.question(question_id) is None and (
                question_id in mapping or question_id in dropped
            ):
                return True
    return False


def migrate(pack: Pack, assessment: Assessment) -> Migration:
    """The assessment moved to ``pack``'s version (the input is not changed)."""
    mapping = successors(pack)
    dropped_ids = set(pack.meta.dropped)
    new_answers: dict[str, dict[str, Answer]] = {}
    moved: list[tuple[QuestionKey, QuestionKey]] = []
    dropped: list[QuestionKey] = []
    unknown: list[QuestionKey] = []
    conflicts: list[tuple[QuestionKey, QuestionKey]] = []
    pending: list[tuple[QuestionKey, QuestionKey, Answer]] = []

    def put(key: QuestionKey, answer: Answer) -> None:
        new_answers.setdefault(key[0], {})[key[1]] = answer.model_copy(deep=True)

    for field_id, by_question in assessment.answers.items():
        for question_id, answer in by_question.items():
            old = (field_id, question_id)
            current = pack.question(question_id)
            if current is not None:
                target = (current[0].id, question_id)
                put(target, answer)
                if target != old:
                    moved.append((old, target))
            elif question_id in mapping:
                pending.append((old, mapping[question_id], answer))
            elif question_id in dropped_ids:
                dropped.append(old)
            else:
                put(old, answer)
                unknown.append(old)
    # Answers to replaced ids come last: an answer the file already has for the
    # successor wins, and the old one stays under its old id (never lost).
    for old, target, answer in pending:
        existing = new_answers.get(target[0], {}).get(target[1])
        if existing is not None and existing.is_answered:
            put(old, answer)
            conflicts.append((old, target))
        else:
            put(target, answer)
            moved.append((old, target))
    data = assessment.model_dump()
    data["answers"] = {}
    migrated = Assessment.model_validate(data)
    migrated.answers = new_answers
    migrated.questionnaire_version = pack.version
    migrated.updated = now()
    from weltoffen_tui.core.applicability import applicable_questions

    fresh = [
        (f.id, q.id)
        for f in pack.fields
        for q in applicable_questions(f, migrated)
        if not ((a := migrated.answer(f.id, q.id)) and a.is_answered)
    ]
    return Migration(
        assessment=migrated,
        from_version=assessment.questionnaire_version,
        to_version=pack.version,
        moved=tuple(moved),
        dropped=tuple(dropped),
        kept_unknown=tuple(unknown),
        conflicts=tuple(conflicts),
        fresh=tuple(fresh),
    )


def summary_lines(migration: Migration) -> list[str]:
    """What moved, what was dropped, what is kept and what needs an answer, in German."""
    lines = [
        f"Fragebogen-Version {migration.from_version or '(ohne Angabe)'} → {migration.to_version}."
    ]
    if migration.moved:
        lines.append(f"Übertragen ({len(migration.moved)}), bitte prüfen:")
        lines += [f"  {old[1]} → {new[1]}" for old, new in migration.moved]
    else:
        lines.append("Keine Antwort musste umziehen.")
    if migration.dropped:
        lines.append(
            f"Entfallen ({len(migration.dropped)}; die Antworten bleiben in der alten Datei):"
        )
        lines += [f"  {key[1]}" for key in migration.dropped]
    if migration.conflicts:
        lines.append(
            "Nicht übertragen, weil die neue Frage schon beantwortet ist "
            "(die alte Antwort bleibt unter ihrer alten Kennung):"
        )
        lines += [f"  {old[1]} → {new[1]}" for old, new in migration.conflicts]
    if migration.kept_unknown:
        lines.append(
            f"Unbekannte Frage-Kennungen ({len(migration.kept_unknown)}), unverändert behalten:"
        )
        lines += [f"  {key[0]}.{key[1]}" for key in migration.kept_unknown]
    if migration.fresh:
        lines.append(f"Ohne Antwort (neu oder bisher offen): {len(migration.fresh)} Fragen")
        lines += [f"  {key[1]}" for key in migration.fresh[:20]]
        if len(migration.fresh) > 20:
            lines.append(f"  … und {len(migration.fresh) - 20} weitere")
    return lines
