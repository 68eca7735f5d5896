"""Running the app with uvicorn: what ``accordingto serve`` calls.

With ``workers > 1`` uvicorn starts that many processes, each with its own app (its own
pipeline and corpus connections): a process per core is how a Python server uses more
than one core, since the analysis and most of a query's work hold the GIL. The options
reach the worker processes as JSON in an environment variable.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from accordingto.serve.config import DEFAULT_HOST, DEFAULT_PORT, LOOPBACK_HOSTS, Limits
from accordingto.serve.protocol import protocol
from accordingto.settings import Settings

log = logging.getLogger("accordingto.serve")
OPTIONS_ENV = "ACCORDINGTO_SERVE_OPTIONS"


@dataclass(frozen=True, slots=True)
class ServeOptions:
    db: Path
    host: str | None = None  # None: loopback (127.0.0.1)
    port: int = DEFAULT_PORT
    allow_writes: bool = False
    allow_private_urls: bool = False
    settings: Settings = field(default_factory=Settings)
    limits: Limits = field(default_factory=Limits)
    workers: int = 1
    access_log: bool = True
    log_level: str = "info"
    #: review enabled (/api/review), with the operator's token (never in repr or logs)
    review: bool = False
    review_token: str | None = field(default=None, repr=False)

    def to_json(self) -> str:
        data = asdict(self)
        data["db"] = str(self.db)
        return json.dumps(data)

    @classmethod
    def from_json(cls, text: str) -> ServeOptions:
        data = json.loads(text)
        return cls(
            **{
                **data,
                "db": Path(data["db"]),
                "settings": Settings(**data["settings"]),
                "limits": Limits(**data["limits"]),
            }
        )


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind_address(options: ServeOptions) -> tuple[str, tuple[str, ...] | None]:
    """The address to listen on, and the Host names to answer (None: any). A server is
    reached over the network only when a --host was given explicitly; on loopback it
    answers only to the loopback names, which stops DNS rebinding."""
    host = options.host or DEFAULT_HOST
    if is_loopback(host):
        return host, LOOPBACK_HOSTS
    return host, None


def warnings_for(options: ServeOptions, host: str) -> list[str]:
    found = []
    if not is_loopback(host):
        found.append(f"listening on {host}: anyone who can reach this machine can read the corpus")
        if options.allow_writes:
            found.append("--allow-writes on a network address: anyone who can reach it can store and delete articles")
        if options.review:
            found.append(
                "--review on a network address: over plain http the review token and session cookie travel "
                "unencrypted; serve it behind HTTPS"
            )
    return found


def build_app(options: ServeOptions) -> FastAPI:
    from accordingto.serve.app import create_app
    from accordingto.serve.review_auth import ReviewAccess, install_redaction

    _, trusted = bind_address(options)
    review = None
    if options.review:
        assert options.review_token is not None
        review = ReviewAccess(options.review_token)
        install_redaction(options.review_token)  # in every worker process: uvicorn logs request lines
    return create_app(
        options.db,
        allow_writes=options.allow_writes,
        allow_private_urls=options.allow_private_urls,
        settings=options.settings,
        limits=options.limits,
        trusted_hosts=trusted,
        preload=True,
        review=review,
    )


def app_from_environment() -> FastAPI:
    """The app of one worker process (uvicorn's factory when ``workers > 1``)."""
    return build_app(ServeOptions.from_json(os.environ[OPTIONS_ENV]))


#: A request head larger than this is refused by h11 (uvicorn's default, said here).
MAX_HEAD_BYTES = 16 * 1024
#: Seconds an idle keep-alive connection stays open after a response.
KEEP_ALIVE = 5


def uvicorn_settings(header_timeout: float) -> dict[str, Any]:
    """The uvicorn options that bound what one connection may hold: the h11 protocol with a
    deadline for each request head (uvicorn has none of its own: see serve/protocol.py), a
    short keep-alive, and h11's limit on the size of a head."""
    return {
        "http": protocol(header_timeout),
        "timeout_keep_alive": min(KEEP_ALIVE, header_timeout),
        "h11_max_incomplete_event_size": MAX_HEAD_BYTES,
    }


def run(options: ServeOptions) -> None:
    """Create the corpus when missing, load the pipeline, and serve until Ctrl-C."""
    import uvicorn

    from accordingto.serve.app import open_corpus

    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(name)s: %(message)s")
    # a corpus that cannot be used stops the command here, with its error
    open_corpus(options.db, allow_writes=options.allow_writes or options.review).close()
    host, _ = bind_address(options)
    for warning in warnings_for(options, host):
        log.warning(warning)
    shown = f"[{host}]" if ":" in host else host
    mode = "read-write" if options.allow_writes else "read-only"
    if options.review:
        mode += ", review enabled"
    log.info(
        "serving %s (%s, %d worker%s) on http://%s:%d  (API reference: /docs)",
        options.db,
        mode,
        options.workers,
        "s" if options.workers > 1 else "",
        shown,
        options.port,
    )
    app: str | FastAPI
    if options.workers > 1:
        os.environ[OPTIONS_ENV] = options.to_json()
        app = "accordingto.serve.server:app_from_environment"
    else:
        app = build_app(options)
    uvicorn.run(
        app,
        factory=options.workers > 1,
        workers=options.workers,
        host=host,
        port=options.port,
        log_level=options.log_level,
        access_log=options.access_log,
        server_header=False,
        timeout_graceful_shutdown=5,
        **uvicorn_settings(options.limits.header_timeout),
    )
