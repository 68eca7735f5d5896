"""The sourcing check on the server: ``POST /api/check`` (the findings of ``accordingto
check``, with house rules in the body) and the ``/check`` page (a draft marked up, each
finding beside its paragraph)."""

from __future__ import annotations

import concurrent.futures
import html
import re
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

import pytest
from fastapi.testclient import TestClient

from accordingto.check import check_analysis
from accordingto.models import Analysis
from accordingto.serve.config import Limits
from accordingto.serve.views import check_layout, finding_views, paragraph_ranges, source_styles
from tests.serve.conftest import MakeClient, SlowAnalyzer
from tests.serve.test_errors import BAD_REQUESTS, assert_error_shape

#: A draft with three of the problems a standards editor looks for: an anonymous source
#: with no reason given (AS102, and no position either: AS101), a quotation nobody said
#: (QT301), and a figure in the outlet's own voice (FG201).
DRAFT = """City to cut bus routes

Two officials said the city would cut 14 bus routes next year.

The mayor spoke on Monday.

"This is the end of the line for a lot of families."

The deficit is $12 million, the highest in a decade.
"""
QUOTE = '"This is the end of the line for a lot of families."'


def findings(body: dict[str, Any], code: str) -> list[dict[str, Any]]:
    return [f for f in body["report"]["findings"] if f["code"] == code]


def check(client: TestClient, **body: Any) -> dict[str, Any]:
    response = client.post("/api/check", json={"text": DRAFT, **body})
    assert response.status_code == 200, response.text
    return dict(response.json())


# ---------------------------------------------------------------- POST /api/check
def test_the_check_finds_the_drafts_sourcing_problems(client: TestClient) -> None:
    body = client.post("/api/check?with_analysis=true", json={"text": DRAFT, "outlet": "Metro Wire"}).json()
    text = body["analysis"]["article"]["text"]
    (anonymous,) = findings(body, "AS102")
    assert anonymous["severity"] == "error" and "Two officials" in anonymous["message"]
    first = anonymous["spans"][0]  # where the finding points, as offsets into the article text
    assert text[first["start"] : first["end"]] == first["text"] == "Two officials"
    assert (anonymous["line"], anonymous["column"]) == (3, 1)
    (speaker,) = findings(body, "QT301")
    assert speaker["spans"][0]["text"] == QUOTE and speaker["sentence"] == QUOTE
    (figure,) = findings(body, "FG201")
    assert figure["spans"][0]["text"] == "$12 million" and "$12 million" in figure["message"]
    assert body["report"]["counts"] == {"error": 2, "warning": 2, "info": 0}
    assert body["report"]["failed"] is True and body["report"]["fail_on"] == "error"
    assert body["article"] == {
        "id": body["analysis"]["article"]["id"],
        "title": "City to cut bus routes",
        "outlet": "Metro Wire",
    }
    assert body["analysis_version"] == body["analysis"]["analysis_version"]
    # each finding names the attribution and source ids of the sourcing map it concerns
    attribution = next(a for a in body["analysis"]["attributions"] if a["id"] in anonymous["attributions"])
    assert attribution["source"] in anonymous["sources"]


def test_the_findings_are_those_of_the_library_and_the_cli(
    client: TestClient, analyse: Callable[[str], Analysis]
) -> None:
    body = check(client)
    assert body["report"] == check_analysis(analyse(DRAFT)).to_dict()
    assert "analysis" not in body  # only when asked


def test_house_rules_in_the_body_change_severities_and_turn_checks_off(client: TestClient) -> None:
    rules = {
        "fail_on": "warning",
        "checks": {
            "AS102": {"severity": "warning"},
            "FG201": {"enabled": False},
            "quote-no-speaker": {"enabled": False},
        },
    }
    body = check(client, rules=rules)
    assert [f["severity"] for f in findings(body, "AS102")] == ["warning"]
    assert not findings(body, "FG201") and not findings(body, "QT301")
    assert body["report"]["counts"] == {"error": 0, "warning": 2, "info": 0}
    assert body["report"]["fail_on"] == "warning" and body["report"]["failed"] is True
    relaxed = check(client, rules={"fail_on": "never"})
    assert relaxed["report"]["failed"] is False and findings(relaxed, "AS102")


