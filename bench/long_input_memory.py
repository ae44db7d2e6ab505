"""Peak memory and time of a full analysis of a long transcript, as paragraphs and as one line.

    .venv/bin/python bench/long_input_memory.py [--chars 1000000] [--data DIR]

Builds a transcript of ``--chars`` characters from the debates in ``--data``
(default ../shared/data/transcripts/claimbuster_debates), writes it once as it is
and once with every line break turned into a space (a paste that lost its line
breaks: one speakerless turn), and analyses each as ``onrecord analyze`` does
in a fresh process, printing the analysis time (model loading included) and the
process's peak resident memory.
A single huge turn used to need about 4 GB per MB of text, against 0.8 GB with paragraphs.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "transcripts" / "claimbuster_debates"


_CHILD = """
import resource, sys, time
from onrecord import analyze, read_file
t0 = time.perf_counter()
analyze(read_file(sys.argv[1])).model_dump_json()
print(time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def run(path: Path) -> dict[str, float]:
    """Analysis time (models loaded, not counted apart) and peak RSS of a fresh process."""
    got = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True, check=True)
    seconds, rss_kb = got.stdout.split()
    return {"seconds": round(float(seconds), 1), "peak_rss_mb": round(int(rss_kb) / 1024)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chars", type=int, default=1_000_000)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = ap.parse_args()
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(args.data.glob("*.txt")))[: args.chars]
    out: dict[str, object] = {"chars": len(text)}
    with tempfile.TemporaryDirectory() as tmp:
        for name, body in (("paragraphs", text), ("one_line", text.replace("\n", " "))):
            path = Path(tmp) / f"{name}.txt"
            path.write_text(body, encoding="utf-8")
            out[name] = run(path)
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
