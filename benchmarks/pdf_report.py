"""The PDF handout of the sample report vs. WeasyPrint rendering the same HTML itself.

Run: ``.venv/bin/python benchmarks/pdf_report.py [--runs N]``

Both sides are whole processes, measured alternately:

- ours: ``weltoffen report musterstadt.toml -o bericht.pdf`` (as a user calls it:
  open the file, evaluate, build the page with cover and contents, render, write);
- baseline: a Python process that imports WeasyPrint and writes the same HTML page
  (``render.pdf.pdf_html``, saved beforehand) as a PDF/UA-1 file.

The difference is what our code adds around WeasyPrint (target ratio ≤ 1.3).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._measure import ROOT, interleaved, line, median, python

SAMPLE = ROOT / "questionnaires" / "weltoffene-kommune" / "samples" / "musterstadt.toml"
BASELINE = (
    "import sys\n"
    "from weasyprint import HTML\n"
    "HTML(filename=sys.argv[1]).write_pdf(sys.argv[2], pdf_variant='pdf/ua-1')\n"
)


def page_html() -> str:
    """The HTML our PDF is made from, for the sample report."""
    from weltoffen_tui.core.scoring import evaluate
    from weltoffen_tui.core.storage.opening import open_assessment
    from weltoffen_tui.render import report
    from weltoffen_tui.render.pdf import pdf_html

    assessment, pack = open_assessment(SAMPLE)
    profile = evaluate(pack, assessment)
    document = report.view(pack, assessment, profile, document=True, articles=False)
    return pdf_html(
        document,
        chart=report.profile_chart(pack, assessment, profile),
        new_pages=tuple(f.title for f in pack.fields),
    )


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(runs: int) -> tuple[float, float]:
    script = Path(python()).with_name("weltoffen")
    weltoffen = [str(script)] if script.exists() else [python(), "-m", "weltoffen_tui"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "bericht.html"
        source.write_text(page_html(), encoding="utf-8")
        ours_argv = [*weltoffen, "report", str(SAMPLE), "-o", str(folder / "ours.pdf")]
        base_argv = [python(), "-c", BASELINE, str(source), str(folder / "base.pdf")]
        timed(ours_argv)  # warm the pack cache and the page cache of the fonts
        ours, base = interleaved(runs, lambda: timed(ours_argv), lambda: timed(base_argv))
    return median(ours), median(base)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    ours, base = measure(args.runs)
    print(line("7 PDF-Handout vs. WeasyPrint allein", ours, base, "s", "≤ 1.3"))


if __name__ == "__main__":
    main()
