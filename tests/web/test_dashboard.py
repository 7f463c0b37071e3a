"""The dashboard in real headless Chromium (Debian's package, driven by Playwright) on the seeds' database."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def _page(browser: Any, server: str, path: str = "/") -> Page:
    page: Page = browser.new_page(viewport={"width": 1400, "height": 1700})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(server + path)
    page.wait_for_selector("body[data-loading=false]")
    assert not errors, errors
    return page


def test_oic_events_network_map_and_evidence(browser: Any, server: str) -> None:
    page = _page(browser, server)
    page.locator("input[name=actor]").fill("OIC")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**/?actor=OIC")
    page.wait_for_selector("body[data-loading=false]")
    total = page.evaluate("() => fetch('/api/events?actor=OIC').then(r => r.json()).then(p => p.total)")
    assert total > 5
    expect(page.locator("#count")).to_have_text(f"{total} events")
    # Events over time: bars for 2003, 2004 and 2025.
    periods = set(
        page.locator("#timeline rect").evaluate_all("rs => rs.map(r => r.dataset.period.slice(0, 4))")
    )
    assert {"2003", "2004", "2025"} <= periods
    # The network links the OIC with Iran, Russia and the UN.
    nodes = set(page.locator("#network g.node").evaluate_all("gs => gs.map(g => g.dataset.id)"))
    assert {"OIC", "IRN", "RUS", "UN"} <= nodes
    # The map shows Tehran, Moscow, New York and Dakar.
    places = set(page.locator("#map g.place").evaluate_all("gs => gs.map(g => g.dataset.place)"))
    assert {"Tehran", "Moscow", "New York City", "Dakar"} <= places

    # Open the first event of Tehran's article: its evidence is highlighted in the article.
    page.locator("#event-table tbody tr", has_text="Tehran").first.click()
    page.wait_for_url("**event=*")
    article = page.locator("#article-text")
    expect(article).to_be_visible()
    for field in ("trigger", "source", "target"):
        expect(article.locator(f"mark.ev-{field}")).not_to_have_count(0)
    trigger = article.locator("mark.ev-trigger").first
    assert trigger.evaluate("m => getComputedStyle(m).backgroundColor") == "rgb(215, 95, 0)"
    assert article.locator(".sentence mark.ev-trigger").count() >= 1
    expect(page.locator("#codes")).to_contain_text("IGO.OIC")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard-oic.png"), full_page=True)
    page.close()


def test_shared_url_restores_filters_and_event(browser: Any, server: str) -> None:
    # Event ids hash the article's source path, so the test asks the API which one the "urged" event has.
    with urllib.request.urlopen(f"{server}/api/events?actor=IRN&type=REQUEST&limit=100") as response:
        events = json.load(response)["items"]
    urged = next(e["id"] for e in events if e["trigger_text"] == "urged")
    page = _page(browser, server, f"/?actor=IRN&type=REQUEST&event={urged}")
    expect(page.locator("input[name=actor]")).to_have_value("IRN")
    expect(page.locator("select[name=type]")).to_have_value("REQUEST")
    expect(page.locator("#article-text mark.ev-trigger")).to_have_text("urged")
    expect(page.locator("#event-table tbody tr[aria-selected=true]")).to_have_count(1)
    page.close()


def test_right_to_left_text_is_isolated(browser: Any, server: str) -> None:
    page = _page(browser, server)
    assert page.locator("#article-text").get_attribute("dir") == "auto"
    direction = page.evaluate(
        "() => { const d = document.createElement('div'); d.dir = 'auto'; d.textContent = 'منظمة التعاون الإسلامي';"
        " document.body.append(d); return getComputedStyle(d).direction; }"
    )
    assert direction == "rtl"
    page.close()
