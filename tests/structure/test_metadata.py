"""Header metadata: who was interviewed, where and when, read from the words of the header."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.pipeline import analyze
from onrecord.structure.metadata import (
    announced_moderators,
    find_date,
    find_interviewee,
    find_outlet,
    full_name_in,
    moderator_surnames,
    name_with_initials,
    outlet_of_url,
    self_introduction,
)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("CNN broadcast interview with President Ilham Aliyev", ("Ilham Aliyev", "President")),
        ("Remarks by President Biden in Press Conference", ("Biden", "President")),
        ("Press Gaggle by President Trump Aboard Air Force One En Route to Miami", ("Trump", "President")),
        ("Remarks by President Biden and President Zelenskyy of Ukraine", ("Biden", "President")),
        ("Press Briefing by Press Secretary Jen Psaki", (None, None)),
    ],
)
def test_interviewee_from_header(header: str, expected: tuple[str | None, str | None]) -> None:
    assert find_interviewee(header) == expected


def test_the_president_label_takes_the_name_in_the_title() -> None:
    text = (
        "Remarks by President Biden in Press Conference\n\n"
        "THE PRESIDENT: Good afternoon.\n\n"
        "Q: Mr. President, will you run again?\n\n"
        "THE PRESIDENT: My plan is to run for reelection.\n"
    )
    doc = analyze(text, stages=())
    assert {(t.speaker, t.role) for t in doc.turns if t.role == "interviewee"} == {("Biden", "interviewee")}


DEBATE_HEADER = """PRESIDENT BARACK OBAMA AND FORMER GOV. MITT ROMNEY
PARTICIPATE IN A CANDIDATES DEBATE, HOFSTRA UNIVERSITY,
HEMPSTEAD, NEW YORK

OCTOBER 16, 2012

SPEAKERS: FORMER GOV. MITT ROMNEY, R-MASS.

PRESIDENT BARACK OBAMA

CANDY CROWLEY, MODERATOR

