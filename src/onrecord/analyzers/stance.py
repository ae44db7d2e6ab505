"""The ``stance`` stage: denials, confirmations and accusations, linked to their targets.

Denials and confirmations target a claim id (or an attribution id when no claim
covers the relayed words); accusations target an entity id.
See :mod:`onrecord.facts.stance` and docs/facts.md.
"""

from __future__ import annotations

from onrecord.analyzers import register
from onrecord.document import Interview
from onrecord.facts.attributions import assign_holders
from onrecord.facts.stance import find_stances

VERSION = "stance-1.0"


@register("stance", VERSION, requires=("entities", "attributions"))
def stance(doc: Interview) -> None:
    assign_holders(doc)  # claims added after the attributions stage still get their source as holder
    doc.stances = find_stances(doc)
