"""The argument parser: every command, its options and its one-line purpose, in German."""

from __future__ import annotations

import argparse

from weltoffen_tui import __version__
from weltoffen_tui.cli.german import install as install_german
from weltoffen_tui.render import formats


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
    from weltoffen_tui.cli.cmd_packs import add_pack_option

    add_pack_option(common)
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
        "Beispielkommune öffnen (Kopien aller Beispiele: Gesamteinschätzung, drei "
        "Perspektiven, Vorjahr; mit --data-dir in diesem Ordner, der bleibt, sonst in "
        "einem temporären Ordner, der beim Beenden gelöscht wird, außer Sie haben etwas "
        "exportiert)",
    )
    p_demo.add_argument(
        "--report", action="store_true", help="nur die Auswertung der Beispielkommune ausgeben"
    )

    p_report = add("report", "Auswertung einer Einschätzung ausgeben oder exportieren")
    p_report.add_argument("file", metavar="DATEI", help="Einschätzungsdatei (.toml)")
    add_output(p_report, "report")
    p_report.add_argument(
        "--vollständig",
        "--vollstaendig",
        dest="full",
        action="store_true",
        help="mit allen verlinkten Wissensartikeln als Anhang (sonst: Handout ohne Anhang)",
    )

    p_q = add("questionnaire", "leeren Fragebogen zum Ausdrucken oder als JSON ausgeben")
    add_output(p_q, "questionnaire", terminal=False)

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
    add_output(p_compare, "comparison")
    p_timeline = add("timeline", "Veränderung über die Zeit: Einschätzungen derselben Kommune")
    p_timeline.add_argument("files", nargs="+", metavar="DATEI", help="zwei oder mehr Dateien")
    add_output(p_timeline, "timeline")
    p_agenda = add("agenda", "Tagesordnung für eine Dialogveranstaltung entwerfen")
    p_agenda.add_argument("files", nargs="+", metavar="DATEI", help="eine oder mehr Dateien")
    add_output(p_agenda, "agenda")
    event = p_agenda.add_argument_group("Veranstaltung")
    event.add_argument("--datum", metavar="DATUM", default="", help="Tag (TT.MM.JJJJ)")
    event.add_argument(
        "--beginn", metavar="UHRZEIT", default="", help="Beginn (HH:MM, Standard 17:00)"
    )
    length = event.add_mutually_exclusive_group()
    length.add_argument("--ende", metavar="UHRZEIT", default="", help="Ende (HH:MM)")
    length.add_argument(
        "--dauer",
        metavar="DAUER",
        default="",
        help="Dauer in Minuten oder als Stunden:Minuten (Standard 3:00)",
    )
    event.add_argument("--ort", metavar="ORT", default="", help="Ort der Veranstaltung")
    p_plan = add("actionplan", "Maßnahmenplan einer Einschätzung ausgeben oder exportieren")
    p_plan.add_argument("file", metavar="DATEI", help="Einschätzungsdatei (.toml)")
    add_output(p_plan, "actionplan")
    add("packs", "alle gefundenen Fragebogen-Pakete zeigen: Kennung, Version, Titel, Ort")
    p_migrate = add(
        "migrate",
        "Einschätzung auf die installierte Fragebogen-Version übertragen (als neue Datei)",
    )
    p_migrate.add_argument("file", metavar="DATEI", help="Einschätzungsdatei (.toml)")
    p_migrate.add_argument(
        "-o",
        "--output",
        metavar="NEUE_DATEI",
        help="Name der neuen Datei (Standard: neben der alten, mit der neuen Version im Namen)",
    )
    p_q.add_argument(
        "--art",
        dest="kind",
        choices=["Stadt", "kreisfreie Stadt", "kreisangehörige Stadt", "Gemeinde", "Landkreis"],
        help="nur die Fragen, die für diese Art von Kommune gelten",
    )
    return parser


def add_output(parser: argparse.ArgumentParser, document: str, *, terminal: bool = True) -> None:
    """``--format`` (choices from the format registry) and ``-o``/``--output`` for a document."""
    offered = [f.name for f in formats.offered(document)]
    suffixes = ", ".join(f.suffix for f in formats.offered(document))
    default = (
        "ohne Angabe: Darstellung im Terminal, mit -o nach der Endung"
        if terminal
        else f"ohne Angabe: {offered[0]}, mit -o nach der Endung"
    )
    parser.add_argument(
        "--format", choices=offered, help=f"Format: {', '.join(offered)} ({default})"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="ZIEL",
        help=f"in diese Datei schreiben (Endungen: {suffixes}; - = Standardausgabe)",
    )
