"""Schemathesis: requests generated from the OpenAPI document never get a server error.

The operations are driven by Hypothesis directly (a bounded number of examples each), which keeps the run short
and independent of schemathesis' pytest plugin.
"""

from __future__ import annotations

from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, given, settings

from communique.api import Settings, create_app

EXAMPLES = 6


def test_no_server_errors(seeds_db: Path) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(Settings(db=seeds_db)))
    tried = []
    for result in schema.get_all_operations():
        operation = result.ok()
        tried.append(operation.label)

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None
        )
        def call(case: schemathesis.Case) -> None:
            response = case.call()
            assert response.status_code < 500, (
                f"{case.method} {case.formatted_path} {case.query}: {response.text}"
            )
            if response.status_code >= 400:
                assert response.headers["content-type"][0].startswith("application/problem+json")

        call()
    assert "GET /api/events" in tried and "POST /api/ingest" in tried
