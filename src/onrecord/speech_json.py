"""Transcripts exported as JSON by speech-to-text tools: their words as WebVTT, or a clear refusal.

A newsroom that transcribes its own recordings gets JSON back, not a published page: Whisper and
WhisperX ``segments``, AssemblyAI ``utterances``, Deepgram ``results``, Amazon Transcribe
``results.items``, Rev.ai ``monologues``, Speechmatics, Google and Azure speech-to-text results, the
Podcasting 2.0 transcript, or a plain list of ``{"speaker", "text"}`` objects.  Read as text, such a
file became one "turn" of JSON syntax.  Each shape is turned into WebVTT with one cue per stretch
of speech and a ``<v Speaker>`` voice where the tool diarised, so the WebVTT reader gives the turns,
their times and their speakers, and nothing downstream needs to know JSON.  Only the words and their
times are kept; word-level confidences and alternatives are not transcript.

Diarisation ids ("SPEAKER_00", "spk_1", 2, "B", "S3") become "Speaker 00", "Speaker 1", "Speaker 2",
"Speaker B", "Speaker 3"; a name the tool was given ("speaker_name": "Jane Roe") is kept.  A JSON
document that is none of these shapes is refused with the list of those known: reading it as prose
would analyse its syntax.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeGuard

from onrecord.errors import InputError

JSON = Any  # a parsed JSON value; the shapes are checked where they are read


@dataclass(frozen=True)
class Cue:
    """A stretch of one speaker's words and when it was said (seconds; None when the export has none)."""

    text: str
    speaker: str | None = None
    start: float | None = None
    end: float | None = None


KNOWN = (
    "Whisper or WhisperX segments, AssemblyAI utterances, Deepgram results, Amazon Transcribe results, "
    "Rev.ai monologues, Speechmatics, Google or Azure speech-to-text results, a Podcasting 2.0 "
    "transcript, or a list of "
    '{"speaker": ..., "text": ...} objects'
)


def looks_like_json(text: str) -> bool:
    """Whether ``text`` could be a JSON document: a transcript opening with "[MUSIC]" is tried too,
    and simply fails to parse."""
    head = text.lstrip("\ufeff \t\n")[:1]
    return head in ("{", "[")