"""


def test_debate_header_title_date_and_full_names() -> None:
    text = DEBATE_HEADER + (
        "CROWLEY: Good evening. Governor, what is your plan for jobs?\n\n"
        "ROMNEY: Thank you, Candy. I will create twelve million jobs.\n\n"
        "CROWLEY: Mr. President, your response?\n\n"
        "OBAMA: The governor's plan does not add up.\n"
    )
    doc = analyze(text, stages=())
    md = doc.metadata
    assert md.title == (
        "PRESIDENT BARACK OBAMA AND FORMER GOV. MITT ROMNEY PARTICIPATE IN A CANDIDATES DEBATE, "
        "HOFSTRA UNIVERSITY, HEMPSTEAD, NEW YORK"
    )
    assert (md.date, md.date_text) == ("2012-10-16", "OCTOBER 16, 2012")
    names = {p.name: p for p in md.participants}
    assert set(names) == {"Candy Crowley", "Mitt Romney", "Barack Obama"}
    assert "ROMNEY" in names["Mitt Romney"].aliases or "Romney" in names["Mitt Romney"].aliases
    assert [t.speaker for t in doc.turns] == ["Candy Crowley", "Mitt Romney", "Candy Crowley", "Barack Obama"]


@pytest.mark.parametrize(
    ("header", "surname", "expected"),
    [
        ("THE FIRST KENNEDY-NIXON DEBATE", "Kennedy", None),
        ("SPEAKERS: SENS. JOHN McCAIN, R-ARIZ.", "McCain", "John McCain"),
        ("Presidential debate with businessman Donald Trump", "Trump", "Donald Trump"),
        ("OBAMA AND ROMNEY DEBATE", "Romney", None),
        ("PRESIDENT BARACK OBAMA\nCANDY CROWLEY, MODERATOR", "Crowley", "Candy Crowley"),
        ("Good evening. I'm Jim Lehrer of the NewsHour", "Lehrer", "Jim Lehrer"),
        ("the Republican candidate, Governor George W. Bush of Texas", "Bush", "George W. Bush"),
        ("Sun. Barbara Walters, ABC News", "Walters", "Barbara Walters"),
        ("between President Reagan and Democrat Walter Mondale", "Mondale", "Walter Mondale"),
        ("Narrator | Harold “Hal” Jennings", "JENNINGS", "Harold Jennings"),  # a nickname is skipped
    ],
)
def test_full_name_in_header(header: str, surname: str, expected: str | None) -> None:
    assert full_name_in(header, surname) == expected


def test_a_title_case_first_line_is_the_whole_title() -> None:
    text = (
        "The President's News Conference With Journalists\nJuly 6, 1989\n(Bush Q3)\n\n"
        "Q. Mr. President, is the answer still no?\n\nThe President. The answer is to read carefully.\n"
    )
    doc = analyze(text, stages=())
    assert doc.metadata.title == "The President's News Conference With Journalists"
    assert doc.metadata.date == "1989-07-06"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://bidenwhitehouse.archives.gov/briefing-room/press-briefings/2021/01/21/x/", "The White House"),
        ("https://www.whitehouse.gov/remarks/2025/01/press-gaggle/", "The White House"),
        ("https://edition.cnn.com/2020/10/05/world/aliyev-interview", "CNN"),
        ("https://www.bbc.co.uk/news/world-europe-54324772", "BBC"),
        ("www.reuters.com/world/", "Reuters"),  # no scheme
        ("https://notcnn.com/story", None),  # a host ending in an outlet's name is not that outlet
        ("https://www.archives.gov/research", None),
        ("https://example.org/interview", None),
        ("http://[::1", None),  # malformed
        ("", None),
        (None, None),
    ],
)
def test_outlet_from_the_source_url(url: str | None, expected: str | None) -> None:
    assert outlet_of_url(url) == expected


def test_a_white_house_page_names_its_outlet_through_its_url() -> None:
    text = (
        "---\ntitle: Press Briefing by Press Secretary Jen Psaki\ndate: '2021-01-21'\n"
        "source_url: https://bidenwhitehouse.archives.gov/briefing-room/press-briefings/2021/01/21/x/\n---\n\n"
        "MS. PSAKI:  Good afternoon.\n\nQ  Will the President sign the order today?\n\n"
        "MS. PSAKI:  He will sign it this afternoon.\n"
    )
    assert analyze(text, stages=[]).metadata.outlet == "The White House"
    # an outlet the header names wins over the URL's host
    cnn = text.replace("title: Press Briefing", "title: CNN Interview and Press Briefing")
    assert analyze(cnn, stages=[]).metadata.outlet == "CNN"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("MODERATORS:\n\nAnderson Cooper (CNN) and\n\nMartha Raddatz (ABC News)\n\n", {"cooper", "raddatz"}),
        ("MODERATOR:  Lester Holt (NBC News)\n", {"holt"}),
        ("Moderator: Jim Lehrer\nPANELISTS: Ann Compton, John Mashek\n", {"lehrer"}),  # panelists ask, not moderate
        ("PARTICIPANTS: Hillary Clinton and Donald Trump\n", set()),
    ],
)
def test_moderators_listed_in_a_header(header: str, expected: set[str]) -> None:
    assert moderator_surnames(header) == expected


def test_a_co_moderator_listed_in_the_header_is_a_moderator() -> None:
    text = (
        "Presidential Debate at Washington University\n\nOctober 9, 2016\n\n"
        "PARTICIPANTS:\n\nHillary Clinton and\n\nDonald Trump\n\n"
        "MODERATORS:\n\nAnderson Cooper (CNN) and\n\nMartha Raddatz (ABC News)\n\n"
        "RADDATZ: Good evening. I'm Martha Raddatz from ABC News.\n\n"
        "COOPER: And I'm Anderson Cooper from CNN. Secretary Clinton, what is your plan?\n\n"
        "CLINTON: My plan is to create jobs.\n\n"
        "RADDATZ: Mr. Trump, do you agree with her plan?\n\n"
        "TRUMP: No. Her plan is a disaster.\n\n"
        "COOPER: Secretary Clinton, will you raise taxes?\n\n"
        "CLINTON: Not on the middle class.\n"
    )
    roles = {p.name: p.role for p in analyze(text, stages=[]).metadata.participants}
    assert roles["Anderson Cooper"] == roles["Martha Raddatz"] == "moderator"
    assert roles["Hillary Clinton"] == roles["Donald Trump"] == "interviewee"


def test_the_questioner_who_opens_a_debate_is_its_moderator() -> None:
    """As in the 1988 debates: Lehrer opens and hands over; Mashek, a panelist, asks longer questions."""
    text = (
        "The First Presidential Debate\n\nSeptember 25, 1988\n\n"
        "LEHRER: Good evening. I'm Jim Lehrer. The first question goes to Mr. Mashek.\n\n"
        "MASHEK: Governor Dukakis, what would you do about the deficit? Would you raise your taxes?\n\n"
        "DUKAKIS: I would not raise taxes. I would collect the taxes that are owed.\n\n"
        "LEHRER: Mr. Vice President, your response?\n\n"
        "BUSH: I do not agree. He will raise taxes.\n\n"
        "MASHEK: Mr. Vice President, what about the savings and loan crisis? Who do you blame?\n\n"
        "BUSH: Congress is to blame.\n\n"
        "LEHRER: Governor, your rebuttal?\n\n"
        "DUKAKIS: No, the administration is.\n"
    )
    roles = {p.name: p.role for p in analyze(text, stages=[]).metadata.participants}
    # "I'm Jim Lehrer" in the opening turn gives the moderator's full name
    assert roles == {
        "Jim Lehrer": "moderator",
        "Mashek": "interviewer",
        "Dukakis": "interviewee",
        "Bush": "interviewee",
    }


@pytest.mark.parametrize(
    ("turn", "expected"),
    [
        ("Good evening from Boston. I'm Jim Lehrer of the NewsHour on PBS, and I welcome you.", "Jim Lehrer"),
        ("My name is Carole Simpson, and I will be your moderator.", "Carole Simpson"),
        ("I am Bob Schieffer.", "Bob Schieffer"),
        ("I'm delighted to welcome you all.", None),
        ("I'm not going to answer that.", None),
    ],
)
def test_self_introduction(turn: str, expected: str | None) -> None:
    assert self_introduction(turn) == expected


def test_a_moderator_label_takes_the_name_the_moderator_gives() -> None:
    text = (
        "The First Gore-Bush Presidential Debate\n\nOctober 3, 2000\n\n"
        "MODERATOR: Good evening. I'm Jim Lehrer of the NewsHour on PBS, with Vice President Al Gore and "
        "Governor George W. Bush of Texas. Vice President Gore, what is your plan?\n\n"
        "GORE: My plan is to balance the budget.\n\n"
        "MODERATOR: Governor Bush, your response?\n\n"
        "BUSH: His plan spends too much.\n"
    )
    doc = analyze(text, stages=[])
    moderator = next(p for p in doc.metadata.participants if p.role == "moderator")
    assert moderator.name == "Jim Lehrer" and "MODERATOR" in moderator.aliases
    assert doc.turns[0].speaker == "Jim Lehrer"
    # the moderator's opening gives the candidates' full names, which the one-word labels lack
    assert [t.speaker for t in doc.turns[1:4:2]] == ["Al Gore", "George W. Bush"]


def test_the_moderator_the_opening_announces_moderates_though_labelled_by_job() -> None:
    """1980-09-21: every journalist's label names a job ("HOST"), and only the introducer says who moderates."""
    text = (
        "September 21, 1980\n\nThe Anderson-Reagan Presidential Debate\n\n"
        "RUTH J. HINERFELD, CHAIR, LEAGUE OF WOMEN VOTERS EDUCATION FUND: Good evening. "
        "Our moderator is Bill Moyers.\n\n"
        "MR. MOYERS, HOST AND EXECUTIVE EDITOR: Thank you. The first question is from Carol Loomis.\n\n"
        "CAROL LOOMIS, BOARD OF EDITORS, FORTUNE MAGAZINE: Mr. Anderson, how would you cut inflation?\n\n"
        "MR. ANDERSON: By cutting the deficit.\n\n"
        "MR. MOYERS, HOST AND EXECUTIVE EDITOR: Mr. Reagan, your response?\n\n"
        "MR. REAGAN: By cutting taxes.\n"
    )
    roles = {p.name.split()[-1]: p.role for p in analyze(text, stages=[]).metadata.participants if p.name}
    assert roles["Moyers"] == "moderator" and roles["Loomis"] == "interviewer" and roles["Reagan"] == "interviewee"


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        ("Good evening. Our moderator is Bill Moyers.", {"moyers"}),
        ("Tonight's moderator will be Jim Lehrer of PBS.", {"lehrer"}),
        ("I have been involved in four debates, either as a moderator or as a panelist.", set()),
        ("My job as moderator is to take care of the questioning.", set()),
    ],
)
def test_moderators_announced_in_an_opening(opening: str, expected: set[str]) -> None:
    assert announced_moderators(opening) == expected


