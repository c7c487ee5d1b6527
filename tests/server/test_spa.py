"""The web UI: the built app at /, history-API fallback, caching, and the page without a build."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from server_support import make_app

INDEX = '<!doctype html><div id="root"></div><script src="/assets/index-a1B2c3D4e5.js"></script>'


def _build(tmp_path: Path) -> Path:
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text(INDEX, encoding="utf-8")
    (dist / "assets" / "index-a1B2c3D4e5.js").write_text("console.log(1)", encoding="utf-8")
    (dist / "favicon.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("nope", encoding="utf-8")
    return dist


def test_the_built_app_is_served_with_fallback_and_cache_headers(tmp_path: Path) -> None:
    client = TestClient(make_app(tmp_path, web_dist=_build(tmp_path)))
    root = client.get("/")
    assert (root.status_code, root.text) == (200, INDEX)
    assert root.headers["cache-control"] == "no-cache"
    for route in ("/projects/3/versions/2", "/monitor/churn"):
        page = client.get(route)
        assert (page.status_code, page.text) == (200, INDEX), route
        assert page.headers["content-type"].startswith("text/html")
    asset = client.get("/assets/index-a1B2c3D4e5.js")
    assert asset.text == "console.log(1)"
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    again = client.get(
        "/assets/index-a1B2c3D4e5.js", headers={"If-None-Match": asset.headers["etag"]}
    )
    assert again.status_code == 304
    assert client.get("/favicon.svg").headers["cache-control"] == "no-cache"
    assert client.get("/assets/index-gone1234.js").status_code == 404
    assert client.get("/../secret.txt").text != "nope"
    assert client.get("/%2e%2e/secret.txt").text != "nope"


def test_api_paths_never_fall_back_to_the_app(tmp_path: Path) -> None:
    client = TestClient(make_app(tmp_path, web_dist=_build(tmp_path)))
    missing = client.get("/api/nothing-here")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Not Found"}
    assert client.get("/api/health").json() == {"status": "ok"}
    assert client.get("/openapi.json").status_code == 200


def test_without_a_build_the_root_says_how_to_build_it(tmp_path: Path) -> None:
    client = TestClient(make_app(tmp_path, web_dist=tmp_path / "absent"))
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "npm run build" in page.text
    assert "INFRANEST_WEB_DIST" in page.text
    assert client.get("/api/nothing-here").status_code == 404
