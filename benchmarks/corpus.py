"""Corpus benchmark: what storing costs next to analysing, and how fast queries are at scale.

1. Ingest: 1,000 articles (the PolNeAR train texts from ../shared with their outlet and date,
   repeated under new ids to reach the count; texts generated here when ../shared is absent)
   are analysed alone, then analysed and stored with the ingest command's own function.
   Reported: both rates, their ratio, the time spent in ``Corpus.add`` as a share of the
   analysis time, and the database size per article.
2. Queries: a corpus of 100,000 articles is synthesised from the analyses of step 1 (new ids,
   outlets, dates and source names drawn from a synthetic population with Zipf popularity; the
   rows are stored with ``Corpus.add_many``, no analysis), then every query behind the corpus
   commands is timed: median and slowest of several runs after one warm-up run.

    .venv/bin/python benchmarks/corpus.py                       # the full run (about 20 minutes)
    .venv/bin/python benchmarks/corpus.py --articles 200 --synthetic 10000   # a quick look

Numbers are printed exactly as they should be copied into docs/database.md ("Measured").
"""

from __future__ import annotations

import argparse
import bisect
import csv
import dataclasses
import itertools
import os
import platform
import random
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from accordingto.analyze.analyzer import Analyzer
from accordingto.distributed.partition import analyze_documents
from accordingto.ingest import Document
from accordingto.ingestion import ingest_documents
from accordingto.link.quotes import quotes_of
from accordingto.models import Analysis, Source
from accordingto.query import Corpus
from accordingto.settings import Settings
from accordingto.store.writer import AddStatus

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("ACCORDINGTO_SHARED", ROOT.parent / "shared"))
OUT = ROOT / "benchmarks" / "out"


# ------------------------------------------------------------------ inputs
def polnear_documents(shared: Path) -> list[Document]:
    folder = shared / "data" / "polnear" / "train" / "text"
    meta: dict[str, dict[str, str]] = {}
    with (shared / "data" / "polnear" / "metadata.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            meta[row["filename"]] = row
    docs = []
    for path in sorted(folder.glob("*.txt")):
        info = meta.get(path.stem, {})
        docs.append(
            Document(
                origin=str(path),
                text=path.read_text(encoding="utf-8"),
                id=path.stem,
                title=info.get("title") or None,
                outlet=info.get("publisher") or None,
                published=info.get("publication_date") or None,
            )
        )
    return docs


FIRST = [
    "Maria",
    "James",
    "Aisha",
    "Daniel",
    "Sofia",
    "Omar",
    "Elena",
    "David",
    "Priya",
    "Lucas",
    "Hana",
    "Samuel",
    "Nadia",
    "Peter",
    "Leila",
    "Tom",
]
LAST = [
    "Ortega",
    "Whitfield",
    "Nakamura",
    "Haddad",
    "Brennan",
    "Kowalski",
    "Adeyemi",
    "Lindqvist",
    "Moreau",
    "Castillo",
    "Reyes",
    "Okafor",
]
ROLES = ["Defense Minister", "Senator", "spokeswoman", "Governor", "economist", "Mayor", "Secretary of State"]
ORGS = ["the Health Ministry", "the Central Bank", "Reuters", "the United Nations", "the Pentagon", "Amnesty"]
TOPICS = ["the budget", "the ceasefire", "the border", "the election", "the strike", "the vaccine rollout"]
CLAIMS = [
    "{t} would be settled within weeks",
    "talks on {t} had stalled over funding",
    "nobody in the government had been told about {t}",
    "{t} was never meant to be permanent",
    "the cost of {t} had doubled since March",
]
QUOTES = [
    "We will not cross that red line, whatever the pressure from abroad",
    "This is a decision we took together and we stand by every word of it",
    "Nobody should be surprised that the numbers have gone up again this year",
    "I have asked the ministry to publish every document related to {t}",
    "We were never consulted and we learned about {t} from the newspapers",
]


def generated_documents(n: int, seed: int = 7) -> list[Document]:
    """News-like texts with direct quotes, reported speech and anonymous sources, for when
    ../shared is absent. Every fact in them is invented."""
    rng = random.Random(seed)
    outlets = ["Daily Ledger", "Coast Courier", "Metro Wire", "Northern Post", "Valley Times"]
    docs = []
    for i in range(n):
        topic = rng.choice(TOPICS)
        people = [(rng.choice(FIRST), rng.choice(LAST), rng.choice(ROLES)) for _ in range(3)]
        paragraphs = [f"Officials argued late into the night over {topic}, which has divided the coalition."]
        for first, last, role in people:
            quote = rng.choice(QUOTES).format(t=topic)
            claim = rng.choice(CLAIMS).format(t=topic)
            paragraphs.append(f"“{quote},” {role} {first} {last} said on {rng.choice(['Monday', 'Friday'])}.")
            paragraphs.append(f"{last} added that {claim}, according to a statement.")
        paragraphs.append(
            f"A senior official, who spoke on condition of anonymity, said {rng.choice(CLAIMS)}.".format(t=topic)
        )
        paragraphs.append(f"According to {rng.choice(ORGS)}, about {rng.randint(2, 90)} percent of {topic} is funded.")
        day = f"2016-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        docs.append(
            Document(
                origin=f"generated-{i}",
                text="\n\n".join(paragraphs),
                id=f"generated-{i}",
                outlet=rng.choice(outlets),
                published=day,
                title=f"Row over {topic}",
            )
        )
    return docs