@pytest.mark.parametrize(
    ("rules", "named"),
    [
        ({"checks": {"AS999": {"enabled": False}}}, "checks.AS999 is not a check"),
        ({"fail_on": "sometimes"}, "fail_on must be one of"),
        ({"colour": "blue"}, "colour is not a setting"),
        ({"checks": {"AS102": {"severity": "fatal"}}}, "checks.AS102.severity must be one of"),
        ({"checks": {"AS102": {"loud": True}}}, "checks.AS102.loud is not a setting of AS102"),
        ({"checks": {"anonymous-share": {"max_share": 3}}}, "max_share is a share"),
        ({"checks": {"LV501": {"enabled": "no"}}}, "checks.LV501.enabled must be true or false"),
        ({"checks": ["AS102"]}, "checks must be a table"),
        ("strict", "body field 'rules'"),
    ],
)
def test_bad_house_rules_are_a_422_that_names_them_before_any_analysis(
    make_client: MakeClient, rules: Any, named: str
) -> None:
    counting = SlowAnalyzer(0)
    with make_client(analyzer=counting) as client:
        body = assert_error_shape(client.post("/api/check", json={"text": DRAFT, "rules": rules}), 422)
    assert named in body["error"]
    assert counting.calls == 0  # refused before the draft waited for the analysis worker


ANALYZE_BAD_BODIES = [
    pytest.param(kwargs, status, id=f"{status}-{index}")
    for index, (method, path, kwargs, status) in enumerate(BAD_REQUESTS)
    if method == "POST" and path == "/api/analyze"
]


@pytest.mark.parametrize(("kwargs", "status"), ANALYZE_BAD_BODIES)
def test_bad_input_gives_the_same_errors_as_analyze(client: TestClient, kwargs: dict, status: int) -> None:
    analyzed = assert_error_shape(client.post("/api/analyze", **kwargs), status)
    checked = assert_error_shape(client.post("/api/check", **kwargs), status)
    assert checked == analyzed


def test_a_check_stores_nothing_and_says_where_storing_is(writable: TestClient) -> None:
    body = assert_error_shape(writable.post("/api/check", json={"text": DRAFT, "store": True}), 422)
    assert "stores nothing" in body["error"] and "/api/analyze?store=true" in body["error"]
    before = writable.get("/api/articles?total=true").json()["total"]
    check(writable, id="draft-1")
    assert writable.get("/api/articles?total=true").json()["total"] == before
    assert writable.get("/api/articles/draft-1").status_code == 404


def test_the_check_has_the_limits_of_analyze(make_client: MakeClient) -> None:
    with make_client(limits=Limits(max_chars=100)) as client:
        body = assert_error_shape(client.post("/api/check", json={"text": DRAFT * 2}), 413)
        assert "100" in body["error"]
    with make_client(analyzer=SlowAnalyzer(1.0), limits=Limits(analysis_timeout=0.2)) as client:
        body = assert_error_shape(client.post("/api/check", json={"text": DRAFT}), 504)
        assert "0.2 s" in body["error"]


def test_checks_and_analyses_wait_in_the_same_line(make_client: MakeClient) -> None:
    slow = SlowAnalyzer(0.5)
    with make_client(analyzer=slow, limits=Limits(max_waiting_analyses=0, analysis_timeout=5)) as client:
        requests = [("/api/analyze", {"text": DRAFT}), ("/api/check", {"text": DRAFT}), ("/api/check", {"text": DRAFT})]
        with concurrent.futures.ThreadPoolExecutor(3) as pool:
            answers = list(pool.map(lambda r: client.post(r[0], json=r[1]), requests))
    statuses = sorted(r.status_code for r in answers)
    assert statuses[0] == 200 and 503 in statuses
    refused = next(r for r in answers if r.status_code == 503)
    assert "busy" in assert_error_shape(refused, 503)["error"] and refused.headers["retry-after"] == "2"


