"""Writes: ingest uploaded files or pasted text, and add knowledge-base files. Both need the bearer token.

The token is checked before the body is read, and the body is counted as it arrives (see
:class:`communique.api.limits.BodyLimit`), so a request without the token or over the limit costs little.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
from http import HTTPStatus
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from communique.api import deps
from communique.api.db import Database
from communique.api.problems import PROBLEM_RESPONSES, PROBLEM_TYPE, Problem, ProblemError
from communique.api.schemas import IngestOutcome, IngestResult, KbAddResult
from communique.api.settings import MAX_KB_FILE_BYTES, Settings
from communique.config import Config

_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": Problem, "content": {PROBLEM_TYPE: {}}, "description": HTTPStatus(status).phrase}
    for status in (401, 403, 409, 413)
}
router = APIRouter(tags=["writes"], responses={**PROBLEM_RESPONSES, **_ERRORS})
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_UPLOADS = Path(tempfile.gettempdir()) / "communique-uploads"


def _multipart(properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "content": {"multipart/form-data": {"schema": {"type": "object", "properties": properties}}},
        }
    }


_FILES = {"type": "array", "items": {"type": "string", "format": "binary"}}


@router.post(
    "/ingest",
    response_model=IngestResult,
    openapi_extra=_multipart(
        {
            "files": _FILES
            | {"description": "Files in any format ingest reads (text, HTML, JSONL, WARC, feeds)."},
            "text": {"type": "string", "description": "Pasted text (an article, or JSON lines)."},
        }
    ),
)
async def ingest(request: Request) -> IngestResult:
    """Run the pipeline on uploaded files and/or pasted text and store the results (needs the token)."""
    deps.require_token(request)
    settings = deps.settings(request)
    form = await request.form(max_files=settings.max_upload_files, max_fields=10)
    uploads = [item for item in form.getlist("files") if isinstance(item, UploadFile)]
    texts = [item for item in form.getlist("text") if isinstance(item, str) and item.strip()]
    if not uploads and not texts:
        raise ProblemError(422, "send one or more 'files', or 'text'")
    folder = _UPLOADS / hashlib.sha256(repr(sorted(form.multi_items(), key=str)).encode()).hexdigest()[:16]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for number, upload in enumerate(uploads, 1):
            name = _safe_name(upload.filename, f"upload-{number}")
            (folder / name).write_bytes(await upload.read())
        for number, text in enumerate(texts, 1):
            (folder / f"text-{number}.txt").write_text(text, encoding="utf-8")
        return await run_in_threadpool(_run_ingest, deps.database(request), settings, folder)
    finally:
        await form.close()
        shutil.rmtree(folder, ignore_errors=True)


def _run_ingest(database: Database, settings: Settings, folder: Path) -> IngestResult:
    from communique.runner import ingest as run_ingest

    config = Config(kb_paths=[settings.kb_dir] if settings.kb_dir and settings.kb_dir.is_dir() else [])
    with database.writer() as store:
        if store is None:
            raise ProblemError(409, "another write is running; try again when it is done")
        report = run_ingest([folder], db=store, config=config, force=True)
    run = report.run
    prefix = f"{folder}/"
    outcomes = [
        IngestOutcome(
            source=o.source.removeprefix(prefix),
            status=o.status.value,
            reason=o.reason,
            article_id=o.article_id,
        )
        for o in report.outcomes
    ]
    return IngestResult(
        run=run.id,
        ok=run.ok,
        unchanged=run.unchanged,
        skipped=run.skipped,
        failed=run.failed,
        added=run.added,
        outcomes=outcomes,
    )


@router.post(
    "/kb",
    response_model=KbAddResult,
    openapi_extra=_multipart(
        {"file": {"type": "string", "format": "binary", "description": "A KB file: YAML states/IGOs or TSV."}}
    ),
)
async def add_kb_file(request: Request) -> KbAddResult:
    """Add a knowledge-base file (validated with the KB first) that later ingests read (needs the token)."""
    deps.require_token(request)
    settings = deps.settings(request)
    form = await request.form(max_files=1, max_fields=2)
    try:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise ProblemError(422, "send the KB file as 'file'")
        name = _safe_name(upload.filename, "")
        if Path(name).suffix not in (".yaml", ".yml", ".tsv"):
            raise ProblemError(422, "a KB file is .yaml, .yml or .tsv")
        data = await upload.read(MAX_KB_FILE_BYTES + 1)
        if len(data) > MAX_KB_FILE_BYTES:
            raise ProblemError(413, f"a KB file is at most {MAX_KB_FILE_BYTES} bytes")
        return await run_in_threadpool(_add_kb, settings, name, data)
    finally:
        await form.close()


def _add_kb(settings: Settings, name: str, data: bytes) -> KbAddResult:
    from communique.actors.kb import KnowledgeBase, user_kb_dir
    from communique.actors.kb.validate import validate

    target_dir = settings.kb_dir or user_kb_dir()
    with tempfile.TemporaryDirectory() as scratch:
        candidate = Path(scratch) / name
        candidate.write_bytes(data)
        kb = KnowledgeBase.load([p for p in (user_kb_dir(), target_dir) if p.is_dir()] + [candidate])
        problems = validate(kb)
        if problems:
            errors = [{"loc": ["file"], "msg": str(p), "type": "kb"} for p in problems[:100]]
            raise ProblemError(
                422, f"{len(problems)} problems in the knowledge base with {name}", errors=errors
            )
        target_dir.mkdir(parents=True, exist_ok=True)
        shutil.copy(candidate, target_dir / name)
    return KbAddResult(saved=name, actors=len(kb))


def _safe_name(filename: str | None, default: str) -> str:
    name = _SAFE_NAME.sub("_", Path(filename or "").name).strip("._")
    return name[:100] or default
