"""Each layout's reader on fixtures whose turns were counted by hand."""

from __future__ import annotations

import pytest
from readers_support import check_invariant, fixture

from onrecord.pipeline import analyze
from onrecord.readers import detect, get, names
from onrecord.readers.base import ReadResult
from onrecord.readers.common import is_trailer_block


def _read(name: str) -> tuple[str, ReadResult]:
    text = fixture(name)
    reader = detect(text)
    result = reader.read(text)
    check_invariant(result)
    return reader.name, result


def _said(result: ReadResult, i: int) -> str:
    turn = result.turns[i]
    return result.text[turn.start : turn.end]


def _label(result: ReadResult, i: int) -> str:
    turn = result.turns[i]
    assert turn.label_start is not None and turn.label_end is not None
    return result.text[turn.label_start : turn.label_end]


@pytest.mark.parametrize(
    ("name", "reader", "turns", "first", "last"),
    [
        ("debate_2016-10-09_excerpt.txt", "labeled", 10, "RADDATZ", "RADDATZ"),
        ("labeled_titlecase.txt", "labeled", 6, "Chris Wallace", "Senator Jane Porter"),
        ("ppp_bush_1989-07-06_excerpt.txt", "ppp", 10, "The President", "The President"),
        ("wh_trump_gaggle_2025-01-25_excerpt.md", "whitehouse", 12, "Q", "THE PRESIDENT"),
        (
            "wh_background_call_2021-03-08_excerpt.md",
            "whitehouse",
            4,
            "SENIOR ADMINISTRATION OFFICIAL",
            "SENIOR ADMINISTRATION OFFICIAL",
        ),
        ("qa_magazine.md", "qa", 8, "Q", "A"),
        ("interview.vtt", "webvtt", 4, "Sam Ortiz", "Ines Wolff"),
        ("interview.srt", "srt", 4, "HOST", "DR. RAHMAN"),
        ("news_page.html", "html", 10, "TOM BECKER, HOST", "RIVERA"),
        ("plain_interview.txt", "plain", 6, None, None),
    ],
)
def test_fixture_detected_and_read(name: str, reader: str, turns: int, first: str | None, last: str | None) -> None:
    got, result = _read(name)
    assert got == reader
    assert len(result.turns) == turns
    assert result.turns[0].speaker == first
    assert result.turns[-1].speaker == last


def test_registry_names() -> None:
    assert set(names()) >= {"labeled", "ppp", "whitehouse", "qa", "webvtt", "srt", "html", "plain", "dash"}
    for n in names():
        assert get(n).name == n


def test_labeled_debate_header_and_roles() -> None:
    _, r = _read("debate_2016-10-09_excerpt.txt")
    assert r.header is not None
    header = r.text[r.header[0] : r.header[1]]
    assert header.startswith("Presidential Debate at Washington University")
    assert header.endswith("Martha Raddatz (ABC News)")  # PARTICIPANTS:/MODERATORS: are not speakers
    assert _label(r, 0) == "RADDATZ:"
    assert _said(r, 0) == "Good evening. I’m Martha Raddatz from ABC News."
    assert [t.speaker for t in r.turns].count("QUESTION") == 1
    question = next(t for t in r.turns if t.speaker == "QUESTION")
    assert question.role_hint == "audience"
    clinton = next(i for i, t in enumerate(r.turns) if t.speaker == "CLINTON")
    assert _said(r, clinton).endswith("making it affordable, and so much else.")
    assert not r.unattributed


def test_labeled_known_label_run_into_a_line() -> None:
    text = (
        "CROWLEY: Governor, you have two minutes.\n\n"
        "ROMNEY: Thank you. Jobs are my priority.\n\n"
        "CROWLEY: Governor, I'm sure you've got a reply there. (LAUGHTER) ROMNEY: You're absolutely right.\n\n"
        "OBAMA: Candy? Go ahead. OBAMA: Candy, that is not true. NOTE: this word is not a speaker.\n"
    )
    r = get("labeled").read(text)
    said = [(t.speaker, r.text[t.start : t.end].strip()) for t in r.turns]
    assert ("ROMNEY", "You're absolutely right.") in said
    assert said[-1] == ("OBAMA", "Candy, that is not true. NOTE: this word is not a speaker.")
    check_invariant(r)


