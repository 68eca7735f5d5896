"""Review over REST: every action, the reviewed map, history and status list, and the security
model (token, reviewer identity, same origin, CSRF, nothing leaked), concurrency (the loser is
told) and durability (an answered edit is on disk)."""

from __future__ import annotations

import logging
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from accordingto.cli import main
from accordingto.serve.review_auth import (
    CSRF_COOKIE,
    REDACTED,
    SESSION_COOKIE,
    Guard,
    ReviewAccess,
    TokenRedactor,
    check_token,
)
from tests.serve.conftest import MakeClient
from tests.serve.test_errors import assert_error_shape

TOKEN = "review-token-for-tests-0123456789"
ACCORDINGTO = Path(sys.executable).parent / "accordingto"
G1 = (
    "“We will not cross that red line, whatever the pressure from our allies,” Defense Minister Dalia Ferrante said. "
    "a senior official said the talks had stalled over the timetable. the Interior Ministry said nearly 12,000 "
    "people have left. Officials counted about 3,000 troops. "
)


@pytest.fixture
def reviewing(make_client: MakeClient) -> Iterator[TestClient]:
    with make_client(review=ReviewAccess(TOKEN)) as client:
        yield client


def bearer(reviewer: str | None = "alice") -> dict[str, str]:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    if reviewer is not None:
        headers["X-Reviewer"] = reviewer
    return headers


def reviewed(client: TestClient, article_id: str = "g1") -> dict[str, Any]:
    response = client.get(f"/api/review/articles/{article_id}", headers=bearer())
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    return dict(response.json())


def post(
    client: TestClient,
    path: str,
    *,
    article_id: str = "g1",
    reviewer: str | None = "alice",
    base: int | None = None,
    headers: dict[str, Any] | None = None,
    body_reviewer: str | None = None,
    **fields: Any,
) -> httpx.Response:
    """POST an edit on the current map (or on revision ``base``), as ``reviewer`` (X-Reviewer) or
    with ``headers``; ``body_reviewer`` is the body's reviewer field."""
    now = reviewed(client, article_id)
    body = {
        "article_id": article_id,
        "base_revision": now["revision"] if base is None else base,
        "analysis_key": now["analysis_key"],
        **({} if body_reviewer is None else {"reviewer": body_reviewer}),
        **fields,
    }
    return client.post(f"/api/review/{path}", json=body, headers=headers if headers is not None else bearer(reviewer))


