from __future__ import annotations

import io
import zipfile

from server_support import SPEC, World

from infranest.generate import render
from infranest.generate.target import load_target
from infranest.spec.loader import load_text


def test_file_tree_one_file_and_zip_match_the_renderer(world: World) -> None:
    expected = render(load_text(SPEC, "spec.nest").spec, load_target("fastapi"))
    base = f"{world.versions}/1/generate/fastapi"
    tree = world.viewer.get(base).json()
    assert [f["path"] for f in tree["files"]] == list(expected)
    path = next(iter(expected))
    one = world.viewer.get(f"{base}/file", params={"path": path})
    assert one.json() == {"path": path, "text": expected[path]}
    assert world.viewer.get(f"{base}/file", params={"path": "nope.txt"}).status_code == 404
    download = world.viewer.get(f"{base}/zip")
    assert download.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(download.content)) as archive:
        assert archive.read(path).decode("utf-8") == expected[path]
        assert len(archive.namelist()) == len(expected)


def test_unknown_target_and_access(world: World) -> None:
    assert world.viewer.get(f"{world.versions}/1/generate/cobol").status_code == 404
    for suffix in ("", "/zip", "/file?path=x"):
        url = f"{world.versions}/1/generate/fastapi{suffix}"
        assert world.outsider.get(url).status_code == 404, url
        assert world.anonymous.get(url).status_code == 401, url
