"""``weltoffen participate``: the app of one workshop participant (hidden command).

``weltoffen serve --workshop`` starts it for each browser that joined with the access
code; it is not meant to be typed. It opens the join screen, then the chosen fields.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from weltoffen_tui.cli.exitcodes import EXIT_OK


def run(args: argparse.Namespace) -> int:
    from weltoffen_tui.core.pack.load import load_pack
    from weltoffen_tui.core.workshop.live import parse_fields
    from weltoffen_tui.tui.participant import ParticipantApp

    pack = load_pack()
    folder = Path(args.workshop).expanduser()
    app = ParticipantApp(folder, pack, parse_fields(args.felder, pack), args.kommune, args.art)
    app.run()
    return app.return_code or EXIT_OK
