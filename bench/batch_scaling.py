"""Throughput of ``onrecord batch`` on this machine, and what 1 million interviews would take.

Runs the batch engine over N distinct interviews (the ClaimBuster debates,
repeated with a per-copy marker line so that every copy has its own content
hash) with 1 and 2 local workers and with Ray (if installed), structure only
and with every model stage that works in this installation; reports
interviews per minute, peak RSS per worker process, and the projected time for
1,000,000 interviews on a stated cluster from the measured per-core rate.
Prints figures; no pass/fail.

    .venv/bin/python bench/batch_scaling.py                 # N=66 structure, N=12 models
    .venv/bin/python bench/batch_scaling.py --n 200 --n-models 40 --cores 640
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from onrecord.batch import BatchSummary, run_batch
from onrecord.pipeline import analyze, default_stages

SHARED = Path(os.environ.get("ONRECORD_SHARED", Path(__file__).resolve().parents[2] / "shared"))
DEBATES = SHARED / "data" / "transcripts" / "claimbuster_debates"
PAGE = os.sysconf("SC_PAGE_SIZE")


def make_inputs(directory: Path, n: int) -> Path:
    """N transcripts with distinct contents, cycling through the debates."""
    sources = sorted(DEBATES.glob("*.txt"))
    if not sources:
        raise SystemExit(f"no transcripts in {DEBATES}")
    directory.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        src = sources[i % len(sources)]
        text = src.read_text(encoding="utf-8")
        (directory / f"{i:06d}_{src.name}").write_text(text + f"\n\n[copy {i}]\n", encoding="utf-8")
    return directory


def working_stages() -> tuple[list[str], dict[str, str]]:
    """Default stages that run on a sample in this installation (others are in flux)."""
    sample = (DEBATES / "1960-09-26.txt").read_text(encoding="utf-8")[:6000]
    ok: list[str] = []
    broken: dict[str, str] = {}
    for name in default_stages():
        try:
            analyze(sample, stages=[name], name="<probe>")
            ok.append(name)
        except Exception as exc:
            broken[name] = f"{type(exc).__name__}: {exc}"[:120]
    return ok, broken


# -- memory: peak RSS of worker processes, sampled from /proc ---------------------------------


def _procs() -> dict[int, tuple[int, str]]:
    """pid -> (parent pid, command line) for every process we can see."""
    out: dict[int, tuple[int, str]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as fh:
                stat = fh.read()
            with open(f"/proc/{entry}/cmdline", "rb") as fh:
                cmd = fh.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        out[int(entry)] = (ppid, cmd)
    return out


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", encoding="utf-8") as fh:
            return int(fh.read().split()[1]) * PAGE
    except (OSError, ValueError, IndexError):
        return 0


def _workers(kind: str) -> list[int]:
    procs = _procs()
    me = os.getpid()

    def descends(pid: int) -> bool:
        seen = 0
        while pid > 1 and seen < 64:
            if pid == me:
                return True
            pid = procs.get(pid, (0, ""))[0]
            seen += 1
        return False

    if kind == "local":
        # pool workers are forked by the forkserver, itself our child
        servers = {p for p, (_pp, cmd) in procs.items() if "forkserver" in cmd and descends(p)}
        return [p for p, (pp, _cmd) in procs.items() if pp in servers]
    return [p for p, (_pp, cmd) in procs.items() if cmd.startswith("ray::") and "MapWorker" in cmd]


@contextmanager
def sample_rss(kind: str, every: float = 0.25) -> Iterator[dict[int, int]]:
    peaks: dict[int, int] = {}
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            for pid in _workers(kind):
                peaks[pid] = max(peaks.get(pid, 0), _rss(pid))
            stop.wait(every)

    t = threading.Thread(target=loop, daemon=True)
    t.start()
    try:
        yield peaks
    finally:
        stop.set()
        t.join()


# -- runs -----------------------------------------------------------------------------------


@dataclass
class Result:
    label: str
    engine: str
    workers: int
    stages: str
    summary: BatchSummary
    peak_rss_mib: float
    steady_per_min: float  # between the first and the last result: start-up and model loading left out

    @property
    def per_min(self) -> float:
        return self.summary.per_minute


def run_one(label: str, engine: str, workers: int, stages: list[str], inputs: Path, tmp: Path) -> Result:
    out = tmp / f"out-{label}"
    shutil.rmtree(out, ignore_errors=True)
    stamps: list[float] = []
    with sample_rss(engine) as peaks:
        summary = run_batch(
            [str(inputs)],
            out,
            engine=engine,
            stages=stages,
            workers=workers,
            part_size=50,
            on_result=lambda _r: stamps.append(time.perf_counter()),
        )
    rss = max(peaks.values(), default=0) / 2**20
    shutil.rmtree(out, ignore_errors=True)
    # Ray reports results a part at a time, so only the local runs have a steady rate
    span = stamps[-1] - stamps[0] if len(stamps) > 1 and engine == "local" else 0.0
    steady = 60.0 * (len(stamps) - 1) / span if span > 0 else 0.0
    return Result(label, engine, workers, ",".join(stages) or "structure", summary, rss, steady)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=66, help="interviews for the structure-only runs")
    ap.add_argument("--n-models", type=int, default=12, help="interviews for the runs with models")
    ap.add_argument("--cores", type=int, default=320, help="cluster size for the projection (CPU cores)")
    ap.add_argument("--efficiency", type=float, default=0.85, help="assumed parallel efficiency on the cluster")
    ap.add_argument("--no-ray", action="store_true", help="skip the Ray runs")
    ap.add_argument("--no-models", action="store_true", help="skip the runs with models")
    args = ap.parse_args()

    models, broken = ([], {}) if args.no_models else working_stages()
    print(f"machine: {os.cpu_count()} cores; interviews: copies of {DEBATES.name} (~85 kB each)")
    if not args.no_models:
        print(f"model stages that run here: {models or 'none'}")
        for name, why in broken.items():
            print(f"  left out {name}: {why}")

    results: list[Result] = []
    tmp = Path(tempfile.mkdtemp(prefix="onrecord-bench-"))
    try:
        plans: list[tuple[str, list[str], Path]] = [("structure", [], make_inputs(tmp / "in-s", args.n))]
        if models:
            plans.append(("models", models, make_inputs(tmp / "in-m", args.n_models)))
        ray_ok = False
        if not args.no_ray:
            try:
                import ray

                t0 = time.perf_counter()
                ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
                print(
                    f"ray {ray.__version__}: local instance started in {time.perf_counter() - t0:.1f} s (not counted)"
                )
                ray_ok = True
            except ImportError:
                print("ray: not installed, Ray runs skipped (pip install 'onrecord[ray]')")
        for kind, stages, inputs in plans:
            runs: list[tuple[str, str, int]] = [(f"local-1-{kind}", "local", 1), (f"local-2-{kind}", "local", 2)]
            if ray_ok:
                runs.append((f"ray-2-{kind}", "ray", 2))
            for label, engine, workers in runs:
                r = run_one(label, engine, workers, stages, inputs, tmp)
                results.append(r)
                s = r.summary
                print(
                    f"{label:20s} {s.analysed:4d} ok {s.failed:3d} failed  {s.seconds:7.1f} s  "
                    f"{r.per_min:7.1f}/min overall  "
                    + (f"{r.steady_per_min:7.1f}/min steady  " if r.steady_per_min else "        n/a steady  ")
                    + f"peak RSS/worker {r.peak_rss_mib:5.0f} MiB",
                    flush=True,
                )
        if ray_ok:
            import ray

            ray.shutdown()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print()
    print(f"projection for 1,000,000 interviews on {args.cores} cores at {args.efficiency:.0%} efficiency")
    print("(per-core rate = steady rate of the 1-worker local run: start-up and model loading, paid once")
    print(" per worker, are left out; the Ray runs above show what the actor start-up costs)")
    for kind in ("structure", "models"):
        rate = next((r.steady_per_min for r in results if r.label == f"local-1-{kind}" and r.steady_per_min), None)
        if rate is None:
            continue
        minutes = 1_000_000 / (rate * args.cores * args.efficiency)
        print(f"  {kind:9s}: {rate:7.1f} interviews/min/core -> {minutes:8.1f} min ({minutes / 60:.2f} h)")


if __name__ == "__main__":
    main()
