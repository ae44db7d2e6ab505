"""``onrecord clarity``, ``onrecord train clarity`` (and ``clarity-encoder``), ``onrecord evaluate clarity``."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from onrecord.commands.jsonl import Record, Scorer, score_lines, string_fields

_BATCH = 256
_VALID = string_fields(("question", "answer"), ("context",))
F = TypeVar("F", bound=Callable[..., Any])
_SEED = click.option("--seed", type=int, default=13, show_default=True)
_LIMIT = click.option("--limit", type=int, default=None, help="Train on about this many rows (whole interviews).")


def _required_dir(flag: str, dest: str, help: str) -> Callable[[F], F]:
    return click.option(flag, dest, type=click.Path(file_okay=False, path_type=Path), required=True, help=help)


def _scorer(model_dir: str | None, llm: bool) -> Scorer:
    def score(batch: list[Record]) -> None:
        from onrecord.clarity import predict_pairs

        for rec, pred in zip(batch, predict_pairs(batch, model_dir=model_dir, llm=llm), strict=True):
            rec.update(pred.as_json())

    return score


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
        score_lines(path, _VALID, _scorer(model_dir, llm), _BATCH)

    @train.command("clarity")
    @_required_dir(
        "--data",
        "data_dir",
        "Directory with QEvasion's train.parquet (and test.parquet, scored for the model card only).",
    )
    @_required_dir(
        "--out",
        "out_dir",
        "Directory to write model.npz, model.json and MODEL_CARD.md into (and to read a fine-tuned encoder from).",
    )
    @_SEED
    @_LIMIT
    @click.option(
        "--cache",
        "cache_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Directory to cache MiniLM embeddings of the training data in.",
    )
    @click.option(
        "--vectors/--no-vectors",
        default=True,
        show_default=True,
        help="Give the heads frozen MiniLM vectors of the question and the answer opening (--no-vectors: the "
        "fine-tuned pair encoder reads the texts instead, which is faster).",
    )
    def train_clarity(
        data_dir: Path, out_dir: Path, seed: int, limit: int | None, cache_dir: Path | None, vectors: bool
    ) -> None:
        """Train the clarity / evasion model (grouped cross-validation on train only)."""
        from onrecord.clarity.train import train as run_train

        run_train(
            data_dir,
            out_dir,
            seed=seed,
            limit=limit,
            cache_dir=cache_dir,
            log=lambda m: click.echo(m, err=True),
            vectors=vectors,
        )

    @train.command("clarity-encoder")
    @_required_dir("--data", "data_dir", "Directory with QEvasion's train.parquet.")
    @_required_dir("--out", "out_dir", "Model directory to write encoder.onnx, encoder.json and encoder_oof.npz into.")
    @_SEED
    @_LIMIT
    @click.option("--epochs", type=float, default=3.0, show_default=True)
    def train_clarity_encoder(data_dir: Path, out_dir: Path, seed: int, limit: int | None, epochs: float) -> None:
        """Fine-tune MiniLM as the clarity pair encoder (needs the train extra; about 47 min on 2 cores).

        Run it before `onrecord train clarity`, which blends the encoder in by cross-validation."""
        from onrecord.clarity.finetune import finetune

        finetune(data_dir, out_dir, seed=seed, limit=limit, epochs=epochs, log=lambda m: click.echo(m, err=True))

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
