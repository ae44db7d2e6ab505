"""Which interviewer sentences become questions of exchanges."""

from __future__ import annotations

from onrecord.pipeline import analyze
from onrecord.structure.questions import PUSHBACK

RADIO = """\
STEVE PARKS, HOST:

Governor Tina Ramos of New Mexico joins us now. Good morning, Governor.

TINA RAMOS: Good morning, Steve.

PARKS: How much money are we talking about?

RAMOS: About three hundred million dollars.

PARKS: Governor, glad to have you. You won the last election on that promise.

RAMOS: And I will keep it.

PARKS: Go ahead, briefly.

RAMOS: The money was appropriated by Congress.

PARKS: Governor Ramos, thank you.

RAMOS: Thank you.
"""


def test_greetings_thanks_and_handovers_are_not_questions() -> None:
    doc = analyze(RADIO, stages=[])
    asked = [x.question.text for x in doc.exchanges]
    # a statement put to the guest still counts after a greeting earlier in the turn
    assert asked == ["How much money are we talking about?", "You won the last election on that promise."]


def test_asked_by_is_the_role_of_whoever_asked() -> None:
    text = (
        "Presidential Debate\n\nMODERATOR: Governor, what is your plan for energy?\n\n"
        "SMITH: Drill and build.\n\nAUDIENCE MEMBER: Senator, will you cut my taxes?\n\n"
        "JONES: Yes, I will.\n\nSMITH: Senator, will you really?\n\nJONES: I said so.\n"
    )
    doc = analyze(text, stages=[])
    assert [(x.question.text, x.asked_by) for x in doc.exchanges][:2] == [
        ("Governor, what is your plan for energy?", "moderator"),
        ("Senator, will you cut my taxes?", "audience"),
    ]


def test_house_rules_said_to_the_room_are_not_put_to_the_speaker() -> None:
    text = (
        "Press conference by the Minister for Water\n\n"
        "MODERATOR: Good afternoon everyone. The Minister will make a short statement and then take questions. "
        "Please wait for the microphone and state your name and outlet.\n\n"
        "MINISTER: Today we are announcing $340 million to replace lead pipes.\n\n"
        "MODERATOR: First question, Jess from Radio New Zealand.\n\n"
        "QUESTION: Minister, how many households still have lead pipes?\n\n"
        "MINISTER: About 9,000.\n\n"
        "MODERATOR: Minister, will you make a statement on the survey too?\n\n"
        "MINISTER: Yes, next week.\n"
    )
    doc = analyze(text, stages=[])
    # a question that happens to mention a statement is still a question
    assert [x.question.text for x in doc.exchanges] == [
        "Minister, how many households still have lead pipes?",
        "Minister, will you make a statement on the survey too?",
    ]


TOWN_HALL = """\
TOWN HALL MEETING ON THE HARBOUR BRIDGE
January 9, 2025

MAYOR QUINLAN: Good evening. We'll hear from the city engineer first. Mr. Osei.

MR. OSEI: Thank you, Mayor. The bridge needs new bearings, which will cost 3.1 million dollars.

MAYOR QUINLAN: Could you say something about the closures?

MR. OSEI: It will close for six weekends in the spring.

MAYOR QUINLAN: Thank you. Public comment now. Ms. Varga.

MS. VARGA: My question is for the Mayor. Did you know about the cracks last year?

MAYOR QUINLAN: I was told in November, and I asked for this report.

MS. VARGA: Why did it take a year?

MAYOR QUINLAN: Because the inspection takes that long.

(Whereupon, the meeting adjourned at 8:12 p.m.)

CERTIFICATE OF REPORTER
I, Ann Hale, certify that the foregoing is a true transcript of the proceedings.
"""


def test_a_chair_answers_the_questions_put_to_them() -> None:
    doc = analyze(TOWN_HALL, stages=[])
    pairs = [(x.question.text, x.answer.text if x.answer else None) for x in doc.exchanges]
    # the chair calling the next speaker by name ("Mr. Osei.") is no question; a question put to the chair
    # by name is answered by the chair, and so is the same speaker's next question to them
    assert pairs == [
        ("Could you say something about the closures?", "It will close for six weekends in the spring."),
        ("Did you know about the cracks last year?", "I was told in November, and I asked for this report."),
        ("Why did it take a year?", "Because the inspection takes that long."),
    ]
    assert doc.turns[-1].text == "Because the inspection takes that long."
    kinds = [b.kind for b in doc.boilerplate]
    assert kinds.count("trailer") == 2  # the adjournment and the reporter's certificate


