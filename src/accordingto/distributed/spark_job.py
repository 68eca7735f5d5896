"""The Spark job: input files in, the tables of ``accordingto export`` (and failures) out, as Parquet.

    from accordingto.distributed.spark_job import SparkJobOptions, run_job, spark_session

    spark, _ = spark_session("local[2]")
    summary = run_job(spark, SparkJobOptions(inputs=("crawl/*.warc.gz",), output="out"))

How it runs:

1. **Plan, on the driver.** Inputs (paths, globs, folders; local, ``file://``, or any filesystem
   Hadoop knows: ``hdfs://``, ``s3a://``, ``gs://``, ``abfss://``...) are listed. Each file
   becomes a :class:`~accordingto.distributed.inputs.FileSplit`; an uncompressed JSONL file
   larger than the split size is cut into byte ranges (each line is read by the range its
   first byte is in). Parquet files (``.parquet``, or ``--input-format parquet``) are read by
   Spark itself, split by row groups, and need a ``text`` or ``html`` column.
2. **Analyse, in the tasks.** Each task streams its files with the readers the local command
   uses (a WARC file record by record, never whole in memory) and calls
   :func:`~accordingto.distributed.partition.process_partition`, which loads the spaCy
   pipeline once per Python worker process and calls ``analyze_documents``. Each input
   becomes the rows of ``articles``, ``sources``, ``attributions`` and ``claims``, or one
   ``failures`` row with its reason: a bad input never fails a task.
3. **Write.** The rows of all five tables are written once to ``OUTPUT/_staging`` by Spark's
   file commit protocol: a task that failed (a crashed Python worker, a lost executor) and is
   retried leaves no rows behind, so no row is written twice. Each table is then copied from
   the staging to ``OUTPUT/<table>/``, the staging is removed, and ``OUTPUT/summary.json``
   records what the job did.

pyspark is imported only inside the functions that need it: importing this module works
without it.
"""

from __future__ import annotations

import functools
import glob
import json
import math
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from accordingto.distributed import DEFAULT_TIMEOUT, SPARK_INPUT_FORMATS
from accordingto.distributed.inputs import ArticleRecord, FileSplit, InputRecord, is_local
from accordingto.distributed.partition import FAILURES, OUTPUT_TABLES, output_columns, process_partition
from accordingto.errors import InputNotFoundError, ModelError, SettingsError
from accordingto.ingest import DEFAULT_MAX_BYTES, Document, InputFailure
from accordingto.ingest.detect import EXTENSION_KINDS, GZIP_MAGIC, detect_kind, extension_of, is_collectable
from accordingto.ingest.files import read_head
from accordingto.settings import Settings
from accordingto.store.rows import Row, encode_row
from accordingto.version import __version__

if TYPE_CHECKING:
    from pyspark.sql import SparkSession
    from pyspark.sql.types import StructType

#: Columns read from Parquet input (the fields of a JSONL line); text or html is required.
PARQUET_FIELDS: Final[tuple[str, ...]] = (
    *("text", "html", "id", "url", "title", "outlet", "published", "author", "language"),
    *("authors", "section", "desk", "wire"),
)
#: JSONL byte ranges: about this many per core (so that a core that finishes early takes
#: another range, and a retried task redoes little), each between the two sizes below. The
#: analysis reads some 30 to 40 KB of text a second per core, so 16 MiB is minutes of work.
SPLITS_PER_CORE: Final = 4
MIN_SPLIT_BYTES: Final = 64 << 10
MAX_SPLIT_BYTES: Final = 16 << 20
DEFAULT_LOCAL_MASTER: Final = "local[*,4]"
JAVA_OPTIONS: Final = "spark.driver.extraJavaOptions"
#: Errors only until the job sets --log-level: Spark's default prints WARN lines at start-up.
QUIET_LOG_CONFIG: Final = Path(__file__).resolve().parent / "resources" / "log4j2.properties"
STAGING: Final = "_staging"
SUMMARY: Final = "summary.json"
_GLOB_CHARS: Final = frozenset("*?[")
_SPARK_TYPES: Final = {"string": "string", "json": "string", "integer": "long", "float": "double", "boolean": "boolean"}


