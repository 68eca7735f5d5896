"""Bytes in: files, folders, globs, stdin, URLs, feeds, WARC and JSONL -> Documents.

Contract used by the CLI, the corpus and the distributed job:

* :class:`Document`: one article as it arrived, decoded, with its metadata;
* :class:`InputFailure`: one input that could not be read, with a one-line reason;
* :func:`iter_documents`: every input spec -> Documents and InputFailures, streaming, never
  raising for a bad input (only for a programming error or invalid options).

The modules, in the order data goes through them: ``sources`` (specs -> readers),
``files`` (folders, globs, gzip), ``detect`` (which kind of input), ``encoding`` (bytes ->
str), the readers ``jsonl``, ``warc``, ``feeds``, and ``fetch`` (URLs over HTTP).
"""

from accordingto.ingest.base import DEFAULT_MAX_BYTES, Document, InputFailure, PendingFetch, read_text_bytes
from accordingto.ingest.detect import INPUT_FORMATS
from accordingto.ingest.fetch import Fetcher, FetchSettings, fetch_items
from accordingto.ingest.sources import iter_documents

__all__ = [
    "DEFAULT_MAX_BYTES",
    "INPUT_FORMATS",
    "Document",
    "FetchSettings",
    "Fetcher",
    "InputFailure",
    "PendingFetch",
    "fetch_items",
    "iter_documents",
    "read_text_bytes",
]