def made(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["ok"] is True and response.headers["location"].startswith("/api/review/history/")
    return dict(body["review"])


def span(words: str, text: str = G1, occurrence: int = 0) -> dict[str, Any]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(words, start + 1)
    return {"start": start, "end": start + len(words), "text": words}


def attributions(review: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {a["id"]: a for a in review["analysis"]["attributions"]}


def sources(review: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["id"]: s for s in review["analysis"]["sources"]}


# ------------------------------------------------------------------ every action
def test_the_reviewed_map_of_an_article_before_any_edit(reviewing: TestClient) -> None:
    review = reviewed(reviewing)
    machine = reviewing.get("/api/articles/g1").json()["analysis"]
    assert review["analysis"] == machine
    assert (review["status"], review["revision"], review["stale"]) == ("unreviewed", 0, [])
    assert {m["status"] for m in review["marks"]["attributions"].values()} == {"machine"}
    assert review["progress"]["unchecked"] == 3


def test_every_attribution_action(reviewing: TestClient) -> None:
    review = made(post(reviewing, "attributions/confirm", attribution="A1"))
    assert review["marks"]["attributions"]["A1"]["status"] == "confirmed"
    review = made(post(reviewing, "attributions/reject", attribution="A2", reason="an aside, not a claim"))
    assert "A2" not in attributions(review) and review["rejected"][0]["id"] == "A2"
    review = made(post(reviewing, "attributions/type", attribution="A3", type="indirect"))
    assert attributions(review)["A3"]["type"] == "indirect"
    review = made(post(reviewing, "attributions/span", attribution="A3", role="content", spans=[span("nearly 12,000")]))
    assert attributions(review)["A3"]["content"] == [span("nearly 12,000")]
    review = made(post(reviewing, "attributions/span", attribution="A3", role="cue", spans=[span("said nearly")]))
    review = made(
        post(reviewing, "attributions/span", attribution="A3", role="source_mention", spans=[span("Interior Ministry")])
    )
    assert attributions(review)["A3"]["source_mention"] == span("Interior Ministry")
    assert review["marks"]["attributions"]["A3"]["changes"] == [
        "retyped",
        "content_span",
        "cue_span",
        "source_mention_span",
    ]
    review = made(post(reviewing, "attributions/reassign", attribution="A3", source="S1"))
    assert attributions(review)["A3"]["source"] == "S1"
    review = made(
        post(
            reviewing,
            "attributions/reassign",
            attribution="A3",
            new_source={"name": "the Interior Ministry", "kind": "organization", "named": True},
        )
    )
    new_id = attributions(review)["A3"]["source"]
    assert new_id.startswith("RS") and sources(review)[new_id]["kind"] == "organization"
    review = made(
        post(
            reviewing,
            "attributions/add",
            type="indirect",
            content=[span("about 3,000 troops")],
            cue=span("counted"),
            new_source={"name": "Officials", "kind": "group", "named": False},
            source_mention=span("Officials"),
        )
    )
    added = next(a for a in review["analysis"]["attributions"] if a["id"].startswith("RA"))
    assert added["content"] == [span("about 3,000 troops")] and added["cue"] == span("counted")
    assert review["marks"]["attributions"][added["id"]]["status"] == "added"
    assert review["progress"] == {
        "attributions": 3,
        "checked": 3,
        "confirmed": 1,
        "corrected": 1,
        "added": 1,
        "unchecked": 0,
        "rejected": 1,
        "stale": 0,
    }
    # the machine's record is served unchanged
    assert len(reviewing.get("/api/articles/g1").json()["analysis"]["attributions"]) == 3


def test_every_source_action(reviewing: TestClient) -> None:
    review = made(post(reviewing, "sources/rename", source="S1", name="Dalia Ferrante"))
    assert sources(review)["S1"]["name"] == "Dalia Ferrante"
    for field, value in [
        ("kind", "group"),
        ("named", True),
        ("count", 1),
        ("role", "official"),
        ("title", "senior official"),
        ("affiliation", "Defense Ministry"),
        ("gender", "nonbinary"),
        ("role_class", "politician_or_official"),
    ]:
        review = made(post(reviewing, "sources/field", source="S2", field=field, value=value))
    s2 = sources(review)["S2"]
    assert (s2["named"], s2["count"], s2["role"], s2["affiliation"], s2["gender"]) == (
        True,
        1,
        "senior official",
        "Defense Ministry",
        "nonbinary",
    )
    review = made(post(reviewing, "sources/merge", source="S3", into="S1"))
    assert "S3" not in sources(review) and attributions(review)["A3"]["source"] == "S1"
    assert review["marks"]["sources"]["S3"]["status"] == "merged"
    review = made(post(reviewing, "sources/split", source="S1", mentions=[span("the Interior Ministry")]))
    split_id = attributions(review)["A3"]["source"]
    assert sources(review)[split_id]["name"] == "the Interior Ministry"
    review = made(post(reviewing, "sources/not-a-source", source="S2"))
    assert attributions(review)["A2"]["source"] is None
    assert review["marks"]["sources"]["S2"]["status"] == "not_a_source"
    review = made(post(reviewing, "articles/status", status="reviewed"))
    assert review["status"] == "reviewed"
    review = made(post(reviewing, "undo"))  # the status
    assert review["status"] == "in_progress"
    review = made(post(reviewing, "undo", edit=12))  # the not-a-source
    assert attributions(review)["A2"]["source"] == "S2"


def test_history_stale_status_list_and_statistics(reviewing: TestClient) -> None:
    made(post(reviewing, "attributions/reject", attribution="A2"))
    made(post(reviewing, "undo"))
    made(post(reviewing, "attributions/confirm", attribution="A1", reviewer="bob", article_id="n2"))
    history = reviewing.get("/api/review/history/g1", headers=bearer()).json()
    assert [(e["action"], e["state"], e["reviewer"]) for e in history["items"]] == [
        ("reject", "undone", "alice"),
        ("undo", "undo", "alice"),
    ]
    assert history["items"][0]["created_at"].endswith("+00:00")
    assert reviewing.get("/api/review/stale/g1", headers=bearer()).json()["items"] == []
    listed = reviewing.get("/api/review/articles?status=in_progress&total=true", headers=bearer()).json()
    assert [i["article_id"] for i in listed["items"]] == ["n2"] and listed["total"] == 1
    assert listed["progress"]["unreviewed"] == 6  # g1's every edit is undone
    stats = reviewing.get("/api/review/stats?data=reviewed&by=all", headers=bearer()).json()
    assert stats["data"] == "reviewed" and stats["items"][0]["articles"] == 1


@pytest.mark.parametrize(
    ("path", "fields", "status", "message"),
    [
        ("attributions/confirm", {"attribution": "A9"}, 404, "no attribution 'A9'"),
        (
            "attributions/span",
            {"attribution": "A1", "role": "cue", "spans": [{"start": 0, "end": 9999}]},
            422,
            "not a span",
        ),
        (
            "attributions/span",
            {"attribution": "A1", "role": "cue", "spans": [{"start": 0, "end": 3, "text": "xyz"}]},
            422,
            "not 'xyz'",
        ),
        ("attributions/type", {"attribution": "A1", "type": "shouted"}, 422, "type"),
        ("attributions/reassign", {"attribution": "A1"}, 422, "needs source"),
        ("sources/field", {"source": "S1", "field": "gender", "value": "robot"}, 422, "gender must be one of"),
        ("sources/merge", {"source": "S1", "into": "S9"}, 404, "no source 'S9'"),
        ("undo", {"edit": 99}, 404, "no edit 99"),
    ],
)
def test_refusals_have_the_api_error_shape(
    reviewing: TestClient, path: str, fields: dict[str, Any], status: int, message: str
) -> None:
    body = assert_error_shape(post(reviewing, path, **fields), status)
    assert message in body["error"]
    assert reviewing.get("/api/review/history/g1", headers=bearer()).json()["items"] == []


def test_an_unknown_article_is_a_404(reviewing: TestClient) -> None:
    assert_error_shape(reviewing.get("/api/review/articles/nope", headers=bearer()), 404)
    body = {"article_id": "nope", "base_revision": 0, "analysis_key": "x", "attribution": "A1"}
    assert_error_shape(reviewing.post("/api/review/attributions/confirm", json=body, headers=bearer()), 404)


def test_openapi_documents_the_review_routes(reviewing: TestClient) -> None:
    spec = reviewing.get("/openapi.json").json()
    review_routes = {(m, p) for p, methods in spec["paths"].items() if p.startswith("/api/review") for m in methods}
    assert ("post", "/api/review/attributions/reject") in review_routes
    assert ("get", "/api/review/articles/{article_id}") in review_routes
    assert len(review_routes) == 20
    reject = spec["paths"]["/api/review/attributions/reject"]["post"]
    assert {"201", "401", "403", "409", "422"} <= set(reject["responses"])
    assert "/api/review/sources/split" in reviewing.get("/docs").text


# ------------------------------------------------------------------ read-only by default
def test_without_review_every_review_route_refuses(client: TestClient) -> None:
    for method, path in [
        ("GET", "/api/review/articles"),
        ("GET", "/api/review/articles/g1"),
        ("POST", "/api/review/attributions/reject"),
        ("POST", "/api/review/session"),
        ("GET", "/api/review"),
    ]:
        body = assert_error_shape(client.request(method, path, headers=bearer(), json={}), 403)
        assert "--review" in body["error"]
    assert not any(p.startswith("/api/review") for p in client.get("/openapi.json").json()["paths"])


def test_review_needs_a_strong_token_and_says_so_in_one_line(story_db: Path) -> None:
    runner = CliRunner()
    for args, env, message in [
        (["--review"], {"ACCORDINGTO_REVIEW_TOKEN": None}, "--review needs a review token"),
        (["--review", "--review-token", "short"], {}, "at least 16 printable characters"),
        (["--review-token", TOKEN], {}, "--review-token is only used with --review"),
    ]:
        result = runner.invoke(main, ["serve", "--db", str(story_db), *args], env=env)
        assert result.exit_code == 2
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]
        assert TOKEN not in result.output
    with pytest.raises(ValueError, match="at least 16"):
        check_token("x" * 15)
    assert "review-token" not in repr(ReviewAccess(TOKEN)) and TOKEN not in repr(ReviewAccess(TOKEN))


# ------------------------------------------------------------------ the token
def test_every_review_route_refuses_without_the_token_or_with_a_wrong_one(reviewing: TestClient) -> None:
    wrong = {"Authorization": "Bearer not-the-token-at-all-123", "X-Reviewer": "alice"}
    basic = {"Authorization": "Basic YWxpY2U6cGFzcw==", "X-Reviewer": "alice"}
    body = {"article_id": "g1", "base_revision": 0, "analysis_key": "x", "attribution": "A1"}
    for headers, message in [({"X-Reviewer": "alice"}, "needs the review token"), (wrong, "wrong"), (basic, "Bearer")]:
        for response in (
            reviewing.post("/api/review/attributions/reject", json=body, headers=headers),
            reviewing.get("/api/review/articles/g1", headers=headers),
            reviewing.get("/api/review/articles", headers=headers),
            reviewing.get("/api/review/stats", headers=headers),
        ):
            refusal = assert_error_shape(response, 401)
            assert message in refusal["error"]
            assert response.headers["www-authenticate"].startswith("Bearer")
    assert reviewing.get("/api/review/history/g1", headers=bearer()).json()["items"] == []


def test_the_token_is_never_accepted_in_a_url(reviewing: TestClient) -> None:
    for url in (
        f"/api/review/articles?token={TOKEN}",
        f"/api/review/articles?status=reviewed&whatever={TOKEN}",
        "/api/review/articles?access_token=anything",
        f"/api/review/articles/{TOKEN}",
    ):
        body = assert_error_shape(reviewing.get(url, headers=bearer()), 400)
        assert "never accepted in a URL" in body["error"] and TOKEN not in body["error"]
    now = reviewed(reviewing)
    write = {"article_id": "g1", "base_revision": 0, "analysis_key": now["analysis_key"], "attribution": "A1"}
    response = reviewing.post(f"/api/review/attributions/reject?token={TOKEN}", json=write, headers=bearer())
    assert_error_shape(response, 400)
    assert reviewing.get("/api/review/history/g1", headers=bearer()).json()["items"] == []


def test_every_write_names_its_reviewer(reviewing: TestClient) -> None:
    for headers, field, message in [
        (bearer(None), None, "reviewer name is needed"),
        (bearer("   "), None, "reviewer name is needed"),
        (bearer(None), "  ", "reviewer name is needed"),
        (bearer("alice"), "bob", "different reviewers"),
    ]:
        response = post(reviewing, "attributions/confirm", headers=headers, body_reviewer=field, attribution="A1")
        assert message in assert_error_shape(response, 422)["error"]
    review = made(post(reviewing, "attributions/confirm", headers=bearer(None), body_reviewer="Zoë", attribution="A1"))
    assert review["marks"]["attributions"]["A1"]["reviewers"] == ["Zoë"]
    utf8: dict[str, Any] = {"Authorization": f"Bearer {TOKEN}", "X-Reviewer": "Zoë Ngô".encode()}  # UTF-8 bytes
    review = made(post(reviewing, "attributions/confirm", headers=utf8, attribution="A3"))
    assert review["marks"]["attributions"]["A3"]["reviewers"] == ["Zoë Ngô"]


def test_cross_site_writes_are_refused(reviewing: TestClient) -> None:
    for extra in ({"Origin": "http://evil.example"}, {"Referer": "http://evil.example/page"}, {"Origin": "null"}):
        response = post(reviewing, "attributions/reject", headers={**bearer(), **extra}, attribution="A1")
        assert "cross-site" in assert_error_shape(response, 403)["error"]
    same = {"Origin": "http://testserver", "Referer": "http://testserver/articles/g1"}
    made(post(reviewing, "attributions/reject", headers={**bearer(), **same}, attribution="A1"))


# ------------------------------------------------------------------ browser sessions and CSRF
def login(client: TestClient, reviewer: str = "carol") -> str:
    response = client.post(
        "/api/review/session", json={"token": TOKEN, "reviewer": reviewer}, headers={"Origin": "http://testserver"}
    )
    assert response.status_code == 200, response.text
    cookies = response.headers.get_list("set-cookie")
    session = next(c for c in cookies if c.startswith(SESSION_COOKIE + "="))
    assert "HttpOnly" in session and "SameSite=strict" in session
    assert any(c.startswith(CSRF_COOKIE + "=") for c in cookies)
    assert TOKEN not in response.text and all(TOKEN not in c for c in cookies)
    return str(response.json()["csrf_token"])


def test_a_browser_session_writes_only_with_its_csrf_token_from_this_origin(reviewing: TestClient) -> None:
    refused = reviewing.post("/api/review/session", json={"token": "wrong-token-wrong-token", "reviewer": "carol"})
    assert_error_shape(refused, 401)
    csrf = login(reviewing)
    origin = {"Origin": "http://testserver"}
    # the session cookie is sent by the client from now on; no bearer header
    for headers, message in [
        (origin, "CSRF token"),
        ({**origin, "X-CSRF-Token": "0" * 64}, "CSRF token"),
        ({"X-CSRF-Token": csrf}, "Origin or Referer"),
        ({**origin, "X-CSRF-Token": csrf, "X-Reviewer": "mallory"}, "this session is 'carol'"),
        ({**origin, "X-CSRF-Token": csrf, "Authorization": f"Bearer {TOKEN}", "X-Reviewer": "carol"}, None),
    ]:
        response = post(reviewing, "attributions/confirm", headers=headers, attribution="A1")
        if message is None:  # the bearer token does not waive the CSRF token of a request with the cookie
            assert made(response)
            continue
        assert message in assert_error_shape(response, 403)["error"]
    review = made(post(reviewing, "attributions/reject", headers={**origin, "X-CSRF-Token": csrf}, attribution="A2"))
    assert review["marks"]["attributions"]["A2"]["reviewers"] == ["carol"]
    reviewing.delete("/api/review/session", headers=origin)
    assert_error_shape(reviewing.get("/api/review/articles"), 401)


def test_a_bearer_write_with_the_session_cookie_still_needs_the_csrf_token(reviewing: TestClient) -> None:
    login(reviewing)
    response = post(reviewing, "attributions/confirm", headers=bearer(None), attribution="A1")
    assert "CSRF" in assert_error_shape(response, 403)["error"]


def test_a_forged_or_expired_session_is_refused(reviewing: TestClient) -> None:
    guard = Guard(ReviewAccess(TOKEN))
    expired, _, _ = guard.new_session("carol", now=time.time() - 13 * 3600)
    other, _, _ = Guard(ReviewAccess("another-token-0123456789")).new_session("carol")
    valid, _, _ = guard.new_session("carol")
    tampered = valid[:-1] + ("0" if valid[-1] != "0" else "1")
    for cookie in (expired, other, "garbage", tampered):
        reviewing.cookies.set(SESSION_COOKIE, cookie)
        assert "log in again" in assert_error_shape(reviewing.get("/api/review/articles"), 401)["error"]
    reviewing.cookies.clear()


def test_the_token_never_appears_in_logs_pages_or_answers(
    reviewing: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    seen: list[str] = []
    csrf = login(reviewing)
    made(
        post(
            reviewing,
            "attributions/reject",
            headers={"Origin": "http://testserver", "X-CSRF-Token": csrf},
            attribution="A1",
        )
    )
    reviewing.cookies.clear()
    made(post(reviewing, "attributions/confirm", attribution="A2"))
    seen.append(post(reviewing, "attributions/confirm", attribution="A9").text)
    seen.append(reviewing.get(f"/api/review/articles?token={TOKEN}").text)
    seen.append(reviewing.post("/api/review/session", json={"token": TOKEN + "x", "reviewer": "x"}).text)
    seen.append(reviewing.post("/api/review/session", json={"token": TOKEN, "reviewer": "x", "extra": TOKEN}).text)
    for path in ("/", "/articles/g1", "/docs", "/openapi.json", "/api/articles/g1"):
        seen.append(reviewing.get(path).text)
    for path in ("/api/review/articles", "/api/review/articles/g1", "/api/review/history/g1", "/api/review/stats"):
        seen.append(reviewing.get(path, headers=bearer()).text)
    assert all(TOKEN not in text for text in seen)
    # the server's records (the test client's own httpx records show the URLs it was told to send)
    server_side = [r for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))]
    assert any("review edit" in r.getMessage() for r in server_side)
    assert all(TOKEN not in r.getMessage() for r in server_side)


