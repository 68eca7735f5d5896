"""Storing and removing one article: every row of it, its identities and its quotes.

The functions here run inside a transaction the caller opened (:class:`~accordingto.store.Store`
opens one per article), so an article is stored completely or not at all.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from datetime import datetime, timezone
from typing import Any, Literal

from accordingto.link import identity
from accordingto.link.quotes import quotes_of, shingles
from accordingto.models import SOURCE_KINDS, Analysis, Attribution, Source
from accordingto.store.encoding import UNKNOWN_DATE_KEY, encode_spans, parse_published
from accordingto.store.rows import check_references, content_hash, stable_id

AddStatus = Literal["added", "replaced", "unchanged"]

SELECT_ARTICLE_STATE = "SELECT pk, content_hash, analysis_version, input_hash FROM articles WHERE article_id = ?"
UPDATE_INPUT_HASH = "UPDATE articles SET input_hash = ? WHERE pk = ?"
INSERT_ARTICLE = """
INSERT INTO articles (
    article_id, analysis_version, content_hash, input_hash, title, outlet, url, published, pub_date, month,
    author, section, wire, language, chars, n_attributions, n_named, n_anonymous, n_unattributed,
    n_person, n_group, n_organization, n_outlet, n_document, n_unspecified, n_sources, n_claims, stored_at
) VALUES (
    :article_id, :analysis_version, :content_hash, :input_hash, :title, :outlet, :url, :published, :pub_date, :month,
    :author, :section, :wire, :language, :chars, :n_attributions, :n_named, :n_anonymous, :n_unattributed,
    :n_person, :n_group, :n_organization, :n_outlet, :n_document, :n_unspecified, :n_sources, :n_claims, :stored_at
) RETURNING pk
"""
INSERT_AUTHOR = "INSERT INTO article_authors (article_pk, position, name) VALUES (?, ?, ?)"
INSERT_TEXT = "INSERT INTO article_texts (article_pk, text, excluded, profile) VALUES (?, ?, ?, ?)"
ENSURE_IDENTITY = """
INSERT INTO corpus_sources (corpus_source_id, name, named, surname) VALUES (?, ?, ?, ?)
ON CONFLICT (corpus_source_id) DO UPDATE SET surname = coalesce(corpus_sources.surname, excluded.surname)
RETURNING pk
"""
INSERT_SOURCE = """
INSERT INTO sources (
    article_pk, local_id, name, kind, named, count, count_text, role, affiliation, mentions, anonymity,
    n_attributions, date_key, role_key, affiliation_key, lone_surname, identity_rule, corpus_source_pk, rules,
    gender, gender_basis, gender_evidence, role_class, descriptors, gender_counts
) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING pk
"""
INSERT_ATTRIBUTION = """
INSERT INTO attributions (
    article_pk, local_id, type, content, spans, start, "end", cue, cue_start, cue_end, source_pk,
    mention, mention_start, mention_end, via, confidence, stance, hedges, rules
) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING pk
"""
INSERT_CLAIM = """
INSERT INTO claims (
    article_pk, local_id, text, start, "end", value, value_to, approximation, unit, attribution_local,
    source_local, caveats, rules
) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
INSERT_QUOTE = """
INSERT INTO quotes (article_pk, attribution_pk, start, "end", normalized, n_shingles) VALUES (?, ?, ?, ?, ?, ?)
RETURNING pk
"""
INSERT_SHINGLE = "INSERT OR IGNORE INTO quote_shingles (shingle, quote_pk) VALUES (?, ?)"
INSERT_CITATION = "INSERT OR IGNORE INTO article_citations (article_pk, outlet) VALUES (?, ?)"

