"""A source's attributions per month, and the corpus identity of each source of an article."""

from __future__ import annotations

from collections import Counter

from accordingto.query import Corpus
from accordingto.query.timeline import article_identities, source_months


def test_a_named_source_by_month_matches_its_statements(corpus: Corpus) -> None:
    months = source_months(corpus.connection, "dalia-ferrante")
    statements = corpus.statements("dalia-ferrante").items
    expected = Counter((h.published or "")[:7] for h in statements)
    assert [(c.name, c.n) for c in months] == sorted(expected.items())
    assert [(c.name, c.n) for c in months] == [("2024-03", 3), ("2024-04", 1)]


def test_an_anonymous_source_has_the_month_of_its_one_article(corpus: Corpus) -> None:
    months = source_months(corpus.connection, "anonymous~g1:S2")
    assert [(c.name, c.n) for c in months] == [("2024-03", 1)]


def test_undated_statements_come_last_as_an_empty_month(corpus: Corpus) -> None:
    months = source_months(corpus.connection, "ferrante~u7:S1")
    assert [(c.name, c.n) for c in months] == [("", 1)]


def test_an_unknown_source_has_no_months(corpus: Corpus) -> None:
    assert source_months(corpus.connection, "nobody-at-all") == []


def test_article_identities_link_each_local_source_to_its_corpus_source(corpus: Corpus) -> None:
    links = article_identities(corpus.connection, "g1")
    analysis = corpus.get("g1")
    assert analysis is not None
    assert set(links) == {s.id for s in analysis.sources}
    by_name = {s.name: links[s.id] for s in analysis.sources}
    assert by_name["Defense Minister Dalia Ferrante"] == "dalia-ferrante"
    assert by_name["a senior official"].startswith("anonymous~g1:")
    assert article_identities(corpus.connection, "not-stored") == {}
