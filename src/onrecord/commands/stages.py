"""The ``--stages`` / ``--structure-only`` pair that analyze, batch and ingest share."""

from __future__ import annotations

from onrecord.errors import OnrecordError


def stage_list(spec: str | None, structure_only: bool) -> list[str] | None:
    """The analyzers to run after structure: ``[]`` for ``--structure-only``, None for the defaults.

    Giving both options is an error rather than one of them silently winning.
    """
    if structure_only:
        if spec is not None:
            raise OnrecordError("--stages and --structure-only exclude each other")
        return []
    if spec is None:
        return None
    return [s.strip() for s in spec.split(",") if s.strip() and s.strip() != "structure"]