# Full-name persons with a surname, with the roles and affiliations their full-name sources
# gave (one row per facet value; a candidate without any comes once, with NULLs).
SELECT_CANDIDATES = """
SELECT cs.corpus_source_id, cs.name, f.facet, f.value FROM corpus_sources cs
  LEFT JOIN corpus_source_facets f ON f.corpus_source_pk = cs.pk AND f.facet IN ('role', 'affiliation')
 WHERE cs.surname = ?
   AND EXISTS (SELECT 1 FROM corpus_source_facets k
                WHERE k.corpus_source_pk = cs.pk AND k.facet = 'kind' AND k.value IN ('person', 'unspecified'))
 ORDER BY cs.corpus_source_id
"""
SELECT_EXACT = "SELECT pk, corpus_source_id, name FROM corpus_sources WHERE corpus_source_id = ?"
# the identities lone surnames made by a role or an affiliation ("trump~role~president"), with sources
SELECT_ROLE_IDENTITIES = """
SELECT cs.corpus_source_id, cs.name FROM corpus_sources cs
 WHERE (cs.corpus_source_id LIKE ? || '~role~%' OR cs.corpus_source_id LIKE ? || '~affiliation~%')
   AND EXISTS (SELECT 1 FROM sources s WHERE s.corpus_source_pk = cs.pk)
 ORDER BY cs.corpus_source_id
"""
SELECT_LONE_SURNAMES = """
SELECT s.pk, a.article_id, s.local_id, s.name, s.kind, s.role, s.affiliation, cs.corpus_source_id, s.identity_rule,
       a.outlet
  FROM sources s JOIN articles a ON a.pk = s.article_pk JOIN corpus_sources cs ON cs.pk = s.corpus_source_pk
 WHERE s.lone_surname = ?
"""
# the unary + keeps SQLite on the (article_pk, local_id) index: an article has few sources, a
# popular surname thousands of lone mentions
SELECT_ARTICLE_LONE_SURNAMES = SELECT_LONE_SURNAMES.replace(
    "WHERE s.lone_surname = ?", "WHERE s.article_pk = ? AND +s.lone_surname = ?"
)
MOVE_SOURCE = "UPDATE sources SET corpus_source_pk = ?, identity_rule = ? WHERE pk = ?"
SET_RULE = "UPDATE sources SET identity_rule = ? WHERE pk = ?"

SELECT_ARTICLE_SOURCES = "SELECT name, kind, named, role FROM sources WHERE article_pk = ?"
SELECT_ARTICLE_QUOTES = "SELECT pk, normalized FROM quotes WHERE article_pk = ?"
DELETE_SHINGLE = "DELETE FROM quote_shingles WHERE shingle = ? AND quote_pk = ?"
# Children first: the triggers on sources read the article's outlet and month.
DELETE_ARTICLE_ROWS = (
    "DELETE FROM quotes WHERE article_pk = ?",
    "DELETE FROM claims WHERE article_pk = ?",
    "DELETE FROM attributions WHERE article_pk = ?",
    "DELETE FROM sources WHERE article_pk = ?",
    "DELETE FROM article_citations WHERE article_pk = ?",
    "DELETE FROM article_authors WHERE article_pk = ?",
    "DELETE FROM article_texts WHERE article_pk = ?",
    "DELETE FROM articles WHERE pk = ?",
)


def add_analysis(conn: sqlite3.Connection, analysis: Analysis, *, input_hash: str | None = None) -> AddStatus:
    """Store an analysis, replacing an older one of the same article. "unchanged" (and
    nothing written but the input hash) when the same article with the same analysis
    version is already stored."""
    check_references(analysis)
    new_hash = content_hash(analysis.article)
    existing = conn.execute(SELECT_ARTICLE_STATE, (analysis.article.id,)).fetchone()
    if existing is not None:
        pk, stored_hash, stored_version, stored_input = existing
        if stored_hash == new_hash and stored_version == analysis.analysis_version:
            if input_hash and input_hash != stored_input:
                conn.execute(UPDATE_INPUT_HASH, (input_hash, pk))
            return "unchanged"
    keys = {k for source in analysis.sources for k in identity.lookup_keys(source)}
    if existing is not None:
        keys |= article_keys(conn, existing[0])
    before = {key: signature(lone_context(conn, key)) for key in keys}
    if existing is not None:
        delete_article(conn, existing[0])
    article_pk, date_key = _insert_article(conn, analysis, new_hash, input_hash)
    source_pks = _insert_sources(conn, article_pk, date_key, analysis)
    _insert_attributions(conn, article_pk, analysis, source_pks)
    _insert_claims(conn, article_pk, analysis)
    _insert_citations(conn, article_pk, analysis)
    for key in sorted(keys):
        context = lone_context(conn, key)
        changed = signature(context) != before[key]
        redecide_lone_surnames(conn, key, context, only_article=None if changed else article_pk)
    return "replaced" if existing is not None else "added"


