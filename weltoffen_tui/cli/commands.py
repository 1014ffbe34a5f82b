"""One handler per command: load what it needs, hand it to a renderer, say where it went."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from weltoffen_tui.cli.exitcodes import EXIT_INVALID, EXIT_OK, EXIT_USER_ERROR

if TYPE_CHECKING:
    import argparse

    from rich.console import RenderableType

    from weltoffen_tui.core.assessment import Assessment
    from weltoffen_tui.core.pack.models import Pack
    from weltoffen_tui.render.formats import Format
    from weltoffen_tui.tui.app import WeltoffenApp

Handler = Callable[["argparse.Namespace"], int]


def _data_dir(args: argparse.Namespace) -> Path:
    from weltoffen_tui.paths import data_dir

    return data_dir(getattr(args, "data_dir", None))


def _open(file: str) -> tuple[Assessment, Pack]:
    from weltoffen_tui.core.storage.opening import open_assessment

    return open_assessment(Path(file))


def _open_many(files: Sequence[str]) -> tuple[Pack, list[tuple[str, Assessment]]]:
    """Load several assessments; all must belong to one pack (explained otherwise)."""
    from weltoffen_tui.core.storage.opening import open_assessment

    loaded = [(Path(name), *open_assessment(Path(name))) for name in files]
    pack = loaded[0][2]
    return pack, [(path.name, assessment) for path, assessment, _ in loaded]


def _print_notes(notes: Sequence[str]) -> None:
    """Notes name respondents and files: their controls are shown, never executed."""
    from weltoffen_tui.core.textsafe import visible

    for note in notes:
        print(visible(f"Hinweis: {note}"), file=sys.stderr)


# --------------------------------------------------------------------------- documents


def _deliver(
    args: argparse.Namespace,
    document: str,
    pack: Pack,
    inputs: Sequence[Path],
    terminal: Callable[[bool], RenderableType],
    text: Callable[[Format], str | bytes],
) -> int:
    """Show a document in the terminal, or write it in a format to ``-o`` or stdout.

    ``terminal(flowing)`` builds the Rich view (``flowing`` when stdout is not a
    terminal); ``text(format)`` the file content. Inputs and the pack are never written.
    """
    from weltoffen_tui.cli import output  # not at the top: the start screen never needs it

    if output.wants_terminal(args.format, args.output):
        output.show(terminal)
    else:
        output.emit(
            document, args.format, args.output, text, inputs=inputs, folders=[pack.directory]
        )
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    assessment, pack = _open(args.file)
    return _report(args, pack, assessment, [Path(args.file)])


def _report(
    args: argparse.Namespace, pack: Pack, assessment: Assessment, inputs: Sequence[Path]
) -> int:
    from weltoffen_tui.core.scoring import evaluate
    from weltoffen_tui.render import report

    profile = evaluate(pack, assessment)
    return _deliver(
        args,
        "report",
        pack,
        inputs,
        lambda flowing: report.rich_report(pack, assessment, profile, flowing=flowing),
        lambda f: report.render(f, pack, assessment, profile, full=getattr(args, "full", False)),
    )


def cmd_questionnaire(args: argparse.Namespace) -> int:
    if getattr(args, "aus", None):  # pre-filled workbook (cli/cmd_import.py)
        from weltoffen_tui.cli.cmd_import import prefilled_questionnaire

        return prefilled_questionnaire(args)
    from weltoffen_tui.cli import output
    from weltoffen_tui.core.applicability import municipality_of
    from weltoffen_tui.core.pack.load import load_pack
    from weltoffen_tui.render import questionnaire

    pack = load_pack()
    only = municipality_of(getattr(args, "kind", None))
    output.emit(
        "questionnaire",
        args.format,
        args.output,
        lambda f: questionnaire.render(f, pack, only),
        folders=[pack.directory],
    )
    return EXIT_OK


def cmd_compare(args: argparse.Namespace) -> int:
    from weltoffen_tui.cli import output
    from weltoffen_tui.core.workshop.compare import compare
    from weltoffen_tui.render import comparison as document

    pack, items = _open_many(args.files)
    result = compare(pack, items)
    if not output.wants_terminal(args.format, args.output):
        output.choose("comparison", args.format, args.output)  # refused: one line, no notes
    if output.target_of(args.output) is not None:  # on stdout the document shows them
        _print_notes(result.notes)
    return _deliver(
        args,
        "comparison",
        pack,
        [Path(f) for f in args.files],
        lambda _: document.rich_comparison(pack, result),
        lambda f: document.render(f, pack, result),
    )


def cmd_timeline(args: argparse.Namespace) -> int:
    from weltoffen_tui.cli import output
    from weltoffen_tui.core.workshop.compare import timeline
    from weltoffen_tui.render import timeline as document

    pack, items = _open_many(args.files)
    line = timeline(pack, items)
    if not output.wants_terminal(args.format, args.output):
        output.choose("timeline", args.format, args.output)  # refused: one line, no notes
    if output.target_of(args.output) is not None:  # on stdout the document shows them
        _print_notes(line.notes)
    return _deliver(
        args,
        "timeline",
        pack,
        [Path(f) for f in args.files],
        lambda _: document.rich_timeline(pack, line),
        lambda f: document.render(f, pack, line),
    )


def cmd_agenda(args: argparse.Namespace) -> int:
    from weltoffen_tui.cli import output
    from weltoffen_tui.core.workshop.agenda import draft_agenda, event_details
    from weltoffen_tui.render import agenda as document
    from weltoffen_tui.render.terminal import to_rich

    event = event_details(
        getattr(args, "datum", ""),
        getattr(args, "beginn", ""),
        getattr(args, "ende", ""),
        getattr(args, "dauer", ""),
        getattr(args, "ort", ""),
    )
    pack, items = _open_many(args.files)
    agenda = draft_agenda(pack, items, event=event)
    if not output.wants_terminal(args.format, args.output):
        output.choose("agenda", args.format, args.output)  # refused: one line, no notes
    if output.target_of(args.output) is not None:  # on stdout the document shows them
        _print_notes(agenda.notes)
    return _deliver(
        args,
        "agenda",
        pack,
        [Path(f) for f in args.files],
        lambda flowing: to_rich(document.view(pack, agenda), flowing=flowing),
        lambda f: document.render(f, pack, agenda),
    )


def cmd_actionplan(args: argparse.Namespace) -> int:
    from weltoffen_tui.render import actionplan as document
    from weltoffen_tui.render.terminal import to_rich

    assessment, pack = _open(args.file)
    period = getattr(args, "zeitraum", None)  # the roadmap's grouping, None: from the dates
    return _deliver(
        args,
        "actionplan",
        pack,
        [Path(args.file)],
        lambda flowing: to_rich(document.view(pack, assessment, period), flowing=flowing),
        lambda f: document.render(f, pack, assessment, period),
    )


# --------------------------------------------------------------------------- packs and files


def cmd_validate(args: argparse.Namespace) -> int:
    from weltoffen_tui.core.pack.check import validate_pack
    from weltoffen_tui.core.pack.registry import explicit_pack
    from weltoffen_tui.core.textsafe import visible
    from weltoffen_tui.paths import default_pack_dir

    given = args.pack_dir or explicit_pack()  # validate DIR, or validate --pack DIR
    directory = Path(given) if given else default_pack_dir()

    pack, problems = validate_pack(directory)
    if pack is None:
        for problem in problems:
            print(visible(str(problem)))
        print(visible(f"{len(problems)} Problem(e) gefunden in {directory}."))
        return EXIT_INVALID
    print(
        visible(
            f"Paket „{pack.meta.title}“ (Version {pack.version}) ist gültig: "
            f"{len(pack.fields)} Handlungsfelder, {pack.question_count()} Fragen, "
            f"{len(pack.articles)} Wissensartikel, {len(pack.recommendations)} Anregungen."
        )
    )
    for warning in pack.warnings:  # optional parts that are missing (not an error)
        print(visible(f"Hinweis: {warning}"))
    if pack.warnings:
        print(
            f"{len(pack.warnings)} Hinweis(e); mit [rules] require_help = true in pack.toml "
            "wären es Fehler."
        )
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from weltoffen_tui.cli import output
    from weltoffen_tui.core.storage.listing import list_assessments, question_totals
    from weltoffen_tui.render import listing

    directory = _data_dir(args)
    entries = list_assessments(directory)
    totals = question_totals(entries)  # each file's own pack
    out = output.console()
    if out.is_terminal:
        out.print(listing.rich_listing(directory, entries, totals))
    else:  # a pipe or file: one line per assessment, as cheap to write as to read
        sys.stdout.write(listing.text_listing(directory, entries, totals))
    return EXIT_OK


# --------------------------------------------------------------------------- the TUI


def cmd_start(args: argparse.Namespace) -> int:
    return run_tui(_data_dir(args), theme=getattr(args, "theme", None))


def cmd_open(args: argparse.Namespace) -> int:
    path = Path(args.file).expanduser()
    _open(str(path))  # fail early, on the command line, with exit code 2
    return run_tui(path.parent, open_file=path, theme=getattr(args, "theme", None))


def cmd_demo(args: argparse.Namespace) -> int:
    """The sample municipality: in ``--data-dir`` (kept), else in a temporary folder.

    The temporary folder is removed on exit unless something worth keeping is in it:
    an export, a new file (a new assessment, a workshop's consensus), or the answers
    after an unexpected error. Then its path is printed once the TUI has closed.
    """
    from weltoffen_tui.paths import sample_path

    if args.report:
        assessment, pack = _open(str(sample_path()))
        import argparse

        terminal = argparse.Namespace(format=None, output=None)
        return _report(terminal, pack, assessment, [])
    from weltoffen_tui.cli.cmd_screenshots import prepare_demo

    prepare_demo(args)  # --datum and --tour checked before anything starts
    if not _has_terminal():
        return EXIT_USER_ERROR
    import shutil
    import tempfile

    given = None if getattr(args, "tour", None) is not None else getattr(args, "data_dir", None)
    if given:  # a tour always plays on fresh copies in a temporary folder
        directory = Path(given).expanduser()
        directory.mkdir(parents=True, exist_ok=True)
    else:
        directory = Path(tempfile.mkdtemp(prefix="weltoffen-demo-"))
    samples = sorted(sample_path().parent.glob("*.toml"))
    for sample in samples:
        if not (directory / sample.name).exists():  # a kept demo folder keeps its answers
            shutil.copyfile(sample, directory / sample.name)
    from weltoffen_tui.cli.cmd_screenshots import demo_extras

    tour = demo_extras(args, directory, samples)
    app = _app(directory, open_file=directory / sample_path().name, demo=True)
    _with_theme(app, getattr(args, "theme", None))
    app.tour = tour
    app.tour_tempo = getattr(args, "tempo", 1.0)
    try:
        app.run()
    finally:  # also after a hang-up: the folder is tidied or its path told
        code = app.return_code or EXIT_OK
        _tidy_demo(app, directory, samples, code, kept=bool(given))
    return code


def _tidy_demo(
    app: WeltoffenApp, directory: Path, samples: Sequence[Path], code: int, *, kept: bool
) -> None:
    """Remove the demo's temporary folder unless it holds something worth keeping."""
    import contextlib
    import shutil

    copies = {sample.name for sample in samples}
    made = sorted(p.name for p in directory.iterdir() if p.name not in copies)
    new_files = [name for name in made if name.endswith(".toml")]
    lines: list[str] = []
    if kept:
        if app.exported:
            lines.append(f"Die Exporte der Demo liegen in: {directory}")
    elif app.exported or new_files or code != EXIT_OK:
        lines.append(f"Der Demo-Ordner bleibt erhalten: {directory}")
        if made:
            lines.append("Neu darin: " + ", ".join(made))
    else:
        shutil.rmtree(directory, ignore_errors=True)
    with contextlib.suppress(OSError):  # after a hang-up the terminal may be gone
        for line in lines:
            print(line)


def _has_terminal() -> bool:
    """Whether the full-screen app can run (it needs a terminal; says so otherwise)."""
    if sys.stdout.isatty() or os.environ.get("WELTOFFEN_FORCE_TUI"):
        return True
    print(
        "weltoffen: die Oberfläche braucht ein Terminal. Für Ausgaben ohne Terminal: "
        "weltoffen report DATEI oder weltoffen list.",
        file=sys.stderr,
    )
    return False


def _app(data_dir: Path, open_file: Path | None = None, demo: bool = False) -> WeltoffenApp:
    from weltoffen_tui.tui.app import WeltoffenApp

    return WeltoffenApp(data_dir=data_dir, open_file=open_file, demo=demo)


def _with_theme(app: WeltoffenApp, theme: str | None) -> WeltoffenApp:
    """The --theme choice (dunkel, hell, kontrast), else the last one chosen (remembered)."""
    app.start_theme = theme
    app.remember_theme = True
    return app


def run_tui(
    data_dir: Path, open_file: Path | None = None, demo: bool = False, theme: str | None = None
) -> int:
    """Start the full-screen app (it needs a terminal; say so instead of garbling a pipe)."""
    if not _has_terminal():
        return EXIT_USER_ERROR
    app = _with_theme(_app(data_dir, open_file=open_file, demo=demo), theme)
    app.run()
    return app.return_code or EXIT_OK


HANDLERS: dict[str, Handler] = {
    "start": cmd_start,
    "open": cmd_open,
    "demo": cmd_demo,
    "report": cmd_report,
    "questionnaire": cmd_questionnaire,
    "validate": cmd_validate,
    "list": cmd_list,
    "compare": cmd_compare,
    "timeline": cmd_timeline,
    "agenda": cmd_agenda,
    "actionplan": cmd_actionplan,
    "materials": lambda args: _command("materials")(args),
    "import": lambda args: _command("import")(args),
    "serve": lambda args: _command("serve")(args),
    "benchmark": lambda args: _command("benchmark")(args),
    "export": lambda args: _command("export")(args),
    "packs": lambda args: _command("packs")(args),
    "migrate": lambda args: _command("migrate")(args),
    "fill": lambda args: _command("fill")(args),
    "screenshots": lambda args: _command("screenshots")(args),
}


def _command(name: str) -> Handler:
    """The ``run`` of ``cli/cmd_<name>.py``, imported when the command runs."""
    from importlib import import_module

    module = import_module(f"weltoffen_tui.cli.cmd_{name}")
    handler: Handler = module.run
    return handler
