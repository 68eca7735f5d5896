"""Fetching pages over HTTP(S) with httpx, politely and within limits.

* a clear User-Agent naming the tool;
* a time limit for the whole request (connect to last byte) and a size limit, checked
  against Content-Length and again while the body streams in;
* redirects followed by hand (at most ``max_redirects``), so each hop is rate-limited and
  only http(s) targets are followed;
* at most ``concurrency`` requests at once, and requests to the same host spaced at
  least ``host_delay`` seconds apart;
* results come back in input order, with a bounded number of pages held in memory;
* links found in content (a feed's entries) are fetched only from public addresses
  (see :mod:`.addresses`), every redirect hop included, unless ``allow_private_addresses``:
  a feed must not make the tool read 127.0.0.1 or the private network. URLs the user
  gives are fetched wherever they point.

Every failure (timeout, refused connection, 404, a PDF served as HTML, a page over the
size limit) becomes an :class:`InputFailure` with one line naming the URL.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Final
from urllib.parse import urljoin, urlsplit

import httpx

from accordingto.errors import BinaryInputError, ExtractionError, FetchError, InputError
from accordingto.ingest.addresses import GuardedTransport, PrivateAddressError, is_public, literal_address
from accordingto.ingest.base import DEFAULT_MAX_BYTES, Document, InputFailure, Item, PendingFetch, check_size
from accordingto.ingest.detect import detect_kind, is_url
from accordingto.ingest.encoding import binary_kind, charset_from_content_type, decode_html, decode_text
from accordingto.ingest.feeds import iter_feed
from accordingto.version import __version__

DEFAULT_TIMEOUT: Final = 20.0
DEFAULT_CONCURRENCY: Final = 4
DEFAULT_HOST_DELAY: Final = 1.0
DEFAULT_MAX_REDIRECTS: Final = 5
DEFAULT_USER_AGENT: Final = f"accordingto/{__version__} (news sourcing analysis; python-httpx)"

_REDIRECT_CODES: Final = frozenset({301, 302, 303, 307, 308})
_HTML_TYPES: Final = frozenset({"text/html", "application/xhtml+xml"})
_FEED_TYPES: Final = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/feed+json", "application/xml", "text/xml"}
)
_TEXTUAL_PREFIXES: Final = ("text/", "application/json", "application/javascript", "application/xml")
_NOT_A_PAGE_HINT: Final = "give the address of an HTML article page or a feed"
_CHUNK: Final = 64 * 1024


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """How pages are fetched. ``timeout`` bounds a whole request, in seconds."""

    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    concurrency: int = DEFAULT_CONCURRENCY
    host_delay: float = DEFAULT_HOST_DELAY
    max_redirects: int = DEFAULT_MAX_REDIRECTS
    user_agent: str = DEFAULT_USER_AGENT
    #: let links found in content (feed entries) reach loopback and private addresses
    allow_private_addresses: bool = False


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """A successful response: the final URL after redirects, its media type and body."""

    url: str
    requested_url: str
    content_type: str
    body: bytes

    @property
    def media_type(self) -> str:
        return self.content_type.split(";", 1)[0].strip().lower()


@dataclass(slots=True)
class HostThrottle:
    """Spaces requests to the same host ``delay`` seconds apart, across threads."""

    delay: float
    _next: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self, host: str) -> None:
        if self.delay <= 0:
            return
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next.get(host, now))
            self._next[host] = slot + self.delay
        if slot > now:
            time.sleep(slot - now)


class Fetcher:
    """One httpx client and one throttle, shared by the worker threads."""

    def __init__(self, settings: FetchSettings, *, transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings
        self.throttle = HostThrottle(settings.host_delay)
        self.client = self._client(transport)
        # links found in content go through this one: it resolves each host and connects
        # only to the public address it checked (built on first use)
        self._transport = transport
        self._public_client: httpx.Client | None = None
        self._lock = threading.Lock()

    def _client(self, transport: httpx.BaseTransport | None) -> httpx.Client:
        return httpx.Client(
            headers={"User-Agent": self.settings.user_agent, "Accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
            timeout=httpx.Timeout(self.settings.timeout),
            limits=httpx.Limits(max_connections=self.settings.concurrency),
            follow_redirects=False,
            transport=transport,
        )

    def public_client(self) -> httpx.Client:
        with self._lock:
            if self._public_client is None:
                self._public_client = self._client(GuardedTransport(inner=self._transport or httpx.HTTPTransport()))
            return self._public_client

    def close(self) -> None:
        self.client.close()
        if self._public_client is not None:
            self._public_client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fetch(self, url: str, *, public_only: bool = False) -> FetchedPage:
        """The page at ``url`` after redirects, or a FetchError / InputTooLargeError.
        ``public_only``: refuse (PrivateAddressError) any hop to a non-public address."""
        _check_url(url)
        if public_only:
            _check_literal_host(url)
        client = self.public_client() if public_only else self.client
        deadline = time.monotonic() + self.settings.timeout
        current = url
        for _ in range(self.settings.max_redirects + 1):
            self.throttle.wait(urlsplit(current).netloc.lower())
            target = self._get(client, current, url, deadline)
            if isinstance(target, FetchedPage):
                return target
            current = target
        raise FetchError(f"{url}: more than {self.settings.max_redirects} redirects")

    def _get(self, client: httpx.Client, current: str, requested: str, deadline: float) -> FetchedPage | str:
        """A page, or the URL a redirect points to."""
        try:
            with client.stream("GET", current) as response:
                location = response.headers.get("location")
                if response.status_code in _REDIRECT_CODES and location:
                    target = urljoin(current, location)
                    _check_url(target, f"{requested} redirects to {target!r}, which")
                    return target
                if response.status_code >= 400:
                    reason = response.reason_phrase or "error"
                    raise FetchError(f"{requested}: HTTP {response.status_code} {reason}")
                length = response.headers.get("content-length", "")
                if length.isdigit():
                    check_size(int(length), self.settings.max_bytes, requested)
                body = self._read_body(response, requested, deadline)
                content_type = response.headers.get("content-type", "")
                return FetchedPage(str(response.url), requested, content_type, body)
        except httpx.TimeoutException:
            raise FetchError(f"{requested}: timed out after {self.settings.timeout:g} s") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"{requested}: {_describe(exc)}") from None

    def _read_body(self, response: httpx.Response, requested: str, deadline: float) -> bytes:
        body = bytearray()
        for chunk in response.iter_bytes(_CHUNK):
            body += chunk
            check_size(len(body), self.settings.max_bytes, requested)
            if time.monotonic() > deadline:
                raise FetchError(f"{requested}: timed out after {self.settings.timeout:g} s")
        return bytes(body)


def _check_url(url: str, what: str | None = None) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FetchError(f"{what or url} is not an http(s) URL", hint="give URLs starting with http:// or https://")


def _check_literal_host(url: str) -> None:
    """Refuse a literal non-public host before anything is sent: httpx rejects some forms
    the C resolver accepts (``0177.0.0.1``), and the message should say why it is refused."""
    host = urlsplit(url).hostname or ""
    literal = literal_address(host)
    if literal is not None and not is_public(literal):
        shown = host if str(literal) == host.strip("[]") else f"{host} ({literal})"
        raise PrivateAddressError(f"{shown} is not a public address: refused")


def _describe(exc: httpx.HTTPError) -> str:
    if isinstance(exc, httpx.ConnectError):
        return f"could not connect ({' '.join(str(exc).split()) or 'connection refused'})"
    return " ".join(str(exc).split()) or type(exc).__name__


# ------------------------------------------------------------ page -> items
def page_items(page: FetchedPage, pending: PendingFetch) -> list[Item]:
    """What a fetched page holds: one Document, or (for a feed the user named) its entries."""
    origin = pending.origin
    kind = binary_kind(page.body)
    if kind is not None:
        served = f" served as {page.media_type}" if page.media_type else ""
        raise BinaryInputError(f"{origin} is {kind}{served}, not an article page", hint=_NOT_A_PAGE_HINT)
    media = page.media_type
    looks = detect_kind(urlsplit(page.url).path, page.body[:8192])
    if pending.expand_feeds and (looks == "feed" or (media in _FEED_TYPES and looks not in ("html", "text"))):
        return list(iter_feed(page.body, origin, base_url=page.url))
    if media in _HTML_TYPES or looks == "html" or (not media and looks != "text"):
        decoded = decode_html(page.body, origin, http_charset=charset_from_content_type(page.content_type))
        return [_document(pending, page, html=decoded.text, meta=decoded.meta())]
    if media.startswith("text/") or not media:
        decoded = decode_text(page.body, origin)
        return [_document(pending, page, text=decoded.text, meta=decoded.meta())]
    if media.startswith(_TEXTUAL_PREFIXES):
        raise ExtractionError(f"{origin} is {media}, not an article page", hint=_NOT_A_PAGE_HINT)
    raise BinaryInputError(f"{origin} is {media}, not an article page", hint=_NOT_A_PAGE_HINT)


def _document(
    pending: PendingFetch,
    page: FetchedPage,
    *,
    meta: dict[str, object],
    html: str | None = None,
    text: str | None = None,
) -> Document:
    template = pending.template or Document(origin=pending.origin)
    merged = {**template.meta, **meta}
    if page.url != page.requested_url:
        merged["requested_url"] = page.requested_url
    return replace(template, origin=pending.origin, html=html, text=text, url=page.url, meta=merged)


def fetch_items(fetcher: Fetcher, pending: PendingFetch) -> list[Item]:
    """Fetch one pending page; any failure becomes an InputFailure naming it."""
    public_only = pending.linked and not fetcher.settings.allow_private_addresses
    try:
        return page_items(fetcher.fetch(pending.url, public_only=public_only), pending)
    except PrivateAddressError as exc:  # say which feed chose the address
        feed = pending.template.meta.get("feed") if pending.template else None
        source = f" (linked from {feed})" if feed else ""
        return [InputFailure(pending.origin, PrivateAddressError(f"{pending.url}{source}: {exc.message}"))]
    except InputError as exc:
        return [InputFailure(pending.origin, exc)]
    except Exception as exc:  # httpx.InvalidURL, an IDNA error...: one URL fails, not the batch
        detail = " ".join(str(exc).split()) or type(exc).__name__
        return [InputFailure(pending.origin, FetchError(f"{pending.url}: {detail}"))]


# ------------------------------------------------------------ url lists
def iter_url_list(text: str, origin: str) -> Iterator[PendingFetch | InputFailure]:
    """A PendingFetch per URL line of a list; blank lines and # comments are skipped."""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if is_url(line) and " " not in line:
            yield PendingFetch(url=line, origin=line)
        else:
            where = f"{origin}:{number}"
            yield InputFailure(where, FetchError(f"{where}: {line[:80]!r} is not an http(s) URL"))