def test_labeled_title_case_and_traps() -> None:
    _, r = _read("labeled_titlecase.txt")
    assert _label(r, 0) == "Chris Wallace:"
    # "Think about it:" and "Note:" stay inside the senator's answer; "10:30" is no label.
    assert "Think about it: they had promised" in _said(r, 3)
    assert _said(r, 3).endswith("Note: the vote was held at 10:30 that night.")
    assert r.header is not None
    header = r.text[r.header[0] : r.header[1]]
    assert header.startswith("Sunday Politics: an interview") and header.endswith("10:30 on Sunday.")


def test_labeled_role_hints_for_moderator_and_q() -> None:
    text = "HOWARD K. SMITH, MODERATOR: Good evening.\n\nQ: Why?\n\nMR. NIXON: Because.\n\nAUDIENCE MEMBER: Thanks.\n"
    r = get("labeled").read(text)
    check_invariant(r)
    assert [t.role_hint for t in r.turns] == ["moderator", "interviewer", None, "audience"]
    assert r.turns[0].speaker == "HOWARD K. SMITH, MODERATOR"


def test_labeled_hard_wrapped_and_notes() -> None:
    text = (
        "BLITZER: Welcome to the debate. We have a lot\nto cover tonight.\n"
        "ANDERSON COOPER, CNN HOST: Thank you, Wolf.\n(APPLAUSE)\nBLITZER: Let's begin. [laughter]\n\nEND\n"
    )
    r = get("labeled").read(text)
    check_invariant(r)
    assert [t.speaker for t in r.turns] == ["BLITZER", "ANDERSON COOPER, CNN HOST", "BLITZER"]
    assert r.text[r.turns[0].start : r.turns[0].end] == "Welcome to the debate. We have a lot\nto cover tonight."
    assert [r.text[s:e] for s, e, _ in r.notes] == ["(APPLAUSE)", "[laughter]"]
    assert [(r.text[s:e], k) for s, e, k in r.boilerplate] == [("END", "trailer")]


def test_ppp_subheads_notes_header() -> None:
    _, r = _read("ppp_bush_1989-07-06_excerpt.txt")
    assert r.header is not None
    assert r.text[r.header[0] : r.header[1]].endswith("July 6, 1989 (Bush Q3)")
    subheads = [r.text[s:e] for s, e, k in r.notes if k == "subhead"]
    assert subheads == [
        "Short-Range Nuclear Forces in Europe",
        "Environmental Issues",
        "Soviet-U.S. Relations",
        "President's Visit to Eastern Europe",
    ]
    assert sorted(r.text[s:e] for s, e in r.unattributed) == sorted(subheads)
    assert [r.text[s:e] for s, e, k in r.notes if k == "stage_direction"] == ["[Laughter]"]
    roles = {t.speaker: t.role_hint for t in r.turns}
    assert roles == {"The President": "interviewee", "Q": "interviewer"}
    assert _label(r, 1) == "Q."
    assert _said(r, 0).startswith("First I have a brief statement")
    assert _said(r, 0).endswith("I'll be glad to take questions.")
    assert _said(r, 9).endswith("Thank you all very much.")


def test_ppp_other_labels_and_note_trailer() -> None:
    text = (
        "The President's News Conference\nMarch 1, 1990\n"
        "The President. Good morning.\nQ. Mr. President, a question?\nSecretary Baker. Let me take that.\n"
        "Yes. I do.\nThe President. Thank you.\n"
        "Note: The President's news conference began at 10:02 a.m. in the Briefing Room.\n"
    )
    r = get("ppp").read(text)
    check_invariant(r)
    assert [t.speaker for t in r.turns] == ["The President", "Q", "Secretary Baker", "The President"]
    assert r.text[r.turns[2].start : r.turns[2].end] == "Let me take that.\nYes. I do."
    assert [k for _, _, k in r.boilerplate] == ["header", "header", "trailer"]