def test_a_short_sentence_ending_in_thanks_or_a_handover_is_no_question() -> None:
    text = (
        "Town hall debate\n\nMODERATOR: What is your plan for schools?\n\nSMITH: More teachers.\n\n"
        "MODERATOR: We have -- thank you.\n\nJONES: I would add that class sizes matter.\n\n"
        "MODERATOR: Linda Grant's over here.\n\nJONES: Hello, Linda.\n"
    )
    doc = analyze(text, stages=[])
    assert [x.question.text for x in doc.exchanges] == ["What is your plan for schools?"]


def test_thanks_for_joining_and_online_house_rules_are_no_questions() -> None:
    text = (
        "Morning Edition\n\nTOM BRADDOCK, HOST: Senator Whitfield, thanks for joining us this morning.\n\n"
        "SENATOR GRACE WHITFIELD: Good morning, Tom. Glad to be with you.\n\n"
        "BRADDOCK: Listeners can type questions in the chat. Will the farm bill pass on time?\n\n"
        "WHITFIELD: I think it will.\n\n"
        "BRADDOCK: Go ahead and explain the subsidy cut then.\n\nWHITFIELD: It is four percent.\n"
    )
    doc = analyze(text, stages=[])
    assert [x.question.text for x in doc.exchanges] == [
        "Will the farm bill pass on time?",
        "Go ahead and explain the subsidy cut then.",  # a request to answer, not a handover
    ]


def test_narration_in_a_taped_package_is_not_put_to_the_soundbites() -> None:
    text = (
        "EVENING REPORT\n\nHALE, ANCHOR: Our correspondent is in Riverton.\n\n(BEGIN VIDEOTAPE)\n\n"
        "ORTEGA, CORRESPONDENT (voice-over): The bridge fell into the river. Two cars went with it.\n\n"
        "DONNA KEMP, WITNESS: I heard a crack like a gunshot.\n\n(END VIDEOTAPE)\n\n"
        "HALE: Secretary Ashby, why wasn't the bridge closed?\n\n"
        "CAROLINE ASHBY, TRANSPORT SECRETARY: A poor rating is not a closure order.\n"
    )
    doc = analyze(text, stages=[])
    assert [x.question.text for x in doc.exchanges] == ["Secretary Ashby, why wasn't the bridge closed?"]


def test_a_stage_direction_is_never_the_question() -> None:
    text = (
        "Debate\n\nMODERATOR: Governor, here's what you said in 2021. Let's listen.\n\n(BEGIN VIDEO CLIP)\n\n"
        "UNIDENTIFIED REPORTER: No new gas tax?\n\nHENDRICKS: No new gas tax.\n\n(END VIDEO CLIP)\n\n"
        "MODERATOR: You signed one anyway. (APPLAUSE)\n\nHENDRICKS: It is a fee on trucks.\n"
    )
    doc = analyze(text, stages=[])
    assert [(x.question.text, x.answer.text if x.answer else None) for x in doc.exchanges] == [
        ("You signed one anyway.", "It is a fee on trucks.")
    ]


def test_an_undashed_first_question_and_whole_words_of_pushback() -> None:
    text = (
        "President Tomas Varga gave an interview to Euronet TV\n\n12 February 2024\n\n"
        "Mr. President, your neighbours say the pipeline is dead. Is it?\n\n"
        "– It is not dead. We signed the financing in December.\n\n"
        "– You haven't answered. Who pays for the delay?\n\n– The consortium pays.\n"
    )
    doc = analyze(text, stages=[])
    assert [t.role for t in doc.turns] == ["interviewer", "interviewee", "interviewer", "interviewee"]
    first = doc.exchanges[0]
    assert first.question.text == "Is it?" and first.answer is not None
    assert first.pushback and first.pushback_evidence is not None
    assert first.pushback_evidence.text == "You haven't answered."