def test_the_log_filter_hides_the_token_in_request_lines() -> None:
    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d', None, None)
    record.args = ("127.0.0.1:5000", "GET", f"/api/review/articles?token={TOKEN}", "1.1", 400)
    TokenRedactor(TOKEN).filter(record)
    assert TOKEN not in record.getMessage() and REDACTED in record.getMessage()
    encoded = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, "GET /x?t=%s", None, None)
    encoded.args = (TOKEN.replace("-", "%2D"),)
    TokenRedactor(TOKEN).filter(encoded)
    assert REDACTED in encoded.getMessage()


# ------------------------------------------------------------------ concurrency and durability
def test_two_reviewers_on_one_field_the_loser_is_told_the_current_value(reviewing: TestClient) -> None:
    loaded = reviewed(reviewing)  # both reviewers load revision 0
    made(post(reviewing, "attributions/type", base=loaded["revision"], attribution="A2", type="direct"))
    lost = post(reviewing, "attributions/type", base=loaded["revision"], reviewer="bob", attribution="A2", type="mixed")
    assert lost.status_code == 409
    body = lost.json()
    assert {"ok", "error", "status", "revision", "analysis_key", "conflicts"} == set(body)
    assert body["ok"] is False and body["status"] == 409 and "alice" in body["error"]
    (conflict,) = body["conflicts"]
    assert conflict["current"] == {"attribution:A2:type": "direct"} and conflict["reviewer"] == "alice"
    assert body["revision"] == 1
    # bob's edit of another field, on the same old revision, is kept
    made(
        post(
            reviewing,
            "attributions/span",
            base=0,
            reviewer="bob",
            attribution="A2",
            role="cue",
            spans=[span("said the")],
        )
    )
    # bob reconsiders with what is there now, and wins by being based on it
    review = made(
        post(reviewing, "attributions/type", base=body["revision"] + 1, reviewer="bob", attribution="A2", type="mixed")
    )
    assert attributions(review)["A2"]["type"] == "mixed"
    # a target another reviewer rejected since is a conflict too
    made(post(reviewing, "attributions/reject", attribution="A3"))
    lost = post(reviewing, "attributions/confirm", base=3, reviewer="bob", attribution="A3")
    assert lost.status_code == 409 and lost.json()["conflicts"][0]["current"] == {
        "attribution:A3:*": {"status": "rejected"}
    }


