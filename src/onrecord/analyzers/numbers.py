"""The ``numbers`` stage: every quantity, date and duration in the turns, normalised.

See :mod:`onrecord.facts.numbers` for the rules and docs/facts.md for limits.
"""

from __future__ import annotations

from onrecord.analyzers import register
from onrecord.document import Interview
from onrecord.facts.numbers import find_numbers

VERSION = "numbers-1.0"


@register("numbers", VERSION)
def numbers(doc: Interview) -> None:
    doc.numbers = find_numbers(doc)
