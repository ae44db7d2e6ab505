"""Transcripts exported by recording tools: time codes around the speaker labels."""

from __future__ import annotations

from onrecord.pipeline import analyze

REV = """\
The Margin podcast, episode 48
Recorded March 21, 2024
Speaker 1: host Rachel Kim. Speaker 2: economist David Brandt, Lakeview Institute.

Speaker 1 (00:00:03):
Welcome to The Margin. David, welcome.

Speaker 2 (00:00:11):
Thanks, Rachel.

Speaker 1 (00:00:13):
Are prices about to take off again?

Speaker 2 (00:00:20):
I don't think so. Rates are still high.

Transcribed by Rev.com. This transcript may contain errors.
"""

OTTER = """\
Interview with Councillor Fiona Walsh
Thu, Oct 10, 2024 2:15PM

SPEAKERS
Tom Hughes, Fiona Walsh

Tom Hughes  00:02
The cycle lane opened in June. Has it worked?

Fiona Walsh  00:09
I think so. Cycling on that road has more than doubled.

Tom Hughes  00:21
Will you put the parking back?

Fiona Walsh  1:02:42
No.

Transcribed by https://otter.ai
"""

BROADCAST = """\
Radio Four - Today
12 March 2024

[00:00:02] PRESENTER: The Health Secretary, Mark Ellison, is with me. Isn't it early to celebrate?

[00:00:24] MARK ELLISON: Nobody is celebrating.

[00:00:45] PRESENTER: Is that right?

[00:00:52] MARK ELLISON: No, that's not right.
"""


def test_numbered_voices_take_the_names_of_the_header_legend() -> None:
    doc = analyze(REV, stages=[])
    assert [(p.name, p.role) for p in doc.metadata.participants] == [
        ("Rachel Kim", "interviewer"),
        ("David Brandt", "interviewee"),
    ]
    assert "Speaker 1" in doc.metadata.participants[0].aliases
    assert [t.time_start for t in doc.turns] == [3.0, 11.0, 13.0, 20.0]
    assert doc.turns[0].text == "Welcome to The Margin. David, welcome."
    assert any("Speaker 1: host Rachel Kim" in b.text for b in doc.boilerplate)  # the legend is header
    assert doc.boilerplate[-1].text.startswith("Transcribed by Rev.com")


def test_a_name_and_time_code_alone_on_a_line_label_the_paragraph_below() -> None:
    doc = analyze(OTTER, stages=[])
    assert doc.layout == "labeled"
    assert [t.speaker for t in doc.turns] == ["Tom Hughes", "Fiona Walsh", "Tom Hughes", "Fiona Walsh"]
    assert [t.time_start for t in doc.turns] == [2.0, 9.0, 21.0, 3762.0]
    assert [(x.question.text, x.answer.text if x.answer else None) for x in doc.exchanges] == [
        ("Has it worked?", "I think so. Cycling on that road has more than doubled."),
        ("Will you put the parking back?", "No."),
    ]


def test_a_time_code_before_the_label_is_not_speech() -> None:
    doc = analyze(BROADCAST, stages=[])
    assert [t.speaker for t in doc.turns] == ["Presenter", "Mark Ellison"] * 2
    assert doc.turns[1].text == "Nobody is celebrating." and doc.turns[1].time_start == 24.0
    assert doc.exchanges[0].question.text == "Isn't it early to celebrate?"


def test_a_time_code_alone_on_the_line_above_each_label_is_its_time() -> None:
    text = (
        "City Desk\n\n00:00:02\nHOST: Welcome back. Why did you vote no?\n"
        "00:00:07\nPRIYA NAND: Because the delay costs us the federal match.\n"
        "00:00:15\nHOST: Your colleagues disagree.\n00:00:19\nPRIYA NAND: They are wrong.\n"
    )
    doc = analyze(text, stages=[])
    assert [(t.speaker, t.time_start, t.text) for t in doc.turns][:2] == [
        ("Host", 2.0, "Welcome back. Why did you vote no?"),
        ("Priya Nand", 7.0, "Because the delay costs us the federal match."),
    ]