def repeated(docs: list[Document], n: int) -> list[Document]:
    """``n`` documents: the given ones, then again under new ids (id~2, id~3...)."""
    out: list[Document] = []
    for round_number in itertools.count(1):
        for doc in docs:
            if len(out) == n:
                return out
            suffix = "" if round_number == 1 else f"~{round_number}"
            out.append(dataclasses.replace(doc, id=f"{doc.id}{suffix}", origin=f"{doc.origin}{suffix}"))
    return out


# ------------------------------------------------------------------ step 1: ingest
class TimedCorpus(Corpus):
    """A Corpus that adds up the time spent storing."""

    add_seconds = 0.0

    def add(self, analysis: Analysis, *, input_hash: str | None = None) -> AddStatus:
        started = time.perf_counter()
        try:
            return super().add(analysis, input_hash=input_hash)
        finally:
            self.add_seconds += time.perf_counter() - started


def file_size(db: Path) -> int:
    return sum(p.stat().st_size for p in (db, Path(f"{db}-wal")) if p.exists())


def remove_db(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def bench_ingest(docs: list[Document], db: Path, settings: Settings) -> tuple[list[Analysis], dict[str, float]]:
    """Analyse alone, ingest, analyse alone again: the two analyse-alone runs bracket the
    ingest, so warm-up and drift do not favour either side; their mean is the baseline."""
    analyzer = Analyzer(settings)
    list(analyze_documents(docs[:5], analyzer))  # warm-up: first-call costs out of the timing

    def analyse_alone() -> tuple[float, list[Analysis]]:
        started = time.perf_counter()
        done = [o.analysis for o in analyze_documents(docs, analyzer) if o.analysis is not None]
        return time.perf_counter() - started, done

    before_s, analyses = analyse_alone()
    remove_db(db)
    with TimedCorpus(db) as corpus:
        started = time.perf_counter()
        report = ingest_documents(corpus, docs, settings=settings, analyzer=analyzer)
        ingest_s = time.perf_counter() - started
        add_s = corpus.add_seconds
        corpus.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        stored = len(corpus)
    after_s, _ = analyse_alone()
    return analyses, {
        "articles": len(docs),
        "stored": stored,
        "failed": report.failed,
        "analyze_before_s": before_s,
        "analyze_after_s": after_s,
        "analyze_s": (before_s + after_s) / 2,
        "ingest_s": ingest_s,
        "add_s": add_s,
        "size": file_size(db),
    }


# ------------------------------------------------------------------ step 2: a synthetic corpus
class Population:
    """Synthetic people and organizations; popularity follows Zipf's law."""

    def __init__(self, rng: random.Random, people: int = 20_000, orgs: int = 1_500) -> None:
        firsts = [
            f"{a}{b}"
            for a in ("Al", "Be", "Ca", "Da", "El", "Fa", "Ga", "Ha", "Ia", "Jo", "Ka", "Le")
            for b in ("na", "ric", "ssa", "mon", "lia", "den", "ra", "vin")
        ]
        lasts = [
            f"{a}{b}"
            for a in (
                "Mor",
                "Hal",
                "Ver",
                "Tan",
                "Osk",
                "Bel",
                "Dra",
                "Fen",
                "Gor",
                "Kas",
                "Lin",
                "Nak",
                "Pel",
                "Quen",
                "Rost",
                "Sab",
                "Tor",
                "Ul",
                "Vos",
                "Wen",
            )
            for b in ("ley", "sen", "ovic", "ard", "ini", "berg", "ton", "ez", "ski", "ado", "ford", "ani")
        ]
        self.people = [(rng.choice(firsts), rng.choice(lasts), rng.choice(ROLES)) for _ in range(people)]
        self.orgs = [
            f"{rng.choice(lasts)} {rng.choice(['Institute', 'Party', 'Group', 'Council', 'Bank'])}" for _ in range(orgs)
        ]
        self._people_cdf = _zipf_cdf(people)
        self._orgs_cdf = _zipf_cdf(orgs)

    def person(self, rng: random.Random) -> tuple[str, str, str]:
        return self.people[bisect.bisect(self._people_cdf, rng.random())]

    def org(self, rng: random.Random) -> str:
        return self.orgs[bisect.bisect(self._orgs_cdf, rng.random())]


def _zipf_cdf(n: int, s: float = 1.05) -> list[float]:
    weights = [1 / (rank**s) for rank in range(1, n + 1)]
    total = sum(weights)
    return [*list(itertools.accumulate(w / total for w in weights))[:-1], 1.0]


OUTLETS = [f"Outlet {chr(65 + i)}" for i in range(20)]


def synthesise(templates: list[Analysis], n: int, seed: int = 11) -> Iterator[Analysis]:
    """``n`` analyses built on the templates: new article ids, outlets, dates and sources."""
    rng = random.Random(seed)
    population = Population(rng)
    outlet_cdf = _zipf_cdf(len(OUTLETS), 0.8)
    for i in range(n):
        template = templates[i % len(templates)]
        day = f"{rng.choice((2015, 2016))}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        article = dataclasses.replace(
            template.article,
            id=f"synthetic-{i:06d}",
            outlet=OUTLETS[bisect.bisect(outlet_cdf, rng.random())],
            published=day,
        )
        sources = [_renamed(s, population, rng) for s in template.sources]
        yield Analysis(
            article, sources, template.attributions, template.claims, template.profile, template.analysis_version
        )


