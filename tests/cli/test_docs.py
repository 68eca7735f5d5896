"""Every command and option has help, and docs/cli.md is the commands' own help."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from accordingto.cli.docs import cli_markdown, commands

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


@pytest.mark.parametrize("name", sorted(commands()))
def test_every_command_and_option_has_help(name: str) -> None:
    command = commands()[name]
    assert command.help and len(command.help.split()) >= 5, f"{name} has no help"
    assert "Example" in command.help, f"{name} shows no example"
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"{name} {'/'.join(param.opts)} has no help"


def test_docs_cli_md_is_the_commands_help() -> None:
    assert DOCS.read_text(encoding="utf-8") == cli_markdown(), (
        "regenerate: python -m accordingto.cli.docs > docs/cli.md"
    )