def test_whitehouse_front_matter_metadata_trailer() -> None:
    _, r = _read("wh_trump_gaggle_2025-01-25_excerpt.md")
    assert r.metadata["title"] == "Press Gaggle by President Trump Aboard Air Force One En Route to Miami, Florida"
    assert r.metadata["date"] == "2025-01-25"
    assert r.metadata["source"].startswith("https://www.whitehouse.gov/remarks/2025/01/")
    kinds = [k for _, _, k in r.boilerplate]
    assert kinds[0] == "front_matter" and kinds[-1] == "trailer"
    assert r.text[r.boilerplate[-1][0] : r.boilerplate[-1][1]].startswith("END")
    assert r.header is not None and r.text[r.header[0] : r.header[1]].endswith("3:07 P.M. PST")
    assert _label(r, 0) == "Q"
    assert r.turns[0].role_hint == "interviewer"
    assert r.turns[1].role_hint == "interviewee"
    assert _said(r, 0) == "Welcome back, Mr. President."
    assert _said(r, -1) == "Thank you."
    assert [r.text[s:e] for s, e, _ in r.notes] == ["(Laughter.)"]


def test_front_matter_keeps_only_short_scalar_fields() -> None:
    # YAML aliases nest a list 9**6 items deep: printed, it would be gigabytes of "title"
    levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, cur in zip("abcde", "bcdef", strict=True):
        levels.append(f"{cur}: &{cur} [{','.join(['*' + prev] * 9)}]")
    body = "\n".join(levels)
    turns = "Q Why?\n\nSENATOR SMITH: Because.\n\nQ Really?\n\nSENATOR SMITH: Yes.\n"
    text = f"---\n{body}\ntitle: *f\nsource: {'x' * 5000}\n---\n{turns}"
    r = get("whitehouse").read(text)
    assert "title" not in r.metadata
    assert len(r.metadata["source"]) == 1000
    check_invariant(r)


def test_whitehouse_escapes_moderator_and_multiline_title() -> None:
    _, r = _read("wh_background_call_2021-03-08_excerpt.md")
    assert r.metadata["title"] == "Background Press Call by Senior Administration Officials on Venezuela"
    assert [t.speaker for t in r.turns] == [
        "SENIOR ADMINISTRATION OFFICIAL",
        "MODERATOR",
        "Q",
        "SENIOR ADMINISTRATION OFFICIAL",
    ]
    assert r.turns[1].role_hint == "moderator"
    assert "\\[senior administration\nofficial\\]" in _said(r, 0)
    assert [r.text[s:e] for s, e, _ in r.notes] == ["(inaudible)"]
    assert _said(r, -1).endswith("Thank you all so much.\u00a0 Have a good day.")


def test_whitehouse_q_colon_variant() -> None:
    text = "MS. PSAKI: Hi.\n\nQ: Is it true?\n\nMS. PSAKI: No. (Laughter.)\n\nQ    Thanks.\n\nEND 2:05 P.M. EST\n"
    r = get("whitehouse").read(text)
    check_invariant(r)
    assert [t.speaker for t in r.turns] == ["MS. PSAKI", "Q", "MS. PSAKI", "Q"]
    assert r.text[r.turns[1].label_start or 0 : r.turns[1].label_end or 0] == "Q:"
    assert r.boilerplate == [(text.index("END"), len(text) - 1, "trailer")]


def test_qa_intro_header_trailer_and_notes() -> None:
    _, r = _read("qa_magazine.md")
    assert r.header is not None
    assert "Maya Lindqvist has spent twenty years" in r.text[r.header[0] : r.header[1]]
    assert _label(r, 0) == "**Q:**"
    assert [t.role_hint for t in r.turns] == ["interviewer", "interviewee"] * 4
    assert _said(r, 3).endswith("I went back to university the following year and studied ecology.")
    assert [k for _, _, k in r.boilerplate][-1] == "trailer"
    assert [r.text[s:e] for s, e, _ in r.notes] == ["[laughs]"]