def test_the_check_is_documented_in_openapi(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    operation = spec["paths"]["/api/check"]["post"]
    assert operation["tags"] == ["analysis"]
    assert operation["summary"] and "CMS" in operation["description"]
    example = operation["responses"]["200"]["content"]["application/json"]["example"]
    assert {"article", "report", "analysis_version"} <= set(example)
    body = spec["components"]["schemas"]["CheckBody"]
    assert "rules" in body["properties"] and body["examples"][0]["rules"]
    assert [p["name"] for p in operation["parameters"]] == ["with_analysis"]
    docs = client.get("/docs").text
    assert "/api/check" in docs and "House rules" in docs


def test_cross_site_checks_are_refused(client: TestClient) -> None:
    evil = {"origin": "http://evil.example"}
    assert_error_shape(client.post("/api/check", json={"text": DRAFT}, headers=evil), 403)
    page = client.post("/check", data={"text": DRAFT}, headers={**evil, "accept": "text/html"})
    assert page.status_code == 403 and "cross-site" in page.text
    same = {"origin": "http://testserver"}
    assert client.post("/check", data={"text": DRAFT}, headers=same).status_code == 200


# ---------------------------------------------------------------- the /check page
class Sheet(HTMLParser):
    """The check page read as a browser would: the text of the pieces each finding lights
    (``data-findings``), each paragraph's text and the findings beside it."""

    def __init__(self) -> None:
        super().__init__()
        self.lit: dict[str, str] = {}
        self.rows: list[dict[str, Any]] = []
        self._open: list[tuple[str, list[str]]] = []  # (tag, finding keys it lights)
        self._where = ""  # "text" or "margin" inside a row

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        if "check-row" in classes:
            self.rows.append({"text": "", "findings": []})
        elif "check-paragraph" in classes:
            self._where = "text"
        elif "check-margin" in classes:
            self._where = "margin"
        if tag == "li" and "finding" in classes and self.rows:
            self.rows[-1]["findings"].append(str(found["id"]).removeprefix("finding-"))
        if tag not in ("br", "input", "img", "meta", "link"):
            self._open.append((tag, (found.get("data-findings") or "").split()))

    def handle_endtag(self, tag: str) -> None:
        if self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._where == "text" and self.rows and not any(t == "button" for t, _ in self._open):
            self.rows[-1]["text"] += data
            for key in {k for _, keys in self._open for k in keys}:
                self.lit[key] = self.lit.get(key, "") + data


def read_sheet(html: str) -> Sheet:
    sheet = Sheet()
    sheet.feed(html)
    return sheet


def finding_keys(html: str) -> dict[str, str]:
    """Finding key ("F2") -> its code."""
    return dict(
        re.findall(
            r'id="finding-(F\d+)">\s*<a class="finding-link"[^>]*>.*?<code class="finding-code">(\w+)<', html, re.S
        )
    )


def test_the_check_form_has_the_analyse_forms_fields(client: TestClient) -> None:
    page = client.get("/check")
    assert page.status_code == 200
    form = re.search(
        r'<form class="analyze-form" method="post" action="/check" enctype="multipart/form-data"', page.text
    )
    assert form is not None
    for field in ('name="text"', 'name="file" type="file"', 'name="url"', 'name="title"', 'name="outlet"'):
        assert field in page.text
    assert 'name="published"' in page.text and 'name="rules"' in page.text and 'name="store"' not in page.text
    assert '<a href="/check" aria-current="page">' in page.text  # in the site navigation
    assert "AS102" in page.text and "QT301" in page.text  # what is checked
    assert 'href="/check"' in client.get("/").text  # the home page links to it


def test_the_check_page_puts_each_finding_beside_its_paragraph(client: TestClient) -> None:
    page = client.post("/check", data={"text": DRAFT})
    assert page.status_code == 200
    assert "2 errors, 2 warnings" in page.text and "fails the check" in page.text
    codes = finding_keys(page.text)
    assert sorted(codes.values()) == ["AS101", "AS102", "FG201", "QT301"]
    sheet = read_sheet(page.text)
    # (the markup between a paragraph and its margin is a grid's blank: not shown)
    beside = {codes[key]: row["text"].strip() for row in sheet.rows for key in row["findings"]}
    assert beside["AS102"] == beside["AS101"] == "Two officials said the city would cut 14 bus routes next year."
    assert beside["QT301"] == QUOTE
    assert beside["FG201"] == "The deficit is $12 million, the highest in a decade."
    assert [row["text"].strip() for row in sheet.rows][1:3] == [beside["AS102"], "The mayor spoke on Monday."]
    # each finding lights exactly the words it points at
    lit = {codes[key]: text for key, text in sheet.lit.items()}
    assert lit["AS102"] == "Two officials" and lit["QT301"] == QUOTE and lit["FG201"] == "$12 million"
    for key in codes:
        assert f'href="#at-{key}"' in page.text and f'id="at-{key}"' in page.text  # no JS: the link jumps there


def test_the_check_page_finds_what_the_api_finds_in_a_browsers_crlf_line_breaks(client: TestClient) -> None:
    page = client.post("/check", data={"text": DRAFT.replace("\n", "\r\n")})  # how a browser sends a textarea
    api = [f["code"] for f in check(client)["report"]["findings"]]
    assert list(finding_keys(page.text).values()) == api


def test_the_check_page_shows_code_severity_message_and_fix(client: TestClient) -> None:
    text = client.post("/check", data={"text": DRAFT}).text
    item = re.search(r'<li class="finding sev-error" id="finding-F\d+">(.*?)</li>', text, re.S)
    assert item is not None
    shown = item.group(1)
    assert "AS102" in shown and "✖" in shown and "> error</span>" in shown  # the word, not colour alone
    assert "has no stated reason for anonymity" in shown and "Fix:" in shown and "asked not to be named" in shown
    assert "Standard:" in shown
    assert text.count('<li class="finding sev-warning"') == 2 and "▲" in text


def test_the_check_page_reuses_the_articles_marks_and_source_cards(client: TestClient) -> None:
    text = client.post("/check", data={"text": DRAFT}).text
    markers = re.findall(r'id="marker-(A\d+)"', text)
    assert markers and all(f'<template id="card-{a}">' in text for a in markers)
    assert "at-cue" in text and "at-mention" in text and "at-content" in text and "anon" in text


def test_the_check_page_takes_a_file_and_house_rules(client: TestClient) -> None:
    rules = '[checks.AS102]\nseverity = "warning"\n\n[checks.figure-unsourced]\nenabled = false\n'
    page = client.post("/check", data={"rules": rules}, files={"file": ("draft.txt", DRAFT.encode(), "text/plain")})
    assert page.status_code == 200
    assert sorted(finding_keys(page.text).values()) == ["AS101", "AS102", "QT301"]
    assert "1 error, 2 warnings" in page.text


def test_the_check_page_explains_bad_input_and_bad_rules_and_keeps_the_draft(client: TestClient) -> None:
    missing = client.post("/check", data={"text": "  "})
    assert missing.status_code == 422 and 'role="alert"' in missing.text and "give one article" in missing.text
    bad = client.post("/check", data={"text": DRAFT, "rules": "fail_on = 3"})
    assert bad.status_code == 422 and "fail_on must be one of" in bad.text
    assert "Two officials said the city" in bad.text and "fail_on = 3" in bad.text  # nothing to type again
    broken = client.post("/check", data={"text": DRAFT, "rules": "[checks"})
    assert broken.status_code == 422 and "not valid TOML" in broken.text


def test_a_clean_draft_says_so(client: TestClient) -> None:
    clean = "Mayor Dana Whitfield said on Monday that the city would keep every bus route."
    page = client.post("/check", data={"text": clean})
    assert page.status_code == 200 and "no findings" in page.text and "passes" not in page.text
    assert "No finding" in page.text


# ---------------------------------------------------------------- the layout
def test_paragraphs_are_split_at_blank_lines_or_at_each_line_when_there_are_none() -> None:
    text = "Title\n\nFirst line\nstill the first paragraph.\n \n\nSecond.  \n"
    assert [text[s:e] for s, e in paragraph_ranges(text)] == [
        "Title",
        "First line\nstill the first paragraph.",
        "Second.",
    ]
    pasted = "Title\nFirst paragraph.\n  Second paragraph.\n"  # a CMS's one newline per paragraph
    assert [pasted[s:e] for s, e in paragraph_ranges(pasted)] == ["Title", "First paragraph.", "Second paragraph."]
    assert paragraph_ranges("") == [(0, 0)]


def test_each_paragraph_holds_its_text_once_escaped_with_every_marker(analyse: Callable[[str], Analysis]) -> None:
    from tests.serve.conftest import SAMPLE

    analysis = analyse(SAMPLE.read_text(encoding="utf-8") + "\n\n" + DRAFT.replace("City", "Town <b>&"))
    views = finding_views(check_analysis(analysis))
    paragraphs = check_layout(analysis, views, source_styles(analysis))
    text = analysis.article.text
    for paragraph in paragraphs:
        shown = re.sub(r"<button[^>]*>.*?</button>", "", str(paragraph.html))
        assert html.unescape(re.sub(r"<[^>]+>", "", shown)) == text[paragraph.start : paragraph.end]
    markup = "".join(str(p.html) for p in paragraphs)
    assert sorted(re.findall(r'id="marker-(A\d+)"', markup)) == sorted(a.id for a in analysis.attributions)
    assert "<b>" not in markup and "Town &lt;b&gt;&amp; to cut" in markup
    assert sorted(v.key for p in paragraphs for v in p.findings) == sorted(v.key for v in views)
    for view in views:  # each finding sits beside the paragraph its first span is in
        (beside,) = [p for p in paragraphs if view in p.findings]
        assert beside.start <= view.finding.start < beside.end
        assert markup.count(f'id="at-{view.key}"') == 1