def to_webvtt(text: str, name: str) -> tuple[str, str] | None:
    """``text`` as WebVTT and the export's name, or None when ``text`` is not JSON at all.

    Raises :class:`InputError` for JSON that is no known export, or one that holds no words."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    for kind, reader in _SHAPES:
        cues = reader(data)
        if cues is None:
            continue
        kept = [c for c in cues if c.text.strip()]
        if not kept:
            raise InputError(f"{name}: a {kind} export with no words in it")
        return _render(kept), kind
    raise InputError(f"{name}: JSON, but not a transcript export onrecord knows ({KNOWN})")


# --- the shapes ------------------------------------------------------------------------------------


def _whisper(data: JSON) -> list[Cue] | None:
    """Whisper, faster-whisper, WhisperX (``speaker`` per segment after diarisation) and the
    Podcasting 2.0 transcript (``startTime``, ``endTime``, ``body``) all list ``segments``."""
    segments = data.get("segments") if isinstance(data, dict) else None
    if not _objects(segments):
        return None
    return _from_objects(segments)


def _assemblyai(data: JSON) -> list[Cue] | None:
    """AssemblyAI: ``utterances`` in milliseconds when diarised, else only the whole ``text``."""
    if not isinstance(data, dict) or "utterances" not in data or not isinstance(data.get("text"), str | None):
        return None
    utterances = data["utterances"]
    if _objects(utterances):
        return [
            Cue(_text(u.get("text")), _speaker(u.get("speaker")), _ms(u.get("start")), _ms(u.get("end")))
            for u in utterances
        ]
    return [Cue(data.get("text") or "")]


def _deepgram(data: JSON) -> list[Cue] | None:
    """Deepgram: ``results.utterances`` when asked for, else the first channel's paragraphs (which
    carry the speaker when diarised), else its plain transcript."""
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, dict) or not ("utterances" in results or "channels" in results):
        return None
    if _objects(results.get("utterances")):
        return [
            Cue(
                _text(u.get("transcript")), _speaker(u.get("speaker")), _seconds(u.get("start")), _seconds(u.get("end"))
            )
            for u in results["utterances"]
        ]
    channels = results.get("channels")
    if not _objects(channels) or not _objects(channels[0].get("alternatives")):
        return None
    best = channels[0]["alternatives"][0]
    grouped = best.get("paragraphs")
    paragraphs = grouped.get("paragraphs") if isinstance(grouped, dict) else None
    if _objects(paragraphs):
        return [
            Cue(
                " ".join(_text(s.get("text")) for s in p.get("sentences") or [] if isinstance(s, dict)),
                _speaker(p.get("speaker")),
                _seconds(p.get("start")),
                _seconds(p.get("end")),
            )
            for p in paragraphs
        ]
    return [Cue(_text(best.get("transcript")))]


def _transcribe(data: JSON) -> list[Cue] | None:
    """Amazon Transcribe: ``audio_segments`` in newer outputs; else the words of ``items`` joined by
    speaker (each item's own ``speaker_label``, or the one whose ``speaker_labels`` segment holds its
    start); else the whole ``transcripts`` text."""
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, dict) or "transcripts" not in results:
        return None
    if _objects(results.get("audio_segments")):
        return [
            Cue(
                _text(s.get("transcript")),
                _speaker(s.get("speaker_label")),
                _seconds(s.get("start_time")),
                _seconds(s.get("end_time")),
            )
            for s in results["audio_segments"]
        ]
    items = results.get("items")
    if _objects(items):
        by_start = _transcribe_speakers(results.get("speaker_labels"))
        words = []
        for item in items:
            alternatives = item.get("alternatives")
            content = _text(alternatives[0].get("content")) if _objects(alternatives) else ""
            start = item.get("start_time")
            speaker = item.get("speaker_label") or by_start.get(str(start))
            words.append(
                (content, item.get("type") == "punctuation", speaker, _seconds(start), _seconds(item.get("end_time")))
            )
        return _join_words(words)
    transcripts = results.get("transcripts")
    if _objects(transcripts):
        return [Cue(" ".join(_text(t.get("transcript")) for t in transcripts))]
    return None


def _transcribe_speakers(labels: JSON) -> dict[str, JSON]:
    """Start time (as the export writes it) -> speaker, from the older ``speaker_labels.segments``."""
    found: dict[str, JSON] = {}
    segments = labels.get("segments") if isinstance(labels, dict) else None
    for segment in segments if _objects(segments) else []:
        for item in segment.get("items") or []:
            if isinstance(item, dict) and item.get("start_time") is not None:
                found[str(item["start_time"])] = item.get("speaker_label") or segment.get("speaker_label")
    return found


def _revai(data: JSON) -> list[Cue] | None:
    """Rev.ai: ``monologues`` of ``elements``, words ("text") and the spaces and marks between them
    ("punct") in order."""
    monologues = data.get("monologues") if isinstance(data, dict) else None
    if not _objects(monologues):
        return None
    cues = []
    for m in monologues:
        elements = [e for e in m.get("elements") or [] if isinstance(e, dict)]
        timed = [e for e in elements if e.get("ts") is not None]
        cues.append(
            Cue(
                "".join(_text(e.get("value")) for e in elements),
                _speaker(m.get("speaker_name") or m.get("speaker")),
                _seconds(timed[0].get("ts")) if timed else None,
                _seconds(timed[-1].get("end_ts")) if timed else None,
            )
        )
    return cues


def _speechmatics(data: JSON) -> list[Cue] | None:
    """Speechmatics: ``results`` of words and punctuation, each with its ``alternatives`` and the
    speaker there."""
    results = data.get("results") if isinstance(data, dict) else None
    if not _objects(results) or not all("alternatives" in r and "type" in r for r in results):
        return None
    words = []
    for r in results:
        alternatives = r.get("alternatives")
        best = alternatives[0] if _objects(alternatives) else {}
        words.append(
            (
                _text(best.get("content")),
                r.get("type") == "punctuation",
                best.get("speaker"),
                _seconds(r.get("start_time")),
                _seconds(r.get("end_time")),
            )
        )
    return _join_words(words)


def _google(data: JSON) -> list[Cue] | None:
    """Google Cloud Speech-to-Text: ``results`` of ``alternatives``.  When diarised, the last result
    repeats every word with its ``speakerTag``; else each result's transcript is a stretch of speech."""
    results = data.get("results") if isinstance(data, dict) else None
    if not _objects(results) or not all(_objects(r.get("alternatives")) for r in results):
        return None
    words = results[-1]["alternatives"][0].get("words")
    if _objects(words) and any(w.get("speakerTag") for w in words):
        return _join_words(
            (
                _text(w.get("word")),
                False,
                w.get("speakerTag"),
                _seconds(w.get("startTime") or w.get("startOffset")),
                _seconds(w.get("endTime") or w.get("endOffset")),
            )
            for w in words
        )
    return [
        Cue(_text(r["alternatives"][0].get("transcript")), None, None, _seconds(r.get("resultEndTime")))
        for r in results
    ]


