"""Load on the web app from loopback: requests/s and latency for search and a report page.

    .venv/bin/python bench/web_load.py                       # 10,000 interviews in memory
    .venv/bin/python bench/web_load.py --db sqlite:///c.db   # a corpus database (filled if empty)
    .venv/bin/python bench/web_load.py --interviews 1000 --requests 200 --concurrency 4

The server runs in its own process (uvicorn, one worker) on 127.0.0.1; the
load generator runs keep-alive HTTP/1.1 connections from a thread pool.  Every
loop is bounded: ``--requests`` per endpoint, ``--timeout`` per request, and a
wall-clock cap, so the run always ends by itself.  Only 127.0.0.1 is contacted.

Filling a SQLite corpus with 10,000 interviews takes about 15 minutes on 2
busy cores; the database file is kept, so later runs on it start at once.

The corpus: the seed transcript with hand-set labels (its report is the page
measured) plus synthetic interviews built directly as documents (sampled turns
of the seed and the bundled example, varied speakers, outlets and dates, with
claims and stances), so that filling 10,000 takes seconds, not hours of analysis.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing as mp
import random
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / ".." / "shared" / "seeds" / "000_d64bfc97030efaab.txt"
EXAMPLE = REPO / "src" / "onrecord" / "examples" / "bush_news_conference_1989-07-06.txt"
QUERIES = [
    "Turkish weapons",
    "ground",
    "Minsk Group",
    "casualties",
    "president",
    "ethnic cleansing",
    "mediation",
    "F-16s",
    "territory",
    "refugees",
    "budget",
    "Congress",
    "economy",
    "lying",
    "military exercises",
]
FIRST = ["Ilham", "Anna", "George", "Maria", "Tomas", "Leila", "Pierre", "Yuki", "Omar", "Ingrid", "Kofi", "Sara"]
LAST = ["Aliyev", "Novak", "Bush", "Costa", "Berg", "Haddad", "Martin", "Sato", "Farah", "Larsen", "Mensah", "Reyes"]
OUTLETS = ["CNN International", "BBC", "Le Monde", "NPR", "Al Jazeera", "Reuters", "ABC", "Der Spiegel"]


def _corpus(n: int, rng: random.Random) -> list[object]:
    """The seed, labelled, and ``n - 1`` synthetic interviews built as documents."""
    import onrecord
    from onrecord.document import (
        AnswerRef,
        Claim,
        Exchange,
        Interview,
        Label,
        Metadata,
        Participant,
        QuestionRef,
        Span,
        Stance,
        Turn,
    )

    seed = onrecord.analyze(onrecord.read_file(SEED if SEED.exists() else EXAMPLE), stages=[])
    clar = ["Clear Reply", "Ambivalent", "Clear Non-Reply"]
    for i, x in enumerate(seed.exchanges):
        x.clarity = Label(label=clar[i % 3], confidence=0.7)
    pool_q = [t.text for t in seed.turns if t.role == "interviewer" and t.text.strip().endswith("?")]
    pool_a = [t.text for t in seed.turns if t.role == "interviewee"]
    ex = onrecord.analyze(onrecord.read_file(EXAMPLE), stages=[])
    pool_q += [t.text for t in ex.turns if t.role != "interviewee" and t.text.strip().endswith("?")]
    pool_a += [t.text for t in ex.turns if t.role == "interviewee"]
    docs: list[object] = [seed]
    for k in range(1, n):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        parts: list[str] = []
        turns: list[Turn] = []
        exchanges: list[Exchange] = []
        claims: list[Claim] = []
        stances: list[Stance] = []
        pos = 0
        for j in range(rng.randint(2, 4)):
            q, a = rng.choice(pool_q)[:600], rng.choice(pool_a)[:900]
            qs = pos + 3
            parts.append(f"Q: {q}\n")
            pos += 3 + len(q) + 1
            as_ = pos + len(name) + 2
            parts.append(f"{name}: {a}\n")
            pos += len(name) + 2 + len(a) + 1
            qt, at = f"t{2 * j + 1}", f"t{2 * j + 2}"
            turns.append(Turn(id=qt, speaker=None, role="interviewer", text=q, start=qs, end=qs + len(q)))
            turns.append(Turn(id=at, speaker=name, role="interviewee", text=a, start=as_, end=as_ + len(a)))
            exchanges.append(
                Exchange(
                    id=f"x{j + 1}",
                    question=QuestionRef(text=q, turn=qt, start=qs, end=qs + len(q)),
                    answer=AnswerRef(text=a, turn=at, start=as_, end=as_ + len(a)),
                    clarity=Label(label=rng.choice(clar), confidence=round(rng.random(), 2)),
                )
            )
            sentence = a.split(". ")[0]
            claims.append(
                Claim(
                    id=f"c{j + 1}",
                    turn=at,
                    start=as_,
                    end=as_ + len(sentence),
                    text=sentence,
                    score=round(rng.random(), 3),
                    type="statistic",
                    speaker=name,
                    holder=None,
                )
            )
            if j == 0:
                stances.append(
                    Stance(
                        kind=rng.choice(["denial", "accusation"]),
                        span=Span(start=as_, end=as_ + min(30, len(a)), text=a[:30]),
                        target=None,
                        speaker=name,
                    )
                )
        text = "".join(parts) + f"[synthetic interview {k}]\n"
        md = Metadata(
            title=f"Interview {k} with {name}",
            date=f"{rng.randint(1990, 2024)}-{rng.randint(1, 12):02d}-01",
            outlet=rng.choice(OUTLETS),
            participants=[Participant(name=None, role="interviewer"), Participant(name=name, role="interviewee")],
        )
        docs.append(
            Interview(
                text=text,
                layout="synthetic",
                metadata=md,
                turns=turns,
                exchanges=exchanges,
                claims=claims,
                stances=stances,
            )
        )
    return docs


def _serve(db: str, n: int, port: int, ready: mp.Queue) -> None:  # type: ignore[type-arg]
    import uvicorn

    from onrecord.web import open_store
    from onrecord.web.app import create_app, default_analyzer

    t0 = time.perf_counter()
    store = open_store(db)
    have = store.interviews(0, 1).total
    seed_id = None
    if have < n:
        for i, doc in enumerate(_corpus(n - have, random.Random(7))):
            iid = store.add(doc, f"bench-{i}.txt")  # type: ignore[arg-type]
            seed_id = seed_id or iid
    if seed_id is None:
        seed_id = store.interviews(store.interviews(0, 1).total - 1, 1).items[0].id
    ready.put({"seed": seed_id, "total": store.interviews(0, 1).total, "fill_s": time.perf_counter() - t0})
    app = create_app(store, analyzer=default_analyzer([]))
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


@dataclass
class Result:
    name: str
    n: int
    errors: int
    seconds: float
    latencies: list[float]

    def line(self) -> str:
        lat = sorted(self.latencies) or [0.0]

        def p(q: float) -> float:
            return lat[min(len(lat) - 1, int(q * len(lat)))] * 1000

        return (
            f"{self.name:<8} {self.n:>6} req  {self.errors:>3} err  {self.n / self.seconds:>8.1f} req/s  "
            f"p50 {p(0.50):7.1f} ms  p95 {p(0.95):7.1f} ms  p99 {p(0.99):7.1f} ms  "
            f"mean {statistics.fmean(lat) * 1000:7.1f} ms"
        )


def _load(port: int, paths: list[str], concurrency: int, timeout: float, cap: float) -> tuple[list[float], int, float]:
    chunks = [paths[i::concurrency] for i in range(concurrency)]
    deadline = time.monotonic() + cap

    def worker(mine: list[str]) -> tuple[list[float], int]:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        lat: list[float] = []
        errors = 0
        for path in mine:
            if time.monotonic() > deadline:
                break
            t = time.perf_counter()
            try:
                conn.request("GET", path)
                resp = conn.getresponse()
                resp.read()
                if resp.status != 200:
                    errors += 1
            except (OSError, http.client.HTTPException):
                errors += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
                continue
            lat.append(time.perf_counter() - t)
        conn.close()
        return lat, errors

    t0 = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(worker, chunks))
    elapsed = time.perf_counter() - t0
    return [x for r in results for x in r[0]], sum(r[1] for r in results), elapsed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default="memory:", help="store URL (default: memory:)")
    ap.add_argument("--interviews", type=int, default=10_000, help="interviews stored before the run (default 10000)")
    ap.add_argument("--requests", type=int, default=400, help="requests per endpoint (default 400)")
    ap.add_argument("--concurrency", type=int, default=8, help="client connections (default 8)")
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds per request")
    ap.add_argument("--cap", type=float, default=120.0, help="wall-clock cap per endpoint, seconds")
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON line too")
    args = ap.parse_args()
    if not 1 <= args.requests <= 100_000 or not 1 <= args.concurrency <= 64:
        ap.error("--requests must be 1..100000 and --concurrency 1..64")

    ctx = mp.get_context("spawn")
    ready = ctx.Queue()
    server = ctx.Process(target=_serve, args=(args.db, args.interviews, args.port, ready), daemon=True)
    server.start()
    try:
        info = ready.get(timeout=900)
        deadline = time.monotonic() + 30
        while True:
            try:
                c = http.client.HTTPConnection("127.0.0.1", args.port, timeout=2)
                c.request("GET", "/interviews")
                c.getresponse().read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    print("server did not come up", file=sys.stderr)
                    return 1
                time.sleep(0.1)
        print(
            f"store {args.db}: {info['total']} interviews (filled in {info['fill_s']:.1f} s); "
            f"{args.requests} requests per endpoint, {args.concurrency} connections, 127.0.0.1:{args.port}"
        )
        rng = random.Random(11)
        searches = []
        for i in range(args.requests):
            params = {"q": rng.choice(QUERIES)}
            if i % 3 == 1:
                params["kind"] = rng.choice(["turn", "claim", "question"])
            if i % 5 == 2:
                params["outlet"] = rng.choice(OUTLETS)
            searches.append("/search?" + urlencode(params))
        report = [f"/interviews/{quote(str(info['seed']))}"] * args.requests
        api = ["/api/v1/search?" + urlencode({"q": rng.choice(QUERIES)}) for _ in range(args.requests)]
        _load(args.port, searches[: min(20, len(searches))], 2, args.timeout, args.cap)  # warm-up
        results = []
        for name, paths in (("search", searches), ("report", report), ("api", api)):
            lat, errors, secs = _load(args.port, paths, args.concurrency, args.timeout, args.cap)
            results.append(Result(name, len(lat) + errors, errors, secs, lat))
            print(results[-1].line(), flush=True)
        if args.json:
            print(
                json.dumps(
                    {
                        r.name: {
                            "requests": r.n,
                            "errors": r.errors,
                            "rps": round(r.n / r.seconds, 1),
                            "p95_ms": round(sorted(r.latencies)[int(0.95 * len(r.latencies))] * 1000, 1)
                            if r.latencies
                            else None,
                        }
                        for r in results
                    }
                )
            )
        return 0 if all(r.errors == 0 for r in results) else 1
    finally:
        server.terminate()
        server.join(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