@dataclass(frozen=True)
class SparkJobOptions:
    """What one job reads, how it analyses, and where it writes.

    inputs: paths, globs or folders (local or any Hadoop filesystem URI).
    output: the folder that receives articles/, sources/, attributions/, claims/, failures/
        and summary.json.
    input_format: "auto" detects each file's kind (Parquet by its .parquet extension);
        "text", "html", "jsonl", "warc" or "parquet" force one.
    timeout: seconds one article may take (None or 0: no limit).
    partitions: repartition the input records into this many tasks (default: one task per
        file or JSONL range, and Spark's own splits of Parquet input).
    split_bytes: size of the byte ranges uncompressed JSONL files are cut into (default:
        the input's size over 4 times the default parallelism, between 64 KiB and 16 MiB).
    overwrite: replace the tables of an earlier job in ``output``; without it, a non-empty
        output folder is refused.
    transform: applied to every Document in the tasks before it is analysed (it must be
        picklable: a module-level function, or a closure cloudpickle can ship).
    """

    inputs: tuple[str, ...]
    output: str
    input_format: str = "auto"
    settings: Settings = field(default_factory=Settings.from_env)
    timeout: float | None = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    partitions: int | None = None
    split_bytes: int | None = None
    overwrite: bool = False
    transform: Callable[[Document], Document] | None = None


@dataclass
class JobSummary:
    """What a job did: what ``summary.json`` holds and the command prints."""

    output: str
    master: str
    cores: int
    files: int
    parquet_files: int
    tasks: int
    records_in: int = 0
    articles_out: int = 0
    failures: int = 0
    failures_by_reason: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    analysis_versions: list[str] = field(default_factory=list)
    seconds: float = 0.0
    accordingto_version: str = __version__

    @property
    def articles_per_second(self) -> float:
        return self.records_in / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "articles_per_second": round(self.articles_per_second, 3)}

    def lines(self) -> list[str]:
        reasons = ", ".join(f"{n} {r}" for r, n in sorted(self.failures_by_reason.items())) or "none"
        rows = ", ".join(f"{self.rows.get(t, 0):,} {t}" for t in OUTPUT_TABLES)
        return [
            f"{self.records_in:,} articles in, {self.articles_out:,} analysed, {self.failures:,} failed "
            f"in {self.seconds:.1f} s ({self.articles_per_second:.2f} articles/s on {self.cores} cores, {self.master})",
            f"failures by reason: {reasons}",
            f"rows: {rows}",
            f"written to {self.output}/ (summary in {self.output}/{SUMMARY})",
        ]


# ================================================================== session
def spark_session(
    master: str | None = None, *, conf: dict[str, str] | None = None, app_name: str = "accordingto"
) -> tuple[SparkSession, bool]:
    """The active SparkSession, or a new one; True when this call created it (the caller
    then stops it). Under spark-submit the master comes from spark-submit; otherwise it is
    ``master`` or local[*,4] (all cores, a failed task tried up to 4 times as on a cluster).
    Local Python workers run this interpreter unless PYSPARK_PYTHON says otherwise."""
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active, False
    builder = SparkSession.builder.appName(app_name)
    under_submit = "PYSPARK_GATEWAY_PORT" in os.environ
    if master or not under_submit:
        builder = builder.master(master or DEFAULT_LOCAL_MASTER)
    effective = master or ("" if under_submit else DEFAULT_LOCAL_MASTER)
    if effective.startswith("local") and not os.environ.get("PYSPARK_PYTHON"):
        os.environ["PYSPARK_PYTHON"] = sys.executable  # read by SparkContext (the conf key only by spark-submit)
    for key, value in launch_conf(conf or {}, under_submit=under_submit).items():
        builder = builder.config(key, value)
    return builder.getOrCreate(), True


def launch_conf(conf: dict[str, str], *, under_submit: bool) -> dict[str, str]:
    """The settings a session started here is built with: the caller's, and Spark's Java
    logging quietened (errors only) unless spark-submit or the caller configures it."""
    if under_submit or JAVA_OPTIONS in conf:
        return dict(conf)
    return {**conf, JAVA_OPTIONS: f"-Dlog4j2.configurationFile={QUIET_LOG_CONFIG.as_uri()}"}


# ================================================================== schema
def table_schema(table: str) -> StructType:
    """The Spark schema of an output table: the columns of ``accordingto export``, json columns
    as JSON text, exactly as its Parquet files have them."""
    from pyspark.sql.types import StructField, StructType, _parse_datatype_string

    return StructType(
        [StructField(c.name, _parse_datatype_string(_SPARK_TYPES[c.type]), True) for c in output_columns(table)]
    )