def test_whoever_only_opens_a_debate_is_neither_candidate_nor_questioner() -> None:
    """The League of Women Voters' president introduced the 1980 and 1984 debates and never spoke again."""
    text = (
        "The Second Reagan-Mondale Presidential Debate\n\nOctober 21, 1984\n\n"
        "MS. RIDINGS: Good evening. I'm Dorothy Ridings, the president of the League of Women Voters.\n\n"
        "MR. NEWMAN: Thank you. Mr. Mondale, what is your plan for defense?\n\n"
        "MR. MONDALE: A strong defense and arms control.\n\n"
        "MR. NEWMAN: Mr. President, your response?\n\n"
        "THE PRESIDENT: Peace through strength.\n\n"
        "MR. NEWMAN: Mr. Mondale, is that enough?\n\n"
        "MR. MONDALE: No.\n"
    )
    roles = {p.name: p.role for p in analyze(text, stages=[]).metadata.participants}
    assert roles["Dorothy Ridings"] == "other" and roles["Newman"] == "moderator" and roles["Mondale"] == "interviewee"


def test_a_moderator_heading_over_a_name_is_header_not_a_turn() -> None:
    """2016-09-26 lists "MODERATOR:" then "Lester Holt (NBC News)" on its own line: a heading, not a turn."""
    text = (
        "Presidential Debate at Hofstra University\n\nSeptember 26, 2016\n\n"
        "PARTICIPANTS:\n\nHillary Clinton and\n\nDonald Trump\n\nMODERATOR:\n\nLester Holt (NBC News)\n\n"
        "HOLT: Good evening. I'm Lester Holt. Secretary Clinton, why are you a better choice?\n\n"
        "CLINTON: Because I have a plan.\n\n"
        "HOLT: Mr. Trump, your response?\n\n"
        "TRUMP: Her plan is a disaster.\n\n"
        "HOLT: Secretary Clinton, what about jobs?\n\n"
        "CLINTON: We will create them.\n"
    )
    doc = analyze(text, stages=[])
    roles = {p.name: p.role for p in doc.metadata.participants}
    assert roles == {"Lester Holt": "moderator", "Hillary Clinton": "interviewee", "Donald Trump": "interviewee"}
    assert doc.turns[0].text.startswith("Good evening")
    assert any(b.text == "Lester Holt (NBC News)" for b in doc.boilerplate)
    assert doc.metadata.outlet == "NBC News"


