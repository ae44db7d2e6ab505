"""Fact stages: numbers, entities, attributions and stance.

The logic lives here; ``onrecord.analyzers.{numbers,entities,attributions,stance}``
are thin registered stages that call it.  All four share one spaCy parse of the
interview (:mod:`onrecord.facts.nlp`), and communicate only through the
:class:`~onrecord.document.Interview` they fill.
"""