def staging_schema() -> StructType:
    """One row per output row: its table's name, and its values in that table's struct."""
    from pyspark.sql.types import StringType, StructField, StructType

    return StructType(
        [StructField("table", StringType(), False)] + [StructField(t, table_schema(t), True) for t in OUTPUT_TABLES]
    )


def _coerced(table: str, row: Row) -> tuple[Any, ...]:
    encoded = encode_row(table, row) if table != FAILURES else row
    values = []
    for column in output_columns(table):
        value = encoded.get(column.name)
        if value is not None and column.type == "float":
            value = float(value)
        elif value is not None and column.type == "integer":
            value = int(value)
        values.append(value)
    return tuple(values)


def staging_tuple(table: str, row: Row) -> tuple[Any, ...]:
    """A ``(table, row)`` pair as a row of :func:`staging_schema`."""
    values = _coerced(table, row)
    return (table, *(values if t == table else None for t in OUTPUT_TABLES))


# ================================================================== tasks
@dataclass(frozen=True)
class _TaskOptions:
    settings: Settings
    timeout: float | None
    max_bytes: int
    transform: Callable[[Document], Document] | None


def run_task(options: _TaskOptions, records: Iterable[Any]) -> Iterator[tuple[Any, ...]]:
    """One Spark partition: its input records (file splits, Parquet rows) -> staging rows."""
    rows = process_partition(
        _input_records(records),
        options.settings,
        timeout=options.timeout,
        max_bytes=options.max_bytes,
        transform=options.transform,
    )
    for table, row in rows:
        yield staging_tuple(table, row)


def _input_records(records: Iterable[Any]) -> Iterator[InputRecord]:
    """Parquet rows (pyspark Rows) become ArticleRecords; everything else is already a record."""
    for record in records:
        if isinstance(record, FileSplit | ArticleRecord | Document | InputFailure):
            yield record
        else:
            fields = record.asDict()
            file, row_index = fields.pop("__file"), fields.pop("__row")
            yield ArticleRecord(f"{file}#{row_index}", fields)


# ================================================================== planning
@dataclass
class InputPlan:
    splits: list[FileSplit] = field(default_factory=list)
    parquet: list[str] = field(default_factory=list)
    failures: list[InputFailure] = field(default_factory=list)
    files: int = 0


def plan_inputs(
    spark: SparkSession, specs: Iterable[str], input_format: str = "auto", split_bytes: int | None = None
) -> InputPlan:
    """Every input file, as file splits for the tasks or Parquet paths for Spark's reader."""
    if input_format not in SPARK_INPUT_FORMATS:
        raise SettingsError(f"unknown input format {input_format!r}; choose one of {', '.join(SPARK_INPUT_FORMATS)}")
    plan = InputPlan()
    found: list[tuple[str, int]] = []
    for spec in specs:
        listed = _local_files(spec) if is_local(spec) else _hadoop_files(spark, spec)
        for entry in listed:
            if isinstance(entry, InputFailure):
                plan.failures.append(entry)
            else:
                found.append(entry)
    plan.files = len(found)
    if split_bytes is None:
        total = sum(size for _, size in found)
        cores = max(1, spark.sparkContext.defaultParallelism)
        split_bytes = max(MIN_SPLIT_BYTES, min(MAX_SPLIT_BYTES, math.ceil(total / (cores * SPLITS_PER_CORE))))
    for uri, size in found:
        kind = _kind_for_planning(uri, input_format)
        if kind == "parquet":
            plan.parquet.append(uri)
        elif kind == "jsonl" and size > split_bytes:
            plan.splits += [
                FileSplit(uri, "jsonl", start, min(start + split_bytes, size)) for start in range(0, size, split_bytes)
            ]
        else:
            plan.splits.append(FileSplit(uri, input_format))
    return plan


def _kind_for_planning(uri: str, input_format: str) -> str | None:
    """parquet; jsonl when the file is uncompressed JSONL (which may be cut in ranges); else None."""
    name = uri.rstrip("/").rsplit("/", 1)[-1]
    if input_format == "parquet" or (input_format == "auto" and extension_of(name) == ".parquet"):
        return "parquet"
    if input_format not in ("auto", "jsonl") or name.lower().endswith(".gz"):
        return None
    if is_local(uri):
        try:
            head = read_head(Path(uri))
        except InputNotFoundError:
            return None
        if head.startswith(GZIP_MAGIC):
            return None
        return "jsonl" if input_format == "jsonl" or detect_kind(name, head) == "jsonl" else None
    return "jsonl" if input_format == "jsonl" or EXTENSION_KINDS.get(extension_of(name)) == "jsonl" else None


