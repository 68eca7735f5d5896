"""One error shape for every error, and never a stack trace: enforced over routes and inputs."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from accordingto.serve.config import Limits
from accordingto.serve.params import MAX_VALUES
from tests.serve.conftest import BrokenAnalyzer, MakeClient, SlowAnalyzer


def _json(text: str) -> dict[str, Any]:
    """A raw JSON body (the test client's json= cannot send a lone surrogate)."""
    return {"content": text.encode(), "headers": {"content-type": "application/json"}}


HUGE = 2**63  # one past SQLite's largest integer

#: (method, path, keyword arguments for the request, expected status)
BAD_REQUESTS: list[tuple[str, str, dict[str, Any], int]] = [
    ("GET", "/api/nothing-here", {}, 404),
    ("GET", "/api", {}, 404),
    ("GET", "/api/articles/no-such-article", {}, 404),
    ("GET", "/api/sources/no-such-source", {}, 404),
    ("PUT", "/api/articles", {}, 405),
    ("DELETE", "/api/search", {}, 405),
    ("GET", "/api/analyze", {}, 405),
    ("GET", "/api/articles?limit=0", {}, 422),
    ("GET", "/api/articles?limit=100000", {}, 422),
    ("GET", "/api/articles?offset=-1", {}, 422),
    ("GET", f"/api/articles?offset={HUGE}", {}, 400),
    ("GET", f"/api/sources?offset={HUGE}", {}, 400),
    ("GET", f"/api/sources/dalia-ferrante?offset={HUGE}", {}, 400),
    ("GET", f"/api/search?q=red&offset={HUGE}", {}, 400),
    ("GET", f"/api/stats?offset={HUGE}", {}, 400),
    ("GET", f"/api/quote-trail?q=red&offset={HUGE}", {}, 400),
    ("GET", f"/api/articles?offset={'9' * 5000}", {}, 422),
    ("GET", "/api/articles?order=sideways", {}, 422),
    ("GET", "/api/articles?since=yesterday", {}, 422),
    ("GET", "/api/articles?until=2024-13-45", {}, 422),
    ("GET", "/api/sources?kind=alien", {}, 422),
    ("GET", "/api/sources?named=perhaps", {}, 422),
    ("GET", "/api/sources?named=true&anonymous=true", {}, 422),
    ("GET", "/api/sources?order=height", {}, 422),
    ("GET", "/api/sources/dalia-ferrante?type=shouted", {}, 422),
    ("GET", "/api/search", {}, 422),
    ("GET", "/api/search?q=", {}, 422),
    ("GET", "/api/search?q=red&mode=telepathy", {}, 422),
    ("GET", "/api/search?q=red&since=2024-02-30", {}, 422),
    ("GET", "/api/search?q=%22%22", {}, 400),
    ("GET", "/api/search?q=AND+OR+(&mode=raw", {}, 400),
    ("GET", "/api/search?q=%22&mode=raw", {}, 400),
    ("GET", "/api/search?q=colour+:+red&mode=raw", {}, 400),
    ("GET", "/api/search?q=a%00b", {}, 400),
    ("GET", "/api/search?q=a%00b&mode=raw", {}, 400),
    ("GET", "/api/stats?by=weekday", {}, 422),
    ("GET", "/api/stats?top=-1", {}, 422),
    ("GET", "/api/quote-trail", {}, 422),
    ("GET", "/api/quote-trail?q=a&id=b", {}, 422),
    ("GET", "/api/quote-trail?q=red&threshold=2", {}, 422),
    ("POST", "/api/analyze", {}, 422),
    ("POST", "/api/analyze", {"json": {}}, 422),
    ("POST", "/api/analyze", {"json": {"text": "a", "url": "http://example.org"}}, 422),
    ("POST", "/api/analyze", {"json": {"text": 5}}, 422),
    ("POST", "/api/analyze", {"json": {"text": "x", "colour": "blue"}}, 422),
    ("POST", "/api/analyze", {"content": b"{not json", "headers": {"content-type": "application/json"}}, 422),
    ("POST", "/api/analyze", {"content": b'{"text": "x"}', "headers": {"content-type": "text/plain"}}, 422),
    ("POST", "/api/analyze", {"json": {"text": "   "}}, 422),
    ("POST", "/api/analyze", {"json": {"html": "<html><body><nav>menu</nav></body></html>"}}, 422),
    ("POST", "/api/analyze", {"json": {"url": "ftp://example.org/file"}}, 422),
    ("POST", "/api/analyze", {"json": {"url": "not a url"}}, 422),
    ("POST", "/api/analyze", {"json": {"url": "http://127.0.0.1:9/"}}, 403),
    ("POST", "/api/analyze", {"json": {"url": "http://0177.0.0.1/"}}, 422),
    ("POST", "/api/analyze", {"json": {"url": "http://[::1/"}}, 422),
    ("POST", "/api/analyze", {"json": {"url": "http://exa mple.org/"}}, 422),
    ("POST", "/api/analyze", _json('{"text": "\\ud800 said the minister"}'), 422),
    ("POST", "/api/analyze", _json('{"text": "fine", "title": "\\udfff"}'), 422),
    ("POST", "/api/analyze?store=true", {"json": {"text": "x"}}, 403),
    ("POST", "/api/analyze?store=maybe", {"json": {"text": "x"}}, 422),
    ("DELETE", "/api/articles/g1", {}, 403),
    ("GET", "/static/nothing.css", {}, 404),
]


def assert_error_shape(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"ok", "error", "status"}
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"].strip()
    assert "Traceback" not in body["error"] and 'File "' not in body["error"]
    return body


@pytest.mark.parametrize(("method", "path", "kwargs", "status"), BAD_REQUESTS)
def test_every_error_has_the_one_shape(client: TestClient, method: str, path: str, kwargs: dict, status: int) -> None:
    assert_error_shape(client.request(method, path, **kwargs), status)


def test_validation_errors_name_the_parameter_not_the_value(client: TestClient) -> None:
    body = assert_error_shape(client.get("/api/articles?limit=0"), 422)
    assert "limit" in body["error"]
    secret = "s3cr3t-value-" * 3
    body = assert_error_shape(client.get(f"/api/sources?kind={secret}"), 422)
    assert secret not in body["error"]


def test_an_unparsable_query_says_where_it_stops(client: TestClient) -> None:
    body = assert_error_shape(client.get("/api/search", params={"q": 'red "line', "mode": "raw"}), 400)
    assert "never closed at character 5" in body["error"]
    body = assert_error_shape(client.get("/api/search", params={"q": "a\x00b"}), 400)
    assert "NUL character (at character 2)" in body["error"]


@pytest.mark.parametrize(
    ("content", "content_type", "expected"),
    [
        (b"{bad json", "application/json", "the request body is not valid JSON (line 1, column 2"),
        (b'{"text": "x",\n "id": }', "application/json", "the request body is not valid JSON (line 2, column 8"),
        (b"\xff\xfe", "application/json", "the request body is not valid JSON"),
        (b"[1]", "application/json", "the request body must be a JSON object"),
        (b"", "application/json", "the request needs a JSON body"),
        (b'{"text": "x"}', "text/plain", "Content-Type: application/json"),
    ],
)
def test_a_body_that_is_not_a_json_object_is_explained(
    client: TestClient, content: bytes, content_type: str, expected: str
) -> None:
    response = client.post("/api/analyze", content=content, headers={"content-type": content_type})
    body = assert_error_shape(response, 422)
    assert expected in body["error"]
    assert 'such as {"text": ' in body["error"]
    assert "body field '" not in body["error"]  # no character offset posing as a field name


def test_store_in_the_body_says_it_is_a_query_parameter(client: TestClient) -> None:
    body = assert_error_shape(client.post("/api/analyze", json={"text": "x", "store": True}), 422)
    assert "Extra inputs" not in body["error"]
    assert "store is a query parameter" in body["error"] and "?store=true" in body["error"]
    assert "--allow-writes" in body["error"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/search?q=red&" + "&".join(f"outlet=o{i}" for i in range(MAX_VALUES + 1)),
        "/api/search?q=red&" + "&".join(f"source=s{i}" for i in range(MAX_VALUES + 1)),
        "/api/articles?" + "&".join(f"outlet=o{i}" for i in range(MAX_VALUES + 1)),
        "/api/sources?" + "&".join(["kind=person"] * (MAX_VALUES * 50)),
    ],
)
def test_a_parameter_repeated_too_often_is_refused(client: TestClient, path: str) -> None:
    body = assert_error_shape(client.get(path), 422)
    assert f"at most {MAX_VALUES} values" in body["error"]


