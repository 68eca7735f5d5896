"""The review pages (accordingto serve --review) through FastAPI's TestClient: the sign-in form
and the session it makes, the articles by review status, an article under review (the reviewed
map, what was corrected, the controls, the history, the stale edits), and what a read-only
server shows of review: nothing. The token never appears in a page.

The controls themselves (static/review.js) are driven in a browser by test_review_browser.py."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from accordingto.query import Corpus
from accordingto.serve.review_auth import CSRF_COOKIE, SESSION_COOKIE, ReviewAccess
from accordingto.serve.review_pages import KEYS, describe, next_path
from tests.query.conftest import story
from tests.serve.conftest import ROOT, MakeClient
from tests.serve.test_review_api import G1, TOKEN, bearer, made, post, reviewed, span

ORIGIN = {"Origin": "http://testserver"}


@pytest.fixture
def reviewing(make_client: MakeClient) -> Iterator[TestClient]:
    with make_client(review=ReviewAccess(TOKEN)) as client:
        yield client


def sign_in(client: TestClient, reviewer: str = "Ana Ruiz", goto: str = "/review") -> httpx.Response:
    response = client.post(
        "/review/sign-in",
        data={"token": TOKEN, "reviewer": reviewer, "next": goto},
        headers=ORIGIN,
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return response


def review_data(html: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="review-data">(.*?)</script>', html, re.S)
    assert found is not None
    return dict(json.loads(found.group(1)))


def item(html: str, ident: str) -> str:
    """The list item of one attribution or source on the page."""
    found = re.search(rf'<li class="rv-item[^"]*" id="rv-{ident}".*?</li>', html, re.S)
    assert found is not None, ident
    return found.group(0)


# ------------------------------------------------------------------ read-only servers
def test_a_server_without_review_shows_nothing_of_review(client: TestClient) -> None:
    for path in ("/review", "/review/articles/g1", "/review/articles/g1?part=workspace"):
        page = client.get(path, headers={"Accept": "text/html"})
        assert page.status_code == 404 and "review is not enabled" in page.text
        assert 'data-do="' not in page.text
    refused = client.post("/review/sign-in", data={"token": TOKEN, "reviewer": "x"}, headers=ORIGIN)
    assert refused.status_code == 404
    for path in ("/", "/articles", "/articles/g1", "/sources", "/dashboard"):
        html = client.get(path).text
        assert 'href="/review' not in html and "review.js" not in html and "data-do=" not in html, path
        assert "review enabled" not in html


def test_a_review_server_links_to_review_from_the_nav_and_the_article_page(reviewing: TestClient) -> None:
    html = reviewing.get("/articles/g1").text
    assert '<a href="/review">Review</a>' in html and "review enabled" in html
    assert 'href="/review/articles/g1"' in html  # "Review and correct this map"
    assert "review.js" not in html and "data-do=" not in html  # the public page has no controls


# ------------------------------------------------------------------ signing in
def test_signed_out_the_review_pages_are_the_sign_in_form(reviewing: TestClient) -> None:
    for path, goto in [("/review", "/review"), ("/review/articles/g1", "/review/articles/g1")]:
        page = reviewing.get(path)
        assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
        html = page.text
        assert '<form method="post" action="/review/sign-in"' in html
        assert re.search(r'<input id="token" name="token" type="password"[^>]*>', html)
        assert f'name="next" value="{goto}"' in html
        assert "review-data" not in html and "data-do=" not in html and "Ferrante" not in html
    # the workspace alone, for the script, answers 401 when the session has ended
    assert reviewing.get("/review/articles/g1?part=workspace").status_code == 401


def test_signing_in_makes_the_session_the_api_accepts(reviewing: TestClient) -> None:
    response = sign_in(reviewing, goto="/review/articles/g1")
    assert response.headers["location"] == "/review/articles/g1"
    cookies = response.headers.get_list("set-cookie")
    session = next(c for c in cookies if c.startswith(SESSION_COOKIE + "="))
    assert "HttpOnly" in session and "SameSite=strict" in session and "Max-Age=43200" in session
    csrf_cookie = next(c for c in cookies if c.startswith(CSRF_COOKIE + "="))
    assert "HttpOnly" not in csrf_cookie  # the page's script reads it
    assert all(TOKEN not in c for c in cookies)
    csrf = reviewing.cookies[CSRF_COOKIE]
    # the page's script writes with the cookie, the CSRF token and the page's origin, nothing else
    now = reviewing.get("/api/review/articles/g1").json()
    write = reviewing.post(
        "/api/review/attributions/confirm",
        json={
            "article_id": "g1",
            "base_revision": now["revision"],
            "analysis_key": now["analysis_key"],
            "attribution": "A1",
        },
        headers={**ORIGIN, "X-CSRF-Token": csrf},
    )
    assert made(write)["marks"]["attributions"]["A1"]["reviewers"] == ["Ana Ruiz"]
    page = reviewing.get("/review/articles/g1")
    assert "Reviewing as <strong>Ana Ruiz</strong>" in page.text and "confirmed" in item(page.text, "A1")


def test_a_wrong_or_missing_token_is_refused_and_never_written_back(reviewing: TestClient) -> None:
    wrong = "not-the-review-token-at-all-0123"
    page = reviewing.post(
        "/review/sign-in", data={"token": wrong, "reviewer": "Ana Ruiz", "next": "/review"}, headers=ORIGIN
    )
    assert page.status_code == 401 and "The review token is wrong." in page.text
    assert 'value="Ana Ruiz"' in page.text and wrong not in page.text and TOKEN not in page.text
    assert SESSION_COOKIE not in page.headers.get("set-cookie", "")
    empty = reviewing.post("/review/sign-in", data={"token": " ", "reviewer": "Ana Ruiz"}, headers=ORIGIN)
    assert empty.status_code == 422 and "Give the review token." in empty.text
    nameless = reviewing.post("/review/sign-in", data={"token": TOKEN, "reviewer": "  "}, headers=ORIGIN)
    assert nameless.status_code == 422 and "reviewer name" in nameless.text and TOKEN not in nameless.text
    assert SESSION_COOKIE not in reviewing.cookies


def test_signing_in_is_refused_cross_site_and_with_the_token_in_the_url(reviewing: TestClient) -> None:
    cross = reviewing.post(
        "/review/sign-in", data={"token": TOKEN, "reviewer": "x"}, headers={"Origin": "https://evil.example"}
    )
    assert cross.status_code == 403 and SESSION_COOKIE not in reviewing.cookies
    referer = reviewing.post(
        "/review/sign-in", data={"token": TOKEN, "reviewer": "x"}, headers={"Referer": "https://evil.example/page"}
    )
    assert referer.status_code == 403 and SESSION_COOKIE not in reviewing.cookies
    for path in (f"/review?token={TOKEN}", "/review?access_token=abc", f"/review/articles/{TOKEN}"):
        refused = reviewing.get(path, headers={"Accept": "text/html"})
        assert refused.status_code == 400 and "never accepted in a URL" in refused.text
        assert TOKEN not in refused.text


def test_after_signing_in_only_review_pages_of_this_server() -> None:
    assert next_path("/review/articles/g1") == "/review/articles/g1"
    for elsewhere in ("https://evil.example/", "//evil.example/review", "/\\evil.example", "/articles", None, ""):
        assert next_path(elsewhere) == "/review"


def test_signing_out_ends_the_session(reviewing: TestClient) -> None:
    sign_in(reviewing)
    assert "Reviewing as" in reviewing.get("/review").text
    out = reviewing.post("/review/sign-out", headers=ORIGIN, follow_redirects=False)
    assert out.status_code == 303 and out.headers["location"] == "/review"
    assert SESSION_COOKIE not in reviewing.cookies
    assert 'action="/review/sign-in"' in reviewing.get("/review").text


def test_an_expired_or_forged_session_is_the_sign_in_form_again(reviewing: TestClient) -> None:
    reviewing.cookies.set(SESSION_COOKIE, "forged.0000")
    html = reviewing.get("/review/articles/g1").text
    assert "Your review session has ended: sign in again." in html and "review-data" not in html


# ------------------------------------------------------------------ the articles by status
def test_the_review_page_lists_articles_by_status_with_the_progress(reviewing: TestClient) -> None:
    made(post(reviewing, "attributions/confirm", attribution="A1"))
    made(post(reviewing, "articles/status", status="reviewed"))
    made(post(reviewing, "attributions/reject", attribution="A2", article_id="n2", reviewer="bob"))
    sign_in(reviewing)
    page = reviewing.get("/review")
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    text = re.sub(r"<[^>]+>", "", page.text)
    assert re.search(r"1\s+of\s+7\s+articles reviewed,\s+1\s+in progress,\s+5\s+not started", text)
    rows = re.findall(r'<tr data-article="([^"]+)">', page.text)
    assert rows[:2] == ["n2", "g1"] and len(rows) == 7  # the latest edited first
    assert 'href="/review/articles/g1"' in page.text and "This page as JSON" in page.text
    g1 = re.search(r'<tr data-article="g1">.*?</tr>', page.text, re.S)
    assert g1 is not None and "rv-reviewed" in g1.group(0) and "1 of 3" in g1.group(0) and "alice" in g1.group(0)
    in_progress = reviewing.get("/review?status=in_progress").text
    assert re.findall(r'<tr data-article="([^"]+)">', in_progress) == ["n2"]
    assert 'href="/review?status=in_progress" aria-current="page"' in in_progress
    none = reviewing.get("/review?status=reviewed&offset=5").text
    assert "No article is reviewed." in none
    assert reviewing.get("/review?status=lost").status_code == 422


# ------------------------------------------------------------------ an article under review
def test_an_article_under_review_shows_the_reviewed_map_with_what_was_corrected(reviewing: TestClient) -> None:
    made(post(reviewing, "attributions/confirm", attribution="A1"))
    made(post(reviewing, "attributions/reject", attribution="A2", reason="an aside"))
    made(post(reviewing, "attributions/type", attribution="A3", type="indirect"))
    made(post(reviewing, "attributions/span", attribution="A3", role="content", spans=[span("nearly 12,000")]))
    made(post(reviewing, "sources/rename", source="S3", name="Interior Ministry"))
    made(post(reviewing, "attributions/add", type="indirect", content=[span("Officials counted about 3,000 troops")]))
    sign_in(reviewing)
    page = reviewing.get("/review/articles/g1")
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    html = page.text
    assert "/static/review.js" in html and "/static/review.css" in html
    assert "rv-confirmed" in item(html, "A1")
    rejected = item(html, "A2")
    assert "rv-rejected" in rejected and "<del>the talks had stalled over the timetable</del>" in rejected
    assert 'data-do="undo" data-edit="2"' in rejected  # undo the rejection
    corrected = item(html, "A3")
    assert "<del>according to</del> reported speech" in corrected
    assert "was <del>nearly 12,000 people have left</del>" in corrected and "corrected: type, content" in corrected
    assert "<del>the Interior Ministry</del> Interior Ministry" in item(html, "S3")
    assert "rv-added" in item(html, "RA6") and "no source" in item(html, "RA6")
    # the text is the reviewed map's: the added attribution is marked in it, the rejected one not
    assert 'id="marker-RA6"' in html and 'id="marker-A2"' not in html
    # the history, newest first, in words, each with its undo
    history = re.findall(r'<li class="rv-edit rv-state-(\w+)" data-edit="(\d+)">', html)
    assert history == [("applied", str(n)) for n in range(6, 0, -1)]
    assert "changed the type of A3 from according to to reported speech" in html
    assert "rejected A2: not an attribution (an aside)" in html
    assert "renamed S3 from “the Interior Ministry” to “Interior Ministry”" in html
    # what the script sends back: the map's revision and analysis key
    data = review_data(html)
    api = reviewed(reviewing)
    assert (
        (data["revision"], data["analysis_key"]) == (api["revision"], api["analysis_key"]) == (6, api["analysis_key"])
    )
    assert data["text_length"] == len(G1) and set(data["attributions"]) == {"A1", "A3", "RA6"}
    assert [s["id"] for s in data["sources"]] == ["S1", "S2", "S3"]


def test_every_control_is_on_the_page_hidden_until_the_script_shows_it(reviewing: TestClient) -> None:
    sign_in(reviewing)
    html = reviewing.get("/review/articles/g1").text
    for action in ("confirm", "reject", "type", "span", "reassign"):
        assert html.count(f'data-do="{action}"') == 3, action  # one per attribution
    for action in ("rename", "merge", "split", "fields", "not-a-source"):
        assert html.count(f'data-do="{action}"') == 3, action  # one per source
    for action in ("undo-last", "add", "status", "help"):
        assert f'data-do="{action}"' in html, action
    controls = re.findall(r'<div class="rv-(?:controls|toolbar)"[^>]*>', html)
    assert controls and all("data-js-only hidden" in c for c in controls)  # read-only without the script
    for template in ("help", "type", "span", "reassign", "add", "rename", "merge", "split", "fields"):
        assert f'<template id="tpl-{template}">' in html, template
    # the keys, documented on the page itself
    keys = re.search(r'<details class="rv-keys" id="review-keys">.*?</details>', html, re.S)
    assert keys is not None
    for key in ("j", "k", "c", "x", "t", "s", "r", "a", "n", "m", "p", "f", "u", "?"):
        assert f"<kbd>{key}</kbd>" in keys.group(0), key
    # the split control is off for a source with one mention
    assert re.search(r'data-do="split" aria-keyshortcuts="p" disabled', item(html, "S1"))


def test_the_workspace_alone_is_what_the_script_fetches_again(reviewing: TestClient) -> None:
    made(post(reviewing, "attributions/confirm", attribution="A1", headers=bearer("bob")))
    sign_in(reviewing)
    part = reviewing.get("/review/articles/g1?part=workspace")
    assert part.status_code == 200 and part.headers["cache-control"] == "no-store"
    assert "<html" not in part.text and "<header" in part.text  # the article's header, not the site's
    assert 'id="article-text"' in part.text and review_data(part.text)["revision"] == 1
    assert "confirmed A1" in part.text and "bob" in part.text
    assert reviewing.get("/review/articles/nope").status_code == 404


def test_edits_that_no_longer_apply_after_a_new_analysis_are_listed(reviewing: TestClient, story_db: Path) -> None:
    made(post(reviewing, "attributions/type", attribution="A2", type="direct"))
    made(post(reviewing, "attributions/confirm", attribution="A1"))
    newer = story()[0]
    newer.analysis_version = "test+builders-2"
    newer.attributions = [a for a in newer.attributions if a.id != "A2"]
    newer.sources = [s for s in newer.sources if s.id != "S2"]
    with Corpus(story_db) as corpus:
        assert corpus.add(newer) == "replaced"
    sign_in(reviewing)
    html = reviewing.get("/review/articles/g1").text
    stale = re.search(r'<section class="rv-stale" id="rv-stale".*?</section>', html, re.S)
    assert stale is not None
    assert "changed the type of A2 from reported speech to direct quote" in stale.group(0)
    assert "no attribution of the current analysis has the content" in stale.group(0)
    assert 'data-do="undo" data-edit="1"' in stale.group(0)
    assert "1 stale edit" in html and "rv-state-stale" in html
    assert "rv-confirmed" in item(html, "A1")  # the other edit is carried over


def test_undone_edits_show_who_undid_them_and_can_be_redone(reviewing: TestClient) -> None:
    made(post(reviewing, "attributions/reject", attribution="A2"))
    made(post(reviewing, "undo"))
    sign_in(reviewing)
    html = reviewing.get("/review/articles/g1").text
    assert "<del>rejected A2: not an attribution</del>" in html and "undone by #2" in html
    assert "undid edit #1" in html
    assert re.search(r'data-do="undo" data-edit="2" data-js-only hidden>Redo<', html)
    assert "rv-machine" in item(html, "A2")


def test_the_token_never_appears_in_any_page(reviewing: TestClient) -> None:
    made(post(reviewing, "attributions/reject", attribution="A2"))
    seen = [reviewing.get("/review").text, reviewing.get("/review/articles/g1").text]
    seen.append(reviewing.post("/review/sign-in", data={"token": TOKEN + "x", "reviewer": "Ana"}, headers=ORIGIN).text)
    response = sign_in(reviewing, goto="/review/articles/g1")
    seen += [response.text, *response.headers.get_list("set-cookie")]
    for path in (
        "/review",
        "/review?status=in_progress",
        "/review/articles/g1",
        "/review/articles/g1?part=workspace",
        "/review/articles/missing",
        "/articles/g1",
        "/",
        "/docs",
    ):
        seen.append(reviewing.get(path).text)
    assert len(seen) == 14 and all(TOKEN not in text for text in seen)


@pytest.mark.parametrize(
    ("action", "payload", "words"),
    [
        ("confirm", {}, "confirmed A1"),
        ("set_span", {"role": "cue", "spans": []}, "removed the cue of A1"),
        (
            "set_span",
            {"role": "source_mention", "spans": [{"text": "Dalia"}]},
            "set the source mention of A1 to “Dalia”",
        ),
        ("reassign", {"source": None}, "took the source off A1"),
        ("reassign", {"source": "S2"}, "reassigned A1 to S2 (a senior official)"),
        ("reassign", {"new_source": {"name": "Ines Calder"}}, "reassigned A1 to a new source “Ines Calder”"),
        ("merge", {"into": "S2"}, "merged S1 (Dalia Ferrante) into S2 (a senior official)"),
        ("split", {"mentions": [{"text": "she"}]}, "split “she” off S1 (Dalia Ferrante) as RS7"),
        ("set_field", {"field": "gender", "value": "female", "before": "unknown"}, "set the gender of S1"),
        ("set_field", {"field": "named", "value": False, "before": True}, "to no (was yes)"),
        ("set_field", {"field": "role_class", "value": "expert_or_academic", "before": None}, "expert or academic"),
        ("not_a_source", {}, "marked S1 (Dalia Ferrante) as not a source"),
        ("set_status", {"status": "in_progress"}, "set the article back in progress"),
    ],
)
def test_each_edit_is_said_in_words(action: str, payload: dict[str, Any], words: str) -> None:
    target = "S1" if action in ("merge", "split", "set_field", "not_a_source") else "A1"
    edit = {"id": 7, "action": action, "target": target, "payload": payload, "reverts": None}
    assert words in describe(edit, {"S1": "Dalia Ferrante", "S2": "a senior official"})


def test_the_keys_on_the_page_are_the_keys_in_the_docs() -> None:
    docs = (ROOT / "docs" / "review.md").read_text(encoding="utf-8")
    table = docs[docs.index("| key | what it does |") :]
    table = table[: table.index("\n\n")]
    documented = [row.split("|")[1].strip() for row in table.splitlines()[2:]]
    assert documented == [" / ".join(f"`{k}`" for k in key.split(" / ")) for key, _ in KEYS]
