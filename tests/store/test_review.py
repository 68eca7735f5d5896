"""Review edits: stored apart from the machine's rows, one transaction each, applied in order to
make the reviewed map, carried over to a new analysis by their text spans (or listed as
stale), and refused when another reviewer changed the same field since the edit's base."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from accordingto.models import Analysis, Span
from accordingto.query import Corpus
from accordingto.store.review import (
    EditRequest,
    ReviewConflict,
    ReviewInvalid,
    ReviewNotFound,
    load_edits,
    load_map,
    record_edit,
)
from accordingto.store.review_map import ReviewedMap, analysis_key, build_map, locate, match_source
from tests.store.builders import Said, build

STATEMENTS = [
    Said("Dalia Ferrante", "the troops would stay", role="Defense Minister"),
    Said("a senior official", "the talks had stalled", named=False),
    Said("Tomas Reyna", "the figure was higher", role="opposition leader"),
]
# "Dalia Ferrante said the troops would stay. a senior official said the talks had stalled.
#  Tomas Reyna said the figure was higher. "


def machine(version: str = "test+builders-1", extra_first: Said | None = None) -> Analysis:
    return build("a1", [*([extra_first] if extra_first else []), *STATEMENTS], outlet="Harbor Gazette", version=version)


@pytest.fixture
def corpus(tmp_path: Path) -> Any:
    with Corpus(tmp_path / "c.db") as opened:
        opened.add(machine())
        yield opened


def current(corpus: Corpus, article_id: str = "a1") -> ReviewedMap:
    found = load_map(corpus.connection, article_id)
    assert found is not None
    return found


def edit(
    corpus: Corpus,
    action: str,
    target: str | None = None,
    *,
    reviewer: str = "alice",
    base: int | None = None,
    **params: Any,
) -> ReviewedMap:
    now = current(corpus)
    request = EditRequest(
        "a1", reviewer, action, now.revision if base is None else base, analysis_key(now.machine), target, params
    )
    return record_edit(corpus.connection, corpus.path, request)[1]


def at(text: str, words: str, occurrence: int = 0) -> dict[str, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(words, start + 1)
    return {"start": start, "end": start + len(words)}


def attribution(reviewed: ReviewedMap, ident: str) -> Any:
    return next(a for a in reviewed.analysis.attributions if a.id == ident)


def source(reviewed: ReviewedMap, ident: str) -> Any:
    return next(s for s in reviewed.analysis.sources if s.id == ident)


def test_an_article_without_edits_is_its_machine_analysis(corpus: Corpus) -> None:
    reviewed = current(corpus)
    assert reviewed.analysis.to_dict() == corpus.get("a1").to_dict()  # type: ignore[union-attr]
    assert reviewed.status == "unreviewed" and reviewed.revision == 0
    assert {m.status for m in reviewed.attributions.values()} == {"machine"}
    assert reviewed.progress()["unchecked"] == 3


def test_attribution_actions_make_the_reviewed_map_and_leave_the_machine_rows(corpus: Corpus) -> None:
    text = machine().article.text
    before = corpus.get("a1")
    edit(corpus, "confirm", "A1")
    edit(corpus, "reject", "A2", reason="not an attribution")
    edit(corpus, "set_type", "A3", type="according_to")
    edit(corpus, "set_span", "A3", role="content", spans=[at(text, "the figure")])
    edit(corpus, "set_span", "A3", role="cue", spans=[at(text, "said the figure")])
    edit(corpus, "set_span", "A3", role="source_mention", spans=[at(text, "Reyna")])
    reviewed = edit(
        corpus,
        "add",
        type="indirect",
        content=[at(text, "the talks had stalled")],
        cue=at(text, "said", 1),
        new_source={"name": "a senior official", "kind": "person", "named": False},
        source_mention=at(text, "a senior official"),
    )
    marks = reviewed.attributions
    assert (marks["A1"].status, marks["A1"].changes) == ("confirmed", ["confirmed"])
    assert (marks["A2"].status, reviewed.rejected[0].id) == ("rejected", "A2")
    assert [a.id for a in reviewed.analysis.attributions] == ["A1", "A3", "RA7"]
    assert marks["A3"].status == "corrected"
    assert marks["A3"].changes == ["retyped", "content_span", "cue_span", "source_mention_span"]
    a3 = attribution(reviewed, "A3")
    assert (a3.type, a3.content_text, a3.source_mention.text) == ("according_to", "the figure", "Reyna")
    assert (a3.cue.text, a3.cue.start) == ("said the figure", text.index("said", text.index("Tomas")))
    assert Span(**at(text, "Reyna"), text="Reyna") in source(reviewed, a3.source).mentions
    added = attribution(reviewed, "RA7")
    assert (marks["RA7"].status, added.source, added.content_text) == ("added", "RS7", "the talks had stalled")
    assert reviewed.sources["RS7"].status == "added" and source(reviewed, "RS7").named is False
    assert reviewed.analysis.profile.attributions == 3
    assert reviewed.progress() == {
        "attributions": 3,
        "checked": 3,
        "confirmed": 1,
        "corrected": 1,
        "added": 1,
        "unchecked": 0,
        "rejected": 1,
        "stale": 0,
    }
    assert corpus.get("a1") == before  # the machine's rows are never changed
    assert corpus.check() == []
    assert [e.action for e in load_edits(corpus.connection, "a1")] == [
        "confirm",
        "reject",
        "set_type",
        "set_span",
        "set_span",
        "set_span",
        "add",
    ]


def test_reassigning_to_another_source_a_new_one_or_none(corpus: Corpus) -> None:
    reviewed = edit(corpus, "reassign", "A3", source="S1")
    assert attribution(reviewed, "A3").source == "S1"
    assert reviewed.attributions["A3"].changes == ["reassigned"]
    # the mention moved with the attribution: it is a mention of S1 now, no longer of S3
    assert "Tomas Reyna" in [m.text for m in source(reviewed, "S1").mentions]
    reviewed = edit(corpus, "reassign", "A1", new_source={"name": "Dalia Ferrante", "kind": "person", "named": True})
    assert attribution(reviewed, "A1").source == "RS2" and source(reviewed, "RS2").name == "Dalia Ferrante"
    reviewed = edit(corpus, "reassign", "A2", source=None)
    a2 = attribution(reviewed, "A2")
    assert (a2.source, a2.source_mention) == (None, None)
    assert reviewed.analysis.profile.unattributed == 1


def test_source_actions(corpus: Corpus) -> None:
    text = machine().article.text
    reviewed = edit(corpus, "rename", "S1", name="Defense Minister Dalia Ferrante")
    assert source(reviewed, "S1").name == "Defense Minister Dalia Ferrante"
    for name, value in [
        ("kind", "group"),
        ("named", True),
        ("count", 2),
        ("title", "Deputy Minister"),
        ("affiliation", "Defense Ministry"),
        ("gender", "female"),
        ("role_class", "politician_or_official"),
    ]:
        reviewed = edit(corpus, "set_field", "S2", field=name, value=value)
    s2 = source(reviewed, "S2")
    assert (s2.kind, s2.named, s2.count, s2.role, s2.affiliation) == (
        "group",
        True,
        2,
        "Deputy Minister",
        "Defense Ministry",
    )
    assert (s2.gender, s2.gender_basis, s2.role_class) == ("female", "text", "politician_or_official")
    assert reviewed.sources["S2"].changes == ["kind", "named", "count", "role", "affiliation", "gender", "role_class"]
    reviewed = edit(corpus, "merge", "S3", into="S1")
    assert [s.id for s in reviewed.analysis.sources] == ["S1", "S2"]
    assert attribution(reviewed, "A3").source == "S1"
    assert (reviewed.sources["S3"].status, reviewed.sources["S3"].merged_into) == ("merged", "S1")
    assert reviewed.attributions["A3"].changes == ["source_merged"]
    assert [m.text for m in source(reviewed, "S1").mentions] == ["Dalia Ferrante", "Tomas Reyna"]
    reviewed = edit(corpus, "split", "S1", mentions=[at(text, "Tomas Reyna")], new_source={"name": "Tomas Reyna"})
    split = next(s for s in reviewed.analysis.sources if s.id.startswith("RS"))
    assert (split.name, [m.text for m in split.mentions]) == ("Tomas Reyna", ["Tomas Reyna"])
    assert attribution(reviewed, "A3").source == split.id
    assert reviewed.sources[split.id].split_from == "S1"
    reviewed = edit(corpus, "not_a_source", "S2")
    assert reviewed.sources["S2"].status == "not_a_source"
    assert attribution(reviewed, "A2").source is None
    assert reviewed.attributions["A2"].changes == ["unattributed"]


@pytest.mark.parametrize(
    ("action", "target", "params", "message"),
    [
        ("set_span", "A1", {"role": "content", "spans": [{"start": 5, "end": 500}]}, "not a span of the article"),
        ("set_span", "A1", {"role": "content", "spans": [{"start": 0, "end": 5, "text": "Tomas"}]}, "not 'Tomas'"),
        ("set_span", "A1", {"role": "cue", "spans": [{"start": 14, "end": 15}]}, "only whitespace"),
        ("set_span", "A1", {"role": "content", "spans": []}, "one span or more"),
        ("set_span", "A1", {"role": "hedge", "spans": []}, "role must be one of"),
        ("set_type", "A1", {"type": "shouted"}, "type must be one of"),
        ("set_type", "A1", {"type": "indirect"}, "indirect already"),
        ("set_field", "S1", {"field": "kind", "value": "alien"}, "kind must be one of"),
        ("set_field", "S1", {"field": "height", "value": 2}, "unknown source field"),
        ("set_field", "S1", {"field": "count", "value": -1}, "count must be"),
        ("rename", "S1", {"name": "  "}, "name must be"),
        ("merge", "S1", {"into": "S1"}, "into itself"),
        ("split", "S1", {"mentions": [{"start": 0, "end": 14}]}, "every mention would move"),
        ("split", "S1", {"mentions": [{"start": 20, "end": 26}]}, "is not a mention of source S1"),
        ("confirm", "A1", {"type": "direct"}, "takes no fields"),
        ("set_status", None, {"status": "done"}, "status must be"),
        (
            "add",
            None,
            {"type": "direct", "content": [{"start": 0, "end": 4}], "source_mention": {"start": 0, "end": 4}},
            "needs a source",
        ),
    ],
)
def test_requests_that_cannot_be_made_are_refused_and_write_nothing(
    corpus: Corpus, action: str, target: str | None, params: dict[str, Any], message: str
) -> None:
    with pytest.raises(ReviewInvalid, match=message):
        edit(corpus, action, target, **params)
    assert load_edits(corpus.connection, "a1") == []


def test_unknown_targets_and_reviewers(corpus: Corpus) -> None:
    with pytest.raises(ReviewNotFound, match="no attribution 'A9'"):
        edit(corpus, "confirm", "A9")
    with pytest.raises(ReviewNotFound, match="no source 'S9'"):
        edit(corpus, "reassign", "A1", source="S9")
    with pytest.raises(ReviewNotFound, match="no article"):
        record_edit(corpus.connection, corpus.path, EditRequest("nope", "alice", "confirm", 0, "x", "A1"))
    with pytest.raises(ReviewInvalid, match="reviewer name"):
        edit(corpus, "confirm", "A1", reviewer="   ")
    edit(corpus, "reject", "A1")
    with pytest.raises(ReviewInvalid, match="was rejected"):
        edit(corpus, "set_type", "A1", type="direct")


def test_undo_the_last_edit_a_given_one_and_an_undo(corpus: Corpus) -> None:
    edit(corpus, "reject", "A1")
    edit(corpus, "set_type", "A2", type="direct", reviewer="bob")
    reviewed = edit(corpus, "undo")  # alice's last: the reject
    assert [a.id for a in reviewed.analysis.attributions] == ["A1", "A2", "A3"]
    assert attribution(reviewed, "A2").type == "direct"
    reviewed = edit(corpus, "undo", edit=3)  # undo the undo: the reject is back
    assert "A1" not in [a.id for a in reviewed.analysis.attributions]
    reviewed = edit(corpus, "undo", edit=2, reviewer="bob")
    assert attribution(reviewed, "A2").type == "indirect"
    assert reviewed.undone == [2, 3]
    with pytest.raises(ReviewInvalid, match="undone already"):
        edit(corpus, "undo", edit=2)
    with pytest.raises(ReviewInvalid, match="no edit in effect"):
        edit(corpus, "undo", reviewer="carol")


def test_an_undo_that_would_break_a_later_edit_is_refused(corpus: Corpus) -> None:
    text = machine().article.text
    edit(corpus, "add", type="indirect", content=[at(text, "the talks")], source="S2")
    edit(corpus, "set_span", "RA1", role="content", spans=[at(text, "the talks had stalled")], reviewer="bob")
    with pytest.raises(ReviewConflict, match="builds on edit 1") as refused:
        edit(corpus, "undo", edit=1)
    assert refused.value.conflicts[0]["edit"] == 2
    edit(corpus, "undo", edit=2, reviewer="bob")
    reviewed = edit(corpus, "undo", edit=1)
    assert [a.id for a in reviewed.analysis.attributions] == ["A1", "A2", "A3"]


def test_status_follows_the_edits_in_effect(corpus: Corpus) -> None:
    assert edit(corpus, "confirm", "A1").status == "in_progress"
    assert edit(corpus, "set_status", status="reviewed").status == "reviewed"
    assert edit(corpus, "undo").status == "in_progress"
    edit(corpus, "undo")
    assert current(corpus).status == "unreviewed"  # every edit undone
    row = corpus.connection.execute("SELECT status, revision, active_edits FROM review_articles").fetchone()
    assert row == ("unreviewed", 4, 0)


def test_another_reviewers_change_to_the_same_field_since_the_base_is_refused_with_the_current_value(
    corpus: Corpus,
) -> None:
    edit(corpus, "set_type", "A1", type="direct", reviewer="alice", base=0)
    with pytest.raises(ReviewConflict) as refused:
        edit(corpus, "set_type", "A1", type="mixed", reviewer="bob", base=0)
    conflict = refused.value.conflicts[0]
    assert (conflict["reviewer"], conflict["fields"]) == ("alice", ["attribution:A1:type"])
    assert conflict["current"] == {"attribution:A1:type": "direct"}
    assert refused.value.revision == 1
    # another field of the same attribution, and the same field by the same reviewer, are no conflict
    edit(corpus, "set_span", "A1", role="cue", spans=[{"start": 15, "end": 23}], reviewer="bob", base=0)
    edit(corpus, "set_type", "A1", type="mixed", reviewer="alice", base=0)
    # a confirm covers the whole attribution
    with pytest.raises(ReviewConflict):
        edit(corpus, "confirm", "A1", reviewer="bob", base=1)
    reviewed = edit(corpus, "set_type", "A1", type="according_to", reviewer="bob")  # based on the current revision
    assert attribution(reviewed, "A1").type == "according_to"


def test_an_edit_on_a_map_of_another_analysis_is_refused(corpus: Corpus) -> None:
    request = EditRequest("a1", "alice", "confirm", 0, "test+builders-0#0000", "A1")
    with pytest.raises(ReviewConflict, match="analysed again"):
        record_edit(corpus.connection, corpus.path, request)


def test_edits_are_never_changed_nor_deleted(corpus: Corpus) -> None:
    edit(corpus, "confirm", "A1")
    with pytest.raises(sqlite3.DatabaseError, match="never changed"):
        corpus.connection.execute("UPDATE review_edits SET reviewer = 'mallory'")
    with pytest.raises(sqlite3.DatabaseError, match="never deleted"):
        corpus.connection.execute("DELETE FROM review_edits")


def test_an_edit_is_on_disk_when_the_call_returns(corpus: Corpus) -> None:
    edit(corpus, "reject", "A2")
    other = sqlite3.connect(corpus.path)
    try:
        assert other.execute("SELECT action, target, reviewer FROM review_edits").fetchall() == [
            ("reject", "A2", "alice")
        ]
    finally:
        other.close()
    assert not corpus.connection.in_transaction


def test_edits_are_carried_over_to_a_new_analysis_by_their_spans(corpus: Corpus) -> None:
    text = machine().article.text
    edit(corpus, "set_type", "A1", type="direct")
    edit(corpus, "set_span", "A1", role="content", spans=[at(text, "the troops")])
    edit(corpus, "rename", "S3", name="Tomas Reyna MP")
    edit(corpus, "reject", "A2")
    edit(corpus, "add", type="indirect", content=[at(text, "the talks had stalled")], source="S1")
    # analysed again: a statement before the others shifts every offset and every id
    newer = machine("test+builders-2", extra_first=Said("Mayor Ines Calder", "the roads were closed"))
    assert corpus.add(newer) == "replaced"
    reviewed = current(corpus)
    assert reviewed.stale == []
    ferrante = attribution(reviewed, "A2")  # was A1
    assert (ferrante.type, ferrante.content_text) == ("direct", "the troops")
    assert ferrante.content[0].start == newer.article.text.index("the troops")
    assert source(reviewed, "S4").name == "Tomas Reyna MP"  # was S3
    assert "A3" not in [a.id for a in reviewed.analysis.attributions]  # the reject, carried over
    added = attribution(reviewed, "RA5")
    assert (added.source, added.content[0].start) == ("S2", newer.article.text.index("the talks had stalled"))
    assert reviewed.attributions["A1"].status == "machine"  # the mayor's attribution is new


def test_edits_that_no_longer_apply_are_listed_as_stale(corpus: Corpus) -> None:
    edit(corpus, "set_type", "A2", type="direct")
    edit(corpus, "confirm", "A1")
    # the new analysis no longer finds the official's statement, and trims Ferrante's content
    newer = machine("test+builders-2")
    newer.attributions = [a for a in newer.attributions if a.id != "A2"]
    newer.sources = [s for s in newer.sources if s.id != "S2"]
    trimmed = newer.attributions[0]
    trimmed.content = [Span(trimmed.content[0].start, trimmed.content[0].end - 5, "the troops would")]
    corpus.add(newer)
    reviewed = current(corpus)
    assert [(s.edit.id, s.reason) for s in reviewed.stale] == [
        (1, "no attribution of the current analysis has the content 'the talks had stalled'"),
        (2, "no attribution of the current analysis has the content 'the troops would stay'"),
    ]
    assert reviewed.progress()["stale"] == 2
    assert len(load_edits(corpus.connection, "a1")) == 2  # kept, never dropped


def test_spans_are_found_again_where_they_were_shifted_or_once_in_the_text() -> None:
    text = "xx said the talks had stalled."
    assert locate(text, Span(3, 7, "said")) == Span(3, 7, "said")
    assert locate(text, Span(0, 4, "said"), shift=3) == Span(3, 7, "said")
    assert locate(text, Span(50, 58, "stalled.")) == Span(22, 30, "stalled.")
    with pytest.raises(Exception, match="no longer in the text"):
        locate(text, Span(0, 5, "gone!"))


def test_a_source_is_found_again_by_most_of_its_mentions() -> None:
    reviewed = build_map(machine(), [])
    sources = {s.id: s for s in reviewed.machine.sources}
    anchor = {"mentions": [{"start": 0, "end": 14, "text": "Dalia Ferrante"}], "name": "x", "kind": "person"}
    assert match_source(sources, "S9", anchor) == ("S1", 0)


def test_an_addition_the_new_analysis_makes_itself_and_a_merge_into_a_lost_source_are_stale(tmp_path: Path) -> None:
    with Corpus(tmp_path / "c.db") as corpus:
        first = machine()
        missed = first.attributions.pop(1)  # the first analysis missed the official's statement
        corpus.add(first)
        content = [{"start": s.start, "end": s.end} for s in missed.content]
        edit(corpus, "add", type="indirect", content=content, source="S2")
        edit(corpus, "merge", "S3", into="S1")
        newer = machine("test+builders-2")  # finds the statement, and no longer Ferrante
        newer.attributions = [a for a in newer.attributions if a.source != "S1"]
        newer.sources = [s for s in newer.sources if s.id != "S1"]
        corpus.add(newer)
        reviewed = current(corpus)
        assert [(s.edit.action, s.reason) for s in reviewed.stale] == [
            ("add", "attribution A2 has this content already"),
            ("merge", "no source of the current analysis is mentioned as 'Dalia Ferrante'"),
        ]
        assert [a.id for a in reviewed.analysis.attributions] == ["A2", "A3"]