def test_a_value_repeated_a_few_times_counts_once(client: TestClient) -> None:
    once = client.get("/api/search?q=red+line&kind=person").json()
    again = client.get("/api/search?q=red+line&" + "&".join(["kind=person"] * 20)).json()
    assert again["items"] == once["items"]


def test_an_internal_error_is_generic_and_logged(make_client: MakeClient, caplog: pytest.LogCaptureFixture) -> None:
    with (
        make_client(analyzer=BrokenAnalyzer(), raise_server_exceptions=False) as client,
        caplog.at_level(logging.ERROR, logger="accordingto.serve"),
    ):
        body = assert_error_shape(client.post("/api/analyze", json={"text": "It is fine, he said."}), 500)
    assert "secret detail" not in body["error"] and "passwd" not in body["error"]
    assert "reference" in body["error"]
    reference = body["error"].split("reference ")[1].split(")")[0]
    logged = [r for r in caplog.records if reference in r.getMessage()]
    assert logged and logged[0].exc_info is not None  # the traceback is in the server log


def test_a_body_over_the_limit_is_refused_413(make_client: MakeClient) -> None:
    with make_client(limits=Limits(max_body_bytes=1000)) as client:
        assert_error_shape(client.post("/api/analyze", json={"text": "x" * 5000}), 413)

        def chunks() -> Any:  # no Content-Length: counted as it streams in
            for _ in range(10):
                yield b"x" * 500

        assert_error_shape(
            client.post("/api/analyze", content=chunks(), headers={"content-type": "application/json"}), 413
        )
        assert client.post("/api/analyze", json={"text": "It is fine, he said."}).status_code == 200


