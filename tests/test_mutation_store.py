"""Tests that kill the mutants mutmut makes of core/storage/store.py (scripts/mutation.sh).

The light listing check (``_light_summary``) must take every plainly valid file itself
and refuse every value that full validation might refuse; ``read_listing`` must give the
same summary either way. Error messages are compared whole: they are what users read.
"""

from __future__ import annotations

import copy
import errno
import os
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from weltoffen_tui.core.errors import AssessmentFileError, StoreError
from weltoffen_tui.core.storage import store
from weltoffen_tui.core.storage.store import (
    Listing,
    _light_summary,
    _NotLight,
    load_assessment,
    read_listing,
)

from .conftest import write_mini_pack

UPDATED = datetime(2026, 3, 12, 12, 41, tzinfo=timezone(timedelta(hours=1)))
CREATED = datetime(2026, 3, 12, 9, 5, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A packs root holding the mini pack (al-01…03, be-01…04)."""
    directory = tmp_path_factory.mktemp("pakete")
    write_mini_pack(directory / "mini")
    return directory


def plain() -> dict[str, Any]:
    """A file's data with every kind of entry, each plainly valid."""
    return {
        "schema_version": 1,
        "questionnaire": "mini",
        "questionnaire_version": "0.1",
        "municipality": "Musterhausen",
        "kind": "Gemeinde",
        "consultant": "Beraterin",
        "respondents": [
            {"name": "Ana", "role": "Rat"},
            {"name": "Ben"},
            {"name": "Cem", "role": ""},
        ],
        "session_date": date(2026, 3, 12),
        "created": CREATED,
        "updated": UPDATED,
        "answers": {
            "alpha": {
                "al-00": {"note": "nur eine Notiz"},
                "al-01": {"value": 2, "note": "n"},
                "al-02": {"value": "weiss_nicht"},
                "al-99": {"value": 1},
            },
            "beta": {"be-01": {"value": "trifft_nicht_zu"}, "be-02": {"value": 4}},
            "gamma": {"ga-01": {"value": 3}},
        },
        "measures": [
            {
                "id": "m-001",
                "title": "Leitbild",
                "field": "alpha",
                "recommendation": "al-01.low",
                "responsible": "Amt",
                "due": date(2027, 6, 30),
                "status": "in Arbeit",
                "note": "n",
            },
            {"id": "m-002", "title": "Beirat"},
        ],
        "sources": [
            {"file": "a.toml", "updated": UPDATED, "municipality": "M", "respondents": "Ana"},
            {"file": "b.toml"},
        ],
    }


EXPECTED = {
    "municipality": "Musterhausen",
    "kind": "Gemeinde",
    "session_date": "2026-03-12",
    "updated": UPDATED,
    "answered": 4,  # al-01, al-02, be-01, be-02
    "questionnaire": "mini",
    "roles": "Rat, Ben, Cem",
    "error": "",
    "unknown_answers": 2,  # al-99, ga-01
}


def as_dict(listing: Listing) -> dict[str, Any]:
    return {name: getattr(listing, name) for name in EXPECTED}


def test_the_light_check_takes_a_plainly_valid_file(root: Path) -> None:
    listing = _light_summary(Path("x.toml"), plain(), root)
    assert listing.path == Path("x.toml")
    assert as_dict(listing) == EXPECTED


def test_the_light_check_takes_the_smallest_valid_file(root: Path) -> None:
    data = plain()
    for key in ("schema_version", "questionnaire_version", "consultant", "respondents"):
        del data[key]
    for key in ("session_date", "answers", "measures", "sources"):
        del data[key]
    listing = _light_summary(Path("x.toml"), data, root)
    assert (listing.answered, listing.unknown_answers, listing.roles) == (0, 0, "")
    assert listing.session_date == ""


def test_full_and_light_reading_agree(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "datei.toml"
    path.write_text(tomli_w.dumps(plain()), encoding="utf-8")
    light = read_listing(path, root)
    assert as_dict(light) == EXPECTED

    def refuse(*args: object) -> Listing:
        raise _NotLight

    monkeypatch.setattr(store, "_light_summary", refuse)
    full = read_listing(path, root)
    assert full == light


def test_the_light_path_is_used_for_plain_files(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "datei.toml"
    path.write_text(tomli_w.dumps(plain()), encoding="utf-8")

    def no_full_check(*args: object) -> None:
        raise AssertionError("full validation used for a plain file")

    monkeypatch.setattr(store, "parse_assessment", no_full_check)
    assert as_dict(read_listing(path, root)) == EXPECTED


def change(path: str, value: Any) -> dict[str, Any]:
    """``plain()`` with the value at a dotted path replaced (``...`` deletes it)."""
    data = copy.deepcopy(plain())
    *parents, last = path.split(".")
    target: Any = data
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    key: Any = int(last) if last.isdigit() else last
    if value is ...:
        del target[key]
    else:
        target[key] = value
    return data


DEEP: Any = 1
for _ in range(store.MAX_NESTING):
    DEEP = [DEEP]

NOT_PLAIN = {
    "municipality missing": ("municipality", ...),
    "municipality number": ("municipality", 7),
    "municipality blank": ("municipality", "  "),
    "kind unknown": ("kind", "Dorf"),
    "questionnaire number": ("questionnaire", 3),
    "questionnaire no slug": ("questionnaire", "Mini"),
    "questionnaire not shipped": ("questionnaire", "andere"),
    "updated a date": ("updated", date(2026, 3, 12)),
    "updated text": ("updated", "2026-03-12T12:41:00"),
    "created missing": ("created", ...),
    "created a date": ("created", date(2026, 3, 12)),
    "session_date a datetime": ("session_date", UPDATED),
    "session_date text": ("session_date", "12.03.2026"),
    "answers a list": ("answers", []),
    "schema_version text": ("schema_version", "1"),
    "schema_version a bool": ("schema_version", True),
    "schema_version 0": ("schema_version", 0),
    "schema_version newer": ("schema_version", 2),
    "questionnaire_version number": ("questionnaire_version", 1),
    "consultant number": ("consultant", 1),
    "respondents a table": ("respondents", {"name": "Ana"}),
    "respondent text": ("respondents.0", "Ana"),
    "respondent name missing": ("respondents.0.name", ...),
    "respondent name empty": ("respondents.0.name", ""),
    "respondent name number": ("respondents.0.name", 5),
    "respondent role number": ("respondents.0.role", 5),
    "measures text": ("measures", "m"),
    "measure id missing": ("measures.0.id", ...),
    "measure id empty": ("measures.0.id", ""),
    "measure id number": ("measures.0.id", 1),
    "measure id twice": ("measures.1.id", "m-001"),
    "measure title missing": ("measures.0.title", ...),
    "measure title empty": ("measures.0.title", ""),
    "measure title number": ("measures.0.title", 1),
    "measure due a datetime": ("measures.0.due", UPDATED),
    "measure due text": ("measures.0.due", "30.06.2027"),
    "measure status unknown": ("measures.0.status", "fertig"),
    "measure field number": ("measures.0.field", 1),
    "measure recommendation number": ("measures.0.recommendation", 1),
    "measure responsible number": ("measures.0.responsible", 1),
    "measure note number": ("measures.0.note", 1),
    "sources a table": ("sources", {"file": "a"}),
    "source file missing": ("sources.0.file", ...),
    "source file empty": ("sources.0.file", ""),
    "source file number": ("sources.0.file", 1),
    "source updated a date": ("sources.0.updated", date(2026, 3, 12)),
    "source municipality number": ("sources.0.municipality", 1),
    "source respondents number": ("sources.0.respondents", 1),
    "answers of a field a list": ("answers.alpha", []),
    "answer text": ("answers.alpha.al-01", "2"),
    "answer note number": ("answers.alpha.al-01.note", 1),
    "answer value float": ("answers.alpha.al-01.value", 2.0),
    "answer value a bool": ("answers.alpha.al-01.value", True),
    "answer value off the scale": ("answers.alpha.al-01.value", 5),
    "answer value unknown text": ("answers.alpha.al-01.value", "ja"),
    "too deep": ("extra", DEEP),
}


@pytest.mark.parametrize("case", sorted(NOT_PLAIN))
def test_the_light_check_refuses_what_it_cannot_vouch_for(root: Path, case: str) -> None:
    where, value = NOT_PLAIN[case]
    with pytest.raises(_NotLight):
        _light_summary(Path("x.toml"), change(where, value), root)


def test_full_reading_of_a_valid_file_the_light_check_refuses(root: Path, tmp_path: Path) -> None:
    """A date written as text is valid (pydantic reads it) but not plain: read in full."""
    path = tmp_path / "text-datum.toml"
    path.write_text(tomli_w.dumps(change("updated", "2026-03-12T12:41:00+01:00")), encoding="utf-8")
    assert as_dict(read_listing(path, root)) == EXPECTED


def test_unknown_questionnaire_in_a_listing(root: Path, tmp_path: Path) -> None:
    path = tmp_path / "fremd.toml"
    path.write_text(tomli_w.dumps(change("questionnaire", "andere")), encoding="utf-8")
    listing = read_listing(path, root)
    assert listing.error == (
        f"{path}:2 (questionnaire): Fragebogen „andere“ ist nicht bekannt – Bekannt sind: "
        "mini. Prüfen Sie den Eintrag questionnaire."
    )
    assert listing.municipality == "" and listing.answered == 0


def test_a_file_name_that_is_not_utf8(root: Path, tmp_path: Path) -> None:
    raw = os.path.join(os.fsencode(tmp_path), b"kaputt-\xff.toml")
    with open(raw, "wb") as handle:
        handle.write(tomli_w.dumps(plain()).encode("utf-8"))
    path = Path(os.fsdecode(raw))
    assert not store.name_is_text(path)
    assert store.visible_path(path).name == "kaputt-\\xff.toml"
    listing = read_listing(path, root)
    assert listing.error == (
        f"{tmp_path}/kaputt-\\xff.toml: Der Dateiname ist nicht UTF-8-kodiert – Benennen Sie "
        "die Datei um (Buchstaben, Ziffern und Bindestriche)."
    )
    assert store.name_is_text(tmp_path / "gut.toml")


# --------------------------------------------------------------------------- reading


def problem_of(path: Path) -> str:
    with pytest.raises(AssessmentFileError) as caught:
        load_assessment(path)
    (problem,) = caught.value.problems
    return str(problem)


def test_reading_errors_are_named_exactly(tmp_path: Path) -> None:
    missing = tmp_path / "fehlt.toml"
    assert problem_of(missing) == (
        f"{missing}: Datei nicht gefunden – Prüfen Sie den Pfad; »weltoffen list« zeigt die "
        "vorhandenen Einschätzungen."
    )
    assert problem_of(tmp_path) == (
        f"{tmp_path}: Das ist ein Ordner, keine Datei – Geben Sie eine .toml-Datei an."
    )
    latin = tmp_path / "latin.toml"
    latin.write_bytes(b'municipality = "a"\n\nkind = "M\xfcnster"\n')
    assert problem_of(latin) == (
        f"{latin}:3: Datei ist nicht UTF-8-kodiert – Speichern Sie sie im Editor als UTF-8 und "
        "versuchen Sie es erneut."
    )
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    assert problem_of(fifo) == (
        f"{fifo}: Das ist keine gewöhnliche Datei (sondern z. B. eine benannte Pipe oder ein "
        "Gerät) – Geben Sie eine gespeicherte .toml-Datei an."
    )


def test_reading_without_permission(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    closed = tmp_path / "zu.toml"
    closed.write_text("x = 1")
    closed.chmod(0)
    assert problem_of(closed) == (
        f"{closed}: Keine Leserechte für die Datei – Prüfen Sie die Dateirechte."
    )


def test_too_large_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "gross.toml"
    big.write_bytes(b"#" * 3_000_000)
    monkeypatch.setattr(store, "MAX_FILE_BYTES", 2 * 1024 * 1024)
    assert problem_of(big) == (
        f"{big}: Datei ist zu groß für eine Einschätzung (mehr als 2,0 MB: 2,9 MB) – Prüfen "
        "Sie, ob Sie die richtige Datei gewählt haben."
    )


def test_read_bounded_reads_exactly_up_to_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"a" * 10)
    assert store.read_bounded(path, 10) == b"a" * 10
    with pytest.raises(OSError) as caught:
        store.read_bounded(path, 9)
    assert caught.value.errno == errno.EFBIG and caught.value.size == 10  # type: ignore[attr-defined]
    big = tmp_path / "big"
    big.write_bytes(b"b" * (3 << 20))
    assert len(store.read_bounded(big, 3 << 20)) == 3 << 20
    with pytest.raises(IsADirectoryError):
        store.read_bounded(tmp_path, 10)


def test_a_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbfx = 1\n")
    assert store.read_text(path) == "x = 1\n"


def test_nesting_depth() -> None:
    assert store.nesting_depth(1) == 0
    assert store.nesting_depth({}) == 1
    assert store.nesting_depth({"a": [1, {"b": []}]}) == 4
    assert store.nesting_depth([[], [[]], 1]) == 3


def test_too_deep_and_duplicate_measures_are_named(tmp_path: Path) -> None:
    deep = tmp_path / "tief.toml"
    deep.write_text("x = " + "[" * 40 + "]" * 40 + "\n")
    assert problem_of(deep) == (
        f"{deep}: Die Datei ist zu tief verschachtelt (Listen oder Tabellen ineinander) und "
        "kann nicht gelesen werden – Eine Einschätzung sieht anders aus: prüfen Sie, ob Sie "
        "die richtige Datei gewählt haben, oder stellen Sie die Sicherung tief.toml.bak "
        "wieder her."
    )
    twice = tmp_path / "doppelt.toml"
    data = change("measures.1.id", "m-001")
    data["measures"].insert(0, {"id": "m-000", "title": "Erste"})
    twice.write_text(tomli_w.dumps(data), encoding="utf-8")
    text = problem_of(twice)
    assert text.startswith(f"{twice}:")
    assert " (measures.2.id): Maßnahme „m-001“ ist doppelt " in text
    assert text.endswith(
        "angegeben – Jede Maßnahme braucht eine eigene Kennung (id): ändern oder entfernen "
        "Sie den zweiten Eintrag."
    )
    line = int(text.split(":")[1].split()[0])
    assert twice.read_text().splitlines()[line - 1].startswith('id = "m-001"')


def test_duplicate_measure_finder() -> None:
    assert store._duplicate_measure({}) is None
    assert store._duplicate_measure({"measures": "x"}) is None
    measures = [{"id": "a"}, "kaputt", {"id": 1}, {"id": "b"}, {"id": "a"}, {"id": "b"}]
    assert store._duplicate_measure({"measures": measures}) == (4, "a")


def test_a_toml_error_names_the_backup(tmp_path: Path) -> None:
    broken = tmp_path / "kaputt.toml"
    broken.write_text('municipality = "x"\nkind = \n')
    text = problem_of(broken)
    assert text.startswith(f"{broken}:2")
    assert text.endswith(
        "Korrigieren Sie die Zeile im Editor oder stellen Sie die Sicherung kaputt.toml.bak "
        "wieder her."
    )


# --------------------------------------------------------------------------- writing


def test_write_problems_are_named_exactly(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    for code in (errno.EACCES, errno.EPERM, errno.EROFS):
        assert str(store._write_problem(path, OSError(code, "nein"))) == (
            f"{path}: Speichern nicht möglich: keine Schreibrechte im Ordner – Wählen Sie mit "
            "--data-dir einen beschreibbaren Ordner; Ihre Antworten sind noch im Programm."
        )
    assert str(store._write_problem(path, OSError(errno.ENOSPC, "voll"))) == (
        f"{path}: Speichern nicht möglich: der Datenträger ist voll – Schaffen Sie Platz und "
        "speichern Sie erneut; Ihre Antworten sind noch im Programm."
    )
    assert str(store._write_problem(path, OSError(errno.EIO, "E/A-Fehler"))) == (
        f"{path}: Speichern nicht möglich (E/A-Fehler) – Die Datei auf dem Datenträger ist "
        "unverändert."
    )
    assert "(boom)" in str(store._write_problem(path, OSError("boom")))


def test_a_failed_write_raises_store_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from weltoffen_tui.core.storage.store import save_assessment
    from weltoffen_tui.paths import sample_path

    assessment = load_assessment(sample_path())

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "voll")

    monkeypatch.setattr(store, "write_atomic", full)
    with pytest.raises(StoreError) as caught:
        save_assessment(assessment, tmp_path / "x.toml")
    assert "der Datenträger ist voll" in str(caught.value.problems[0])


def test_megabytes() -> None:
    assert store._megabytes(5 * 1024 * 1024) == "5,0"
    assert store._megabytes(1024 * 1024 + 200 * 1024) == "1,2"
    assert store._megabytes(1_101_005) == "1,1"  # 1.0500002 MB: both divisors are 1024


def test_slugify_and_new_paths(tmp_path: Path) -> None:
    assert store.slugify("  Groß-Gerau am Main ") == "gross-gerau-am-main"
    assert store.slugify("Übach-Palenberg (Kreis)") == "uebach-palenberg-kreis"
    assert store.slugify("Ölbronn") == "oelbronn"
    assert store.slugify("Café Zürich") == "cafe-zuerich"
    assert store.slugify("***") == "kommune"
    assert store.slugify("a" * 80) == "a" * 60
    when = datetime(2026, 11, 25, 10, 0)
    first = store.new_assessment_path(tmp_path, "Musterstadt", when)
    assert first == tmp_path / "musterstadt-2026-11-25.toml"
    first.write_text("")
    second = store.new_assessment_path(tmp_path, "Musterstadt", when)
    assert second == tmp_path / "musterstadt-2026-11-25-2.toml"
    second.write_text("")
    assert store.new_assessment_path(tmp_path, "Musterstadt", when).name == (
        "musterstadt-2026-11-25-3.toml"
    )
    assert store.new_assessment_path(tmp_path, "X").name.startswith(f"x-{date.today().isoformat()}")


def test_roles_of_tables_and_models() -> None:
    from weltoffen_tui.core.assessment import Respondent

    tables = [{"name": "Ana", "role": "Rat"}, {"name": "Ben"}, {"role": ""}, {"name": ""}]
    assert store.roles_of(tables) == "Rat, Ben"
    people = [Respondent(name="Ana", role="Amt"), Respondent(name="Ben")]
    assert store.roles_of(people) == "Amt, Ben"
    assert store.roles_of([]) == ""


def test_assessment_files(tmp_path: Path) -> None:
    for name in ("b.toml", "a.toml", ".a.toml.x.tmp", "a.toml.bak", ".versteckt.toml", "c.md"):
        (tmp_path / name).write_text("")
    (tmp_path / "ordner.toml").mkdir()
    assert [p.name for p in store.assessment_files(tmp_path)] == [
        "a.toml",
        "b.toml",
        "ordner.toml",
    ]
    assert store.assessment_files(tmp_path / "fehlt") == []


def test_reading_errors_raised_by_the_system(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Permission and disk errors (as root, chmod cannot produce the first one)."""
    path = tmp_path / "x.toml"
    path.write_text("x = 1")

    def refuse(*args: object) -> bytes:
        raise PermissionError(errno.EACCES, "Keine Berechtigung")

    monkeypatch.setattr(store, "read_bounded", refuse)
    assert (
        problem_of(path) == f"{path}: Keine Leserechte für die Datei – Prüfen Sie die Dateirechte."
    )

    def broken(*args: object) -> bytes:
        raise OSError(errno.EIO, "E/A-Fehler")

    monkeypatch.setattr(store, "read_bounded", broken)
    assert problem_of(path) == (
        f"{path}: Datei nicht lesbar (E/A-Fehler) – Prüfen Sie den Datenträger."
    )


def test_a_parser_that_runs_out_of_stack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from weltoffen_tui.core import tomlparse

    path = tmp_path / "stapel.toml"
    path.write_text("x = 1")

    def too_deep(text: str) -> dict[str, Any]:
        raise RecursionError

    monkeypatch.setattr(tomlparse, "loads", too_deep)
    assert problem_of(path).startswith(
        f"{path}: Die Datei ist zu tief verschachtelt (Listen oder Tabellen ineinander)"
    )


def test_nesting_up_to_the_limit_is_read(tmp_path: Path) -> None:
    value: Any = 1
    for _ in range(store.MAX_NESTING - 1):  # with the top-level table: exactly the limit
        value = [value]
    data = change("extra", value)
    assert store.nesting_depth(data) == store.MAX_NESTING
    path = tmp_path / "grenze.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    assert load_assessment(path).municipality == "Musterhausen"


def test_a_validation_error_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "art.toml"
    path.write_text(tomli_w.dumps(change("kind", "Dorf")), encoding="utf-8")
    text = problem_of(path)
    assert text.startswith(f"{path}:") and "(kind)" in text


def sample() -> Any:
    from weltoffen_tui.paths import sample_path

    return load_assessment(sample_path())


def store_problem(assessment: Any, path: Path) -> str:
    with pytest.raises(StoreError) as caught:
        store.save_assessment(assessment, path)
    (problem,) = caught.value.problems
    return str(problem)


def test_saving_errors_are_named_exactly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.toml"
    assessment = sample()
    payload = store.dumps_assessment(assessment).encode("utf-8")
    monkeypatch.setattr(store, "MAX_FILE_BYTES", len(payload))  # exactly the limit: saved
    assert store.save_assessment(assessment, path) == payload
    monkeypatch.setattr(store, "MAX_FILE_BYTES", len(payload) - 1)
    assert store_problem(assessment, tmp_path / "gross.toml") == (
        f"{tmp_path / 'gross.toml'}: Speichern nicht möglich: die Einschätzung wäre zu groß "
        f"({store._megabytes(len(payload))} MB, erlaubt sind "
        f"{store._megabytes(len(payload) - 1)} MB) – Kürzen Sie lange "
        "Notizen; Ihre Antworten sind noch im Programm, die Datei auf dem Datenträger ist "
        "unverändert."
    )
    assert not (tmp_path / "gross.toml").exists()

    def too_deep(assessment: Any) -> str:
        raise RecursionError

    monkeypatch.setattr(store, "dumps_assessment", too_deep)
    assert store_problem(assessment, path) == (
        f"{path}: Speichern nicht möglich: zusätzliche Einträge sind zu tief verschachtelt – "
        "Ihre Antworten sind noch im Programm, die Datei auf dem Datenträger ist unverändert."
    )


def test_a_failed_write_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "voll")

    monkeypatch.setattr(store, "write_atomic", full)
    path = tmp_path / "x.toml"
    assert store_problem(sample(), path).startswith(f"{path}: Speichern nicht möglich: der")


def test_saving_keeps_the_mode_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    store.save_assessment(sample(), path)
    umask = os.umask(0o022)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
    path.chmod(0o640)
    store.save_assessment(sample(), path)
    assert path.stat().st_mode & 0o777 == 0o640
    assert store._mode_for(path) == 0o640
    assert store._mode_for(tmp_path / "neu.toml") == 0o666 & ~umask


def test_saving_through_a_symbolic_link(tmp_path: Path) -> None:
    real = tmp_path / "echt.toml"
    store.save_assessment(sample(), real)
    link = tmp_path / "verweis.toml"
    link.symlink_to(real)
    assert store.save_target(link) == real
    assert store.save_target(real) == real
    store.save_assessment(sample(), link)
    assert link.is_symlink() and (tmp_path / "echt.toml.bak").is_file()
    assert not (tmp_path / "verweis.toml.bak").exists()


def test_roles_of_objects_without_a_role_or_name() -> None:
    from types import SimpleNamespace

    people = [SimpleNamespace(name="Ana"), SimpleNamespace(role="Rat"), SimpleNamespace()]
    assert store.roles_of(people) == "Ana, Rat"


def test_backup_path_of_a_long_name(tmp_path: Path) -> None:
    assert store.backup_path(tmp_path / "a.toml") == tmp_path / "a.toml.bak"
    long = tmp_path / ("x" * 250 + ".toml")
    backup = store.backup_path(long)
    assert len(backup.name) == 255 and backup.name.endswith(".bak")


def test_full_reading_without_a_session_date(root: Path, tmp_path: Path) -> None:
    data = change("updated", "2026-03-12T12:41:00+01:00")
    del data["session_date"]
    path = tmp_path / "ohne-datum.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    listing = read_listing(path, root)
    assert listing.session_date == "" and listing.error == ""


def test_the_light_check_takes_nesting_up_to_the_limit(root: Path) -> None:
    value: Any = 1
    for _ in range(store.MAX_NESTING - 1):
        value = [value]
    data = change("extra", value)
    assert store.nesting_depth(data) == store.MAX_NESTING
    assert _light_summary(Path("x.toml"), data, root).answered == EXPECTED["answered"]
