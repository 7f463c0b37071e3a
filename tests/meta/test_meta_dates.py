from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from communique.ingest.article import new_article
from communique.meta.dates import PublicationDater
from communique.models import Article, DateProvenance, PartialDate

TODAY = dt.date(2025, 8, 1)


def dater() -> PublicationDater:
    return PublicationDater(today=lambda: TODAY)


def article(text: str, hints: list[str] | None = None, language: str = "en") -> Article:
    result = new_article(source="test", format="text", text=text, date_hints=hints)
    result.language = language
    return result


def test_seed_002_metadata_supported_by_dateline(seed_articles: dict[str, Article]) -> None:
    result = dater()(seed_articles["002"].model_copy(deep=True))
    assert result.published is not None
    assert result.published.date.iso == "2025-07-24"
    assert result.published.precision == "day"
    assert result.published.provenance == DateProvenance.METADATA
    assert result.published.span is not None
    assert result.published.span.text == "24th July, 2025"
    assert result.dateline is not None
    assert result.dateline.place == "New York"
    assert result.dateline.outlet == "WAM"
    assert result.outlet == "WAM"
    assert result.warnings == []


def test_seed_003_dateline_without_year(seed_articles: dict[str, Article]) -> None:
    result = dater()(seed_articles["003"].model_copy(deep=True))
    assert result.published is not None
    assert result.published.date == PartialDate(year=None, month=5, day=21)
    assert result.published.date.iso == "XXXX-05-21"
    assert result.published.provenance == DateProvenance.DATELINE
    assert result.dateline is not None
    assert result.dateline.place == "Moscow"
    assert result.dateline.place_span is not None
    assert result.dateline.place_span.text == "MOSCOW"
    assert result.dateline.outlet == "RIA Novosti"
    assert result.outlet == "RIA Novosti"


def test_seed_000_dateline_without_date(seed_articles: dict[str, Article]) -> None:
    result = dater()(seed_articles["000"].model_copy(deep=True))
    assert result.dateline is not None
    assert result.dateline.place == "Tehran"
    assert result.published is None


def test_seed_001_french_has_no_date(seed_articles: dict[str, Article]) -> None:
    result = dater()(seed_articles["001"].model_copy(deep=True))
    assert result.published is None
    assert result.dateline is None


def test_page_clock_is_not_the_date(seeds: Path) -> None:
    # Seed 003 as it is on disk, page clutter ("14:10 GMT +323 February 2019") included.
    (path,) = seeds.glob("003_*.txt")
    result = dater()(article(path.read_text(encoding="utf-8")))
    assert result.published is not None
    assert result.published.date.iso == "XXXX-05-21"
    assert result.dateline is not None
    assert result.dateline.place == "Moscow"


@pytest.mark.parametrize(
    ("hint", "iso"),
    [
        ("2025-07-24", "2025-07-24"),
        ("2025-07-24T09:30:00+04:00", "2025-07-24"),
        ("2025-07-24T23:59:59Z", "2025-07-24"),
        ("Thu, 24 Jul 2025 09:30:00 +0000", "2025-07-24"),
        ("24/07/2025", "2025-07-24"),
        ("24.07.2025", "2025-07-24"),
        ("07/24/2025", "2025-07-24"),
        ("2025-07", "2025-07"),
        ("24 July 2025", "2025-07-24"),
    ],
)
def test_metadata_formats(hint: str, iso: str) -> None:
    result = dater()(article("Some text without any dateline at all, long enough.", [hint]))
    assert result.published is not None
    assert result.published.date.iso == iso
    assert result.published.provenance == DateProvenance.METADATA
    assert result.warnings == []


def test_ambiguous_day_month_is_less_sure() -> None:
    result = dater()(article("Some text without any dateline at all, long enough.", ["03/04/2025"]))
    assert result.published is not None
    assert result.published.date.iso == "2025-04-03"
    assert result.published.confidence < 1.0


