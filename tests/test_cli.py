"""Every command of ``weltoffen``, as a user would call it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import write_mini_pack
from weltoffen_tui.cli import main
from weltoffen_tui.core.pack.models import Pack
from weltoffen_tui.core.storage.store import load_assessment, save_assessment
from weltoffen_tui.paths import sample_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_help_lists_every_command_in_german(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    for command in ("open", "demo", "report", "questionnaire", "validate", "list"):
        assert command in out
    assert "Aufruf:" in out and "Optionen" in out and "usage" not in out


def test_unknown_command_is_explained_in_german(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["zaubern"])
    assert info.value.code == 2
    assert "ungültige Auswahl" in capsys.readouterr().err


def test_demo_report_prints_all_fields(
    capsys: pytest.CaptureFixture[str], shipped_pack: Pack
) -> None:
    code, out, _ = run(capsys, "demo", "--report")
    assert code == 0
    assert "Musterstadt" in out
    for action_field in shipped_pack.fields:
        assert action_field.title in out
    assert "Anregungen zur Weiterarbeit" in out and "Wissenslücken" in out


def test_report_exports(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, sample_copy: Path, shipped_pack: Pack
) -> None:
    before = sample_copy.read_bytes()
    md, html_file, js = tmp_path / "b.md", tmp_path / "b.html", tmp_path / "b.json"
    assert run(capsys, "report", str(sample_copy), "--format", "markdown", "-o", str(md))[0] == 0
    assert run(capsys, "report", str(sample_copy), "-o", str(html_file))[0] == 0
    assert run(capsys, "report", str(sample_copy), "--format", "json", "-o", str(js))[0] == 0
    assert sample_copy.read_bytes() == before
    assert md.read_text().startswith("# Selbstcheck Weltoffene Kommune: Musterstadt")
    page = html_file.read_text()
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    assert "<script" not in page and "http" not in page.split("<body>")[0]
    data = json.loads(js.read_text())
    assert [f["id"] for f in data["fields"]] == [f.id for f in shipped_pack.fields]
    for entry in data["fields"]:
        assert entry["level"] is None or entry["level"] in {
            lv.id for lv in shipped_pack.meta.levels
        }
    assert all(r["id"] in shipped_pack.recommendations for r in data["recommendations"])


def test_report_format_to_stdout(capsys: pytest.CaptureFixture[str], sample_copy: Path) -> None:
    code, out, _ = run(capsys, "report", str(sample_copy), "--format", "json")
    assert code == 0 and json.loads(out)["assessment"]["municipality"] == "Musterstadt"


def test_report_of_broken_file_is_one_clear_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, sample_copy: Path
) -> None:
    text = sample_copy.read_text().replace("value = 3", "value = 9", 1)
    sample_copy.write_text(text)
    code, out, err = run(capsys, "report", str(sample_copy))
    assert code == 2 and out == ""
    (line,) = err.strip().splitlines()
    line_number = text.splitlines().index("value = 9") + 1
    assert f"{sample_copy}:{line_number}" in line and "9" in line and "Traceback" not in err
    assert sample_copy.read_text() == text


def test_report_of_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "report", str(tmp_path / "nix.toml"))
    assert code == 2 and "nicht gefunden" in err


def test_report_of_unknown_questionnaire(
    capsys: pytest.CaptureFixture[str], sample_copy: Path
) -> None:
    sample_copy.write_text(
        sample_copy.read_text().replace(
            'questionnaire = "weltoffene-kommune"', 'questionnaire = "anderer-check"'
        )
    )
    code, _, err = run(capsys, "report", str(sample_copy))
    assert code == 2 and "anderer-check" in err and "nicht bekannt" in err


def test_questionnaire_exports(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, shipped_pack: Pack
) -> None:
    code, out, _ = run(capsys, "questionnaire")
    assert code == 0
    for _, question in shipped_pack.iter_questions():
        assert question.id in out
    assert "☐\u00a0Weiß\u00a0nicht" in out
    target = tmp_path / "fragebogen.html"
    assert run(capsys, "questionnaire", "--format", "html", "-o", str(target))[0] == 0
    assert "Handlungsfeld 7" in target.read_text()
    code, out, _ = run(capsys, "questionnaire", "--format", "json")
    data = json.loads(out)
    assert len(data["fields"]) == 7
    assert data["allowed_values"] == [1, 2, 3, 4, "weiss_nicht", "trifft_nicht_zu"]
    fairer = next(f for f in data["fields"] if f["id"] == "fairer-zugang")
    assert all(q["group"] for q in fairer["questions"])


def test_validate_shipped_and_broken_pack(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "validate")
    assert code == 0 and "gültig" in out and "7 Handlungsfelder" in out
    broken = write_mini_pack(tmp_path / "kaputt")
    (broken / "fields" / "alpha.toml").write_text("id = \n")
    code, out, _ = run(capsys, "validate", str(broken))
    assert code == 1 and "alpha.toml:1" in out and "1 Problem(e)" in out


def test_list_shows_progress(
    capsys: pytest.CaptureFixture[str], data_dir: Path, shipped_pack: Pack
) -> None:
    code, out, _ = run(capsys, "list")
    assert code == 0 and "Keine Einschätzungen" in out
    assessment = load_assessment(sample_path())
    save_assessment(assessment, data_dir / "musterstadt.toml")
    (data_dir / "kaputt.toml").write_text("x = = 1")
    code, out, _ = run(capsys, "list")
    assert code == 0
    # counted against the questions that apply to a kreisangehörige Stadt (not io-16)
    from weltoffen_tui.core.applicability import skipped_count

    applying = shipped_pack.question_count() - skipped_count(shipped_pack, "Stadt", False)
    assert "Musterstadt" in out and f"{applying}/{applying}" in out
    assert "nicht lesbar" in out


def test_data_dir_option_beats_environment(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    other = tmp_path / "anders"
    other.mkdir()
    save_assessment(load_assessment(sample_path()), other / "m.toml")
    _, out_env, _ = run(capsys, "list")
    _, out_opt, _ = run(capsys, "--data-dir", str(other), "list")
    _, out_sub, _ = run(capsys, "list", "--data-dir", str(other))
    assert "Keine Einschätzungen" in out_env
    assert "Musterstadt" in out_opt and "Musterstadt" in out_sub


def test_open_of_broken_file_fails_before_the_tui(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = tmp_path / "x.toml"
    broken.write_text("municipality = ")
    code, _, err = run(capsys, "open", str(broken))
    assert code == 2 and "x.toml:1" in err


def test_console_script_and_module_entry_points(tmp_path: Path) -> None:
    """The installed ``weltoffen`` command (pyproject's [project.scripts]) and ``python -m``."""
    script = Path(sys.executable).with_name("weltoffen")
    assert script.is_file(), f"{script} fehlt: pip install -e . erneut ausführen"
    for command in ([str(script)], [sys.executable, "-m", "weltoffen_tui"]):
        result = subprocess.run(
            [*command, "--version"], capture_output=True, text=True, cwd=tmp_path
        )
        assert result.returncode == 0, (command, result.stderr)
        assert result.stdout.startswith("weltoffen "), (command, result.stdout)
        listed = subprocess.run(
            [*command, "--data-dir", str(tmp_path), "list"],
            capture_output=True,
            text=True,
            cwd=tmp_path,
        )
        assert listed.returncode == 0, (command, listed.stderr)
        assert "Keine Einschätzungen" in listed.stdout, (command, listed.stdout)


def test_markup_in_notes_is_shown_literally(
    capsys: pytest.CaptureFixture[str], sample_copy: Path
) -> None:
    assessment = load_assessment(sample_copy)
    assessment.municipality = "[bold]Musterstadt[/]"
    assessment.set_answer("management-steuerung", "ms-01", 1, note="Siehe [red]Beschluss[/red] ")
    save_assessment(assessment, sample_copy)
    code, out, _ = run(capsys, "report", str(sample_copy))
    assert code == 0 and "[bold]Musterstadt[/]" in out
    # Notes are in the full version (the handout has no answers).
    _, md, _ = run(capsys, "report", str(sample_copy), "--format", "markdown", "--vollständig")
    assert "Siehe \\[red\\]Beschluss\\[/red\\]" in md
    _, page, _ = run(capsys, "report", str(sample_copy), "--format", "html", "--vollstaendig")
    assert "[red]Beschluss[/red]" in page


SAMPLES = sample_path().parent
PERSPECTIVES = [
    str(SAMPLES / f"musterstadt-{name}.toml")
    for name in ("verwaltungsleitung", "integrationsbuero", "integrationsbeirat")
]


def test_compare_shows_fields_questions_and_discussion_points(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, shipped_pack: Pack
) -> None:
    code, out, _ = run(capsys, "compare", *PERSPECTIVES)
    assert code == 0
    assert "Punkte je Handlungsfeld" in out and "Diskussionspunkte" in out
    target = tmp_path / "vergleich.md"
    assert run(capsys, "compare", *PERSPECTIVES, "-o", str(target))[0] == 0
    text = target.read_text()
    assert "## Antworten je Frage" in text
    for _, question in shipped_pack.iter_questions():
        assert f"**{question.id}**" in text


def test_timeline_agenda_and_actionplan_commands(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(
        capsys, "timeline", str(SAMPLES / "musterstadt-2025.toml"), str(sample_path())
    )
    assert code == 0 and "gestiegen" in out
    agenda = tmp_path / "tagesordnung.html"
    assert run(capsys, "agenda", *PERSPECTIVES, "-o", str(agenda))[0] == 0
    assert "<!DOCTYPE html>" in agenda.read_text() and "World Café" in agenda.read_text()
    plan = tmp_path / "plan.csv"
    assert run(capsys, "actionplan", str(sample_path()), "-o", str(plan))[0] == 0
    assert plan.read_bytes().startswith(b"\xef\xbb\xbf")


def test_timeline_of_different_municipalities_is_refused(
    capsys: pytest.CaptureFixture[str], sample_copy: Path
) -> None:
    sample_copy.write_text(
        sample_copy.read_text().replace('municipality = "Musterstadt"', 'municipality = "Anderswo"')
    )
    code, _, err = run(capsys, "timeline", str(SAMPLES / "musterstadt-2025.toml"), str(sample_copy))
    assert code == 2 and "Kommune" in err and "Traceback" not in err


def test_tui_needs_a_terminal(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    assert main([]) == 2
    assert "Terminal" in capsys.readouterr().err


def test_plain_start_parses_as_the_parser_would() -> None:
    """``weltoffen`` without arguments skips building the parser (start-up): same result."""
    from weltoffen_tui.cli.entry import _parse
    from weltoffen_tui.cli.parser import build_parser

    # The same attributes and values (a plain namespace: argparse is not even imported).
    assert vars(_parse([])) == vars(build_parser().parse_args([]))
    assert _parse(["--data-dir", "x"]) == build_parser().parse_args(["--data-dir", "x"])