def test_qa_period_variant_without_blank_lines() -> None:
    text = "Q. Where were you?\nA. At home.\nQ. All day?\nA. Yes.\n"
    r = get("qa").read(text)
    check_invariant(r)
    assert [t.speaker for t in r.turns] == ["Q", "A", "Q", "A"]
    assert get("qa").detect(text) > get("labeled").detect(text)


def test_webvtt_voices_merge_with_times() -> None:
    _, r = _read("interview.vtt")
    assert r.source_format == "webvtt"
    assert r.text.splitlines()[:3] == [
        "Good morning. With me is the harbour master, Ines Wolff.",
        "Why was the port closed on Sunday?",
        "",
    ]
    assert (r.turns[0].time_start, r.turns[0].time_end) == (1.0, 6.0)
    assert (r.turns[-1].time_start, r.turns[-1].time_end) == (15.5, 18.25)
    assert all(t.label_start is None for t in r.turns)


def test_srt_name_prefixes_merge_and_tags_stripped() -> None:
    _, r = _read("interview.srt")
    assert r.source_format == "srt"
    assert _label(r, 1) == "DR. RAHMAN:"
    assert _said(r, 1) == "Busier than last year. We saw more flu admissions in December.\nMostly older patients."
    assert _said(r, 0).endswith("How busy has the winter been?")  # repeated "HOST:" merged
    assert _said(r, 3) == "Slowly. We have opened a second ward."
    assert (r.turns[1].time_start, r.turns[1].time_end) == (6.0, 11.0)


def test_subtitle_dash_voices_and_notes() -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\n- Ready?\n- Yes.\n\n2\n00:00:02,000 --> 00:00:03,000\n- Go. [laughter]\n"
    r = get("srt").read(text)
    check_invariant(r)
    assert [t.voice for t in r.turns] == [0, 1, 0]
    assert [r.text[t.start : t.end] for t in r.turns] == ["Ready?", "Yes.", "Go. [laughter]"]
    assert [(r.text[s:e], k) for s, e, k in r.notes] == [("[laughter]", "stage_direction")]


def test_html_metadata_and_boilerplate_removed() -> None:
    _, r = _read("news_page.html")
    assert r.source_format == "html"
    assert r.layout == "html+labeled"
    assert r.metadata["title"] == "Transcript: Mayor Rivera on the harbour budget"
    assert r.metadata["date"] == "2024-03-14"
    for junk in ("Latest news", "Ferry timetable", "Privacy policy", "All rights reserved", "Subscribe"):
        assert junk not in r.text
    assert "\n\nSo the forty million is for the whole wall" in r.text
    assert r.header is not None and "lightly edited" in r.text[r.header[0] : r.header[1]]


def test_html_without_article_falls_back_to_stripping() -> None:
    r = get("html").read("<html><body><p>Q: Why?</p><p>A: Because.</p></body></html>")
    check_invariant(r)
    assert "Why?" in r.text and "Because." in r.text


def test_plain_voices_follow_questions() -> None:
    _, r = _read("plain_interview.txt")
    assert [t.voice for t in r.turns] == [0, 1, 0, 1, 0, 1]
    assert _said(r, 3).endswith("I wrote the first chapter in his old logbook.")
    assert r.header is not None and "Petra Hollis" in r.text[r.header[0] : r.header[1]]


def test_plain_without_questions_is_one_turn() -> None:
    r = get("plain").read("A statement.\n\nAnother statement.\n")
    check_invariant(r)
    assert len(r.turns) == 1 and r.turns[0].speaker is None


@pytest.mark.parametrize("name", names())
@pytest.mark.parametrize("text", ["", "   \n\n ", "\ufeff", "Q", "A:", "WEBVTT", "<html></html>"])
def test_degenerate_input(name: str, text: str) -> None:
    result = get(name).read(text)
    check_invariant(result)
    assert 0.0 <= get(name).detect(text) <= 1.0


