"""Nothing lost, nothing hung, nothing injected: every path from a file to the core."""

from __future__ import annotations

import os
import re
import signal
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import make_assessment
from weltoffen_tui.cli import main
from weltoffen_tui.core.errors import AssessmentFileError
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.storage.editing import EditSession
from weltoffen_tui.core.storage.listing import list_assessments
from weltoffen_tui.core.storage.opening import open_assessment
from weltoffen_tui.core.storage.store import load_assessment, read_text, save_assessment
from weltoffen_tui.paths import sample_path

# --------------------------------------------------------------------------- saving


def test_save_keeps_the_permission_mode(mini_pack: Pack, tmp_path: Path) -> None:
    path = tmp_path / "geteilt.toml"
    save_assessment(make_assessment(mini_pack), path)
    os.chmod(path, 0o664)  # a shared folder: the group may read and write
    save_assessment(make_assessment(mini_pack, municipality="Zweitort"), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o664
    assert load_assessment(path).municipality == "Zweitort"


def test_new_file_gets_the_umask_mode(mini_pack: Pack, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = tmp_path / "neu.toml"
        save_assessment(make_assessment(mini_pack), path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_save_through_a_symlink_writes_the_target(mini_pack: Pack, tmp_path: Path) -> None:
    synced = tmp_path / "sync"
    synced.mkdir()
    real = synced / "echt.toml"
    save_assessment(make_assessment(mini_pack), real)
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    save_assessment(make_assessment(mini_pack, municipality="Über Link"), link)
    assert link.is_symlink()
    assert load_assessment(real).municipality == "Über Link"
    assert (synced / "echt.toml.bak").is_file()


@pytest.mark.parametrize("length", [251, 255])
def test_a_file_name_at_the_limit_can_be_saved(
    mini_pack: Pack, tmp_path: Path, length: int
) -> None:
    from weltoffen_tui.core.atomic import temp_prefix
    from weltoffen_tui.core.storage.editing import EditSession

    path = tmp_path / ("ä" * ((length - 5) // 2) + "x" * ((length - 5) % 2) + ".toml")
    assert len(os.fsencode(path.name)) == length
    save_assessment(make_assessment(mini_pack), path)
    save_assessment(make_assessment(mini_pack, municipality="Zweimal"), path)
    assert load_assessment(path).municipality == "Zweimal"
    backups = [p for p in tmp_path.iterdir() if p.name.endswith(".bak")]
    assert len(backups) == 1 and load_assessment(backups[0]).municipality == "Musterhausen"
    stale = tmp_path / f"{temp_prefix(path)}abcdefgh.tmp"  # left by a killed writer
    stale.write_text("halb")
    EditSession.open(path, load_assessment(path), mini_pack).close()
    assert not stale.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == sorted(
        [path.name, backups[0].name]
    )


def test_what_can_be_saved_can_be_read(mini_pack: Pack, tmp_path: Path) -> None:
    from weltoffen_tui.core.errors import StoreError
    from weltoffen_tui.core.storage.store import MAX_FILE_BYTES

    path = tmp_path / "lang.toml"
    assessment = make_assessment(mini_pack)
    save_assessment(assessment, path)
    before = path.read_bytes()
    assessment.set_answer("alpha", "al-01", 2, note="Beleg " * (MAX_FILE_BYTES // 6 + 10))
    with pytest.raises(StoreError) as caught:
        save_assessment(assessment, path)
    message = str(caught.value)
    assert "zu groß" in message and "Notizen" in message and str(path) in message
    assert path.read_bytes() == before
    assert assessment.answer("alpha", "al-01").note.startswith("Beleg")  # type: ignore[union-attr]
    assessment.set_answer("alpha", "al-01", note="Beleg " * (MAX_FILE_BYTES // 8))
    save_assessment(assessment, path)  # just under the limit: saved, and read again
    assert load_assessment(path).answer("alpha", "al-01") == assessment.answer("alpha", "al-01")


def test_header_says_comments_are_not_kept(mini_pack: Pack, tmp_path: Path) -> None:
    path = tmp_path / "kommentiert.toml"
    save_assessment(make_assessment(mini_pack), path)
    path.write_text(path.read_text(encoding="utf-8") + "# meine Anmerkung\n", encoding="utf-8")
    save_assessment(load_assessment(path), path)
    text = path.read_text(encoding="utf-8")
    assert "# meine Anmerkung" not in text  # tomli-w rewrites the file
    header = "".join(line for line in text.splitlines(keepends=True) if line.startswith("#"))
    assert "Kommentare" in header and "verloren" in header and "Notiz" in header


# --------------------------------------------------------------------------- reading


@pytest.fixture
def watchdog() -> Iterator[None]:
    """Turn a hang into a failure instead of a stuck test run (not a timing assert)."""

    def hung(signum: int, frame: object) -> None:
        raise AssertionError("blockiert: das Lesen hat nicht zurückgekehrt")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(30)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _sample_text() -> str:
    return sample_path().read_text(encoding="utf-8")


def test_a_named_pipe_as_input_is_refused_at_once(
    tmp_path: Path, watchdog: None, capsys: pytest.CaptureFixture[str]
) -> None:
    pipe = tmp_path / "pipe.toml"
    os.mkfifo(pipe)
    assert main(["report", str(pipe)]) == 2
    err = capsys.readouterr().err
    assert str(pipe) in err and "keine gewöhnliche Datei" in err


def test_a_device_is_refused_without_reading_it(tmp_path: Path, watchdog: None) -> None:
    with pytest.raises(AssessmentFileError) as caught:
        read_text(Path("/dev/zero"))
    assert "keine gewöhnliche Datei" in str(caught.value)


def test_pipes_devices_and_odd_names_in_the_data_folder(tmp_path: Path, watchdog: None) -> None:
    (tmp_path / "gut.toml").write_text(_sample_text(), encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.toml")
    (tmp_path / "geraet.toml").symlink_to("/dev/zero")
    odd = os.path.join(os.fsencode(tmp_path), b"ort-\xff.toml")
    with open(odd, "wb") as handle:
        handle.write(_sample_text().encode("utf-8"))
    for _ in range(2):  # cold, then with the index
        entries = {os.fsencode(e.path.name): e for e in list_assessments(tmp_path)}
        assert not entries[b"gut.toml"].error
        for name in (b"pipe.toml", b"geraet.toml", b"ort-\xff.toml"):
            assert entries[name].error, name
        assert "ort-\\xff.toml" in entries[b"ort-\xff.toml"].error
        entries[b"ort-\xff.toml"].error.encode("utf-8")  # can be printed


def test_listing_command_with_odd_entries(
    tmp_path: Path, watchdog: None, capsys: pytest.CaptureFixture[str]
) -> None:
    os.mkfifo(tmp_path / "pipe.toml")
    with open(os.path.join(os.fsencode(tmp_path), b"\xfe.toml"), "wb") as handle:
        handle.write(b"x = 1\n")
    assert main(["--data-dir", str(tmp_path), "list"]) == 0
    assert capsys.readouterr().out.count("nicht lesbar") == 2


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "notepad.toml"
    path.write_bytes(b"\xef\xbb\xbf" + _sample_text().encode("utf-8"))
    assessment, _ = open_assessment(path)
    assert assessment.municipality == "Musterstadt"
    (entry,) = list_assessments(tmp_path)
    assert not entry.error and entry.municipality == "Musterstadt"


def test_deep_nesting_gives_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "tief.toml"
    path.write_text("a = " + "[" * 100_000, encoding="utf-8")
    assert main(["report", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "verschachtelt" in err and "Traceback" not in err
    (entry,) = list_assessments(tmp_path)
    assert "verschachtelt" in entry.error


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00", "9999-12-31T23:59:59"])
def test_extreme_naive_updated(
    tmp_path: Path, moment: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text = _sample_text()
    (tmp_path / "a.toml").write_text(
        re.sub(r"^updated = .*$", f"updated = {moment}", text, flags=re.M), encoding="utf-8"
    )
    (tmp_path / "b.toml").write_text(text, encoding="utf-8")
    names = [e.path.name for e in list_assessments(tmp_path)]
    assert names == (["b.toml", "a.toml"] if moment.startswith("0001") else ["a.toml", "b.toml"])
    assert main(["--data-dir", str(tmp_path), "list"]) == 0
    capsys.readouterr()
    assessment, pack = open_assessment(tmp_path / "a.toml")
    session = EditSession.open(tmp_path / "a.toml", assessment, pack)
    try:
        assert session.set_answer("management-steuerung", "ms-01", 1)
    finally:
        session.close()


def test_timeline_of_naive_and_offset_updated(shipped_pack: Pack) -> None:
    from weltoffen_tui.core.workshop.compare import timeline

    aware = load_assessment(sample_path())
    naive = aware.model_copy(update={"updated": aware.updated.replace(tzinfo=None)})
    result = timeline(shipped_pack, [("mit.toml", aware), ("ohne.toml", naive)])
    assert len(result.entries) == 2


# --------------------------------------------------------------------------- listing = opening

MEASURES = (
    '\n[[measures]]\nid = "m-001"\ntitle = "Leitbild"\n'
    '\n[[measures]]\nid = "m-001"\ntitle = "Noch einmal"\n'
)


def _sub(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return change


def _append(extra: str) -> Callable[[str], str]:
    return lambda text: text + extra


# name -> (change to the sample, words of the German message)
INVALID: dict[str, tuple[Callable[[str], str], tuple[str, ...]]] = {
    "kind wrong type": (_sub('kind = "Stadt"', "kind = 3"), ("kind",)),
    "value outside scale": (_sub("value = 3", "value = 5"), ("5",)),
    "note as number": (_sub('note = ""', "note = 7"), ("note",)),
    "unknown questionnaire": (
        _sub('questionnaire = "weltoffene-kommune"', 'questionnaire = "gibt-es-nicht"'),
        ("gibt-es-nicht", "nicht bekannt"),
    ),
    "questionnaire absolute path": (
        _sub('questionnaire = "weltoffene-kommune"', 'questionnaire = "/tmp/paket"'),
        ("/tmp/paket", "kein Pfad"),
    ),
    "questionnaire relative path": (
        _sub('questionnaire = "weltoffene-kommune"', 'questionnaire = "../weltoffene-kommune"'),
        ("../weltoffene-kommune", "kein Pfad"),
    ),
    "newer schema": (_sub("schema_version = 1", "schema_version = 7"), ("neueren Version",)),
    "schema as bool": (_sub("schema_version = 1", "schema_version = true"), ("ganze Zahl",)),
    "updated as epoch": (
        _sub("updated = 2026-03-12 12:41:00+01:00", "updated = 1700000000"),
        ("Datum", "Zahl"),
    ),
    "session date as text": (
        _sub("session_date = 2026-03-12", 'session_date = "März"'),
        ("Datum",),
    ),
    "consultant as list": (
        _sub('consultant = "Dana Roth (externe Moderation)"', 'consultant = ["Dana Roth"]'),
        ("Text erwartet",),
    ),
    "duplicate measure ids": (_append(MEASURES), ("m-001", "doppelt")),
    "measure status": (
        _append('\n[[measures]]\nid = "m-1"\ntitle = "T"\nstatus = "fertig"\n'),
        ("fertig",),
    ),
    "source without file": (_append('\n[[sources]]\nmunicipality = "X"\n'), ("file",)),
}


@pytest.mark.parametrize("case", sorted(INVALID))
def test_listing_agrees_with_opening(tmp_path: Path, case: str) -> None:
    change, words = INVALID[case]
    path = tmp_path / "fall.toml"
    path.write_text(change(_sample_text()), encoding="utf-8")
    (tmp_path / "gut.toml").write_text(_sample_text(), encoding="utf-8")
    with pytest.raises(AssessmentFileError) as caught:
        open_assessment(path)
    problem = caught.value.problems[0]
    assert problem.line is not None and problem.file == path, problem
    for word in words:
        assert word in str(caught.value), (word, str(caught.value))
    for _ in range(2):  # cold, then from the index
        entries = {e.path.name: e for e in list_assessments(tmp_path)}
        assert entries["fall.toml"].error == str(problem)
        assert not entries["gut.toml"].error


def test_progress_never_exceeds_the_pack(tmp_path: Path, shipped_pack: Pack) -> None:
    extra = (
        "".join(f"\n[answers.entfallen.alt-{n:02d}]\nvalue = 2\n" for n in range(1, 6))
        + '\n[answers.management-steuerung.ms-99]\nvalue = "weiss_nicht"\n'
    )
    (tmp_path / "alt.toml").write_text(_sample_text() + extra, encoding="utf-8")
    (entry,) = list_assessments(tmp_path)
    assert not entry.error
    from weltoffen_tui.core.storage.listing import question_totals, total_for

    applicable = total_for(entry, question_totals([entry]))
    assert shipped_pack.question_count() == 105
    assert entry.answered == applicable == 104  # io-16 does not apply to a kreisangehörige Stadt
    assert entry.unknown_answers == 6
    (entry,) = list_assessments(tmp_path)  # from the index
    assert (entry.answered, entry.unknown_answers) == (104, 6)
    assert open_assessment(tmp_path / "alt.toml")[0].answer("entfallen", "alt-01") is not None


def test_questionnaire_path_never_loads_a_pack(tmp_path: Path) -> None:
    from tests.conftest import write_mini_pack

    write_mini_pack(tmp_path / "fremd")
    text = _sample_text().replace(
        'questionnaire = "weltoffene-kommune"', f'questionnaire = "{tmp_path / "fremd"}"'
    )
    path = tmp_path / "pfad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AssessmentFileError) as caught:
        open_assessment(path)
    assert caught.value.problems[0].path == "questionnaire"
    assessment = load_assessment(sample_path()).model_copy(update={"questionnaire": "../x"})
    from weltoffen_tui.core.storage.opening import pack_for

    with pytest.raises(AssessmentFileError):
        pack_for(assessment, path)


def test_measure_statuses_agree() -> None:
    from weltoffen_tui.core.assessment import MEASURE_STATUSES
    from weltoffen_tui.core.storage import store

    assert store._MEASURE_STATUSES == MEASURE_STATUSES


# --------------------------------------------------------------------------- comparing


def test_one_town_in_nfc_and_nfd(shipped_pack: Pack) -> None:
    import unicodedata

    from weltoffen_tui.core.workshop.compare import compatibility, timeline

    first = load_assessment(sample_path())
    first.municipality = unicodedata.normalize("NFC", "Köln")
    second = first.model_copy(deep=True)
    second.municipality = unicodedata.normalize("NFD", " köln ")
    second.set_answer("management-steuerung", "ms-01", 1)
    assert compatibility([("a.toml", first), ("b.toml", second)]) == []
    assert len(timeline(shipped_pack, [("a.toml", first), ("b.toml", second)]).entries) == 2


def test_the_same_file_twice_gets_a_note(shipped_pack: Pack, tmp_path: Path) -> None:
    from weltoffen_tui.core.workshop.compare import compare, timeline

    one = load_assessment(sample_path())
    copy = tmp_path / "kopie.toml"
    copy.write_bytes(sample_path().read_bytes())
    twin = load_assessment(copy)
    notes = compare(shipped_pack, [("musterstadt.toml", one), ("musterstadt.toml", one)]).notes
    assert any("musterstadt.toml" in n and "zweimal" in n for n in notes), notes
    notes = timeline(shipped_pack, [("musterstadt.toml", one), ("kopie.toml", twin)]).notes
    assert any("kopie.toml" in n and "inhaltsgleich" in n for n in notes), notes
    other = twin.model_copy(deep=True)
    other.set_answer("management-steuerung", "ms-01", 1)
    assert compare(shipped_pack, [("a.toml", one), ("b.toml", other)]).notes == ()


# --------------------------------------------------------------------------- one writer


@pytest.fixture
def opened(mini_pack: Pack, tmp_path: Path) -> Iterator[EditSession]:
    folder = tmp_path / "ordner"
    session = EditSession.create(folder, mini_pack, municipality="Eins", kind="Stadt")
    yield session
    session.close()


def _second(session: EditSession) -> EditSession:
    return EditSession.open(session.path, load_assessment(session.path), session.pack)


def test_deleted_lock_file_never_gives_two_writers(opened: EditSession) -> None:
    from weltoffen_tui.core.storage.locking import lock_path

    lock_path(opened.path).unlink()
    other = _second(opened)  # finds no lock and takes a new one
    try:
        assert not other.read_only
        assert not opened.set_answer("alpha", "al-01", 2)
        assert opened.read_only and "anderes Fenster" in " ".join(opened.take_notices())
        assert other.set_answer("alpha", "al-02", 3)
        stored = load_assessment(other.path)
        assert stored.answer("alpha", "al-01") is None and stored.answer("alpha", "al-02")
    finally:
        other.close()


def test_deleted_lock_file_is_taken_again(opened: EditSession) -> None:
    from weltoffen_tui.core.storage.locking import lock_path

    lock_path(opened.path).unlink()
    assert opened.set_answer("alpha", "al-01", 2)
    assert lock_path(opened.path).is_file()
    later = _second(opened)
    later.close()
    assert later.read_only


def test_deleted_folder_is_recreated_and_locked_again(opened: EditSession) -> None:
    import shutil

    shutil.rmtree(opened.path.parent)
    assert opened.set_answer("alpha", "al-01", 2)
    assert load_assessment(opened.path).answer("alpha", "al-01") is not None
    later = _second(opened)
    later.close()
    assert later.read_only


def test_a_touch_is_not_a_conflict(opened: EditSession) -> None:
    path = opened.path
    before = path.stat()
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 5_000_000_000))
    assert opened.set_answer("alpha", "al-01", 2)
    assert opened.path == path and opened.take_notices() == []
    assert not list(path.parent.glob("*konflikt*"))
    path.write_text(path.read_text(encoding="utf-8").replace("Eins", "Zwei"), encoding="utf-8")
    assert opened.set_answer("alpha", "al-02", 2)
    assert opened.path != path and "konflikt" in opened.path.name  # a real change still is


def test_what_can_be_read_can_be_saved_however_deep(tmp_path: Path) -> None:
    from weltoffen_tui.core.errors import StoreError

    path = tmp_path / "tief.toml"
    nested = "[" * 400 + "]" * 400  # tomllib reads this; saving it again would overflow
    path.write_text(_sample_text().replace('kind = "Stadt"', f'kind = "Stadt"\nx = {nested}'))
    with pytest.raises(AssessmentFileError, match="verschachtelt"):
        load_assessment(path)
    (entry,) = list_assessments(tmp_path)
    assert "verschachtelt" in entry.error
    assessment = load_assessment(sample_path())
    deep: list[object] = []
    for _ in range(5000):
        deep = [deep]
    assert assessment.__pydantic_extra__ is not None
    assessment.__pydantic_extra__["x"] = deep
    before = path.read_bytes()
    with pytest.raises(StoreError, match="verschachtelt"):
        save_assessment(assessment, path)
    assert path.read_bytes() == before
