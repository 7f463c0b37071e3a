"""Writes need the token; with it, ingest and KB additions work; uploads are capped."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from communique.api import Settings, create_app

ARTICLE = (
    "GENEVA, March 3, 2024 (Reuters) - The Secretary General of the Organisation of Islamic Cooperation met "
    "the Foreign Minister of Iran in Geneva on Sunday to discuss the situation in the region.\n"
)


def test_writes_are_off_without_a_configured_token(client: TestClient) -> None:
    response = client.post("/api/ingest", files={"files": ("a.txt", ARTICLE.encode())})
    assert response.status_code == 403
    assert response.headers["content-type"] == "application/problem+json"
    assert client.post("/api/kb", files={"file": ("x.yaml", b"[]")}).status_code == 403


def test_writes_need_the_right_bearer_token(writable: TestClient) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic test-token-1234"}):
        response = writable.post("/api/ingest", files={"files": ("a.txt", ARTICLE.encode())}, headers=headers)
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
    assert writable.get("/api/articles").json()["total"] == 4


def test_ingest_with_the_token(writable: TestClient, auth: dict[str, str]) -> None:
    response = writable.post(
        "/api/ingest", files={"files": ("geneva.txt", ARTICLE.encode())}, data={"text": ARTICLE}, headers=auth
    )
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["ok"] == 2 and result["failed"] == 0
    assert {o["source"] for o in result["outcomes"]} == {"geneva.txt", "text-1.txt"}
    assert writable.get("/api/articles").json()["total"] == 6
    empty = writable.post("/api/ingest", data={"text": "  "}, headers=auth)
    assert empty.status_code == 422


def test_uploads_over_the_limit_are_refused(writable: TestClient, auth: dict[str, str]) -> None:
    big = b"x" * 300_000
    response = writable.post("/api/ingest", files={"files": ("big.txt", big)}, headers=auth)
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"


def test_kb_additions_are_validated(writable: TestClient, tmp_path: Path, auth: dict[str, str]) -> None:
    good = "organisations:\n  - id: TESTORG\n    name: Test Organisation\n    cameo: IGOTST\n    aliases:\n      en: [Test Organisation]\n"
    response = writable.post("/api/kb", files={"file": ("test-org.yaml", good.encode())}, headers=auth)
    assert response.status_code == 200, response.text
    assert (tmp_path / "kb" / "test-org.yaml").is_file()
    wrong = writable.post("/api/kb", files={"file": ("notes.txt", b"hello")}, headers=auth)
    assert wrong.status_code == 422


def test_cors_is_off_unless_one_origin_is_allowed(seeds_db: Path) -> None:
    settings = Settings(db=seeds_db, cors_origin="http://localhost:5173")
    with TestClient(create_app(settings)) as allowed:
        ok = allowed.get("/api/info", headers={"Origin": "http://localhost:5173"})
        assert ok.headers["access-control-allow-origin"] == "http://localhost:5173"
        other = allowed.get("/api/info", headers={"Origin": "http://evil.example"})
        assert "access-control-allow-origin" not in other.headers
