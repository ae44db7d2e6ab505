"""``analyze()``: the one entry point the CLI, the Python API, the web app and
the batch engines all call, so that they cannot disagree about a document."""

from __future__ import annotations

from collections.abc import Sequence

from onrecord import analyzers
from onrecord import readers as reader_registry
from onrecord.document import Interview
from onrecord.errors import NoTurnsError
from onrecord.io import Source, decode, normalize_newlines
from onrecord.readers import inserts
from onrecord.structure import build

# The default pipeline: structure is always run; model-backed stages follow in
# this order when their modules are installed.
DEFAULT_ANALYZERS: tuple[str, ...] = ("clarity", "claims", "numbers", "entities", "attributions", "stance")


def default_stages() -> list[str]:
    """The default analyzers that are available in this installation."""
    known = set(analyzers.available())
    return [name for name in DEFAULT_ANALYZERS if name in known]


def analyze(
    source: Source | str | bytes,
    *,
    layout: str | None = None,
    stages: Sequence[str] | None = None,
    name: str = "<input>",
) -> Interview:
    """Read ``source`` in its layout, build turns and exchanges, run ``stages``.

    ``stages=None`` runs the default analyzers; ``stages=()`` gives structure only.
    Raises :class:`onrecord.errors.OnrecordError` subclasses for bad input.
    """
    if isinstance(source, bytes):
        source = decode(source, name)
    elif isinstance(source, str):
        source = Source(text=normalize_newlines(source), name=name, encoding="str")
    if layout:
        reader = reader_registry.get(layout)
    elif source.name.lower().endswith((".html", ".htm")) and "<" in source.text:
        # a page saved as .html is HTML even with too few tags for content sniffing to be sure
        reader = reader_registry.get("html")
    else:
        reader = reader_registry.detect(source.text)
    result = reader.read(source.text)
    inserts.set_aside(result)
    doc = build(result, source_name=source.name)
    if source.encoding != "str":
        doc.metadata.encoding, doc.metadata.encoding_guessed = source.encoding, source.guessed
    if not doc.turns:
        raise NoTurnsError(f"{source.name}: no speaker turns found (layout {reader.name!r})")
    analyzers.run(doc, default_stages() if stages is None else list(stages))
    return doc
