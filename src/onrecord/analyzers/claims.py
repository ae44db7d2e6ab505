"""The ``claims`` stage: check-worthy sentences of every turn, scored and typed.

Every sentence of every turn is scored by the shipped check-worthiness model
(:mod:`onrecord.claims.model`); those at or above the model's threshold become
:class:`onrecord.document.Claim` objects with a rule-based type
(:mod:`onrecord.claims.types`).  ``holder`` starts as the speaker; the
``attributions`` stage replaces it for reported speech.
"""

from __future__ import annotations

from onrecord.analyzers import register
from onrecord.claims import detect
from onrecord.document import Claim, Interview

VERSION = detect.VERSION


@register("claims", VERSION, requires=("structure",))
def claims(doc: Interview) -> None:
    doc.claims = find_claims(doc)


def find_claims(doc: Interview, threshold: float | None = None) -> list[Claim]:
    """Claims of ``doc`` (whose turns are already built), in text order."""
    from onrecord.structure.sentences import split

    spans: list[tuple[str, str | None, int, int]] = []
    for turn in doc.turns:
        for s, e in split(doc.text, turn.start, turn.end):
            spans.append((turn.id, turn.speaker, s, e))
    found = detect.score_sentences([doc.text[s:e] for _, _, s, e in spans], threshold=threshold)
    out: list[Claim] = []
    for (turn_id, speaker, s, e), hit in zip(spans, found, strict=True):
        if not hit.label:
            continue
        out.append(
            Claim(
                id=f"c{len(out) + 1}",
                turn=turn_id,
                start=s,
                end=e,
                text=doc.text[s:e],
                score=round(hit.score, 4),
                type=hit.type,
                speaker=speaker,
                holder=speaker,
            )
        )
    return out
