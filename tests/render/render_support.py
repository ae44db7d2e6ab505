"""Documents for the report and app tests: the seed with hand-set labels, and hostile ones.

The analyzers that fill clarity, claims, numbers and stances are separate
stages; these tests set such labels by hand on a structure-only document so
that the report is tested whatever analyzers are installed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import onrecord
from onrecord.document import Claim, Evidence, Interview, Label, NumberMention, Span, Stance

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / ".." / "shared" / "seeds" / "000_d64bfc97030efaab.txt"

HOSTILE = (
    'Q: Will you <script>window.__pwned=1</script> answer " onmouseover="window.__pwned=2" x=\'y\' now?\n'
    'A: <img src=x onerror="window.__pwned=3"> No comment. </mark></p><script>window.__pwned=4</script>\n'
    "Q: And {{ 7*7 }} {% raw %} &amp; <svg onload=window.__pwned=5>?\n"
    "A: Yes. javascript:window.__pwned=6\n"
)

CLARITY = [
    ("Clear Reply", "Explicit"),
    ("Ambivalent", "Partial/half-answer"),
    ("Clear Non-Reply", "Declining to answer"),
    ("Ambivalent", "Deflection"),
]


def seed_path() -> Path:
    """The seed; the tests that use it assert its facts (names, title), so they skip without ../shared."""
    if not SEED.exists():
        pytest.skip(f"seed transcript not found at {SEED} (the shared/ folder is not checked out)")
    return SEED


def seed_bytes() -> bytes:
    return seed_path().read_bytes()


def structure_only(text: str | None = None) -> Interview:
    if text is None:
        return onrecord.analyze(onrecord.read_file(seed_path()), stages=[])
    return onrecord.analyze(text, stages=[])


def _find(doc: Interview, needle: str, after: int = 0) -> tuple[int, int] | None:
    i = doc.text.find(needle, after)
    return None if i < 0 else (i, i + len(needle))


def labeled(doc: Interview | None = None) -> Interview:
    """``doc`` (the seed by default) with clarity, claims, numbers and stances set by hand."""
    doc = doc or structure_only()
    for i, x in enumerate(doc.exchanges):
        clarity, evasion = CLARITY[i % len(CLARITY)]
        ev: list[Evidence] = []
        if x.answer is not None and x.answer.end > x.answer.start:
            a, b = x.answer.start, min(x.answer.end, x.answer.start + 30)
            ev.append(Evidence(start=a, end=b, text=doc.text[a:b], reason="how the answer opens"))
        x.clarity = Label(label=clarity, confidence=0.55 + 0.04 * (i % 10), evidence=ev)
        x.evasion = Label(label=evasion, confidence=0.6, evidence=[])
    answers = [t for t in doc.turns if t.role == "interviewee"] or doc.turns
    for k, t in enumerate(answers[:4]):
        words = doc.text[t.start : t.end].split(". ")[0]
        end = t.start + len(words)
        doc.claims.append(
            Claim(
                id=f"c{k + 1}",
                turn=t.id,
                start=t.start,
                end=end,
                text=doc.text[t.start : end],
                score=0.9 - 0.1 * k,
                type="statistic",
                speaker=t.speaker,
                holder=None,
            )
        )
        # a number inside the claim, a denial straddling the claim's end, an accusation nested in the denial
        mid = t.start + max(1, (end - t.start) // 2)
        doc.numbers.append(
            NumberMention(
                start=mid, end=mid + 3, text=doc.text[mid : mid + 3], value=None, unit=None, counts=None, qualifier=None
            )
        )
        s0, s1 = max(t.start, end - 10), min(t.end, end + 25)
        kind = "denial" if k % 2 == 0 else "accusation"
        doc.stances.append(
            Stance(
                kind=kind, span=Span(start=s0, end=s1, text=doc.text[s0:s1]), target="the other side", speaker=t.speaker
            )
        )
    return doc
