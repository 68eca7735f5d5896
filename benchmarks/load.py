"""Load benchmark of ``accordingto serve``: 50 concurrent clients against a live server.

1. The corpus: the 100,000-article synthetic corpus of ``benchmarks/corpus.py``
   (``benchmarks/out/synthetic.db``), reused when present, built the same way when not
   (analysis of 1,000 PolNeAR texts, then 100,000 synthetic articles: about 17 minutes).
2. The server: ``python -m accordingto serve --db ... --port ... --workers 2`` in a
   subprocess, as a user runs it (read-only, its default limits), one process per core:
   within one process the corpus threads do not use both cores (docs/serve.md, Measured).
3. The load: a local generator in this process (50 concurrent clients on asyncio streams,
   one keep-alive connection each, each sending its next request as soon as the last one
   is answered) for a fixed number of requests per scenario: ``GET /api/search`` (a mix of
   queries and filters), ``GET /api/stats`` (the dashboard's queries) and ``POST
   /api/analyze`` (the sample article). Every response is checked: status 200 and the
   expected shape (for analyze, the same attributions as the first answer). Requests/s,
   p50 and p99 latency are printed, with the CPU the server and the generator used.
4. Memory: the server's resident memory (VmRSS) before, during and after 10,000 analyze
   requests. These use the sample article with its people renamed for each request (new
   names are new strings for spaCy's vocabulary; the same text 10,000 times would add none
   and prove nothing), so they show whether ``memory_zone`` keeps the vocabulary flat.

The generator shares the machine's cores with the server, so the rates are a lower bound
of what the server does alone. Every request goes to 127.0.0.1; the run is bounded in
requests and stops by itself.

    .venv/bin/python benchmarks/load.py                          # the full run (about 20 minutes)
    .venv/bin/python benchmarks/load.py --requests 500 --memory-requests 500   # a quick look
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

import httpx

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
SAMPLE = ROOT / "examples" / "sample_article.txt"
#: The searches of benchmarks/corpus.py (docs/database.md, "Measured"), as API queries;
#: SOURCE becomes the corpus's most quoted person.
SEARCHES = [
    "q=that",
    "q=that&order=-date",
    "q=time",
    "q=beltway",
    "q=was+seventeen&mode=phrase",
    "q=time&order=-date",
    "q=time&named=false&outlet=Outlet+A&since=2016-01",
    "q=time&source=SOURCE",
    "q=time&kind=organization&type=direct",
    "q=campaign&offset=20",
]
STATS = [
    "",
    "by=outlet",
    "by=month",
    "by=month&outlet=Outlet+A",
    "by=outlet&since=2016-01&until=2016-06",
]
#: Names in the sample article, renamed per request in the memory run.
NAMES = ["Calloway", "Osei", "Nandakumar", "Halden", "Eastfield", "Port Halden", "Priya", "Martin", "Ines"]


def percentiles(seconds: list[float]) -> tuple[float, float]:
    """p50 and p99 in milliseconds (nearest rank)."""
    ms = sorted(x * 1000 for x in seconds)
    return statistics.median(ms), ms[min(len(ms) - 1, round(0.99 * (len(ms) - 1)))]


@dataclass
class Result:
    label: str
    latencies: list[float] = field(default_factory=list)
    per_path: dict[str, list[float]] = field(default_factory=dict)
    wrong: list[str] = field(default_factory=list)
    seconds: float = 0.0
    server_cpu: float = 0.0  # CPU seconds the server's processes used meanwhile
    client_cpu: float = 0.0  # and this generator

    def line(self) -> str:
        done = len(self.latencies)
        p50, p99 = percentiles(self.latencies)
        return (
            f"  {self.label:<44} {done:>6,} requests {done / self.seconds:7.1f} req/s"
            f"   p50 {p50:7.1f} ms   p99 {p99:7.1f} ms   wrong answers: {len(self.wrong)}"
        )

    def cpu_line(self) -> str:
        """Where the two cores went: a server using both leaves nothing to gain but by less work."""
        done = len(self.latencies)
        return (
            f"      CPU: server {self.server_cpu / self.seconds:.2f} cores "
            f"({self.server_cpu / done * 1000:.1f} ms per request), "
            f"load generator {self.client_cpu / self.seconds:.2f} cores"
        )

    def breakdown(self) -> list[str]:
        lines = []
        for path, seconds in self.per_path.items():
            p50, p99 = percentiles(seconds)
            lines.append(f"      {path[:72]:<72} p50 {p50:7.1f} ms   p99 {p99:7.1f} ms")
        return lines


# ------------------------------------------------------------------ the corpus
def ensure_corpus(db: Path, articles: int, synthetic: int) -> str:
    if db.exists():
        return f"reused {db}: {describe(db)}"
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import SHARED, build_synthetic, generated_documents, polnear_documents, repeated

    from accordingto.analyze.analyzer import Analyzer
    from accordingto.distributed.partition import analyze_documents
    from accordingto.settings import Settings

    text_dir = SHARED / "data" / "polnear" / "train" / "text"
    base = polnear_documents(SHARED) if text_dir.is_dir() else generated_documents(300)
    analyzer = Analyzer(Settings.from_env())
    templates = [o.analysis for o in analyze_documents(repeated(base, articles), analyzer) if o.analysis]
    db.parent.mkdir(parents=True, exist_ok=True)
    built = build_synthetic(templates, synthetic, db)
    return f"built {db} in {built['seconds']:.0f} s: {describe(db)}"


def describe(db: Path) -> str:
    from accordingto.query import Corpus

    with Corpus(db, create=False, readonly=True) as corpus:
        counts = corpus.counts()
    size = db.stat().st_size / 1e9
    return f"{counts['articles']:,} articles, {counts['attributions']:,} attributions, {size:.2f} GB"


# ------------------------------------------------------------------ the server
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def process_tree(pid: int) -> list[int]:
    """The process and its descendants (uvicorn's worker processes)."""
    found = [pid]
    for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
        found += process_tree(int(child))
    return found


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of the server: the process and its worker processes, summed."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for member in process_tree(pid):
        fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime (proc(5))
    return total


def rss_mb(pid: int) -> float:
    """Resident memory of the server: the process and its worker processes, summed."""
    total = 0
    for member in process_tree(pid):
        with open(f"/proc/{member}/status", encoding="ascii") as status:
            match = re.search(r"VmRSS:\s+(\d+) kB", status.read())
        total += int(match.group(1)) if match else 0
    return total / 1024


def start_server(db: Path, port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "accordingto", "serve", "--db", str(db), "--port", str(port)]
    command += ["--workers", str(workers)]
    with log.open("wb") as handle:  # its access log: a pipe nobody reads would fill and block it
        server = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped: {log.read_text()[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/articles?limit=1", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    server.kill()
    raise SystemExit("the server did not answer within 120 s")


# ------------------------------------------------------------------ checks
def check_page(body: Any, key: str) -> str | None:
    if not isinstance(body, dict) or not isinstance(body.get("items"), list) or "next_offset" not in body:
        return "not a page"
    if body["items"] and key not in body["items"][0]:
        return f"items without {key}"
    return None


def search_check(body: Any) -> str | None:
    return check_page(body, "attribution_id") or (None if body["items"] else "no results")


def stats_check(body: Any) -> str | None:
    return check_page(body, "anonymous_share") or (None if body["items"] else "no rows")


def analyze_check(expected: int) -> Callable[[Any], str | None]:
    def check(body: Any) -> str | None:
        if not isinstance(body, dict) or body.get("schema") != "accordingto/1":
            return "not schema accordingto/1"
        if len(body.get("attributions", [])) != expected:
            return f"{len(body.get('attributions', []))} attributions instead of {expected}"
        return None

    return check


# ------------------------------------------------------------------ the load
class Connection:
    """One client: one keep-alive HTTP/1.1 connection, one request at a time.

    A minimal client on asyncio streams, because httpx's AsyncClient spends about 4 ms of
    CPU per request with 50 connections open: on two cores it, not the server, would set
    the pace. This one needs a fraction of that, and still reads and checks every answer."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, body: Any = None) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        payload = b"" if body is None else json.dumps(body).encode()
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nAccept: application/json\r\n"
        if body is not None:
            head += f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n"
        self.writer.write(head.encode() + b"\r\n" + payload)
        status_line = await self.reader.readuntil(b"\r\n")
        headers = await self.reader.readuntil(b"\r\n\r\n")
        length = re.search(rb"(?i)\r\ncontent-length:\s*(\d+)", b"\r\n" + headers)
        if length is None:
            raise RuntimeError(f"{path}: an answer without Content-Length")
        content = await self.reader.readexactly(int(length.group(1)))
        if re.search(rb"(?i)\r\nconnection:\s*close", b"\r\n" + headers):
            await self.close()
        return int(status_line.split()[1]), content

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            await self.writer.wait_closed()
        self.reader = self.writer = None


async def run_load(
    host: str,
    port: int,
    pid: int,
    label: str,
    make_request: Callable[[int], tuple[str, str, Any]],
    check: Callable[[Any], str | None],
    *,
    total: int,
    clients: int,
    on_progress: Callable[[int], None] | None = None,
) -> Result:
    """``clients`` connections share ``total`` requests; each sends its next as soon as its last is answered."""
    result = Result(label)
    counter = iter(range(total))
    done = 0

    async def worker() -> None:
        nonlocal done
        connection = Connection(host, port)
        try:
            for number in counter:
                method, path, body = make_request(number)
                started = time.perf_counter()
                status, content = await connection.request(method, path, body)
                elapsed = time.perf_counter() - started
                result.latencies.append(elapsed)
                result.per_path.setdefault(path.split("?")[0] if body is not None else path, []).append(elapsed)
                done += 1
                if status != 200:
                    result.wrong.append(f"{path}: HTTP {status} {content[:200]!r}")
                else:
                    problem = check(json.loads(content))
                    if problem:
                        result.wrong.append(f"{path}: {problem}")
                if on_progress is not None:
                    on_progress(done)
        finally:
            await connection.close()

    server_before, client_before = cpu_seconds(pid), time.process_time()
    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(clients)))
    result.seconds = time.perf_counter() - started
    result.server_cpu = cpu_seconds(pid) - server_before
    result.client_cpu = time.process_time() - client_before
    return result


def renamed(text: str, number: int) -> str:
    """The sample article with its people and places given names no earlier request used."""
    for index, name in enumerate(NAMES):
        text = text.replace(name, f"{name}{chr(97 + number % 26)}{number:05d}x{index}")
    return text


async def benchmark(host: str, port: int, pid: int, args: argparse.Namespace) -> list[str]:
    base = f"http://{host}:{port}"
    sample = SAMPLE.read_text(encoding="utf-8")
    lines: list[str] = []
    async with httpx.AsyncClient(base_url=base, timeout=120) as warm:
        top = (await warm.get("/api/sources?named=true&kind=person&limit=1")).json()["items"][0]
        searches = [q.replace("SOURCE", quote_plus(top["name"])) for q in SEARCHES]
        for query in searches:
            assert (await warm.get(f"/api/search?{query}")).status_code == 200, query
        for query in STATS:
            assert (await warm.get(f"/api/stats?{query}")).status_code == 200, query
        first = (await warm.post("/api/analyze", json={"text": sample})).json()
    expected = len(first["attributions"])

    async def scenario(
        label: str,
        make_request: Callable[[int], tuple[str, str, Any]],
        check: Callable[[Any], str | None],
        total: int,
        *,
        per_query: bool = True,
        on_progress: Callable[[int], None] | None = None,
    ) -> Result:
        """One load run, its rate and CPU lines (and a latency line per query) added to ``lines``."""
        result = await run_load(
            host, port, pid, label, make_request, check, total=total, clients=args.clients, on_progress=on_progress
        )
        lines.extend([result.line(), result.cpu_line(), *(result.breakdown() if per_query else [])])
        return result

    search = await scenario(
        f"GET /api/search ({len(searches)} queries in turn)",
        lambda n: ("GET", f"/api/search?{searches[n % len(searches)]}", None),
        search_check,
        args.requests,
    )
    stats = await scenario(
        f"GET /api/stats ({len(STATS)} queries in turn)",
        lambda n: ("GET", f"/api/stats?{STATS[n % len(STATS)]}", None),
        stats_check,
        args.requests,
    )
    analyze = await scenario(
        "POST /api/analyze (sample article)",
        lambda n: ("POST", "/api/analyze", {"text": sample}),
        analyze_check(expected),
        args.analyze_requests,
        per_query=False,  # one request, sent over and over
    )
    for result in (search, stats, analyze):
        for wrong in result.wrong[:5]:
            lines.append(f"    wrong: {wrong}")

    if not args.memory_requests:
        return lines
    lines.append("")
    before = rss_mb(pid)
    samples: list[tuple[int, float]] = [(0, before)]
    step = max(1, args.memory_requests // 10)

    def progress(done: int) -> None:
        if done % step == 0:
            samples.append((done, rss_mb(pid)))

    memory = await scenario(
        f"POST /api/analyze x {args.memory_requests:,} (new names each)",
        lambda n: ("POST", "/api/analyze", {"text": renamed(sample, n)}),
        lambda body: None if body.get("schema") == "accordingto/1" else "not schema accordingto/1",
        args.memory_requests,
        per_query=False,
        on_progress=progress,
    )
    after = rss_mb(pid)
    lines.append(
        f"  server RSS: {before:.0f} MB before, {after:.0f} MB after "
        f"({after - before:+.0f} MB); peak seen {max(m for _, m in [*samples, (0, after)]):.0f} MB"
    )
    shown = sorted(dict(samples).items())
    lines.append("  RSS along the way (requests done: MB): " + ", ".join(f"{n:,}: {m:.0f}" for n, m in shown))
    for wrong in memory.wrong[:5]:
        lines.append(f"    wrong: {wrong}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=OUT / "synthetic.db")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2, help="accordingto serve --workers (2: one per core here)")
    parser.add_argument("--requests", type=int, default=5000, help="requests per query scenario (search, stats)")
    parser.add_argument("--analyze-requests", type=int, default=1000)
    parser.add_argument("--memory-requests", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=1000, help="analysed templates, when building the corpus")
    parser.add_argument("--synthetic", type=int, default=100_000, help="articles, when building the corpus")
    args = parser.parse_args(argv)

    print(f"python benchmarks/load.py {' '.join(argv if argv is not None else sys.argv[1:])}".rstrip())
    print(
        f"machine: {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"load average at start {os.getloadavg()[0]:.2f} (1 min)"
    )
    print(f"corpus: {ensure_corpus(args.db, args.articles, args.synthetic)}")
    port = free_port()
    server = start_server(args.db, port, args.workers, OUT / "load-server.log")
    try:
        print(
            f"server: accordingto serve --workers {args.workers} (uvicorn, pid {server.pid}), "
            f"{args.clients} concurrent clients"
        )
        print(f"  server RSS after start: {rss_mb(server.pid):.0f} MB")
        for line in asyncio.run(benchmark("127.0.0.1", port, server.pid, args)):
            print(line, flush=True)
        print(f"load average at the end {os.getloadavg()[0]:.2f} (1 min)")
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
