"""Interviews published as web pages: the markup that says who speaks survives extraction, and the
headline is not a speaker."""

from __future__ import annotations

from onrecord.pipeline import analyze


def _page(body: str, title: str = "An interview") -> str:
    return (
        f"<!doctype html><html><head><title>{title}</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer>© 2024 The Courier. All rights reserved.</footer></body></html>"
    )


def _turns(html: str) -> list[tuple[str | None, str]]:
    doc = analyze(html, stages=[])
    return [(t.speaker, t.text) for t in doc.turns]


def test_a_definition_list_of_speakers_gives_their_turns() -> None:
    body = (
        "<p>Aurelio Benn was born in Trieste in 1961. We met in the café of the gallery in October.</p><dl>"
        "<dt>Sofia Marchetti</dt><dd>It has been thirteen years since your last novel. Why so long?</dd>"
        "<dt>Aurelio Benn</dt><dd>I wrote two other novels in that time and burned both of them.</dd>"
        "<dt>Sofia Marchetti</dt><dd>What was wrong with them?</dd>"
        "<dt>Aurelio Benn</dt><dd>They were about the wrong people.</dd></dl>"
    )
    assert _turns(_page(body, "In Conversation: Aurelio Benn")) == [
        ("Sofia Marchetti", "It has been thirteen years since your last novel. Why so long?"),
        ("Aurelio Benn", "I wrote two other novels in that time and burned both of them."),
        ("Sofia Marchetti", "What was wrong with them?"),
        ("Aurelio Benn", "They were about the wrong people."),
    ]


def test_a_two_column_speaker_table_gives_its_turns() -> None:
    rows = [
        ("WHITFIELD", "When did you start at the mill?"),
        ("JENNINGS", "September of ’52. I was sixteen. [laughs] My uncle got me on."),
        ("WHITFIELD", "What was the work like?"),
        ("JENNINGS", "Loud. You couldn’t hear yourself think."),
    ]
    table = "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in rows)
    body = (
        "<p>An excerpt from the oral history of the mill, recorded in June 2021 at his home.</p>"
        f"<table><thead><tr><th>Speaker</th><th>Transcript</th></tr></thead><tbody>{table}</tbody></table>"
    )
    doc = analyze(_page(body, "Oral History: Harold Jennings"), stages=[])
    assert [(t.speaker, t.text) for t in doc.turns] == [
        ("Whitfield", "When did you start at the mill?"),
        ("Harold Jennings", "September of ’52. I was sixteen. [laughs] My uncle got me on."),  # no Markdown escapes
        ("Whitfield", "What was the work like?"),
        ("Harold Jennings", "Loud. You couldn’t hear yourself think."),
    ]
    assert len(doc.exchanges) == 2


def test_a_headline_that_quotes_the_interviewee_is_no_turn() -> None:
    body = (
        "<p>The state’s senior senator says the compact is finished.</p>"
        "<p><b>Rachel Amsel:</b> Senator, is the compact dead?</p>"
        "<p><b>Gordon Pike:</b> Yes. It’s dead.</p>"
        "<p><b>Rachel Amsel:</b> Are you running again?</p>"
        "<p><b>Gordon Pike:</b> Ask me after Labor Day.</p>"
    )
    doc = analyze(_page(body, "Senator Gordon Pike: “The water compact is dead”"), stages=[])
    assert [t.speaker for t in doc.turns] == ["Rachel Amsel", "Gordon Pike"] * 2
    assert doc.turns[0].text == "Senator, is the compact dead?"