def _exchanges(text: str) -> list[tuple[str, str | None, bool, str | None]]:
    doc = analyze(text, stages=[])
    return [(x.question.text, x.answer.text if x.answer else None, x.pushback, x.follow_up_of) for x in doc.exchanges]


def test_the_answer_given_after_a_clarification_is_not_lost() -> None:
    got = _exchanges(
        "Interview with Health Minister Victor Lindqvist\n\n"
        "HELEN ACHEBE: Minister, is the health service in crisis?\n\n"
        "VICTOR LINDQVIST: When you say crisis, what exactly do you mean?\n\n"
        "HELEN ACHEBE: I mean patients waiting more than a year for surgery.\n\n"
        "VICTOR LINDQVIST: Then no, it is not in crisis.\n"
    )
    assert got == [
        ("Minister, is the health service in crisis?", "When you say crisis, what exactly do you mean?", False, None),
        # the minister's question back, answered by the journalist ...
        (
            "When you say crisis, what exactly do you mean?",
            "I mean patients waiting more than a year for surgery.",
            False,
            None,
        ),
        # ... whose clarification the minister then answers: a follow-up of the question clarified
        ("I mean patients waiting more than a year for surgery.", "Then no, it is not in crisis.", False, "x1"),
    ]


def test_a_question_asked_back_is_not_a_clarification() -> None:
    got = _exchanges(
        "HOST: Did your forces use cluster munitions?\n\n"
        "GUEST: No. Did you ask the other side this question?\n\n"
        "HOST: We didn't have the information at the time.\n\n"
        "GUEST: That's the point. Ask them.\n"
    )
    assert [q for q, *_ in got] == [
        "Did your forces use cluster munitions?",
        "Did you ask the other side this question?",
    ]


def test_a_new_topic_or_a_recap_is_not_pushback() -> None:
    got = _exchanges(
        "HOST: Will you sign the water bill?\n\nGOVERNOR: Yes. I will sign it on Friday.\n\n"
        "HOST: My question is about housing now. How many homes will you build?\n\nGOVERNOR: Ten thousand.\n\n"
        "HOST: Will the state pay for them?\n\nGOVERNOR: Yes, the state will pay for all of it.\n\n"
        "HOST: Just to be clear for our listeners, the state pays the full cost?\n\nGOVERNOR: The full cost.\n"
    )
    assert [push for _, _, push, _ in got] == [False, False, False, False]
    assert got[3][3] == "x3"  # pinning the answer down follows it up


def test_pushback_and_the_follow_up_concern_the_sub_question_they_name() -> None:
    got = _exchanges(
        "REPORTER: Has the officer been involved in previous shootings? And has he been placed on leave?\n\n"
        "CHIEF: He has been placed on administrative leave, which is standard procedure.\n\n"
        "REPORTER: You didn't answer my first question. Has he been involved in previous shootings?\n\n"
        "CHIEF: I'm not going to discuss his record.\n"
    )
    # the first sub-question, named, gets the pushback; the re-ask follows it, not the one answered
    assert [(push, follow) for _, _, push, follow in got] == [(True, None), (False, None), (False, "x1")]


def test_two_questions_in_one_sentence_are_two_exchanges() -> None:
    got = _exchanges(
        "REPORTER: When did you first learn about the breach, and why did you wait three weeks to tell customers?\n\n"
        "CEO: We learned about it on February 2.\n\n"
        "REPORTER: Is it the state, or is it the federal government?\n\nCEO: The state.\n"
    )
    assert [q for q, *_ in got] == [
        "When did you first learn about the breach",
        "and why did you wait three weeks to tell customers?",
        "Is it the state, or is it the federal government?",  # a choice offered, one question
    ]
    assert got[0][1] == got[1][1] == "We learned about it on February 2."


