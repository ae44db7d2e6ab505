"""Transcripts exported as JSON by speech-to-text tools: their words as WebVTT, or a clear refusal.

A newsroom that transcribes its own recordings gets JSON back, not a published page: Whisper, whisper.cpp
and WhisperX, OpenAI's transcription API, AssemblyAI, Deepgram, Amazon Transcribe, Rev.ai, Speechmatics,
Google and Azure speech-to-text, ElevenLabs Scribe, the Podcasting 2.0 transcript, or a plain list of
``{"speaker", "text"}`` objects.  Read as text, such a file became one "turn" of JSON syntax.  Each shape
is turned into WebVTT with one cue per stretch of one speaker's speech and a ``<v Speaker>`` voice where
the tool diarised, so the WebVTT reader gives the turns, their times and their speakers, and nothing
downstream needs to know JSON.  Only the words and their times are kept; confidences and alternatives
are not transcript.

Who speaks is taken from the finest level that says it: a word's own speaker (WhisperX labels words, a
segment may hold a question and its answer), else the segment's; a recording made on separate channels
("Channel 1", or the channel's own label such as "Agent") when nothing else names the voices.  A word the
tool could not attribute ("UU", no label) belongs to its sentence: the speaker of the word before it, or
after a full stop the speaker of the next word.  Diarisation ids ("SPEAKER_00", "spk_1", 2, "B", "S3")
become "Speaker 00", "Speaker 1", "Speaker 2", "Speaker B", "Speaker 3"; a name the tool was given is kept.
Channels are merged by time.  A JSON document that is none of these shapes is refused with the list of
those known: reading it as prose would analyse its syntax.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any, TypeGuard

from onrecord.errors import InputError
from onrecord.readers.common import clock_seconds

JSON = Any  # a parsed JSON value; the shapes are checked where they are read


@dataclass(frozen=True)
class Cue:
    """A stretch of one speaker's words and when it was said (seconds; None when the export has none)."""

    text: str
    speaker: str | None = None
    start: float | None = None
    end: float | None = None


@dataclass(frozen=True)
class Word:
    """One word (or mark) of a word-level export.  ``glue`` says where a mark attaches: "previous"
    (a full stop), "next" (Spanish "¿"), or "" for a word standing on its own."""

    text: str
    speaker: JSON = None
    start: float | None = None
    end: float | None = None
    glue: str = ""
    sentence_end: bool = False


#: who said a segment a diariser gave no speaker: not the speaker before it
_NOBODY = "Unknown speaker"

