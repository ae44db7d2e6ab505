"""Check-worthiness speed: model load time and sentences/s (MiniLM + TF-IDF + LR).

    .venv/bin/python bench/checkworthy_speed.py [--n 1000] [--batch 512]

Sentences are synthetic interview-like lines (mean about 15 words).
"""

from __future__ import annotations

import argparse
import random
import time


def sentences(n: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    subj = ["We", "The government", "My opponent", "Our army", "The president", "They", "Unemployment", "Inflation"]
    verb = ["has cut", "increased", "will reduce", "lost", "sent", "claims that it spent", "doubled", "opposes"]
    obj = [
        "taxes for working families",
        "the number of troops at the border",
        "spending on health care",
        "3,000 jobs in the last year",
        "about 25 percent of the budget",
        "the peace agreement",
        "more than 1,000 houses",
        "what happened in the region",
    ]
    tail = ["", " since 2019", " in the last ten years", ", and that is a fact", ", I think", " in every city"]
    return [f"{rng.choice(subj)} {rng.choice(verb)} {rng.choice(obj)}{rng.choice(tail)}." for _ in range(n)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    args = ap.parse_args()
    t0 = time.perf_counter()
    from onrecord.claims.detect import score_sentences
    from onrecord.claims.model import load
    from onrecord.embeddings import shared_embedder

    load()
    shared_embedder()
    load_s = time.perf_counter() - t0
    texts = sentences(args.n)
    score_sentences(texts[:8])  # warm-up
    t = time.perf_counter()
    score_sentences(texts)
    dt = time.perf_counter() - t
    t = time.perf_counter()
    score_sentences(texts[:1])
    single = time.perf_counter() - t
    print(f"load (model + MiniLM): {load_s:.2f} s")
    print(f"batch of {args.n}: {args.n / dt:.0f} sentences/s ({dt:.2f} s)")
    print(f"single sentence: {single * 1000:.1f} ms")


if __name__ == "__main__":
    main()