def article_keys(conn: sqlite3.Connection, article_pk: int) -> set[str]:
    """The surnames and one-word keys of a stored article's named sources."""
    keys: set[str] = set()
    for name, kind, named, role in conn.execute(SELECT_ARTICLE_SOURCES, (article_pk,)).fetchall():
        keys |= identity.lookup_keys(Source(id="", name=name, kind=kind, named=bool(named), role=role))
    return keys


def delete_article(conn: sqlite3.Connection, article_pk: int) -> None:
    """Remove every row of an article (lone surnames are the caller's to decide again)."""
    for quote_pk, normalized in conn.execute(SELECT_ARTICLE_QUOTES, (article_pk,)).fetchall():
        conn.executemany(DELETE_SHINGLE, [(h, quote_pk) for h in shingles(normalized)])
    for statement in DELETE_ARTICLE_ROWS:
        conn.execute(statement, (article_pk,))


def remove_article(conn: sqlite3.Connection, article_id: str) -> bool:
    """Remove an article by id; False when there is none."""
    row = conn.execute(SELECT_ARTICLE_STATE, (article_id,)).fetchone()
    if row is None:
        return False
    keys = article_keys(conn, row[0])
    before = {key: signature(lone_context(conn, key)) for key in keys}
    delete_article(conn, row[0])
    for key in sorted(keys):
        context = lone_context(conn, key)
        if signature(context) != before[key]:
            redecide_lone_surnames(conn, key, context)
    return True


# ------------------------------------------------------------------ articles
def _attribution_counts(analysis: Analysis) -> dict[str, int]:
    sources = {s.id: s for s in analysis.sources}
    kinds: Counter[str] = Counter()
    named = anonymous = unattributed = 0
    for attribution in analysis.attributions:
        source = sources.get(attribution.source) if attribution.source else None
        if source is None:
            unattributed += 1
            kinds["unspecified"] += 1
            continue
        kinds[source.kind if source.kind in SOURCE_KINDS else "unspecified"] += 1
        if source.named:
            named += 1
        else:
            anonymous += 1
    counts = {f"n_{kind}": kinds[kind] for kind in SOURCE_KINDS}
    counts.update(n_named=named, n_anonymous=anonymous, n_unattributed=unattributed)
    return counts


def _insert_article(
    conn: sqlite3.Connection, analysis: Analysis, content_hash: str, input_hash: str | None
) -> tuple[int, str]:
    article = analysis.article
    pub_date, month = parse_published(article.published)
    values = {
        "article_id": article.id,
        "analysis_version": analysis.analysis_version,
        "content_hash": content_hash,
        "input_hash": input_hash,
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url,
        "published": article.published,
        "pub_date": pub_date,
        "month": month,
        "author": article.author,
        "section": article.section,
        "wire": article.wire,
        "language": article.language,
        "chars": len(article.text),
        "n_attributions": len(analysis.attributions),
        "n_sources": len(analysis.sources),
        "n_claims": len(analysis.claims),
        "stored_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        **_attribution_counts(analysis),
    }
    pk = int(conn.execute(INSERT_ARTICLE, values).fetchone()[0])
    excluded = json.dumps([e.to_dict() for e in article.excluded], ensure_ascii=False)
    profile = json.dumps(analysis.profile.to_dict(), ensure_ascii=False, separators=(",", ":"))
    conn.execute(INSERT_TEXT, (pk, article.text, excluded, profile))
    conn.executemany(INSERT_AUTHOR, [(pk, i, name) for i, name in enumerate(article.authors)])
    return pk, pub_date or UNKNOWN_DATE_KEY


# ------------------------------------------------------------------ sources and identities
def ensure_identity(
    conn: sqlite3.Connection, corpus_source_id: str, name: str, named: bool, surname: str | None
) -> int:
    return int(conn.execute(ENSURE_IDENTITY, (corpus_source_id, name, int(named), surname)).fetchone()[0])