def test_concurrent_reviewers_in_two_server_processes_lose_no_edit(make_client: MakeClient, story_db: Path) -> None:
    """Two apps (as two server processes would be) on one corpus, each with its own writer: edits
    on different fields, sent at once on an old revision, are all kept, each once."""
    articles = ["g1", "n2", "m3", "c4", "g5", "v6", "u7"]
    failures: list[str] = []

    def review_all(client: TestClient, reviewer: str, target: str) -> None:
        for article_id in articles:
            response = post(
                client, "attributions/confirm", article_id=article_id, base=0, reviewer=reviewer, attribution=target
            )
            if response.status_code != 201:
                failures.append(response.text)

    with make_client(review=ReviewAccess(TOKEN)) as one, make_client(review=ReviewAccess(TOKEN)) as two:
        threads = [
            threading.Thread(target=review_all, args=(one, "alice", "A1")),
            threading.Thread(target=review_all, args=(two, "bob", "A2")),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    # u7 has one attribution: bob's A2 there is a 404; nothing else may fail
    assert len(failures) == 1 and "no attribution 'A2'" in failures[0]
    with sqlite3.connect(story_db) as conn:
        rows = conn.execute("SELECT article_id, revision, reviewer, target FROM review_edits").fetchall()
    assert len(rows) == 13
    assert sorted((a, r) for a, r, _, _ in rows) == sorted(
        [(a, 1) for a in articles] + [(a, 2) for a in articles if a != "u7"]
    )


def test_an_answered_edit_is_committed(reviewing: TestClient, story_db: Path) -> None:
    made(post(reviewing, "attributions/reject", attribution="A2"))
    with sqlite3.connect(story_db) as other:  # another connection, while the server runs
        assert other.execute("SELECT action, target, reviewer FROM review_edits").fetchall() == [
            ("reject", "A2", "alice")
        ]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_real_server_killed_after_answering_keeps_the_edit_and_never_logs_the_token(story_db: Path) -> None:
    """`accordingto serve --review` as an operator runs it (token in the environment, uvicorn's
    access log on): the token put in a URL is refused and shows as [review token] in the log;
    after a SIGKILL right after an answered edit, the edit is in the corpus."""
    port = free_port()
    env = {**os.environ, "ACCORDINGTO_REVIEW_TOKEN": TOKEN}
    command = [str(ACCORDINGTO), "serve", "--db", str(story_db), "--review", "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{base}/api/articles", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.3)
        assert httpx.get(f"{base}/api/review/articles?token={TOKEN}").status_code == 400
        loaded = httpx.get(f"{base}/api/review/articles/g1", headers=bearer()).json()
        body = {"article_id": "g1", "base_revision": 0, "analysis_key": loaded["analysis_key"], "attribution": "A2"}
        answered = httpx.post(f"{base}/api/review/attributions/reject", json=body, headers=bearer())
        assert answered.status_code == 201
        os.kill(server.pid, signal.SIGKILL)
    finally:
        if server.poll() is None:
            os.kill(server.pid, signal.SIGKILL)
        log, _ = server.communicate(timeout=30)  # uvicorn's access log and every other line
    assert TOKEN not in log
    assert f"GET /api/review/articles?token={REDACTED}" in log
    assert "review enabled" in log
    with sqlite3.connect(story_db) as conn:
        assert conn.execute("SELECT action, target FROM review_edits").fetchall() == [("reject", "A2")]
