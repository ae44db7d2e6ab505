"""Corpus benchmarks: ingest throughput, search latency, peak memory, related-claim recall.

    .venv/bin/python bench/corpus_speed.py speed  [--n 10000] [--sample 4] [--data DIR] [--search-only] [--db F]
    .venv/bin/python bench/corpus_speed.py recall [--k 5] [--max-pairs 200] [--data DIR]

``speed``  ingest throughput (interviews/min) structure-only over every transcript
           and with all models over ``--sample`` of them; peak RSS of a
           directory ingest (parent + workers) at two directory sizes; search
           latency p50/p95 on SQLite at ``--n`` interviews (structure-only
           copies of the real transcripts, each with its own content hash).
``recall`` related-claim recall on pairs built from the debates: a sentence and
           its near-repetition by the same speaker in another debate ("same"),
           and a sentence and its constructed negation ("opposite").
Figures print as JSON on stdout; docs/corpus.md records the last run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from onrecord.corpus import Corpus
from onrecord.corpus.ingest import expand_paths, ingest
from onrecord.corpus.store import content_hash, store_document
from onrecord.document import Claim, Interview
from onrecord.pipeline import analyze

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "transcripts"
QUERIES: list[tuple[str, dict[str, Any]]] = [
    ("tax", {}),
    ("health care", {}),
    ('"middle class"', {}),
    ("nuclear OR missile", {}),
    ("econom*", {}),
    ("Iraq", {"speaker": "Bush"}),
    ("jobs", {"speaker": "Obama", "kind": "answer"}),
    ("Soviet", {"since": "1976", "until": "1988"}),
    ("deficit", {"role": "interviewer"}),
    ("immigration", {"kind": "question"}),
]


def _rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def ingest_throughput(files: list[str], stages: list[str] | None, workers: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Corpus.open(f"sqlite:///{tmp}/b.db")
        t0 = time.perf_counter()
        report = ingest(corpus.engine, [], files=files, stages=stages, workers=workers, embed=stages is None)
        dt = time.perf_counter() - t0
        corpus.close()
    n = len(report.stored)
    return {
        "interviews": n,
        "failed": len(report.failed),
        "seconds": round(dt, 1),
        "workers": workers,
        "interviews_per_min": round(60 * n / dt, 1),
    }


def peak_rss(folder: Path, workers: int) -> float:
    """Peak RSS (MB) of the largest process of an ``onrecord ingest --structure-only`` run over ``folder``."""
    with tempfile.TemporaryDirectory() as tmp:
        code = (
            "import resource,sys\n"
            "from onrecord.corpus import Corpus\n"
            f"Corpus.open('sqlite:///{tmp}/r.db').ingest([sys.argv[1]], stages=[], workers={workers}, embed=False)\n"
            "print(max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
            " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024)\n"
        )
        out = subprocess.run([sys.executable, "-c", code, str(folder)], capture_output=True, text=True, check=True)
    return round(float(out.stdout.strip().splitlines()[-1]), 1)


def synthesise(corpus: Corpus, docs: list[Interview], n: int, batch: int = 100) -> float:
    """Store ``n`` structure-only interviews: the real ones cycled, each copy with its own hash and a shifted year."""
    t0 = time.perf_counter()
    i = 0
    while i < n:
        with corpus.engine.begin() as conn:
            for _ in range(min(batch, n - i)):
                doc = docs[i % len(docs)].model_copy(deep=True)
                if doc.metadata.date:
                    year = 1960 + (int(doc.metadata.date[:4]) - 1960 + i) % 66
                    doc.metadata.date = f"{year}{doc.metadata.date[4:]}"
                store_document(conn, doc, content_hash(f"{i}\n{doc.text}"), f"synthetic-{i}")
                i += 1
    return time.perf_counter() - t0


def search_latency(corpus: Corpus, repeats: int) -> dict[str, Any]:
    times: list[float] = []
    for _ in range(repeats):
        for q, f in QUERIES:
            t0 = time.perf_counter()
            corpus.search(q, limit=20, **f)
            times.append(1000 * (time.perf_counter() - t0))
    arr = np.asarray(times)
    return {
        "queries": len(times),
        "p50_ms": round(float(np.percentile(arr, 50)), 1),
        "p95_ms": round(float(np.percentile(arr, 95)), 1),
        "max_ms": round(float(arr.max()), 1),
    }


def _latency_corpus(corpus: Corpus, files: list[str], n: int) -> float:
    """Fill ``corpus`` up to ``n`` interviews; seconds spent (0 when a kept database already holds them)."""
    have = len(corpus.interviews())
    if have >= n:
        return 0.0
    if have:
        raise SystemExit(f"the kept database holds {have} interviews, not {n}: delete it or pass --n {have}")
    docs = [analyze(Path(f).read_text(encoding="utf-8"), stages=(), name=f) for f in files]
    return synthesise(corpus, docs, n)


def cmd_speed(args: argparse.Namespace) -> dict[str, Any]:
    files = expand_paths([args.data])
    out: dict[str, Any] = {"data": str(args.data), "files": len(files), "cpus": os.cpu_count()}
    if not args.search_only:
        out["ingest_structure_only"] = ingest_throughput(files, [], args.jobs)
        if args.sample:
            out["ingest_all_models"] = ingest_throughput(files[: args.sample], None, args.jobs)
        with tempfile.TemporaryDirectory() as tmp:
            small, big = Path(tmp) / "x1", Path(tmp) / "x4"
            small.mkdir()
            big.mkdir()
            for f in files:
                text = Path(f).read_text(encoding="utf-8")
                (small / Path(f).name).write_text(text, encoding="utf-8")
                for k in range(4):
                    (big / f"{k}_{Path(f).name}").write_text(f"{text}\n\nMODERATOR: Copy {k}.\n", encoding="utf-8")
            out["peak_rss_mb"] = {
                f"{len(files)} files": peak_rss(small, args.jobs),
                f"{4 * len(files)} files": peak_rss(big, args.jobs),
            }
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "s.db"
        corpus = Corpus.open(f"sqlite:///{db}")
        build = _latency_corpus(corpus, files, args.n)
        size = sum(p.stat().st_size for p in db.parent.iterdir() if p.name.startswith(db.name))
        out["search"] = {
            "interviews": args.n,
            "build_seconds": round(build, 1),
            "db_mb": round(size / 2**20, 1),
            **search_latency(corpus, args.repeats),
        }
        corpus.close()
    return out


# --- related-claim recall -------------------------------------------------------------------------------------

_SENT = re.compile(r"[^.!?]+[.!?]")
_WORDS = re.compile(r"[a-z']+")
_AUX = re.compile(r"\b(is|are|was|were|will|can|would|should|could|has|have|had|must)\b(?! not\b| never\b)")


def _sentences(doc: Interview) -> list[tuple[str, int, int, str]]:
    """(turn id, start, end, text) of interviewee sentences of 8-30 words."""
    out = []
    for t in doc.turns:
        if t.role != "interviewee" or not t.speaker:
            continue
        for m in _SENT.finditer(doc.text, t.start, t.end):
            s = m.group().strip()
            if 8 <= len(s.split()) <= 30:
                start = doc.text.index(s, m.start())
                out.append((t.id, start, start + len(s), s))
    return out


def _negate(s: str) -> str | None:
    m = _AUX.search(s)
    if m is None or re.search(r"\b(not|never|no|n't)\b", s):
        return None
    return s[: m.end()] + " not" + s[m.end() :]


def cmd_recall(args: argparse.Namespace) -> dict[str, Any]:
    files = [f for f in expand_paths([args.data]) if "debates" in f]
    docs = []
    for f in files:
        doc = analyze(Path(f).read_text(encoding="utf-8"), stages=(), name=f)
        doc.claims = [
            Claim(
                id=f"c{i}",
                turn=tid,
                start=s,
                end=e,
                text=txt,
                score=0.5,
                type="fact",
                speaker=doc.turn(tid).speaker,
                holder=None,
            )
            for i, (tid, s, e, txt) in enumerate(_sentences(doc))
        ]
        docs.append((Path(f).name, doc))
    # "same": the same speaker says (nearly) the same sentence in another debate (word Jaccard >= 0.6)
    same: list[tuple[str, str]] = []
    seen: dict[str, list[tuple[int, frozenset[str], str]]] = {}
    for di, (_, doc) in enumerate(docs):
        for c in doc.claims:
            words = frozenset(_WORDS.findall(c.text.lower()))
            for dj, other, text in seen.get(c.speaker or "", []):
                if dj != di and text != c.text and len(words & other) / len(words | other) >= 0.6:
                    same.append((text, c.text))
            seen.setdefault(c.speaker or "", []).append((di, words, c.text))
    rng = np.random.default_rng(7)
    same = [same[i] for i in rng.permutation(len(same))[: args.max_pairs]]
    # "opposite": a sentence and its constructed negation, stored as another interview
    pool = [c.text for _, d in docs for c in d.claims]
    opposite: list[tuple[str, str]] = []
    for i in rng.permutation(len(pool)):
        neg = _negate(pool[int(i)])
        if neg is not None:
            opposite.append((pool[int(i)], neg))
        if len(opposite) >= args.max_pairs:
            break
    neg_text = "".join(f"Q: Question {i}?\n\nCONTRARIAN: {n}\n\n" for i, (_, n) in enumerate(opposite))
    neg_doc = analyze(neg_text, stages=())
    neg_doc.claims = []
    for i, (_, n) in enumerate(opposite):
        turn = next(t for t in neg_doc.turns if t.text == n)
        neg_doc.claims.append(
            Claim(
                id=f"n{i}",
                turn=turn.id,
                start=turn.start,
                end=turn.end,
                text=n,
                score=0.5,
                type="fact",
                speaker=turn.speaker,
                holder=None,
            )
        )
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Corpus.open(f"sqlite:///{tmp}/r.db")
        for name, doc in docs:
            corpus.add(doc, name)
        corpus.add(neg_doc, "negations")
        from sqlalchemy import select

        from onrecord.corpus import schema

        with corpus.engine.connect() as conn:
            ids: dict[str, list[int]] = {}
            for pk, text in conn.execute(select(schema.claims.c.id, schema.claims.c.text)):
                ids.setdefault(text, []).append(int(pk))
        t0 = time.perf_counter()
        corpus.related(ids[pool[0]][0], k=1)  # embeds every claim and builds the index once
        embed_s = time.perf_counter() - t0

        def score(pairs: list[tuple[str, str]], want: str) -> dict[str, Any]:
            found = linked = 0
            for a, b in pairs:
                rel = corpus.related(ids[a][0], k=args.k)
                texts = {r.text: r.relation for r in rel}
                linked += b in texts
                found += texts.get(b) == want
            n = max(1, len(pairs))
            return {
                "pairs": len(pairs),
                f"recall@{args.k}_relation": round(found / n, 3),
                f"recall@{args.k}_any": round(linked / n, 3),
            }

        out = {
            "claims": sum(len(d.claims) for _, d in docs) + len(neg_doc.claims),
            "k": args.k,
            "embed_and_index_seconds": round(embed_s, 1),
            "same": score(same, "same"),
            "opposite": score(opposite, "opposite"),
        }
        corpus.close()
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("speed")
    s.add_argument("--data", type=Path, default=DEFAULT_DATA)
    s.add_argument("--n", type=int, default=10_000, help="interviews for the search-latency corpus")
    s.add_argument("--sample", type=int, default=4, help="transcripts ingested with all models (0: skip)")
    s.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    s.add_argument("--repeats", type=int, default=10)
    s.add_argument("--search-only", action="store_true", help="only the search-latency part")
    s.add_argument(
        "--db", type=Path, default=None, help="keep the latency corpus in this SQLite file and reuse it on later runs"
    )
    r = sub.add_parser("recall")
    r.add_argument("--data", type=Path, default=DEFAULT_DATA)
    r.add_argument("--k", type=int, default=5)
    r.add_argument("--max-pairs", type=int, default=200)
    args = p.parse_args()
    result = cmd_speed(args) if args.cmd == "speed" else cmd_recall(args)
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