@pytest.mark.parametrize(
    ("name", "last_words", "trailer"),
    [
        ("radio_notes_trailer.txt", "(SOUNDBITE OF MUSIC)", ["Copyright ©", "Example Public Radio transcripts are"]),
        ("newsletter_bold_names.md", "Thanks, Ruth.", ["---", "*Thanks for reading", "Share · Leave a comment"]),
    ],
)
def test_publishers_notices_after_the_last_turn_are_trailer(name: str, last_words: str, trailer: list[str]) -> None:
    """A copyright line, a transcript disclaimer or a newsletter plea is not the last speaker's words."""
    _, result = _read(name)
    assert _said(result, len(result.turns) - 1).endswith(last_words)
    trailers = [result.text[s:e] for s, e, kind in result.boilerplate if kind == "trailer"]
    assert [t[: len(p)] for t, p in zip(trailers, trailer, strict=True)] == trailer


def test_bold_markers_belong_to_the_label_and_broadcast_cues_are_notes() -> None:
    _, result = _read("newsletter_bold_names.md")
    assert [_label(result, i) for i in range(2)] == ["**Ben Archer:**", "**Ruth Okafor:**"]
    assert all(not _said(result, i).endswith("*") for i in range(len(result.turns)))
    _, result = _read("radio_notes_trailer.txt")
    notes = [result.text[s:e] for s, e, _ in result.notes]
    assert notes == ["(SOUNDBITE OF ARCHIVED RECORDING)", "(SOUNDBITE OF MUSIC)"]


@pytest.mark.parametrize(
    ("block", "trailer"),
    [
        ("Copyright 2024 Region Public Media. This transcript may not be reproduced without permission.", True),
        ("© 2024 Daily Brief Media. All rights reserved.", True),
        ("This interview has been edited for length and clarity.", True),
        ("Enjoyed this episode? Subscribe to our newsletter to get every transcript in your inbox.", True),
        ("Transcribed by https://otter.ai", True),
        ("###", True),
        ("* * *", True),
        ("Well, the transcript was not released, so I cannot say what he told them.", False),
        ("We produced the report ourselves, and the interview was a fair one.", False),
        ("Thank you.", False),
        ("Owen Castellano is a senior writer at The Metropolitan Review.", True),
        ("Publication date: October 5, 2023, 19:20\nPersons: Arkhipov Vladimir\nText version", True),
        ("Zagora, 14 November 2023", True),
        ("Print version\nSend to a friend", True),
        ("*Nina Halvorsen is a freelance writer based in Aberdeen.*", True),
        ("My brother is a writer, and he would tell you the same.", False),
        ("Tom Hale is a good man and a fine farmer.", False),
    ],
)
def test_what_counts_as_a_trailer_paragraph(block: str, trailer: bool) -> None:
    assert is_trailer_block(block) is trailer


def test_newspaper_questions_in_bold_with_plain_answers() -> None:
    got, result = _read("newspaper_bold_questions.md")
    assert got == "qa"
    said = [_said(result, i) for i in range(len(result.turns))]
    assert [t.role_hint for t in result.turns] == ["interviewer", "interviewee"] * 4
    assert said[0] == "How many families are still out of their homes?"
    assert said[1].endswith("by the end of the month.")  # an answer of two paragraphs is one turn
    assert said[4] == "So the city waited three years to fund a study?"
    assert said[6] == "Tell me about the bond."  # once questions are bold, a bold request is one too
    assert said[7] == "That will be for the council to decide."  # the rule closes the interview
    trailers = [result.text[s:e] for s, e, kind in result.boilerplate if kind == "trailer"]
    assert trailers[0] == "---" and trailers[-1].startswith("**Read more:**")
    assert next(result.text[s:e] for s, e, kind in result.boilerplate if kind == "header").startswith("# ")


@pytest.mark.parametrize(
    ("reader", "text", "words"),
    [
        # a cue whose seconds are out of range, one with no end time, a paragraph with no timing line
        (
            "webvtt",
            "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHi.\n\n00:00:65.000 --> 00:01:10.000\nBad seconds.\n",
            "Bad",
        ),
        ("webvtt", "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHi.\n\n00:00:05.000 -->\nNo end time.\n", "No end"),
        (
            "webvtt",
            "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHi.\n\nStray words.\n\n00:00:06.000 --> 00:00:07.000\nBye.\n",
            "Stray",
        ),
        (
            "srt",
            "1\n00:00:01,000 --> 00:00:04,000\nHi.\n\ntwo\n00:00:04,000 --> 00:00:02,000\nBad index.\n",
            "Bad index",
        ),
    ],
)
def test_damaged_subtitle_cues_keep_their_words(reader: str, text: str, words: str) -> None:
    result = get(reader).read(text)
    check_invariant(result)
    assert words in result.text and "-->" not in result.text and "two" not in result.text


