"""Full-text search: query forms, every filter, order and pages."""

from __future__ import annotations

import pytest

from accordingto.errors import QuerySyntaxError
from accordingto.query import Corpus, Filters, fts_query
from accordingto.query import search as search_module
from accordingto.query.filters import outlet_token


def _ids(page: object) -> list[str]:
    return [h.attribution_id for h in page.items]  # type: ignore[attr-defined]


def test_fts_query_quotes_every_term_so_user_text_cannot_break_it() -> None:
    assert fts_query("red line") == '"red" AND "line"'
    assert fts_query('"red line" Iran') == '"red line" AND "Iran"'
    assert fts_query("don't OR NEAR(") == '"don\'t" AND "OR" AND "NEAR("'
    assert fts_query("red line", "phrase") == '"red line"'
    assert fts_query("red line", "any") == '"red" OR "line"'
    assert fts_query("red NEAR line", "raw") == "red NEAR line"


@pytest.mark.parametrize("text", ["", "   ", '"', "-- !"])
def test_a_query_without_words_is_a_clear_error(text: str) -> None:
    with pytest.raises(QuerySyntaxError):
        fts_query(text)


def test_words_match_in_any_order_and_stems_match(corpus: Corpus) -> None:
    hits = corpus.search("red line").items
    assert {h.article_id for h in hits} == {"g1", "n2", "m3", "v6", "u7"}
    assert {h.article_id for h in corpus.search("villages protecting").items} == {"g5"}  # protect ~ protecting


def test_a_phrase_matches_only_those_words_together(corpus: Corpus) -> None:
    assert {h.article_id for h in corpus.search('"line red"').items} == set()
    assert {h.article_id for h in corpus.search("pressure from allies", mode="phrase").items} == {"m3"}


def test_raw_syntax_errors_are_query_errors(corpus: Corpus) -> None:
    with pytest.raises(QuerySyntaxError):
        corpus.search("red AND (", mode="raw")


def test_hits_carry_source_identity_and_article(corpus: Corpus) -> None:
    (hit,) = corpus.search("timetable").items
    assert hit.attribution_id == "g1:A2"
    assert (hit.source_name, hit.source_named, hit.source_kind) == ("a senior official", False, "person")
    assert hit.corpus_source_id == "anonymous~g1:S2"
    assert (hit.outlet, hit.published, hit.title) == ("Harbor Gazette", "2024-03-04", "Ferrante rules out withdrawal")
    assert hit.content == "the talks had stalled over the timetable"
    assert hit.score is not None and hit.score > 0


def test_filter_by_source_resolves_names(corpus: Corpus) -> None:
    by_full_name = corpus.search("red line", filters=corpus.filters(source="Defense Minister Dalia Ferrante"))
    assert {h.article_id for h in by_full_name.items} == {"g1", "n2", "v6"}
    # "Ferrante" is two people: the filter keeps both and the lone surname of the undated note
    by_surname = corpus.search("red line", filters=corpus.filters(source="Ferrante"))
    assert {h.article_id for h in by_surname.items} == {"g1", "n2", "v6", "u7"}
    assert corpus.search("red line", filters=corpus.filters(source="Nobody Known")).items == []


def test_filter_by_kind_named_and_type(corpus: Corpus) -> None:
    anonymous = corpus.search("line OR surprise OR stalled", mode="raw", filters=Filters(named=False))
    assert {h.article_id for h in anonymous.items} == {"g1", "n2", "m3"}
    assert all(h.source_named is False for h in anonymous.items)
    groups = corpus.search("surprise", filters=Filters(kinds=("group",)))
    assert _ids(groups) == ["n2:A2"]
    direct = corpus.search("red line", filters=Filters(types=("direct",)))
    assert {h.article_id for h in direct.items} == {"g1", "n2", "m3"}


def test_filter_by_outlet_ignores_case_and_dates_are_inclusive(corpus: Corpus) -> None:
    assert {h.article_id for h in corpus.search("red line", filters=Filters(outlets=("harbor gazette",))).items} == {
        "g1"
    }
    in_range = corpus.search("red line", filters=Filters(since="2024-03-05", until="2024-03-06"))
    assert {h.article_id for h in in_range.items} == {"n2", "m3"}
    april = corpus.search("red line", filters=Filters(since="2024-04"))
    assert {h.article_id for h in april.items} == {"v6"}  # the undated note is left out of any date range


