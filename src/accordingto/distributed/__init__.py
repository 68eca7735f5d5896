"""Running the analysis over many articles at once: worker processes (``--jobs``) and Spark.

:mod:`.partition` holds the engine-agnostic unit (records in, rows out), :mod:`.inputs` turns
input records into Documents inside a task, :mod:`.spark_job` is the Spark job. The
constants here are what the command line needs without importing any of them.
"""

from typing import Final

#: The kinds of input the Spark job reads (--input-format): those of ``analyze`` that name
#: files (not feeds or URL lists: a task does not fetch pages), and Parquet.
SPARK_INPUT_FORMATS: Final[tuple[str, ...]] = ("auto", "text", "html", "jsonl", "warc", "parquet")

#: Seconds one article may take in a distributed job by default. A 2,000,000-character
#: article (the max_chars default) takes about a minute on one core.
DEFAULT_TIMEOUT: Final = 300.0
