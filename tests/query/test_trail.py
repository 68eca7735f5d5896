"""Quote trails: who ran a quote first, who repeated it, and who credited the first outlet."""

from __future__ import annotations

from pathlib import Path

import pytest

from accordingto.errors import QuerySyntaxError
from accordingto.query import Corpus
from tests.store.builders import Said, build

QUOTE = "We will not cross that red line, whatever the pressure from our allies"


def test_the_trail_runs_from_the_first_article_to_every_repeat(corpus: Corpus) -> None:
    trail = corpus.quote_trail(QUOTE)
    assert [e.article_id for e in trail.entries] == ["g1", "n2", "m3", "v6"]
    first = trail.first
    assert first is not None and first.article_id == "g1" and first.outlet == "Harbor Gazette"
    assert first.quote == QUOTE
    assert trail.entries[0].first and not any(e.first for e in trail.entries[1:])
    assert trail.note is None


def test_quote_marks_case_and_spacing_do_not_matter(corpus: Corpus) -> None:
    shouted = "  “WE WILL NOT CROSS   that red line,\nwhatever the pressure from our allies!”  "
    assert [e.article_id for e in corpus.quote_trail(shouted).entries] == ["g1", "n2", "m3", "v6"]


def test_near_identical_wording_is_on_the_trail_with_its_similarity(corpus: Corpus) -> None:
    entries = {e.article_id: e for e in corpus.quote_trail(QUOTE).entries}
    assert entries["g1"].similarity == 1.0
    assert 0.6 <= entries["m3"].similarity < 1.0  # "...from allies": one word less
    assert entries["m3"].quote == "We will not cross that red line, whatever the pressure from allies"


def test_credit_is_found_as_a_source_or_in_the_text_and_its_absence_reported(corpus: Corpus) -> None:
    entries = {e.article_id: e for e in corpus.quote_trail(QUOTE).entries}
    assert entries["n2"].credits_first is True
    assert entries["n2"].credit == "names Harbor Gazette as a source"  # "told the Harbor Gazette" (via)
    assert entries["v6"].credits_first is True
    assert entries["v6"].credit == "names Harbor Gazette in the text"  # "first reported by the Harbor Gazette"
    assert entries["m3"].credits_first is False
    assert entries["m3"].credit is None
    assert all(e.same_outlet_as_first is False for e in entries.values() if not e.first)


def test_a_different_quote_is_not_on_the_trail(corpus: Corpus) -> None:
    trail = corpus.quote_trail("Our members have waited three years for a fair offer and will not wait")
    assert [e.article_id for e in trail.entries] == ["c4"]
    assert corpus.quote_trail("We will not cross that bridge until the budget passes parliament").entries == []


def test_a_trail_from_an_attribution_id(corpus: Corpus) -> None:
    trail = corpus.quote_trail(attribution_id="n2:A1")
    assert [e.article_id for e in trail.entries] == ["g1", "n2", "m3", "v6"]
    assert corpus.quote_trail(attribution_id="n2:A2").note is not None  # indirect speech has no quote


def test_a_quote_too_short_to_follow_is_refused_with_what_to_do(corpus: Corpus) -> None:
    with pytest.raises(QuerySyntaxError, match="at least 3 words") as raised:
        corpus.quote_trail("red line")
    assert "give more of the quotation" in str(raised.value)


def test_a_short_phrase_inside_a_stored_quote_finds_every_article_carrying_it(corpus: Corpus) -> None:
    trail = corpus.quote_trail("cross that red line")
    assert [e.article_id for e in trail.entries] == ["g1", "n2", "m3", "v6"]
    assert trail.entries[0].first and trail.entries[0].quote == QUOTE
    assert trail.note is not None and "word for word" in trail.note
    assert corpus.quote_trail("cross that red carpet").entries == []  # whole words, in order


def test_the_same_outlet_repeating_itself_is_not_asked_for_credit(tmp_path: Path) -> None:
    said = [Said("Dalia Ferrante", f"“{QUOTE},”", type="direct")]
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.add(build("b", said, outlet="Harbor Gazette", published="2024-03-09"))
        corpus.add(build("a", said, outlet="harbor gazette", published="2024-03-01"))
        entries = corpus.quote_trail(QUOTE).entries
        assert [e.article_id for e in entries] == ["a", "b"]  # by date, not by the order stored
        assert entries[1].same_outlet_as_first is True and entries[1].credits_first is None


def test_without_dates_the_first_stored_leads_and_the_trail_says_so(tmp_path: Path) -> None:
    said = [Said("Dalia Ferrante", f"“{QUOTE},”", type="direct")]
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.add(build("x", said, outlet="Harbor Gazette"))
        corpus.add(build("y", said, outlet="Metro Wire"))
        trail = corpus.quote_trail(QUOTE)
        assert [e.article_id for e in trail.entries] == ["x", "y"]
        assert trail.note is not None and "date" in trail.note