def _azure(data: JSON) -> list[Cue] | None:
    """Azure batch transcription: ``recognizedPhrases``, each with its best ``display`` text, its
    speaker when diarised, and times in ticks of 100 ns."""
    phrases = data.get("recognizedPhrases") if isinstance(data, dict) else None
    if not _objects(phrases):
        return None
    cues = []
    for p in phrases:
        best = p.get("nBest")
        start = _seconds(p.get("offsetInTicks"))
        duration = _seconds(p.get("durationInTicks"))
        cues.append(
            Cue(
                _text(best[0].get("display") or best[0].get("lexical")) if _objects(best) else "",
                _speaker(p.get("speaker")),
                None if start is None else start / 1e7,
                None if start is None or duration is None else (start + duration) / 1e7,
            )
        )
    return cues


def _plain_list(data: JSON) -> list[Cue] | None:
    """A list of turns from any tool or scraper: a speaker and the words under common names, with
    ``start``/``end`` or YouTube's ``start``/``duration`` when there."""
    if not _objects(data) or not any(_first(d, _TEXT_KEYS) is not None for d in data):
        return None
    return _from_objects(data)


_SHAPES: tuple[tuple[str, Callable[[JSON], list[Cue] | None]], ...] = (
    ("Whisper", _whisper),
    ("AssemblyAI", _assemblyai),
    ("Deepgram", _deepgram),
    ("Amazon Transcribe", _transcribe),
    ("Rev.ai", _revai),
    ("Speechmatics", _speechmatics),
    ("Google Speech-to-Text", _google),
    ("Azure Speech", _azure),
    ("speaker and text list", _plain_list),
)


# --- shared pieces ---------------------------------------------------------------------------------

_TEXT_KEYS = ("text", "body", "transcript", "content", "words_text")
_SPEAKER_KEYS = ("speaker", "speaker_name", "name", "author", "speaker_label")
_START_KEYS = ("start", "startTime", "start_time", "ts")
_END_KEYS = ("end", "endTime", "end_time", "end_ts")


def _objects(value: JSON) -> TypeGuard[list[dict[str, JSON]]]:
    """A non-empty list of JSON objects (all of them objects: a mixed list is no known shape)."""
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _first(obj: Mapping[str, JSON], keys: Iterable[str]) -> JSON:
    for key in keys:
        if obj.get(key) is not None:
            return obj[key]
    return None


