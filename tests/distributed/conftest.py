"""Shared by the distributed tests: the articles they run on, reading Parquet tables back,
and one local SparkSession for the whole test session (skipped, with the reason, without pyspark or Java)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, ROOT, SHARED

POLNEAR_DEV = SHARED / "data" / "polnear" / "dev" / "text"


def require_spark() -> None:
    """Skip, with the command's own reason, where ``accordingto spark`` would refuse to run."""
    from accordingto.cli.spark import missing_requirement

    reason = missing_requirement()
    if reason:
        pytest.skip(reason)


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """One local SparkSession for every Spark test (it takes seconds to start), with 2 cores
    and 2 attempts per task (local[2,2]: Spark's local mode retries a failed task only when
    the master says so)."""
    require_spark()
    from accordingto.distributed.spark_job import spark_session

    session, created = spark_session(
        "local[2,2]",
        conf={
            "spark.ui.enabled": "false",
            "spark.sql.shuffle.partitions": "2",
            "spark.ui.showConsoleProgress": "false",
        },
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    if created:
        session.stop()


def project_records() -> list[dict[str, Any]]:
    """The project's own articles as JSONL records: the sample article, the fixture texts, the
    corpus fixtures (with outlet and date) and an HTML page."""
    records: list[dict[str, Any]] = []
    texts = [ROOT / "examples" / "sample_article.txt", *sorted((FIXTURES / "texts").glob("*.txt"))]
    records += [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in texts]
    with (FIXTURES / "corpus" / "articles.jsonl").open(encoding="utf-8") as lines:
        records += [json.loads(line) for line in lines if line.strip()]
    page = (FIXTURES / "pages" / "harbor-council.html").read_text(encoding="utf-8")
    records.append({"html": page, "url": "https://ledger.example/news/seawall"})
    return records


def fifty_articles() -> tuple[list[dict[str, Any]], str]:
    """50 distinct articles: PolNeAR dev texts when ../shared is there, else the project's own
    articles, repeated with variations (another article's last paragraph appended, no id:
    the id is then the hash of the text) until there are 50."""
    if POLNEAR_DEV.is_dir():
        paths = sorted(POLNEAR_DEV.glob("*.txt"))[:50]
        if len(paths) == 50:
            return [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in paths], "PolNeAR dev"
    base = project_records()
    records = list(base)
    round_ = 1
    while len(records) < 50:
        for n, record in enumerate(base):
            if len(records) >= 50:
                break
            if "text" not in record:
                continue
            other = base[(n + round_) % len(base)].get("text") or base[0]["text"]
            tail = other.strip().split("\n\n")[-1]
            varied = {k: v for k, v in record.items() if k != "id"}
            varied["text"] = record["text"].rstrip() + "\n\n" + tail + f"\n\n(Version {round_}.)"
            records.append(varied)
        round_ += 1
    return records, "the project's own articles"


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def read_table(folder: Path, table: str) -> list[dict[str, Any]]:
    import pyarrow.dataset as ds

    return ds.dataset(str(folder / table), format="parquet").to_table().to_pylist()
