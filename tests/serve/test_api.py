"""The REST API: every route, its pagination and filters, checked against the query layer
(the Corpus the CLI uses) on the same corpus."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from accordingto.models import SCHEMA, Analysis
from accordingto.query import Corpus
from tests.serve.conftest import SAMPLE, MakeClient


def test_analyze_text_returns_the_schema_and_the_same_analysis_as_the_library(
    client: TestClient, analyse: Callable[[str], Analysis]
) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    response = client.post("/api/analyze", json={"text": text})
    assert response.status_code == 200
    body = response.json()
    assert body["schema"] == SCHEMA
    assert Analysis.from_dict(body).to_dict() == body
    assert body == analyse(text).to_dict()  # the same pipeline, the memory zone changes nothing
    attribution = body["attributions"][0]
    span = attribution["content"][0]
    assert body["article"]["text"][span["start"] : span["end"]] == span["text"]


def test_analyze_takes_title_outlet_published_and_id(client: TestClient) -> None:
    response = client.post(
        "/api/analyze",
        json={
            "text": '"We will stay," the minister said on Monday.',
            "title": "Staying",
            "outlet": "Test Post",
            "published": "2024-05-01",
            "id": "my-article",
        },
    )
    article = response.json()["article"]
    assert (article["id"], article["title"], article["outlet"], article["published"]) == (
        "my-article",
        "Staying",
        "Test Post",
        "2024-05-01",
    )


def test_analyze_html_extracts_the_article_first(client: TestClient) -> None:
    paragraphs = "".join(
        f"<p>Paragraph {n} of the report says the council met again and discussed the budget at length.</p>"
        for n in range(6)
    )
    html = (
        "<html><head><title>Council row</title></head><body><nav>Home | News</nav><article><h1>Council row</h1>"
        f'<p>"We will not pay," the mayor said on Tuesday.</p>{paragraphs}</article></body></html>'
    )
    body = client.post("/api/analyze", json={"html": html}).json()
    assert "Home | News" not in body["article"]["text"]
    assert any(a["cue"] and a["cue"]["text"] == "said" for a in body["attributions"])


def test_store_true_stores_and_the_article_is_then_served(writable: TestClient) -> None:
    response = writable.post("/api/analyze?store=true", json={"text": SAMPLE.read_text(encoding="utf-8"), "id": "s1"})
    assert response.status_code == 200
    assert response.headers["location"] == "/api/articles/s1"
    assert response.headers["x-accordingto-stored"] == "added"
    stored = writable.get("/api/articles/s1").json()
    assert stored["analysis"]["attributions"] == response.json()["attributions"]
    assert stored["article"]["attributions"] == len(response.json()["attributions"])
    assert set(stored["corpus_sources"]) == {s["id"] for s in response.json()["sources"]}
    again = writable.post("/api/analyze?store=true", json={"text": SAMPLE.read_text(encoding="utf-8"), "id": "s1"})
    assert again.headers["x-accordingto-stored"] == "unchanged"


def test_delete_removes_an_article(writable: TestClient) -> None:
    assert writable.delete("/api/articles/g1").json() == {"ok": True, "deleted": "g1"}
    assert writable.get("/api/articles/g1").status_code == 404
    assert writable.delete("/api/articles/g1").status_code == 404


def test_articles_are_paged_and_filtered_like_the_corpus(client: TestClient, story_db: Path) -> None:
    first = client.get("/api/articles?limit=2&total=true").json()
    second = client.get(f"/api/articles?limit=2&offset={first['next_offset']}").json()
    with Corpus(story_db, readonly=True) as corpus:
        expected = [a.article_id for a in corpus.articles(limit=4).items]
        gazette = [a.article_id for a in corpus.articles(outlet="Harbor Gazette", since="2024-03").items]
    assert [a["article_id"] for a in first["items"] + second["items"]] == expected
    assert first["total"] == 7 and first["next_offset"] == 2 and second["offset"] == 2
    filtered = client.get("/api/articles?outlet=Harbor+Gazette&since=2024-03").json()
    assert [a["article_id"] for a in filtered["items"]] == gazette == ["g5", "g1"]


def test_one_article_holds_its_analysis_and_corpus_source_ids(client: TestClient, story_db: Path) -> None:
    body = client.get("/api/articles/g1").json()
    with Corpus(story_db, readonly=True) as corpus:
        stored = corpus.get("g1")
    assert stored is not None
    assert body["analysis"] == stored.to_dict()
    assert body["article"]["article_id"] == "g1"
    names = {s["id"]: s["name"] for s in body["analysis"]["sources"]}
    assert {names[k]: v for k, v in body["corpus_sources"].items()}["Defense Minister Dalia Ferrante"] == (
        "dalia-ferrante"
    )


def test_sources_with_the_cli_filters(client: TestClient, story_db: Path) -> None:
    with Corpus(story_db, readonly=True) as corpus:
        anonymous = [s.corpus_source_id for s in corpus.sources(named=False).items]
        organizations = [s.corpus_source_id for s in corpus.sources(kind="organization").items]
        metro = [s.corpus_source_id for s in corpus.sources(outlet="Metro Wire").items]
        by_name = [s.corpus_source_id for s in corpus.sources(name="ferr", order="name").items]

    def ids(query: str) -> list[str]:
        return [s["corpus_source_id"] for s in client.get(f"/api/sources?{query}").json()["items"]]

    assert ids("named=false") == ids("anonymous=true") == anonymous
    assert ids("kind=organization") == organizations
    assert ids("outlet=Metro+Wire") == metro
    assert ids("name=ferr&order=name") == by_name
    page = client.get("/api/sources?limit=3&total=true").json()
    assert len(page["items"]) == 3 and page["next_offset"] == 3 and page["total"] > 3


def test_one_source_with_statements_in_date_order_and_months(client: TestClient) -> None:
    body = client.get("/api/sources/dalia-ferrante").json()
    assert body["source"]["name"] == "Dalia Ferrante"
    assert [h["article_id"] for h in body["statements"]["items"]] == ["g1", "n2", "g5", "v6"]
    assert body["months"] == [{"name": "2024-03", "n": 3}, {"name": "2024-04", "n": 1}]
    direct = client.get("/api/sources/dalia-ferrante?type=direct&limit=1").json()["statements"]
    assert [h["article_id"] for h in direct["items"]] == ["g1"] and direct["next_offset"] == 1
    until_march = client.get("/api/sources/dalia-ferrante?until=2024-03").json()["statements"]
    assert [h["article_id"] for h in until_march["items"]] == ["g1", "n2", "g5"]


@pytest.mark.parametrize(
    ("query", "options"),
    [
        ("q=red+line", {}),
        ("q=red+line&named=false", {"named": False}),
        ("q=red+line&anonymous=true", {"named": False}),
        ("q=red+line&kind=person&type=direct", {"kind": ["person"], "type": ["direct"]}),
        ("q=red+line&outlet=Harbor+Gazette&outlet=Metro+Wire", {"outlet": ["Harbor Gazette", "Metro Wire"]}),
        ("q=red+line&since=2024-03-05&until=2024-03", {"since": "2024-03-05", "until": "2024-03"}),
        ("q=red+line&source=Dalia+Ferrante", {"source": ["Dalia Ferrante"]}),
        ("q=red&source=Ferrante", {"source": ["Ferrante"]}),
    ],
)
def test_search_matches_the_cli_filters(client: TestClient, story_db: Path, query: str, options: dict) -> None:
    with Corpus(story_db, readonly=True) as corpus:
        text = query.split("&")[0].removeprefix("q=").replace("+", " ")
        expected = corpus.search(text, filters=corpus.filters(**options)).items
    body = client.get(f"/api/search?{query}").json()
    assert [h["attribution_id"] for h in body["items"]] == [h.attribution_id for h in expected]
    assert body["items"], "each case should find something"


def test_search_modes_orders_pages_and_unknown_sources(client: TestClient) -> None:
    newest = client.get("/api/search?q=red+line&order=-date").json()["items"]
    dates = [h["published"] for h in newest if h["published"]]
    assert dates == sorted(dates, reverse=True)
    phrase = client.get("/api/search?q=cross+that+red&mode=phrase").json()["items"]
    assert phrase and all("cross that red" in h["content"].lower() for h in phrase)
    first = client.get("/api/search?q=red+line&limit=1&total=true").json()
    assert first["next_offset"] == 1 and first["total"] == len(client.get("/api/search?q=red+line").json()["items"])
    unknown = client.get("/api/search?q=red&source=Nobody+Atall").json()
    assert unknown["unknown_sources"] == ["Nobody Atall"] and unknown["items"] == []


def test_stats_by_outlet_month_and_paging(client: TestClient, story_db: Path) -> None:
    with Corpus(story_db, readonly=True) as corpus:
        expected = [r.to_dict() for r in corpus.stats(by="outlet")]
        gazette = [r.to_dict() for r in corpus.stats(by="month", outlet="Harbor Gazette")]
        without_voices = [r.to_dict() for r in corpus.stats(by="outlet", voices=False)]
    assert client.get("/api/stats?by=outlet").json()["items"] == expected
    assert client.get("/api/stats?by=month&outlet=Harbor+Gazette").json()["items"] == gazette
    assert client.get("/api/stats?by=outlet&voices=false").json()["items"] == without_voices
    assert {"people", "by_gender", "female_share", "by_role_class", "role_class_shares", "gender_basis"} <= set(
        expected[0]
    )
    page = client.get("/api/stats?by=outlet&limit=2&offset=2").json()
    assert page["items"] == expected[2:4] and page["total"] == len(expected) and page["next_offset"] == 4
    default = client.get("/api/stats").json()["items"]
    assert {(r["outlet"], r["month"]) for r in default} >= {("Harbor Gazette", "2024-03")}


def test_quote_trail_by_text_and_by_id(client: TestClient) -> None:
    body = client.get("/api/quote-trail", params={"q": "We will not cross that red line, whatever the pressure"}).json()
    outlets = [e["outlet"] for e in body["items"]]
    assert outlets[0] == "Harbor Gazette" and body["items"][0]["first"] is True
    assert "Valley Times" in outlets
    by_id = client.get("/api/quote-trail", params={"id": body["items"][0]["attribution_id"]}).json()
    assert [e["article_id"] for e in by_id["items"]] == [e["article_id"] for e in body["items"]]
    paged = client.get("/api/quote-trail", params={"id": body["items"][0]["attribution_id"], "limit": 1}).json()
    assert len(paged["items"]) == 1 and paged["next_offset"] == 1


def test_openapi_lists_every_route(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    expected = {
        ("post", "/api/analyze"),
        ("post", "/api/check"),
        ("get", "/api/articles"),
        ("get", "/api/articles/{article_id}"),
        ("delete", "/api/articles/{article_id}"),
        ("get", "/api/sources"),
        ("get", "/api/sources/{source_id}"),
        ("get", "/api/search"),
        ("get", "/api/stats"),
        ("get", "/api/voices"),
        ("get", "/api/quote-trail"),
    }
    assert {(m, p) for p, methods in spec["paths"].items() for m in methods} == expected
    parameters = {
        (path, p["name"]): p
        for path, methods in spec["paths"].items()
        for p in methods.get("get", {}).get("parameters", [])
    }
    for path in ("/api/sources", "/api/search"):
        gender = parameters[(path, "gender")]["schema"]["anyOf"][0]["items"]["enum"]
        role_class = parameters[(path, "role_class")]["schema"]["anyOf"][0]["items"]["enum"]
        assert gender == ["female", "male", "nonbinary", "unknown"] and "expert_or_academic" in role_class, path
    for path in ("/api/stats", "/api/voices"):
        assert parameters[(path, "format")]["schema"]["enum"] == ["json", "csv"], path
        assert parameters[(path, "data")]["schema"]["enum"] == ["machine", "reviewed", "both"], path
    assert parameters[("/api/stats", "voices")]["schema"]["type"] == "boolean"
    docs = client.get("/docs")
    assert docs.status_code == 200
    for _, path in expected:
        assert path in docs.text
    assert "cdn" not in docs.text.lower()


def test_a_missing_database_is_created(make_client: MakeClient, tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    with make_client(db=db) as fresh:
        assert fresh.get("/api/articles?total=true").json()["total"] == 0
    assert db.exists()


SLASHED = "feeds/2024/03/harbor gazette?story=1#top"


@pytest.fixture
def slashed_db(story_db: Path) -> Path:
    """The story corpus plus an article whose id holds '/', '?', '#' and a space (a feed path)."""
    from tests.store.builders import Said, build

    with Corpus(story_db) as corpus:
        corpus.add(build(SLASHED, [Said("a port official", "the ships were turned back", named=False)]))
    return story_db


def test_an_article_id_with_slashes_can_be_read_and_deleted(make_client: MakeClient, slashed_db: Path) -> None:
    from urllib.parse import quote

    with make_client(db=slashed_db, allow_writes=True) as client:
        for path in (quote(SLASHED, safe="/"), quote(SLASHED, safe="")):  # '/' as it is, or as %2F
            answer = client.get(f"/api/articles/{path}")
            assert answer.status_code == 200, answer.text
            assert answer.json()["article"]["article_id"] == SLASHED
        (source_id,) = [s for s in answer.json()["corpus_sources"].values() if "anonymous" in s]
        statements = client.get(f"/api/sources/{quote(source_id, safe='')}")
        assert statements.status_code == 200, statements.text
        page = client.get(f"/articles/{quote(SLASHED, safe='')}")
        assert page.status_code == 200 and "the ships were turned back" in page.text
        assert client.delete(f"/api/articles/{quote(SLASHED, safe='')}").json() == {"ok": True, "deleted": SLASHED}
        assert client.get(f"/api/articles/{quote(SLASHED, safe='')}").status_code == 404


def test_the_location_of_a_stored_article_with_slashes_serves_it(writable: TestClient) -> None:
    response = writable.post(
        "/api/analyze?store=true", json={"text": SAMPLE.read_text(encoding="utf-8"), "id": SLASHED}
    )
    assert response.status_code == 200
    location = response.headers["location"]
    assert "?" not in location and "#" not in location and " " not in location
    assert writable.get(location).json()["article"]["article_id"] == SLASHED


def test_the_article_page_form_deletes_an_article_with_slashes(make_client: MakeClient, slashed_db: Path) -> None:
    from urllib.parse import quote

    with make_client(db=slashed_db, allow_writes=True) as client:
        page = client.get(f"/articles/{quote(SLASHED, safe='')}")
        action = re.search(r'action="([^"]*/delete)"', page.text)
        assert action is not None
        done = client.post(html.unescape(action.group(1)), follow_redirects=False)
        assert done.status_code == 303, done.text
        assert client.get(f"/api/articles/{quote(SLASHED, safe='')}").status_code == 404


def test_a_read_only_server_reads_a_corpus_on_read_only_media(
    make_client: MakeClient, story_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.store.media import simulate_read_only_media

    with Corpus(story_db) as corpus:
        corpus.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    simulate_read_only_media(story_db.parent, monkeypatch)
    with make_client() as client:
        assert client.get("/api/search?q=red+line").json()["items"]
        assert client.get("/api/articles/g1").status_code == 200
    assert sorted(p.name for p in story_db.parent.iterdir()) == [story_db.name]  # no -wal, no -shm


def test_voices_by_outlet_as_the_query_layer_gives_them(client: TestClient, story_db: Path) -> None:
    with Corpus(story_db, create=False) as corpus:
        expected = [r.to_dict() for r in corpus.voices(by="outlet")]
        by_author = [r.to_dict() for r in corpus.voices(by="author", outlet="Harbor Gazette")]
    assert expected and all("by_gender" in r and "by_role_class" in r for r in expected)
    assert client.get("/api/voices").json()["items"] == expected
    assert client.get("/api/voices?by=author&outlet=Harbor+Gazette").json()["items"] == by_author
    assert client.get("/api/voices?by=desk").status_code == 422


# ------------------------------------------------------------------ who gets quoted
def test_sources_and_search_filter_on_gender_and_role_class(make_client: MakeClient, who_db: Path) -> None:
    with Corpus(who_db, readonly=True) as corpus:
        women_experts = [
            s.corpus_source_id for s in corpus.sources(gender="female", role_class="expert_or_academic").items
        ]
        by_men = corpus.search("bridge", filters=corpus.filters(gender="male")).items
    with make_client(db=who_db) as client:
        page = client.get("/api/sources?gender=female&role_class=expert_or_academic").json()
        assert [s["corpus_source_id"] for s in page["items"]] == women_experts == ["priya-nair"]
        assert (page["items"][0]["gender"], page["items"][0]["role_classes"]) == (
            "female",
            [{"name": "expert_or_academic", "n": 1}],
        )
        two = client.get("/api/sources?gender=male&gender=nonbinary").json()["items"]
        assert sorted(s["name"] for s in two) == ["Alex Kim", "Tomas Reyna"]
        hits = client.get("/api/search?q=bridge&gender=male").json()["items"]
        assert [h["attribution_id"] for h in hits] == [h.attribution_id for h in by_men]
        assert sorted((h["source_name"], h["source_gender"]) for h in hits) == [
            ("Sam Ortiz", "male"),
            ("Tomas Reyna", "male"),
        ]
        officials = client.get("/api/search?q=bridge&role_class=politician_or_official").json()["items"]
        assert {h["source_name"] for h in officials} == {"Ines Calder"} and len(officials) == 2


@pytest.mark.parametrize("path", ["/api/sources?", "/api/search?q=bridge&"])
def test_an_unknown_gender_or_role_class_is_a_422_in_the_error_shape(
    make_client: MakeClient, who_db: Path, path: str
) -> None:
    with make_client(db=who_db) as client:
        for query, named in (("gender=woman", "'gender"), ("role_class=expert", "'role_class")):
            answer = client.get(path + query)
            assert answer.status_code == 422
            body = answer.json()
            assert (body["ok"], body["status"]) == (False, 422)
            assert named in body["error"] and "Input should be" in body["error"], body["error"]


def test_voices_and_stats_as_csv(make_client: MakeClient, who_db: Path) -> None:
    import csv
    import io

    with make_client(db=who_db) as client:
        answer = client.get("/api/voices?by=author&format=csv")
        assert answer.status_code == 200
        assert answer.headers["content-type"].startswith("text/csv")
        assert 'filename="voices-by-author.csv"' in answer.headers["content-disposition"]
        authors = {r["author"]: r for r in csv.DictReader(io.StringIO(answer.text))}
        # Lena Park wrote w1 and w3: Ines Calder, Tomas Reyna, Dana Whitfield, Sam Ortiz ("her"), Alex Kim
        lena = authors["Lena Park"]
        assert (lena["articles"], lena["people"], lena["people_female"], lena["people_nonbinary"]) == (
            "2",
            "5",
            "3",
            "1",
        )
        assert lena["female_share"] == "0.6" and lena["basis"] == "text"
        one = client.get("/api/voices?by=outlet&outlet=Coast+Courier&format=csv").text.splitlines()
        assert len(one) == 2 and one[1].startswith("Coast Courier,,,,2,4,1,0,1,2,")
        stats = list(csv.DictReader(io.StringIO(client.get("/api/stats?by=month&format=csv").text)))
        assert [(r["month"], r["people"], r["people_female"]) for r in stats] == [
            ("2024-03", "5", "3"),
            ("2024-04", "2", "1"),
        ]
        assert client.get("/api/voices?format=xml").status_code == 422
