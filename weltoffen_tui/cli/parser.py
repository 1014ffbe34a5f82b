"""The argument parser: every command, its options and its one-line purpose, in German."""

from __future__ import annotations

import argparse

from weltoffen_tui import __version__
from weltoffen_tui.cli.german import install as install_german
from weltoffen_tui.core.values import KINDS
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

    p_q = add(
        "questionnaire",
        "leeren Fragebogen ausgeben: zum Ausdrucken, als JSON, als Excel-Datei zum Ausfüllen "
        "(xlsx, wieder einlesbar mit weltoffen import) oder als Umfrage für ODK/KoboToolbox "
        "(--format xlsform; die Endung .xlsx allein ergibt die Excel-Datei)",
    )
    add_output(p_q, "questionnaire", terminal=False)
    p_q.add_argument(
        "--aus",
        metavar="DATEI",
        help="nur xlsx: die Antworten und Notizen dieser Einschätzung (.toml) vorausfüllen",
    )

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
    p_materials = add("materials", "Arbeitshilfen (Vorlagen) auflisten oder eine schreiben")
    p_materials.add_argument(
        "id", nargs="?", metavar="ID", help="die Arbeitshilfe (ohne Angabe: die Liste)"
    )
    add_output(p_materials, "material", terminal=False)
    p_import = add(
        "import",
        "ausgefüllte Excel-Fragebögen (.xlsx) oder den CSV-Export einer Umfrage einlesen: "
        "als neue Einschätzung oder als Perspektiven (überschreibt nie eine Datei)",
    )
    p_import.epilog = (
        "Mehrere Excel-Dateien ergeben eine Einschätzung; beantworten zwei Dateien dieselbe\n"
        "Frage verschieden, wird nichts geschrieben und die Meldung nennt beide Zellen.\n"
        "Mit --perspektiven ergibt jede Datei eine Perspektive (Name aus dem Feld „Ihr\n"
        "Bereich / Ihre Rolle“ auf dem Blatt „Anleitung“, sonst aus dem Dateinamen).\n"
        "Eine CSV-Datei (Export aus ODK Central oder KoboToolbox, eine Zeile je Antwort)\n"
        "ergibt je Antwort eine Perspektive, mit --je-rolle SPALTE eine je Rolle: der\n"
        "Median der Antworten (bei gerader Zahl der niedrigere mittlere Wert; „Weiß nicht“\n"
        "und „Trifft nicht zu“ zählen nicht mit)."
    )
    p_import.add_argument(
        "files",
        nargs="+",
        metavar="DATEI",
        help="ausgefüllte Fragebögen (.xlsx) oder eine CSV-Datei einer Umfrage",
    )
    p_import.add_argument("--kommune", required=True, metavar="NAME", help="Name der Kommune")
    p_import.add_argument(
        "--art",
        required=True,
        choices=[*KINDS, "kreisfreie Stadt", "kreisangehörige Stadt"],
        metavar="ART",
        help="Art der Kommune: Stadt, kreisfreie Stadt, kreisangehörige Stadt, Gemeinde oder "
        "Landkreis (Antworten auf Fragen, die dafür nicht gelten, werden nicht übernommen)",
    )
    import_target = p_import.add_mutually_exclusive_group()
    import_target.add_argument(
        "-o",
        "--output",
        metavar="NEUE_DATEI",
        help="neue Einschätzungsdatei (.toml; ohne Angabe: ein neuer Name im Datenordner)",
    )
    import_target.add_argument(
        "--perspektiven",
        metavar="ORDNER",
        help="je Datei bzw. je Antwort der Umfrage eine Perspektive in diesem Ordner",
    )
    p_import.add_argument(
        "--je-rolle",
        metavar="SPALTE",
        help="nur CSV: eine Perspektive je Rolle (Spalte mit der Rolle, z. B. rolle)",
    )
    p_serve = add(
        "serve",
        "die Oberfläche im Browser anbieten; mit --workshop ein Live-Workshop, an dem alle "
        "mit dem Zugangscode aus ihrem eigenen Browser teilnehmen",
    )
    p_serve.add_argument(
        "--host",
        metavar="ADRESSE",
        default="127.0.0.1",
        help="Adresse des Servers (Standard 127.0.0.1: nur dieser Rechner; 0.0.0.0: das Netzwerk)",
    )
    p_serve.add_argument(
        "--port", metavar="PORT", type=int, default=8000, help="Port (Standard 8000; 0: ein freier)"
    )
    p_serve.add_argument(
        "--workshop",
        metavar="ORDNER",
        help="Live-Workshop: jede Person antwortet in ihre eigene Perspektive in diesem Ordner",
    )
    p_serve.add_argument(
        "--felder",
        metavar="IDS",
        help="nur diese Handlungsfelder fragen (IDs durch Kommas getrennt; Standard: alle)",
    )
    p_serve.add_argument(
        "--kommune", metavar="NAME", help="Kommune des Workshops (sonst aus dem Ordner)"
    )
    p_serve.add_argument(
        "--art", choices=KINDS, help="Art der Kommune (sonst aus dem Ordner, Standard Stadt)"
    )
    p_serve.add_argument(
        "--ohne-oberflaeche",
        action="store_true",
        help="auch im Terminal nur Adresse und Code ausgeben, ohne Moderationsansicht",
    )
    p_bench = add(
        "benchmark",
        "eine Einschätzung unter anderen desselben Fragebogens einordnen: Median, Quartile, "
        "Perzentil je Handlungsfeld",
    )
    p_bench.add_argument("file", metavar="DATEI", help="Einschätzungsdatei (.toml)")
    p_bench.add_argument(
        "--against",
        "--gegen",
        dest="against",
        nargs="+",
        required=True,
        metavar="ORDNER_ODER_DATEI",
        help="Ordner (alle .toml-Dateien darin) oder einzelne Dateien zum Vergleich",
    )
    p_bench.add_argument(
        "--kind",
        "--art",
        dest="kind",
        choices=["Stadt", "Gemeinde", "Landkreis"],
        help="nur Kommunen dieser Art vergleichen",
    )
    add_output(p_bench, "benchmark")
    p_export = add(
        "export",
        "eine Einschätzung anonymisiert exportieren (nur Antworten, Nachweis-Kennzeichen, "
        "Zielstufen) für Vergleiche vieler Kommunen",
    )
    p_export.add_argument("file", metavar="DATEI", help="Einschätzungsdatei (.toml)")
    p_export.add_argument(
        "--anonym",
        action="store_true",
        help="ohne Namen, Notizen, Belege, Beteiligte und Begleitung (derzeit die einzige Art)",
    )
    p_export.add_argument(
        "-o",
        "--output",
        metavar="ZIEL",
        help="in diese Datei schreiben (.toml; - = Standardausgabe)",
    )
    p_plan.add_argument(
        "--zeitraum",
        choices=("quartal", "halbjahr"),
        default=None,
        help="Roadmap nach Quartalen oder Halbjahren (ohne Angabe: nach der Spanne der Termine)",
    )
    add("packs", "alle gefundenen Fragebogen-Pakete zeigen: Kennung, Version, Titel, Herkunft")
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
    p_fill = add(
        "fill",
        "Fragen als einfache Zeilen beantworten (--plain): für Bildschirmleser, SSH und "
        "Skripte; jede Antwort wird sofort gespeichert",
    )
    p_fill.add_argument("file", metavar="DATEI", help="Einschätzungsdatei (.toml)")
    p_fill.add_argument(
        "--plain", action="store_true", help="Zeilenmodus: eine Frage je Zeile (ohne Vollbild)"
    )
    p_fill.add_argument("--feld", metavar="ID", help="nur die Fragen dieses Handlungsfelds")
    p_fill.add_argument(
        "--alle",
        action="store_true",
        help="alle Fragen, auch beantwortete (sonst nur die offenen, ab der ersten offenen)",
    )
    p_fill.add_argument("--farbe", action="store_true", help="Fragen farbig hervorheben")
    for opening in ("start", "open", "demo"):
        commands.choices[opening].add_argument(
            "--theme",
            choices=("dunkel", "hell", "kontrast"),
            help="Darstellung (ohne Angabe: die zuletzt gewählte)",
        )
    p_demo.add_argument(
        "--tour",
        nargs="?",
        const="",
        metavar="SZENARIO",
        help="Rundgang abspielen (ohne Datei: der mitgelieferte, etwa fünf Minuten); "
        "eine Taste hält ihn an und übergibt Ihnen",
    )
    p_demo.add_argument(
        "--tempo",
        type=float,
        default=1.0,
        metavar="FAKTOR",
        help="Geschwindigkeit des Rundgangs (2 = doppelt so schnell)",
    )
    p_demo.add_argument(
        "--datum",
        metavar="TT.MM.JJJJ",
        help="festes Datum für die Demo (gleiche Dateinamen und Daten an jedem Tag; "
        "auch über WELTOFFEN_HEUTE=JJJJ-MM-TT)",
    )
    p_shots = add(
        "screenshots",
        "einen Rundgang ohne Bildschirm abspielen und je Schritt ein Bildschirmfoto "
        "schreiben (SVG, dazu PNG, wenn ein Umwandler installiert ist)",
    )
    p_shots.add_argument(
        "scenario", nargs="?", metavar="SZENARIO", help="Szenario (.toml; Standard: mitgeliefert)"
    )
    p_shots.add_argument("-o", "--output", required=True, metavar="ORDNER", help="Zielordner")
    p_shots.add_argument(
        "--groesse",
        "--größe",
        dest="groesse",
        default="100x30",
        metavar="BxH",
        help="Größe in Zeichen (Standard 100x30, z. B. 80x24)",
    )
    p_shots.add_argument("--theme", choices=("dunkel", "hell", "kontrast"), help="Darstellung")
    commands.choices["packs"].add_argument(
        "--pfade", action="store_true", help="die vollständigen Ordner der Pakete zeigen"
    )
    return parser


def add_output(parser: argparse.ArgumentParser, document: str, *, terminal: bool = True) -> None:
    """``--format`` (choices from the format registry) and ``-o``/``--output`` for a document."""
    offered = [f.name for f in formats.offered(document)]
    suffixes = ", ".join(dict.fromkeys(f.suffix for f in formats.offered(document)))
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
