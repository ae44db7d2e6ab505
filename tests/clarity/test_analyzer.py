from __future__ import annotations

import onrecord
from onrecord import analyzers

TRANSCRIPT = """\
Q: Will you sign the infrastructure bill this week?

THE PRESIDENT: Yes. I will sign the infrastructure bill on Friday, and the Governors will be there.

Q: How much did the talks with the Chinese delegation cost?

THE PRESIDENT: I'm not going to get into that. We will disclose this information after the summit.

Q: But sir, you promised transparency. Why won't you tell us?

THE PRESIDENT: Look, the economy is strong. Unemployment is down and wages are up across the country.
"""


def test_clarity_stage_labels_exchanges_with_evidence_offsets() -> None:
    assert "clarity" in analyzers.available()
    spec = analyzers.get("clarity")
    assert spec.requires == ("structure",) and spec.version.startswith("clarity-")
    doc = onrecord.analyze(TRANSCRIPT, stages=())  # structure only; then the registered stage itself
    spec.run(doc)
    answered = [ex for ex in doc.exchanges if ex.answer is not None]
    assert len(answered) >= 2
    for ex in answered:
        assert ex.clarity is not None and ex.evasion is not None
        assert 0.0 < ex.clarity.confidence <= 1.0
        for ev in ex.clarity.evidence + ex.evasion.evidence:
            assert doc.text[ev.start : ev.end] == ev.text and ev.reason
    first, second = answered[0], answered[1]
    assert first.clarity is not None and first.clarity.label == "Clear Reply"
    assert second.evasion is not None and second.evasion.label == "Declining to answer"
    assert any("refuses" in ev.reason for ev in second.evasion.evidence)
    assert any("disclose" in ev.text for ev in second.evasion.evidence)
    # JSON round trip keeps the labels
    again = onrecord.Interview.model_validate_json(doc.model_dump_json())
    assert again.exchanges[1].evasion == second.evasion
