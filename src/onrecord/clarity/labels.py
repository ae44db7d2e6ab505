"""The QEvasion / SemEval-2026 CLARITY taxonomy (label strings exactly as in the data)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import SupportsInt

CLARITY_LABELS: tuple[str, ...] = ("Clear Reply", "Ambivalent", "Clear Non-Reply")
EVASION_LABELS: tuple[str, ...] = (
    "Explicit",
    "Implicit",
    "Dodging",
    "Deflection",
    "Partial/half-answer",
    "General",
    "Declining to answer",
    "Claims ignorance",
    "Clarification",
)
EVASION_TO_CLARITY: dict[str, str] = {
    "Explicit": "Clear Reply",
    "Implicit": "Ambivalent",
    "Dodging": "Ambivalent",
    "Deflection": "Ambivalent",
    "Partial/half-answer": "Ambivalent",
    "General": "Ambivalent",
    "Declining to answer": "Clear Non-Reply",
    "Claims ignorance": "Clear Non-Reply",
    "Clarification": "Clear Non-Reply",
}
#: index of each evasion label's clarity class, in ``CLARITY_LABELS`` order
EVASION_PARENT: tuple[int, ...] = tuple(CLARITY_LABELS.index(EVASION_TO_CLARITY[e]) for e in EVASION_LABELS)


def names_of(indices: Iterable[SupportsInt], labels: Sequence[str]) -> list[str]:
    """Label strings for class indices (the scorers compare strings, the models output indices)."""
    return [labels[int(i)] for i in indices]
