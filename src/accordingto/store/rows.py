"""Flat rows: the one definition of the columns of every export (and of any job, such as the
Spark one, that writes the same tables).

:func:`analysis_to_rows` turns one :class:`~accordingto.models.Analysis` into rows of four
tables, ``articles``, ``sources``, ``attributions`` and ``claims``, with a fixed column list
per table (:data:`COLUMNS`). Every row carries stable corpus-wide ids (the article id, or
``"<article id>:<local id>"`` such as ``"ap-2016-03-01:A3"``), character offsets into the
article text, and the analysis version. :func:`rows_to_analysis` is its inverse, so rows
read back from Parquet or JSONL can be stored again with ``Corpus.add``.

Columns of type ``json`` hold lists or objects in the rows and in JSON Lines; CSV and Parquet
store them as JSON text (:func:`encode_row`), so all three formats have the same columns.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from accordingto.errors import SchemaError
from accordingto.models import SCHEMA, Analysis, Article, Attribution, Claim, Excluded, Profile, Source, Span
from accordingto.store.encoding import optional_span

ColumnType = Literal["string", "integer", "float", "boolean", "json"]
Row = dict[str, Any]
TABLES: tuple[str, ...] = ("articles", "sources", "attributions", "claims")
ID_SEPARATOR = ":"


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: ColumnType
    description: str


def _cols(*specs: tuple[str, ColumnType, str]) -> tuple[Column, ...]:
    return tuple(Column(*spec) for spec in specs)


COLUMNS: dict[str, tuple[Column, ...]] = {
    "articles": _cols(
        ("article_id", "string", "stable id: given by the input, or the first 16 hex digits of the text's SHA-256"),
        ("analysis_version", "string", "accordingto version + spaCy pipeline that produced the analysis"),
        ("schema", "string", "record schema, accordingto/1"),
        ("content_hash", "string", "SHA-256 of the article record (text and metadata)"),
        ("title", "string", "title, when known"),
        ("outlet", "string", "outlet that published the article, when known"),
        ("url", "string", "URL, when known"),
        ("published", "string", "publication date as given (ISO 8601 when known)"),
        ("author", "string", "the byline as one string, when known"),
        ("authors", "json", "the people the article is credited to, in byline order (never a wire service)"),
        ("section", "string", "section or desk the page files the article under, when stated"),
        ("wire", "string", "wire service or syndication credit (Reuters, AP, TOI), when given"),
        ("language", "string", "language code"),
        ("chars", "integer", "length of the text in characters"),
        ("text", "string", "the article text every offset indexes"),
        ("excluded", "json", "ranges of the text that are not article prose: [{start, end, text, reason}]"),
        ("attributions", "integer", "number of attributions"),
        ("sources", "integer", "number of sources with at least one attribution"),
        ("claims", "integer", "number of figures"),
        ("named_share", "float", "share of attributions to a named source"),
        ("anonymous_share", "float", "share of attributions to an anonymous source"),
        ("unattributed", "integer", "attributions with no source found"),
        ("outlets_cited", "json", "names of the outlets the article cites"),
        ("profile", "json", "the full sourcing profile (schema accordingto/1)"),
    ),
    "sources": _cols(
        ("source_id", "string", "stable id: <article_id>:<local id>"),
        ("article_id", "string", "the article"),
        ("local_id", "string", "id inside the article's analysis (S1, S2...)"),
        ("analysis_version", "string", "analysis version of the article"),
        ("name", "string", "the source's name or description as written"),
        ("kind", "string", "person | group | organization | outlet | document | unspecified"),
        ("named", "boolean", "false for an anonymous source"),
        ("count", "integer", "how many people a group source stands for, when stated"),
        ("count_text", "string", "the words that state that count"),
        ("role", "string", "role or title"),
        ("affiliation", "string", "organization the source belongs to"),
        ("start", "integer", "offset of the first mention"),
        ("end", "integer", "end offset of the first mention"),
        ("mentions", "json", "every mention: [{start, end, text}]"),
        ("anonymity", "json", "words that mark the source as anonymous: [{start, end, text}]"),
        ("attributions", "integer", "attributions to this source in the article"),
        ("rules", "json", "ids of the rules that described and resolved the source (docs/rules.md)"),
        ("gender", "string", "female | male | nonbinary | unknown: a person's gender as the text states it"),
        ("gender_basis", "string", "text (decided by gender_evidence) | none"),
        ("gender_evidence", "json", "the spans that decided gender: [{start, end, text}]"),
        ("role_class", "string", "politician_or_official | spokesperson | ... | unknown (docs/schema.md)"),
        ("descriptors", "json", "the article's words for who the source is and why they would know (spans)"),
        ("gender_counts", "json", "a group's members by gender when the text states them: {female: n, male: n}"),
    ),
    "attributions": _cols(
        ("attribution_id", "string", "stable id: <article_id>:<local id>"),
        ("article_id", "string", "the article"),
        ("local_id", "string", "id inside the article's analysis (A1, A2...)"),
        ("analysis_version", "string", "analysis version of the article"),
        ("type", "string", "direct | mixed | indirect | according_to"),
        ("content", "string", "the attributed content (its spans joined by a space)"),
        ("start", "integer", "offset of the content's first character"),
        ("end", "integer", "offset after the content's last character"),
        ("spans", "json", "the content's spans: [{start, end, text}]"),
        ("cue", "string", "the cue (said, according to...)"),
        ("cue_start", "integer", "offset of the cue"),
        ("cue_end", "integer", "end offset of the cue"),
        ("source_id", "string", "stable id of the source, empty when none was found"),
        ("source_name", "string", "the source's name"),
        ("source_kind", "string", "the source's kind"),
        ("source_named", "boolean", "false when the source is anonymous"),
        ("source_mention", "string", "the mention of the source this attribution links to"),
        ("source_mention_start", "integer", "offset of that mention"),
        ("source_mention_end", "integer", "end offset of that mention"),
        ("via", "json", "stable ids of the sources the content travelled through"),
        ("confidence", "float", "0..1"),
        ("stance", "string", "neutral | assertive | tentative | distancing"),
        ("hedges", "json", "hedging words: [{start, end, text}]"),
        ("rules", "json", "ids of the rules that made or changed the attribution and found its source"),
    ),
    "claims": _cols(
        ("claim_id", "string", "stable id: <article_id>:<local id>"),
        ("article_id", "string", "the article"),
        ("local_id", "string", "id inside the article's analysis (C1, C2...)"),
        ("analysis_version", "string", "analysis version of the article"),
        ("text", "string", "the figure as written"),
        ("start", "integer", "offset of the figure"),
        ("end", "integer", "end offset of the figure"),
        ("value", "float", "its numeric value, when it has one"),
        ("value_to", "float", "upper end of a range, or the second number of a score"),
        ("approximation", "string", "about, nearly, more than..."),
        ("unit", "string", "unit (USD, percent, people...)"),
        ("attribution_id", "string", "stable id of the attribution that supplies it"),
        ("source_id", "string", "stable id of its source"),
        ("caveats", "json", "qualifying words: [{start, end, text}]"),
        ("rules", "json", "ids of the rules that found the figure"),
    ),
}


def column_names(table: str) -> list[str]:
    return [c.name for c in COLUMNS[table]]


def stable_id(article_id: str, local_id: str | None) -> str | None:
    """The corpus-wide id of a source, attribution or claim."""
    return None if local_id is None else f"{article_id}{ID_SEPARATOR}{local_id}"


def split_id(stable: str) -> tuple[str, str]:
    """(article id, local id) of a stable id; local ids never contain the separator."""
    article_id, sep, local_id = stable.rpartition(ID_SEPARATOR)
    if not sep or not article_id or not local_id:
        raise ValueError(f"{stable!r} is not a stable id (<article id>{ID_SEPARATOR}<local id>)")
    return article_id, local_id


def content_hash(article: Article) -> str:
    """SHA-256 of the article record: a changed text or changed metadata is a changed article."""
    canonical = json.dumps(article.to_dict(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# ------------------------------------------------------------------ records -> rows
def analysis_to_rows(analysis: Analysis) -> dict[str, list[Row]]:
    """The rows of every table for one analysis. SchemaError when its references are broken
    (an attribution naming a source the analysis does not have, a repeated id...)."""
    check_references(analysis)
    article = analysis.article
    version = analysis.analysis_version
    counts: dict[str, int] = {}
    for attribution in analysis.attributions:
        if attribution.source:
            counts[attribution.source] = counts.get(attribution.source, 0) + 1
    sources = {s.id: s for s in analysis.sources}
    return {
        "articles": [_article_row(analysis)],
        "sources": [_source_row(article.id, version, s, counts.get(s.id, 0)) for s in analysis.sources],
        "attributions": [_attribution_row(article.id, version, a, sources) for a in analysis.attributions],
        "claims": [_claim_row(article.id, version, c) for c in analysis.claims],
    }


def check_references(analysis: Analysis) -> None:
    """SchemaError unless every id is unique and every reference points inside the analysis."""
    where = f"article {analysis.article.id!r}"
    if not analysis.article.id:
        raise SchemaError("an article with an empty id cannot be stored")
    for label, ids in (
        ("source", [s.id for s in analysis.sources]),
        ("attribution", [a.id for a in analysis.attributions]),
        ("claim", [c.id for c in analysis.claims]),
    ):
        seen: set[str] = set()
        for ident in ids:
            if not ident or ID_SEPARATOR in ident or ident in seen:
                raise SchemaError(f"{where}: {label} id {ident!r} is empty, repeated or contains {ID_SEPARATOR!r}")
            seen.add(ident)
    source_ids = {s.id for s in analysis.sources}
    attribution_ids = {a.id for a in analysis.attributions}
    for a in analysis.attributions:
        if not a.content:
            raise SchemaError(f"{where}: attribution {a.id} has no content span")
        for ref in ([a.source] if a.source else []) + list(a.via):
            if ref not in source_ids:
                raise SchemaError(f"{where}: attribution {a.id} refers to source {ref!r}, which it does not have")
    for c in analysis.claims:
        if c.source and c.source not in source_ids:
            raise SchemaError(f"{where}: claim {c.id} refers to source {c.source!r}, which it does not have")
        if c.attribution and c.attribution not in attribution_ids:
            raise SchemaError(f"{where}: claim {c.id} refers to attribution {c.attribution!r}, which it does not have")


def _spans(spans: Iterable[Span]) -> list[dict[str, Any]]:
    return [s.to_dict() for s in spans]


def _article_row(analysis: Analysis) -> Row:
    article, profile = analysis.article, analysis.profile
    return {
        "article_id": article.id,
        "analysis_version": analysis.analysis_version,
        "schema": SCHEMA,
        "content_hash": content_hash(article),
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url,
        "published": article.published,
        "author": article.author,
        "authors": list(article.authors),
        "section": article.section,
        "wire": article.wire,
        "language": article.language,
        "chars": len(article.text),
        "text": article.text,
        "excluded": [e.to_dict() for e in article.excluded],
        "attributions": len(analysis.attributions),
        "sources": profile.sources,
        "claims": len(analysis.claims),
        "named_share": profile.named_share,
        "anonymous_share": profile.anonymous_share,
        "unattributed": profile.unattributed,
        "outlets_cited": list(profile.outlets_cited),
        "profile": profile.to_dict(),
    }


def _source_row(article_id: str, version: str, source: Source, attributions: int) -> Row:
    first = source.mentions[0] if source.mentions else None
    return {
        "source_id": stable_id(article_id, source.id),
        "article_id": article_id,
        "local_id": source.id,
        "analysis_version": version,
        "name": source.name,
        "kind": source.kind,
        "named": source.named,
        "count": source.count,
        "count_text": source.count_text,
        "role": source.role,
        "affiliation": source.affiliation,
        "start": first.start if first else None,
        "end": first.end if first else None,
        "mentions": _spans(source.mentions),
        "anonymity": _spans(source.anonymity),
        "attributions": attributions,
        "rules": list(source.rules),
        "gender": source.gender,
        "gender_basis": source.gender_basis,
        "gender_evidence": _spans(source.gender_evidence),
        "role_class": source.role_class,
        "descriptors": _spans(source.descriptors),
        "gender_counts": dict(source.gender_counts),
    }


def _attribution_row(article_id: str, version: str, a: Attribution, sources: Mapping[str, Source]) -> Row:
    source = sources.get(a.source) if a.source else None
    mention = a.source_mention
    return {
        "attribution_id": stable_id(article_id, a.id),
        "article_id": article_id,
        "local_id": a.id,
        "analysis_version": version,
        "type": a.type,
        "content": a.content_text,
        "start": a.start,
        "end": a.end,
        "spans": _spans(a.content),
        "cue": a.cue.text if a.cue else None,
        "cue_start": a.cue.start if a.cue else None,
        "cue_end": a.cue.end if a.cue else None,
        "source_id": stable_id(article_id, a.source),
        "source_name": source.name if source else None,
        "source_kind": source.kind if source else None,
        "source_named": source.named if source else None,
        "source_mention": mention.text if mention else None,
        "source_mention_start": mention.start if mention else None,
        "source_mention_end": mention.end if mention else None,
        "via": [stable_id(article_id, v) for v in a.via],
        "confidence": a.confidence,
        "stance": a.stance,
        "hedges": _spans(a.hedges),
        "rules": list(a.rules),
    }


def _claim_row(article_id: str, version: str, c: Claim) -> Row:
    return {
        "claim_id": stable_id(article_id, c.id),
        "article_id": article_id,
        "local_id": c.id,
        "analysis_version": version,
        "text": c.text,
        "start": c.start,
        "end": c.end,
        "value": c.value,
        "value_to": c.value_to,
        "approximation": c.approximation,
        "unit": c.unit,
        "attribution_id": stable_id(article_id, c.attribution),
        "source_id": stable_id(article_id, c.source),
        "caveats": _spans(c.caveats),
        "rules": list(c.rules),
    }


# ------------------------------------------------------------------ rows -> records
def _local(stable: str | None) -> str | None:
    return None if stable is None else split_id(stable)[1]


def _span_list(value: Any) -> list[Span]:
    return [Span.from_dict(s) for s in _decoded(value)]


def _decoded(value: Any) -> Any:
    """A json column as a Python value, whether it arrives decoded (JSONL) or as text (CSV, Parquet)."""
    if value is None:
        return []
    if isinstance(value, str):
        return json.loads(value)
    return value


def rows_to_analysis(rows: Mapping[str, list[Row]]) -> Analysis:
    """The Analysis the rows of one article came from (inverse of :func:`analysis_to_rows`)."""
    (art,) = rows["articles"]
    article = Article(
        id=art["article_id"],
        text=art["text"],
        title=art.get("title"),
        outlet=art.get("outlet"),
        url=art.get("url"),
        published=art.get("published"),
        author=art.get("author"),
        language=art.get("language"),
        excluded=[Excluded.from_dict(e) for e in _decoded(art.get("excluded"))],
        authors=[str(a) for a in _decoded(art.get("authors"))],
        section=art.get("section"),
        wire=art.get("wire"),
    )
    sources = [
        Source(
            id=r["local_id"],
            name=r["name"],
            kind=r["kind"],
            named=bool(r["named"]),
            count=r.get("count"),
            count_text=r.get("count_text"),
            role=r.get("role"),
            affiliation=r.get("affiliation"),
            mentions=_span_list(r.get("mentions")),
            anonymity=_span_list(r.get("anonymity")),
            rules=[str(x) for x in _decoded(r.get("rules"))],
            gender=r.get("gender") or "unknown",
            gender_basis=r.get("gender_basis") or "none",
            gender_evidence=_span_list(r.get("gender_evidence")),
            role_class=r.get("role_class") or "unknown",
            descriptors=_span_list(r.get("descriptors")),
            gender_counts={str(k): int(v) for k, v in dict(_decoded(r.get("gender_counts")) or {}).items()},
        )
        for r in rows.get("sources", [])
    ]
    attributions = [
        Attribution(
            id=r["local_id"],
            type=r["type"],
            content=_span_list(r["spans"]),
            cue=optional_span(r.get("cue"), r.get("cue_start"), r.get("cue_end")),
            source=_local(r.get("source_id")),
            source_mention=optional_span(
                r.get("source_mention"), r.get("source_mention_start"), r.get("source_mention_end")
            ),
            via=[split_id(v)[1] for v in _decoded(r.get("via"))],
            confidence=float(r["confidence"]),
            stance=r["stance"],
            hedges=_span_list(r.get("hedges")),
            rules=[str(x) for x in _decoded(r.get("rules"))],
        )
        for r in rows.get("attributions", [])
    ]
    claims = [
        Claim(
            id=r["local_id"],
            text=r["text"],
            start=int(r["start"]),
            end=int(r["end"]),
            value=r.get("value"),
            value_to=r.get("value_to"),
            approximation=r.get("approximation"),
            unit=r.get("unit"),
            attribution=_local(r.get("attribution_id")),
            source=_local(r.get("source_id")),
            caveats=_span_list(r.get("caveats")),
            rules=[str(x) for x in _decoded(r.get("rules"))],
        )
        for r in rows.get("claims", [])
    ]
    profile = art.get("profile")
    return Analysis(
        article=article,
        sources=sources,
        attributions=attributions,
        claims=claims,
        profile=Profile.from_dict(_decoded(profile) if profile is not None else {}),
        analysis_version=art["analysis_version"],
    )


# ------------------------------------------------------------------ file encoding
def encode_row(table: str, row: Mapping[str, Any]) -> Row:
    """The row as CSV and Parquet store it: json columns as compact JSON text, in column order."""
    out: Row = {}
    for column in COLUMNS[table]:
        value = row.get(column.name)
        if column.type == "json" and value is not None and not isinstance(value, str):
            value = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        out[column.name] = value
    return out