KNOWN = (
    "Whisper, whisper.cpp or WhisperX output, OpenAI transcription JSON, AssemblyAI, Deepgram, Amazon Transcribe, "
    "Rev.ai, Speechmatics, Google or Azure speech-to-text results, ElevenLabs Scribe, a Podcasting 2.0 "
    'transcript, or a list of {"speaker": ..., "text": ...} objects'
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
            raise InputError(f"{name}: {_article(kind)} {kind} export with no words in it")
        return _render(_by_time(_chevrons_as_dashes(kept))), kind
    raise InputError(f"{name}: JSON, but not a transcript export onrecord knows ({KNOWN})")


def _chevrons_as_dashes(cues: list[Cue]) -> list[Cue]:
    """Captions that mark each change of speaker with ">>" (YouTube's) and name nobody: the mark as the
    WebVTT dash that says someone else speaks now, so the reader gives the voices turns."""
    if any(c.speaker for c in cues) or not any(c.text.lstrip().startswith(">>") for c in cues):
        return cues
    return [
        replace(c, text="- " + c.text.lstrip()[2:].lstrip()) if c.text.lstrip().startswith(">>") else c for c in cues
    ]


def _article(kind: str) -> str:
    return "an" if kind[0].lower() in "aeiou" else "a"


# --- the shapes ------------------------------------------------------------------------------------


def _whisper(data: JSON) -> list[Cue] | None:
    """Whisper, faster-whisper and WhisperX ``segments`` (WhisperX puts a ``speaker`` on segments and on
    their words; a segment may span a change of speaker), and the Podcasting 2.0 transcript (``startTime``,
    ``endTime``, ``body``)."""
    if not isinstance(data, dict) or "segments" not in data:
        return None
    segments = data["segments"]
    if isinstance(segments, list) and not segments and isinstance(data.get("text"), str):
        return [Cue(data["text"])]  # the output for silence: no words, said as such
    if not _objects(segments):
        return None
    if any(_objects(s.get("words")) and any(w.get("speaker") is not None for w in s["words"]) for s in segments):
        return _join_words(_fill_speakers(w for s in segments for w in _whisperx_words(s)))
    diarised = any(s.get("speaker") is not None for s in segments)
    cues = _from_objects(segments)
    if diarised:  # a segment the diariser left unlabelled is nobody's yet, not the previous speaker's
        cues = [c if c.speaker else replace(c, speaker=_NOBODY) for c in cues]
    return cues


def _whisperx_words(segment: dict[str, JSON]) -> list[Word]:
    """A WhisperX segment's words with their speakers; a segment the diariser gave no speaker at all, nor
    to any of its words, is an unknown speaker's, not the previous one's."""
    words = _list_of(segment.get("words"))
    nobody = segment.get("speaker") is None and not any(w.get("speaker") is not None for w in words)
    if nobody:
        return [
            Word(
                _text(segment.get("text")).strip(),
                _NOBODY,
                _seconds(segment.get("start")),
                _seconds(segment.get("end")),
            )
        ]
    if not words:
        return [Word(_text(segment.get("text")), segment.get("speaker"), _seconds(segment.get("start")))]
    return [
        Word(
            _text(w.get("word") or w.get("text")).strip(),
            w.get("speaker"),
            _seconds(w.get("start")),
            _seconds(w.get("end")),
            sentence_end=_text(w.get("word")).rstrip().endswith((".", "?", "!")),
        )
        for w in words
    ]


def _openai(data: JSON) -> list[Cue] | None:
    """OpenAI's transcription API: ``{"text"}`` by default, with ``words`` when asked for word times (their
    words have no punctuation, so the text is kept, timed by its first and last word)."""
    if not isinstance(data, dict) or not isinstance(data.get("text"), str) or set(data) - _OPENAI_KEYS:
        return None
    words = _list_of(data.get("words"))
    start = _seconds(words[0].get("start")) if words else None
    end = _seconds(words[-1].get("end")) if words else _seconds(data.get("duration"))
    return [Cue(data["text"], None, start, end)]


_OPENAI_KEYS = frozenset({"text", "task", "language", "duration", "words", "usage", "logprobs"})


def _whisper_cpp(data: JSON) -> list[Cue] | None:
    """whisper.cpp's ``-oj``: ``transcription`` with ``offsets`` in milliseconds (a ``speaker`` with ``-di``)."""
    items = data.get("transcription") if isinstance(data, dict) else None
    if not _objects(items):
        return None
    cues = []
    for item in items:
        offsets = _mapping(item.get("offsets"))
        cues.append(
            Cue(
                _text(item.get("text")).strip(),
                _speaker(item.get("speaker")),
                _ms(offsets.get("from")),
                _ms(offsets.get("to")),
            )
        )
    return cues


def _assemblyai(data: JSON) -> list[Cue] | None:
    """AssemblyAI: ``utterances`` in milliseconds when diarised, else the whole ``text`` timed by its words.
    Other services' ``utterances`` (in seconds) are read as such."""
    if not isinstance(data, dict) or "utterances" not in data or not isinstance(data.get("text"), str | None):
        return None
    utterances = data["utterances"]
    words = _list_of(data.get("words"))
    scale = _ms if _is_assemblyai(data) else _seconds
    if _objects(utterances):
        return [
            Cue(_text(u.get("text")), _speaker(u.get("speaker")), scale(u.get("start")), scale(u.get("end")))
            for u in utterances
        ]
    if utterances is not None and not isinstance(utterances, list):
        return None
    start = scale(words[0].get("start")) if words else None
    return [Cue(data.get("text") or "", None, start, scale(words[-1].get("end")) if words else None)]


def _is_assemblyai(data: dict[str, JSON]) -> bool:
    """AssemblyAI's own output (times in milliseconds): its job fields, or whole-number times."""
    if any(k in data for k in ("audio_url", "audio_duration", "status", "acoustic_model", "language_model")):
        return True
    utterances = data["utterances"] if isinstance(data["utterances"], list) else []
    times = [u.get("start") for u in utterances if isinstance(u, dict)]
    whole = [t for t in times if isinstance(t, int) and not isinstance(t, bool)]
    return bool(times) and len(whole) == len(times) and max(whole) > 1000


def _deepgram(data: JSON) -> list[Cue] | None:
    """Deepgram: ``results.utterances`` when asked for; else each channel's paragraphs (which carry the
    speaker when diarised), its diarised words, or its transcript.  A recording on several channels gives
    each channel's words to that channel."""
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, dict) or not ("utterances" in results or "channels" in results):
        return None
    channels = _list_of(results.get("channels"))
    several = len(channels) > 1
    if _objects(results.get("utterances")):
        return [
            Cue(
                _text(u.get("transcript")),
                _voice(u.get("speaker"), u.get("channel") if several else None),
                _seconds(u.get("start")),
                _seconds(u.get("end")),
            )
            for u in results["utterances"]
        ]
    if not channels:
        return None
    cues: list[Cue] = []
    for n, channel in enumerate(channels):
        alternatives = channel.get("alternatives")
        if not _objects(alternatives):
            continue
        cues += _deepgram_channel(alternatives[0], n if several else None)
    return cues