@pytest.mark.parametrize(
    ("hint", "why"),
    [
        ("2019-02-30", "impossible"),
        ("0000-05-01", "impossible"),
        ("Sat, 30 Feb 2019 10:00:00 +0000", "impossible"),
        ("2031-01-01", "future"),
        ("next tuesday", "not understood"),
    ],
)
def test_bad_metadata_is_warned_and_skipped(hint: str, why: str) -> None:
    text = "MADRID, 5 de mayo (EFE).- El Gobierno aprobó hoy el plan."
    result = dater()(article(text, [hint], language="es"))
    assert any(hint in warning and why in warning for warning in result.warnings)
    assert result.published is not None
    assert result.published.provenance == DateProvenance.DATELINE
    assert result.published.date.iso == "XXXX-05-05"


def test_next_metadata_hint_used_after_a_bad_one() -> None:
    result = dater()(
        article("Text without a dateline, long enough to be read.", ["2019-02-30", "2019-02-28"])
    )
    assert result.published is not None
    assert result.published.date.iso == "2019-02-28"
    assert len(result.warnings) == 1


def test_metadata_year_completes_dateline() -> None:
    result = dater()(article("MOSCOW, May 21 (RIA Novosti) - Igor Ivanov met a delegation.", ["2004"]))
    assert result.published is not None
    assert result.published.date.iso == "2004-05-21"
    assert result.published.provenance == DateProvenance.DATELINE
    assert result.published.span is not None
    assert result.published.span.text == "May 21"


def test_disagreeing_dateline_keeps_metadata_with_warning() -> None:
    result = dater()(article("MOSCOW, May 21 (RIA Novosti) - Igor Ivanov met a delegation.", ["2004-06-02"]))
    assert result.published is not None
    assert result.published.date.iso == "2004-06-02"
    assert result.published.provenance == DateProvenance.METADATA
    assert result.published.confidence < 1.0
    assert any("XXXX-05-21" in warning for warning in result.warnings)


def test_impossible_dateline_date_is_warned() -> None:
    result = dater()(article("BERLIN, 30. Februar (Reuters) - Die Regierung hat beschlossen.", language="de"))
    assert result.published is None
    assert result.dateline is not None
    assert any("30. Februar" in warning and "impossible" in warning for warning in result.warnings)


def test_article_outlet_is_kept() -> None:
    result = new_article(
        source="t", format="text", text="PARIS (AFP) - Le gouvernement a annoncé.", outlet="Le Monde"
    )
    assert dater()(result).outlet == "Le Monde"


@pytest.mark.parametrize(
    ("text", "language", "iso"),
    [
        (
            "The ministers met in Dakar on 9 July 2025 to discuss the question of Jerusalem.",
            "en",
            "2025-07-09",
        ),
        ("Le ministre a été reçu le 3 mars 2009 par le président de la République.", "fr", "2009-03-03"),
        ("El presidente viajó el 5 de mayo de 2025 a la capital para firmar el acuerdo.", "es", "2025-05-05"),
        ("Министр прибыл в Москву 21 мая 2004 года для переговоров с коллегой.", "ru", "2004-05-21"),
    ],
)
def test_content_date_in_first_paragraph(text: str, language: str, iso: str) -> None:
    result = dater()(article(text, language=language))
    assert result.published is not None
    assert result.published.date.iso == iso
    assert result.published.provenance == DateProvenance.CONTENT
    assert result.published.span is not None
    assert result.published.span.text in text
    assert result.published.confidence <= 0.5


def test_content_date_not_taken_from_stamp_or_late_paragraphs() -> None:
    lede = "The ministers met to discuss the question of Jerusalem and the future of the region."
    late = "They first met on 9 July 2015 in Dakar, officials said."
    text = f"23 February 2019\n\n{lede}\n\n{lede}\n\n{lede}\n\n{late}"
    assert dater()(article(text)).published is None


def test_content_without_year_is_not_a_date() -> None:
    assert (
        dater()(article("The conference on Jerusalem was held in Dakar on 9 July, officials said.")).published
        is None
    )


def test_future_content_date_is_warned() -> None:
    result = dater()(
        article("The summit is planned for 9 July 2030 in Dakar, the organisers said on Monday.")
    )
    assert result.published is None
    assert any("9 July 2030" in warning and "future" in warning for warning in result.warnings)
