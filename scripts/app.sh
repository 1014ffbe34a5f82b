#!/usr/bin/env bash
# Set up weltoffen-tui in .venv (first run, or after pyproject.toml changed) and start it.
# Every argument is passed on to the `weltoffen` command, e.g. `scripts/app.sh demo`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
marker="$venv/.installed-app"
if [ ! -x "$venv/bin/weltoffen" ] || [ ! -f "$marker" ] || [ "$root/pyproject.toml" -nt "$marker" ]; then
  echo "Einrichtung in $venv (einmalig) …" >&2
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e "$root"
  # Bytecode now, as an installed wheel has it: start-up need not compile every module.
  "$venv/bin/python" -m compileall -q "$root/weltoffen_tui" >/dev/null || true
  touch "$marker"
fi
exec "$venv/bin/weltoffen" "$@"
