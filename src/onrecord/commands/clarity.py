"""``onrecord clarity``, ``onrecord train clarity`` and ``onrecord evaluate clarity``."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import click

from onrecord.errors import OnrecordError

_BATCH = 256


def _records(stream: IO[str]) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """(line number, record or None, error or None) for each non-blank line."""
    for n, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield n, None, f"not JSON ({e.msg})"
            continue
        if not isinstance(rec, dict):
            yield n, None, "not a JSON object"
        elif not isinstance(rec.get("question"), str):
            yield n, None, 'missing "question" string'
        elif not isinstance(rec.get("answer"), str):
            yield n, None, 'missing "answer" string'
        elif rec.get("context") is not None and not isinstance(rec["context"], str):
            yield n, None, '"context" must be a string'
        else:
            yield n, rec, None


def _flush(batch: list[dict[str, Any]], model_dir: str | None, llm: bool, out: IO[str]) -> None:
    from onrecord.clarity import predict_pairs

    preds = predict_pairs(batch, model_dir=model_dir, llm=llm)
    for rec, pred in zip(batch, preds, strict=True):
        rec.update(pred.as_json())
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    out.flush()
    batch.clear()


def register(main: click.Group, train: click.Group, evaluate: click.Group) -> None:
    @main.command("clarity")
    @click.argument("path", type=click.Path(allow_dash=True, dir_okay=False, path_type=str), default="-")
    @click.option(
        "--model",
        "model_dir",
        type=click.Path(file_okay=False, path_type=str),
        default=None,
        help="Model directory (default: the shipped model).",
    )
    @click.option(
        "--llm/--no-llm",
        default=False,
        help="Ask the configured OpenAI-compatible endpoint (ONRECORD_LLM_URL, ONRECORD_LLM_MODEL, "
        "ONRECORD_LLM_KEY) for a second opinion on low-confidence exchanges. Off by default.",
    )
    def clarity(path: str, model_dir: str | None, llm: bool) -> None:
        """Label question-answer PAIRS.jsonl (or stdin) with clarity and evasion.

        Each line is {"question": ..., "answer": ..., optional "context": the whole interviewer
        turn} and is written back to stdout with "clarity": {"label", "confidence"} and
        "evasion": {"label", "confidence"} added.  Lines that cannot be read are reported on
        stderr by line number and skipped; the exit status is 1 if any line failed.
        """
        from onrecord.clarity.model import load_model

        load_model(model_dir)  # fail early (and cleanly) on a broken model
        failed = 0
        batch: list[dict[str, Any]] = []
        stream: IO[str]
        try:
            stream = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            raise OnrecordError(f"cannot read {path}: {exc.strerror or exc}") from None
        try:
            for n, rec, err in _records(stream):
                if err is not None or rec is None:
                    click.echo(f"onrecord: {path}:{n}: {err}", err=True)
                    failed += 1
                    continue
                batch.append(rec)
                if len(batch) >= _BATCH:
                    _flush(batch, model_dir, llm, sys.stdout)
            if batch:
                _flush(batch, model_dir, llm, sys.stdout)
        except UnicodeDecodeError as exc:
            raise OnrecordError(f"{path}: not UTF-8 text ({exc.reason})") from None
        finally:
            if stream is not sys.stdin:
                stream.close()
        if failed:
            click.echo(f"onrecord: {failed} line(s) failed", err=True)
            sys.exit(1)

    @train.command("clarity")
    @click.option(
        "--data",
        "data_dir",
        type=click.Path(file_okay=False, path_type=Path),
        required=True,
        help="Directory with QEvasion's train.parquet (and test.parquet, scored for the model card only).",
    )
    @click.option(
        "--out",
        "out_dir",
        type=click.Path(file_okay=False, path_type=Path),
        required=True,
        help="Directory to write model.npz, model.json and MODEL_CARD.md into.",
    )
    @click.option("--seed", type=int, default=13, show_default=True)
    @click.option("--limit", type=int, default=None, help="Train on about this many rows (whole interviews).")
    @click.option(
        "--cache",
        "cache_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Directory to cache MiniLM embeddings of the training data in.",
    )
    def train_clarity(data_dir: Path, out_dir: Path, seed: int, limit: int | None, cache_dir: Path | None) -> None:
        """Train the clarity / evasion model (grouped cross-validation on train only)."""
        from onrecord.clarity.train import train as run_train

        run_train(data_dir, out_dir, seed=seed, limit=limit, cache_dir=cache_dir, log=lambda m: click.echo(m, err=True))

    @evaluate.command("clarity")
    @click.option(
        "--data",
        "data_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Directory with QEvasion's test.parquet (default: ../shared/data/qevasion).",
    )
    @click.option("--split", type=click.Choice(["test", "train"]), default="test", show_default=True)
    @click.option("--model", "model_dir", type=click.Path(file_okay=False, path_type=str), default=None)
    @click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
    def evaluate_clarity(data_dir: Path | None, split: str, model_dir: str | None, fmt: str) -> None:
        """Official QEvasion scores (task 1 and task 2 macro-F1), accuracy, per-class F1, confusion, ECE."""
        from onrecord.clarity.evaluate import DEFAULT_DATA, format_text
        from onrecord.clarity.evaluate import evaluate as run_eval

        report = run_eval(data_dir or DEFAULT_DATA, model_dir, split)
        if fmt == "json":
            sys.stdout.write(json.dumps(report, indent=2) + "\n")
        else:
            sys.stdout.write(format_text(report))
