"""The ``entities`` stage: people, organisations, places, groups and equipment, one entity per referent.

See :mod:`onrecord.facts.entities` for the rules and docs/facts.md for limits.
"""

from __future__ import annotations

from onrecord.analyzers import register
from onrecord.document import Interview
from onrecord.facts.entities import build_entities

VERSION = "entities-1.0"


@register("entities", VERSION)
def entities(doc: Interview) -> None:
    doc.entities = build_entities(doc)