def test_a_question_put_to_every_candidate_is_answered_by_each() -> None:
    got = _exchanges(
        "ANITA FERRIS: Good evening. Each candidate has one minute per answer. First question: what is the most "
        "urgent issue in Ward 4?\n\n"
        "PAUL WHITLOCK: Road repair. We have 11 miles of streets rated poor.\n\n"
        "DANA OYELARAN: Housing. Rents in this ward went up 18 percent in two years.\n\n"
        "ANITA FERRIS: Mr. Whitlock, you voted against the housing ordinance. Why?\n\n"
        "PAUL WHITLOCK: Because it had no parking requirement.\n\n"
        "DANA OYELARAN: Well…\n"
    )
    assert [(q, a) for q, a, *_ in got] == [
        (
            "First question: what is the most urgent issue in Ward 4?",
            "Road repair. We have 11 miles of streets rated poor.",
        ),
        (
            "First question: what is the most urgent issue in Ward 4?",
            "Housing. Rents in this ward went up 18 percent in two years.",
        ),
        ("Why?", "Because it had no parking requirement."),  # put to one: the other's interjection answers nothing
    ]


def test_relative_clauses_and_moving_on_are_not_what_they_seem() -> None:
    got = _exchanges(
        "HOST: Why do families who have lived in the towers for thirty years, and who have never missed a rent "
        "payment, now face eviction?\n\n"
        "SECRETARY: They do not. Every household has been offered a flat.\n\n"
        "HOST: Why is the project going ahead, and when your own auditor says it is running a year late?\n\n"
        "SECRETARY: Because the towers are unsafe.\n"
    )
    assert len(got) == 2  # one question each: relative and subordinate clauses are not second questions


def test_my_question_is_whether_is_pushback_and_a_date_is_no_ordinal() -> None:
    got = _exchanges(
        "HOST: When did you learn of the breach? And why did you wait three weeks to tell customers?\n\n"
        "CEO: We learned on the third of March.\n\n"
        "HOST: My question is whether you told the regulator. Customers lost money in the first half of March.\n\n"
        "CEO: We told the regulator on the tenth.\n"
    )
    # pushback, but "the first half of March" names no sub-question: it falls on both
    assert [push for _, _, push, _ in got[:2]] == [True, True]


def test_an_interviewer_who_moves_on_after_a_clarification_asks_afresh() -> None:
    got = _exchanges(
        "HOST: Carla, did the union accept the 2021 contract knowing the pension fund was short?\n\n"
        "CARLA MORENO: Are you asking about the 2021 contract or the side letter that came after it?\n\n"
        "HOST: Let's leave the contract there. I want to talk about the strike vote on Friday.\n\n"
        "CARLA MORENO: The strike vote is about safety, not pay.\n"
    )
    assert got[-1][:2] == (
        "I want to talk about the strike vote on Friday.",
        "The strike vote is about safety, not pay.",
    )
    assert got[-1][3] is None  # not a follow-up of the contract question


def test_all_businesses_is_not_all_of_you_and_respect_to_you_is_pushback() -> None:
    got = _exchanges(
        "HOST: Mayor Holt, will the new charge apply to all businesses, or only to the delivery firms?\n\n"
        "MAYOR HOLT: Only to firms with more than ten vans.\n\n"
        "OKORO: Can I just say, before we go on, that the Chamber was never consulted about any of this?\n\n"
        "HOST: With all due respect to the Chamber, that was not my question. Mayor, when does it start?\n\n"
        "MAYOR HOLT: In April.\n"
    )
    first = got[0][0]
    # "to all businesses" puts the question to no panel: Okoro's interjection is not an answer to it
    assert [a for q, a, *_ in got if q == first] == ["Only to firms with more than ten vans."]
    assert PUSHBACK.search("With all due respect to you, Minister, the figures say otherwise.")
    assert not PUSHBACK.search("With respect to the budget, what happens in April?")


def test_softer_pushback_is_pushback() -> None:
    for said in (
        "That sounds like a diplomatic way of not answering.",
        "That is not an answer.",
        "You are dodging my question.",
    ):
        assert PUSHBACK.search(said), said


def test_free_relatives_and_your_opponents() -> None:
    got = _exchanges(
        "HOST: What the families want to know is simple, and where they go is the part nobody answers?\n\n"
        "MINISTER: They go to the new flats.\n\n"
        "HOST: Will both of your opponents debate you before the vote?\n\n"
        "MINISTER: I hope so.\n\n"
        "RIVAL: We will not, because she refuses to publish her tax returns to anyone.\n"
    )
    assert len(got) == 2  # one question each; "both of your opponents" puts nothing to the panel