def _renamed(source: Source, population: Population, rng: random.Random) -> Source:
    if not source.named:
        return source
    if source.kind in ("person", "unspecified"):
        first, last, role = population.person(rng)
        form = rng.random()
        if form < 0.70:
            return dataclasses.replace(source, name=f"{first} {last}", role=role if rng.random() < 0.5 else None)
        if form < 0.85:
            return dataclasses.replace(source, name=f"{role} {first} {last}", role=role)
        return dataclasses.replace(source, name=last, role=role if rng.random() < 0.5 else None)
    return dataclasses.replace(source, name=population.org(rng))


def build_synthetic(templates: list[Analysis], n: int, db: Path) -> dict[str, float]:
    remove_db(db)
    started = time.perf_counter()
    with Corpus(db) as corpus:
        statuses = corpus.add_many(synthesise(templates, n), per_transaction=500)
        corpus.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        counts = corpus.counts()
    return {"seconds": time.perf_counter() - started, "size": file_size(db), **counts, "added": statuses["added"]}


# ------------------------------------------------------------------ step 3: query latency
def timed(run: Callable[[], Any], repeats: int) -> tuple[float, float, Any]:
    """(median ms, slowest ms, last result) over ``repeats`` runs after one warm-up."""
    result = run()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        result = run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times), result


