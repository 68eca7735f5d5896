"""Spark in local mode against the local command, at equal cores, on the same 500 articles.

    .venv/bin/python benchmarks/spark.py [--texts ../shared/data/polnear/train/text] [--articles 500]
                                         [--pages ../shared/data/article-extraction/html] [--runs 2]

Two inputs, written once to a temporary folder:

* text: 500 PolNeAR train texts as one JSONL file (the project's own texts with variations
  when ../shared is absent);
* warc: news pages of the article-extraction benchmark written into 4 WARC.gz files, as
  CC-NEWS is (HTML: extraction with trafilatura, then the analysis).

For each input, every figure is a wall time over the whole input:

1. local, 1 process: what ``accordingto analyze --format jsonl`` runs (iter_documents,
   analyze_documents, each analysis serialised to JSON), pipeline already loaded, best of
   --runs after a warm-up run;
2. local --jobs 2: analyze_parallel, as ``analyze --jobs 2`` runs it (each run starts its 2
   worker processes, which load the pipeline);
3. Spark local[1] and local[2], each in a fresh process: ``run_job`` (plan, analyse, write the
   five Parquet tables and summary.json): the first job of the session (its Python workers
   load the pipeline), then the best of --runs more jobs (workers reused, as on a cluster
   after the first task); the session's start-up apart. While they run, the resident memory
   of every Spark Python worker and of the JVM is sampled from /proc every 0.2 s.

Prints articles/s, the ratio of Spark to the local command at equal cores (1 is no
overhead), and peak memory; then the per-core rate the CC-NEWS projection in docs/spark.md uses.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import json
import os
import platform
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from _common import ROOT, peak_rss_mb, run_child

SHARED = ROOT.parent / "shared" / "data"
DEFAULT_TEXTS = SHARED / "polnear" / "train" / "text"
DEFAULT_PAGES = SHARED / "article-extraction" / "html"
WARC_FILES = 4


# ------------------------------------------------------------------ inputs
def text_records(folder: Path, count: int) -> tuple[list[dict[str, str]], str]:
    paths = sorted(folder.glob("*.txt"))[:count] if folder.is_dir() else []
    if len(paths) == count:
        return [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in paths], f"{count} PolNeAR train texts"
    own = [ROOT / "examples" / "sample_article.txt", *sorted((ROOT / "tests" / "fixtures" / "texts").glob("*.txt"))]
    texts = [p.read_text(encoding="utf-8") for p in own]
    records = [
        {"id": f"own-{n}", "text": texts[n % len(texts)] + f"\n\n(Copy {n}.) " + texts[(n + 1) % len(texts)]}
        for n in range(count)
    ]
    return records, f"{count} variations of the project's {len(texts)} own texts (../shared is absent)"


def write_warcs(pages: Path, folder: Path) -> tuple[list[Path], str]:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    sources = sorted(pages.glob("*.html.gz")) if pages.is_dir() else []
    urls: dict[str, str] = {}
    truth = pages.parent / "ground-truth.json"
    if sources and truth.exists():
        urls = {k: v.get("url", "") for k, v in json.loads(truth.read_text(encoding="utf-8")).items()}
        bodies = [
            (urls.get(p.name.split(".")[0]) or f"https://page.example/{p.name}", gzip.decompress(p.read_bytes()))
            for p in sources
        ]
        label = f"{len(bodies)} news pages of the article-extraction benchmark, in each of {WARC_FILES} WARC.gz files"
    else:
        own = sorted((ROOT / "tests" / "fixtures" / "pages").glob("*.html"))
        bodies = [(f"https://page.example/{p.name}", p.read_bytes()) for p in own] * 40
        label = f"{len(bodies)} copies of the project's own pages in each of {WARC_FILES} WARC.gz files"
    files = []
    for n in range(WARC_FILES):
        path = folder / f"crawl-{n}.warc.gz"
        with path.open("wb") as stream:
            writer = WARCWriter(stream, gzip=True)
            for url, body in bodies:
                headers = StatusAndHeaders(
                    "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
                )
                record = writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=headers,
                    warc_headers_dict={"WARC-Date": "2024-03-12T09:15:00Z"},
                )  # fmt: skip
                writer.write_record(record)
        files.append(path)
    return files, label


# ------------------------------------------------------------------ timing
def best_of(runs: int, func: Callable[[], int]) -> tuple[float, list[float], int]:
    times, n = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        n = func()
        times.append(time.perf_counter() - start)
    return min(times), times, n


def local_single(inputs: list[str], runs: int) -> dict[str, Any]:
    from accordingto.analyze.analyzer import Analyzer
    from accordingto.distributed.partition import analyze_documents
    from accordingto.ingest import iter_documents
    from accordingto.settings import Settings

    analyzer = Analyzer(Settings())

    def run() -> int:
        n = 0
        for outcome in analyze_documents(iter_documents(inputs), analyzer):
            if outcome.analysis is not None:
                json.dumps(outcome.analysis.to_dict(), ensure_ascii=False)
            n += 1
        return n

    run()  # warm-up
    best, times, n = best_of(runs, run)
    return {"seconds": best, "times": times, "articles": n}


def local_jobs(inputs: list[str], runs: int, jobs: int) -> dict[str, Any]:
    from accordingto.distributed.partition import analyze_parallel
    from accordingto.ingest import iter_documents
    from accordingto.settings import Settings

    def run() -> int:
        n = 0
        for outcome in analyze_parallel(iter_documents(inputs), Settings(jobs=jobs), jobs=jobs):
            if outcome.analysis is not None:
                json.dumps(outcome.analysis.to_dict(), ensure_ascii=False)
            n += 1
        return n

    best, times, n = best_of(runs, run)
    return {"seconds": best, "times": times, "articles": n}


# ------------------------------------------------------------------ memory of Spark's processes
def _proc(pid: int) -> tuple[int, str, float] | None:
    """(parent pid, command line, RSS in MB) of a process, or None when it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        rss = next(
            int(line.split()[1]) / 1024
            for line in Path(f"/proc/{pid}/status").read_text().splitlines()
            if line.startswith("VmRSS:")
        )
    except (OSError, StopIteration, ValueError, IndexError):
        return None
    return ppid, cmdline, rss