def _wanted(name: str) -> bool:
    return is_collectable(name) or extension_of(name) == ".parquet"


def _hidden(part: str) -> bool:
    return part.startswith((".", "_"))  # Spark's own _SUCCESS, _staging...


def _local_files(spec: str) -> Iterator[tuple[str, int] | InputFailure]:
    """Local files of a spec, as absolute paths (the tasks may run in another folder)."""
    path = Path(spec)
    if path.is_dir():
        yield from _local_folder(path, spec)
    elif not path.exists() and _GLOB_CHARS & set(spec):
        matches = sorted(glob.glob(spec, recursive=True))
        if not matches:
            yield InputFailure(spec, InputNotFoundError(f"{spec}: no file matches this pattern"))
        for match in matches:
            if Path(match).is_dir():
                yield from _local_folder(Path(match), match)
            else:
                yield str(Path(match).resolve()), Path(match).stat().st_size
    elif not path.exists():
        yield InputFailure(spec, InputNotFoundError(f"{spec}: no such file"))
    else:
        yield str(path.resolve()), path.stat().st_size


def _local_folder(folder: Path, spec: str) -> Iterator[tuple[str, int] | InputFailure]:
    files = sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and _wanted(p.name) and not any(_hidden(part) for part in p.relative_to(folder).parts)
    )
    if not files:
        yield InputFailure(spec, InputNotFoundError(f"{spec} is a directory with no article or Parquet files"))
    for p in files:
        yield str(p.resolve()), p.stat().st_size


def _hadoop_files(spark: SparkSession, spec: str) -> Iterator[tuple[str, int] | InputFailure]:
    """Files of a URI through the cluster's Hadoop filesystems (globs and folders too)."""
    try:
        fs, hadoop_path = _hadoop_fs(spark, spec)
        statuses = fs.globStatus(hadoop_path)
    except Exception as exc:  # no filesystem for the scheme, no credentials...
        detail = " ".join(str(exc).split())[:200]
        yield InputFailure(spec, InputNotFoundError(f"{spec} cannot be listed ({detail})"))
        return
    if not statuses:
        yield InputFailure(spec, InputNotFoundError(f"{spec}: no such file, or no file matches this pattern"))
        return
    for status in statuses:
        if not status.isDirectory():
            yield str(status.getPath().toString()), int(status.getLen())
            continue
        root = str(status.getPath().toString()).rstrip("/") + "/"
        listed = []
        files = fs.listFiles(status.getPath(), True)
        while files.hasNext():
            entry = files.next()
            uri = str(entry.getPath().toString())
            relative = uri[len(root) :] if uri.startswith(root) else entry.getPath().getName()
            if _wanted(entry.getPath().getName()) and not any(_hidden(p) for p in relative.split("/")):
                listed.append((uri, int(entry.getLen())))
        if not listed:
            message = f"{root} is a directory with no article or Parquet files"
            yield InputFailure(root, InputNotFoundError(message))
        yield from sorted(listed)


