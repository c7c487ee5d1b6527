"""Generated code for a version, rendered in memory: file tree, one file, zip download."""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache

from fastapi import APIRouter, HTTPException, Query, Response
from pydantic import BaseModel

from infranest.generate import render
from infranest.generate.target import Files, available_targets, load_target
from infranest.server.deps import CurrentUser, Db, Id, project_access, version_of
from infranest.server.specs import valid

router = APIRouter(
    prefix="/api/projects/{project_id}/versions/{number}/generate", tags=["generate"]
)


class FileEntry(BaseModel):
    path: str
    size: int


class FileTree(BaseModel):
    target: str
    files: list[FileEntry]


class FileText(BaseModel):
    path: str
    text: str


@lru_cache(maxsize=16)
def _rendered(text: str, target: str) -> Files:
    return render(valid(text).spec, load_target(target))


def _files(project_id: int, number: int, target: str, user: CurrentUser, db: Db) -> Files:
    if target not in available_targets():
        raise HTTPException(
            404, f"no such target {target!r}; valid: {', '.join(available_targets())}"
        )
    project, _ = project_access(db, user, project_id)
    return _rendered(version_of(db, project, number).text, target)


@router.get("/{target}")
def file_tree(project_id: Id, number: Id, target: str, user: CurrentUser, db: Db) -> FileTree:
    """Every file the target generates, with its size in bytes."""
    files = _files(project_id, number, target, user, db)
    entries = [FileEntry(path=p, size=len(t.encode("utf-8"))) for p, t in files.items()]
    return FileTree(target=target, files=entries)


@router.get("/{target}/file")
def one_file(
    project_id: Id,
    number: Id,
    target: str,
    user: CurrentUser,
    db: Db,
    path: str = Query(max_length=1000),
) -> FileText:
    files = _files(project_id, number, target, user, db)
    if path not in files:
        raise HTTPException(404, f"{target} generates no file {path!r}")
    return FileText(path=path, text=files[path])


@router.get(
    "/{target}/zip",
    response_class=Response,
    responses={200: {"content": {"application/zip": {}}, "description": "The project as a zip"}},
)
def zip_download(project_id: Id, number: Id, target: str, user: CurrentUser, db: Db) -> Response:
    files = _files(project_id, number, target, user, db)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, text in files.items():
            archive.writestr(path, text)
    name = f"project-{project_id}-v{number}-{target}.zip"
    return Response(
        buffer.getvalue(),
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
