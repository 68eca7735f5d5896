"""The command line: a thin layer over the Python API.

Each command lives in its own module and is loaded only when it runs, so
``accordingto --help`` stays fast and optional extras (Spark, the web server) are
imported only by the commands that need them.

Exit codes: 0 success; 1 some inputs could not be analysed (the rest were); 2 usage
error; 3 the spaCy pipeline or another requirement is missing; 4 the corpus database
could not be used; 130 interrupted.
"""

from __future__ import annotations

import importlib

import click

from accordingto.version import __version__

#: command name -> "module:attribute"; each module adds one line here.
COMMANDS: dict[str, str] = {
    "analyze": "accordingto.cli.analyze:analyze",
    "check": "accordingto.cli.check:check",
    "eval": "accordingto.cli.evaluate:evaluate",
    "export": "accordingto.cli.corpus:export",
    "ingest": "accordingto.cli.corpus:ingest",
    "quote-trail": "accordingto.cli.corpus:quote_trail",
    "rules": "accordingto.cli.rules:rules",
    "search": "accordingto.cli.corpus:search",
    "serve": "accordingto.cli.serve:serve",
    "source": "accordingto.cli.corpus:source",
    "sources": "accordingto.cli.corpus:sources",
    "stats": "accordingto.cli.corpus:stats",
    "spark": "accordingto.cli.spark:spark",
    "voices": "accordingto.cli.voices:voices",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, _, attr = target.partition(":")
        command: click.Command = getattr(importlib.import_module(module), attr)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="accordingto")
def main() -> None:
    """According to whom? Find every attribution in news articles and who it rests on.

    \b
    Example:
      accordingto analyze article.txt
      accordingto analyze --format jsonl articles/ > maps.jsonl
    """
