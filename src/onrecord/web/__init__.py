"""``onrecord serve``: a local web app over a corpus (reports, speakers, claims, search).

Install with ``pip install 'onrecord[web]'``.  :func:`create_app` builds the
ASGI app over any :class:`Store`; :func:`open_store` picks one from a URL.
"""

from __future__ import annotations

from onrecord.web.store import MemoryStore, Store


def open_store(url: str) -> Store:
    """``memory:`` for a throwaway in-memory corpus; anything else opens :mod:`onrecord.corpus`."""
    if url in ("memory:", "memory://", ":memory:"):
        return MemoryStore()
    from onrecord.web.corpus_store import CorpusStore

    return CorpusStore.open(url)


__all__ = ["MemoryStore", "Store", "open_store"]