def test_timing_lines_pasted_into_a_transcript_do_not_make_it_srt() -> None:
    text = fixture("debate_2016-10-09_excerpt.txt")
    stamps = "\n\n7\n00:05:01,000 --> 00:05:04,000\n"
    lines = text.split("\n\n")
    pasted = "\n\n".join(lines[:6]) + stamps + "\n\n".join(lines[6:10]) + stamps + "\n\n".join(lines[10:])
    assert get("srt").detect(pasted) == 0.0
    assert detect(pasted).name == "labeled"


def test_a_transcript_with_a_few_tags_is_text_and_a_fragment_keeps_every_word() -> None:
    text = fixture("debate_2016-10-09_excerpt.txt")
    lines = text.split("\n\n")
    tagged = "\n\n".join([*lines[:8], *(f"<p>{ln}</p>" for ln in lines[8:11]), *lines[11:]])
    assert detect(tagged).name == "labeled"
    fragment = (
        "<p>Intro: the mayor spoke to us on Monday.</p>\n<p><b>HOST:</b> Why now?</p>\n"
        "<p><b>MAYOR:</b> Because the river rose.</p>\n<p><b>HOST:</b> And next?</p>\n"
        "<p><b>MAYOR:</b> We rebuild.</p>\n"
    )
    result = get("html").read(fragment)
    assert detect(fragment).name == "html"
    assert "Intro: the mayor spoke to us on Monday." in result.text and "We rebuild." in result.text


def test_a_two_speaker_cue_with_dashes_and_names_gives_each_line_its_speaker() -> None:
    srt = (
        "1\n00:00:01,000 --> 00:00:04,000\nREPORTER: Which schools close?\n\n"
        "2\n00:00:04,500 --> 00:00:08,000\nGOMEZ: Lincoln and Hayes.\n\n"
        "3\n00:00:08,500 --> 00:00:11,000\n"
        "- REPORTER: Parents say they weren't consulted.\n- GOMEZ: That's not accurate.\n"
    )
    result = get("srt").read(srt)
    check_invariant(result)
    said = [(t.speaker, result.text[t.start : t.end]) for t in result.turns]
    assert said[-2:] == [("REPORTER", "Parents say they weren't consulted."), ("GOMEZ", "That's not accurate.")]


@pytest.mark.parametrize(
    ("label", "speaker"),
    [
        ("GOV. LYDIA MARSH (D), KENTUCKY", "GOV. LYDIA MARSH (D), KENTUCKY"),  # CNN: party, then state
        ("HAMID AL-TAYEB [through interpreter]", "HAMID AL-TAYEB [through interpreter]"),
        ("Rachel Denholm (Stroud Valley) (Lab)", "Rachel Denholm (Stroud Valley) (Lab)"),  # Hansard
    ],
)
def test_asides_inside_a_label_keep_it_a_label(label: str, speaker: str) -> None:
    text = f"HOST: Why now?\n\n{label}: Because the river rose.\n\nHOST: And next?\n\n{label}: We rebuild.\n"
    result = get("labeled").read(text)
    assert [t.speaker for t in result.turns] == ["HOST", speaker, "HOST", speaker]


@pytest.mark.parametrize(
    "closing", ["ENDS", "[END OF INTERVIEW]", "This interview was conducted in May and has been condensed."]
)
def test_closing_lines_after_the_last_turn_are_trailer(closing: str) -> None:
    text = f"HOST: Why now?\n\nGUEST: Because the river rose.\n\nHOST: Thank you.\n\n{closing}\n"
    result = get("labeled").read(text)
    assert _said(result, len(result.turns) - 1) == "Thank you."


