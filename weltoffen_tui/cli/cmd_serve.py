"""``weltoffen serve``: the app in a browser, or a live workshop with an access code.

Without ``--workshop`` each browser gets the whole app on the data folder. With
``--workshop ORDNER`` each participant answers in plain HTML forms into their own
perspective file there;
in a terminal the moderator's live screen shows the code, the address and the answers
as they arrive, otherwise the code and address are printed and the server runs until
Ctrl+C.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from weltoffen_tui.cli.exitcodes import EXIT_OK
from weltoffen_tui.core.errors import Problem, UserError

if TYPE_CHECKING:
    from weltoffen_tui.serve.workshop import Workshop


def workshop_setup(
    folder: Path, fields: str | None, municipality: str | None, kind: str | None
) -> Workshop:
    """The workshop in a folder: pack, fields asked, municipality and kind.

    The municipality comes from ``--kommune`` or the assessments already in the folder;
    raises UserError (German, with what to do) when neither names one.
    """
    from weltoffen_tui.core.pack.load import load_pack
    from weltoffen_tui.core.values import KINDS
    from weltoffen_tui.core.workshop.live import parse_fields, workshop_municipality
    from weltoffen_tui.serve.workshop import Workshop

    if folder.exists() and not folder.is_dir():
        raise UserError(
            [Problem(folder, "Das ist kein Ordner", "Geben Sie mit --workshop einen Ordner an.")]
        )
    folder.mkdir(parents=True, exist_ok=True)
    pack = load_pack()
    field_ids = parse_fields(fields, pack)
    found = workshop_municipality(folder)
    name = (municipality or "").strip() or (found[0] if found else "")
    if not name:
        raise UserError(
            [
                Problem(
                    folder,
                    "Im Workshop-Ordner liegt noch keine Einschätzung, die die Kommune nennt",
                    "Geben Sie die Kommune an, z. B. --kommune Musterstadt (und --art "
                    + "|".join(KINDS)
                    + ").",
                )
            ]
        )
    chosen_kind = kind or (found[1] if found and found[1] in KINDS else KINDS[0])
    return Workshop(folder.resolve(), pack, name, chosen_kind, tuple(field_ids))


def _plain_argv(data_dir: Path) -> list[str]:
    return [sys.executable, "-m", "weltoffen_tui", "start", "--data-dir", str(data_dir)]


def network_warning(workshop: bool) -> str:
    what = (
        "am Workshop teilnehmen"
        if workshop
        else "die Einschätzungen im Datenordner öffnen und ändern"
    )
    return (
        "Achtung: Der Server ist im Netzwerk erreichbar. Alle im Netzwerk, die die Adresse "
        f"und den Zugangscode kennen, können {what}. Die Verbindung ist nicht "
        "verschlüsselt: nur in einem vertrauenswürdigen Netz verwenden und danach beenden."
    )


def run(args: argparse.Namespace) -> int:
    import asyncio

    from weltoffen_tui.serve.server import LiveServer, is_loopback, serve_until_stopped

    workshop = args.workshop is not None
    app: list[str] | Workshop
    if workshop:
        folder = Path(args.workshop).expanduser()
        app = workshop_setup(folder, args.felder, args.kommune, args.art)
        title = f"Workshop {app.municipality}"
        if sys.stdout.isatty() and not args.ohne_oberflaeche:
            return _moderate(args, app, title)
    else:
        from weltoffen_tui.paths import data_dir

        folder = data_dir(getattr(args, "data_dir", None))
        folder.mkdir(parents=True, exist_ok=True)
        app = _plain_argv(folder)
        title = "Selbstcheck Weltoffene Kommune"
    server = LiveServer(
        app, host=args.host, port=args.port, title=title, env={"WELTOFFEN_FORCE_TUI": "1"}
    )

    def announce() -> None:
        if not is_loopback(args.host):
            print(network_warning(workshop), flush=True)
        what = "Live-Workshop" if workshop else "Selbstcheck im Browser"
        print(f"{what}: {server.address}", flush=True)
        print(f"Zugangscode: {server.code}", flush=True)
        print("Beenden mit Strg+C.", flush=True)

    asyncio.run(serve_until_stopped(server, announce))
    print("Der Server ist beendet. Alle Antworten sind gespeichert.", flush=True)
    return EXIT_OK


def _moderate(args: argparse.Namespace, workshop: Workshop, title: str) -> int:
    from weltoffen_tui.tui.screens.live import ModeratorApp

    app = ModeratorApp(
        workshop.folder,
        workshop,
        [f.id for f in workshop.fields],
        host=args.host,
        port=args.port,
        title=title,
    )
    app.run()
    print("Der Server ist beendet. Alle Antworten sind gespeichert.")
    return app.return_code or EXIT_OK