def test_bold_questions_and_question_subheads_are_questions_with_or_without_a_question_mark() -> None:
    body = (
        "<p>L’hydrologue s’oppose au projet d’élargissement du canal.</p>"
        "<p><strong>Votre étude montre une baisse de 13 %. Comment l’expliquez-vous ?</strong></p>"
        "<p>Il y a deux causes.</p>"
        "<p><strong>La Compagnie nationale affirme que les études sont rassurantes…</strong></p>"
        "<p>Elles datent de 2015.</p>"
        "<h3>Et les élus ?</h3><p>Que l’emploi dépend aussi de l’eau.</p>"
    )
    doc = analyze(_page(body, "Camille Fournier : « Le Rhône n’est pas une autoroute »"), stages=[])
    assert [(t.role, t.text) for t in doc.turns] == [
        ("interviewer", "Votre étude montre une baisse de 13 %. Comment l’expliquez-vous ?"),
        ("interviewee", "Il y a deux causes."),
        ("interviewer", "La Compagnie nationale affirme que les études sont rassurantes…"),
        ("interviewee", "Elles datent de 2015."),
        ("interviewer", "Et les élus ?"),
        ("interviewee", "Que l’emploi dépend aussi de l’eau."),
    ]


def test_a_status_table_in_an_answer_is_no_speakers_and_emphasis_in_a_sentence_goes() -> None:
    rows = "".join(
        f"<tr><td>{a}</td><td>{b}</td></tr>"
        for a, b in [("Delayed", "Mill Street wall"), ("Delayed", "Harbour bridge"), ("On schedule", "Library")]
    )
    body = (
        "<p><b>CHEN:</b> Several projects are behind schedule. Whose fault is that?</p>"
        "<p><b>HOLT:</b> Partly mine. I said <b>no</b> to a delay, and here is where they stand:</p>"
        f"<table><tr><th>Status</th><th>Project</th></tr>{rows}</table>"
        "<p><b>CHEN:</b> When will it be done?</p><p><b>HOLT:</b> In spring.</p>"
    )
    doc = analyze(_page(body, "Mayor Diane Holt on the delays"), stages=[])
    assert [t.speaker for t in doc.turns] == ["Chen", "Diane Holt", "Chen", "Diane Holt"]
    assert "I said no to a delay" in doc.turns[1].text
    assert "Delayed | Mill Street wall" in doc.turns[1].text


def test_a_spanish_paper_s_pregunta_respuesta_and_p_r() -> None:
    body = (
        "<p>Lucía Ferrán lleva ocho meses al frente de la Consejería de Hacienda.</p>"
        "<p><strong>Pregunta.</strong> La patronal dice que la reforma expulsará a las empresas. ¿Se equivocan?</p>"
        "<p><strong>Respuesta.</strong> Se equivocan, y lo saben.</p>"
        "<p><strong>P.</strong> Pero algunos ya se han ido…</p><p><strong>R.</strong> Dos empresas.</p>"
        "<p><strong>P.</strong> ¿Cuánto espera recaudar?</p><p><strong>R.</strong> Unos 310 millones.</p>"
        "<p>Suscríbete para seguir leyendo</p>"
    )
    doc = analyze(_page(body, "Lucía Ferrán: “No vamos a pedir perdón”"), stages=[])
    assert [(t.role, t.text) for t in doc.turns] == [
        ("interviewer", "La patronal dice que la reforma expulsará a las empresas. ¿Se equivocan?"),
        ("interviewee", "Se equivocan, y lo saben."),
        ("interviewer", "Pero algunos ya se han ido…"),
        ("interviewee", "Dos empresas."),
        ("interviewer", "¿Cuánto espera recaudar?"),
        ("interviewee", "Unos 310 millones."),
    ]
    assert len({t.speaker for t in doc.turns}) == 2  # "Pregunta." and "P." are one voice


def test_a_letter_and_a_full_stop_opening_a_paragraph_is_no_label_alone() -> None:
    text = "Q: Who influenced you?\n\nA: Many people.\n\nR. Kelly was one, for a while.\n\nQ: Anyone else?\n\nA: No.\n"
    doc = analyze(text, stages=[])
    assert doc.turns[1].text == "Many people.\n\nR. Kelly was one, for a while."
