"""Which inputs a batch run reads, and reading their bytes.

An input spec is a file, a directory (searched recursively for transcript
files), a glob (``archive/**/*.txt``), or an object-storage URL that
``pyarrow.fs`` understands (``s3://bucket/prefix/``, ``gs://...``), file or
prefix.  Local inputs are named by their absolute path, URLs verbatim, so that
the ``source`` recorded for a document does not depend on the working directory.
"""

from __future__ import annotations

import glob
import hashlib
import os
import re
from collections.abc import Iterable
from pathlib import Path

from onrecord.errors import InputError
from onrecord.io import display_path
from onrecord.transcript_files import is_transcript_name, is_under, transcripts_in

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_GLOB_CHARS = re.compile(r"[*?\[]")


def is_url(spec: str) -> bool:
    return bool(_URL.match(spec))


def content_id(data: bytes) -> str:
    """The document id: SHA-256 of the input's bytes, in hex."""
    return hashlib.sha256(data).hexdigest()


def _list_url(spec: str) -> list[str]:
    from pyarrow import fs as pafs

    if spec.lower().startswith(("http://", "https://")):
        raise InputError(
            f"{spec}: web addresses are not read; download the pages, or give an s3://, gs:// or hdfs:// URL"
        )
    if _GLOB_CHARS.search(spec):
        raise InputError(f"{spec}: globs are not supported in URLs; name a file or a prefix ending in '/'")
    try:
        filesystem, path = pafs.FileSystem.from_uri(spec)
        info = filesystem.get_file_info(path)
        if info.type == pafs.FileType.File:
            return [spec]
        if info.type != pafs.FileType.Directory:
            raise InputError(f"{spec}: no such file or prefix")
        entries = filesystem.get_file_info(pafs.FileSelector(path, recursive=True))
    except InputError:
        raise
    except (OSError, ValueError) as exc:
        raise InputError(f"{spec}: cannot list ({exc})") from None
    scheme = spec.split("://", 1)[0]
    files = [e.path for e in entries if e.type == pafs.FileType.File and is_transcript_name(e.path)]
    return sorted(f"{scheme}://{path}" for path in files)


def list_inputs(specs: Iterable[str], exclude: Iterable[str | Path] = ()) -> list[str]:
    """Expand ``specs`` into a sorted, de-duplicated list of inputs.

    Files under any of ``exclude`` (the output directory) are left out, so that
    a run over ``.`` never reads its own outputs.  A spec that matches nothing
    is an :class:`InputError`: a typo should not silently shrink a batch.
    """
    roots = tuple(os.path.abspath(e) for e in exclude)
    found: set[str] = set()
    for spec in specs:
        if is_url(spec):
            found.update(_list_url(spec))
            continue
        if _GLOB_CHARS.search(spec):
            matches = sorted(glob.glob(spec, recursive=True))
            if not matches:
                raise InputError(f"{spec}: matches no file")
        elif os.path.exists(spec):
            matches = [spec]
        else:
            raise InputError(f"{spec}: no such file or directory")
        mine: set[str] = set()  # this spec's own inputs: another spec may have listed them already
        for m in matches:
            if os.path.isdir(m):
                mine.update(os.path.abspath(p) for p in transcripts_in(m))
            elif os.path.isfile(m) or not os.path.exists(m):
                mine.add(os.path.abspath(m))
        mine = {p for p in mine if not is_under(p, roots)}
        if not mine and os.path.isdir(spec):
            raise InputError(f"{spec}: no transcript files found")
        found |= mine
    return sorted(found)


def read_bytes(source: str) -> bytes:
    """The bytes of one input (local path or URL), or an :class:`InputError`."""
    if is_url(source):
        from pyarrow import fs as pafs

        try:
            filesystem, path = pafs.FileSystem.from_uri(source)
            with filesystem.open_input_stream(path) as stream:
                return bytes(stream.read())
        except (OSError, ValueError) as exc:
            raise InputError(f"{source}: cannot read ({exc})") from None
    if display_path(source) != source:  # its name could not be written to the manifest or the tables
        raise InputError(f"{display_path(source)}: the file name is not valid UTF-8; rename the file")
    try:
        return Path(source).read_bytes()
    except IsADirectoryError:
        raise InputError(f"{source}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{source}: cannot read ({exc.strerror or exc})") from None