class MemorySampler:
    """Peak RSS of this process's descendants: the JVM, the PySpark daemon, its Python workers."""

    def __init__(self) -> None:
        self.peaks: dict[int, tuple[str, float]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            table = {}
            for entry in os.listdir("/proc"):
                if entry.isdigit() and (info := _proc(int(entry))) is not None:
                    table[int(entry)] = info
            for pid, (ppid, cmdline, rss) in table.items():
                ancestor, depth = ppid, 0
                while ancestor not in (me, 0, 1) and ancestor in table and depth < 10:
                    ancestor, depth = table[ancestor][0], depth + 1
                if ancestor != me:
                    continue
                parent_cmd = table.get(ppid, (0, "", 0.0))[1]
                if "java" in cmdline.split(" ", 1)[0]:
                    role = "jvm"
                elif "pyspark.daemon" in cmdline and "pyspark.daemon" in parent_cmd:
                    role = "worker"
                elif "pyspark.daemon" in cmdline:
                    role = "daemon"
                else:
                    continue
                self.peaks[pid] = (role, max(rss, self.peaks.get(pid, (role, 0.0))[1]))
            self._stop.wait(0.2)

    def peak(self, role: str) -> float:
        return max((rss for r, rss in self.peaks.values() if r == role), default=0.0)

    def count(self, role: str) -> int:
        return sum(1 for r, _ in self.peaks.values() if r == role)


def spark_child(master: str, inputs: list[str], runs: int, out: str) -> None:
    """One Spark leg in this (fresh) process; prints one JSON line."""
    from accordingto.distributed.spark_job import SparkJobOptions, run_job, spark_session

    with MemorySampler() as memory:
        start = time.perf_counter()
        spark, _ = spark_session(master, conf={"spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false"})
        spark.sparkContext.setLogLevel("ERROR")
        startup = time.perf_counter() - start
        options = SparkJobOptions(inputs=tuple(inputs), output=out, overwrite=True)
        first = run_job(spark, options)
        summaries = [run_job(spark, options) for _ in range(runs)]
        spark.stop()
    best = min(summaries, key=lambda s: s.seconds)
    print(
        json.dumps(
            {
                "startup": startup,
                "first": first.seconds,
                "seconds": best.seconds,
                "times": [s.seconds for s in summaries],
                "articles": best.records_in,
                "failures": best.failures,
                "tasks": best.tasks,
                "cores": best.cores,
                "worker_rss_mb": memory.peak("worker"),
                "workers": memory.count("worker"),
                "daemon_rss_mb": memory.peak("daemon"),
                "jvm_rss_mb": memory.peak("jvm"),
            }
        )
    )


def spark_leg(master: str, inputs: list[str], runs: int, out: Path) -> dict[str, Any]:
    args = ("--child-spark", master, "--runs", str(runs), "--out", str(out), "--", *inputs)
    return run_child(__file__, *args, env={**os.environ, "PYSPARK_PYTHON": sys.executable})


# ------------------------------------------------------------------ report
@contextlib.contextmanager
def section(title: str) -> Iterator[None]:
    print(f"\n{title}", flush=True)
    yield


def load_line() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f}"


