"""A corpus of analysed interviews: store, search, speakers, related claims, export.

See docs/corpus.md.  ``Corpus.open(url)`` is the entry point.  The names are
loaded on first use, so that importing the package (as the CLI does to build
its options) does not import SQLAlchemy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from onrecord.corpus.api import Corpus
    from onrecord.corpus.search import QueryError
    from onrecord.corpus.store import CorpusError

__all__ = ["Corpus", "CorpusError", "QueryError"]

_WHERE = {
    "Corpus": "onrecord.corpus.api",
    "QueryError": "onrecord.corpus.search",
    "CorpusError": "onrecord.corpus.store",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'onrecord.corpus' has no attribute {name!r}")