def test_the_president_in_a_debate_is_the_candidate_no_other_label_names() -> None:
    text = (
        "October 7, 1984\n\nThe First Reagan-Mondale Presidential Debate\n\n"
        "MS. WALTERS: Good evening. Tonight's debate is between Republican Ronald Reagan and Democrat Walter "
        "Mondale. Mr. Mondale, what is your plan?\n\n"
        "MR. MONDALE: To cut the deficit.\n\n"
        "MS. WALTERS: Mr. President, your response?\n\n"
        "THE PRESIDENT: He will raise your taxes.\n\n"
        "MS. WALTERS: Mr. Mondale, will you?\n\n"
        "MR. MONDALE: Yes, and so will he.\n"
    )
    doc = analyze(text, stages=[])
    names = {p.name: p for p in doc.metadata.participants}
    assert "Ronald Reagan" in names and "The President" in names["Ronald Reagan"].aliases
    assert names["Ronald Reagan"].role == "interviewee" and doc.turns[3].speaker == "Ronald Reagan"


def test_a_markdown_heading_gives_the_title_without_its_markers() -> None:
    text = "# Mayor Ana Ruiz on the flood\n\nJune 3, 2024\n\nQ: Why?\n\nA: Because.\n\nQ: When?\n\nA: Soon.\n"
    assert analyze(text, stages=[]).metadata.title == "Mayor Ana Ruiz on the flood"