def _insert_sources(conn: sqlite3.Connection, article_pk: int, date_key: str, analysis: Analysis) -> dict[str, int]:
    """Insert the sources in their order; the local id -> pk of each. A lone surname is decided
    here against the corpus as it stands, then again (with this article's full names in the
    corpus) by the redecide pass that ends :func:`add_analysis`."""
    text = analysis.article.text
    per_source = Counter(a.source for a in analysis.attributions if a.source)
    pks: dict[str, int] = {}
    for source in analysis.sources:
        source_id = stable_id(analysis.article.id, source.id) or source.id
        decision = identity.classify(source, source_id)
        lone: str | None = None
        if isinstance(decision, identity.LoneSurname):
            lone = decision.surname
            candidates, exact, role_identities = lone_context(conn, decision.surname)
            chosen = identity.decide_lone_surname(
                decision,
                source_id,
                candidates,
                exact,
                outlet=analysis.article.outlet,
                role_identities=role_identities,
            )
            identity_pk = ensure_identity(conn, chosen.corpus_source_id, chosen.display, True, None)
            rule = chosen.rule
        else:
            identity_pk = ensure_identity(
                conn, decision.corpus_source_id, decision.display, decision.named, decision.surname
            )
            rule = decision.rule
        row = (
            article_pk,
            source.id,
            source.name,
            source.kind,
            int(source.named),
            source.count,
            source.count_text,
            source.role,
            source.affiliation,
            encode_spans(source.mentions, text),
            encode_spans(source.anonymity, text),
            per_source.get(source.id, 0),
            date_key,
            identity.role_key(source.role),
            identity.role_key(source.affiliation),
            lone,
            rule,
            identity_pk,
            json.dumps(list(source.rules)),
            source.gender,
            source.gender_basis,
            encode_spans(source.gender_evidence, text),
            source.role_class,
            encode_spans(source.descriptors, text),
            json.dumps(source.gender_counts, sort_keys=True),
        )
        pks[source.id] = int(conn.execute(INSERT_SOURCE, row).fetchone()[0])
    return pks


def _candidates(conn: sqlite3.Connection, surname: str) -> list[identity.Candidate]:
    names: dict[str, str] = {}
    facets: dict[str, dict[str, set[str]]] = {}
    for corpus_source_id, name, facet, value in conn.execute(SELECT_CANDIDATES, (surname,)):
        names[corpus_source_id] = name
        found = facets.setdefault(corpus_source_id, {"role": set(), "affiliation": set()})
        if facet is not None:
            found[facet].add(value)
    return [
        identity.Candidate(cid, names[cid], frozenset(facets[cid]["role"]), frozenset(facets[cid]["affiliation"]))
        for cid in names
    ]


def _exact(conn: sqlite3.Connection, surname: str) -> identity.Candidate | None:
    row = conn.execute(SELECT_EXACT, (identity.slug([surname]),)).fetchone()
    return None if row is None else identity.Candidate(row[1], row[2], frozenset(), frozenset())


LoneContext = tuple[list[identity.Candidate], identity.Candidate | None, list[identity.Candidate]]


def lone_context(conn: sqlite3.Connection, surname: str) -> LoneContext:
    """Everything a lone surname's decision depends on: the full-name candidates with that
    surname, the one-word identity with the same key, and the identities lone surnames made
    by a role or affiliation."""
    roles = [
        identity.Candidate(cid, name, frozenset(), frozenset())
        for cid, name in conn.execute(SELECT_ROLE_IDENTITIES, (surname, surname))
    ]
    return _candidates(conn, surname), _exact(conn, surname), roles


def signature(context: LoneContext) -> tuple[Any, ...]:
    """A comparable form of a lone-surname context; when it is the same after an article is
    stored, the other lone surnames need not be decided again."""
    candidates, exact, roles = context
    compared = tuple((c.corpus_source_id, tuple(sorted(c.roles)), tuple(sorted(c.affiliations))) for c in candidates)
    return compared, exact.corpus_source_id if exact else None, tuple(r.corpus_source_id for r in roles)


SELECT_IDENTITY_RULES = "SELECT value FROM corpus_info WHERE key = 'identity_rules'"
SET_IDENTITY_RULES = "INSERT OR REPLACE INTO corpus_info (key, value) VALUES ('identity_rules', ?)"
SELECT_ALL_LONE_SURNAMES = "SELECT DISTINCT lone_surname FROM sources WHERE lone_surname IS NOT NULL"


def identities_stale(conn: sqlite3.Connection) -> bool:
    """Whether the corpus's lone surnames were decided under other identity rules."""
    row = conn.execute(SELECT_IDENTITY_RULES).fetchone()
    return row is None or row[0] != identity.RULES_VERSION


