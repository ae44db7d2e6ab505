"""Speech-to-text JSON exports are read as the conversation they hold, in each tool's own shape; JSON
that is no known export is refused in one line.

Each builder below writes the same short interview the way one tool exports it (with some of the
fields the tool adds around the words, which must be ignored)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from onrecord import io
from onrecord.cli import main
from onrecord.errors import InputError, OnrecordError
from onrecord.pipeline import analyze

# (speaker id, start, end, words); the host speaks twice in a row, as tools split on pauses
TALK = [
    (0, 0.0, 2.5, "Minister, thanks for coming in."),
    (0, 2.6, 5.0, "Will the ferry route reopen in May?"),
    (1, 5.2, 9.8, "Yes, it reopens on May 4, with two sailings a day."),
    (0, 10.0, 12.0, "And who pays for the new pier?"),
    (1, 12.1, 16.0, "The port authority pays for it, not the island."),
]
TURNS = [
    "Minister, thanks for coming in.\nWill the ferry route reopen in May?",
    "Yes, it reopens on May 4, with two sailings a day.",
    "And who pays for the new pier?",
    "The port authority pays for it, not the island.",
]


def _words(text: str) -> list[tuple[str, bool]]:
    """``text`` as a word-level export has it: words, and punctuation marks of their own."""
    out: list[tuple[str, bool]] = []
    for token in text.split():
        core = token.rstrip(".,?!")
        out.append((core, False))
        out.extend((mark, True) for mark in token[len(core) :])
    return out


def whisperx() -> Any:
    return {
        "language": "en",
        "segments": [
            {"start": s, "end": e, "text": " " + t, "speaker": f"SPEAKER_0{who}", "words": []} for who, s, e, t in TALK
        ],
    }


def podcasting20() -> Any:
    names = {0: "Lena Brandt", 1: "Tomas Quill"}
    return {
        "version": "1.0.0",
        "segments": [{"speaker": names[who], "startTime": s, "endTime": e, "body": t} for who, s, e, t in TALK],
    }


def assemblyai() -> Any:
    return {
        "id": "5551722",
        "status": "completed",
        "text": " ".join(t for *_, t in TALK),
        "utterances": [
            {"speaker": "AB"[who], "start": int(s * 1000), "end": int(e * 1000), "text": t, "confidence": 0.93}
            for who, s, e, t in TALK
        ],
    }


def deepgram_utterances() -> Any:
    return {
        "metadata": {"request_id": "x", "duration": 16.0},
        "results": {
            "channels": [{"alternatives": [{"transcript": " ".join(t for *_, t in TALK), "confidence": 0.98}]}],
            "utterances": [
                {"start": s, "end": e, "transcript": t, "speaker": who, "channel": 0} for who, s, e, t in TALK
            ],
        },
    }


def deepgram_paragraphs() -> Any:
    paragraphs = [
        {"speaker": who, "start": s, "end": e, "sentences": [{"text": t, "start": s, "end": e}]}
        for who, s, e, t in TALK
    ]
    alternative = {"transcript": "…", "paragraphs": {"transcript": "…", "paragraphs": paragraphs}}
    return {"results": {"channels": [{"alternatives": [alternative]}]}}


def transcribe_segments() -> Any:
    return {
        "jobName": "ferry-interview",
        "results": {
            "transcripts": [{"transcript": " ".join(t for *_, t in TALK)}],
            "audio_segments": [
                {
                    "id": i,
                    "transcript": t,
                    "start_time": f"{s:.3f}",
                    "end_time": f"{e:.3f}",
                    "speaker_label": f"spk_{who}",
                }
                for i, (who, s, e, t) in enumerate(TALK)
            ],
        },
        "status": "COMPLETED",
    }


def transcribe_items() -> Any:
    """The older Transcribe output: words in ``items``, speakers only in ``speaker_labels``."""
    items, segments = [], []
    for who, s, e, t in TALK:
        seg_items = []
        words = _words(t)
        step = (e - s) / sum(not punct for _, punct in words)
        k = -1
        for content, punct in words:
            if punct:
                items.append({"alternatives": [{"confidence": "0.0", "content": content}], "type": "punctuation"})
                continue
            k += 1
            start, end = f"{s + k * step:.2f}", f"{s + (k + 1) * step:.2f}"
            items.append(
                {
                    "start_time": start,
                    "end_time": end,
                    "alternatives": [{"confidence": "0.99", "content": content}],
                    "type": "pronunciation",
                }
            )
            seg_items.append({"start_time": start, "end_time": end, "speaker_label": f"spk_{who}"})
        segments.append(
            {"start_time": f"{s:.2f}", "end_time": f"{e:.2f}", "speaker_label": f"spk_{who}", "items": seg_items}
        )
    return {
        "results": {
            "transcripts": [{"transcript": "…"}],
            "speaker_labels": {"speakers": 2, "segments": segments},
            "items": items,
        }
    }


def revai() -> Any:
    monologues = []
    for who, s, e, t in TALK:
        elements: list[dict[str, Any]] = []
        for content, punct in _words(t):
            if punct:
                elements.append({"type": "punct", "value": content})
            else:
                if elements:
                    elements.append({"type": "punct", "value": " "})
                elements.append({"type": "text", "value": content, "ts": s, "end_ts": e, "confidence": 1.0})
        monologues.append({"speaker": who, "elements": elements})
    return {"monologues": monologues}


def speechmatics() -> Any:
    results = []
    for who, s, e, t in TALK:
        for content, punct in _words(t):
            alt = {"content": content, "confidence": 1.0, "speaker": f"S{who + 1}", "language": "en"}
            results.append(
                {"type": "punctuation" if punct else "word", "start_time": s, "end_time": e, "alternatives": [alt]}
            )
    return {"format": "2.9", "metadata": {"created_at": "2026-01-01"}, "results": results}


def google() -> Any:
    words = [
        {"startTime": f"{s}s", "endTime": f"{e}s", "word": token, "speakerTag": who + 1}
        for who, s, e, t in TALK
        for token in t.split()
    ]
    return {
        "results": [
            {"alternatives": [{"transcript": " ".join(t for *_, t in TALK), "confidence": 0.9}]},
            {"alternatives": [{"transcript": "", "words": words}]},
        ]
    }


def azure() -> Any:
    return {
        "source": "https://example.org/ferry.wav",
        "recognizedPhrases": [
            {
                "speaker": who + 1,
                "offsetInTicks": s * 1e7,
                "durationInTicks": (e - s) * 1e7,
                "nBest": [{"confidence": 0.9, "lexical": t.lower(), "display": t}],
            }
            for who, s, e, t in TALK
        ],
    }


def plain_list() -> Any:
    names = {0: "HOST", 1: "MINISTER"}
    return [{"speaker": names[who], "text": t, "start": s, "end": e} for who, s, e, t in TALK]


EXPORTS: dict[str, tuple[Callable[[], Any], list[str]]] = {
    "Whisper": (whisperx, ["Speaker 00", "Speaker 01"]),
    "Podcasting 2.0 (as Whisper)": (podcasting20, ["Lena Brandt", "Tomas Quill"]),
    "AssemblyAI": (assemblyai, ["Speaker A", "Speaker B"]),
    "Deepgram": (deepgram_utterances, ["Speaker 0", "Speaker 1"]),
    "Deepgram paragraphs": (deepgram_paragraphs, ["Speaker 0", "Speaker 1"]),
    "Amazon Transcribe": (transcribe_segments, ["Speaker 0", "Speaker 1"]),
    "Amazon Transcribe items": (transcribe_items, ["Speaker 0", "Speaker 1"]),
    "Rev.ai": (revai, ["Speaker 0", "Speaker 1"]),
    "Speechmatics": (speechmatics, ["Speaker 1", "Speaker 2"]),
    "Google Speech-to-Text": (google, ["Speaker 1", "Speaker 2"]),
    "Azure Speech": (azure, ["Speaker 1", "Speaker 2"]),
    "speaker and text list": (plain_list, ["Host", "Minister"]),
}


@pytest.mark.parametrize("export", EXPORTS)
def test_each_export_gives_the_turns_speakers_and_questions(export: str) -> None:
    build, speakers = EXPORTS[export]
    src = io.decode(json.dumps(build()).encode(), "ferry.json")
    assert src.encoding.startswith("utf-8; ") and src.encoding.endswith(" JSON, read as WebVTT")
    doc = analyze(src.text, stages=[])
    assert doc.layout == "webvtt"
    # word-level exports (Transcribe's items, Speechmatics, Google) run one speaker's words together
    assert [" ".join(t.text.split()) for t in doc.turns] == [" ".join(t.split()) for t in TURNS]
    host, guest = speakers
    assert [t.speaker for t in doc.turns] == [host, guest, host, guest]
    assert [t.role for t in doc.turns] == ["interviewer", "interviewee"] * 2
    assert [x.question.text for x in doc.exchanges] == [
        "Will the ferry route reopen in May?",
        "And who pays for the new pier?",
    ]
    assert doc.turns[1].time_start == pytest.approx(5.2) and doc.turns[-1].time_end == pytest.approx(16.0)


def test_the_kind_of_export_is_named_in_the_encoding() -> None:
    assert io.decode(json.dumps(assemblyai()).encode(), "a.json").encoding == "utf-8; AssemblyAI JSON, read as WebVTT"
    assert io.decode(json.dumps(revai()).encode(), "a.json").encoding == "utf-8; Rev.ai JSON, read as WebVTT"


def test_an_export_without_diarisation_keeps_every_word_in_order() -> None:
    data = {"text": "…", "segments": [{"start": s, "end": e, "text": t} for _, s, e, t in TALK]}
    doc = analyze(io.decode(json.dumps(data).encode(), "plain.json").text, stages=[])
    said = " ".join(t.text for t in doc.turns).split()
    assert said == " ".join(t for *_, t in TALK).split()


def test_an_assemblyai_export_without_utterances_is_its_text() -> None:
    data = {"id": "1", "text": "Good evening. Tonight, the ferry.", "utterances": None, "words": []}
    src = io.decode(json.dumps(data).encode(), "a.json")
    assert [t.text for t in analyze(src.text, stages=[]).turns] == ["Good evening. Tonight, the ferry."]


def test_markup_like_words_survive_the_webvtt_they_are_carried_in() -> None:
    data = [{"speaker": "Host", "text": "Is x <b and y --> z & more?"}, {"speaker": "Guest", "text": "No."}]
    doc = analyze(io.decode(json.dumps(data).encode(), "m.json").text, stages=[])
    assert [t.text for t in doc.turns] == ["Is x <b and y -> z & more?", "No."]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "ferry", "rows": [1, 2]}, "JSON, but not a transcript export onrecord knows"),
        ([1, 2, 3], "JSON, but not a transcript export onrecord knows"),
        ({"segments": [{"start": 0, "end": 1, "text": "  "}]}, "a Whisper export with no words in it"),
    ],
)
def test_json_that_is_no_known_export_is_refused_in_one_line(data: Any, message: str, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=message):
        io.decode(json.dumps(data).encode(), "x.json")
    path = tmp_path / "x.json"
    path.write_text(json.dumps(data))
    result = CliRunner().invoke(main, ["analyze", str(path), "--structure-only"])
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_a_transcript_that_opens_with_a_bracket_is_not_json() -> None:
    text = "[MUSIC PLAYING]\n\nHOST: Will the ferry reopen?\n\nMINISTER: Yes, in May.\n"
    src = io.decode(text.encode(), "t.txt")
    assert src.text == text and src.encoding == "utf-8"


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
_UTTERANCE = st.lists(_WORD, min_size=1, max_size=12).map(lambda ws: " ".join(ws) + st_mark(ws))


def st_mark(words: list[str]) -> str:
    return "?" if len(words) % 3 == 0 else "."


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Ana", "Ben", "SPEAKER_02"]), _UTTERANCE), min_size=1, max_size=15))
def test_no_word_of_a_speaker_and_text_list_is_lost(turns: list[tuple[str, str]]) -> None:
    data = [{"speaker": who, "text": said} for who, said in turns]
    doc = analyze(io.decode(json.dumps(data).encode(), "p.json").text, stages=[])
    assert " ".join(t.text for t in doc.turns).split() == " ".join(said for _, said in turns).split()


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "segments",
                    "utterances",
                    "results",
                    "transcripts",
                    "items",
                    "monologues",
                    "elements",
                    "alternatives",
                    "speaker_labels",
                    "audio_segments",
                    "channels",
                    "paragraphs",
                    "sentences",
                    "recognizedPhrases",
                    "nBest",
                    "words",
                    "text",
                    "transcript",
                    "content",
                    "speaker",
                    "start",
                    "end",
                    "start_time",
                    "type",
                    "ts",
                    "channel",
                    "channel_label",
                    "speakerLabel",
                    "transcription",
                    "offsets",
                    "from",
                    "language_code",
                    "speaker_id",
                    "speaker_info",
                    "attaches_to",
                    "seconds",
                    "nanos",
                    "combinedRecognizedPhrases",
                ]
            ),
            inner,
            max_size=4,
        )
    ),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(_JSON)
def test_any_json_is_read_or_refused_in_one_line(data: Any) -> None:
    try:
        analyze(io.decode(json.dumps(data).encode(), "fuzz.json").text, stages=[])
    except OnrecordError as exc:  # the one-line refusals: not an export, no words, no turns
        assert "\n" not in str(exc)


def _turns_of(data: Any) -> list[tuple[str | None, str]]:
    doc = analyze(io.decode(json.dumps(data).encode(), "x.json").text, stages=[])
    return [(t.speaker, " ".join(t.text.split())) for t in doc.turns]


def test_a_whisperx_segment_that_spans_a_change_of_speaker_is_split_by_its_words() -> None:
    words = [("Will", 0), ("you", 0), ("publish", 0), ("it?", 0), ("Yes,", 1), ("on", 1), ("Friday.", 1)]
    segment = {
        "start": 0.0,
        "end": 3.0,
        "text": " Will you publish it? Yes, on Friday.",
        "speaker": "SPEAKER_00",
        "words": [
            {"word": w, "start": k * 0.4, "end": k * 0.4 + 0.3, "speaker": f"SPEAKER_0{who}"}
            for k, (w, who) in enumerate(words)
        ],
    }
    assert _turns_of({"segments": [segment]}) == [
        ("Speaker 00", "Will you publish it?"),
        ("Speaker 01", "Yes, on Friday."),
    ]


def test_channels_are_voices_and_are_merged_by_time() -> None:
    def channel(said: list[tuple[float, str]]) -> dict[str, Any]:
        paragraphs = [{"start": s, "end": s + 2, "sentences": [{"text": t, "start": s, "end": s + 2}]} for s, t in said]
        return {"alternatives": [{"transcript": "…", "paragraphs": {"paragraphs": paragraphs}}]}

    data = {
        "results": {
            "channels": [
                channel([(0, "Will you resign?"), (6, "Why not?")]),
                channel([(3, "No."), (9, "Because I was elected.")]),
            ]
        }
    }
    assert _turns_of(data) == [
        ("Channel 0", "Will you resign?"),
        ("Channel 1", "No."),
        ("Channel 0", "Why not?"),
        ("Channel 1", "Because I was elected."),
    ]


def test_speechmatics_unknown_speakers_and_opening_marks_belong_to_their_sentence() -> None:
    def word(text: str, who: str, t: float, kind: str = "word", **more: Any) -> dict[str, Any]:
        return {
            "type": kind,
            "start_time": t,
            "end_time": t + 0.2,
            "alternatives": [{"content": text, "speaker": who}],
            **more,
        }

    results = [
        word("¿", "S1", 0.0, "punctuation", attaches_to="next"),
        word("Cuántos", "S1", 0.1),
        word("?", "S1", 0.3, "punctuation", is_eos=True),
        word("Unos", "UU", 1.0),
        word("doce", "S2", 1.2),
        word(".", "S2", 1.4, "punctuation", is_eos=True),
    ]
    assert _turns_of({"format": "2.9", "results": results}) == [("Speaker 1", "¿Cuántos?"), ("Speaker 2", "Unos doce.")]


@pytest.mark.parametrize(
    ("data", "turns"),
    [
        # Azure: the speaker on the phrase's best reading
        (
            {
                "recognizedPhrases": [
                    {
                        "offsetInTicks": 0,
                        "durationInTicks": 1e7,
                        "nBest": [{"display": "Will you resign?", "speaker": 1}],
                    },
                    {"offsetInTicks": 2e7, "durationInTicks": 1e7, "nBest": [{"display": "No.", "speaker": 2}]},
                ]
            },
            [("Speaker 1", "Will you resign?"), ("Speaker 2", "No.")],
        ),
        # Google v2: each result its own diarised words, speakerLabel and offsets
        (
            {
                "results": [
                    {"alternatives": [{"words": [{"word": "Resign?", "speakerLabel": "1", "startOffset": "0s"}]}]},
                    {"alternatives": [{"words": [{"word": "No.", "speakerLabel": "2", "startOffset": "2s"}]}]},
                ]
            },
            [("Speaker 1", "Resign?"), ("Speaker 2", "No.")],
        ),
        # ElevenLabs Scribe: words and spacing, with speaker ids
        (
            {
                "language_code": "en",
                "text": "…",
                "words": [
                    {"text": "Resign?", "type": "word", "start": 0, "end": 1, "speaker_id": "speaker_0"},
                    {"text": " ", "type": "spacing", "start": 1, "end": 1},
                    {"text": "No.", "type": "word", "start": 2, "end": 3, "speaker_id": "speaker_1"},
                ],
            },
            [("Speaker 0", "Resign?"), ("Speaker 1", "No.")],
        ),
        # OpenAI's default transcription JSON, and whisper.cpp's -oj (times in milliseconds)
        ({"text": "Will you resign? No."}, [(None, "Will you resign? No.")]),
        (
            {"transcription": [{"offsets": {"from": 0, "to": 1500}, "text": " Will you resign? No."}]},
            [(None, "Will you resign? No.")],
        ),
    ],
)
def test_more_services_exports(data: Any, turns: list[tuple[str | None, str]]) -> None:
    assert _turns_of(data) == turns


def test_times_in_other_forms_and_impossible_times() -> None:
    data = {
        "segments": [
            {
                "start": "00:00:01.500",
                "end": {"seconds": "3", "nanos": 500000000},
                "text": "Will you resign?",
                "speaker": "A",
            },
            {"start": 4.0, "end": float("inf"), "text": "No.", "speaker": "B"},
        ]
    }
    doc = analyze(io.decode(json.dumps(data).encode(), "t.json").text, stages=[])
    assert (doc.turns[0].time_start, doc.turns[0].time_end) == (1.5, 3.5)
    assert doc.turns[1].time_start == 4.0


def test_a_chat_log_is_no_transcript_export() -> None:
    with pytest.raises(InputError, match="not a transcript export"):
        io.decode(
            json.dumps([{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}]).encode(),
            "c.json",
        )


def test_youtube_chevrons_give_the_voices_turns() -> None:
    data = [
        {"text": ">> WHAT DID YOU SEE THAT NIGHT?", "start": 0.5, "duration": 2.1},
        {"text": ">> I SAW THE LIGHTS GO OUT.", "start": 2.7, "duration": 2.0},
        {"text": "AND THEN NOTHING.", "start": 4.8, "duration": 1.2},
        {"text": ">> DID YOU CALL ANYONE?", "start": 6.2, "duration": 1.5},
        {"text": ">> NO.", "start": 7.8, "duration": 0.6},
    ]
    doc = analyze(io.decode(json.dumps(data).encode(), "yt.json").text, stages=[])
    assert [" ".join(t.text.split()) for t in doc.turns] == [
        "WHAT DID YOU SEE THAT NIGHT?",
        "I SAW THE LIGHTS GO OUT. AND THEN NOTHING.",
        "DID YOU CALL ANYONE?",
        "NO.",
    ]
    assert [t.role for t in doc.turns] == ["interviewer", "interviewee"] * 2