def test_a_briefing_opens_with_the_officials_statement_under_the_date() -> None:
    """A Department of Defense briefing: the first label sits on the line after the date and carries
    the official's job and rank; the statement is the news, not header."""
    text = (
        "Department of Defense Press Briefing by Pentagon Press Secretary Gen. Pat Ryder\n"
        "Jan. 16, 2024\n"
        "PRESS SECRETARY AIR FORCE MAJ. GEN. PAT RYDER:  Good afternoon. Today our forces struck four missiles.\n\n"
        "With that, I'll take your questions.\n\n"
        "Q:  Were they aimed at commercial ships?\n\n"
        "GEN. RYDER:  They presented an imminent threat to merchant vessels.\n\n"
        "Q:  Anything on the missing SEALs?\n\n"
        "GEN. RYDER:  The search continues.\n"
    )
    doc = analyze(text, stages=[])
    assert doc.turns[0].text.startswith("Good afternoon. Today our forces struck")
    assert [(p.name, p.role) for p in doc.metadata.participants] == [
        (None, "interviewer"),
        ("Pat Ryder", "interviewee"),
    ]
    assert doc.turns[0].speaker == doc.turns[-1].speaker == "Pat Ryder"


@pytest.mark.parametrize(
    "dek",
    [
        "The Agriculture Committee chair spoke with Capitol Wire's Omar Reyes on Wednesday.",
        "The Agriculture Committee chair spoke with Capitol Wire host Omar Reyes on Wednesday.",
    ],
)
def test_the_journalist_someone_spoke_with_is_not_the_interviewee(dek: str) -> None:
    text = (
        f"Full transcript: Senator Lena Hart on the farm bill\n\n{dek}\n\n"
        "Omar Reyes: Senator, where are the negotiations?\n\n"
        "Sen. Lena Hart: We are close. The remaining issue is nutrition.\n\n"
        "Omar Reyes: Would you accept an extension?\n\n"
        "Sen. Lena Hart: If it comes to that, yes.\n"
    )
    assert find_interviewee(dek)[0] is None
    roles = {p.name: p.role for p in analyze(text, stages=[]).metadata.participants}
    assert roles == {"Omar Reyes": "interviewer", "Lena Hart": "interviewee"}


def test_initials_take_the_full_names_the_header_gives() -> None:
    text = (
        "The Lakeside Review\n\nA conversation with novelist John Smith\n\n"
        "Interviewer: Jane Doe\nGuest: John Smith\n\n"
        "JD: Is the town a real place?\n\nJS: It was. It was flooded in 1961.\n\n"
        "JD: Did you visit?\n\nJS: Once, in a drought year.\n"
    )
    doc = analyze(text, stages=[])
    assert [(p.name, p.role) for p in doc.metadata.participants] == [
        ("Jane Doe", "interviewer"),
        ("John Smith", "interviewee"),
    ]
    assert "JD" in doc.metadata.participants[0].aliases
    assert name_with_initials("Jane Doe and Jack Dunn", "JD") is None  # two people fit: neither is chosen


def test_an_unidentified_voice_is_neither_side() -> None:
    """NPR's "UNIDENTIFIED PERSON:" is an archive clip played between the host and the guest."""
    text = (
        "STEVE PARKS, HOST:\n\nHow much money has stopped arriving, Governor?\n\n"
        "TINA RAMOS: About three hundred million dollars.\n\n(SOUNDBITE OF ARCHIVED RECORDING)\n\n"
        "UNIDENTIFIED PERSON: We are reviewing all grants.\n\n"
        "PARKS: Governor, isn't a review reasonable?\n\nRAMOS: A review is fine. Stopping payments is not.\n"
    )
    roles = [(p.name, p.role) for p in analyze(text, stages=[]).metadata.participants]
    assert roles == [("Steve Parks", "interviewer"), ("Tina Ramos", "interviewee"), (None, "other")]


@pytest.mark.parametrize(
    ("header", "outlet"),
    [
        ("*By Peter Lang, The Example Herald — June 3, 2024*", "The Example Herald"),
        ("*Posted on The Local Ledger · April 9, 2024 · 6 min read*", "The Local Ledger"),
        ("By Capitol Wire Staff | September 18, 2024", None),  # staff, not a publication after the comma
        ("By the way, this is speech, not a byline.", None),
    ],
)
def test_the_outlet_a_byline_names(header: str, outlet: str | None) -> None:
    assert find_outlet(header) == outlet


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("'We were told the river was safe': Mayor Ana Ruiz on the Delmar flood", ("Ana Ruiz", "Mayor")),
        ("Full transcript: Senator Lena Hart on the farm bill", ("Lena Hart", "Senator")),
        ("Ruth Okafor on running a newsroom with six people", ("Ruth Okafor", None)),
        ("Notes on the farm bill", (None, None)),
    ],
)
def test_the_person_a_headline_is_about(title: str, expected: tuple[str | None, str | None]) -> None:
    assert find_interviewee(title) == expected


