"""Jinja2 templates (package data under ``templates/``) and the helpers pages share."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from accordingto.models import GENDERS, ROLE_CLASSES
from accordingto.version import __version__

KIND_LABELS = {
    "person": "person",
    "group": "group",
    "organization": "organization",
    "outlet": "outlet",
    "document": "document",
    "unspecified": "unspecified",
}
TYPE_LABELS = {
    "direct": "direct quote",
    "mixed": "mixed quote",
    "indirect": "reported speech",
    "according_to": "according to",
}
GENDER_LABELS = {g: g for g in GENDERS}
ROLE_CLASS_LABELS = {r: r.replace("_or_", " or ").replace("_", " ") for r in ROLE_CLASSES}


def pct(value: float | None, digits: int = 0) -> str:
    return "–" if value is None else f"{value * 100:.{digits}f}%"


def highlight_words(text: str, words: list[str]) -> Markup:
    """The text, escaped, with the searched words (and words they begin, for stems) in <mark>."""
    terms = sorted({w.lower() for w in re.findall(r"\w+", " ".join(words)) if len(w) > 1}, key=len, reverse=True)
    if not terms:
        return Markup(escape(text))
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in terms) + r")\w*", re.IGNORECASE)
    parts: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        parts += [str(escape(text[last : match.start()])), f"<mark>{escape(match.group(0))}</mark>"]
        last = match.end()
    parts.append(str(escape(text[last:])))
    return Markup("".join(parts))


def path_part(value: str) -> str:
    """A value quoted for one segment of a path (ids may hold '/', '~', ':' or spaces)."""
    return quote(value, safe="~:@")


#: An absolute http(s) URL from its very first character: a browser would also follow
#: "javascript:", "data:" and "//host" links, and skips leading spaces before the scheme.
_WEB_URL = re.compile(r"https?://[^\s/?#]", re.IGNORECASE)


def day(value: str | None) -> str | None:
    """The date of a publication time ("2024-03-14T10:00:00+00:00" -> "2024-03-14"), so lists
    of articles show one kind of date whatever precision each page gave."""
    if value and len(value) > 10 and value[4] == "-" and value[10] in "T ":
        return value[:10]
    return value


def web_url(value: str | None) -> str | None:
    """The URL when it is safe to link (http or https), else None: an article's url is
    whatever the stored record says."""
    return value if value and _WEB_URL.match(value) else None


def with_params(request: Request, **changes: Any) -> str:
    """This page's path and query string with some parameters replaced (None drops one)."""
    items = [(k, v) for k, v in request.query_params.multi_items() if k not in changes]
    items += [(k, str(v)) for k, v in changes.items() if v is not None]
    query = urlencode(items)
    return request.url.path + (f"?{query}" if query else "")


def api_twin(request: Request, api_path: str | None = None) -> str:
    """The JSON twin of this page: the same query string on its /api route."""
    query = request.url.query
    path = api_path or f"/api{request.url.path}"
    return path + (f"?{query}" if query else "")


def make_environment() -> Environment:
    env = Environment(
        loader=PackageLoader("accordingto.serve", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pct"] = pct
    env.filters["path_part"] = path_part
    env.filters["web_url"] = web_url
    env.filters["day"] = day
    env.filters["highlight_words"] = highlight_words
    env.filters["type_label"] = lambda t: TYPE_LABELS.get(t, t)
    env.filters["kind_label"] = lambda k: KIND_LABELS.get(k, k or "unspecified")
    env.filters["role_label"] = lambda r: ROLE_CLASS_LABELS.get(r, r or "unknown")
    env.globals["version"] = __version__
    env.globals["with_params"] = with_params
    env.globals["KIND_LABELS"] = KIND_LABELS
    env.globals["TYPE_LABELS"] = TYPE_LABELS
    env.globals["GENDER_LABELS"] = GENDER_LABELS
    env.globals["ROLE_CLASS_LABELS"] = ROLE_CLASS_LABELS
    env.globals["GENDERS"] = GENDERS
    env.globals["ROLE_CLASSES"] = ROLE_CLASSES
    return env


class Pages:
    """Renders templates with what every page needs (navigation, access, the JSON twin)."""

    def __init__(self, *, allow_writes: bool) -> None:
        self.env = make_environment()
        self.allow_writes = allow_writes

    def render(
        self,
        request: Request,
        template: str,
        *,
        status: int = 200,
        nav: str = "",
        json_url: str | None = None,
        **context: Any,
    ) -> HTMLResponse:
        html = self.env.get_template(template).render(
            request=request,
            nav=nav,
            json_url=json_url,
            allow_writes=self.allow_writes,
            **context,
        )
        return HTMLResponse(html, status_code=status)

    def error(self, request: Request, status: int, message: str) -> HTMLResponse:
        return self.render(request, "error.html", status=status, status_code=status, message=message)
