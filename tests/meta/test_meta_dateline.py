from __future__ import annotations

import pytest

from communique.meta.dateline import date_parts, date_regex, find_dateline, month_names

# text, place, outlet, (year, month, day) or None for a dateline without a date
STYLES = [
    ("MOSCOW, May 21 (RIA Novosti) - The Security Council met.", "Moscow", "RIA Novosti", (None, 5, 21)),
    ("NEW YORK, 24th July, 2025 (WAM) – The envoy spoke.", "New York", "WAM", (2025, 7, 24)),
    ("WASHINGTON, July 4, 2024 (AP) — The president signed.", "Washington", "AP", (2024, 7, 4)),
    ("LONDON, 3 March (Reuters) - Ministers agreed.", "London", "Reuters", (None, 3, 3)),
    ("TEHRAN -- President Khatami said here Tuesday.", "Tehran", None, None),
    ("KABUL, Afghanistan (AP) — Officials said.", "Kabul, Afghanistan", "AP", None),
    ("PARIS (AFP) - Le gouvernement a annoncé mardi.", "Paris", "AFP", None),
    ("Le Caire, 3 mars (MAP) - Le ministre a reçu.", "Le Caire", "MAP", (None, 3, 3)),
    ("RABAT, 1er juin 2009 (MAP) - Le roi a reçu.", "Rabat", "MAP", (2009, 6, 1)),
    ("MADRID, 5 de mayo (EFE).- El Gobierno aprobó.", "Madrid", "EFE", (None, 5, 5)),
    (
        "BUENOS AIRES, 12 de octubre de 2023 (EFE).- La presidenta dijo.",
        "Buenos Aires",
        "EFE",
        (2023, 10, 12),
    ),
    ("RIO DE JANEIRO, 2 dic (Reuters) - O governo.", "Rio de Janeiro", "Reuters", (None, 12, 2)),
    ("BERLIN, 5. Mai (Reuters) - Die Bundesregierung hat.", "Berlin", "Reuters", (None, 5, 5)),
    ("Berlin (dpa) - Die Koalition streitet.", "Berlin", "dpa", None),
    ("FRANKFURT AM MAIN, 1. Dezember 2024 (dpa) - Die Börse.", "Frankfurt am Main", "dpa", (2024, 12, 1)),
    ("МОСКВА, 21 мая. /ТАСС/. Президент России провел.", "Москва", "ТАСС", (None, 5, 21)),
    ("МОСКВА, 21 мая - РИА Новости. Министр заявил.", "Москва", "РИА Новости", (None, 5, 21)),
    ("САНКТ-ПЕТЕРБУРГ, 3 июня 2021 (Интерфакс) - Губернатор.", "Санкт-Петербург", "Интерфакс", (2021, 6, 3)),
    ("القاهرة 3 مارس (رويترز) - قال وزير الخارجية", "القاهرة", "رويترز", (None, 3, 3)),
    ("واشنطن - (أ ف ب) - أعلن البيت الأبيض", "واشنطن", "أ ف ب", None),
    ("دمشق 5 آذار (سانا) - استقبل الرئيس", "دمشق", "سانا", (None, 3, 5)),
    ("أبوظبي في 24 يوليو /وام/ - أكد", "أبوظبي", "وام", (None, 7, 24)),
]


@pytest.mark.parametrize(("text", "place", "outlet", "date"), STYLES)
def test_styles(text: str, place: str, outlet: str | None, date: tuple[int | None, int, int] | None) -> None:
    found = find_dateline(text)
    assert found is not None
    line = found.dateline
    assert line.place == place
    assert line.outlet == outlet
    assert line.place_span is not None
    assert text[line.place_span.start : line.place_span.end] == line.place_span.text
    assert line.place_span.text.casefold() == place.casefold()
    if outlet is not None:
        assert line.outlet_span is not None
        assert line.outlet_span.text == text[line.outlet_span.start : line.outlet_span.end] == outlet
    if date is None:
        assert found.date is None
        assert line.date_span is None
    else:
        assert found.date is not None
        assert (found.date.year, found.date.month, found.date.day) == date
        assert line.date_span == found.date.span
        assert text[line.date_span.start : line.date_span.end] == line.date_span.text
    assert text.startswith(line.span.text)


def test_after_title_line_and_spans_are_offsets() -> None:
    text = "Russia and the OIC deepen ties\nMOSCOW, May 21 (RIA Novosti) - Igor Ivanov met."
    found = find_dateline(text)
    assert found is not None
    assert found.dateline.span.start == text.index("MOSCOW")
    assert found.dateline.place_span is not None
    assert found.dateline.place_span.text == "MOSCOW"


@pytest.mark.parametrize(
    "text",
    [
        "Lors d'une rencontre avec le secrétaire général, le Guide a dit - ceci.",
        "President Putin (pictured) - said on Monday that talks would go on.",
        "BREAKING - Talks collapse in Geneva",
        "The minister said on May 21 that talks would resume.",
        "",
    ],
)
def test_not_datelines(text: str) -> None:
    assert find_dateline(text) is None


def test_dateline_only_near_the_start() -> None:
    text = "An opening paragraph that runs on. " * 12 + "\nPARIS (AFP) - Late."
    assert find_dateline(text) is None


def test_month_names_come_from_cldr() -> None:
    names = month_names()
    assert names["may"] == names["mai"] == names["mayo"] == names["мая"] == names["май"] == names["مايو"] == 5
    assert names["sept"] == names["septembre"] == names["eylül"] == names["أيلول"] == 9
    assert len(names) > 300


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("24th July, 2025", (2025, 7, 24)),
        ("July 24, 2025", (2025, 7, 24)),
        ("1er mars 2009", (2009, 3, 1)),
        ("5 de mayo de 2025", (2025, 5, 5)),
        ("21 мая 2004", (2004, 5, 21)),
        ("3 مارس", (None, 3, 3)),
        ("May 21", (None, 5, 21)),
    ],
)
def test_written_dates(text: str, parts: tuple[int | None, int, int]) -> None:
    match = date_regex().fullmatch(text)
    assert match is not None
    found = date_parts(match, text)
    assert (found.year, found.month, found.day) == parts
    assert found.span.text == text
