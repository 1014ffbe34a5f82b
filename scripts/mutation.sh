#!/usr/bin/env bash
# Mutation testing with mutmut 3.8 of core/scoring.py, core/storage/store.py and
# core/textsafe.py, each with its fast test files only ([tool.mutmut] in pyproject.toml),
# then the score per module: killed mutants / all mutants.
# Not part of CI (a full run takes 10–25 minutes on two cores).
#
#   bash scripts/mutation.sh            # fresh run of all mutants
#   bash scripts/mutation.sh --keep     # keep earlier results (mutants/), run only what is new
#   bash scripts/mutation.sh --score    # only print the score of the last run
#   MUTMUT_CHILDREN=4 bash scripts/mutation.sh
#
# Surviving mutants: `.venv/bin/mutmut results`, one in detail: `.venv/bin/mutmut show NAME`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
if [ ! -x "$venv/bin/mutmut" ] || [ ! -x "$venv/bin/pytest" ]; then
  echo "Einrichtung der Mutationstests in $venv (einmalig) …" >&2
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e "$root[test,mutation]"
fi
cd "$root"
mode="${1:-}"
if [ "$mode" != "--score" ]; then
  [ "$mode" = "--keep" ] || rm -rf mutants
  started=$(date +%s)
  # mutmut draws its progress line many times a second: keep it in a log, not on screen
  "$venv/bin/mutmut" run --max-children "${MUTMUT_CHILDREN:-2}" >mutmut-run.log 2>&1 || {
    tail -c 2000 mutmut-run.log >&2
    exit 1
  }
  echo "mutmut: $(( $(date +%s) - started )) s" >&2
fi
"$venv/bin/mutmut" results --all true 2>/dev/null | "$venv/bin/python" -c '
import collections
import sys

counts = collections.defaultdict(collections.Counter)
for line in sys.stdin:
    name, _, status = line.strip().rpartition(": ")
    if "__mutmut_" not in name:
        continue
    module = name.split(".x_")[0].split(".x\u01c1")[0]
    counts[module][status.strip()] += 1
killed_states = {"killed", "timeout", "caught by type check", "segfault"}
worst = 100.0
for module, states in sorted(counts.items()):
    total = sum(states.values())
    killed = sum(n for state, n in states.items() if state in killed_states)
    share = 100 * killed / total if total else 0.0
    worst = min(worst, share)
    rest = ", ".join(f"{n} {state}" for state, n in sorted(states.items()) if state != "killed")
    print(f"{module}: {killed}/{total} getötet ({share:.1f} %)" + (f"; {rest}" if rest else ""))
sys.exit(0 if counts and worst >= 85 else 1)
'