def repair_identities(conn: sqlite3.Connection) -> int:
    """Decide every lone surname of the corpus again when it was stored under other identity
    rules (``identity.RULES_VERSION``); how many sources moved. Opening a corpus for writing
    runs it, so a corpus stored by an older accordingto is repaired, not left half old."""
    if not identities_stale(conn):
        return 0
    moved = 0
    for (surname,) in conn.execute(SELECT_ALL_LONE_SURNAMES).fetchall():
        moved += redecide_lone_surnames(conn, surname, lone_context(conn, surname))
    conn.execute(SET_IDENTITY_RULES, (identity.RULES_VERSION,))
    return moved


def redecide_lone_surnames(
    conn: sqlite3.Connection, surname: str, context: LoneContext, *, only_article: int | None = None
) -> int:
    """Decide again every lone surname ``surname`` in the corpus (or in one article), against
    ``context`` (:func:`lone_context`, read after the last write); how many moved."""
    if only_article is None:
        rows = conn.execute(SELECT_LONE_SURNAMES, (surname,)).fetchall()
    else:
        rows = conn.execute(SELECT_ARTICLE_LONE_SURNAMES, (only_article, surname)).fetchall()
    candidates, exact, roles = context
    moved = 0
    for pk, article_id, local_id, name, kind, role, affiliation, current, rule, outlet in rows:
        source = Source(id=local_id, name=name, kind=kind, named=True, role=role, affiliation=affiliation)
        source_id = stable_id(article_id, local_id) or local_id
        lone = identity.classify(source, source_id)
        if not isinstance(lone, identity.LoneSurname):
            continue  # the naming rules changed since it was stored; leave it where it is
        decision = identity.decide_lone_surname(
            lone, source_id, candidates, exact, outlet=outlet, role_identities=roles
        )
        if decision.corpus_source_id != current:
            target = ensure_identity(conn, decision.corpus_source_id, decision.display, True, None)
            conn.execute(MOVE_SOURCE, (target, decision.rule, pk))
            moved += 1
        elif decision.rule != rule:
            conn.execute(SET_RULE, (decision.rule, pk))
    return moved


# ------------------------------------------------------------------ attributions, claims, quotes
def _insert_attributions(
    conn: sqlite3.Connection, article_pk: int, analysis: Analysis, source_pks: dict[str, int]
) -> None:
    text = analysis.article.text
    for attribution in analysis.attributions:
        pk = _insert_attribution(conn, article_pk, attribution, source_pks, text)
        for quote in quotes_of(attribution, text):
            hashes = shingles(quote.normalized)
            values = (article_pk, pk, quote.start, quote.end, quote.normalized, len(hashes))
            quote_pk = conn.execute(INSERT_QUOTE, values).fetchone()[0]
            conn.executemany(INSERT_SHINGLE, [(h, quote_pk) for h in hashes])


def _insert_attribution(
    conn: sqlite3.Connection, article_pk: int, a: Attribution, source_pks: dict[str, int], text: str
) -> int:
    mention = a.source_mention
    row = (
        article_pk,
        a.id,
        a.type,
        a.content_text,
        encode_spans(a.content, text),
        a.start,
        a.end,
        a.cue.text if a.cue else None,
        a.cue.start if a.cue else None,
        a.cue.end if a.cue else None,
        source_pks.get(a.source) if a.source else None,
        mention.text if mention else None,
        mention.start if mention else None,
        mention.end if mention else None,
        json.dumps(list(a.via)),
        a.confidence,
        a.stance,
        encode_spans(a.hedges, text),
        json.dumps(list(a.rules)),
    )
    return int(conn.execute(INSERT_ATTRIBUTION, row).fetchone()[0])


def _insert_claims(conn: sqlite3.Connection, article_pk: int, analysis: Analysis) -> None:
    text = analysis.article.text
    conn.executemany(
        INSERT_CLAIM,
        [
            (
                article_pk,
                c.id,
                c.text,
                c.start,
                c.end,
                c.value,
                c.value_to,
                c.approximation,
                c.unit,
                c.attribution,
                c.source,
                encode_spans(c.caveats, text),
                json.dumps(list(c.rules)),
            )
            for c in analysis.claims
        ],
    )


def _insert_citations(conn: sqlite3.Connection, article_pk: int, analysis: Analysis) -> None:
    outlets = {o.strip().casefold(): o.strip() for o in analysis.profile.outlets_cited if o and o.strip()}
    conn.executemany(INSERT_CITATION, [(article_pk, o) for o in outlets.values()])
