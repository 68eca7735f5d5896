"""`data=` on /api/stats, /api/voices and the dashboard (issue 15): machine data by default,
reviewed data or both on request, and every answer and page says which it counts. The
bridge story reviewed as in tests/query/test_stats_data.py."""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path

from accordingto.query import Corpus
from tests.query.test_stats_data import review_the_bridge
from tests.serve.conftest import MakeClient
from tests.serve.test_pages import table_rows


def reviewed_bridge(who_db: Path) -> Path:
    with Corpus(who_db) as corpus:
        review_the_bridge(corpus)
    return who_db


def test_stats_and_voices_on_the_data_asked_for(make_client: MakeClient, who_db: Path) -> None:
    with Corpus(who_db, readonly=True) as corpus:
        machine_before = [r.to_dict() for r in corpus.stats(by="outlet")]
    with make_client(db=reviewed_bridge(who_db)) as client:
        machine = client.get("/api/stats?by=outlet").json()
        assert machine["data"] == "machine" and machine["items"] == machine_before  # unchanged by the review
        assert {r["data"] for r in machine["items"]} == {"machine"}
        reviewed = client.get("/api/stats?by=outlet&data=reviewed").json()
        assert reviewed["data"] == "reviewed"
        assert [
            (r["outlet"], r["data"], r["articles"], r["reviewed_articles"], r["attributions"])
            for r in reviewed["items"]
        ] == [
            ("Coast Courier", "reviewed", 1, 1, 4),
            ("Harbor Gazette", "reviewed", 1, 1, 2),
        ]
        voices = client.get("/api/voices?data=both").json()
        assert voices["data"] == "both"
        courier = voices["items"][0]
        assert (courier["outlet"], courier["data"], courier["people"], courier["reviewed_articles"]) == (
            "Coast Courier",
            "both",
            5,
            1,
        )
        assert courier["by_gender"] == {"female": 2, "male": 1, "nonbinary": 1, "unknown": 1}
        assert courier["by_role_class"]["expert_or_academic"] == 2
        rows = list(csv.DictReader(io.StringIO(client.get("/api/voices?by=author&data=both&format=csv").text)))
        assert {(r["author"], r["data"], r["reviewed_articles"]) for r in rows} == {
            ("Lena Park", "both", "2"),
            ("Omar Haddad", "both", "1"),
        }
        for path in ("/api/stats?data=gold", "/api/voices?data=gold"):
            bad = client.get(path)
            assert bad.status_code == 422
            body = bad.json()
            assert (body["ok"], body["status"]) == (False, 422)
            assert "'data'" in body["error"] and "'machine', 'reviewed' or 'both'" in body["error"], body["error"]
        spec = client.get("/openapi.json").json()
        for path in ("/api/stats", "/api/voices"):
            (data,) = [p for p in spec["paths"][path]["get"]["parameters"] if p["name"] == "data"]
            assert data["schema"]["enum"] == ["machine", "reviewed", "both"] and data["schema"]["default"] == "machine"
            assert "reviewed maps" in data["description"]


def test_the_dashboard_counts_the_data_chosen_and_says_so(make_client: MakeClient, who_db: Path) -> None:
    with make_client(db=reviewed_bridge(who_db)) as client:
        page = client.get("/dashboard").text
        assert "Counting: Machine data: every article as the analysis made it" in page
        assert '<option value="machine" selected>machine</option>' in page
        assert table_rows(page, "women-table")[1] == ["Coast Courier", "1 of 3 33%", "1 of 2 50%"]  # the machine's

        reviewed = client.get("/dashboard?data=reviewed").text
        assert "Counting: Reviewed data: only the articles under review, with the reviewers' corrections" in (
            html.unescape(reviewed)
        )
        assert "(2 articles counted as reviewed)" in reviewed
        assert '<option value="reviewed" selected>reviewed</option>' in reviewed
        # w1 without Dana Whitfield; w3 with Sam Ortiz a man and Rosa Vidal added
        assert table_rows(reviewed, "women-table")[1:] == [
            ["Coast Courier", "", "1 of 3 33%"],
            ["Harbor Gazette", "1 of 2 50%", ""],
            ["all outlets", "1 of 2 50%", "1 of 3 33%"],
        ]
        outlets = table_rows(reviewed, "outlet-table")
        assert [row[:2] for row in outlets[1:]] == [["Coast Courier", "1"], ["Harbor Gazette", "1"]]
        exports = [html.unescape(h) for h in re.findall(r'<a href="(/api/voices\?[^"]*)" download>', reviewed)]
        assert exports and all(url.endswith("&data=reviewed") for url in exports)
        assert 'data-query="data=reviewed"' in reviewed  # the charts fetch /api/stats on the same data

        both = client.get("/dashboard?data=both").text
        assert "(2 articles counted as reviewed)" in both
        assert table_rows(both, "women-table")[1] == ["Coast Courier", "1 of 3 33%", "1 of 3 33%"]
        assert client.get("/dashboard?data=gold").status_code == 422
