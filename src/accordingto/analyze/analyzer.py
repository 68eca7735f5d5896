"""Analyzer: cleaned articles in, :class:`~accordingto.models.Analysis` records out.

The pipeline is loaded once per Analyzer; batches go through ``nlp.pipe``. Ranges that
cleaning excluded (a stray line, a footer) are blanked with spaces before parsing, so they
take no part in the analysis while every offset stays that of the input text; so are markup
tags left in a text (``<tweet author="...">``, ``</a>``), which are never prose: parsed, a tag's
name reads as a cue and its attributes as a speaker. An article
that is not in English is refused (UnsupportedLanguageError names its language). Texts longer
than ``settings.chunk_chars`` are parsed piece by piece (cut at paragraph breaks) and
joined before our steps run, which bounds the parser's memory.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from accordingto.analyze.components import STEP_NAMES, Accordingto
from accordingto.analyze.pipeline import make_nlp, model_label
from accordingto.analyze.records import doc_to_analysis
from accordingto.analyze.ruleset import RuleSet, analysis_fingerprint
from accordingto.clean import CleanArticle
from accordingto.clean.language import detect_language, language_name
from accordingto.errors import EmptyInputError, InputTooLargeError, UnsupportedLanguageError
from accordingto.models import Analysis, Article, Excluded
from accordingto.settings import Settings
from accordingto.version import __version__

#: An HTML or XML tag as it is left in feed and corpus texts: ``<tweet pic="" author="X">``, ``</tweet>``,
#: ``<br/>``; a "<" that opens no tag ("fewer than 5 <10 ...") does not match.
_MARKUP_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s+[\w:-]+(?:\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s\"'<>]+))?)*\s*/?>")


def markup_tags(text: str) -> list[Excluded]:
    """The markup tags in ``text``, as ranges to blank before parsing."""
    return [Excluded(m.start(), m.end(), m.group(), "markup") for m in _MARKUP_TAG.finditer(text)]


def mask_excluded(text: str, excluded: list[Excluded]) -> str:
    """The text with excluded ranges blanked (newlines kept), same length, same offsets."""
    if not excluded:
        return text
    chars = list(text)
    for ex in excluded:
        for i in range(max(0, ex.start), min(len(chars), ex.end)):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def split_for_parsing(text: str, size: int) -> list[str]:
    """Pieces of at most about ``size`` characters, cut after a paragraph break when
    possible (else a line break, else a space), that concatenate back to ``text``."""
    pieces = []
    start = 0
    n = len(text)
    while n - start > size:
        window = text[start : start + size]
        cut = max(window.rfind("\n\n"), -1)
        if cut < size // 4:
            cut = window.rfind("\n")
        if cut < size // 4:
            cut = window.rfind(" ")
        if cut < size // 4:
            cut = size - 1
        pieces.append(text[start : start + cut + 1])
        start += cut + 1
    pieces.append(text[start:])
    return [p for p in pieces if p]


@dataclass(frozen=True, slots=True)
class Job:
    """One article to analyse."""

    article: CleanArticle
    id: str | None = None


def article_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class Analyzer:
    """Loads the pipeline once and analyses articles one by one or in batches.

    ``version`` (stored with every analysis) names the package, the spaCy pipeline and a
    fingerprint of the enabled rules, the lexicons and the analysis code: any change to
    them makes analyses stored under another version stale.
    """

    def __init__(self, settings: Settings | None = None, *, nlp: Language | None = None) -> None:
        self.settings = settings or Settings.from_env()
        self.rules = RuleSet.without(self.settings.disabled_rules, self.settings.opt_in_rules)
        self.nlp = nlp if nlp is not None else make_nlp(self.settings)
        self.version = self.version_for(self.rules)
        #: map raw confidences through calibration.tsv (off only to fit that table again)
        self.calibrate = True
        # A pipeline given whose steps run other rules than the settings ask for: parse with it
        # and run steps of our own (so the version always names the rules that ran).
        self._own_steps: list[Callable[[Doc], Doc]] | None = None
        if any(getattr(step, "rules", self.rules) != self.rules for step in self._steps()):
            self._own_steps = [Accordingto(sorted(self.rules.disabled), list(self.rules.enabled_opt_in))]

    # ----------------------------------------------------------------- public
    def analyze(self, article: CleanArticle, *, id: str | None = None) -> Analysis:
        """The sourcing map of one cleaned article."""
        return next(iter(self.analyze_many([Job(article, id)])))

    def analyze_many(self, jobs: Iterable[Job]) -> Iterator[Analysis]:
        """Sourcing maps of many articles, batched through ``nlp.pipe``, in input order.
        Raises InputError for an article that cannot be analysed (empty, too long)."""
        if self._own_steps is not None:
            for job, doc in self.parse_many(jobs):
                yield self.finish(job, doc)
            return
        batch: list[tuple[Job, str]] = []
        for job in jobs:
            masked = self.prepare(job.article)
            if len(masked) > self.settings.chunk_chars:
                yield from self._flush(batch)
                batch = []
                yield self.finish(job, self._parse_long(masked))
                continue
            batch.append((job, masked))
            if len(batch) >= self.settings.batch_size:
                yield from self._flush(batch)
                batch = []
        yield from self._flush(batch)

    def parse_many(self, jobs: Iterable[Job]) -> Iterator[tuple[Job, Doc]]:
        """The parsed Docs of many articles, without our steps (which :meth:`finish` runs):
        what a parse cache keeps, so that rules can be re-run over it in seconds."""
        ours = [s for s in STEP_NAMES if s in self.nlp.pipe_names]
        with self.nlp.select_pipes(disable=ours):
            batch: list[tuple[Job, str]] = []
            for job in jobs:
                masked = self.prepare(job.article)
                if len(masked) > self.settings.chunk_chars:
                    yield from self._parsed(batch)
                    batch = []
                    yield job, self._parse_long(masked)
                    continue
                batch.append((job, masked))
                if len(batch) >= self.settings.batch_size:
                    yield from self._parsed(batch)
                    batch = []
            yield from self._parsed(batch)

    def _parsed(self, batch: list[tuple[Job, str]]) -> Iterator[tuple[Job, Doc]]:
        docs = self.nlp.pipe((masked for _, masked in batch), batch_size=self.settings.batch_size)
        yield from zip((job for job, _ in batch), docs, strict=True)

    def finish(self, job: Job, doc: Doc, steps: Sequence[Callable[[Doc], Doc]] | None = None) -> Analysis:
        """The analysis of a parsed Doc: our steps (the pipeline's own, or ``steps``), then records."""
        for step in steps if steps is not None else (self._own_steps or self._steps()):
            doc = step(doc)
        return self._records(job, doc)

    def _steps(self) -> list[Callable[[Doc], Doc]]:
        return [self.nlp.get_pipe(name) for name in STEP_NAMES if name in self.nlp.pipe_names]

    def version_for(self, rules: RuleSet) -> str:
        """The analysis version of this pipeline with other rules enabled."""
        return f"{__version__}+{model_label(self.nlp)}+rules.{analysis_fingerprint(rules)}"

    # --------------------------------------------------------------- internal
    def prepare(self, article: CleanArticle) -> str:
        """The text the parser sees: excluded ranges (and non-English text) blanked, offsets kept."""
        text = article.text
        if len(text) > self.settings.max_chars:
            raise InputTooLargeError(
                f"the text has {len(text):,} characters, more than the limit of {self.settings.max_chars:,}"
            )
        if not text.strip():
            raise EmptyInputError("the text is empty")
        masked = mask_excluded(text, [*article.excluded, *markup_tags(text)])
        language = article.language or detect_language(masked)
        if language is not None and language != "en":
            name = language_name(language)
            raise UnsupportedLanguageError(
                f"the article is in {name} ({language}), not English: its sourcing was not analysed",
                language=language,
            )
        return masked

    def _flush(self, batch: list[tuple[Job, str]]) -> Iterator[Analysis]:
        if not batch:
            return
        docs = self.nlp.pipe((masked for _, masked in batch), batch_size=self.settings.batch_size)
        for (job, _), doc in zip(batch, docs, strict=True):
            yield self._records(job, doc)

    def _parse_long(self, masked: str) -> Doc:
        """A long text parsed piece by piece and joined (our steps not run)."""
        pieces = split_for_parsing(masked, self.settings.chunk_chars)
        docs = []
        with self.nlp.select_pipes(disable=[s for s in STEP_NAMES if s in self.nlp.pipe_names]):
            for piece in self.nlp.pipe(pieces, batch_size=1):
                piece.tensor = numpy.zeros((0,), dtype="float32")  # our steps never read it; it is large
                docs.append(piece)
        return Doc.from_docs(docs, ensure_whitespace=False)

    def _records(self, job: Job, doc: Doc) -> Analysis:
        cleaned = job.article
        article = Article(
            id=job.id or article_id(cleaned.text),
            text=cleaned.text,
            title=cleaned.title,
            outlet=cleaned.outlet,
            url=cleaned.url,
            published=cleaned.published,
            author=cleaned.author,
            language=cleaned.language or detect_language(mask_excluded(cleaned.text, cleaned.excluded)),
            excluded=list(cleaned.excluded),
            authors=list(cleaned.authors),
            section=cleaned.section,
            wire=cleaned.wire,
        )
        return doc_to_analysis(doc, article, self.version, calibrate=self.calibrate)