def bench_input(name: str, inputs: list[str], label: str, runs: int, tmp: Path) -> dict[str, Any]:
    with section(f"{name}: {label}"):
        single = local_single(inputs, runs)
        n = single["articles"]
        print(
            f"  local, 1 process          {single['seconds']:7.1f} s  {n / single['seconds']:6.2f} articles/s",
            flush=True,
        )
        jobs = local_jobs(inputs, runs, 2)
        print(
            f"  local --jobs 2            {jobs['seconds']:7.1f} s  {n / jobs['seconds']:6.2f} articles/s", flush=True
        )
        result: dict[str, Any] = {"articles": n, "single": single, "jobs2": jobs}
        for master, key in (("local[1]", "spark1"), ("local[2]", "spark2")):
            leg = spark_leg(master, inputs, runs, tmp / f"out-{name}-{key}")
            assert leg["articles"] == n, (leg["articles"], n)
            result[key] = leg
            print(
                f"  Spark {master:9s}          {leg['seconds']:7.1f} s  {n / leg['seconds']:6.2f} articles/s"
                f"  (first job {leg['first']:.1f} s: {n / leg['first']:.2f} articles/s;"
                f" session start {leg['startup']:.1f} s; {leg['tasks']} tasks)",
                flush=True,
            )
        r1 = single["seconds"] / result["spark1"]["seconds"]
        r2 = jobs["seconds"] / result["spark2"]["seconds"]
        r2s = single["seconds"] / 2 / result["spark2"]["seconds"]
        print(f"  Spark/local at 1 core:  {r1:.3f}  (overhead {100 * (1 - r1):+.1f}%)")
        print(f"  Spark/local at 2 cores: {r2:.3f} against --jobs 2 (overhead {100 * (1 - r2):+.1f}%),"
              f" {r2s:.3f} against twice 1 process")  # fmt: skip
        s1, s2 = result["spark1"], result["spark2"]
        print(
            f"  memory: Spark Python worker peak {max(s1['worker_rss_mb'], s2['worker_rss_mb']):.0f} MB"
            f" ({s2['workers']} workers at local[2]); PySpark daemon {s2['daemon_rss_mb']:.0f} MB;"
            f" JVM {s1['jvm_rss_mb']:.0f} MB at local[1], {s2['jvm_rss_mb']:.0f} MB at local[2];"
            f" local 1 process {peak_rss_mb():.0f} MB"
        )
        return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--only", choices=["text", "warc"], default=None)
    parser.add_argument("--child-spark", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--out", default=None, help=argparse.SUPPRESS)
    parser.add_argument("inputs", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_spark:
        spark_child(args.child_spark, args.inputs, args.runs, args.out)
        return

    import pyspark

    tmp = Path(tempfile.mkdtemp(prefix="accordingto-spark-bench-"))
    try:
        print(
            f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, pyspark {pyspark.__version__}, "
            f"{load_line()} at the start"
        )
        print(f"best of {args.runs} runs; Spark: the first job of a session apart; wall time over the whole input")
        results = {}
        if args.only in (None, "text"):
            records, label = text_records(args.texts, args.articles)
            jsonl = tmp / "articles.jsonl"
            jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
            results["text"] = bench_input("text (one JSONL file)", [str(jsonl)], label, args.runs, tmp)
        if args.only in (None, "warc"):
            warcs, label = write_warcs(args.pages, tmp)
            results["warc"] = bench_input("warc (CC-NEWS-like)", [str(p) for p in warcs], label, args.runs, tmp)
        with section("per-core rate (Spark, workers warm)"):
            for name, r in results.items():
                n = r["articles"]
                one = n / r["spark1"]["seconds"]
                two = n / r["spark2"]["seconds"] / 2
                print(f"  {name}: {one:.2f} articles/s at local[1]; {two:.2f} articles/s per core at local[2]")
        print(f"\n{load_line()} at the end")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