def test_a_magazine_answerer_takes_the_headline_name() -> None:
    path = Path(__file__).parents[1] / "fixtures" / "layouts" / "newspaper_bold_questions.md"
    doc = analyze(path.read_text(encoding="utf-8"), stages=[])
    assert [(p.name, p.role) for p in doc.metadata.participants] == [(None, "interviewer"), ("Ana Ruiz", "interviewee")]


def test_callers_named_in_an_aside_are_different_people() -> None:
    text = (
        "BBC Radio Leeds phone-in\n\nHOST: First caller, Dave.\n\n"
        "CALLER (Dave, Leeds): Why close the library?\n\nGUEST: Because the budget fell.\n\n"
        "CALLER (Margaret, Skipton): How much went to consultants?\n\nGUEST: About two million.\n"
    )
    roles = [(p.name, p.role) for p in analyze(text, stages=[]).metadata.participants]
    assert ("Dave", "audience") in roles and ("Margaret", "audience") in roles


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Date: 14/11/2022", ("2022-11-14", "14/11/2022")),  # day first: 14 cannot be a month
        ("Recorded 11/14/2022", ("2022-11-14", "11/14/2022")),  # month first
        ("Recorded 31.12.2021", ("2021-12-31", "31.12.2021")),
        ("03/04/2022", (None, "03/04/2022")),  # March or April: said as written, not guessed
    ],
)
def test_numeric_dates_are_read_only_when_unambiguous(text: str, expected: tuple[str | None, str | None]) -> None:
    assert find_date(text) == expected


def test_a_cast_list_names_the_role_labels() -> None:
    """ "Host: Rachel Kim" / "Guest: Tom Hughes, economist" above a transcript labelled "Host:" and "Guest:"
    (podcasts write them in Title Case) is a legend, not two one-line turns."""
    text = (
        "The Money Show, episode 12\nHost: Rachel Kim\nGuest: Tom Hughes, economist\n\n"
        "Host: Why did the plant close?\n\nGuest: The money ran out.\n\nHost: And then?\n\nGuest: We shut.\n"
    )
    doc = analyze(text, stages=[])
    assert [(t.speaker, t.role, t.text) for t in doc.turns] == [
        ("Rachel Kim", "interviewer", "Why did the plant close?"),
        ("Tom Hughes", "interviewee", "The money ran out."),
        ("Rachel Kim", "interviewer", "And then?"),
        ("Tom Hughes", "interviewee", "We shut."),
    ]
    # a first turn that happens to be two capitalised words is still a turn
    said = analyze("HOST: Good Morning\nGUEST: Hi there.\n\nHOST: Why now?\n\nGUEST: Money.\n", stages=[])
    assert [t.text for t in said.turns][:2] == ["Good Morning", "Hi there."]


def test_a_q_and_a_headline_is_no_speaker_and_names_the_interviewee() -> None:
    text = (
        "Q&A: Novelist Mara Quist on Writing in Winter\n\nBy Ann Lee\nThe Book Review, March 2, 2023\n\n"
        "Q: Why winter?\n\nA: Because nothing happens, and I need nothing to happen.\n\n"
        "Q: Do you write every day?\n\nA: Four hours, from six.\n"
    )
    doc = analyze(text, stages=[])
    assert doc.layout == "qa"
    assert doc.metadata.title == "Q&A: Novelist Mara Quist on Writing in Winter"
    assert doc.metadata.date == "2023-03-02"
    assert [(p.name, p.role) for p in doc.metadata.participants if p.role == "interviewee"] == [
        ("Mara Quist", "interviewee")
    ]
    assert [x.answer.text if x.answer else None for x in doc.exchanges] == [
        "Because nothing happens, and I need nothing to happen.",
        "Four hours, from six.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Madrid, 15 de enero de 2024", ("2024-01-15", "15 de enero de 2024")),
        ("Propos recueillis le 6 mars 2024", ("2024-03-06", "6 mars 2024")),
        ("Paris, 1er juillet 2023", ("2023-07-01", "1er juillet 2023")),
        ("Berlin, 3. März 2022", ("2022-03-03", "3. März 2022")),
        ("Roma, 12 settembre 2021", ("2021-09-12", "12 settembre 2021")),
        ("31 de febrero de 2024", (None, "31 de febrero de 2024")),  # no such day: kept as written
    ],
)
def test_dates_in_other_languages(text: str, expected: tuple[str | None, str | None]) -> None:
    assert find_date(text) == expected


