"""The ``weltoffen`` command: argument parsing and dispatch only.

Heavy modules (Textual, pydantic, Rich) are imported inside the command that needs
them, so ``weltoffen --help`` and each command start quickly.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from weltoffen_tui import __version__
from weltoffen_tui.cli.german import install as install_german

if TYPE_CHECKING:
    from rich.console import Console

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USER_ERROR = 2
REPORT_FORMATS = ("markdown", "html", "json")
SUFFIX_FORMATS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".csv": "csv",
}


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=32)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command and its one-line purpose."""
    install_german()
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="ORDNER",
        default=argparse.SUPPRESS,
        help="Ordner der Einschätzungen (sonst WELTOFFEN_DATA_DIR oder der Benutzerordner)",
    )
    parser = argparse.ArgumentParser(
        prog="weltoffen",
        description=(
            "Selbstcheck Weltoffene Kommune im Terminal. Ohne Befehl öffnet sich die "
            "Startseite mit Ihren Einschätzungen."
        ),
        epilog="Hilfe zu einem Befehl: weltoffen BEFEHL --help",
        formatter_class=_HelpFormatter,
        parents=[common],
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"weltoffen {__version__}",
        help="Versionsnummer zeigen und beenden",
    )
    commands = parser.add_subparsers(dest="command", title="Befehle", metavar="BEFEHL")

    def add(name: str, summary: str) -> argparse.ArgumentParser:
        return commands.add_parser(
            name,
            help=summary,
            description=summary,
            parents=[common],
            formatter_class=_HelpFormatter,
        )

    add("start", "Startseite öffnen: Einschätzungen, neuer Selbstcheck, Wissensbibliothek")
    p_open = add("open", "eine Einschätzung in der Oberfläche öffnen und weiterbearbeiten")
    p_open.add_argument("file", metavar="DATEI", help="Einschätzungsdatei (.toml)")

    p_demo = add(
        "demo",
        "Beispielkommune öffnen (Kopien aller Beispiele in einem temporären Ordner: "
        "Gesamteinschätzung, drei Perspektiven, Vorjahr)",
    )
    p_demo.add_argument(
        "--report", action="store_true", help="nur die Auswertung der Beispielkommune ausgeben"
    )

    p_report = add("report", "Auswertung einer Einschätzung ausgeben oder exportieren")
    p_report.add_argument("file", metavar="DATEI", help="Einschätzungsdatei (.toml)")
    p_report.add_argument(
        "--format",
        choices=REPORT_FORMATS,
        help="Exportformat (ohne Angabe: Darstellung im Terminal oder nach Endung von -o)",
    )
    p_report.add_argument("-o", "--output", metavar="ZIEL", help="in diese Datei schreiben")

    p_q = add("questionnaire", "leeren Fragebogen zum Ausdrucken oder als JSON ausgeben")
    p_q.add_argument(
        "--format",
        choices=REPORT_FORMATS,
        default=None,
        help="Format (Standard: markdown, oder nach Endung von -o)",
    )
    p_q.add_argument("-o", "--output", metavar="ZIEL", help="in diese Datei schreiben")

    p_validate = add("validate", "ein Fragebogen-Paket prüfen und jedes Problem nennen")
    p_validate.add_argument(
        "pack_dir",
        nargs="?",
        metavar="PAKETORDNER",
        help="Ordner des Pakets (Standard: das mitgelieferte Paket)",
    )

    add("list", "Einschätzungen im Datenordner mit Kommune, Datum und Fortschritt zeigen")

    p_compare = add(
        "compare", "Perspektiven nebeneinander: Punkte je Feld, Streuung, Diskussionspunkte"
    )
    p_compare.add_argument("files", nargs="+", metavar="DATEI", help="zwei oder mehr Dateien")
    _add_document_output(p_compare)
    p_timeline = add("timeline", "Veränderung über die Zeit: Einschätzungen derselben Kommune")
    p_timeline.add_argument("files", nargs="+", metavar="DATEI", help="zwei oder mehr Dateien")
    _add_document_output(p_timeline)
    p_agenda = add("agenda", "Tagesordnung für eine Dialogveranstaltung entwerfen")
    p_agenda.add_argument("files", nargs="+", metavar="DATEI", help="eine oder mehr Dateien")
    _add_document_output(p_agenda)
    p_plan = add("actionplan", "Maßnahmenplan einer Einschätzung ausgeben oder exportieren")
    p_plan.add_argument("file", metavar="DATEI", help="Einschätzungsdatei (.toml)")
    p_plan.add_argument(
        "--format",
        choices=("markdown", "html", "csv"),
        help="Exportformat (ohne Angabe: Terminal oder nach Endung von -o)",
    )
    p_plan.add_argument("-o", "--output", metavar="ZIEL", help="in diese Datei schreiben")
    return parser