def _deepgram_channel(best: dict[str, JSON], channel: int | None) -> list[Cue]:
    paragraphs = _mapping(best.get("paragraphs")).get("paragraphs")
    if _objects(paragraphs):
        return [
            Cue(
                " ".join(_text(s.get("text")) for s in _items(p.get("sentences"))),
                _voice(p.get("speaker"), channel),
                _seconds(p.get("start")),
                _seconds(p.get("end")),
            )
            for p in paragraphs
        ]
    words = _list_of(best.get("words"))
    if words and (channel is not None or any(w.get("speaker") is not None for w in words)):
        return _join_words(
            Word(
                _text(w.get("punctuated_word") or w.get("word")),
                _voice(w.get("speaker"), channel),
                _seconds(w.get("start")),
                _seconds(w.get("end")),
            )
            for w in words
        )
    return [Cue(_text(best.get("transcript")), _voice(None, channel))]


def _transcribe(data: JSON) -> list[Cue] | None:
    """Amazon Transcribe: ``audio_segments`` in newer outputs; else the words of ``items`` joined by speaker
    (each item's own ``speaker_label``, or the one whose ``speaker_labels`` segment holds its start) or by
    channel (``channel_label``); else the whole ``transcripts`` text."""
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, dict) or "transcripts" not in results:
        return None
    if _objects(results.get("audio_segments")):
        return [
            Cue(
                _text(s.get("transcript")),
                _voice(s.get("speaker_label"), s.get("channel_label")),
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
            punct = item.get("type") == "punctuation"
            words.append(
                Word(
                    content,
                    _voice(speaker, item.get("channel_label")) if not punct else None,
                    _seconds(start),
                    _seconds(item.get("end_time")),
                    "previous" if punct else "",
                    punct and content in ".?!",
                )
            )
        return _join_words(_fill_speakers(words))
    transcripts = results.get("transcripts")
    if _objects(transcripts):
        return [Cue(" ".join(_text(t.get("transcript")) for t in transcripts))]
    return None


def _transcribe_speakers(labels: JSON) -> dict[str, JSON]:
    """Start time (as the export writes it) -> speaker, from the older ``speaker_labels.segments``."""
    found: dict[str, JSON] = {}
    for segment in _list_of(_mapping(labels).get("segments")):
        for item in _items(segment.get("items")):
            if item.get("start_time") is not None:
                found[str(item["start_time"])] = item.get("speaker_label") or segment.get("speaker_label")
    return found


def _revai(data: JSON) -> list[Cue] | None:
    """Rev.ai: ``monologues`` of ``elements``, words ("text") and the spaces and marks between them
    ("punct") in order; the speaker's name in ``speaker_info`` when the account has one."""
    monologues = data.get("monologues") if isinstance(data, dict) else None
    if not _objects(monologues):
        return None
    cues = []
    for m in monologues:
        elements = _items(m.get("elements"))
        timed = [e for e in elements if e.get("ts") is not None]
        info = _mapping(m.get("speaker_info"))
        cues.append(
            Cue(
                "".join(_text(e.get("value")) for e in elements),
                _speaker(info.get("display_name") or m.get("speaker_name") or m.get("speaker")),
                _seconds(timed[0].get("ts")) if timed else None,
                _seconds(timed[-1].get("end_ts")) if timed else None,
            )
        )
    return cues


def _speechmatics(data: JSON) -> list[Cue] | None:
    """Speechmatics: ``results`` of words and punctuation, each with its ``alternatives`` and the speaker
    there ("UU" when it could not tell), or the ``channel`` when diarised by channel; a mark that
    ``attaches_to`` the next word ("¿") opens it."""
    results = data.get("results") if isinstance(data, dict) else None
    if not _objects(results) or not all("alternatives" in r and "type" in r for r in results):
        return None
    words = []
    for r in results:
        alternatives = r.get("alternatives")
        best = alternatives[0] if _objects(alternatives) else {}
        punct = r.get("type") == "punctuation"
        words.append(
            Word(
                _text(best.get("content")),
                _voice(best.get("speaker"), r.get("channel")),
                _seconds(r.get("start_time")),
                _seconds(r.get("end_time")),
                (r.get("attaches_to") or "previous") if punct else "",
                bool(r.get("is_eos")),
            )
        )
    return _join_words(_fill_speakers(words))


def _google(data: JSON) -> list[Cue] | None:
    """Google Cloud Speech-to-Text, v1 and v2, camelCase or snake_case: ``results`` of ``alternatives``.
    When diarised, the last result repeats every word with its speaker; else each result's transcript is
    a stretch of speech (with its ``channelTag`` when recorded on several channels)."""
    results = data.get("results") if isinstance(data, dict) else None
    if not _objects(results) or not all(_objects(r.get("alternatives")) for r in results):
        return None
    per_result = [r["alternatives"][0].get("words") for r in results]
    per_result = [w if _objects(w) else [] for w in per_result]
    # v1 repeats every word, with its speaker, in the last result; v2 gives each result its own
    earlier = [_text(w.get("word")) for ws in per_result[:-1] for w in ws]
    cumulative = [_text(w.get("word")) for w in per_result[-1][: len(earlier)]] == earlier
    words = per_result[-1] if cumulative else [w for ws in per_result for w in ws]
    if words and any(_first(w, _GOOGLE_SPEAKER) is not None for w in words):
        return _join_words(
            Word(
                _text(w.get("word")),
                _first(w, _GOOGLE_SPEAKER),
                _seconds(_first(w, ("startTime", "start_time", "startOffset", "start_offset"))),
                _seconds(_first(w, ("endTime", "end_time", "endOffset", "end_offset"))),
            )
            for w in words
        )
    channels = {_first(r, _GOOGLE_CHANNEL) for r in results} - {None}
    cues = []
    start: float | None = 0.0
    for r in results:
        end = _seconds(_first(r, ("resultEndTime", "result_end_time", "resultEndOffset", "result_end_offset")))
        channel = _first(r, _GOOGLE_CHANNEL) if len(channels) > 1 else None
        cues.append(Cue(_text(r["alternatives"][0].get("transcript")), _voice(None, channel), start, end))
        start = end
    return cues


_GOOGLE_SPEAKER = ("speakerLabel", "speaker_label", "speakerTag", "speaker_tag")
_GOOGLE_CHANNEL = ("channelTag", "channel_tag")


def _azure(data: JSON) -> list[Cue] | None:
    """Azure batch transcription: ``recognizedPhrases``, each with its best ``display`` text, its speaker
    when diarised (on the phrase or on its best reading), its channel in a stereo file, and times in
    ticks of 100 ns; only ``combinedRecognizedPhrases`` when that is all there is."""
    if not isinstance(data, dict):
        return None
    phrases = data.get("recognizedPhrases")
    if not _objects(phrases):
        combined = data.get("combinedRecognizedPhrases")
        if isinstance(phrases, list) and _objects(combined):
            several = len(combined) > 1
            return [Cue(_text(c.get("display")), _voice(None, c.get("channel") if several else None)) for c in combined]
        return None
    several = len({p.get("channel") for p in phrases} - {None}) > 1
    cues = []
    for p in phrases:
        best = p.get("nBest")
        top = best[0] if _objects(best) else {}
        start = _seconds(p.get("offsetInTicks"))
        duration = _seconds(p.get("durationInTicks"))
        speaker = p.get("speaker") if p.get("speaker") is not None else top.get("speaker")
        cues.append(
            Cue(
                _text(top.get("display") or top.get("lexical")),
                _voice(speaker, p.get("channel") if several else None),
                None if start is None else start / 1e7,
                None if start is None or duration is None else (start + duration) / 1e7,
            )
        )
    return cues


def _elevenlabs(data: JSON) -> list[Cue] | None:
    """ElevenLabs Scribe: ``words`` of type word, spacing or audio event, each with its ``speaker_id``."""
    if not isinstance(data, dict) or "language_code" not in data or not _objects(data.get("words")):
        return None
    # "spacing" elements hold only the spaces between words, which the joiner puts back
    return _join_words(
        Word(_text(w.get("text")), w.get("speaker_id"), _seconds(w.get("start")), _seconds(w.get("end")))
        for w in data["words"]
        if w.get("type") in ("word", None)
    )


def _plain_list(data: JSON) -> list[Cue] | None:
    """A list of turns from any tool or scraper: a speaker and the words under common names, with
    ``start``/``end`` or YouTube's ``start``/``duration``.  A list with neither speakers nor times (a chat
    log's ``role``/``content``) is not a transcript export."""
    if not _objects(data) or not any(_first(d, _TEXT_KEYS) is not None for d in data):
        return None
    if not any(_first(d, _SPEAKER_KEYS) is not None or _first(d, _START_KEYS) is not None for d in data):
        return None
    return _from_objects(data)


_SHAPES: tuple[tuple[str, Callable[[JSON], list[Cue] | None]], ...] = (
    ("Whisper", _whisper),
    ("whisper.cpp", _whisper_cpp),
    ("AssemblyAI", _assemblyai),
    ("Deepgram", _deepgram),
    ("Amazon Transcribe", _transcribe),
    ("Rev.ai", _revai),
    ("Speechmatics", _speechmatics),
    ("Google Speech-to-Text", _google),
    ("Azure Speech", _azure),
    ("ElevenLabs", _elevenlabs),
    ("OpenAI", _openai),
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


def _list_of(value: JSON) -> list[dict[str, JSON]]:
    return value if _objects(value) else []


def _items(value: JSON) -> list[dict[str, JSON]]:
    """The objects in ``value`` when it is a list (a mixed list keeps its objects), else none."""
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _mapping(value: JSON) -> dict[str, JSON]:
    return value if isinstance(value, dict) else {}


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


_UNKNOWN_SPEAKER = frozenset({"uu", "unknown", "none", "null", ""})


def _fill_speakers(words: Iterable[Word]) -> list[Word]:
    """Words the tool left without a speaker ("UU", none) given the speaker of their sentence: the word
    before, or after a full stop the next word that has one."""
    out = list(words)
    known = [None if _unknown(w.speaker) else w.speaker for w in out]
    for i, w in enumerate(out):
        if known[i] is not None or w.glue:
            continue
        before = next((known[k] for k in range(i - 1, -1, -1) if known[k] is not None and not out[k].glue), None)
        ended = i > 0 and (out[i - 1].sentence_end or out[i - 1].text.rstrip().endswith((".", "?", "!")))
        after = next((known[k] for k in range(i + 1, len(out)) if known[k] is not None), None)
        known[i] = (after or before) if ended or before is None else before
    return [replace(w, speaker=known[i]) for i, w in enumerate(out)]


def _unknown(speaker: JSON) -> bool:
    return speaker is None or (isinstance(speaker, str) and speaker.strip().lower() in _UNKNOWN_SPEAKER)


def _join_words(words: Iterable[Word]) -> list[Cue]:
    """Word-level exports as one cue per run of the same speaker; a mark sticks to the word before it, or
    to the word after it when it opens it ("¿")."""
    cues: list[Cue] = []
    run: list[str] = []
    speaker: JSON = None
    start = end = None
    pending = ""  # a mark waiting for the word it opens
    for w in words:
        if w.glue == "next":
            pending += w.text
            continue
        if w.glue == "previous":
            run.append(w.text)
            end = w.end if w.end is not None else end
            continue
        if run and w.speaker is not None and w.speaker != speaker:
            cues.append(Cue("".join(run).strip(), _speaker(speaker), start, end))
            run, start = [], None
        speaker = w.speaker if w.speaker is not None else speaker
        run.append(" " + pending + w.text)
        pending = ""
        start = w.start if start is None else start
        end = w.end if w.end is not None else end
    if run or pending:
        cues.append(Cue(("".join(run) + pending).strip(), _speaker(speaker), start, end))
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
    if value is None or isinstance(value, bool) or _unknown(value):
        return None
    raw = " ".join(str(value).split())
    m = _DIARISED.match(raw)
    return f"Speaker {m.group(1).upper()}" if m else raw


def _voice(speaker: JSON, channel: JSON) -> str | None:
    """A speaker, on a channel when the recording has several ("Channel 1", "Agent", "Channel 1, Speaker 0")."""
    who = _speaker(speaker)
    if channel is None or isinstance(channel, bool):
        return who
    raw = " ".join(str(channel).split())
    m = re.match(r"(?i)^(?:ch|channel)?[ _\-]?(\d+)$", raw)
    where = f"Channel {m.group(1)}" if m else raw
    return f"{where}, {who}" if who else where


_CLOCK = re.compile(r"^(?:(\d{1,3}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?$")


def _seconds(value: JSON) -> float | None:
    """Seconds from a number, a numeric string ("12.5", Google's "12.5s"), a clock ("00:01:23.500", "01:23")
    or Google's ``{"seconds", "nanos"}``; None otherwise, and for what is not a time (negative, infinite)."""
    if isinstance(value, bool) or value is None:
        return None
    seconds: float | None = None
    if isinstance(value, int | float):
        seconds = float(value)
    elif isinstance(value, dict) and ("seconds" in value or "nanos" in value):
        whole, nanos = _seconds(value.get("seconds") or 0), _seconds(value.get("nanos") or 0)
        seconds = None if whole is None or nanos is None else whole + nanos / 1e9
    elif isinstance(value, str):
        raw = value.strip().removesuffix("s")
        if _CLOCK.match(raw):
            seconds = clock_seconds(raw)
        else:
            try:
                seconds = float(raw)
            except ValueError:
                return None
    if seconds is None or not math.isfinite(seconds) or seconds < 0:
        return None
    return seconds


def _ms(value: JSON) -> float | None:
    seconds = _seconds(value)
    return None if seconds is None else seconds / 1000


def _by_time(cues: list[Cue]) -> list[Cue]:
    """Cues of several channels in the order they were said; one channel's as the export lists them."""
    if not any(c.speaker and c.speaker.startswith("Channel ") for c in cues):
        return cues
    if any(c.start is None for c in cues):
        return cues
    return sorted(cues, key=lambda c: c.start or 0.0)


# --- WebVTT ----------------------------------------------------------------------------------------

# A "<" that opens something like a tag would be read as markup, and "-->" as a cue timing.
_TAG_LIKE = re.compile(r"<(?=[a-zA-Z/])")


def _render(cues: list[Cue]) -> str:
    """The cues as WebVTT.  An untimed cue starts where the last timed one before it ended (0 at the start),
    so the times stay in order and the WebVTT reader keeps the cues in the export's order."""
    blocks = []
    last = 0.0  # the end (else the start) of the last cue that had a time
    for cue in cues:
        start = cue.start if cue.start is not None else last
        end = cue.end if cue.end is not None and cue.end >= start else start
        words = _TAG_LIKE.sub("&lt;", " ".join(cue.text.split()).replace("-->", "->"))
        voice = f"<v {cue.speaker.replace('>', '›')}>" if cue.speaker else ""
        blocks.append(f"{_timestamp(start)} --> {_timestamp(end)}\n{voice}{words}")
        last = next((t for t in (cue.end, cue.start) if t is not None), last)
    return "WEBVTT\n\n" + "\n\n".join(blocks) + "\n"


def _timestamp(seconds: float) -> str:
    ms = round(seconds * 1000)
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"