HEARING = """\
NOMINATION HEARING: DEPUTY SECRETARY OF TRANSPORTATION

UNITED STATES SENATE
Washington, DC, June 4, 2024

    Chairman HARLAN. Good morning. Today we consider the nomination of Ms. Priya Venkatesan. Senator Brodsky.
    Senator BRODSKY. Thank you, Mr. Chairman. Will you finish the rail safety rule by the end of the year?
    Ms. VENKATESAN. Senator, I will. The rule is in interagency review.
    Senator BRODSKY. And will you testify before this committee when asked?
    Ms. VENKATESAN. Yes, I will.
    The CHAIRMAN. Thank you.

    [Whereupon, at 11:20 a.m., the hearing was adjourned.]
"""


def test_a_congressional_hearing_names_its_speakers_by_honorific_and_capitals() -> None:
    got, result = "labeled", get("labeled").read(HEARING)
    assert detect(HEARING).name == got
    assert [t.speaker for t in result.turns] == [
        "Chairman HARLAN",
        "Senator BRODSKY",
        "Ms. VENKATESAN",
        "Senator BRODSKY",
        "Ms. VENKATESAN",
        "The CHAIRMAN",
    ]
    assert _said(result, 5) == "Thank you."  # the adjournment note is trailer
    assert result.text[result.header[0] : result.header[1]].startswith("NOMINATION HEARING:")  # the title


def test_magazine_questions_in_italics() -> None:
    text = (
        "# I Was Never Going to Be a Lawyer\n\n*The novelist Teodora Vasic on quitting the bar.*\n\n"
        "*You trained as a lawyer. Why did you leave?*\n\nI hated who I was becoming.\n\n"
        "*Tell me about the book.*\n\nIt took seven years.\n\n*Her novel is published by Harrow & Finch.*\n"
    )
    got, result = detect(text).name, get("qa").read(text)
    assert got == "qa"
    said = [(t.role_hint, _said(result, i)) for i, t in enumerate(result.turns)]
    assert said[:3] == [
        ("interviewer", "You trained as a lawyer. Why did you leave?"),
        ("interviewee", "I hated who I was becoming."),
        ("interviewer", "Tell me about the book."),
    ]
    assert len(said) == 4  # the closing italic note has no answer below it: not a question


def test_a_tab_separated_export_labels_each_line_by_its_first_cell() -> None:
    text = (
        "Interview transcript\nInterviewer: Nadia Ferreira\n\n"
        "Nadia Ferreira\tWhen did you first get broadband?\n"
        "Owen Tregarthen\tIn 2009, I think. Dial-up before that.\n"
        "Nadia Ferreira\tHow did that affect the business?\n"
        "Owen Tregarthen\tWe couldn't file the forms online.\n"
    )
    assert detect(text).name == "labeled"
    result = get("labeled").read(text)
    assert [t.speaker for t in result.turns] == ["Nadia Ferreira", "Owen Tregarthen"] * 2
    assert _said(result, 1) == "In 2009, I think. Dial-up before that."


def test_questions_as_markdown_headings_and_the_front_matter_of_the_page() -> None:
    text = (
        '---\ntitle: "Q&A: The engineer who mapped every pothole"\ndate: 2024-09-12\n'
        "publication: Miami Valley Civic Wire\n---\n\n# Q&A: The engineer who mapped every pothole\n\n"
        "### Q: How many potholes did you find?\n\nAbout 18,400 on the first pass.\n\nThen it went down.\n\n"
        "### Q: How did you count them?\n\nThe van has four cameras.\n"
    )
    result = get("qa").read(text)
    assert detect(text).name == "qa"
    said = [(t.role_hint, _said(result, i)) for i, t in enumerate(result.turns)]
    assert said == [
        ("interviewer", "How many potholes did you find?"),
        ("interviewee", "About 18,400 on the first pass.\n\nThen it went down."),
        ("interviewer", "How did you count them?"),
        ("interviewee", "The van has four cameras."),
    ]
    md = analyze(text, stages=[]).metadata
    assert (md.title, md.date, md.outlet) == (
        "Q&A: The engineer who mapped every pothole",
        "2024-09-12",
        "Miami Valley Civic Wire",
    )