def _size(result: Any) -> str:
    if hasattr(result, "items"):
        return f"{len(result.items)} results"
    if hasattr(result, "entries"):
        return f"{len(result.entries)} articles"
    if isinstance(result, list):
        return f"{len(result)} rows"
    return ""


def query_plan(corpus: Corpus, templates: list[Analysis]) -> list[tuple[str, Callable[[], Any]]]:
    """Every query behind the corpus commands, with arguments drawn from the data."""
    words = Counter(
        w for t in templates for a in t.attributions for w in re.findall(r"[a-z]{4,}", a.content_text.lower())
    )
    commonest = words.most_common(1)[0][0]
    common = [w for w, _ in words.most_common(40)][-1]
    rare = next(w for w, n in words.most_common() if n <= 3)
    phrase_source = max((a.content_text for t in templates for a in t.attributions), key=len)
    phrase = " ".join(re.findall(r"[A-Za-z]+", phrase_source)[2:4])
    quote = next(q.text for t in templates for a in t.attributions for q in quotes_of(a, t.article.text))
    top = corpus.sources(named=True, kind="person", limit=1).items[0]
    middle = corpus.sources(named=True, kind="person", limit=1, offset=200).items[0]
    surname = top.name.split()[-1]
    outlet = OUTLETS[0]
    return [
        (f'search "{commonest}" (the commonest word: newest first, see Page.note)', lambda: corpus.search(commonest)),
        (f'search "{commonest}" --order -date', lambda: corpus.search(commonest, order="-date")),
        (f'search "{common}" (frequent word)', lambda: corpus.search(common)),
        (f'search "{rare}" (rare word)', lambda: corpus.search(rare)),
        (f'search "{phrase}" --mode phrase', lambda: corpus.search(phrase, mode="phrase")),
        (f'search "{common}" --order -date', lambda: corpus.search(common, order="-date")),
        (
            f'search "{common}" --anonymous --outlet "{outlet}" --since 2016-01',
            lambda: corpus.search(common, filters=corpus.filters(named=False, outlet=outlet, since="2016-01")),
        ),
        (
            f'search "{common}" --source "{top.name}"',
            lambda: corpus.search(common, filters=corpus.filters(source=top.name)),
        ),
        (
            f'search "{common}" --kind organization --type direct',
            lambda: corpus.search(common, filters=corpus.filters(kind="organization", type="direct")),
        ),
        ("sources", lambda: corpus.sources()),
        ("sources --named --kind person", lambda: corpus.sources(named=True, kind="person")),
        (f'sources --outlet "{outlet}"', lambda: corpus.sources(outlet=outlet)),
        ("sources --anonymous", lambda: corpus.sources(named=False)),
        ("sources --offset 5000", lambda: corpus.sources(offset=5000)),
        (
            f'source "{top.name}" (most quoted: {top.attributions:,} attributions)',
            lambda: corpus.statements(corpus.resolve_source(top.name)[0]),
        ),
        (
            f'source "{top.name}" --offset 10000',
            lambda: corpus.statements(corpus.resolve_source(top.name)[0], offset=10_000),
        ),
        (
            f'source "{middle.name}" ({middle.attributions:,} attributions)',
            lambda: corpus.statements(corpus.resolve_source(middle.name)[0]),
        ),
        (f'source "{surname}" (resolving a surname)', lambda: corpus.find_sources(surname)),
        ("stats (per outlet and month)", lambda: corpus.stats()),
        ("stats --by outlet", lambda: corpus.stats(by="outlet")),
        ("stats --by month", lambda: corpus.stats(by="month")),
        (
            "stats --by outlet --since 2016-01 --until 2016-06",
            lambda: corpus.stats(by="outlet", since="2016-01", until="2016-06"),
        ),
        (f'stats --by month --outlet "{outlet}"', lambda: corpus.stats(by="month", outlet=outlet)),
        ("stats --by outlet --no-voices", lambda: corpus.stats(by="outlet", voices=False)),
        ("voices --by outlet", lambda: corpus.voices(by="outlet")),
        ("voices --by author", lambda: corpus.voices(by="author")),
        ("sources --gender female", lambda: corpus.sources(gender="female")),
        ("sources --role-class expert_or_academic", lambda: corpus.sources(role_class="expert_or_academic")),
        (
            f'search "{common}" --gender female',
            lambda: corpus.search(common, filters=corpus.filters(gender="female")),
        ),
        (f'quote-trail "{quote[:40]}..."', lambda: corpus.quote_trail(quote)),
    ]