# ================================================================== the job
def run_job(spark: SparkSession, options: SparkJobOptions) -> JobSummary:
    """Run one job to the end and return its summary (also written to OUTPUT/summary.json)."""
    from pyspark.sql import functions as F
    from pyspark.util import inheritable_thread_target

    started = time.perf_counter()
    sc = spark.sparkContext
    output = _absolute(options.output)
    _check_output(spark, output, options.overwrite)
    plan = plan_inputs(spark, options.inputs, options.input_format, options.split_bytes)
    task_options = _TaskOptions(options.settings, options.timeout, options.max_bytes, options.transform)

    parts = []
    listed: list[FileSplit | InputFailure] = [*plan.failures, *plan.splits]
    if listed:
        parts.append(sc.parallelize(listed, len(listed)))
    if plan.parquet:
        parts.append(_parquet_rows(spark, plan.parquet).rdd)
    records = sc.union(parts) if len(parts) > 1 else parts[0] if parts else sc.parallelize([], 1)
    if options.partitions:
        records = records.repartition(options.partitions)
    tasks = records.getNumPartitions()

    staged_rows = records.mapPartitions(functools.partial(run_task, task_options))
    staging = f"{output}/{STAGING}"
    try:
        spark.createDataFrame(staged_rows, schema=staging_schema()).write.mode("overwrite").option(
            "compression", "zstd"
        ).parquet(staging)
    except Exception as exc:
        if "[AT201]" in str(exc):  # every task fails alike: say it in one line
            raise ModelError("the executors cannot load the spaCy pipeline: install it where they run") from None
        raise
    staged = spark.read.parquet(staging)

    def copy(table: str) -> None:
        selected = staged.where(F.col("table") == table).select(f"{table}.*")
        selected.write.mode("overwrite").option("compression", "zstd").parquet(f"{output}/{table}")

    def count() -> list[Any]:
        return (
            staged.groupBy(
                "table",
                F.col(f"{FAILURES}.reason").alias("reason"),
                F.coalesce(F.col("articles.analysis_version"), F.col(f"{FAILURES}.analysis_version")).alias("version"),
            )
            .count()
            .collect()
        )

    # six small Spark jobs over the staging, run at once (Spark schedules concurrent jobs); the
    # threads inherit the caller's job group and other local properties
    inherit = inheritable_thread_target(spark)
    with ThreadPoolExecutor(max_workers=len(OUTPUT_TABLES) + 1) as pool:
        copies = [pool.submit(inherit(copy), table) for table in OUTPUT_TABLES]
        counted = pool.submit(inherit(count))
        for done in copies:
            done.result()
        counts = counted.result()
    _delete(spark, staging)

    summary = JobSummary(
        output=output,
        master=str(sc.master),
        cores=sc.defaultParallelism,
        files=plan.files,
        parquet_files=len(plan.parquet),
        tasks=tasks,
    )
    versions: set[str] = set()
    for row in counts:
        summary.rows[row["table"]] = summary.rows.get(row["table"], 0) + int(row["count"])
        if row["table"] == FAILURES:
            summary.failures_by_reason[row["reason"]] = summary.failures_by_reason.get(row["reason"], 0) + row["count"]
        if row["table"] in ("articles", FAILURES) and row["version"]:
            versions.add(row["version"])
    summary.rows = {t: summary.rows.get(t, 0) for t in OUTPUT_TABLES}
    summary.articles_out = summary.rows["articles"]
    summary.failures = summary.rows[FAILURES]
    summary.records_in = summary.articles_out + summary.failures
    summary.analysis_versions = sorted(versions)
    summary.seconds = time.perf_counter() - started
    _write_text(spark, f"{output}/{SUMMARY}", json.dumps(summary.to_dict(), indent=2) + "\n")
    return summary


def _parquet_rows(spark: SparkSession, paths: list[str]) -> Any:
    """The article fields of Parquet input, with the file and row of each record."""
    from pyspark.sql import functions as F

    frame = spark.read.parquet(*paths)
    present = [c for c in PARQUET_FIELDS if c in frame.columns]
    if "text" not in present and "html" not in present:
        raise SettingsError(
            f"Parquet input needs a 'text' or 'html' column; {paths[0]} has {', '.join(frame.columns) or 'none'}"
        )
    return frame.select(
        *present, F.col("_metadata.file_path").alias("__file"), F.col("_metadata.row_index").alias("__row")
    )


def _absolute(uri: str) -> str:
    return str(Path(uri).resolve()) if is_local(uri) else uri.rstrip("/")


def _hadoop_fs(spark: SparkSession, uri: str) -> tuple[Any, Any]:
    jvm = spark.sparkContext._jvm
    assert jvm is not None
    path = jvm.org.apache.hadoop.fs.Path(uri)
    return path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()), path


def _check_output(spark: SparkSession, output: str, overwrite: bool) -> None:
    if overwrite:
        return
    fs, path = _hadoop_fs(spark, output)
    if fs.exists(path) and (not fs.getFileStatus(path).isDirectory() or len(fs.listStatus(path)) > 0):
        raise SettingsError(
            f"{output} exists and is not empty", hint="give a new --output folder, or --overwrite to replace its tables"
        )


def _delete(spark: SparkSession, uri: str) -> None:
    fs, path = _hadoop_fs(spark, uri)
    fs.delete(path, True)


def _write_text(spark: SparkSession, uri: str, text: str) -> None:
    if is_local(uri):
        Path(uri).write_text(text, encoding="utf-8")
        return
    fs, path = _hadoop_fs(spark, uri)
    stream = fs.create(path, True)
    try:
        stream.write(bytearray(text.encode("utf-8")))
    finally:
        stream.close()