def _add_document_output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=("markdown", "html"),
        help="Exportformat (ohne Angabe: Terminal oder nach Endung von -o)",
    )
    parser.add_argument("-o", "--output", metavar="ZIEL", help="in diese Datei schreiben")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _dispatch(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        from weltoffen_tui.core.errors import UserError

        if isinstance(exc, UserError):
            _print_problems(exc)
            return EXIT_USER_ERROR
        log = _write_crash_log(exc)
        print(
            f"weltoffen: unerwarteter Fehler ({type(exc).__name__}). Ihre gespeicherten "
            f"Antworten sind unverändert. Details: {log}",
            file=sys.stderr,
        )
        return 3


def _dispatch(args: argparse.Namespace) -> int:
    command = args.command or "start"
    handlers = {
        "start": _cmd_start,
        "open": _cmd_open,
        "demo": _cmd_demo,
        "report": _cmd_report,
        "questionnaire": _cmd_questionnaire,
        "validate": _cmd_validate,
        "list": _cmd_list,
        "compare": _cmd_compare,
        "timeline": _cmd_timeline,
        "agenda": _cmd_agenda,
        "actionplan": _cmd_actionplan,
    }
    return handlers[command](args)


def _print_problems(error: Exception) -> None:
    problems = getattr(error, "problems", None) or []
    for problem in problems:
        print(f"weltoffen: {problem}", file=sys.stderr)


def _write_crash_log(exc: BaseException) -> str:
    import tempfile
    import traceback

    try:
        from platformdirs import user_log_dir

        directory = Path(user_log_dir("weltoffen-tui", appauthor=False))
        directory.mkdir(parents=True, exist_ok=True)
    except Exception:
        directory = Path(tempfile.gettempdir())
    path = directory / "fehlerbericht.txt"
    try:
        path.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
    except OSError:
        return "(kein Fehlerbericht möglich)"
    return str(path)


def _console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


def _data_dir(args: argparse.Namespace) -> Path:
    from weltoffen_tui.paths import data_dir

    return data_dir(getattr(args, "data_dir", None))


def _format_for(fmt: str | None, output: str | None, default: str | None) -> str | None:
    if fmt:
        return fmt
    if output:
        return SUFFIX_FORMATS.get(Path(output).suffix.lower(), default or "markdown")
    return default


def _write_output(text: str, output: str) -> None:
    """Write an export atomically (the same writer the TUI uses) and say where it went."""
    from weltoffen_tui.core.storage.exports import write_document

    target = write_document(Path(output).expanduser(), text)
    print(f"Geschrieben: {target}")


# --------------------------------------------------------------------------- commands


def _cmd_report(args: argparse.Namespace) -> int:
    from weltoffen_tui.core.storage.opening import open_assessment

    assessment, pack = open_assessment(Path(args.file))
    return _report(pack, assessment, args.format, args.output)


def _report(pack, assessment, fmt: str | None, output: str | None) -> int:  # type: ignore[no-untyped-def]
    from weltoffen_tui.core.scoring import evaluate

    profile = evaluate(pack, assessment)
    chosen = _format_for(fmt, output, None)
    if chosen is None:
        from weltoffen_tui.render.report import render_report

        # Redirected to a file or another program: one line per paragraph (soft wrap),
        # which greps well and saves the layout work; in a terminal: wrapped to its width.
        console = _console()
        console.print(render_report(pack, assessment, profile), soft_wrap=not console.is_terminal)
        return EXIT_OK
    from weltoffen_tui.render.export import render_report_as

    text = render_report_as(chosen, pack, assessment, profile)
    if output:
        _write_output(text, output)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _cmd_demo(args: argparse.Namespace) -> int:
    from weltoffen_tui.paths import sample_path

    if args.report:
        from weltoffen_tui.core.storage.opening import open_assessment

        assessment, pack = open_assessment(sample_path())
        return _report(pack, assessment, None, None)
    import shutil
    import tempfile

    directory = Path(tempfile.mkdtemp(prefix="weltoffen-demo-"))
    for sample in sample_path().parent.glob("*.toml"):
        shutil.copyfile(sample, directory / sample.name)
    return _run_tui(directory, open_file=directory / sample_path().name, demo=True)


def _cmd_questionnaire(args: argparse.Namespace) -> int:
    from weltoffen_tui.core.pack.load import load_pack
    from weltoffen_tui.render.export import render_questionnaire_as

    fmt = _format_for(args.format, args.output, "markdown") or "markdown"
    text = render_questionnaire_as(fmt, load_pack())
    if args.output:
        _write_output(text, args.output)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace) -> int:
    from weltoffen_tui.core.pack.check import validate_pack
    from weltoffen_tui.paths import default_pack_dir

    directory = Path(args.pack_dir) if args.pack_dir else default_pack_dir()
    pack, problems = validate_pack(directory)
    if pack is None:
        for problem in problems:
            print(problem)
        print(f"{len(problems)} Problem(e) gefunden in {directory}.")
        return EXIT_INVALID
    print(
        f"Paket „{pack.meta.title}“ (Version {pack.version}) ist gültig: "
        f"{len(pack.fields)} Handlungsfelder, {pack.question_count()} Fragen, "
        f"{len(pack.articles)} Wissensartikel, {len(pack.recommendations)} Anregungen."
    )
    return EXIT_OK