def test_italic_asides_in_a_named_script_do_not_make_it_a_q_and_a() -> None:
    text = (
        "**Ben Archer:** Why now?\n\n*He paused. Was it fear?*\n\n**Ruth Okafor:** No. It was money.\n\n"
        "*And the readers?*\n\n**Ben Archer:** And the readers?\n\n**Ruth Okafor:** They pay.\n"
    )
    assert detect(text).name == "labeled"


def test_hansard_question_numbers_are_not_part_of_the_member() -> None:
    text = (
        "Prime Minister\n\nThe Prime Minister was asked—\n\n"
        "Q1. [905112] Rachel Denholm (Stroud Valley) (Lab): If he will list his official engagements.\n\n"
        "The Prime Minister (Mr Edward Ashcombe): This morning I had meetings with colleagues.\n\n"
        "Rachel Denholm: When will the Prime Minister admit that his plan has failed?\n\n"
        "The Prime Minister: The hon. Lady is wrong.\n"
    )
    doc = analyze(text, stages=[])
    assert [t.speaker for t in doc.turns] == ["Rachel Denholm", "The Prime Minister"] * 2


def test_a_station_ident_and_a_caption_credit_are_not_speech() -> None:
    srt = (
        "1\n00:00:01,000 --> 00:00:04,000\n<i>[Channel 9 News at Six]</i>\n\n"
        "2\n00:00:04,500 --> 00:00:08,000\nREPORTER: Which schools close?\n\n"
        "3\n00:00:08,500 --> 00:00:11,000\nGOMEZ: Lincoln and Hayes.\n\n"
        "4\n00:00:11,500 --> 00:00:14,000\n<i>Captions by CaptionCo</i>\n"
    )
    result = get("srt").read(srt)
    check_invariant(result)
    assert [t.speaker for t in result.turns] == ["REPORTER", "GOMEZ"]
    assert [result.text[s:e] for s, e in result.unattributed] == ["[Channel 9 News at Six]", "Captions by CaptionCo"]


def test_markdown_section_headings_between_turns_are_subheads() -> None:
    text = (
        "# The Long Field, episode 4\n\n**Felix Moreau:** Welcome. What is a seed bank?\n\n"
        "**Anaya Brooks:** A freezer with a catalogue.\n\n## Patents [11:40]\n\n"
        "**Felix Moreau:** Can the seeds be patented?\n\n**Anaya Brooks:** Not in the form we supply.\n"
    )
    result = get("labeled").read(text)
    check_invariant(result)
    said = [result.text[t.start : t.end] for t in result.turns]
    assert said[1] == "A freezer with a catalogue."
    assert [(result.text[s:e], kind) for s, e, kind in result.notes] == [("## Patents [11:40]", "subhead")]


def test_labels_in_other_alphabets_are_labels() -> None:
    text = (
        "Interview\n\nJiří Novák: Is there a hole in the budget?\n\nPetra Kovač: There is no hole.\n\n"
        "Jiří Novák: Then why the delay?\n\nPetra Kovač: Ask the audit office.\n\nƏLIYEV: I agree.\n"
    )
    result = get("labeled").read(text)
    check_invariant(result)
    assert [t.speaker for t in result.turns] == ["Jiří Novák", "Petra Kovač"] * 2 + ["ƏLIYEV"]


def test_a_sites_list_after_the_interview_is_trailer_and_its_date_is_the_date() -> None:
    text = (
        "Home\nPresident\nNews\n\nInterview of President Tomas Varga to Danubia TV\n\n"
        "- Mr. President, is the pipeline dead?\n\n- It is not dead. It is delayed.\n\n- Thank you.\n\n"
        "Related news\nPresident Varga met the Prime Minister of Marenia\n10 February 2024, 14:20\n\n"
        "Published: 21.06.2022 | 09:15\n"
    )
    doc = analyze(text, stages=[])
    assert doc.turns[-1].text == "Thank you."
    assert next(b.text.split("\n")[0] for b in doc.boilerplate if b.kind == "trailer") == "Related news"
    # no date in the header: the one that dates the piece, not a related article's
    assert doc.metadata.date == "2022-06-21"
