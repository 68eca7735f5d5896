"""The read side of review over the red-line story: articles by review status with progress,
history with what became of each edit, and statistics on machine data, reviewed data or both."""

from __future__ import annotations

from typing import Any

import pytest

from accordingto.query import Corpus
from accordingto.query.review import (
    attribution_counts,
    history,
    list_by_status,
    review_stats,
    reviewed_map,
    status_counts,
    under_review,
)
from accordingto.store.review import EditRequest, record_edit
from accordingto.store.review_map import analysis_key


def edit(corpus: Corpus, article_id: str, action: str, target: str | None = None, **params: Any) -> None:
    current = reviewed_map(corpus.connection, article_id)
    assert current is not None
    reviewer = params.pop("reviewer", "alice")
    request = EditRequest(article_id, reviewer, action, current.revision, analysis_key(current.machine), target, params)
    record_edit(corpus.connection, corpus.path, request)


def test_the_counts_the_review_computes_are_the_counts_the_corpus_keeps(corpus: Corpus) -> None:
    """Statistics add reviewed and machine counts together: they must mean the same thing."""
    columns = "n_attributions, n_named, n_anonymous, n_unattributed, n_person, n_group, n_organization, n_outlet, "
    columns += "n_document, n_unspecified"
    for analysis in corpus.analyses():
        counts = attribution_counts(analysis)
        stored = corpus.connection.execute(
            f"SELECT {columns} FROM articles WHERE article_id = ?", (analysis.article.id,)
        ).fetchone()
        keys = ["attributions", "named", "anonymous", "unattributed", "person", "group", "organization", "outlet"]
        keys += ["document", "unspecified"]
        assert tuple(counts[k] for k in keys) == stored


def test_articles_by_review_status_with_progress(corpus: Corpus) -> None:
    assert status_counts(corpus.connection) == {
        "unreviewed": 7,
        "in_progress": 0,
        "reviewed": 0,
        "articles": 7,
        "without_article": 0,
    }
    edit(corpus, "g1", "confirm", "A1")
    edit(corpus, "g1", "reject", "A2")
    edit(corpus, "n2", "confirm", "A1", reviewer="bob")
    edit(corpus, "n2", "set_status", status="reviewed", reviewer="bob")
    assert status_counts(corpus.connection)["unreviewed"] == 5
    page = list_by_status(corpus.connection, with_total=True)
    assert [(s.article_id, s.status) for s in page.items[:2]] == [("n2", "reviewed"), ("g1", "in_progress")]
    assert {s.status for s in page.items[2:]} == {"unreviewed"}
    assert page.total == 7
    g1 = page.items[1]
    assert (g1.revision, g1.edits, g1.reviewers) == (2, 2, ["alice"])
    assert g1.progress["confirmed"] == 1 and g1.progress["rejected"] == 1 and g1.progress["unchecked"] == 1
    reviewed = list_by_status(corpus.connection, status="reviewed", with_total=True)
    assert [s.article_id for s in reviewed.items] == ["n2"] and reviewed.total == 1
    unreviewed = list_by_status(corpus.connection, status="unreviewed", limit=2)
    assert len(unreviewed.items) == 2 and unreviewed.next_offset == 2
    assert [m.analysis.article.id for m in under_review(corpus.connection)] == ["g1", "n2"]
    with pytest.raises(ValueError, match="unknown review status"):
        list_by_status(corpus.connection, status="done")


def test_an_article_removed_keeps_its_edits(corpus: Corpus) -> None:
    edit(corpus, "g5", "confirm", "A1")
    corpus.remove("g5")
    counts = status_counts(corpus.connection)
    assert (counts["articles"], counts["without_article"], counts["in_progress"]) == (6, 1, 0)


def test_history_says_what_became_of_each_edit(corpus: Corpus) -> None:
    edit(corpus, "g1", "set_type", "A2", type="direct")
    edit(corpus, "g1", "confirm", "A1")
    edit(corpus, "g1", "undo")
    reviewed = reviewed_map(corpus.connection, "g1")
    assert reviewed is not None
    entries = history(reviewed)
    assert [(e["id"], e["action"], e["state"]) for e in entries] == [
        (1, "set_type", "applied"),
        (2, "confirm", "undone"),
        (3, "undo", "undo"),
    ]
    assert entries[2]["reverts"] == 2 and entries[0]["payload"]["before"] == "indirect"


def test_statistics_on_machine_data_reviewed_data_or_both(corpus: Corpus) -> None:
    # g1 (Harbor Gazette): 3 attributions, 1 anonymous; the reviewer rejects the anonymous one
    edit(corpus, "g1", "reject", "A2")
    machine = {r.outlet: r for r in review_stats(corpus.connection, data="machine")}
    reviewed = {r.outlet: r for r in review_stats(corpus.connection, data="reviewed")}
    both = {r.outlet: r for r in review_stats(corpus.connection, data="both")}
    gazette = "Harbor Gazette"
    # machine: g1 (3 attributions, 1 anonymous) and g5 (2, named)
    assert (machine[gazette].articles, machine[gazette].attributions, machine[gazette].anonymous_share) == (2, 5, 0.2)
    assert machine[gazette].reviewed_articles == 0 and machine[gazette].data == "machine"
    # reviewed: g1 alone, with 2 attributions left, both named
    assert list(reviewed) == [gazette]
    row = reviewed[gazette]
    assert (row.articles, row.reviewed_articles, row.attributions, row.anonymous_share) == (1, 1, 2, 0.0)
    # both: g1 as reviewed, g5 as analysed
    row = both[gazette]
    assert (row.articles, row.reviewed_articles, row.attributions, row.anonymous_share) == (2, 1, 4, 0.0)
    assert both["Northfield Courier"].attributions == machine["Northfield Courier"].attributions
    # every statistic on machine data is the corpus's own
    by_outlet = {r.outlet: r for r in corpus.stats(by="outlet", top=0)}
    for outlet, mine in machine.items():
        theirs = by_outlet[outlet]
        assert (mine.articles, mine.attributions, mine.anonymous_share, mine.by_kind) == (
            theirs.articles,
            theirs.attributions,
            theirs.anonymous_share,
            theirs.by_kind,
        )
    overall = review_stats(corpus.connection, data="both", by="all")
    assert [(r.outlet, r.month, r.articles, r.reviewed_articles) for r in overall] == [(None, None, 7, 1)]
    months = review_stats(corpus.connection, data="machine", by="month", since="2024-03", until="2024-03")
    assert [(r.month, r.articles) for r in months] == [("2024-03", 5)]
    with pytest.raises(ValueError, match="unknown data"):
        review_stats(corpus.connection, data="gold")  # type: ignore[arg-type]