def test_an_article_over_the_character_limit_is_refused_413(make_client: MakeClient) -> None:
    with make_client(limits=Limits(max_chars=100)) as client:
        body = assert_error_shape(client.post("/api/analyze", json={"text": "word " * 50}), 413)
        assert "100" in body["error"]


def test_a_page_with_far_more_text_than_an_article_is_refused_before_extraction(make_client: MakeClient) -> None:
    # 2 MB of paragraphs held the analysis worker for about 16 s in trafilatura before the
    # character limit refused the extracted text
    paragraphs = "<p>The council said the budget was balanced and the roads would be mended.</p>" * 24_000
    with make_client() as client:
        started = time.monotonic()
        body = assert_error_shape(
            client.post("/api/analyze", json={"html": f"<html><body>{paragraphs}</body></html>"}), 413
        )
        assert time.monotonic() - started < 3.0
        assert "characters of text" in body["error"]
        page = (Path(__file__).resolve().parents[2] / "examples" / "pages" / "harbor-council.html").read_text()
        assert client.post("/api/analyze", json={"html": page}).status_code == 200


def test_an_analysis_past_its_time_gets_504_and_the_server_keeps_answering(make_client: MakeClient) -> None:
    slow = SlowAnalyzer(1.0)
    with make_client(analyzer=slow, limits=Limits(analysis_timeout=0.2)) as client:
        body = assert_error_shape(client.post("/api/analyze", json={"text": "It is fine, he said."}), 504)
        assert "0.2 s" in body["error"]
        assert client.get("/api/articles").status_code == 200


def test_a_full_analysis_queue_gets_503(make_client: MakeClient) -> None:
    slow = SlowAnalyzer(0.5)
    with make_client(analyzer=slow, limits=Limits(max_waiting_analyses=0, analysis_timeout=5)) as client:
        import concurrent.futures

        with concurrent.futures.ThreadPoolExecutor(3) as pool:
            answers = list(
                pool.map(lambda _: client.post("/api/analyze", json={"text": "It is fine, he said."}), range(3))
            )
    statuses = sorted(r.status_code for r in answers)
    assert statuses[0] == 200 and 503 in statuses
    refused = next(r for r in answers if r.status_code == 503)
    assert_error_shape(refused, 503)
    assert refused.headers["retry-after"] == "2"


def test_a_browser_gets_an_html_error_page_and_the_api_still_json(client: TestClient) -> None:
    page = client.get("/no/such/page", headers={"accept": "text/html"})
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "no such page" in page.text and "Traceback" not in page.text
    api = client.get("/api/no-such-route", headers={"accept": "text/html"})
    assert_error_shape(api, 404)
    bad = client.get("/articles?limit=0", headers={"accept": "text/html"})
    assert bad.status_code == 422 and "limit" in bad.text
