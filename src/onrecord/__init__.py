"""onrecord: turn published interview transcripts into an accountable record.

The public API is deliberately small::

    from onrecord import analyze, read_file
    doc = analyze(read_file("interview.txt"))
    doc.turns, doc.exchanges            # spans with offsets into doc.text

Everything else is reachable through the ``onrecord`` command.
"""

from onrecord.document import Interview, json_schema
from onrecord.errors import OnrecordError
from onrecord.io import read_file
from onrecord.pipeline import analyze

__all__ = ["Interview", "OnrecordError", "analyze", "json_schema", "read_file"]
__version__ = "0.1.0"
