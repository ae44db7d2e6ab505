"""Score sentences for check-worthiness and type the claims: the public entry points."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from onrecord.claims.model import CheckworthyModel, load
from onrecord.claims.types import claim_type

VERSION = "checkworthy-1"

# Sentences too short to carry a checkable claim ("Thank you.", "Yes.") are
# scored by the model like any other, but never reach the threshold in practice.


@dataclass(frozen=True)
class Scored:
    score: float
    label: bool
    type: str
    cue: str | None


def model(path: Path | None = None) -> CheckworthyModel:
    return load(path)


def score_sentences(texts: Sequence[str], threshold: float | None = None, path: Path | None = None) -> list[Scored]:
    """Calibrated check-worthiness of each sentence, its label at ``threshold``
    (default: the model's, chosen on training CV) and its claim type."""
    m = load(path)
    t = m.threshold if threshold is None else threshold
    scores: list[float] = m.scores(list(texts)).tolist() if texts else []
    out: list[Scored] = []
    for text, s in zip(texts, scores, strict=True):
        kind, cue = claim_type(text)
        out.append(Scored(score=float(s), label=bool(s >= t), type=kind, cue=cue))
    return out
