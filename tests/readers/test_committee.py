"""A parliamentary select committee's oral evidence: members' questions are numbered ("Q101 Chair:")."""

from __future__ import annotations

from onrecord.pipeline import analyze

EVIDENCE = """\
Transport Committee
Oral evidence: Rural bus services, HC 230
Wednesday 8 May 2024

Members present: Iain Marsh (Chair); Sarah Dunne-Whitley; Owen Price.

Witnesses

I: Helen Carr, Chief Executive, Northern Buses; and Professor Dev Rao, University of Fenwick.

Q41 Chair: Good morning. Ms Carr, how many rural routes have you cut since 2019?

Helen Carr: Thirty-one, out of about two hundred.

Q42 Sarah Dunne-Whitley: Professor Rao, what happens to a village that loses its only bus?

Professor Rao: Car ownership rises, and those without a car stop travelling.

Helen Carr: We see the same in our own surveys.

Q43 Owen Price: Ms Carr, will you restore any of the routes?

Helen Carr: Four, from September, with the new county grant.

Chair: Thank you both.
"""


def test_numbered_questions_are_the_members_and_the_rest_answer() -> None:
    doc = analyze(EVIDENCE, stages=[])
    roles = {p.name: p.role for p in doc.metadata.participants}
    assert roles["Sarah Dunne-Whitley"] == roles["Owen Price"] == roles["Chair"] == "interviewer"
    assert roles["Helen Carr"] == "interviewee"
    assert "I" not in roles  # the witness list's "I:" is not a voice
    assert [(x.question.text, x.answer.text if x.answer else None) for x in doc.exchanges] == [
        ("Ms Carr, how many rural routes have you cut since 2019?", "Thirty-one, out of about two hundred."),
        (
            "Professor Rao, what happens to a village that loses its only bus?",
            "Car ownership rises, and those without a car stop travelling.",
        ),
        ("Ms Carr, will you restore any of the routes?", "Four, from September, with the new county grant."),
    ]
