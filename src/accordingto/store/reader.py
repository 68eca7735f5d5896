"""Reading a stored article back as the :class:`~accordingto.models.Analysis` it was stored from."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from accordingto.models import Analysis, Article, Attribution, Claim, Excluded, Profile, Source
from accordingto.store.encoding import decode_spans, optional_span

SELECT_ARTICLE = """
SELECT ar.pk, ar.article_id, ar.analysis_version, ar.title, ar.outlet, ar.url, ar.published, ar.author, ar.language,
       ar.section, ar.wire, t.text, t.excluded, t.profile
  FROM articles ar JOIN article_texts t ON t.article_pk = ar.pk WHERE ar.article_id = ?
"""
SELECT_ARTICLE_BY_PK = SELECT_ARTICLE.replace("WHERE ar.article_id = ?", "WHERE ar.pk = ?")
SELECT_SOURCES = """
SELECT pk, local_id, name, kind, named, count, count_text, role, affiliation, mentions, anonymity, rules,
       gender, gender_basis, gender_evidence, role_class, descriptors, gender_counts
  FROM sources WHERE article_pk = ? ORDER BY pk
"""
SELECT_AUTHORS = "SELECT name FROM article_authors WHERE article_pk = ? ORDER BY position"
SELECT_ATTRIBUTIONS = """
SELECT local_id, type, spans, cue, cue_start, cue_end, source_pk, mention, mention_start, mention_end,
       via, confidence, stance, hedges, rules
  FROM attributions WHERE article_pk = ? ORDER BY pk
"""
SELECT_CLAIMS = """
SELECT local_id, text, start, "end", value, value_to, approximation, unit, attribution_local, source_local,
       caveats, rules
  FROM claims WHERE article_pk = ? ORDER BY pk
"""
SELECT_ARTICLE_PKS = "SELECT pk FROM articles ORDER BY pk"


def load_analysis(conn: sqlite3.Connection, article_id: str) -> Analysis | None:
    row = conn.execute(SELECT_ARTICLE, (article_id,)).fetchone()
    return None if row is None else _analysis(conn, row)


def load_analysis_by_pk(conn: sqlite3.Connection, pk: int) -> Analysis | None:
    row = conn.execute(SELECT_ARTICLE_BY_PK, (pk,)).fetchone()
    return None if row is None else _analysis(conn, row)


def iter_analyses(conn: sqlite3.Connection) -> Iterator[Analysis]:
    """Every stored analysis, in the order they were stored."""
    for (pk,) in conn.execute(SELECT_ARTICLE_PKS).fetchall():
        analysis = load_analysis_by_pk(conn, pk)
        if analysis is not None:
            yield analysis


def _analysis(conn: sqlite3.Connection, row: tuple[Any, ...]) -> Analysis:
    pk, article_id, version, title, outlet, url, published, author, language, section, wire = row[:11]
    text, excluded, profile = row[11:]
    article = Article(
        id=article_id,
        text=text,
        title=title,
        outlet=outlet,
        url=url,
        published=published,
        author=author,
        language=language,
        excluded=[Excluded.from_dict(e) for e in json.loads(excluded)],
        authors=[name for (name,) in conn.execute(SELECT_AUTHORS, (pk,))],
        section=section,
        wire=wire,
    )
    local_of: dict[int, str] = {}
    sources = []
    for (
        spk,
        local_id,
        name,
        kind,
        named,
        count,
        count_text,
        role,
        affiliation,
        mentions,
        anonymity,
        source_rules,
        gender,
        gender_basis,
        gender_evidence,
        role_class,
        descriptors,
        gender_counts,
    ) in conn.execute(SELECT_SOURCES, (pk,)):
        local_of[spk] = local_id
        sources.append(
            Source(
                id=local_id,
                name=name,
                kind=kind,
                named=bool(named),
                count=count,
                count_text=count_text,
                role=role,
                affiliation=affiliation,
                mentions=decode_spans(mentions, text),
                anonymity=decode_spans(anonymity, text),
                rules=list(json.loads(source_rules)),
                gender=gender,
                gender_basis=gender_basis,
                gender_evidence=decode_spans(gender_evidence, text),
                role_class=role_class,
                descriptors=decode_spans(descriptors, text),
                gender_counts=dict(json.loads(gender_counts)),
            )
        )
    attributions = [
        Attribution(
            id=local_id,
            type=kind,
            content=decode_spans(spans, text),
            cue=optional_span(cue, cue_start, cue_end),
            source=local_of.get(source_pk) if source_pk is not None else None,
            source_mention=optional_span(mention, mention_start, mention_end),
            via=list(json.loads(via)),
            confidence=confidence,
            stance=stance,
            hedges=decode_spans(hedges, text),
            rules=list(json.loads(rules)),
        )
        for (
            local_id,
            kind,
            spans,
            cue,
            cue_start,
            cue_end,
            source_pk,
            mention,
            mention_start,
            mention_end,
            via,
            confidence,
            stance,
            hedges,
            rules,
        ) in conn.execute(SELECT_ATTRIBUTIONS, (pk,))
    ]
    claims = [
        Claim(
            id=local_id,
            text=claim_text,
            start=start,
            end=end,
            value=value,
            value_to=value_to,
            approximation=approximation,
            unit=unit,
            attribution=attribution_local,
            source=source_local,
            caveats=decode_spans(caveats, text),
            rules=list(json.loads(claim_rules)),
        )
        for (
            local_id,
            claim_text,
            start,
            end,
            value,
            value_to,
            approximation,
            unit,
            attribution_local,
            source_local,
            caveats,
            claim_rules,
        ) in conn.execute(SELECT_CLAIMS, (pk,))
    ]
    return Analysis(
        article=article,
        sources=sources,
        attributions=attributions,
        claims=claims,
        profile=Profile.from_dict(json.loads(profile)),
        analysis_version=version,
    )
