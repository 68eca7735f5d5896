"""What a page states about an article's authors, wire service and section.

trafilatura's ``author`` is a heuristic string: it drops the full stop of "Sarah E.
Needleman", joins the publisher to the writer ("Condé Nast; Molly Wood"), runs the date into
a name ("Jeff Foust Monday; November") and takes "Reuters" for a person. The page's own
structured metadata is more exact, so the sources are read in this order, and the first
that names a person gives the authors:

1. the JSON-LD ``author`` of the article object: Person names (an ``@id`` reference is
   looked up in the page's graph); an Organization that is a wire service gives the wire,
   any other (the outlet itself, "BBC News") nobody;
2. ``<meta>`` author tags: ``author``, ``byl``, ``article:author`` when it is a name and
   not a profile URL, ``sailthru.author``, ``parsely-author``, ``dc.creator``...;
3. trafilatura's author, split at its "; ".

Every value goes through :func:`accordingto.clean.credits.parse_credit`, so a wire named
anywhere ("Reuters" as a Person, "By GREG BEACHAM, AP Sports Writer") is the wire and never
an author. The section is the JSON-LD ``articleSection``, else the first section tag
(``article:section``, ``og:section``, ``section``, ``parsely-section``...); trafilatura's
categories are not used, since they include the navigation's links.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import urlsplit

import lxml.html

from accordingto.clean.credits import Credit, canonical_wire, credit_from_values, credit_words, parse_credit

#: ``<meta>`` names (name, property or itemprop, any case) that hold the article's author
AUTHOR_META: Final = (
    "author",
    "byl",
    "article:author",
    "og:article:author",
    "article_author",
    "author.name",
    "sailthru.author",
    "parsely-author",
    "dc.creator",
    "dc:creator",
    "dcterms.creator",
    "dcsext.author",
    "analytics:author",
    "citation_author",
)
#: ``<meta>`` names that hold its section, best first
SECTION_META: Final = (
    "article:section",
    "og:article:section",
    "og:section",
    "article.section",
    "section",
    "articlesection",
    "parsely-section",
    "prism.section",
    "category",
)
#: ``<meta>`` names of the site itself: a credit naming it is no person
SITE_META: Final = ("og:site_name", "application-name", "publisher", "twitter:site")
#: JSON-LD types whose ``author`` is the article's (a Comment's, an ImageObject's is not)
_ARTICLE_TYPE: Final = re.compile(r"article|posting|blog|webpage|report|review|recipe|creativework", re.I)
_MAIN_TYPE: Final = re.compile(r"article|posting|blog", re.I)
_JSON_LD: Final = re.compile(r"application/ld\+json", re.I)
_TRAILING_COMMA: Final = re.compile(r",\s*([}\]])")
_SECTION_MAX_CHARS: Final = 60
_SECTION_MAX_WORDS: Final = 6
#: a web address, or a host name ("gizmodo.com") standing in for a section
_NOT_A_SECTION: Final = re.compile(r"https?://|www\.|@|^[\w-]+(?:\.[a-z][\w-]+)+$", re.I)
#: host labels that name no outlet ("www.", "co.uk")
_HOST_NOISE: Final = frozenset({"www", "m", "amp", "com", "co", "org", "net", "news"})


@dataclass(frozen=True, slots=True)
class PageCredits:
    authors: tuple[str, ...] = ()
    wire: str | None = None
    section: str | None = None


def page_credits(html: str, *, extracted_author: str | None, outlet: str | None, url: str | None) -> PageCredits:
    """The authors, wire and section a page states (see the module's docstring)."""
    tree = _tree(html)
    objects = _json_ld(tree) if tree is not None else []
    meta = _meta(tree) if tree is not None else {}
    articles = _article_objects(objects)
    outlets = _outlet_names(outlet, url, meta, articles)
    sources = (
        _json_ld_credit(articles, objects, outlets),
        credit_from_values(_values(meta, AUTHOR_META), outlets=outlets),
        parse_credit(extracted_author, outlets=outlets),
    )
    authors = next((credit.authors for credit in sources if credit.authors), ())
    wire = next((credit.wire for credit in sources if credit.wire), None)
    return PageCredits(authors, wire, _section(articles, meta))


def clean_section(value: Any) -> str | None:
    """A section name as a page or a field gives it ("Business", "politics" -> "Politics"),
    or None for a value that names no section ("post", "Homepage", "gizmodo.com"). A list in
    one string ("Commercial Real Estate,Home Page,Popular") gives its first section."""
    if isinstance(value, list | tuple):
        return next((s for s in (clean_section(v) for v in value) if s), None)
    if not isinstance(value, str):
        return None
    for part in value.split(","):
        text = " ".join(part.split()).strip(" /|>-–—")
        if _is_section(text):
            return _section_case(text)
    return None


def _section_case(text: str) -> str:
    """ "politics" -> "Politics", "SPACE" -> "Space"; "US News", "Science & Health" as given
    (capitals of two or three letters are an abbreviation)."""
    if text.islower():
        return text[0].upper() + text[1:]
    if text.isupper() and all(len(word) > 3 for word in re.findall(r"[^\W\d_]+", text)):
        return text.title()
    return text


def _is_section(text: str) -> bool:
    letters = sum(c.isalpha() for c in text)
    return (
        letters >= 2
        and len(text) <= _SECTION_MAX_CHARS
        and len(text.split()) <= _SECTION_MAX_WORDS
        and not _NOT_A_SECTION.search(text)
        and text.casefold() not in credit_words().get("section", frozenset())
    )


# ------------------------------------------------------------------ the page
def _tree(html: str) -> Any:
    try:
        # bytes, so that lxml accepts a page that declares its own encoding
        return lxml.html.fromstring(html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except Exception:  # lxml on odd markup: the page's metadata is lost, not its article
        return None


def _meta(tree: Any) -> dict[str, list[str]]:
    """Every ``<meta>`` content by its name, property or itemprop (lowercased), in page order."""
    found: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        name = element.get("name") or element.get("property") or element.get("itemprop")
        content = element.get("content")
        if name and content and content.strip():
            found.setdefault(name.strip().lower(), []).append(" ".join(content.split()))
    return found


def _values(meta: dict[str, list[str]], names: Iterable[str]) -> list[str]:
    return [value for name in names for value in meta.get(name, [])]


def _json_ld(tree: Any) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page, nested ones and ``@graph`` members included."""
    objects: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        if _JSON_LD.search(script.get("type") or ""):
            objects.extend(_objects(_load_json(script.text_content())))
    return objects


def _load_json(text: str) -> Any:
    for candidate in (text, _TRAILING_COMMA.sub(r"\1", text)):  # a trailing comma is a common slip
        try:
            return json.loads(candidate.strip().removeprefix("<!--").removesuffix("-->"), strict=False)
        except ValueError:
            continue
    return None


def _objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _objects(item)
    elif isinstance(data, dict):
        yield data
        for value in data.values():
            if isinstance(value, dict | list):
                yield from _objects(value)


def _types(obj: dict[str, Any]) -> list[str]:
    kind = obj.get("@type") or obj.get("type")
    return [str(k) for k in kind] if isinstance(kind, list) else [str(kind)] if kind else []


def _article_objects(objects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [o for o in objects if any(_ARTICLE_TYPE.search(t) for t in _types(o))]


def _json_ld_credit(articles: list[dict[str, Any]], objects: list[dict[str, Any]], outlets: tuple[str, ...]) -> Credit:
    """The authors of the first article object that names a person (an article's, before a
    web page's; the page's main article comes before related ones), and any wire named."""
    by_id = {str(o["@id"]): o for o in objects if o.get("@id") and len(o) > 1}
    ordered = sorted(articles, key=lambda o: not any(_MAIN_TYPE.search(t) for t in _types(o)))
    credits = [_article_credit(article, by_id, outlets) for article in ordered]
    authors = next((c.authors for c in credits if c.authors), ())
    return Credit(authors, next((c.wire for c in credits if c.wire), None))


def _article_credit(article: dict[str, Any], by_id: dict[str, dict[str, Any]], outlets: tuple[str, ...]) -> Credit:
    people: list[str] = []
    wire: str | None = None
    for author in _as_list(article.get("author")):
        if isinstance(author, dict) and set(author) == {"@id"}:
            author = by_id.get(str(author["@id"]), author)  # Yoast's graph: the Person is elsewhere
        name = _ld_name(author)
        if name is None:
            continue
        if isinstance(author, dict) and any("organization" in t.lower() for t in _types(author)):
            wire = wire or canonical_wire(name)  # the outlet or a wire, never a person
        else:
            people.append(name)
    credit = credit_from_values(people, outlets=outlets)
    return Credit(credit.authors, credit.wire or wire)


def _ld_name(author: Any) -> str | None:
    if isinstance(author, str):
        return author
    if isinstance(author, dict) and isinstance(author.get("name"), str):
        return str(author["name"])
    return None


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value] if value else []


def _outlet_names(
    outlet: str | None, url: str | None, meta: dict[str, list[str]], articles: list[dict[str, Any]]
) -> tuple[str, ...]:
    """The publishing outlet's names: a credit that is one of them is nobody's byline."""
    names = [outlet] if outlet else []
    names += _values(meta, SITE_META)
    names += [n for a in articles for p in _as_list(a.get("publisher")) if (n := _ld_name(p))]
    host = urlsplit(url).hostname if url else None
    if host:
        names += [label for label in host.lower().split(".")[:-1] if label not in _HOST_NOISE]
    return tuple(n.lstrip("@") for n in names if n)


def _section(articles: list[dict[str, Any]], meta: dict[str, list[str]]) -> str | None:
    for article in articles:
        section = clean_section(article.get("articleSection"))
        if section:
            return section
    return next((s for s in (clean_section(v) for v in _values(meta, SECTION_META)) if s), None)
