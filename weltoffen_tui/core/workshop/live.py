"""The live workshop, pure parts: access code, participant files, fields, the live tally.

The server (``weltoffen_tui.serve``) lets participants join from their browsers; each
one answers into their own perspective file in the workshop folder. This module decides
everything that does not need a network: the access code, which file belongs to which
name (never a path typed by anyone), which fields are asked, and how far the answers in
the folder have come.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from weltoffen_tui.core.errors import Problem, UserError

if TYPE_CHECKING:
    from weltoffen_tui.core.assessment import Assessment
    from weltoffen_tui.core.pack.models import Pack
    from weltoffen_tui.core.storage.editing import EditSession
    from weltoffen_tui.core.workshop.compare import Comparison

# Capital letters and digits without the look-alikes 0/O, 1/I/L (and U/V, 5/S, 2/Z
# stay: they are read aloud clearly enough). 29 signs, 6 places: about 600 million codes.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ346789"
CODE_LENGTH = 6
PARTICIPANT_PREFIX = "teilnahme-"
NAME_MAX = 60
ROLE_MAX = 60
_SLUG_MAX = 40


def new_access_code(length: int = CODE_LENGTH) -> str:
    """A random access code such as ``K7MQ4X`` (``secrets``, no look-alike signs)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def normalize_code(typed: str) -> str:
    """What a participant typed, as a code: capitals, without spaces and dashes."""
    return re.sub(r"[\s\-–]+", "", typed).upper()


def code_matches(typed: str, code: str) -> bool:
    """Whether ``typed`` is the access code (compared in constant time)."""
    return hmac.compare_digest(normalize_code(typed).encode("utf-8"), code.encode("utf-8"))


# --------------------------------------------------------------------------- participants


def clean_text(text: str) -> str:
    """A name or role as typed, with control characters removed and spaces collapsed."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(c for c in text if unicodedata.category(c)[0] != "C")
    return " ".join(text.split())


def check_participant(name: str, role: str) -> list[str]:
    """German messages for what is wrong with a name and role (empty: all fine)."""
    errors: list[str] = []
    name, role = clean_text(name), clean_text(role)
    if not name:
        errors.append("Bitte geben Sie Ihren Namen ein.")
    elif len(name) > NAME_MAX:
        errors.append(f"Der Name ist zu lang (höchstens {NAME_MAX} Zeichen).")
    if len(role) > ROLE_MAX:
        errors.append(f"Die Rolle ist zu lang (höchstens {ROLE_MAX} Zeichen).")
    return errors


def name_key(name: str) -> str:
    """The form of a name that decides its file: ``Anna  Müller`` = ``anna müller``."""
    return unicodedata.normalize("NFKC", clean_text(name)).casefold()


def participant_file(folder: Path, name: str) -> Path:
    """The perspective file of a participant: ``teilnahme-anna-mueller-1a2b3c4d.toml``.

    Derived from the name only (the same name always gives the same file, so a
    participant who comes back continues), never from a path: the readable part keeps
    only ``a-z0-9-``, the hash of the whole name tells apart names that read alike.
    """
    from weltoffen_tui.core.storage.store import slugify

    key = name_key(name)
    if not key:
        raise ValueError("empty name")
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]
    slug = slugify(key)[:_SLUG_MAX].strip("-") or "person"
    return Path(folder) / f"{PARTICIPANT_PREFIX}{slug}-{digest}.toml"


def perspective_of(name: str, role: str) -> str:
    """The perspective a participant's file stands for: ``Anna Müller (Beirat)``."""
    name, role = clean_text(name), clean_text(role)
    return f"{name} ({role})" if role else name


def is_participant_file(path: Path) -> bool:
    return path.name.startswith(PARTICIPANT_PREFIX) and path.suffix == ".toml"


# --------------------------------------------------------------------------- fields


def parse_fields(spec: str | None, pack: Pack) -> list[str]:
    """The field ids the moderator chose (``--felder id1,id2``); all fields without.

    Raises UserError naming every unknown id and the ids there are.
    """
    ids = [f.id for f in pack.fields]
    if not spec or not spec.strip():
        return ids
    chosen: list[str] = []
    unknown: list[str] = []
    for part in spec.split(","):
        item = part.strip()
        if not item:
            continue
        if item in ids:
            if item not in chosen:
                chosen.append(item)
        else:
            unknown.append(item)
    if unknown or not chosen:
        raise UserError(
            [
                Problem(
                    Path("--felder"),
                    "Unbekannte Handlungsfelder: " + ", ".join(unknown)
                    if unknown
                    else "Keine Handlungsfelder angegeben",
                    "Mögliche Werte (durch Kommas getrennt): " + ", ".join(ids),
                )
            ]
        )
    return [i for i in ids if i in chosen]  # in the order of the questionnaire


# --------------------------------------------------------------------------- the folder


def workshop_municipality(folder: Path) -> tuple[str, str] | None:
    """(municipality, kind) most often named by the assessments already in the folder."""
    from weltoffen_tui.core.storage.store import assessment_files, read_listing

    found: Counter[tuple[str, str]] = Counter()
    for path in assessment_files(folder):
        try:
            entry = read_listing(path)
        except (UserError, OSError):
            continue
        if entry.error or not entry.municipality:
            continue
        found[(entry.municipality, entry.kind)] += 1
    return found.most_common(1)[0][0] if found else None


@dataclass(frozen=True)
class FieldTally:
    """How far the participants have come in one action field."""

    field_id: str
    title: str
    complete: int
    started: int
    spread: float | None


