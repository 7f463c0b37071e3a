from __future__ import annotations

import pytest

from communique.config import IngestConfig
from communique.ingest import ReadItem
from communique.models import Article, InputOutcome, InputStatus


@pytest.fixture
def config() -> IngestConfig:
    return IngestConfig()


def only_article(items: list[ReadItem]) -> Article:
    assert len(items) == 1, items
    assert isinstance(items[0], Article), items[0]
    return items[0]


def only_outcome(items: list[ReadItem], status: InputStatus) -> InputOutcome:
    assert len(items) == 1, items
    outcome = items[0]
    assert isinstance(outcome, InputOutcome), outcome
    assert outcome.status is status
    assert outcome.reason
    return outcome
