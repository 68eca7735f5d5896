"""Sources across the corpus: listing, finding by name, and one source's statements in order."""

from __future__ import annotations

from accordingto.query import Corpus, Filters
from accordingto.query.sources import is_exact_match


def test_sources_are_listed_most_quoted_first_with_counts(corpus: Corpus) -> None:
    page = corpus.sources(limit=3)
    top = page.items[0]
    assert top.corpus_source_id == "dalia-ferrante"
    assert (top.name, top.named, top.kind) == ("Dalia Ferrante", True, "person")
    assert (top.attributions, top.articles) == (4, 4)  # g1, n2, g5, v6
    assert [(r.name, r.n) for r in top.roles] == [("defense minister", 2)]
    assert {(o.name, o.n) for o in top.outlets} == {
        ("Harbor Gazette", 2),
        ("Northfield Courier", 1),
        ("Valley Times", 1),
    }
    assert (top.first_date, top.last_date) == ("2024-03-04", "2024-04-02")
    assert page.next_offset == 3


def test_a_lone_surname_counts_for_the_person_it_was_joined_to(corpus: Corpus) -> None:
    reyna = corpus.source("tomas-reyna")
    assert reyna is not None
    assert (reyna.attributions, reyna.articles, reyna.mentions_merged) == (2, 2, 2)


def test_filters_on_kind_named_outlet_and_name(corpus: Corpus) -> None:
    anonymous = corpus.sources(named=False).items
    assert {s.name for s in anonymous} == {"a senior official", "two Western diplomats", "the defense minister"}
    assert all(s.corpus_source_id.startswith("anonymous~") for s in anonymous)
    organizations = corpus.sources(kind="organization").items
    assert {s.corpus_source_id for s in organizations} == {"interior-ministry", "port-authority"}
    metro = corpus.sources(outlet="metro wire").items
    assert {s.corpus_source_id for s in metro} == {"ines-calder", "anonymous~m3:S1"}
    assert [s.corpus_source_id for s in corpus.sources(name="ferr", order="name").items] == [
        "dalia-ferrante",
        "ferrante~u7:S1",
        "marco-ferrante",
    ]


def test_find_sources_by_full_name_title_or_surname(corpus: Corpus) -> None:
    assert [s.corpus_source_id for s in corpus.find_sources("Defense Minister Dalia Ferrante")] == ["dalia-ferrante"]
    found = {s.corpus_source_id for s in corpus.find_sources("Ferrante")}
    assert found == {"dalia-ferrante", "marco-ferrante", "ferrante~u7:S1"}
    assert corpus.find_sources("Nobody") == []
    assert corpus.find_sources("anonymous~g1:S2")[0].name == "a senior official"


def test_a_full_name_or_an_id_is_an_exact_match_and_a_surname_is_not(corpus: Corpus) -> None:
    dalia = corpus.find_sources("Dalia Ferrante")[0]
    assert is_exact_match("Dalia Ferrante", dalia)
    assert is_exact_match("dalia-ferrante", dalia)
    assert not is_exact_match("Ferrante", dalia)
    assert corpus.resolve_source("Dalia Ferrante") == ["dalia-ferrante"]


def test_statements_come_in_date_order_across_articles(corpus: Corpus) -> None:
    page = corpus.statements("dalia-ferrante")
    assert [(h.article_id, h.published) for h in page.items] == [
        ("g1", "2024-03-04"),
        ("n2", "2024-03-05"),
        ("g5", "2024-03-12"),
        ("v6", "2024-04-02"),
    ]
    assert page.items[0].source_name == "Defense Minister Dalia Ferrante"  # as the article wrote it
    assert {h.corpus_source_id for h in page.items} == {"dalia-ferrante"}


def test_statements_filter_and_page(corpus: Corpus) -> None:
    direct = corpus.statements("dalia-ferrante", filters=Filters(types=("direct",)))
    assert [h.article_id for h in direct.items] == ["g1", "n2"]
    march = corpus.statements("dalia-ferrante", filters=Filters(until="2024-03"))
    assert [h.article_id for h in march.items] == ["g1", "n2", "g5"]
    first = corpus.statements("dalia-ferrante", limit=3)
    rest = corpus.statements("dalia-ferrante", limit=3, offset=3)
    assert first.next_offset == 3 and rest.next_offset is None
    assert [h.article_id for h in first.items + rest.items] == ["g1", "n2", "g5", "v6"]


def test_an_unknown_source_has_no_statements(corpus: Corpus) -> None:
    page = corpus.statements("nobody")
    assert page.items == [] and page.next_offset is None
    assert corpus.source("nobody") is None


def test_summaries_serialise_to_plain_dicts(corpus: Corpus) -> None:
    data = corpus.sources(limit=1).to_dict()
    item = data["items"][0]
    assert item["corpus_source_id"] == "dalia-ferrante"
    assert item["roles"] == [{"name": "defense minister", "n": 2}]
    assert set(data) == {"items", "limit", "offset", "next_offset", "total", "note"}
