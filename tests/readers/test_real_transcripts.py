"""The readers on the shared corpus of real transcripts (33 debates, White House and Public Papers files)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from readers_support import DEBATES, WHITEHOUSE, check_invariant

from onrecord.readers import detect

_DEBATES = sorted(DEBATES.glob("*.txt")) if DEBATES.is_dir() else []
_WH = sorted(WHITEHOUSE.glob("*")) if WHITEHOUSE.is_dir() else []
_ABSENT = "shared transcripts not found next to the repository (../shared/data/transcripts)"

# Hand-checked: the first and last speaker and turn count of a few debates.
_CHECKED = {
    "1960-09-26.txt": ("HOWARD K. SMITH, MODERATOR", "MR. SMITH"),
    "1992-10-15.txt": ("CAROLE SIMPSON", "SIMPSON"),
    "2016-10-09.txt": ("RADDATZ", "RADDATZ"),
}
_NOT_SPEAKERS = {"SPEAKERS", "PARTICIPANTS", "MODERATORS", "NOTE"}


@pytest.mark.skipif(len(_DEBATES) != 33, reason=_ABSENT)
@pytest.mark.parametrize("path", _DEBATES, ids=lambda p: p.name)
def test_debates_read_as_labeled(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    reader = detect(text)
    assert reader.name == "labeled"
    result = reader.read(text)
    check_invariant(result)
    assert len(result.turns) >= 40
    assert not result.unattributed
    assert result.header is not None  # the date and title lines
    speakers = {t.speaker for t in result.turns}
    assert not speakers & _NOT_SPEAKERS
    for speaker in speakers:  # every debate labels speakers in capitals ("MR. McGEE", "Mr. SMITH")
        assert speaker is not None
        bare = re.sub(r"\([^)]*\)|\bMc|\bMr\.", "", speaker)
        assert bare.upper() == bare, speaker
    if path.name in _CHECKED:
        first, last = _CHECKED[path.name]
        assert (result.turns[0].speaker, result.turns[-1].speaker) == (first, last)


@pytest.mark.skipif(not _WH, reason=_ABSENT)
def test_whitehouse_files_detected() -> None:
    expected = {p.name: ("ppp" if p.name.startswith("ppp_") else "whitehouse") for p in _WH}
    got = {}
    for path in _WH:
        text = path.read_text(encoding="utf-8")
        reader = detect(text)
        got[path.name] = reader.name
        result = reader.read(text)
        check_invariant(result)
        assert len(result.turns) >= 10
        if reader.name == "whitehouse":
            assert result.metadata["title"] and result.metadata["date"]
            assert result.boilerplate[0][2] == "front_matter"
            assert any(t.speaker == "Q" for t in result.turns)
    assert got == expected


@pytest.mark.skipif(not _WH, reason=_ABSENT)
def test_psaki_briefing_counts() -> None:
    text = (WHITEHOUSE / "wh_psaki_briefing_2021-01-21.md").read_text(encoding="utf-8")
    result = detect(text).read(text)
    counts: dict[str | None, int] = {}
    for t in result.turns:
        counts[t.speaker] = counts.get(t.speaker, 0) + 1
    assert counts == {"MS. PSAKI": 52, "DR. FAUCI": 25, "Q": 77}
    assert [result.text[s:e] for s, e, k in result.boilerplate if k == "trailer"] == ["5:03 P.M. EST", "\\###"]


@pytest.mark.skipif(not _WH, reason=_ABSENT)
def test_ppp_full_news_conference() -> None:
    text = (WHITEHOUSE / "ppp_bush_news_conference_1989-07-06.txt").read_text(encoding="utf-8")
    result = detect(text).read(text)
    assert [t.speaker for t in result.turns].count("Q") == 21
    assert [t.speaker for t in result.turns].count("The President") == 22
    assert len([n for n in result.notes if n[2] == "subhead"]) == 14
    # "Yes, Helen [...]?" ends in a question mark: it is speech, not a subhead
    assert all("Helen" not in result.text[s:e] for s, e in result.unattributed)


@pytest.mark.skipif(len(_DEBATES) != 33, reason=_ABSENT)
def test_debate_reads_fast() -> None:
    """A 20k-word debate is detected and read in milliseconds; the bound is loose for shared CI machines."""
    text = (DEBATES / "2012-10-16.txt").read_text(encoding="utf-8")
    detect(text).read(text)  # warm caches and imports
    best = min(_timed(lambda: detect(text).read(text)) for _ in range(3))
    assert best < 0.25


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start
