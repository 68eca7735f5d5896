"""The README works as pasted: its Python blocks run, and every `accordingto` command line
in it is accepted by the CLI (the command exists, its options exist, its arguments fit)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest

from accordingto.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
COMMAND_LINE = re.compile(r"accordingto [a-z]")  # not benchmark output such as "accordingto  all  0.717"
SHELL_STOPS = {"|", ">", ">>", "<", "&&", ";", "2>", "2>&1"}


def readme_blocks(language: str) -> list[str]:
    return [body for lang, body in FENCE.findall(README.read_text(encoding="utf-8")) if lang == language]


def readme_command_lines() -> list[str]:
    """Each `accordingto ...` line of the README's shell blocks, continuation lines joined."""
    lines = []
    for block in readme_blocks(""):
        joined = block.replace("\\\n", " ")
        lines += [line.strip() for line in joined.splitlines() if COMMAND_LINE.match(line.strip())]
    return lines


def command_words(line: str) -> list[str]:
    """The arguments the CLI receives: up to a pipe or redirection, comments dropped."""
    words = []
    for word in shlex.split(line, comments=True)[1:]:
        if word in SHELL_STOPS:
            break
        words.append(word)
    return words


def test_the_readme_has_python_blocks_and_command_lines() -> None:
    assert len(readme_blocks("python")) >= 3
    assert len(readme_command_lines()) >= 20


def test_the_readme_python_blocks_run_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The blocks use `text`, `html` and `many_texts` for the user's own articles; they get
    # the project's sample article, and one page of the fixtures.
    monkeypatch.chdir(tmp_path)
    sample_text = (ROOT / "examples" / "sample_article.txt").read_text(encoding="utf-8")
    html = (ROOT / "tests" / "fixtures" / "pages" / "harbor-council.html").read_text(encoding="utf-8")
    namespace: dict[str, object] = {"text": sample_text, "html": html, "many_texts": [sample_text, sample_text]}
    for block in readme_blocks("python"):
        exec(compile(block, str(README), "exec"), namespace)
    assert (tmp_path / "corpus.db").exists(), "the corpus block stores the analysis it made"


@pytest.mark.parametrize("line", readme_command_lines())
def test_every_readme_command_line_is_accepted_by_the_cli(line: str) -> None:
    try:
        parse_command_line(command_words(line))
    except click.BadParameter as exc:
        # The user's own files (article.txt, out/) are not here; everything else must parse.
        assert "does not exist" in exc.format_message(), exc.format_message()


def parse_command_line(words: list[str]) -> None:
    context = main.make_context("accordingto", list(words), resilient_parsing=False)
    group: click.Group = main
    args = context.protected_args + context.args
    while args:
        name, command, args = group.resolve_command(context, args)
        assert command is not None, f"no command {name!r}"
        context = command.make_context(name or "", args, parent=context)
        if not isinstance(command, click.Group):
            break
        group = command
        args = context.protected_args + context.args