# ------------------------------------------------------------ resolving
def resolve_fetches(
    items: Iterable[Item], settings: FetchSettings, *, transport: httpx.BaseTransport | None = None
) -> Iterator[Document | InputFailure]:
    """The items with every PendingFetch fetched, concurrently, in input order.

    Nothing is started (no client, no threads) until the first PendingFetch arrives.
    """
    stream = iter(items)
    for item in stream:
        if not isinstance(item, PendingFetch):
            yield item
            continue
        with Fetcher(settings, transport=transport) as fetcher, ThreadPoolExecutor(settings.concurrency) as pool:
            resolver = _Resolver(fetcher, pool, window=max(2 * settings.concurrency, 4))
            yield from resolver.run(_chain(item, stream))
        return


def _chain(first: Item, rest: Iterator[Item]) -> Iterator[Item]:
    yield first
    yield from rest


class _Resolver:
    """Keeps up to ``window`` fetches in flight and yields results in order."""

    def __init__(self, fetcher: Fetcher, pool: ThreadPoolExecutor, window: int) -> None:
        self.fetcher = fetcher
        self.pool = pool
        self.window = window

    def run(self, items: Iterable[Item]) -> Iterator[Document | InputFailure]:
        # the queue holds fetches in flight and, behind a fetch, items that are ready; it is
        # bounded, so a slow page ahead of a large WARC file does not pull the file into memory
        queue: deque[Item | Future[list[Item]]] = deque()
        try:
            for item in items:
                if isinstance(item, PendingFetch):
                    queue.append(self.pool.submit(fetch_items, self.fetcher, item))
                else:
                    queue.append(item)
                while queue and (len(queue) >= self.window or not isinstance(queue[0], Future)):
                    yield from self._emit(queue.popleft())
            while queue:
                yield from self._emit(queue.popleft())
        finally:
            for pending in queue:
                if isinstance(pending, Future):
                    pending.cancel()

    def _emit(self, head: Item | Future[list[Item]]) -> Iterator[Document | InputFailure]:
        if not isinstance(head, Future):
            assert not isinstance(head, PendingFetch)
            yield head
            return
        results = head.result()
        if any(isinstance(r, PendingFetch) for r in results):  # a feed's entries
            yield from self.run(results)
        else:
            yield from (r for r in results if not isinstance(r, PendingFetch))
