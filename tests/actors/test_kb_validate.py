"""Validation of the knowledge base: the shipped curated files are consistent, and each rule catches its case."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from communique.actors.kb import DATA_DIR, KnowledgeBase
from communique.actors.kb.validate import Problem, check, validate
from communique.errors import KnowledgeBaseError

HEADER = "person_id\tname\taliases\twikidata\toffice\torganisation\tsector\tstart\tend\n"


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A data folder with our curated files and an empty office-holder table."""
    for name in ("states.yaml", "igos.yaml", "roles.yaml"):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    (tmp_path / "officeholders.tsv").write_text(HEADER, encoding="utf-8")
    return tmp_path


def load(folder: Path, cache: Path, *extra: Path) -> KnowledgeBase:
    return KnowledgeBase.load(list(extra), data_dir=folder, cache_dir=cache)


def messages(problems: list[Problem]) -> str:
    return "\n".join(map(str, problems))


def test_curated_files_are_consistent(folder: Path, cache: Path) -> None:
    problems = validate(load(folder, cache))
    assert problems == [], messages(problems)


def test_the_shipped_knowledge_base_with_its_office_holders_is_consistent(cache: Path) -> None:
    problems = validate(KnowledgeBase.load(cache_dir=cache))
    assert problems == [], messages(problems)


def test_overlapping_tenures_in_a_single_office(folder: Path, cache: Path, tmp_path: Path) -> None:
    people = tmp_path / "people.tsv"
    people.write_text(
        HEADER
        + "a-a\tA A\t\t\thead of state\tFRA\tGOV\t2000-01-01\t2005-06-30\n"
        + "b-b\tB B\t\t\thead of state\tFRA\tGOV\t2005-06-30\t2010-01-01\n"  # handover day: fine
        + "c-c\tC C\t\t\thead of state\tFRA\tGOV\t2009-01-01\t\n",  # overlaps b-b
        encoding="utf-8",
    )
    problems = validate(load(folder, cache, people))
    assert len(problems) == 1
    assert problems[0].source == "people.tsv:4"
    assert "c-c starts as head of state of FRA" in problems[0].message


def test_month_precision_ends_and_collective_offices_may_overlap(
    folder: Path, cache: Path, tmp_path: Path
) -> None:
    people = tmp_path / "people.tsv"
    people.write_text(
        HEADER
        + "a-a\tA A\t\t\tforeign minister\tFRA\tGOV\t2000-01\t2005-06\n"
        + "b-b\tB B\t\t\tforeign minister\tFRA\tGOV\t2005-06-15\t\n"
        + "c-c\tC C\t\t\thead of state\tBIH\tGOV\t2006\t\n"
        + "d-d\tD D\t\t\thead of state\tBIH\tGOV\t2006\t\n"
        + "e-e\tE E\t\t\tminister\tFRA\tGOV\t2006\t\n"
        + "f-f\tF F\t\t\tminister\tFRA\tGOV\t2006\t\n",
        encoding="utf-8",
    )
    assert validate(load(folder, cache, people)) == []


def test_unknown_office_organisation_and_sector(folder: Path, cache: Path, tmp_path: Path) -> None:
    people = tmp_path / "people.tsv"
    people.write_text(HEADER + "a-a\tA A\t\t\tgrand vizier\tXYZ\tABC\t2000\t\n", encoding="utf-8")
    text = messages(validate(load(folder, cache, people)))
    assert "office 'grand vizier' is not in the roles lexicon" in text
    assert "unknown organisation 'XYZ'" in text
    assert "unknown sector 'ABC'" in text


def test_an_alias_of_two_actors_must_be_listed_as_ambiguous(
    folder: Path, cache: Path, tmp_path: Path
) -> None:
    extra = tmp_path / "orgs.yaml"
    extra.write_text(
        "organisations:\n  - id: AAA\n    name: Alpha\n    cameo: IGOAAA\n    aliases: {en: [Iran]}\n",
        encoding="utf-8",
    )
    problems = validate(load(folder, cache, extra))
    assert [p.message for p in problems] == ["alias 'Iran' names AAA, IRN: list it under 'ambiguous'"]
    listed = tmp_path / "listed.yaml"
    listed.write_text("ambiguous: [Iran]\n", encoding="utf-8")
    assert validate(load(folder, cache, extra, listed)) == []


def test_igo_needs_a_cameo_code_and_known_relations(folder: Path, cache: Path, tmp_path: Path) -> None:
    extra = tmp_path / "orgs.yaml"
    extra.write_text(
        "organisations:\n  - id: AAA\n    name: Alpha\n    parent: ZZZ\n    members: [IRN, QQQ]\n",
        encoding="utf-8",
    )
    text = messages(validate(load(folder, cache, extra)))
    assert "orgs.yaml:2: AAA has no CAMEO code" in text
    assert "AAA refers to unknown actor ZZZ" in text
    assert "AAA: unknown member QQQ" in text


def test_a_wikidata_id_belongs_to_one_actor(folder: Path, cache: Path, tmp_path: Path) -> None:
    extra = tmp_path / "orgs.yaml"
    extra.write_text(
        "organisations:\n  - id: AAA\n    name: Alpha\n    cameo: IGOAAA\n    wikidata: Q794\n",
        encoding="utf-8",
    )
    problems = validate(load(folder, cache, extra))
    assert [p.message for p in problems] == ["Wikidata id Q794 is given to IRN, AAA"]


def test_roles_must_use_known_sectors(folder: Path, cache: Path, tmp_path: Path) -> None:
    extra = tmp_path / "roles-extra.yaml"
    extra.write_text(
        "roles:\n  - role: vizier\n    sector: XXX\n    titles: {en: [vizier]}\n", encoding="utf-8"
    )
    with pytest.raises(KnowledgeBaseError, match="unknown sector 'XXX'") as caught:
        load(folder, cache, extra)
    assert caught.value.source == "roles-extra.yaml:2"


def test_check_raises_the_first_problem(folder: Path, cache: Path, tmp_path: Path) -> None:
    people = tmp_path / "people.tsv"
    people.write_text(HEADER + "a-a\tA A\t\t\tgrand vizier\tFRA\tGOV\t2000\t\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as caught:
        check(load(folder, cache, people))
    assert caught.value.source == "people.tsv:2"
