"""The script spark-submit runs: ``accordingto spark`` with the arguments that follow it.

    spark-submit --master yarn --deploy-mode client \\
        "$(accordingto spark --submit-script)" 's3a://bucket/cc-news/*.warc.gz' --output s3a://bucket/maps

The master, executors and memory come from spark-submit; the analysis options are those of
``accordingto spark --help``.
"""

from __future__ import annotations


def main() -> None:
    from accordingto.cli.spark import spark

    spark(prog_name="accordingto spark")


if __name__ == "__main__":
    main()
