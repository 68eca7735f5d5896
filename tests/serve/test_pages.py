"""The pages as HTML (without a browser): the article's marks, the source cards, the lists,
and the JSON twin of every page."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from accordingto.clean import clean_text
from accordingto.models import Analysis
from accordingto.query import Corpus
from accordingto.serve.views import Marker, Segment, highlight, outlet_chain, source_styles, text_html
from tests.serve.conftest import SAMPLE, MakeClient
from tests.store.builders import Said, build


@pytest.fixture(scope="module")
def sample(analyzer) -> Analysis:  # type: ignore[no-untyped-def]
    return analyzer.analyze(clean_text(SAMPLE.read_text(encoding="utf-8")))


def test_segments_join_back_into_the_text_and_carry_every_span(sample: Analysis) -> None:
    laid_out = highlight(sample)
    segments = [item for item in laid_out if isinstance(item, Segment)]
    assert "".join(s.text for s in segments) == sample.article.text
    for attribution in sample.attributions:
        for span in attribution.content:
            inside = [s for s in segments if span.start <= s.start and s.end <= span.end]
            assert "".join(s.text for s in inside) == span.text
            assert all(s.attribution is not None for s in inside)
        if attribution.cue is not None:
            cue = [s for s in segments if attribution.cue.start <= s.start and s.end <= attribution.cue.end]
            assert {s.cue for s in cue} == {attribution.id}
    markers = [item for item in laid_out if isinstance(item, Marker)]
    assert sorted(m.attribution for m in markers) == sorted(a.id for a in sample.attributions)
    assert [m.position for m in markers] == sorted(m.position for m in markers)  # in text order


def test_overlapping_spans_give_the_innermost_content_its_tint() -> None:
    analysis = build("x", [Said("Ana Ruiz", "the port would reopen"), Said("Bo Lind", "the talks had stalled")])
    first, second = analysis.attributions
    # make the second attribution's content sit inside the first's
    second.content = [type(second.content[0]).of(analysis.article.text, first.content[0].start + 4, first.end - 2)]
    segments = [s for s in highlight(analysis) if isinstance(s, Segment)]
    owners = {s.attribution for s in segments if first.start <= s.start and s.end <= first.end}
    assert owners == {first.id, second.id}
    middle = next(s for s in segments if s.start == first.content[0].start + 4)
    assert middle.attribution == second.id
    assert "".join(s.text for s in segments) == analysis.article.text


def test_sources_get_tints_most_quoted_first_and_anonymous_ones_are_hatched(sample: Analysis) -> None:
    styles = source_styles(sample)
    assert styles[sample.profile.top_sources[0].source].tint == 0
    for source in sample.sources:
        assert styles[source.id].anonymous is (not source.named)
        assert styles[source.id].label == source.id


def test_the_text_html_escapes_the_text_once(sample: Analysis) -> None:
    analysis = build("x", [Said("Ana <b>Ruiz</b>", "a & b < c")])
    markup = str(text_html(analysis, source_styles(analysis)))
    assert "<b>" not in markup and "&lt;b&gt;" in markup and "a &amp; b &lt; c" in markup
    plain = re.sub(r"<button[^>]*>.*?</button>", "", markup)
    assert html.unescape(re.sub(r"<[^>]+>", "", plain)) == analysis.article.text


def test_the_chain_of_outlets_names_the_article_then_the_media_then_the_source(sample: Analysis) -> None:
    via = next(a for a in sample.attributions if a.via)
    chain = outlet_chain(sample, via)
    assert chain[0] == "this article"  # the sample names no outlet of its own
    assert chain[1:-1] == [sample.source(v).name for v in via.via]  # type: ignore[union-attr]
    assert chain[-1] == sample.source(via.source).name  # type: ignore[union-attr]


def test_the_chain_leaves_out_the_articles_own_outlet(sample: Analysis) -> None:
    via = next(a for a in sample.attributions if a.via)
    medium = sample.source(via.via[0])
    assert medium is not None
    sample.article.outlet = medium.name.removeprefix("the ").upper()
    try:
        assert medium.name not in outlet_chain(sample, via)
        assert outlet_chain(sample, via)[0] == sample.article.outlet
    finally:
        sample.article.outlet = None


def test_the_analyse_form_shows_the_article_with_marks_cards_and_profile(client: TestClient, sample: Analysis) -> None:
    page = client.post("/analyze", data={"text": SAMPLE.read_text(encoding="utf-8")})
    assert page.status_code == 200
    text = page.text
    for attribution in sample.attributions:
        assert f'id="marker-{attribution.id}"' in text  # a keyboard stop per attribution
        assert f'<template id="card-{attribution.id}">' in text  # its source card
    assert text.count('id="marker-') == len(sample.attributions)
    assert text.count('aria-haspopup="dialog"') == len(sample.attributions)
    assert "at-cue" in text and "at-mention" in text and "anon" in text
    assert "Sourcing profile" in text and "Harbour Ledger" in text
    assert "at least 1,400 homes" in text  # the claims table
    assert "independently verified" in text  # with its caveat


def test_the_analyse_form_takes_a_file(client: TestClient) -> None:
    upload = ("story.txt", SAMPLE.read_bytes(), "text/plain")
    page = client.post("/analyze", files={"file": upload})
    assert page.status_code == 200 and 'id="marker-A1"' in page.text


def test_the_analyse_form_explains_a_missing_input(client: TestClient) -> None:
    page = client.post("/analyze", data={"text": "  "})
    assert page.status_code == 422
    assert 'role="alert"' in page.text and "give one article" in page.text


def test_storing_from_the_form_redirects_to_the_stored_article(writable: TestClient) -> None:
    page = writable.post("/analyze", data={"text": SAMPLE.read_text(encoding="utf-8"), "store": "on"})
    assert page.status_code == 200
    assert str(page.url).startswith("http://testserver/articles/")
    assert "Stored in the corpus (added)" in page.text


def test_a_stored_article_links_its_sources_to_their_pages(client: TestClient) -> None:
    page = client.get("/articles/g1")
    assert page.status_code == 200
    assert 'href="/sources/dalia-ferrante"' in page.text
    assert 'href="/api/articles/g1"' in page.text  # its JSON twin


@pytest.mark.parametrize(
    ("path", "twin", "expected"),
    [
        ("/articles?outlet=Harbor+Gazette", "/api/articles?outlet=Harbor+Gazette", "Ferrante rules out withdrawal"),
        ("/sources?named=false", "/api/sources?named=false", "a senior official"),
        ("/sources/dalia-ferrante?type=direct", "/api/sources/dalia-ferrante?type=direct", "red line"),
        ("/search?q=red+line&kind=person", "/api/search?q=red+line&amp;kind=person", "Dalia Ferrante"),
        ("/dashboard?since=2024-03", "/api/stats?since=2024-03", "Harbor Gazette"),
        ("/quote-trail?q=We+will+not+cross+that+red+line", "/api/quote-trail?q=We+will+not+cross", "first"),
    ],
)
def test_every_page_shows_its_data_and_links_its_json_twin(
    client: TestClient, path: str, twin: str, expected: str
) -> None:
    page = client.get(path)
    assert page.status_code == 200
    assert expected in page.text
    assert f'href="{twin.split("&amp;")[0]}' in page.text or f'href="{twin}' in page.text
    assert client.get(html.unescape(twin)).status_code == 200


def test_search_marks_the_words_found(client: TestClient) -> None:
    page = client.get("/search?q=red+line")
    assert "<mark>red</mark>" in page.text and "<mark>line</mark>" in page.text


def test_an_unknown_source_page_suggests_candidates(client: TestClient) -> None:
    page = client.get("/sources/Ferrante", headers={"accept": "text/html"})
    assert page.status_code == 404
    assert 'href="/sources/dalia-ferrante"' in page.text and 'href="/sources/marco-ferrante"' in page.text


def test_pages_need_no_network(client: TestClient) -> None:
    for path in ("/", "/articles/g1", "/dashboard", "/docs", "/sources/dalia-ferrante"):
        text = client.get(path).text
        assert not re.search(r'(src|href)="(https?:)?//', text), path
    for asset in ("/static/app.css", "/static/app.js", "/static/charts.js"):
        body = client.get(asset).text
        assert "http://" not in body.replace("http://www.w3.org/2000/svg", "") and "https://" not in body


#: "its" means nothing the text names: an unresolved source of unknown kind, below the threshold
LOW_CONFIDENCE = (
    "The most telling contradiction was its claim that the plant was safe "
    "in 2010. Officials said the plant would close next year."
)


def test_the_article_page_hides_low_confidence_attributions_unless_asked(client: TestClient) -> None:
    hidden = client.post("/analyze", data={"text": LOW_CONFIDENCE})
    assert "1 attribution below confidence 0.5 hidden" in hidden.text
    assert hidden.text.count('id="marker-') == 1
    shown = client.post("/analyze", data={"text": LOW_CONFIDENCE, "all": "on"})
    assert "below confidence 0.5 hidden" not in shown.text
    assert "All attributions shown" in shown.text
    assert shown.text.count('id="marker-') == 2


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(document.cookie)",
        " JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/page",
        "ftp://example.org/story",
    ],
)
def test_only_an_http_url_becomes_the_link_to_the_original(make_client: MakeClient, story_db: Path, url: str) -> None:
    analysis = build("odd-url", [Said("Reyna", "the bridge stays closed")], title="Odd link")
    analysis.article.url = url
    with Corpus(story_db) as corpus:
        corpus.add(analysis)
    with make_client() as client:
        page = client.get("/articles/odd-url")
    assert page.status_code == 200
    hrefs = re.findall(r'href="([^"]*)"', page.text)
    assert not [h for h in hrefs if html.unescape(h).strip() == url.strip()]
    assert html.escape(url.strip(), quote=False) in page.text  # still shown, as text


def test_an_http_url_is_the_link_to_the_original(make_client: MakeClient, story_db: Path) -> None:
    analysis = build("web-url", [Said("Reyna", "the bridge stays closed")], title="Web link")
    analysis.article.url = "https://news.example/bridge?id=1"
    with Corpus(story_db) as corpus:
        corpus.add(analysis)
    with make_client() as client:
        page = client.get("/articles/web-url")
    assert 'href="https://news.example/bridge?id=1"' in page.text


def test_lists_show_the_day_of_a_publication_time_not_the_raw_timestamp() -> None:
    from accordingto.serve.templating import day

    assert day("2024-03-14T10:00:00+00:00") == "2024-03-14"
    assert day("2024-03-14") == "2024-03-14"
    assert day(None) is None and day("March 2024") == "March 2024"


# ---------------------------------------------------------------- who gets quoted
def table_rows(page: str, table_id: str) -> list[list[str]]:
    """The cells of a table of the page as a reader sees them (tags dropped, spaces folded)."""
    found = re.search(rf'<table[^>]*id="{table_id}"[^>]*>(.*?)</table>', page, re.S)
    assert found is not None, f"no table {table_id}"
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", found.group(1), re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        rows.append([" ".join(html.unescape(re.sub(r"<[^>]+>", " ", c)).split()) for c in cells])
    return rows


def test_the_sources_page_filters_on_gender_and_role_class(make_client: MakeClient, who_db: Path) -> None:
    with make_client(db=who_db) as client:
        page = client.get("/sources?gender=female&role_class=expert_or_academic")
        assert page.status_code == 200
        rows = table_rows(page.text, "sources-table")
        assert [r[0] for r in rows[1:]] == ["Priya Nair"]
        assert rows[1][2] == "female expert or academic"
        assert "Showing sources whose articles give them as female, and given as expert or academic" in page.text
        assert 'name="gender" value="female" checked' in page.text
        assert 'name="role_class" value="expert_or_academic" checked' in page.text
        assert 'name="gender" value="male">' in page.text  # the others stay unticked
        assert 'href="/api/sources?gender=female&amp;role_class=expert_or_academic"' in page.text
        everyone = {row[0]: row[2] for row in table_rows(client.get("/sources?kind=person").text, "sources-table")}
        # Sam Ortiz is "his" in one article and "her" in another: no gender is shown for him
        assert (everyone["Sam Ortiz"], everyone["Alex Kim"]) == ("ordinary person", "nonbinary business")


def test_the_search_page_filters_on_gender_and_shows_it(make_client: MakeClient, who_db: Path) -> None:
    with make_client(db=who_db) as client:
        page = client.get("/search?q=bridge&gender=male")
        assert page.status_code == 200
        heads = [
            " ".join(re.sub(r"<[^>]+>", " ", h).split())
            for h in re.findall(r'<p class="hit-head">(.*?)</p>', page.text, re.S)
        ]
        assert len(heads) == 2
        assert {h.split(" person")[0] for h in heads} == {"Tomas Reyna", "Sam Ortiz"}
        assert all(" male " in f" {h} " for h in heads)
        assert "expert or academic" in heads[[h.startswith("Tomas") for h in heads].index(True)]
        assert 'name="gender" value="male" checked' in page.text
        assert 'href="/api/search?q=bridge&amp;gender=male"' in page.text


def test_the_dashboard_shows_who_gets_quoted_with_the_counts(make_client: MakeClient, who_db: Path) -> None:
    with make_client(db=who_db) as client:
        page = client.get("/dashboard")
        assert page.status_code == 200
        text = page.text
        assert "Who gets quoted" in text
        women = table_rows(text, "women-table")
        assert women[0] == ["Outlet", "2024-03", "2024-04"]
        assert women[1:] == [
            ["Coast Courier", "1 of 3 33%", "1 of 2 50%"],
            ["Harbor Gazette", "2 of 3 67%", ""],
            ["all outlets", "3 of 5 60%", "1 of 2 50%"],
        ]
        roles = table_rows(text, "roles-table")
        assert roles[0] == [
            "Outlet",
            "Attributions to a source",
            "politician or official",
            "expert or academic",
            "business",
            "ordinary person",
            "unknown",
        ]
        assert roles[1] == ["Coast Courier", "6", "1 17%", "1 17%", "1 17%", "2 33%", "1 17%"]
        assert roles[2] == ["Harbor Gazette", "3", "1 33%", "1 33%", "0", "1 33%", "0"]
        authors = table_rows(text, "authors-table")
        assert authors[1][:7] == ["Lena Park", "2", "5", "3 (60%)", "1 (20%)", "1 (20%)", "0 (0%)"]
        assert authors[2][:7] == ["Omar Haddad", "2", "4", "1 (25%)", "0 (0%)", "1 (25%)", "2 (50%)"]
        embedded = re.search(r'<script type="application/json" id="chart-data">(.*?)</script>', text, re.S)
        assert embedded is not None, "the charts' numbers are in the page"
        data = json.loads(embedded.group(1))
        assert data["women"]["all"] == [{"x": "2024-03", "y": 0.6}, {"x": "2024-04", "y": 0.5}]
        assert data["roles"]["classes"] == [
            "politician_or_official",
            "expert_or_academic",
            "business",
            "ordinary_person",
            "unknown",
        ]
        exports = [html.unescape(h) for h in re.findall(r'<a href="(/api/voices\?[^"]*)" download>', text)]
        assert exports == [
            "/api/voices?by=outlet-month&format=csv",
            "/api/voices?by=outlet&format=csv",
            "/api/voices?by=author&format=csv",
        ]
        for url in exports:
            answer = client.get(url)
            assert answer.status_code == 200 and answer.text.startswith("outlet,month,author,section,articles,people")
        april = client.get("/dashboard?since=2024-04")
        assert table_rows(april.text, "women-table")[1:] == [
            ["Coast Courier", "1 of 2 50%"],
            ["all outlets", "1 of 2 50%"],
        ]
        assert 'href="/api/voices?by=author&amp;format=csv&amp;since=2024-04"' in april.text
