#!/usr/bin/env bash
# Set up weltoffen-tui with its test tools in .venv, check lint, import layers and types,
# and run the test suite (pytest).
# Arguments are passed on to pytest, e.g. `scripts/test.sh -k scoring`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
marker="$venv/.installed-test"
if [ ! -x "$venv/bin/pytest" ] || [ ! -f "$marker" ] || [ "$root/pyproject.toml" -nt "$marker" ]; then
  echo "Einrichtung der Testumgebung in $venv (einmalig) …" >&2
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e "$root[test]"
  touch "$marker" "$venv/.installed-app"
fi
cd "$root"
"$venv/bin/ruff" check weltoffen_tui tests benchmarks
"$venv/bin/lint-imports"                  # layers: core < render < tui < cli, no cycles
"$venv/bin/mypy" weltoffen_tui            # strict on core/ and render/ (pyproject.toml)
exec "$venv/bin/python" -m pytest "$@"