def test_unknown_filter_values_are_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        Filters(kinds=("celebrity",))
    with pytest.raises(ValueError, match="type"):
        Filters(types=("rumour",))
    with pytest.raises(ValueError, match="date"):
        Filters(since="last week")


def test_pages_do_not_overlap_and_say_when_they_end(corpus: Corpus) -> None:
    everything = corpus.search("red line", limit=100)
    assert everything.next_offset is None
    first = corpus.search("red line", limit=2)
    second = corpus.search("red line", limit=2, offset=2)
    third = corpus.search("red line", limit=2, offset=4)
    assert (first.next_offset, second.next_offset, third.next_offset) == (2, 4, None)
    paged = _ids(first) + _ids(second) + _ids(third)
    assert paged == _ids(everything)
    assert len(set(paged)) == 5
    assert corpus.search("red line", with_total=True).total == 5


def test_order_by_date_puts_undated_last(corpus: Corpus) -> None:
    oldest = [h.article_id for h in corpus.search("red line", order="date").items]
    newest = [h.article_id for h in corpus.search("red line", order="-date").items]
    assert oldest == ["g1", "n2", "m3", "v6", "u7"]
    assert newest == ["v6", "m3", "n2", "g1", "u7"]


def test_page_arguments_are_checked(corpus: Corpus) -> None:
    with pytest.raises(ValueError):
        corpus.search("red", limit=0)
    with pytest.raises(ValueError):
        corpus.search("red", offset=-1)
    with pytest.raises(ValueError):
        corpus.search("red", order="popularity")  # type: ignore[arg-type]


def test_date_order_read_month_by_month_is_the_same_order(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    """Large result sets are read one month at a time: same hits, same order, same pages."""
    direct = {order: _ids(corpus.search("red line", order=order, limit=50)) for order in ("date", "-date")}
    monkeypatch.setattr(search_module, "DATE_SORT_LIMIT", 1)
    for order, expected in direct.items():
        assert _ids(corpus.search("red line", order=order, limit=50)) == expected  # type: ignore[arg-type]
        paged = []
        for offset in range(0, 6, 2):
            paged += _ids(corpus.search("red line", order=order, limit=2, offset=offset))  # type: ignore[arg-type]
        assert paged == expected
    dated = corpus.search("red line", order="date", filters=Filters(since="2024-03-05"))
    assert [h.article_id for h in dated.items] == ["n2", "m3", "v6"]


def test_too_many_matches_to_rank_come_newest_first_with_a_note(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert corpus.search("red line").note is None
    monkeypatch.setattr(search_module, "RANK_LIMIT", 2)
    page = corpus.search("red line")
    assert page.note is not None and "too many to rank" in page.note
    assert [h.article_id for h in page.items] == ["u7", "v6", "m3", "n2", "g1"]  # stored last, first


@pytest.mark.parametrize(
    "filters",
    [
        Filters(types=("direct", "mixed")),
        Filters(kinds=("person",), named=True),
        Filters(named=False),
        Filters(outlets=("Harbor Gazette", "valley times")),
        Filters(since="2024-03-05", until="2024-03-11"),
        Filters(since="2025-01"),
        Filters(kinds=("organization", "outlet"), types=("according_to",)),
    ],
)
def test_filters_in_the_index_keep_exactly_what_row_checks_keep(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch, filters: Filters
) -> None:
    text = "red OR line OR talks OR left OR villages OR geneva OR surprise OR cameras"
    with_index = sorted(_ids(corpus.search(text, mode="raw", filters=filters, limit=100)))
    monkeypatch.setattr(Filters, "fts_terms", lambda self, conn: [])
    row_by_row = sorted(_ids(corpus.search(text, mode="raw", filters=filters, limit=100)))
    assert with_index == row_by_row


def test_the_outlet_token_is_the_one_the_index_computes(corpus: Corpus) -> None:
    for outlet in ("Harbor Gazette", "Café Ümlaut Times", ""):
        in_sql = corpus.connection.execute("SELECT 'o' || lower(hex(lower(?)))", (outlet,)).fetchone()[0]
        assert outlet_token(outlet) == in_sql
    assert outlet_token("HARBOR gazette") == outlet_token("Harbor Gazette")