def test_an_interpreter_listed_in_the_header_is_named_and_neither_asks_nor_answers() -> None:
    text = (
        "Interview with violinist Oksana Hrytsenko\nInterpreter: Yulia Petrenko\n\n"
        "DANIEL MARSH: Is this your first time in England?\n\n"
        "OKSANA HRYTSENKO (through interpreter): Yes, the first time.\n\n"
        "INTERPRETER: She means the first time performing.\n\n"
        "DANIEL MARSH: Why the Brahms?\n\nOKSANA HRYTSENKO (through interpreter): For my teacher.\n"
    )
    doc = analyze(text, stages=[])
    assert [(t.speaker, t.role) for t in doc.turns][:3] == [
        ("Daniel Marsh", "interviewer"),
        ("Oksana Hrytsenko", "interviewee"),
        ("Yulia Petrenko", "other"),
    ]
    assert [x.answer.text if x.answer else None for x in doc.exchanges] == ["Yes, the first time.", "For my teacher."]


def test_reporters_from_different_outlets_are_different_askers() -> None:
    text = (
        "Post-match press conference\n\nMEDIA OFFICER: We'll start. Say who you're with, please.\n\n"
        "REPORTER (Harbourside Echo): Lena, what did you say at half-time?\n\nLENA VASQUEZ: Not much.\n\n"
        "REPORTER (Sky Sports): Is Berg injured?\n\nLENA VASQUEZ: A little.\n\n"
        "REPORTER (Sky Sports): Will he play Wednesday?\n\nLENA VASQUEZ: Too early to say.\n"
    )
    doc = analyze(text, stages=[])
    people = [(p.role, p.description) for p in doc.metadata.participants]
    assert ("interviewer", "Harbourside Echo") in people and ("interviewer", "Sky Sports") in people
    assert ("moderator", None) in people  # the media officer runs the room
    assert len(doc.metadata.participants) == 4


@pytest.mark.parametrize(
    ("header", "interviewee", "interviewer"),
    [
        ("President Rustam Karimli's interview with Global News Network", "Rustam Karimli", None),
        (
            "Interview of Foreign Minister Sergei Lavrenko to Channel One, interviewed by Anna Petrova of Channel One",
            "Sergei Lavrenko",
            "Anna Petrova",
        ),
        ("Al Jazeera's interview with President Ilham Aliyev", "Ilham Aliyev", None),
    ],
)
def test_who_the_header_says_was_interviewed_and_by_whom(
    header: str, interviewee: str, interviewer: str | None
) -> None:
    text = f"{header}\n\n- Mr. Minister, what was the result?\n\n- A good one.\n\n- And the next step?\n\n- Talks.\n"
    people = {p.role: p.name for p in analyze(text, stages=[]).metadata.participants}
    assert people == {"interviewer": interviewer, "interviewee": interviewee}


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            "Science · Interview\n# “The ice is telling us something”: Tomas Eriksen on the Arctic summer",
            "Tomas Eriksen",
        ),
        ("# Priya Raman, CEO of Gridwell, on batteries, layoffs and the IPO question", "Priya Raman"),
        ("# Q&A: Larkspur Foods CFO Helen Achterberg on prices, tariffs and the Delmar plant", "Helen Achterberg"),
        # a quotation or "In Conversation" after a name names a topic as often: the name must come back
        (
            "# Kelechi Adeyemi: ‘I never wanted to leave’\nAdeyemi signed for Castlebridge in January.",
            "Kelechi Adeyemi",
        ),
        ("# Camille Fournier : « Le Rhône n’est pas une autoroute »\nFournier est hydrologue.", "Camille Fournier"),
        ("# Reederei-Chefin Katrin Weber: „Wir bauen keine Schiffe“\nKatrin Weber leitet die Linie.", "Katrin Weber"),
        ("# In Conversation: Aurelio Benn\nBenn was born in Trieste in 1961.", "Aurelio Benn"),
        ("# Kelechi Adeyemi: ‘I never wanted to leave Ashford’", None),
        ("# Flood Defences: ‘We were told the wall would hold’\nThe flood defences failed in March.", None),
        ("# Ruth Bell on the price of milk", "Ruth Bell"),
        ("Front Row interview with the novelist", None),  # a programme's interview
        ("Transcript: Minister Claire Dubois interview with Radio North", "Claire Dubois"),
        ("# Breaking News: ‘We will not resign’", None),  # no one's name
        ("Interview with Radio North Breakfast", None),  # an outlet, not a person
    ],
)
def test_headlines_name_the_person_interviewed(header: str, expected: str | None) -> None:
    assert find_interviewee(header)[0] == expected


