"""How fast is the whole analysis of one interview, with models loaded?

    .venv/bin/python bench/analysis_speed.py [TRANSCRIPT] [--repeat N] [--stages a,b,c]

Loads the models once (not timed), then analyses the transcript ``--repeat``
times and prints words/s and the per-stage milliseconds of the median run.
The spaCy parse, which numbers/entities/attributions/stance share, is shown as
its own line ("parse") so that the stages' own cost is visible.  The target
(issue 4) is a 3,000-word interview in under 2 s on 2 cores.

Default transcript: the seed, ../shared/seeds/000_d64bfc97030efaab.txt.
Default stages: those ``onrecord analyze`` runs (``pipeline.default_stages()``:
clarity, claims, numbers, entities, attributions, stance), after structure.
Earlier versions left clarity out, so their "whole analysis" figures were low.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from onrecord import analyze, analyzers
from onrecord.document import Interview
from onrecord.facts import nlp
from onrecord.pipeline import default_stages

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / "000_d64bfc97030efaab.txt"


def run_once(text: str, stages: list[str]) -> dict[str, float]:
    """Seconds per step of one full analysis (the parse cache is cleared first)."""
    nlp._CACHE.clear()
    times: dict[str, float] = {}
    c0 = time.process_time()
    t0 = time.perf_counter()
    doc: Interview = analyze(text, stages=[])
    times["structure"] = time.perf_counter() - t0
    t = time.perf_counter()
    nlp.parse(doc)
    times["parse"] = time.perf_counter() - t
    for name in stages:
        t = time.perf_counter()
        analyzers.run(doc, [name])
        times[name] = time.perf_counter() - t
    times["total"] = time.perf_counter() - t0
    times["cpu"] = time.process_time() - c0
    return times


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("transcript", nargs="?", type=Path, default=SEED)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--stages", default=None, help="comma-separated stages (default: those onrecord analyze runs)")
    args = ap.parse_args(argv)
    if not args.transcript.exists():
        print(f"no transcript at {args.transcript}", file=sys.stderr)
        return 2
    text = args.transcript.read_text(encoding="utf-8")
    words = len(text.split())

    t = time.perf_counter()
    nlp.load()
    stages = args.stages.split(",") if args.stages else default_stages()
    analyze(text, stages=stages)  # warm-up: imports, model loads, first-call costs
    load_s = time.perf_counter() - t

    runs = [run_once(text, stages) for _ in range(args.repeat)]
    runs.sort(key=lambda r: r["total"])
    median = runs[len(runs) // 2]
    totals = [r["total"] for r in runs]
    print(f"transcript: {args.transcript} ({words} words)")
    print(f"stages: {', '.join(stages)}")
    print(f"model load + warm-up: {load_s:.2f} s (not counted)")
    print(
        f"whole analysis: median {statistics.median(totals):.3f} s, best {min(totals):.3f} s, "
        f"worst {max(totals):.3f} s over {len(runs)} runs -> {words / statistics.median(totals):,.0f} words/s"
    )
    cpus = [r["cpu"] for r in runs]
    print(
        f"CPU time of this process: median {statistics.median(cpus):.3f} s (less sensitive than wall time "
        f"to other jobs on the machine; load average now {os.getloadavg()[0]:.1f})"
    )
    print("per step, wall time (median run):")
    for name, secs in median.items():
        if name not in ("total", "cpu"):
            print(f"  {name:<14} {secs * 1000:8.1f} ms")
    budget = 2.0 * words / 3000
    verdict = "within" if statistics.median(totals) < budget else "OVER"
    print(f"target: < {budget:.2f} s for {words} words (2 s per 3,000): {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
