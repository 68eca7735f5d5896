"""Arguments a user gets wrong are the user's error (exit code 2, HTTP 400), never a crash:
unparsable search queries, characters SQLite cannot take, offsets past SQLite's integers."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from accordingto.cli import main
from accordingto.errors import QuerySyntaxError
from accordingto.query import Corpus, Filters


@pytest.fixture
def story_db(corpus: Corpus) -> Path:
    return corpus.path


@pytest.mark.parametrize(
    ("text", "mode", "where"),
    [
        ('"', "raw", "character 1"),
        ('red "line', "raw", "character 5"),
        ("NOT red", "raw", "character 1"),
        ("red AND (", "raw", "end of the query"),
        ("red NEAR/ line", "raw", "character 9"),
        ("colour : red", "raw", "character 1"),
        ("a\x00b", "words", "character 2"),
        ("a\x00b", "raw", "character 2"),
        ("a\x00b", "phrase", "character 2"),
        ("red \udcff", "words", "character 5"),
    ],
)
def test_an_unparsable_query_is_a_query_error_that_says_where(corpus: Corpus, text: str, mode: str, where: str) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        corpus.search(text, mode=mode)  # type: ignore[arg-type]
    assert where in str(caught.value)


def test_the_cli_exits_2_on_an_unparsable_query(story_db: Path) -> None:
    result = CliRunner().invoke(main, ["search", '"', "--mode", "raw", "--db", str(story_db)])
    assert result.exit_code == 2, result.output
    assert "AT508" in result.output and "character 1" in result.output
    assert "Traceback" not in result.output


HUGE = 9223372036854775808  # 2**63: one past SQLite's largest integer


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.search("red", offset=HUGE),
        lambda c: c.sources(offset=HUGE),
        lambda c: c.statements("dalia-ferrante", offset=HUGE),
        lambda c: c.articles(offset=HUGE),
        lambda c: c.search("red", offset=-1),
        lambda c: c.articles(limit=10**30),
    ],
)
def test_an_offset_or_limit_out_of_range_is_an_argument_error(corpus: Corpus, call: object) -> None:
    with pytest.raises(ValueError, match="between"):
        call(corpus)  # type: ignore[operator]


@pytest.mark.parametrize(
    "args",
    [
        ["search", "red", "--offset", str(HUGE)],
        ["sources", "--offset", str(HUGE)],
        ["source", "dalia-ferrante", "--offset", str(HUGE)],
    ],
)
def test_the_cli_exits_2_on_an_offset_sqlite_cannot_hold(story_db: Path, args: list[str]) -> None:
    result = CliRunner().invoke(main, [*args, "--db", str(story_db)])
    assert result.exit_code == 2, result.output
    assert "offset must be between 0 and" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_filter_value_given_many_times_counts_once(corpus: Corpus) -> None:
    # the FTS5 OR of 5,000 copies of one token took seconds (its cost grows faster than the count)
    many = Filters(kinds=("person",) * 5000, types=("direct",) * 5000, outlets=("Harbor Gazette",) * 5000)
    assert (many.kinds, many.types, many.outlets) == (("person",), ("direct",), ("Harbor Gazette",))
    once = Filters(kinds=("person",), types=("direct",), outlets=("Harbor Gazette",))
    assert _ids(corpus.search("red line", filters=many)) == _ids(corpus.search("red line", filters=once))


def _ids(page: object) -> list[str]:
    return [h.attribution_id for h in page.items]  # type: ignore[attr-defined]
