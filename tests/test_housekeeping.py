"""Perspective labels, editing an assessment's details, and housekeeping of its file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from weltoffen_tui.core.assessment import Respondent, Source
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.perspective import (
    CONSENSUS_LABEL,
    derive_label,
    perspective_label,
    sources_label,
)
from weltoffen_tui.core.storage import store
from weltoffen_tui.core.storage.editing import EditSession
from weltoffen_tui.core.storage.housekeeping import (
    TRASH_NAME,
    HousekeepingError,
    copy_assessment,
    rename_assessment,
    trash_assessment,
)
from weltoffen_tui.core.storage.listing import list_assessments
from weltoffen_tui.core.storage.locking import AssessmentLock, lock_path
from weltoffen_tui.core.storage.store import (
    backup_path,
    dumps_assessment,
    load_assessment,
    new_assessment_path,
    read_listing,
    save_assessment,
)
from weltoffen_tui.core.workshop.compare import compare
from weltoffen_tui.core.workshop.consensus import merge
from weltoffen_tui.paths import sample_path

from .conftest import make_assessment

# --------------------------------------------------------------------------- the model


def test_perspective_round_trip(tmp_path: Path, mini_pack: Pack) -> None:
    named = make_assessment(mini_pack, perspective="Verwaltungsleitung")
    save_assessment(named, tmp_path / "a.toml")
    assert 'perspective = "Verwaltungsleitung"' in (tmp_path / "a.toml").read_text()
    assert load_assessment(tmp_path / "a.toml").perspective == "Verwaltungsleitung"
    unnamed = make_assessment(mini_pack)
    save_assessment(unnamed, tmp_path / "b.toml")
    # A file without a perspective stays as files were before the field existed.
    assert "perspective" not in (tmp_path / "b.toml").read_text()
    assert load_assessment(tmp_path / "b.toml").perspective == ""


def test_old_files_without_perspective_stay_valid() -> None:
    old = sample_path().read_text(encoding="utf-8")
    assert "perspective" not in old
    assessment = load_assessment(sample_path())
    assert assessment.perspective == ""
    assert "perspective" not in dumps_assessment(assessment)


def test_set_details_changes_only_the_details(mini_pack: Pack) -> None:
    assessment = make_assessment(mini_pack)
    assessment.set_answer("alpha", "al-01", 3, "Beschluss")
    before = assessment.updated
    assessment.set_details(
        kind="Landkreis",
        session_date=date(2027, 1, 15),
        respondents=[Respondent(name="Eva", role="Beirat")],
        perspective="  Integrationsbeirat ",
        consultant=" Beratung Nord ",
    )
    assert (assessment.kind, assessment.session_date) == ("Landkreis", date(2027, 1, 15))
    assert assessment.perspective == "Integrationsbeirat"
    assert assessment.consultant == "Beratung Nord"
    assert [(r.name, r.role) for r in assessment.respondents] == [("Eva", "Beirat")]
    assert assessment.answer("alpha", "al-01").value == 3  # type: ignore[union-attr]
    assert assessment.updated >= before
    with pytest.raises(ValueError):
        assessment.set_details(
            kind="Dorf", session_date=None, respondents=[], perspective="", consultant=""
        )
    assert assessment.kind == "Landkreis"


# --------------------------------------------------------------------------- labels


def test_label_order(mini_pack: Pack) -> None:
    people = [("Eva", "Leitung"), ("Tom", ""), ("Ina", "Leitung")]
    assert derive_label("  Beirat ", people, True, "x.toml") == "Beirat"
    assert derive_label("", people, True, "x.toml") == CONSENSUS_LABEL
    assert derive_label("", people, False, "x.toml") == "Leitung, Tom"
    many = [("A", "Eins"), ("B", "Zwei"), ("C", "Drei")]
    assert derive_label("", many, False, "x.toml") == "Eins und 2 weitere"
    assert derive_label("", [], False, "musterstadt-beirat.toml") == "musterstadt-beirat"
    assert derive_label("", [], False, "") == "ohne Angabe"
    assessment = make_assessment(mini_pack, perspective="Integrationsbüro")
    assert perspective_label(assessment, "x.toml") == "Integrationsbüro"


def test_consensus_is_marked_and_names_its_sources(mini_pack: Pack, tmp_path: Path) -> None:
    first = make_assessment(mini_pack, perspective="Verwaltungsleitung")
    second = make_assessment(mini_pack, respondents=[Respondent(name="Eva", role="Beirat")])
    consensus = merge(mini_pack, [(tmp_path / "a.toml", first), (tmp_path / "b.toml", second)], {})
    assert perspective_label(consensus, "gemeinsam.toml") == CONSENSUS_LABEL
    assert sources_label(consensus) == "Verwaltungsleitung, Beirat"
    # Sources merged before perspectives existed fall back to their file names.
    consensus.sources.append(Source(file="alt.toml"))
    assert sources_label(consensus).endswith(", alt")


def test_compare_columns_use_the_perspective(mini_pack: Pack) -> None:
    same = [Respondent(name="Rat", role="Stadt")]
    items = [
        ("a.toml", make_assessment(mini_pack, respondents=same, perspective="Leitung")),
        ("b.toml", make_assessment(mini_pack, respondents=same, perspective="Beirat")),
        ("c.toml", make_assessment(mini_pack, respondents=same)),
    ]
    assert [p.label for p in compare(mini_pack, items).perspectives] == [
        "Leitung",
        "Beirat",
        "Stadt",
    ]


def _never_light(*args: object) -> None:
    raise store._NotLight


def test_listing_carries_label_and_sources(
    tmp_path: Path, mini_pack: Pack, mini_pack_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = mini_pack_dir.parent
    save_assessment(make_assessment(mini_pack, perspective="Leitung"), tmp_path / "a.toml")
    save_assessment(make_assessment(mini_pack, respondents=[]), tmp_path / "b.toml")
    sources = [(tmp_path / "a.toml", load_assessment(tmp_path / "a.toml"))]
    save_assessment(merge(mini_pack, sources, {}), tmp_path / "c.toml")
    by_name = {e.path.name: e for e in list_assessments(tmp_path, root)}
    assert by_name["a.toml"].label == "Leitung"
    assert by_name["b.toml"].label == "b"
    assert (by_name["c.toml"].label, by_name["c.toml"].sources) == (CONSENSUS_LABEL, "Leitung")
    # The index keeps them, and the full (slow) check says the same as the light one.
    again = {e.path.name: e for e in list_assessments(tmp_path, root)}
    assert again == by_name
    monkeypatch.setattr(store, "_light_summary", _never_light)
    for name, entry in by_name.items():
        full = read_listing(tmp_path / name, root)
        assert (full.label, full.sources) == (entry.label, entry.sources)


# --------------------------------------------------------------------------- file names


def test_new_files_are_named_by_session_date(tmp_path: Path, mini_pack: Pack) -> None:
    assert new_assessment_path(tmp_path, "Musterstadt", date(2027, 1, 15)).name == (
        "musterstadt-2027-01-15.toml"
    )
    session = EditSession.create(
        tmp_path,
        mini_pack,
        municipality="Musterstadt",
        kind="Stadt",
        session_date=date(2027, 1, 15),
        perspective="Integrationsbeirat",
    )
    session.close()
    assert session.path.name == "musterstadt-integrationsbeirat-2027-01-15.toml"
    assert load_assessment(session.path).perspective == "Integrationsbeirat"


# --------------------------------------------------------------------------- housekeeping


@pytest.fixture
def saved(tmp_path: Path, mini_pack: Pack) -> Path:
    path = tmp_path / "musterstadt.toml"
    assessment = make_assessment(mini_pack)
    save_assessment(assessment, path)
    assessment.set_answer("alpha", "al-01", 2)
    save_assessment(assessment, path)  # now it has a backup
    assert backup_path(path).exists()
    return path


@pytest.fixture
def locked_elsewhere(saved: Path):  # type: ignore[no-untyped-def]
    """``saved`` held open as by a second window (its own lock on the sidecar)."""
    lock = AssessmentLock(saved)
    assert lock.acquire()
    yield saved
    lock.release()


def test_rename_moves_file_and_backup(saved: Path) -> None:
    content = saved.read_bytes()
    target = rename_assessment(saved, "  musterstadt-beirat ")
    assert target == saved.with_name("musterstadt-beirat.toml")
    assert target.read_bytes() == content and not saved.exists()
    assert backup_path(target).exists() and not backup_path(saved).exists()
    assert not lock_path(saved).exists()
    assert rename_assessment(target, "zurueck.toml").name == "zurueck.toml"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("", "Kein Dateiname"),
        ("../anderswo", "kein Pfad"),
        ("/tmp/x", "kein Pfad"),
        ("unter/ordner", "kein Pfad"),
        ("a\\b", "kein Pfad"),
        (".versteckt", "Punkt"),
        ("zeile\nzwei", "Steuerzeichen"),
        ("x" * 300, "zu lang"),
    ],
)
def test_rename_and_copy_refuse_paths_and_odd_names(saved: Path, name: str, reason: str) -> None:
    for operation in (rename_assessment, copy_assessment):
        with pytest.raises(HousekeepingError) as caught:
            operation(saved, name)
        assert reason in str(caught.value)
    assert sorted(p.name for p in saved.parent.iterdir()) == sorted(
        [saved.name, backup_path(saved).name]
    )


def test_rename_and_copy_never_overwrite(saved: Path) -> None:
    other = saved.with_name("andere.toml")
    other.write_text("bleibt", encoding="utf-8")
    for operation in (rename_assessment, copy_assessment):
        with pytest.raises(HousekeepingError, match="gibt es schon"):
            operation(saved, "andere")
    assert other.read_text(encoding="utf-8") == "bleibt"
    assert saved.exists()


def test_copy_is_identical_and_independent(saved: Path) -> None:
    copy = copy_assessment(saved, "musterstadt-kopie")
    assert copy.read_bytes() == saved.read_bytes()
    assert not backup_path(copy).exists()
    assert not [p for p in saved.parent.iterdir() if p.name.endswith(".kopie")]


def test_trash_moves_into_the_recycle_folder(saved: Path) -> None:
    content = saved.read_bytes()
    first = trash_assessment(saved)
    assert first == saved.parent / TRASH_NAME / saved.name
    assert first.read_bytes() == content and not saved.exists()
    assert backup_path(first).exists()
    # The same name again: the first one in the recycle folder is kept.
    saved.write_bytes(content)
    second = trash_assessment(saved)
    assert second.name == "musterstadt-2.toml" and first.read_bytes() == content
    assert list_assessments(saved.parent) == []  # the recycle folder is not listed


def test_open_file_is_neither_renamed_nor_trashed(locked_elsewhere: Path) -> None:
    path = locked_elsewhere
    with pytest.raises(HousekeepingError, match="anderen Fenster"):
        rename_assessment(path, "neu")
    with pytest.raises(HousekeepingError, match="anderen Fenster"):
        trash_assessment(path)
    assert path.exists() and not path.with_name("neu.toml").exists()
    assert not (path.parent / TRASH_NAME).exists()
    # Copying only reads, so it works while the file is open elsewhere.
    assert copy_assessment(path, "kopie").read_bytes() == path.read_bytes()
