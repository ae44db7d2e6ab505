"""``onrecord checkworthy``, ``onrecord train checkworthy`` and ``onrecord evaluate checkworthy``."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import click

from onrecord.commands.jsonl import Record, Scorer, score_lines, string_fields

_BATCH = 512


def _shipped_threshold() -> str:
    """The shipped model's threshold, for --help (read from model.json without loading the model)."""
    try:
        from onrecord.claims.model import DEFAULT_DIR

        return f"{json.loads((DEFAULT_DIR / 'model.json').read_text(encoding='utf-8'))['threshold']:g}"
    except (OSError, ValueError, KeyError):
        return "see model.json"


# Options that more than one of the commands take.
_DATA = click.option(
    "--data",
    "data",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    required=True,
    help="The claims data folder (shared/data/claims).",
)
_CACHE = click.option(
    "--cache",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="An .npz file to keep MiniLM embeddings in between runs.",
)
_MODEL = click.option(
    "--model",
    "model_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Model directory (default: the shipped model).",
)


def _not_nan(ctx: click.Context, param: click.Parameter, value: float | None) -> float | None:
    """FloatRange lets "nan" through (every comparison with it is false), and every label would be False."""
    if value is not None and math.isnan(value):
        raise click.BadParameter("must be a number between 0 and 1, not nan")
    return value


_VALID = string_fields(("text",), ("speaker", "context"))


def _scorer(threshold: float | None, model_dir: Path | None) -> Scorer:
    def score(batch: list[Record]) -> None:
        from onrecord.claims.detect import score_sentences

        for rec, hit in zip(batch, score_sentences([r["text"] for r in batch], threshold, model_dir), strict=True):
            rec["checkworthy"] = {"score": round(hit.score, 4), "label": hit.label, "type": hit.type}

    return score


def register(main: click.Group, train: click.Group, evaluate: click.Group) -> None:
    @main.command("checkworthy")
    @click.argument("path", type=click.Path(allow_dash=True, dir_okay=False, path_type=str), default="-")
    @click.option(
        "--threshold",
        type=click.FloatRange(0.0, 1.0),
        default=None,
        callback=_not_nan,
        help="Score at or above which a sentence is labelled check-worthy. Default: the shipped model's, "
        f"{_shipped_threshold()}, chosen as the value that maximised positive-class F1 in grouped (by debate) "
        "cross-validation on the training data (see `onrecord evaluate checkworthy` and docs/claims.md).",
    )
    @_MODEL
    def checkworthy(path: str, threshold: float | None, model_dir: Path | None) -> None:
        """Score SENTENCES.jsonl (or stdin) for check-worthiness.

        Each line is {"text": ..., optional "speaker", "context"} and is written back to stdout
        with "checkworthy": {"score" in [0, 1], "label": bool, "type": claim type}.  Lines that
        cannot be read are reported on stderr by line number and skipped; the exit status is 1
        if any line failed.  "speaker" and "context" are kept but not used by the model.
        """
        from onrecord.claims.model import load

        load(model_dir)  # fail early (and cleanly) on a broken model
        score_lines(path, _VALID, _scorer(threshold, model_dir), _BATCH)

    @train.command("checkworthy")
    @_DATA
    @click.option(
        "--out",
        "out",
        type=click.Path(file_okay=False, path_type=Path),
        required=True,
        help="Where to write the model (the shipped one is src/onrecord/models/checkworthy).",
    )
    @click.option("--seed", type=int, default=0, show_default=True)
    @click.option("--limit", type=int, default=None, help="Train on about this many sentences (whole debates).")
    @_CACHE
    def train_checkworthy(data: Path, out: Path, seed: int, limit: int | None, cache: Path | None) -> None:
        """Train the check-worthiness model (deterministic for a given --seed)."""
        from onrecord.claims.training import EmbeddingCache, train_model

        m = train_model(
            data, out, seed=seed, limit=limit, cache=EmbeddingCache(cache), log=lambda s: click.echo(s, err=True)
        )
        click.echo(json.dumps({"out": str(out), "threshold": m.threshold, **m.info}, indent=2))

    @evaluate.command("checkworthy")
    @_DATA
    @_MODEL
    @click.option("--folds", type=int, default=5, show_default=True, help="Grouped CV folds over CLEF 2019.")
    @click.option("--skip-cv", is_flag=True, help="Only the dev-test F1 (the CV retrains the model per fold).")
    @_CACHE
    def evaluate_checkworthy(data: Path, model_dir: Path | None, folds: int, skip_cv: bool, cache: Path | None) -> None:
        """CheckThat! 2024 dev-test positive-class F1, and CLEF 2019 MAP by grouped CV."""
        from onrecord.claims.model import load
        from onrecord.claims.training import EmbeddingCache, clef2019_cv_map, evaluate_devtest

        m = load(model_dir)
        report: dict[str, Any] = {"model": m.info, "checkthat2024_devtest": evaluate_devtest(m, data)}
        if not skip_cv:
            report["clef2019_grouped_cv"] = clef2019_cv_map(
                data,
                m.settings,
                folds=folds,
                seed=int(m.info.get("seed", 0)),
                cache=EmbeddingCache(cache),
                log=lambda s: click.echo(s, err=True),
            )
        click.echo(json.dumps(report, indent=2))
