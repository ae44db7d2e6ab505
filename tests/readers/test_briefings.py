"""A spokesperson's press briefing in the United Nations' form: "Question:" / "Spokesperson:" labels."""

from __future__ import annotations

from onrecord.pipeline import analyze

BRIEFING = """\
Daily Press Briefing by the Office of the Spokesperson
3 June 2025

Noon briefing by Tomas Lindqvist, Spokesperson for the Secretary-General.

Question: Tomas, has the convoy reached the city?

Spokesperson: It reached the outskirts this morning, with 40 trucks.

Question: How many people does that feed?

Spokesperson: About 60,000 for a week.

Correspondent: Tomas, one on the ceasefire.

Spokesperson: Go ahead.

Question: Will the Secretary-General attend the talks?

Spokesperson: He will, on Thursday.
"""


def test_question_labels_and_a_one_off_correspondent_are_read() -> None:
    doc = analyze(BRIEFING, stages=[])
    assert doc.layout == "labeled"
    roles = {p.name: p.role for p in doc.metadata.participants}
    # the header names the spokesperson ("by Tomas Lindqvist, Spokesperson for ...")
    assert roles["Tomas Lindqvist"] == "interviewee"
    assert roles["Correspondent"] == "interviewer"
    assert [(x.question.text, x.answer.text if x.answer else None) for x in doc.exchanges] == [
        ("Tomas, has the convoy reached the city?", "It reached the outskirts this morning, with 40 trucks."),
        ("How many people does that feed?", "About 60,000 for a week."),
        ("Will the Secretary-General attend the talks?", "He will, on Thursday."),
    ]
    assert not any("Correspondent:" in t.text for t in doc.turns)


def test_a_spanish_interview_opening_with_pregunta_and_respuesta() -> None:
    text = (
        "Entrevista a la ministra de Educación\n\nPor Javier Montaño | 15 de enero de 2024\n\n"
        "Pregunta: Ministra, ¿agrupar escuelas no es cerrarlas?\n\nRespuesta: No. Agrupar no es cerrar.\n\n"
        "P: ¿Cuántos maestros se van a perder?\n\nR: Ninguno.\n\nP: ¿Y el transporte?\n\nR: Lo paga el Estado.\n"
    )
    doc = analyze(text, stages=[])
    assert doc.metadata.date == "2024-01-15"
    assert [(t.role, t.text) for t in doc.turns][:2] == [
        ("interviewer", "Ministra, ¿agrupar escuelas no es cerrarlas?"),
        ("interviewee", "No. Agrupar no es cerrar."),
    ]
    assert len([x for x in doc.exchanges if x.answer is not None]) == 3
    # "Pregunta" is the "P" that follows it: one asker, one answerer
    assert [(p.name, p.role) for p in doc.metadata.participants] == [("P", "interviewer"), ("R", "interviewee")]


def test_a_titled_first_label_and_outlets_asking_once_are_speakers() -> None:
    text = (
        "Foreign Ministry Spokesperson Wang Lin's Regular Press Conference on May 14, 2024\n\n"
        "Spokesperson Wang Lin: Good afternoon. I have one announcement. The minister will visit Tavira.\n\n"
        "Xinhua News Agency: Could you share more details about the visit?\n\n"
        "Wang Lin: The two ministers will discuss trade.\n\n"
        "AFP: Were two fishing vessels detained yesterday?\n\nWang Lin: I'm not aware of the specifics.\n\n"
        "AFP: Has the ministry contacted the flag state?\n\nWang Lin: I'd refer you to the authorities.\n"
    )
    doc = analyze(text, stages=[])
    assert [t.speaker for t in doc.turns][:3] == ["Wang Lin", "Xinhua News Agency", "Wang Lin"]
    assert doc.turns[0].text.startswith("Good afternoon.")  # the opening statement is his, not the header
    assert doc.exchanges[0].question.text == "Could you share more details about the visit?"
    assert doc.exchanges[0].answer is not None and doc.exchanges[0].answer.text.startswith("The two ministers")


def test_a_head_of_state_labelled_by_title_and_surname_once_is_still_the_interviewee() -> None:
    text = (
        "Interview of President Amara Ndiaye with the newspaper Le Courrier du Sahel\n\n"
        "Question: Mr. President, what do you expect from the summit?\n\n"
        "President: Concrete decisions, not declarations.\n\n"
        "Question: Inflation reached 11 percent. What is the government doing?\n\n"
        "President Ndiaye: We have cut the duties on wheat and fuel.\n\n"
        "Question: Will you be a candidate in 2025?\n\n"
        "President: You will be the first to know.\n"
    )
    doc = analyze(text, stages=[])
    assert [t.speaker for t in doc.turns] == [None, "Amara Ndiaye"] * 3  # "Question:" is an unnamed asker
    # the newspaper asking, not a room: no briefing, one person answering
    assert [t.role for t in doc.turns] == ["interviewer", "interviewee"] * 3
    assert doc.exchanges[1].answer is not None
    assert doc.exchanges[1].answer.text == "We have cut the duties on wheat and fuel."


def test_reporters_who_give_their_name_and_outlet_are_those_people() -> None:
    text = (
        "Press statements following talks between President Erik Halvorsen and Federal Chancellor Jana Brandt\n\n"
        "Moderator: We will now take questions. Please introduce yourself.\n\n"
        "Question: Katrin Vogel, ZDF. A question for the Chancellor. Will the agreement change that?\n\n"
        "Federal Chancellor Jana Brandt: The agreement is about hydrogen, not about gas.\n\n"
        "Question: Thank you. Ola Strand, Nordic Broadcasting. Mr. President, is that the case?\n\n"
        "President Erik Halvorsen: No. Fishing quotas were not on the table.\n\n"
        "Question: Mr. President, one more on the quotas?\n\n"
        "President Erik Halvorsen: No more on the quotas.\n"
    )
    doc = analyze(text, stages=[])
    people = {p.name: (p.role, p.description) for p in doc.metadata.participants}
    assert people["Katrin Vogel"] == ("audience", "ZDF")
    assert people["Ola Strand"] == ("audience", "Nordic Broadcasting")
    assert "Jana Brandt" in people  # "Federal Chancellor" is her office, not her name
    # a reporter who does not say who they are stays one of the room
    assert doc.turns[-2].speaker is None and doc.turns[-2].role == "audience"


def test_an_office_quoted_inside_an_answer_is_no_speaker() -> None:
    text = (
        "Interview with Foreign Minister Awa Diallo on President Amara Ndiaye's border decision\n\n"
        "Journalist: Minister, what did the cabinet decide?\n\n"
        "Awa Diallo: I will read you the minutes.\n\n"
        "President Ndiaye: The border stays closed until the talks resume.\n\n"
        "That is the decision, and I support it fully.\n\n"
        "Journalist: When will the talks resume?\n\n"
        "Awa Diallo: In March.\n"
    )
    doc = analyze(text, stages=[])
    assert [t.speaker for t in doc.turns] == ["Journalist", "Awa Diallo", "Journalist", "Awa Diallo"]


def test_whom_a_question_is_about_is_not_who_asked() -> None:
    text = (
        "Daily press briefing, 3 June 2025\n\nSpokesperson: Good afternoon. Questions?\n\n"
        "Question: Jens Stoltenberg, NATO. What did he tell you about the summit?\n\n"
        "Spokesperson: I will not characterise a private meeting.\n"
    )
    doc = analyze(text, stages=[])
    assert doc.turns[1].speaker is None  # the reporter asked about Stoltenberg; NATO is no outlet
