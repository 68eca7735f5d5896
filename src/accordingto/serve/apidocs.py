"""``/docs``: the API reference, generated from the OpenAPI document (``/openapi.json``).

FastAPI's own /docs loads Swagger UI from a CDN, which an offline server cannot reach (and
which the pages' content security policy would refuse). This page is rendered here from
the same OpenAPI document: every route with its parameters, body, answers and a curl line.
"""

from __future__ import annotations

from typing import Any, cast

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from accordingto.serve.templating import Pages

router = APIRouter(include_in_schema=False)


def _schema_type(schema: dict[str, Any], components: dict[str, Any]) -> str:
    """A short type for a parameter's schema: ``integer``, ``string``, ``list of person | group``..."""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    if "const" in schema:
        return str(schema["const"])
    if "anyOf" in schema:
        kinds = [_schema_type(s, components) for s in schema["anyOf"] if s.get("type") != "null"]
        return " or ".join(kinds)
    if schema.get("type") == "array":
        return f"list of {_schema_type(schema.get('items', {}), components)}"
    return str(schema.get("type", "any"))


def _limits(schema: dict[str, Any]) -> str:
    parts = []
    for key, label in (("minimum", "≥"), ("maximum", "≤"), ("minLength", "min length"), ("maxLength", "max length")):
        if key in schema:
            parts.append(f"{label} {schema[key]}")
    return ", ".join(parts)


def operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The operations of an OpenAPI document, flattened for the template."""
    components = spec.get("components", {}).get("schemas", {})
    found = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = []
            for p in op.get("parameters", []):
                schema = p.get("schema", {})
                params.append(
                    {
                        "name": p["name"],
                        "in": p["in"],
                        "required": p.get("required", False),
                        "type": _schema_type(schema, components),
                        "default": schema.get("default"),
                        "limits": _limits(schema),
                        "description": p.get("description") or schema.get("description") or "",
                    }
                )
            body = None
            content = op.get("requestBody", {}).get("content", {}).get("application/json")
            if content:
                ref = _schema_type(content.get("schema", {}), components)
                model = components.get(ref, {})
                body = {
                    "name": ref,
                    "description": model.get("description", ""),
                    "fields": [
                        {"name": n, "type": _schema_type(s, components), "description": s.get("description", "")}
                        for n, s in model.get("properties", {}).items()
                    ],
                }
            found.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "tags": op.get("tags", []),
                    "params": params,
                    "body": body,
                    "responses": sorted(op.get("responses", {}).items()),
                    "anchor": f"{method}-{path}".replace("/", "-").replace("{", "").replace("}", ""),
                }
            )
    return found


@router.get("/docs", response_class=HTMLResponse)
async def docs(request: Request) -> HTMLResponse:
    spec = request.app.openapi()
    ui = cast(Pages, request.app.state.pages)
    return ui.render(
        request,
        "apidocs.html",
        nav="docs",
        json_url="/openapi.json",
        spec=spec,
        operations=operations(spec),
        base=str(request.base_url).rstrip("/"),
    )