def bench_queries(db: Path, templates: list[Analysis], repeats: int) -> list[tuple[str, float, float, str]]:
    results = []
    with Corpus(db, readonly=True) as corpus:
        for label, run in query_plan(corpus, templates):
            median, slowest, result = timed(run, repeats)
            results.append((label, median, slowest, _size(result)))
    return results


# ------------------------------------------------------------------ main
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000, help="articles to ingest (default 1000)")
    parser.add_argument("--synthetic", type=int, default=100_000, help="articles in the query corpus")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per query (after one warm-up)")
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the corpus files")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    settings = Settings.from_env()

    if (args.shared / "data" / "polnear" / "train" / "text").is_dir():
        base, origin = polnear_documents(args.shared), "PolNeAR train texts from ../shared, repeated"
    else:
        base, origin = generated_documents(300), "texts generated by benchmarks/corpus.py"
    docs = repeated(base, args.articles)
    print(f"python benchmarks/corpus.py {' '.join(argv if argv is not None else sys.argv[1:])}".rstrip())
    print(
        f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, SQLite "
        f"{__import__('sqlite3').sqlite_version}"
    )
    print()
    print(f"Ingest: {len(docs):,} articles ({origin}), one process")
    analyses, ing = bench_ingest(docs, args.out / "ingest.db", settings)
    n = ing["articles"]
    print(
        f"  analyze alone      {ing['analyze_s']:8.1f} s  {n / ing['analyze_s']:6.2f} articles/s"
        f"  (mean of {ing['analyze_before_s']:.1f} s before and {ing['analyze_after_s']:.1f} s after the ingest)"
    )
    print(
        f"  ingest             {ing['ingest_s']:8.1f} s  {n / ing['ingest_s']:6.2f} articles/s"
        f"  ({ing['ingest_s'] / ing['analyze_s']:.3f}x the time of analyze alone)"
    )
    print(
        f"  of which storing   {ing['add_s']:8.1f} s  = {ing['add_s'] / ing['analyze_s']:.1%} of the analysis time"
        f"  ({ing['add_s'] / max(ing['stored'], 1) * 1000:.1f} ms per article, one transaction each)"
    )
    print(
        f"  database           {ing['size'] / 1e6:8.1f} MB = {ing['size'] / max(ing['stored'], 1) / 1024:.1f} KiB"
        f" per article ({ing['stored']:,} stored, {ing['failed']} failed)"
    )
    print()
    syn_db = args.out / "synthetic.db"
    syn = build_synthetic(analyses, args.synthetic, syn_db)
    print(
        f"Queries: {syn['articles']:,} synthetic articles ({syn['attributions']:,} attributions, "
        f"{syn['sources']:,} sources, {syn['corpus_sources']:,} corpus sources, {syn['quotes']:,} quotes), "
        f"{syn['size'] / 1e9:.2f} GB = {syn['size'] / syn['articles'] / 1024:.1f} KiB per article, "
        f"stored in {syn['seconds']:.0f} s"
    )
    print(f"  {'query':<78} {'median':>9} {'slowest':>9}  result")
    for label, median, slowest, size in bench_queries(syn_db, analyses, args.repeats):
        print(f"  {label[:78]:<78} {median:7.1f}ms {slowest:7.1f}ms  {size}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
