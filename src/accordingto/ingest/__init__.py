"""Bytes in: files, stdin, folders (and, later, URLs, feeds, WARC, JSONL) -> Documents.

Contract used by the CLI, the corpus and the distributed job:

* :class:`Document`: one article as it arrived, decoded, with its metadata;
* :class:`InputFailure`: one input that could not be read, with a one-line reason;
* :func:`iter_documents`: every input spec -> Documents and InputFailures, streaming, never
  raising for a bad input (only for a programming error).
"""

from accordingto.ingest.base import Document, InputFailure, iter_documents, read_text_bytes

__all__ = ["Document", "InputFailure", "iter_documents", "read_text_bytes"]
