"""accordingto analyze as a user runs it: formats, stdin, batches, bad input, exit codes."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from accordingto.cli import main

ARTICLE = (
    "“We cannot keep raising fares,” the transport minister said.\n\nTwo officials told Reuters that a deal was near."
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "fares.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_text_report_groups_by_source(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(main, ["analyze", str(article)])
    assert result.exit_code == 0, result.output
    assert "sourcing profile" in result.output
    assert "the transport minister" in result.output
    assert "via Reuters" in result.output


def test_json_is_one_schema_object(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(main, ["analyze", "--format", "json", str(article)])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["schema"] == "accordingto/1"
    assert [a["type"] for a in data["attributions"]] == ["direct", "indirect"]


def test_jsonl_one_line_per_input(runner: CliRunner, article: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("The mayor said the water was safe to drink.", encoding="utf-8")
    result = runner.invoke(main, ["analyze", "--format", "jsonl", str(article), str(other)])
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [len(x["attributions"]) for x in lines] == [2, 1]


def test_stdin(runner: CliRunner) -> None:
    result = runner.invoke(main, ["analyze", "--format", "json", "-"], input=ARTICLE)
    assert result.exit_code == 0
    assert json.loads(result.output)["article"]["text"] == ARTICLE


def test_one_bad_input_does_not_stop_the_batch(runner: CliRunner, article: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    missing = tmp_path / "missing.txt"
    result = runner.invoke(main, ["analyze", "--format", "jsonl", str(empty), str(article), str(binary), str(missing)])
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 3
    assert all(len(line) < 300 for line in errors)
    assert "Traceback" not in result.stderr


def test_directory_without_text_files(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["analyze", str(tmp_path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr


def test_text_in_another_language_is_refused_in_one_line(runner: CliRunner) -> None:
    """Never an English article with no sourcing: the language is named and the exit code says so."""
    text = "Le ministre a déclaré mardi que les négociations avec les syndicats reprendraient la semaine prochaine."
    result = runner.invoke(main, ["analyze", "--format", "json", "-"], input=text)
    assert result.exit_code == 1
    assert result.stdout.strip() == "[]"
    (line,) = [x for x in result.stderr.splitlines() if "AT110" in x]
    assert "French (fr)" in line


def test_text_without_attributions(runner: CliRunner) -> None:
    result = runner.invoke(main, ["analyze", "--format", "json", "-"], input="Rain fell all day over the valley.")
    assert result.exit_code == 0
    assert json.loads(result.output)["attributions"] == []


def test_too_long_is_refused_clearly(runner: CliRunner) -> None:
    result = runner.invoke(main, ["analyze", "--max-chars", "1000", "-"], input="The minister said no. " * 100)
    assert result.exit_code == 1
    assert "more than the limit" in result.stderr and "--max-chars" in result.stderr


def test_unknown_model_is_a_clear_error(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(main, ["analyze", "--model", "en_core_web_nonexistent", str(article)])
    assert result.exit_code == 3
    assert "en_core_web_nonexistent" in result.stderr and "Traceback" not in result.stderr


def test_a_missing_pipeline_says_how_to_get_that_pipeline(runner: CliRunner, article: Path) -> None:
    if importlib.util.find_spec("en_core_web_lg") is not None:
        pytest.skip("en_core_web_lg is installed here, so it cannot be missing")
    result = runner.invoke(main, ["analyze", "--model", "en_core_web_lg", str(article)])
    assert result.exit_code == 3
    assert "python -m spacy download en_core_web_lg" in result.stderr
    assert "en-core-web-sm" not in result.stderr, "the hint must be for the pipeline asked for"


@pytest.mark.slow
def test_two_jobs_give_the_same_result_as_one(tmp_path: Path) -> None:
    paths = []
    for n in range(5):
        path = tmp_path / f"a{n}.txt"
        path.write_text(ARTICLE + f"\n\nThe council said {n} roads were closed.", encoding="utf-8")
        paths.append(str(path))
    cmd = [sys.executable, "-m", "accordingto", "analyze", "--format", "jsonl", "--no-progress"]
    one = subprocess.run([*cmd, *paths], capture_output=True, text=True, check=True).stdout
    two = subprocess.run([*cmd, "--jobs", "2", *paths], capture_output=True, text=True, check=True).stdout
    assert one == two
    assert len(one.splitlines()) == 5


#: "its" means nothing the text names: an unresolved source of unknown kind, below the threshold
LOW_CONFIDENCE = (
    "The most telling contradiction was its claim that the plant was safe "
    "in 2010. Officials said the plant would close next year."
)


def test_the_text_report_hides_low_confidence_attributions_and_says_how_many(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "plant.txt"
    path.write_text(LOW_CONFIDENCE, encoding="utf-8")
    hidden = runner.invoke(main, ["analyze", str(path)])
    assert hidden.exit_code == 0, hidden.output
    assert "1 attribution below confidence 0.5 hidden (--all shows them)" in hidden.output
    assert "the plant was safe in 2010" not in hidden.output.split("hidden (--all shows them)")[1]
    shown = runner.invoke(main, ["analyze", "--all", str(path)])
    assert "hidden" not in shown.output and "the plant was safe in 2010" in shown.output
    as_json = json.loads(runner.invoke(main, ["analyze", "--format", "json", str(path)]).output)
    assert len(as_json["attributions"]) == 2  # JSON keeps everything


def test_a_rule_switched_off_changes_the_result_and_the_version(runner: CliRunner, article: Path) -> None:
    full = json.loads(runner.invoke(main, ["analyze", "--format", "json", str(article)]).output)
    without = json.loads(
        runner.invoke(
            main, ["analyze", "--format", "json", "--disable-rule", "source.recipient.v1", str(article)]
        ).output
    )
    assert full["analysis_version"] != without["analysis_version"]
    told = [a for a in full["attributions"] if a["via"]]
    assert told and not [a for a in without["attributions"] if a["via"]]  # "told Reuters" no longer a medium


def test_an_unknown_rule_id_is_a_usage_error_that_says_where_the_ids_are(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(main, ["analyze", "--disable-rule", "cue.verbs.v1", str(article)])
    assert result.exit_code == 2
    assert "accordingto rules" in result.output


def test_analyze_and_ingest_read_inputs_with_the_same_options() -> None:
    from accordingto.cli.docs import commands

    def options(name: str) -> dict[str, str]:
        return {opt: p.name or "" for p in commands()[name].params if isinstance(p, click.Option) for opt in p.opts}

    analyze, ingest = options("analyze"), options("ingest")
    for shared in ("--input-format", "--urls", "--urls-file", "--fetch-timeout", "--max-bytes"):
        assert analyze[shared] == ingest[shared], shared
    assert analyze["--allow-private-addresses"] == ingest["--allow-private-addresses"]
    # the old names keep working, each with the meaning it had
    assert analyze["--timeout"] == analyze["--fetch-timeout"]
    assert ingest["--timeout"] == ingest["--lock-timeout"] != ingest["--fetch-timeout"]


def test_gender_from_names_is_asked_for_on_the_command_line(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "names.txt"
    path.write_text("Patricia Okafor said the deal was close.", encoding="utf-8")
    plain = json.loads(runner.invoke(main, ["analyze", "--format", "json", str(path)]).output)
    named = json.loads(runner.invoke(main, ["analyze", "--format", "json", "--gender-from-names", str(path)]).output)
    assert (plain["sources"][0]["gender"], plain["sources"][0]["gender_basis"]) == ("unknown", "none")
    assert (named["sources"][0]["gender"], named["sources"][0]["gender_basis"]) == ("female", "name")
    assert named["analysis_version"] != plain["analysis_version"]