def test_who_asked_from_the_credit_line_or_the_pages_author() -> None:
    qa = "**How long have you studied the Rhône?**\n\nThirty years.\n\n**And the canal?**\n\nIt is a mistake.\n"
    doc = analyze(
        "# Camille Fournier : « Le Rhône »\n\nL’hydrologue Camille Fournier publie une étude.\n\n"
        "Propos recueillis par Julien Marchand\n\n" + qa,
        stages=[],
    )
    assert [(p.name, p.role) for p in doc.metadata.participants] == [
        ("Julien Marchand", "interviewer"),
        ("Camille Fournier", "interviewee"),
    ]
    page = (
        "<html><head><title>Camille Fournier : « Le Rhône »</title><meta name='author' content='Maya Lindqvist'>"
        "</head><body><article><h1>Camille Fournier : « Le Rhône »</h1><p>By Maya Lindqvist</p>"
        "<p><b>How long have you studied the Rhône?</b></p><p>Thirty years.</p>"
        "<p><b>And the canal?</b></p><p>It is a mistake.</p></article></body></html>"
    )
    doc = analyze(page, stages=[])
    assert doc.metadata.participants[0].name == "Maya Lindqvist"
    # a briefing's or a live blog's author is not who asked
    doc = analyze(page.replace("<h1>Camille", "<p>Press conference, live updates</p><h1>Camille"), stages=[])
    assert doc.metadata.participants[0].name is None


def test_the_author_who_answers_and_the_host_the_page_names() -> None:
    page = (
        "<html><head><title>Ask the doctor</title><meta name='author' content='Anita Patel'></head><body><article>"
        "<h1>Ask the doctor</h1><p>Dr. Anita Patel answers readers' questions about the flu.</p>"
        "<p>Q: Is it too late for a flu shot?</p><p>A: Not at all. Get it this week.</p>"
        "<p>Q: Does my daughter still need it?</p><p>A: Yes, she does.</p></article></body></html>"
    )
    assert analyze(page, stages=[]).metadata.participants[0].name is None  # she answers; readers ask
    header = "Housing Secretary Ellen Marsh on evictions\n\nOn Tuesday, host Sandra Lee spoke with Ellen Marsh.\n\n"
    doc = analyze(
        header + "Q: Will any tenant be evicted?\n\nA: No.\n\nQ: When are the flats ready?\n\nA: In May.\n", stages=[]
    )
    assert doc.metadata.participants[0].name == "Sandra Lee"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("# Hartley House: ‘We were never told’\nHartley House was evacuated in March.", None),  # a place
        ("Foreign Affairs Weekly interview with the new envoy", None),  # a programme
        ("# Cedar Falls, the town the river forgot, on rebuilding", None),
    ],
)
def test_places_and_programmes_are_not_interviewees(header: str, expected: str | None) -> None:
    assert find_interviewee(header)[0] == expected


def test_a_host_is_the_asker_only_when_the_header_says_they_spoke_with_someone() -> None:
    qa = "Q: Did you enjoy it?\n\nA: Every minute.\n\nQ: Would you go back?\n\nA: Tomorrow.\n"
    doc = analyze("Interview with former talk-radio host Tom Reyes\n\n" + qa, stages=[])
    assert doc.metadata.participants[0].name is None  # he is the one interviewed


def test_accented_names() -> None:
    assert (
        find_interviewee("# Élise Marchand : « Le fleuve se meurt »\nMarchand est hydrologue.")[0] == "Élise Marchand"
    )
    assert self_introduction("Good evening, I am Ángel Ruiz of Radio Norte.") == "Ángel Ruiz"


def test_storms_and_former_hosts() -> None:
    assert find_interviewee("# Hurricane Katrina: ‘The water came at night’\nKatrina flooded the city.")[0] is None
    doc = analyze(
        "Former Breakfast host Dan Walker talks to Priya Shah\n\nQ: Do you miss it?\n\nA: Every day.\n\n"
        "Q: Would you go back?\n\nA: Tomorrow.\n",
        stages=[],
    )
    assert doc.metadata.participants[0].name != "Dan Walker"
