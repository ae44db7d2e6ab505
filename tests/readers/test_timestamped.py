"""A video site's transcript pasted as text: a time code line above each caption line."""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st
from readers_support import check_invariant

from onrecord.pipeline import analyze
from onrecord.readers import detect, get

CAPTIONS = [
    "hi everyone welcome back to the channel",
    "[Music]",
    "today i'm talking to doctor marcus adeyemi",
    "who runs the coastal erosion lab",
    "so how fast is the coast moving",
    "on the worst stretches about two meters",
    "a year of cliff retreat",
    "and is that getting faster",
    "yes it is",
]
PASTED = "".join(f"{i // 60}:{i % 60:02d}\n{line}\n" for i, line in zip(range(0, 200, 7), CAPTIONS, strict=False))


def test_time_codes_are_markup_and_the_captions_one_stretch_of_speech() -> None:
    assert detect(PASTED).name == "timestamped"
    result = get("timestamped").read(PASTED)
    check_invariant(result)
    assert result.text == "\n".join(CAPTIONS)
    (turn,) = result.turns
    assert (turn.time_start, turn.time_end) == (0.0, 56.0)
    assert [result.text[s:e] for s, e, _ in result.notes] == ["[Music]"]
    doc = analyze(PASTED, stages=["numbers"])
    assert not any(re.fullmatch(r"\d+:\d\d", n.text) for n in doc.numbers)  # no "0:07" among the figures


def test_a_script_with_a_few_times_is_not_a_caption_paste() -> None:
    text = "HOST: It's 8:05.\n\nGUEST: Morning.\n\n8:10\n\nHOST: Traffic now.\n"
    assert get("timestamped").detect(text) == 0.0


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 5999), st.text(alphabet="abc [Music]?", min_size=1, max_size=30)), max_size=20)
)
def test_generated_pastes_keep_every_caption_word(captions: list[tuple[int, str]]) -> None:
    text = "".join(f"{t // 60}:{t % 60:02d}\n{line}\n" for t, line in captions)
    result = get("timestamped").read(text)
    check_invariant(result)
    assert Counter(result.text.split()) == Counter(" ".join(line for _, line in captions).split())


def test_speaker_changes_marked_with_chevrons_are_turns() -> None:
    lines = [
        "some words before anyone is marked",
        ">> Welcome. Today I'm talking with chef Lina Okoro.",
        ">> Thanks for having me.",
        ">> How did you start cooking?",
        ">> My mother had a food stall",
        "and I worked it every weekend.",
        ">> When did you open your own place?",
        ">> In 2015.",
        ">>",
        "[Music]",
    ]
    text = "".join(f"0:{2 * i:02d}\n{line}\n" for i, line in enumerate(lines))
    assert detect(text).name == "timestamped"
    result = get("timestamped").read(text)
    check_invariant(result)
    said = [(t.voice, result.text[t.start : t.end], t.time_start) for t in result.turns]
    assert said[3] == (1, "My mother had a food stall\nand I worked it every weekend.", 8.0)
    assert [v for v, _, _ in said] == [0, 1, 0, 1, 0, 1, 0]
    doc = analyze(text, stages=[])
    assert [(x.question.text, x.answer.text[:10] if x.answer else None) for x in doc.exchanges] == [
        ("How did you start cooking?", "My mother "),
        ("When did you open your own place?", "In 2015."),
    ]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.text(alphabet="ab ?>.", min_size=1, max_size=20)), max_size=20))
def test_generated_chevron_captions_keep_every_word(captions: list[tuple[bool, str]]) -> None:
    text = "".join(f"0:{i:02d}\n{'>> ' if change else ''}{line}\n" for i, (change, line) in enumerate(captions))
    result = get("timestamped").read(text)
    check_invariant(result)
    want = " ".join(("> > " if change else "") + line for change, line in captions)
    assert Counter(result.text.replace(">>", "> >").split()) == Counter(want.replace(">>", "> >").split())
