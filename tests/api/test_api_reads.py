"""The read endpoints over the seeds' database, through an HTTP client."""

from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient

PROBLEM = "application/problem+json"


def test_events_filtered_by_the_shared_filters(client: TestClient) -> None:
    page = client.get("/api/events", params={"actor": "OIC"}).json()
    assert page["total"] == len(page["items"]) > 5
    assert all("IGO.OIC" in (e["source_code"], e["target_code"]) for e in page["items"])
    iran = client.get("/api/events", params={"actor": "OIC", "country": "IRN", "type": "request"}).json()
    assert iran["total"] >= 1
    assert {e["type"] for e in iran["items"]} == {"REQUEST"}
    dated = client.get("/api/events", params={"since": "2004", "until": "2004-12-31"}).json()
    assert dated["items"] and all(e["event_date"].startswith("2004") for e in dated["items"])
    french = client.get("/api/events", params={"language": "fr"}).json()
    assert french["items"] and {e["language"] for e in french["items"]} == {"fr"}
    found = client.get("/api/events", params={"text": "urged"}).json()
    assert any(e["trigger_text"] == "urged" for e in found["items"])
    conflict = client.get("/api/events", params={"quad_class": 4}).json()["items"]
    assert all(e["quad_class"] == 4 for e in conflict)


def test_pagination_and_sorting(client: TestClient) -> None:
    everything = client.get("/api/events", params={"limit": 1000}).json()
    first = client.get("/api/events", params={"limit": 5, "offset": 0}).json()
    second = client.get("/api/events", params={"limit": 5, "offset": 5}).json()
    assert first["total"] == second["total"] == everything["total"]
    ids = [e["id"] for e in first["items"] + second["items"]]
    assert ids == [e["id"] for e in everything["items"][:10]]
    scores = [
        e["goldstein"] for e in client.get("/api/events", params={"sort": "-goldstein"}).json()["items"]
    ]
    assert scores == sorted(scores, reverse=True)
    refused = client.get("/api/events", params={"sort": "id; DROP TABLE events"})
    assert refused.status_code == 422 and refused.headers["content-type"] == PROBLEM


def test_events_as_csv(client: TestClient) -> None:
    response = client.get("/api/events", params={"actor": "OIC", "format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == client.get("/api/events", params={"actor": "OIC"}).json()["total"]
    assert {"id", "type", "cameo", "source_code", "target_code", "event_date"} <= set(rows[0])


def test_one_event_with_its_evidence(client: TestClient) -> None:
    first = client.get("/api/events", params={"actor": "OIC", "text": "urged"}).json()["items"][0]
    detail = client.get(f"/api/events/{first['id']}").json()
    assert detail["event"]["id"] == first["id"]
    assert detail["codes"]["cameo"] == first["cameo"] and detail["codes"]["rule"]
    fields = {span["field"]: span for span in detail["evidence"]}
    assert {"trigger", "source", "target"} <= set(fields)
    assert fields["trigger"]["text"] == "urged"
    sentence = detail["sentence"]
    assert sentence["start"] <= fields["trigger"]["start"] < sentence["end"]
    assert "urged" in detail["sentence_text"]


def test_articles_and_article_with_events(client: TestClient) -> None:
    page = client.get("/api/articles").json()
    assert page["total"] == 4
    french = client.get("/api/articles", params={"language": "fr"}).json()["items"]
    assert len(french) == 1
    article = client.get(f"/api/articles/{french[0]['id']}").json()
    assert article["language"] == "fr" and article["text"] and article["sentences"] and article["mentions"]
    for item in article["events"]:
        for span in item["evidence"]:
            assert article["text"][span["start"] : span["end"]] == span["text"]
    assert client.get("/api/articles", params={"format": "csv"}).text.startswith("id,source,")


def test_mentions(client: TestClient) -> None:
    page = client.get("/api/mentions", params={"actor": "OIC", "limit": 3}).json()
    assert page["total"] > 3 and len(page["items"]) == 3
    assert all(m["actor"] == "OIC" or m["code"] == "OIC" for m in page["items"])


def test_actor_with_aliases_offices_and_activity(client: TestClient) -> None:
    listing = client.get("/api/actors", params={"name": "islamic"}).json()
    assert listing["items"][0]["id"] == "OIC"
    oic = client.get("/api/actors/OIC").json()
    assert "OCI" in oic["actor"]["aliases"]["fr"]
    assert oic["codes"]["IGO.OIC"] >= 1 and oic["events"] >= 1
    assert sum(a["as_source"] + a["as_target"] for a in oic["activity"]) <= oic["events"]
    khatami = client.get("/api/actors/mohammad-khatami").json()
    assert any(office["role"] for office in khatami["actor"]["offices"])
    assert client.get("/api/actors/nobody").status_code == 404


def test_statistics_timeline_network_and_places(client: TestClient) -> None:
    stats = client.get("/api/stats", params={"actor": "OIC"}).json()
    assert stats["events"] == sum(stats["by_type"].values()) == sum(stats["by_quad_class"].values())
    assert stats["tables"]["articles"] == 4
    timeline = client.get("/api/stats/timeline", params={"actor": "OIC", "by": "quad_class"}).json()
    assert {p["period"][:4] for p in timeline} >= {"2003", "2004", "2025"}
    network = client.get("/api/stats/network", params={"actor": "OIC"}).json()
    assert {"OIC", "IRN", "RUS", "UN"} <= {n["id"] for n in network["nodes"]}
    assert all(edge["events"] >= 1 for edge in network["edges"])
    actors = client.get("/api/stats/network", params={"level": "actor"}).json()
    assert "mohammad-khatami" in {n["id"] for n in actors["nodes"]}
    places = {p["place"] for p in client.get("/api/stats/places").json()}
    assert {"Tehran", "Moscow", "New York City", "Dakar"} <= places


def test_problems(client: TestClient) -> None:
    missing = client.get("/api/events/0000000000000000")
    assert missing.status_code == 404 and missing.headers["content-type"] == PROBLEM
    assert missing.json()["title"] == "Not Found" and missing.json()["instance"].endswith("0000000000000000")
    bad = client.get("/api/events", params={"quad_class": 9, "since": "yesterday"})
    assert bad.status_code == 422 and {e["loc"][-1] for e in bad.json()["errors"]} == {"quad_class", "since"}
    impossible = client.get("/api/events", params={"until": "2003-02-30"})
    assert impossible.status_code == 422 and impossible.headers["content-type"] == PROBLEM


def test_stories_only_when_the_table_exists(client: TestClient) -> None:
    info = client.get("/api/info").json()
    response = client.get("/api/stories")
    if info["stories"]:
        assert response.status_code == 200 and "items" in response.json()
    else:
        assert response.status_code == 404 and response.headers["content-type"] == PROBLEM


def test_openapi_and_dashboard(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/actors/{actor_id}", "/api/ingest"} <= set(
        spec["paths"]
    )
    page = client.get("/")
    assert page.status_code == 200 and 'dir="auto"' in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    css = client.get("/evidence.css").text
    assert ".ev-trigger" in css and "#d75f00" in css
    assert client.get("/static/main.js").status_code == 200
    assert (
        "access-control-allow-origin" not in client.get("/api/info", headers={"Origin": "http://x"}).headers
    )
