from __future__ import annotations

import pytest

from communique.events.places import Gazetteer, PlaceRecord, find_places, normalise


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _resolve(gaz: Gazetteer, name: str, **kwargs: object) -> PlaceRecord:
    found = gaz.resolve(name, **kwargs)  # type: ignore[arg-type]
    assert found is not None, name
    return found


def test_load_is_cached(gaz: Gazetteer) -> None:
    assert Gazetteer.load() is gaz
    assert len(gaz) > 34_000


@pytest.mark.parametrize(
    ("name", "country", "feature"),
    [
        ("Tehran", "IRN", "capital"),
        ("New York", "USA", "city"),
        ("Dakar", "SEN", "capital"),
        ("Moscow", "RUS", "capital"),
        ("Kuala Lumpur", "MYS", "capital"),
        ("Gaza", "PSE", "city"),
        ("Kremlin", "RUS", "landmark"),
        ("the Kremlin", "RUS", "landmark"),
        ("Washington", "USA", "capital"),
        ("Gaza Strip", "PSE", "region"),
        ("White House", "USA", "landmark"),
    ],
)
def test_seed_places(gaz: Gazetteer, name: str, country: str, feature: str) -> None:
    place = _resolve(gaz, name)
    assert (place.country, place.feature) == (country, feature)


def test_coordinates_and_names(gaz: Gazetteer) -> None:
    tehran = _resolve(gaz, "Tehran")
    assert abs(tehran.latitude - 35.7) < 0.2 and abs(tehran.longitude - 51.4) < 0.2
    assert tehran.geonames_id == 112931
    assert _resolve(gaz, "New York").name == "New York City"
    kremlin = _resolve(gaz, "Kremlin")
    assert kremlin.city == "Moscow" and abs(kremlin.latitude - 55.75) < 0.05
    washington = _resolve(gaz, "Washington")
    assert abs(washington.latitude - 38.9) < 0.1


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Téhéran", "Tehran"),
        ("Тегеран", "Tehran"),
        ("طهران", "Tehran"),
        ("Teheran", "Tehran"),
        ("Москва", "Moscow"),
        ("Moscou", "Moscow"),
        ("Moskau", "Moscow"),
        ("MOSCOW", "Moscow"),
        ("moscow", "Moscow"),
        ("Кремль", "Kremlin"),
        ("Maison-Blanche", "White House"),
        ("Cisjordanie", "West Bank"),
        ("Nueva York", "New York City"),
    ],
)
def test_multilingual_names(gaz: Gazetteer, name: str, expected: str) -> None:
    assert _resolve(gaz, name).name == expected


def test_candidates_list_every_reading(gaz: Gazetteer) -> None:
    moscows = gaz.candidates("Moscow")
    assert {(p.country, p.admin1) for p in moscows} >= {("RUS", "48"), ("USA", "ID")}
    assert moscows[0].country == "RUS"
    assert gaz.candidates("MOSCOW") == moscows
    assert gaz.candidates("Xyzzyqville") == []


def test_context_disambiguation(gaz: Gazetteer) -> None:
    idaho = _resolve(gaz, "Moscow", countries=["USA"])
    assert (idaho.country, idaho.admin1) == ("USA", "ID")
    assert _resolve(gaz, "Moscow", countries=["US"]).admin1 == "ID"
    assert _resolve(gaz, "Moscow", countries=["RUS", "USA"]).country == "RUS"
    assert _resolve(gaz, "Moscow", near=(46.7, -117.0)).admin1 == "ID"  # Pullman, Washington
    # a capital in a cue country beats a small city in a more salient one
    assert _resolve(gaz, "Paris", countries=["USA", "FRA"]).country == "FRA"
    assert _resolve(gaz, "Paris").country == "FRA"
    # the state only when the context names it
    state = _resolve(gaz, "Washington", countries=["US-WA"])
    assert (state.feature, state.admin1) == ("region", "WA")
    assert _resolve(gaz, "Washington", countries=["USA"]).feature == "capital"
    assert _resolve(gaz, "Georgia").country == "GEO"
    assert _resolve(gaz, "Georgia", countries=["USA"]).admin1 == "GA"


def test_unknown_names(gaz: Gazetteer) -> None:
    assert gaz.resolve("Xyzzyqville") is None
    assert gaz.resolve("") is None
    assert gaz.country("Atlantis") is None


def test_countries(gaz: Gazetteer) -> None:
    for query in ("RUS", "RU", "Russia", "Russie", "Россия", "روسيا", "Rusia"):
        found = gaz.country(query)
        assert found is not None and found.country == "RUS", query
    iran = gaz.country("Iran")
    assert iran is not None and iran.feature == "country" and 25 < iran.latitude < 40
    for query, code in [
        ("U.S.", "USA"),
        ("United States", "USA"),
        ("Allemagne", "DEU"),
        ("Sénégal", "SEN"),
        ("Malaisie", "MYS"),
        ("Palestine", "PSE"),
        ("UK", "GBR"),
    ]:
        found = gaz.country(query)
        assert found is not None and found.country == code, query
    assert _resolve(gaz, "Iran").feature == "country"


def test_normalise() -> None:
    assert normalise("Téhéran") == normalise("TEHERAN") == "teheran"
    assert normalise("Kuala-Lumpur") == normalise("kuala  lumpur")
    assert normalise("Quai d’Orsay") == normalise("Quai d'Orsay")


def _names(text: str, language: str) -> list[str]:
    spans = find_places(text, language)
    for start, end, name in spans:
        assert text[start:end] == name
    return [name for _, _, name in spans]


def test_find_places_english() -> None:
    text = (
        "MOSCOW, May 21 (RIA Novosti) - The Kremlin said talks in New York and Kuala Lumpur would follow. "
        "Nice weather helped. Officials met in Nice, then in Mobile, Alabama. Mobile phones rang."
    )
    assert _names(text, "en") == [
        "MOSCOW",
        "Kremlin",
        "New York",
        "Kuala Lumpur",
        "Nice",
        "Mobile",
        "Alabama",
    ]


def test_find_places_french_and_spanish() -> None:
    fr = "Le président a reçu à l'Élysée son homologue de Dakar, avant un voyage à Téhéran et à Orange."
    assert _names(fr, "fr") == ["Élysée", "Dakar", "Téhéran", "Orange"]
    assert _names("Orange a annoncé ses résultats à Paris.", "fr") == ["Paris"]
    es = "El ministro viajó a Moscú y luego a la Franja de Gaza; Real Madrid ganó en Nueva York."
    assert _names(es, "es") == ["Moscú", "Franja de Gaza", "Madrid", "Nueva York"]


def test_find_places_whole_words_and_capitals() -> None:
    assert _names("Parisian fashion and newyork.", "en") == []
    assert _names("the city of tehran", "en") == []
    assert _names("Talks in Tehran.", "en") == ["Tehran"]