def _from_objects(items: list[dict[str, JSON]]) -> list[Cue]:
    cues = []
    for item in items:
        start = _seconds(_first(item, _START_KEYS))
        end = _seconds(_first(item, _END_KEYS))
        duration = _seconds(item.get("duration") or item.get("dur"))
        if end is None and start is not None and duration is not None:
            end = start + duration
        cues.append(Cue(_text(_first(item, _TEXT_KEYS)), _speaker(_first(item, _SPEAKER_KEYS)), start, end))
    return cues


def _join_words(words: Iterable[tuple[str, bool, JSON, float | None, float | None]]) -> list[Cue]:
    """Word-level exports as one cue per run of the same speaker; punctuation sticks to the word before."""
    cues: list[Cue] = []
    run: list[str] = []
    speaker: JSON = None
    start = end = None
    for content, punct, who, w_start, w_end in words:
        if not punct and run and who is not None and who != speaker:
            cues.append(Cue("".join(run).strip(), _speaker(speaker), start, end))
            run, start = [], None
        if not punct:
            speaker = who if who is not None else speaker
            run.append(" " + content)
            start = w_start if start is None else start
        else:
            run.append(content)
        end = w_end if w_end is not None else end
    if run:
        cues.append(Cue("".join(run).strip(), _speaker(speaker), start, end))
    return cues


def _text(value: JSON) -> str:
    """Words as an export holds them: a string, a number, or a list of strings; anything else is not text."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return " ".join(value)
    return ""


_DIARISED = re.compile(r"(?i)^(?:speaker|spk|spkr|s)?[ _\-]?(\d+|[a-z])$")


def _speaker(value: JSON) -> str | None:
    """A display name for a speaker id: a number or diarisation id becomes "Speaker N"."""
    if value is None or isinstance(value, bool):
        return None
    raw = " ".join(str(value).split())
    if not raw:
        return None
    m = _DIARISED.match(raw)
    return f"Speaker {m.group(1).upper()}" if m else raw


def _seconds(value: JSON) -> float | None:
    """Seconds from a number or a numeric string ("12.5", Google's "12.5s"); None otherwise."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value) if value >= 0 else None
    if isinstance(value, str):
        try:
            seconds = float(value.strip().removesuffix("s"))
        except ValueError:
            return None
        return seconds if seconds >= 0 else None
    return None


def _ms(value: JSON) -> float | None:
    seconds = _seconds(value)
    return None if seconds is None else seconds / 1000


# --- WebVTT ----------------------------------------------------------------------------------------

# A "<" that opens something like a tag would be read as markup, and "-->" as a cue timing.
_TAG_LIKE = re.compile(r"<(?=[a-zA-Z/])")


def _render(cues: list[Cue]) -> str:
    return "WEBVTT\n\n" + "\n\n".join(_cue(i, c, cues) for i, c in enumerate(cues)) + "\n"


def _cue(i: int, cue: Cue, cues: list[Cue]) -> str:
    start = cue.start if cue.start is not None else _previous_end(cues, i)
    end = cue.end if cue.end is not None and cue.end >= start else start
    words = _TAG_LIKE.sub("&lt;", " ".join(cue.text.split()).replace("-->", "->"))
    voice = f"<v {cue.speaker.replace('>', '')}>" if cue.speaker else ""
    return f"{_timestamp(start)} --> {_timestamp(end)}\n{voice}{words}"


def _previous_end(cues: list[Cue], i: int) -> float:
    """Where an untimed cue starts: where the last timed one before it ended (0 at the start), so the
    times stay in order and the WebVTT reader keeps the cues in the export's order."""
    for cue in reversed(cues[:i]):
        for t in (cue.end, cue.start):
            if t is not None:
                return t
    return 0.0


def _timestamp(seconds: float) -> str:
    ms = round(seconds * 1000)
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"
