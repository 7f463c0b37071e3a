"""Importers: Wikidata dump lines and CAMEO/PETRARCH actor dictionaries, on small files written here."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from communique.actors.kb import DATA_DIR, KnowledgeBase
from communique.actors.kb.importers import Position, import_petrarch, import_wikidata, slug
from communique.actors.kb.validate import validate
from communique.errors import KnowledgeBaseError


def _time(value: str, precision: int = 11) -> dict[str, object]:
    return {"datavalue": {"value": {"time": value, "precision": precision}, "type": "time"}}


def _item(qid: str) -> dict[str, object]:
    return {
        "mainsnak": {"datavalue": {"value": {"entity-type": "item", "id": qid}, "type": "wikibase-entityid"}}
    }


PERSON = {
    "type": "item",
    "id": "Q1000001",
    "labels": {
        "en": {"language": "en", "value": "Example Minister"},
        "fr": {"language": "fr", "value": "Exemple"},
    },
    "aliases": {"ru": [{"language": "ru", "value": "Пример Министр"}]},
    "claims": {
        "P31": [_item("Q5")],
        "P39": [
            {
                **_item("Q2000001"),
                "qualifiers": {
                    "P580": [_time("+2001-03-04T00:00:00Z")],
                    "P582": [_time("+2004-00-00T00:00:00Z", 9)],
                },
            },
            {**_item("Q2999999")},  # a position we do not map
        ],
    },
}
ORGANISATION = {
    "type": "item",
    "id": "Q3000001",
    "labels": {
        "en": {"language": "en", "value": "Example Council"},
        "ar": {"language": "ar", "value": "مجلس المثال"},
    },
    "aliases": {"en": [{"language": "en", "value": "EXC"}]},
    "claims": {"P31": [_item("Q484652")]},
}


def test_wikidata_dump_lines_become_officeholder_rows_and_organisations() -> None:
    lines = ["[", json.dumps(PERSON) + ",", json.dumps(ORGANISATION), "]"]
    imported = import_wikidata(lines, {"Q2000001": Position("foreign minister", "FRA")})
    (row,) = imported.officeholders
    assert row["person_id"] == "example-minister"
    assert row["wikidata"] == "Q1000001"
    assert (row["office"], row["organisation"], row["sector"]) == ("foreign minister", "FRA", "GOV")
    assert (row["start"], row["end"]) == ("2001-03-04", "2004")
    assert row["aliases"].split("|") == ["Exemple", "Пример Министр"]
    (org,) = imported.organisations
    assert org["id"] == "EXC"
    assert org["aliases"]["ar"] == ["مجلس المثال"]


def test_bad_wikidata_line_names_the_line() -> None:
    with pytest.raises(KnowledgeBaseError) as caught:
        import_wikidata(["{oops"], {}, source="dump.json")
    assert caught.value.source == "dump.json:1"


DICTIONARY = """\
# A small actor dictionary in the CAMEO/PETRARCH format, written for this test.
IGOR_IVANOV_  [RUSGOV 980911-040309]  # foreign minister, then Security Council secretary
+IGOR_S._IVANOV_
+IVANOV_
[RUSGOV 040309-071231]
KAMAL_KHARRAZI_
+KHARAZI_
[IRNGOV 970820-050824]
[IRNELI >050824]
NOBODY_
"""


def test_petrarch_dictionary_becomes_dated_terms() -> None:
    imported = import_petrarch(DICTIONARY.splitlines(), source="actors.txt")
    rows = imported.officeholders
    assert [(r["person_id"], r["organisation"], r["sector"], r["start"], r["end"]) for r in rows] == [
        ("igor-ivanov", "RUS", "GOV", "1998-09-11", "2004-03-09"),
        ("igor-ivanov", "RUS", "GOV", "2004-03-09", "2007-12-31"),
        ("kamal-kharrazi", "IRN", "GOV", "1997-08-20", "2005-08-24"),
        ("kamal-kharrazi", "IRN", "ELI", "2005-08-24", ""),
    ]
    assert rows[0]["aliases"] == "Igor S. Ivanov|Ivanov"
    assert rows[0]["name"] == "Igor Ivanov"
    assert imported.skipped == ["actors.txt:10: NOBODY_ has no code"]


@pytest.mark.parametrize(
    ("text", "line"),
    [("+ORPHAN_\n", 1), ("A_ [USAGOV 990231-]\n", 1), ("A_\n[USAGOV 99]\n", 2), ("A_ [USAGOV ~990101]\n", 1)],
)
def test_petrarch_errors_name_the_line(text: str, line: int) -> None:
    with pytest.raises(KnowledgeBaseError) as caught:
        import_petrarch(text.splitlines(), source="d.txt")
    assert caught.value.source == f"d.txt:{line}"


def test_imported_files_load_into_the_kb_and_validate(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("states.yaml", "igos.yaml", "roles.yaml"):
        shutil.copy(DATA_DIR / name, folder / name)
    users = tmp_path / "mine"
    imported = import_petrarch(DICTIONARY.splitlines())
    wikidata = import_wikidata([json.dumps(ORGANISATION)], {})
    wikidata.organisations[0]["cameo"] = "IGOEXC"
    written = imported.write(users, "petrarch") + wikidata.write(users, "wikidata")
    assert sorted(p.name for p in written) == ["petrarch.tsv", "wikidata.yaml"]
    kb = KnowledgeBase.load([users], data_dir=folder, cache_dir=tmp_path / "cache")
    assert [a.id for a in kb.lookup("Igor S. Ivanov")] == ["igor-ivanov"]
    assert kb.code("EXC") == "IGO.EXC"
    assert validate(kb) == []


def test_slug() -> None:
    assert slug("Abdelouahed Belkeziz") == "abdelouahed-belkeziz"
    assert slug("Ekmeleddin İhsanoğlu") == "ekmeleddin-ihsanoglu"
