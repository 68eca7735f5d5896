"""`accordingto analyze` and the Python API on real inputs: pages, URLs, JSONL, bad files in a batch."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import accordingto
from accordingto.cli.analyze import analyze
from tests.ingest.ingest_helpers import FIXTURES, Site, fixture_bytes, serve


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as running:
        yield running


def run(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(analyze, ["--no-progress", *args], input=stdin)


def records(result: Result) -> list[dict[str, object]]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_a_mixed_batch_reports_each_bad_input_in_one_line_and_analyses_the_rest(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_bytes(fixture_bytes("pages", "harbor-council.html"))
    (tmp_path / "story.txt").write_bytes(fixture_bytes("texts", "wire-reuters.txt"))
    (tmp_path / "cut.html.gz").write_bytes(gzip.compress(fixture_bytes("pages", "harbor-council.html"))[:300])
    (tmp_path / "empty.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    result = run("--format", "jsonl", str(tmp_path))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 2
    assert any("cut.html.gz" in e and "AT108" in e for e in errors)
    assert any("empty.html" in e and "AT106" in e for e in errors)
    assert "2 of 4 inputs could not be analysed" in result.stderr
    page, story = records(result)
    assert page["article"]["title"] == "Harbor council delays vote on seawall funding"  # type: ignore[index]
    assert page["article"]["outlet"] == "The Bayside Ledger"  # type: ignore[index]
    reasons = [e["reason"] for e in story["article"]["excluded"]]  # type: ignore[index]
    assert reasons[:3] == ["headline", "byline", "date"]


def test_an_html_page_on_stdin_is_analysed_with_offsets_into_the_extracted_text() -> None:
    result = run("--format", "json", "-", stdin=fixture_bytes("pages", "harbor-council.html"))
    assert result.exit_code == 0, result.stderr
    analysis = json.loads(result.stdout)
    text = analysis["article"]["text"]
    assert text.startswith("The Bayside harbor council postponed")
    for attribution in analysis["attributions"]:
        for span in attribution["content"]:
            assert text[span["start"] : span["end"]] == span["text"]


def test_urls_given_and_listed_are_fetched(site: Site, tmp_path: Path) -> None:
    first = site.add_fixture("/a.html", "pages", "harbor-council.html")
    second = site.add("/b.html", fixture_bytes("pages", "festival-cp1252.html"), content_type="text/html")
    listing = tmp_path / "urls.txt"
    listing.write_text(f"{second}\n{site.url('/gone')}\n", encoding="utf-8")
    result = run("--format", "jsonl", "--timeout", "5", "--urls", str(listing), first)
    assert result.exit_code == 1
    urls = [r["article"]["url"] for r in records(result)]  # type: ignore[index]
    assert urls == [first]  # the address it was fetched from is the article's url
    assert any("/gone" in line and "HTTP 404" in line for line in result.stderr.splitlines())
    # the second page was fetched and read: it is French, and said so in one line
    assert any("/b.html" in line and "French" in line and "AT110" in line for line in result.stderr.splitlines())


def test_input_format_forces_the_kind(tmp_path: Path) -> None:
    path = tmp_path / "export.data"
    line = {"id": "a1", "text": "The ministry said on Monday that exports fell for a third month.", "outlet": "Wire"}
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    result = run("--format", "jsonl", "--input-format", "jsonl", str(path))
    assert result.exit_code == 0, result.stderr
    (record,) = records(result)
    assert record["article"]["id"] == "a1" and record["article"]["outlet"] == "Wire"  # type: ignore[index]


def test_no_input_at_all_is_a_usage_error() -> None:
    result = run()
    assert result.exit_code == 2
    assert "--urls" in result.stderr


def test_the_help_documents_the_input_options() -> None:
    result = CliRunner().invoke(analyze, ["--help"])
    for option in ("--input-format", "--urls", "--timeout", "--max-bytes", "crawl.warc.gz"):
        assert option in result.stdout


def test_analyze_html_in_the_python_api() -> None:
    html = (FIXTURES / "pages" / "harbor-council.html").read_text(encoding="utf-8")
    analysis = accordingto.analyze_html(html, url="https://ledger.example/seawall", outlet="Given outlet")
    assert analysis.article.url == "https://ledger.example/seawall"
    assert analysis.article.outlet == "Given outlet"
    assert analysis.article.title == "Harbor council delays vote on seawall funding"
    assert analysis.article.text.startswith("The Bayside harbor council")
    assert any(a.source_mention and "Albright" in a.source_mention.text for a in analysis.attributions)


def test_analyze_url_in_the_python_api(site: Site) -> None:
    url = site.add_fixture("/a.html", "pages", "harbor-council.html")
    analysis = accordingto.analyze_url(url, timeout=5)
    assert analysis.article.url == url
    with pytest.raises(accordingto.AccordingtoError) as failure:
        accordingto.analyze_url(site.url("/gone"), timeout=5)
    assert "HTTP 404" in str(failure.value)
