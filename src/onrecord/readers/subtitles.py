"""Subtitle files (WebVTT, SRT) as transcripts.

Cue timing and markup are not prose, so ``ReadResult.text`` is rebuilt from
the cue texts: one line per cue (a cue's own line breaks are only for the
screen), a blank line where the speaker changes.  Speakers come from
``<v Name>`` voices, a "NAME:" prefix, or a "- " dash that only says "someone
else".  Subtitles split one utterance over many cues, so consecutive cues of
one speaker merge into one turn that keeps the first start and last end time.
When a cue repeats the label of the speaker already talking, the repeat is
left out of the rebuilt text: it would otherwise sit inside the turn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from onrecord.document import Role
from onrecord.readers.assemble import find_notes, merge_notes
from onrecord.readers.base import RawTurn, ReadResult
from onrecord.readers.common import clock_seconds, is_trailer_block
from onrecord.readers.labeled import _NOTE_BRACKET, _NOTE_PAREN, _classify, _norm, _role

_VTT_HEAD = re.compile(r"\A\ufeff?\s*WEBVTT(?:[ \t][^\n]*)?(?:\r?\n|\Z)")
_TIMING = re.compile(
    r"^[^\S\n]*(?P<a>(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})[^\S\n]*-->[^\S\n]*(?P<b>(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})[^\n]*$",
    re.MULTILINE,
)
_SRT_CUE = re.compile(r"(?:\A|\n)[^\S\n]*\d+[^\S\n]*\r?\n[^\S\n]*\d{1,2}:\d{2}:\d{2},\d{1,3}[^\S\n]*-->")
#: an SRT file opens with its first cue; timing lines pasted into a transcript do not make it one
_SRT_START = re.compile(r"\A\ufeff?\s*\d+[^\S\n]*\r?\n[^\S\n]*\d{1,2}:\d{2}:\d{2},\d{1,3}[^\S\n]*-->")
#: any timing line, even a malformed one ("00:00:65.000 -->"): each starts a cue whose text must be kept
_ARROW = re.compile(r"^[^\S\n]*(?P<a>[\d:.,]*)[^\S\n]*-->[^\S\n]*(?P<b>[\d:.,]*)[^\n]*$", re.MULTILINE)
_NOTE_BLOCK = re.compile(r"^(?:NOTE|STYLE|REGION)\b")
_VOICE = re.compile(r"<v(?:\.[\w.\-]*)?[ \t]+([^>]*)>")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>|\{\\[^}]*\}")
_NAME_PREFIX = re.compile(r"^(?P<label>[A-Z][^:\n]{0,40}?):(?=\s)")
_BRACKETED = re.compile(r"\[[^\]]+\]|\([^)]+\)")
_DASH = re.compile(r"^[-\u2013\u2014](?=\s*\S)")
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&nbsp;": " ", "&lrm;": "", "&rlm;": ""}
_ENTITY = re.compile("|".join(map(re.escape, _ENTITIES)))


@dataclass
class _Cue:
    start: float
    end: float
    lines: list[str]


@dataclass
class _Piece:
    """One rebuilt line: who says it, the label as shown (if any) and the words."""

    speaker: str | None
    voice: int | None
    label: str | None
    words: str
    start: float
    end: float
    new_turn: bool
    role_hint: Role | None = None
    #: not speech: a station ident before anyone speaks ("[Channel 9 News at Six]"), a caption credit at the end
    aside: bool = False
    #: no voice, name or dash of its own: the words of whoever spoke last
    unmarked: bool = False


def _time(stamp: str, default: float) -> float:
    try:
        return clock_seconds(stamp) if stamp else default
    except ValueError:
        return default


def _fallback_cues(text: str) -> list[_Cue]:
    """Cues by timing lines, however malformed: used when the library rejects a file, or reads fewer
    cues than it has timing lines, so that no cue's words are lost.  Everything up to the next timing
    line belongs to the cue (a stray paragraph included) except the next cue's identifier, the line
    right above its timing line, and NOTE blocks."""
    cues: list[_Cue] = []
    matches = list(_ARROW.finditer(text))
    last = 0.0
    for i, m in enumerate(matches):
        stop = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        lines = text[m.end() : stop].split("\n")
        if i + 1 < len(matches) and len(lines) >= 2 and lines[-2].strip():
            del lines[-2]  # the next cue's identifier ("2", "intro")
        kept: list[str] = []
        for para in re.split(r"\n[^\S\n]*\n", "\n".join(lines)):
            if para.strip() and not _NOTE_BLOCK.match(para.strip()):
                kept += [ln for ln in para.splitlines() if ln.strip()]
        start = _time(m.group("a"), last)
        last = _time(m.group("b"), start)
        cues.append(_Cue(start, last, kept))
    return cues


def _vtt_cues(text: str) -> list[_Cue]:
    import webvtt

    try:  # the library is strict; a slightly broken file still has cues
        captions: list[Any] = list(webvtt.from_string(text).captions)
    except Exception:
        return _fallback_cues(text)
    cues = [_Cue(clock_seconds(c.start), clock_seconds(c.end), list(c.lines)) for c in captions]
    return cues if _complete(cues, text) else _fallback_cues(text)


def _srt_cues(text: str) -> list[_Cue]:
    import srt

    try:  # srt.parse raises on the first bad block; keep what can be read
        subs = list(srt.parse(text))
    except Exception:
        return _fallback_cues(text)
    cues = [_Cue(s.start.total_seconds(), s.end.total_seconds(), s.content.splitlines()) for s in subs]
    return cues if _complete(cues, text) else _fallback_cues(text)


def _complete(cues: list[_Cue], text: str) -> bool:
    """Whether the library kept every cue: one per timing line, and no paragraph outside them."""
    return len(cues) >= len(_ARROW.findall(text)) and not _stray_text(text)


def _stray_text(text: str) -> bool:
    """Whether a paragraph between cues has no timing line (the libraries drop it)."""
    for para in re.split(r"\n[^\S\n]*\n", text):
        para = para.strip().lstrip("\ufeff")
        if para and not _ARROW.search(para) and not _NOTE_BLOCK.match(para) and not para.startswith("WEBVTT"):
            return True
    return False


def _clean(s: str) -> str:
    s = _ENTITY.sub(lambda m: _ENTITIES[m.group(0)], _TAG.sub("", s))
    return " ".join(s.split())


def _pieces(cues: list[_Cue]) -> list[_Piece]:
    out: list[_Piece] = []
    speaker: str | None = None
    voice = -1
    for cue in cues:
        current: _Piece | None = None
        for raw in cue.lines:
            v = _VOICE.search(raw)
            words = _clean(raw)
            if not words:
                continue
            dashed = _DASH.match(words)
            if dashed and _NAME_PREFIX.match(words[dashed.end() :].lstrip()):
                words = words[dashed.end() :].lstrip()  # "- GOMEZ: That's not accurate.": the name says who
            if v and _clean(v.group(1)):
                name = _clean(v.group(1))
                current = _Piece(name, None, None, words, cue.start, cue.end, _norm(name) != _norm(speaker or ""))
                current.role_hint = _role(name, name)
                speaker = name
                out.append(current)
                continue
            pm = _NAME_PREFIX.match(words)
            got = _classify(pm.group("label")) if pm else None
            if pm and got:
                label = pm.group("label")
                rest = words[pm.end() :].strip()
                same = speaker is not None and _norm(got[0]) == _norm(speaker)
                current = _Piece(label, None, None if same else label + ":", rest, cue.start, cue.end, not same)
                current.role_hint = _role(label, got[0])
                speaker = label if not same else speaker
                out.append(current)
                continue
            dm = _DASH.match(words)
            if dm:
                voice = 1 - voice if voice >= 0 else 0
                speaker = None
                current = _Piece(None, voice, dm.group(0), words[dm.end() :].strip(), cue.start, cue.end, True)
                out.append(current)
                continue
            if current is not None:  # a second screen line of the same cue
                current.words = f"{current.words} {words}".strip()
                continue
            current = _Piece(speaker, None, None, words, cue.start, cue.end, not out)
            current.aside = not any(not p.aside for p in out) and _BRACKETED.fullmatch(words) is not None
            current.unmarked = True
            out.append(current)
    if out and out[-1].unmarked and len(out) > 1 and is_trailer_block(out[-1].words):
        out[-1].aside = True  # a last cue of its own, with no voice or name: "Captions by CaptionCo"
    return out


def _build(pieces: list[_Piece], layout: str, source_format: str) -> ReadResult:
    parts: list[str] = []
    pos = 0
    turns: list[RawTurn] = []
    asides: list[tuple[int, int]] = []
    for k, piece in enumerate(pieces):
        after_aside = k > 0 and pieces[k - 1].aside
        if parts:
            sep = "\n\n" if piece.new_turn else "\n"
            parts.append(sep)
            pos += len(sep)
        label_start = label_end = None
        if piece.label:
            label_start = pos
            parts.append(piece.label)
            pos += len(piece.label)
            label_end = pos
            if piece.words:
                parts.append(" ")
                pos += 1
        start = pos
        parts.append(piece.words)
        pos += len(piece.words)
        if piece.aside:
            asides.append((start, pos))
            continue
        if piece.new_turn or not turns or after_aside:
            turns.append(
                RawTurn(
                    start,
                    pos,
                    speaker=piece.speaker,
                    label_start=label_start,
                    label_end=label_end,
                    role_hint=piece.role_hint,
                    voice=piece.voice,
                    time_start=piece.start,
                    time_end=max(piece.start, piece.end),
                )
            )
        else:
            turn = turns[-1]
            if piece.words:
                if turn.end == turn.start:
                    turn.start = start
                turn.end = pos
            turn.time_end = max(turn.time_end or 0.0, piece.end, turn.time_start or 0.0)
    text = "".join(parts)
    for turn in turns:
        if turn.end == turn.start and turn.label_end is not None:
            turn.start = turn.end = turn.label_end
    notes = merge_notes(
        find_notes(_NOTE_PAREN, text, 0, len(text), "stage_direction"),
        find_notes(_NOTE_BRACKET, text, 0, len(text), "stage_direction"),
    )
    result = ReadResult(text=text, layout=layout, turns=turns, source_format=source_format, notes=notes)
    result.unattributed = asides
    return result


class WebVTTReader:
    name = "webvtt"

    def detect(self, text: str) -> float:
        if _VTT_HEAD.match(text):
            return 1.0
        return 0.0

    def read(self, text: str) -> ReadResult:
        return _build(_pieces(_vtt_cues(text)), self.name, "webvtt")


class SRTReader:
    name = "srt"

    def detect(self, text: str) -> float:
        if _VTT_HEAD.match(text) or not _SRT_START.match(text):
            return 0.0
        return 0.98 if len(_SRT_CUE.findall(text, 0, 20000)) >= 2 else 0.7

    def read(self, text: str) -> ReadResult:
        return _build(_pieces(_srt_cues(text)), self.name, "srt")
