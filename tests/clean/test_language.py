"""The language comes from the text, and an article in another language is refused in one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from accordingto.analyze.analyzer import Analyzer
from accordingto.clean import clean_html, clean_text
from accordingto.clean.language import detect_language
from accordingto.cli import main
from accordingto.distributed.partition import analyze_documents, reason_for
from accordingto.errors import UnsupportedLanguageError
from accordingto.ingest import Document
from accordingto.ingestion import ingest_documents
from accordingto.query import Corpus
from accordingto.settings import Settings

GERMAN = (
    "Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen, das die Mieten in den großen Städten "
    "begrenzen soll. Die Opposition kritisierte den Entwurf scharf und kündigte eine Klage an."
)
RUSSIAN = "Правительство объявило в четверг о новых мерах поддержки для семей с детьми, сообщили в министерстве."
KOREAN = "정부는 목요일 새로운 주택 정책을 발표했다고 밝혔다. 야당은 이 계획이 충분하지 않다고 비판했다."
ENGLISH = "The mayor said on Monday that the city would hand out free water filters to every family."


@pytest.mark.parametrize(("text", "code"), [(GERMAN, "de"), (RUSSIAN, "ru"), (KOREAN, "ko"), (ENGLISH, "en")])
def test_the_language_is_read_from_the_text(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_an_english_page_marked_german_is_english() -> None:
    body = f"<article><p>{ENGLISH}</p><p>{ENGLISH}</p></article>"
    html = f'<html lang="de"><head><title>Filters</title></head><body>{body}</body></html>'
    assert clean_html(html).language == "en"


def test_a_german_article_is_refused_with_its_language(analyzer: Analyzer) -> None:
    with pytest.raises(UnsupportedLanguageError, match="German") as caught:
        analyzer.analyze(clean_text(GERMAN))
    assert caught.value.language == "de"


def test_analyze_says_so_in_one_line_and_exits_one(
    analyzer: Analyzer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("accordingto.analyze.analyzer.Analyzer", lambda settings=None: analyzer)
    path = tmp_path / "artikel.txt"
    path.write_text(GERMAN, encoding="utf-8")
    result = CliRunner().invoke(main, ["analyze", "--format", "json", str(path)])
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if "AT110" in line]
    assert len(lines) == 1 and "German" in lines[0] and "artikel.txt" in lines[0]


def test_batches_and_corpora_record_it_the_same_way(analyzer: Analyzer, tmp_path: Path) -> None:
    docs = [Document(origin="de.txt", text=GERMAN, id="de"), Document(origin="en.txt", text=ENGLISH, id="en")]
    outcomes = list(analyze_documents(docs, analyzer))
    assert [o.error_code for o in outcomes] == ["AT110", None]
    assert reason_for(outcomes[0].error_code) == "language"
    with Corpus(tmp_path / "c.db") as corpus:
        report = ingest_documents(corpus, docs, settings=Settings(), analyzer=analyzer, notify=lambda _: None)
        assert "de" not in corpus and "en" in corpus
    assert report.other_language == {"German": 1} and report.failed == 0
    assert "1 not in English left out" in report.line()


@pytest.mark.parametrize(
    "text",
    ["SOURCE: METRO DAILY NEWS\n\nSOURCE: METRO DAILY NEWS", "CEASEFIRE TALKS RESUME IN GENEVA AMID HOPES OF A DEAL"],
)
def test_shouted_english_lines_are_not_called_another_language(text: str) -> None:
    assert detect_language(text) in ("en", None)
