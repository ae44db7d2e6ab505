"""A corpus of analysed interviews: store, search, speakers, related claims, export.

See docs/corpus.md.  ``Corpus.open(url)`` is the entry point.
"""

from onrecord.corpus.api import Corpus
from onrecord.corpus.search import QueryError
from onrecord.corpus.store import CorpusError

__all__ = ["Corpus", "CorpusError", "QueryError"]
