"""Records of schema accordingto/1 round-trip through plain JSON."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from accordingto.errors import SchemaError
from accordingto.models import SCHEMA, Analysis


def test_roundtrip_through_json(analyse: Callable[[str], Analysis], fixture_text: Callable[[str], str]) -> None:
    analysis = analyse("“Prices will rise by 5 percent,” the central bank governor said.\n\nSource: Reuters")
    data = json.loads(json.dumps(analysis.to_dict()))
    assert data["schema"] == SCHEMA
    assert Analysis.from_dict(data).to_dict() == analysis.to_dict()


def test_every_span_indexes_the_article_text(analyse: Callable[[str], Analysis]) -> None:
    analysis = analyse("Two officials told Politico that 40 soldiers were killed, a figure that could not be verified.")
    text = analysis.article.text
    spans = [s for a in analysis.attributions for s in a.content]
    spans += [a.cue for a in analysis.attributions if a.cue] + [
        a.source_mention for a in analysis.attributions if a.source_mention
    ]
    spans += [m for s in analysis.sources for m in s.mentions]
    spans += [c for claim in analysis.claims for c in claim.caveats]
    assert spans
    assert all(text[s.start : s.end] == s.text for s in spans)


def test_foreign_schema_is_refused() -> None:
    with pytest.raises(SchemaError):
        Analysis.from_dict({"schema": "other/2", "article": {"id": "x", "text": ""}})