def _cmd_list(args: argparse.Namespace) -> int:
    from rich.table import Table
    from rich.text import Text

    from weltoffen_tui.core.labels import format_coverage
    from weltoffen_tui.core.pack.info import question_count
    from weltoffen_tui.core.storage.listing import list_assessments
    from weltoffen_tui.paths import default_pack_dir

    directory = _data_dir(args)
    entries = list_assessments(directory)
    console = _console()
    if not entries:
        console.print(Text(f"Keine Einschätzungen in {directory}. Neuer Selbstcheck: weltoffen"))
        return EXIT_OK
    total = question_count(default_pack_dir())
    table = Table(title=Text(f"Einschätzungen in {directory}"), title_justify="left")
    for column in ("Kommune", "Art", "Datum", "Fortschritt", "Zuletzt geändert", "Datei"):
        table.add_column(column)
    for entry in entries:
        if entry.error:
            table.add_row(Text("nicht lesbar", style="bold red"), "", "", "", "", Text(entry.error))
            continue
        table.add_row(
            Text(entry.municipality),
            entry.kind,
            entry.session_date,
            format_coverage(entry.answered, total),
            entry.updated.strftime("%Y-%m-%d %H:%M") if entry.updated else "",
            Text(entry.path.name),
        )
    console.print(table)
    return EXIT_OK


def _open_many(files: Sequence[str]):  # type: ignore[no-untyped-def]
    """Load several assessments; all must belong to one pack (explained otherwise)."""
    from weltoffen_tui.core.storage.opening import open_assessment

    loaded = [(Path(name), *open_assessment(Path(name))) for name in files]
    pack = loaded[0][2]
    items = [(path.name, assessment) for path, assessment, _ in loaded]
    return pack, items


