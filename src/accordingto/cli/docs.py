"""docs/cli.md from the commands themselves: every command, its help and every option.

    python -m accordingto.cli.docs > docs/cli.md

A test fails when the page and the commands disagree, and when a command or an option has no
help text (as sqlite-utils' tests/test_docs.py does).
"""

from __future__ import annotations

import sys

import click

from accordingto.cli import COMMANDS, main


def commands() -> dict[str, click.Command]:
    ctx = click.Context(main)
    found = {}
    for name in sorted(COMMANDS):
        command = main.get_command(ctx, name)
        assert command is not None
        found[name] = command
    return found


def cli_markdown() -> str:
    lines = [
        "# Command reference",
        "",
        "Generated from the commands by `python -m accordingto.cli.docs > docs/cli.md`; a test",
        "checks that it is current. `accordingto COMMAND --help` prints the same.",
        "",
    ]
    for name, command in commands().items():
        # click keeps the help option of the first context that asked for it; a command run on
        # its own (a test) would leave "--help" where `accordingto` gives "-h, --help"
        command._help_option = None
        ctx = click.Context(
            command,
            info_name=f"accordingto {name}",
            terminal_width=100,
            max_content_width=100,
            # as when run under `accordingto`, whose settings give "-h" too
            help_option_names=main.context_settings.get("help_option_names", ["--help"]),
        )
        lines += [f"## accordingto {name}", "", "```", command.get_help(ctx).rstrip(), "```", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(cli_markdown())