@dataclass(frozen=True)
class LiveState:
    """The answers in the workshop folder at one moment."""

    files: tuple[Path, ...]
    items: tuple[tuple[str, Assessment], ...]
    tallies: tuple[FieldTally, ...]
    comparison: Comparison | None
    problems: tuple[str, ...]


class FolderWatch:
    """Reads the perspective files of a workshop folder, only those that changed.

    A file is read again when its size or modification time changed; a file that cannot
    be read (half-written by hand, another questionnaire) is named in ``problems`` and
    left out. Consensus files (they list their sources) are not perspectives.
    """

    def __init__(self, folder: Path, pack: Pack, field_ids: list[str]) -> None:
        self.folder = Path(folder)
        self.pack = pack
        self.field_ids = field_ids
        self._cache: dict[Path, tuple[tuple[int, int], Assessment | None, str]] = {}

    def _read(self, path: Path) -> tuple[Assessment | None, str]:
        from weltoffen_tui.core.storage.store import load_assessment

        try:
            stat = path.stat()
        except OSError:
            return None, ""
        stamp = (stat.st_mtime_ns, stat.st_size)
        cached = self._cache.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1], cached[2]
        try:
            assessment: Assessment | None = load_assessment(path)
            problem = ""
        except UserError as exc:
            assessment, problem = None, exc.problems[0].message if exc.problems else str(exc)
        self._cache[path] = (stamp, assessment, problem)
        return assessment, problem

    def poll(self) -> LiveState:
        from weltoffen_tui.core.storage.store import assessment_files
        from weltoffen_tui.core.workshop.compare import compare

        files: list[Path] = []
        items: list[tuple[str, Assessment]] = []
        problems: list[str] = []
        for path in assessment_files(self.folder):
            assessment, problem = self._read(path)
            if assessment is None:
                if problem:
                    problems.append(f"{path.name}: {problem}")
                continue
            if assessment.sources or assessment.questionnaire != self.pack.id:
                continue
            files.append(path)
            items.append((path.name, assessment))
        comparison: Comparison | None = None
        if len(items) >= 2:
            try:
                comparison = compare(self.pack, items)
            except UserError as exc:
                problems.extend(p.message for p in exc.problems)
        spreads = {row.field.id: row.spread for row in comparison.fields} if comparison else {}
        tallies = []
        for action_field in self.pack.fields:
            if action_field.id not in self.field_ids:
                continue
            ids = [q.id for q in action_field.questions]
            complete = started = 0
            for _, assessment in items:
                answers = assessment.answers.get(action_field.id, {})
                done = sum(1 for q in ids if (a := answers.get(q)) is not None and a.is_answered)
                complete += done == len(ids)
                started += done > 0
            tallies.append(
                FieldTally(
                    action_field.id,
                    action_field.title,
                    complete,
                    started,
                    spreads.get(action_field.id),
                )
            )
        return LiveState(tuple(files), tuple(items), tuple(tallies), comparison, tuple(problems))


# --------------------------------------------------------------------------- joining

JOIN_LOCK = ".workshop-beitritt.lock"


class JoinError(UserError):
    """A participant cannot join under this name (explained in German)."""


def _join_problem(folder: Path, message: str, hint: str) -> JoinError:
    return JoinError([Problem(Path(Path(folder).name), message, hint)])


def join(
    folder: Path,
    pack: Pack,
    name: str,
    role: str,
    *,
    municipality: str,
    kind: str,
) -> EditSession:
    """Open the participant's own perspective file, or start it; the editing session.

    The same name continues the same file. Joins in one folder happen one after the other
    (a lock file in the folder), so two browsers typing the same new name at once do not
    both create it; a name whose file is open in another browser is refused.
    """
    import contextlib
    import os

    from weltoffen_tui.core.assessment import Assessment, Respondent
    from weltoffen_tui.core.storage.editing import EditSession
    from weltoffen_tui.core.storage.opening import open_assessment

    errors = check_participant(name, role)
    if errors:
        raise _join_problem(folder, " ".join(errors), "Bitte korrigieren Sie die Eingabe.")
    name, role = clean_text(name), clean_text(role)
    path = participant_file(folder, name)
    lock_fd = os.open(Path(folder) / JOIN_LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _lock_blocking(lock_fd)
        if path.exists():
            assessment, own_pack = open_assessment(path)
            stored = [r.name for r in assessment.respondents]
            if stored and name_key(stored[0]) != name_key(name):
                raise _join_problem(
                    folder,
                    "Zu diesem Namen gehört schon eine andere Datei",
                    "Bitte ergänzen Sie Ihren Namen (z. B. mit dem Anfangsbuchstaben des "
                    "Nachnamens).",
                )
            session = EditSession.open(path, assessment, own_pack)
            if session.read_only:
                session.close()
                raise _join_problem(
                    folder,
                    "Unter diesem Namen antwortet gerade schon jemand in einem anderen "
                    "Browserfenster",
                    "Schließen Sie das andere Fenster und melden Sie sich dann hier noch "
                    "einmal an, oder wählen Sie einen anderen Namen.",
                )
            return session
        assessment = Assessment.new(
            municipality=municipality,
            kind=kind,
            questionnaire=pack.id,
            questionnaire_version=pack.version,
            respondents=[Respondent(name=name, role=role)],
            perspective=perspective_of(name, role),
        )
        return EditSession.start_new(path, assessment, pack)
    finally:
        with contextlib.suppress(OSError):
            _unlock(lock_fd)
        os.close(lock_fd)


def _lock_blocking(fd: int) -> None:
    import sys

    if sys.platform == "win32":  # pragma: no cover - Windows
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX)


def _unlock(fd: int) -> None:
    import sys

    if sys.platform == "win32":  # pragma: no cover - Windows
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)
