"""The ``attributions`` stage: reported speech with holder and content; claims get their real holder.

Runs after ``entities`` (pronoun holders are resolved through it).  Claims
already in the document that lie inside reported content get the source as
``holder`` instead of the relaying speaker; run ``claims`` before this stage (the
``stance`` stage repeats the update, so ``claims`` may also come between them).
See :mod:`onrecord.facts.attributions` and docs/facts.md.
"""

from __future__ import annotations

from onrecord.analyzers import register
from onrecord.document import Interview
from onrecord.facts.attributions import assign_holders, find_attributions

VERSION = "attributions-1.0"


@register("attributions", VERSION, requires=("entities",))
def attributions(doc: Interview) -> None:
    doc.attributions = find_attributions(doc)
    assign_holders(doc)
