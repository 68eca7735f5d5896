"""What the components leave on a Doc for the next one, as plain data.

Everything lives in ``doc._.accordingto``, a dict of lists of plain dicts with character
offsets, so it survives pickling (``nlp.pipe(n_process=...)``) and ``DocBin``. Spans a
user may want to look at are also put in span groups (``doc.spans["at_quotes"]``,
``"at_cues"``, ``"at_content"``, ``"at_sources"``).
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

EXTENSION = "accordingto"


def ensure_extension() -> None:
    if not Doc.has_extension(EXTENSION):
        Doc.set_extension(EXTENSION, default=None)


def state(doc: Doc) -> dict[str, Any]:
    """The analysis state of ``doc``, created empty on first use."""
    ensure_extension()
    current = getattr(doc._, EXTENSION)
    if current is None:
        current = {"quotes": [], "attributions": [], "sources": [], "claims": [], "anonymity": []}
        setattr(doc._, EXTENSION, current)
    return current


ensure_extension()
