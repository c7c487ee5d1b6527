"""Serving the web UI: the built single-page app from ``web/dist``.

It answers every GET or HEAD that no API route took: a file of the build when the path
names one, else ``index.html`` (the app routes in the browser: history-API fallback).
Paths under ``/api/`` never fall back (404 as JSON). Hashed build assets (``assets/…``,
whose names change with their content) are cached for a year as immutable; everything
else, ``index.html`` first, is revalidated on every load. Without a build, a short page
says how to make one.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.types import Receive, Scope, Send

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
# Vite names build outputs name-<hash>.ext (a hash of 8 or more URL-safe characters).
_HASHED = re.compile(r"[-.][A-Za-z0-9_-]{8,}\.[A-Za-z0-9]+$")
NO_BUILD = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>InfraNest</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 42rem; margin: 3rem auto">
<h1>InfraNest</h1>
<p>The API is running, but the web UI has not been built (no <code>{dist}</code>).</p>
<p>Build it with <code>cd web &amp;&amp; npm ci &amp;&amp; npm run build</code>, or point
<code>INFRANEST_WEB_DIST</code> at a build, then reload this page.</p>
<p>Meanwhile: the API documentation is at <a href="/docs">/docs</a>.</p>
</body></html>
"""


def cache_control(relative: str) -> str:
    """Immutable for hashed assets, revalidate for everything else."""
    hashed = relative.startswith("assets/") and _HASHED.search(relative) is not None
    return IMMUTABLE if hashed else REVALIDATE


class SinglePageApp:
    """An ASGI app for the router's ``default`` (what answers when no route matched)."""

    def __init__(self, dist: Path) -> None:
        self.dist = dist

    def _file(self, path: str) -> Path | None:
        root = self.dist.resolve()
        candidate = (root / path.lstrip("/")).resolve()
        if candidate != root and root not in candidate.parents:
            return None
        return candidate if candidate.is_file() else None

    def response(self, request: Request) -> Response:
        path = request.url.path
        if path == "/api" or path.startswith("/api/"):
            return JSONResponse({"detail": "Not Found"}, status_code=404)
        if request.method not in ("GET", "HEAD"):
            return JSONResponse({"detail": "Method Not Allowed"}, status_code=405)
        index = self.dist / "index.html"
        if not index.is_file():
            page = NO_BUILD.replace("{dist}", html.escape(str(self.dist)))
            return HTMLResponse(page, headers={"Cache-Control": REVALIDATE})
        found = self._file(path)
        if found is None and path.startswith("/assets/"):
            return JSONResponse({"detail": "Not Found"}, status_code=404)
        target = found or index
        relative = target.resolve().relative_to(self.dist.resolve()).as_posix()
        response = FileResponse(
            target, stat_result=target.stat(), headers={"Cache-Control": cache_control(relative)}
        )
        etag = response.headers.get("etag")
        if etag is not None and request.headers.get("if-none-match") == etag:
            return Response(
                status_code=304, headers={"ETag": etag, "Cache-Control": cache_control(relative)}
            )
        return response

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        response = self.response(Request(scope, receive))
        await response(scope, receive, send)