def _print_notes(notes: Sequence[str]) -> None:
    for note in notes:
        print(f"Hinweis: {note}", file=sys.stderr)


def _document(
    markdown: str,
    title: str,
    fmt: str | None,
    output: str | None,
    renderable: object | None = None,
) -> int:
    """Show a document in the terminal, or write it as Markdown or HTML."""
    chosen = _format_for(fmt, output, None)
    if chosen is None:
        if renderable is None:
            from rich.markdown import Markdown

            renderable = Markdown(markdown)
        _console().print(renderable)
        return EXIT_OK
    text = markdown
    if chosen == "html":
        from weltoffen_tui.render.export import html_page, markdown_to_html

        text = html_page(title, markdown_to_html(markdown))
    if output:
        _write_output(text, output)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _cmd_compare(args: argparse.Namespace) -> int:
    from weltoffen_tui.core.workshop.compare import compare
    from weltoffen_tui.render.comparison import comparison_markdown, render_comparison

    pack, items = _open_many(args.files)
    comparison = compare(pack, items)
    _print_notes(comparison.notes)
    return _document(
        comparison_markdown(pack, comparison),
        "Vergleich der Perspektiven",
        args.format,
        args.output,
        render_comparison(pack, comparison),
    )


def _cmd_timeline(args: argparse.Namespace) -> int:
    from weltoffen_tui.core.workshop.compare import timeline
    from weltoffen_tui.render.comparison import render_timeline, timeline_markdown

    pack, items = _open_many(args.files)
    line = timeline(pack, items)
    _print_notes(line.notes)
    return _document(
        timeline_markdown(pack, line),
        "Veränderung über die Zeit",
        args.format,
        args.output,
        render_timeline(pack, line),
    )


def _cmd_agenda(args: argparse.Namespace) -> int:
    from weltoffen_tui.core.workshop.agenda import draft_agenda
    from weltoffen_tui.render.agenda import agenda_markdown

    pack, items = _open_many(args.files)
    agenda = draft_agenda(pack, items)
    _print_notes(agenda.notes)
    markdown = agenda_markdown(pack, agenda)
    return _document(markdown, "Tagesordnung Dialogveranstaltung", args.format, args.output)


def _cmd_actionplan(args: argparse.Namespace) -> int:
    from weltoffen_tui.core.storage.opening import open_assessment
    from weltoffen_tui.render.actionplan import actionplan_csv, actionplan_markdown

    assessment, pack = open_assessment(Path(args.file))
    chosen = _format_for(args.format, args.output, None)
    if chosen == "csv":
        text = actionplan_csv(pack, assessment)
        if args.output:
            _write_output(text, args.output)
        else:
            sys.stdout.write(text)
        return EXIT_OK
    return _document(
        actionplan_markdown(pack, assessment),
        f"Maßnahmenplan: {assessment.municipality}",
        chosen,
        args.output,
    )


def _cmd_start(args: argparse.Namespace) -> int:
    return _run_tui(_data_dir(args))


def _cmd_open(args: argparse.Namespace) -> int:
    from weltoffen_tui.core.storage.opening import open_assessment

    path = Path(args.file).expanduser()
    open_assessment(path)  # fail early, on the command line, with exit code 2
    return _run_tui(path.parent, open_file=path)


def _run_tui(data_dir: Path, open_file: Path | None = None, demo: bool = False) -> int:
    if not sys.stdout.isatty() and not os.environ.get("WELTOFFEN_FORCE_TUI"):
        print(
            "weltoffen: die Oberfläche braucht ein Terminal. Für Ausgaben ohne Terminal: "
            "weltoffen report DATEI oder weltoffen list.",
            file=sys.stderr,
        )
        return EXIT_USER_ERROR
    from weltoffen_tui.tui.app import WeltoffenApp

    app = WeltoffenApp(data_dir=data_dir, open_file=open_file, demo=demo)
    app.run()
    return app.return_code or EXIT_OK
