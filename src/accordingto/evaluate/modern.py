"""The modern-pages gold set (``gold/modern``): offsets only, over the project's own HTML
extraction of pages kept in ``../shared/data/article-extraction``.

Each page's text is extracted again with :func:`accordingto.clean.clean_html`; when its
SHA-256 differs from the one the annotations were made on, the page is reported and left
out (its offsets would point at other words).
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from pathlib import Path

from accordingto.clean import clean_html
from accordingto.errors import AccordingtoError, GoldError
from accordingto.evaluate.brat import GoldArticle, GoldAttribution, GoldEntity, GoldFigure, parse_ann
from accordingto.evaluate.drafts import text_hash


@dataclass(slots=True)
class ModernGold:
    articles: list[GoldArticle] = field(default_factory=list)
    #: pages left out, each with why
    skipped: list[str] = field(default_factory=list)


def is_modern(folder: Path) -> bool:
    return not (folder / "text").is_dir() and any(folder.glob("*.json")) and any(folder.glob("*.ann"))


def _page_html(pages: Path, page: str) -> str:
    for candidate in (pages / "html" / f"{page}.html.gz", pages / f"{page}.html.gz"):
        if candidate.is_file():
            return gzip.decompress(candidate.read_bytes()).decode("utf-8", "replace")
    raise GoldError(f"page {page} is not in {pages} (expected html/{page}.html.gz)")


def _entities(meta: dict[str, object]) -> list[GoldEntity]:
    found = []
    raw = meta.get("entities")
    assert isinstance(raw, dict)
    for ident, ent in raw.items():
        found.append(
            GoldEntity(
                id=ident,
                name=str(ent["name"]),
                kind=str(ent["kind"]),
                named=bool(ent["named"]),
                title=ent.get("title"),
                mentions=tuple((int(s), int(e)) for s, e in ent.get("mentions", [])),
                gender=ent.get("gender"),
                role_class=ent.get("role_class"),
            )
        )
    return found


def _figures(meta: dict[str, object]) -> list[GoldFigure]:
    found = []
    raw = meta.get("figures")
    assert isinstance(raw, list)
    for fig in raw:
        value = fig.get("value")
        if isinstance(value, list):
            value = (float(value[0]), float(value[-1])) if value else None
        elif value is not None:
            value = float(value)
        found.append(GoldFigure(int(fig["start"]), int(fig["end"]), value, fig.get("unit"), fig.get("entity")))
    return found


def read_modern(folder: Path | str, pages: Path | str, *, split: str | None = None) -> ModernGold:
    """Every page of a modern gold folder whose extracted text is the one annotated."""
    root, pages = Path(folder), Path(pages)
    if not pages.is_dir():
        raise GoldError(f"{pages} is not a folder of pages (give --pages ../shared/data/article-extraction)")
    out = ModernGold()
    for sidecar in sorted(root.glob("*.json")):
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
        page = str(meta["page"])
        if split is not None and meta.get("split") != split:
            continue
        try:
            cleaned = clean_html(_page_html(pages, page), url=meta.get("url"))
        except AccordingtoError as exc:
            out.skipped.append(f"{page}: {exc}")
            continue
        if text_hash(cleaned.text) != meta["text_sha256"]:
            out.skipped.append(f"{page}: the extracted text changed since it was annotated; re-anchor its draft")
            continue
        events = [row.get("entity") for row in meta.get("attributions", [])]
        attributions = parse_ann((root / f"{page}.ann").read_text(encoding="utf-8"))
        attributions = [
            GoldAttribution(a.content, a.cue, a.source, events[k] if k < len(events) else None)
            for k, a in enumerate(attributions)
        ]
        out.articles.append(
            GoldArticle(
                name=page,
                text=cleaned.text,
                attributions=attributions,
                cleaned=cleaned,
                entities=_entities(meta),
                figures=_figures(meta),
                split=meta.get("split"),
                genre=meta.get("genre"),
            )
        )
    if not out.articles and not out.skipped:
        raise GoldError(f"{root} holds no annotated pages (<page>.ann with <page>.json)")
    return out
