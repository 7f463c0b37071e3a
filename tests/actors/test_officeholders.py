"""Sanity checks for the office-holders fact table (actors/data/officeholders.tsv).

The table is read with the csv module only: the knowledge-base loader that
consumes it is tested elsewhere.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import itertools
import re
from collections import defaultdict
from pathlib import Path

import pytest

TSV = Path(__file__).resolve().parents[2] / "src" / "communique" / "actors" / "data" / "officeholders.tsv"

HEADER = [
    "person_id",
    "name",
    "aliases",
    "wikidata",
    "office",
    "organisation",
    "sector",
    "start",
    "end",
]

OFFICES = {
    "head of state",
    "head of government",
    "foreign minister",
    "defence minister",
    "supreme leader",
    "secretary general",
    "deputy secretary general",
    "president",
    "high representative",
    "security council secretary",
    "vice president",
    "crown prince",
    "speaker",
    "assistant secretary general",
    "special envoy",
    "cleric",  # religious leaders with no state office, coded by the country they lead from
}

IGOS = {
    "UN",
    "OIC",
    "ARL",
    "EU",
    "AU",
    "NATO",
    "ASEAN",
    "GCC",
    "OPEC",
    "WHO",
    "IAEA",
    "WTO",
    "IMF",
    "WB",
    "OSCE",
    "COE",
    "SCO",
    "ECOWAS",
    "OAS",
}

SECTORS = {"GOV", "IGO", "MIL", "REL"}

G20_P5 = [
    "ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA",
    "JPN", "KOR", "MEX", "RUS", "SAU", "ZAF", "TUR", "GBR", "USA",
]  # fmt: skip

# OIC member states whose head of state and foreign minister are covered at
# both check dates (SAU, TUR and IDN are counted once, under the G20).
OIC = [
    "IRN", "PAK", "EGY", "SAU", "TUR", "IDN", "MYS", "IRQ", "SYR", "JOR",
    "LBN", "PSE", "QAT", "ARE", "KWT", "BHR", "OMN", "YEM", "AFG", "BGD",
    "DZA", "MAR", "TUN", "LBY", "NGA", "SEN", "MLI", "NER", "BFA", "CIV",
    "GIN", "CMR", "GAB", "UGA", "MOZ", "DJI", "KAZ", "UZB", "AZE", "TKM",
    "KGZ", "TJK", "ALB", "BRN", "MDV",
]  # fmt: skip

CHECK_DATES = [dt.date(2003, 5, 27), dt.date(2024, 1, 1)]

# (organisation, office, date) with no holder in reality.
COVERAGE_GAPS = {
    # Iraq under the Coalition Provisional Authority (April 2003 - June 2004):
    # no head of state and no foreign minister until the Governing Council
    # named Hoshyar Zebari in September 2003.
    ("IRQ", "head of state", dt.date(2003, 5, 27)),
    ("IRQ", "foreign minister", dt.date(2003, 5, 27)),
    # Lebanon's presidency was vacant from 31 Oct 2022 to 9 Jan 2025.
    ("LBN", "head of state", dt.date(2024, 1, 1)),
}

# (office, organisation) held by several people at once by design.
COLLECTIVE = {
    # President of the European Commission and President of the European
    # Council are both coded `president` / EU.
    ("president", "EU"),
    # The UN has many special envoys, high representatives and ASGs at once.
    ("special envoy", "UN"),
    ("high representative", "UN"),
    ("assistant secretary general", "UN"),
    # A country has many clerics at once.
    ("cleric", "IRQ"),
}

# Rival claimants recognised by different parts of the international community:
# frozenset of two person_ids within one (office, organisation).
RIVALS = {
    # Libya 2011: Gaddafi's regime vs the National Transitional Council.
    ("head of state", "LBY"): {
        frozenset({"muammar-gaddafi", "mustafa-abdul-jalil"}),
    },
    ("head of government", "LBY"): {
        frozenset({"baghdadi-mahmudi", "mahmoud-jibril"}),
        # 2016-2021: House of Representatives (east) vs Government of
        # National Accord (Tripoli).
        frozenset({"abdullah-al-thani", "fayez-al-sarraj"}),
        # 2022-: Government of National Unity vs the HoR-appointed cabinets.
        frozenset({"abdul-hamid-dbeibah", "fathi-bashagha"}),
        frozenset({"abdul-hamid-dbeibah", "osama-hamad"}),
    },
}

# IGO executive heads that must have a holder at both check dates.
IGO_HEADS = [
    ("UN", "secretary general"),
    ("OIC", "secretary general"),
    ("ARL", "secretary general"),
    ("NATO", "secretary general"),
    ("ASEAN", "secretary general"),
    ("GCC", "secretary general"),
    ("OPEC", "secretary general"),
    ("WHO", "secretary general"),
    ("IAEA", "secretary general"),
    ("WTO", "secretary general"),
    ("IMF", "secretary general"),
    ("OSCE", "secretary general"),
    ("COE", "secretary general"),
    ("OAS", "secretary general"),
    ("WB", "president"),
    ("EU", "president"),
    ("EU", "high representative"),
    ("AU", "president"),
]

DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
QID_RE = re.compile(r"^Q\d+$")
ISO3_RE = re.compile(r"^[A-Z]{3}$")


def _bounds(value: str) -> tuple[dt.date, dt.date, int]:
    """(earliest day, latest day, precision 1=year 2=month 3=day) of a date."""
    m = DATE_RE.match(value)
    assert m, f"bad date {value!r}"
    year, month, day = m.groups()
    y = int(year)
    if month is None:
        return dt.date(y, 1, 1), dt.date(y, 12, 31), 1
    mo = int(month)
    if day is None:
        last = calendar.monthrange(y, mo)[1]
        return dt.date(y, mo, 1), dt.date(y, mo, last), 2
    d = dt.date(y, mo, int(day))
    return d, d, 3


def _trunc(d: dt.date, precision: int) -> tuple[int, ...]:
    return (d.year, d.month, d.day)[:precision]


def _read() -> list[list[str]]:
    with TSV.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture(scope="module")
def table() -> list[list[str]]:
    return _read()


@pytest.fixture(scope="module")
def rows(table: list[list[str]]) -> list[dict[str, str]]:
    return [dict(zip(HEADER, r, strict=True)) for r in table[1:]]


def _covers(row: dict[str, str], day: dt.date) -> bool:
    lo, _, _ = _bounds(row["start"])
    hi = _bounds(row["end"])[1] if row["end"] else dt.date.max
    return lo <= day <= hi


def test_header(table: list[list[str]]) -> None:
    assert table[0] == HEADER


def test_every_row_has_nine_fields(table: list[list[str]]) -> None:
    bad = [(i + 1, len(r)) for i, r in enumerate(table) if len(r) != 9]
    assert not bad, bad
    assert len(table) > 1000


def test_no_stray_whitespace(table: list[list[str]]) -> None:
    bad = [(i + 1, cell) for i, r in enumerate(table) for cell in r if cell != cell.strip()]
    assert not bad, bad[:10]


def test_dates_parse_and_start_before_end(rows: list[dict[str, str]]) -> None:
    for r in rows:
        assert r["start"], r
        lo, _, _ = _bounds(r["start"])
        if r["end"]:
            _, hi, _ = _bounds(r["end"])
            assert lo <= hi, r
        assert lo <= dt.date(2026, 12, 31), r


def test_vocabularies(rows: list[dict[str, str]]) -> None:
    for r in rows:
        assert r["office"] in OFFICES, r
        assert r["sector"] in SECTORS, r
        org = r["organisation"]
        if r["sector"] == "IGO":
            assert org in IGOS, r
        else:
            assert ISO3_RE.match(org) and org not in IGOS, r


def test_person_ids_names_and_qids(rows: list[dict[str, str]]) -> None:
    names: dict[str, set[str]] = defaultdict(set)
    qids: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        assert SLUG_RE.match(r["person_id"]), r
        assert r["name"], r
        names[r["person_id"]].add(r["name"])
        if r["wikidata"]:
            assert QID_RE.match(r["wikidata"]), r
            qids[r["person_id"]].add(r["wikidata"])
    assert {p: n for p, n in names.items() if len(n) > 1} == {}
    assert {p: q for p, q in qids.items() if len(q) > 1} == {}
    owners: dict[str, set[str]] = defaultdict(set)
    for pid, q in qids.items():
        owners[next(iter(q))].add(pid)
    assert {q: p for q, p in owners.items() if len(p) > 1} == {}


def test_aliases(rows: list[dict[str, str]]) -> None:
    seen: set[str] = set()
    for r in rows:
        pid = r["person_id"]
        aliases = r["aliases"].split("|") if r["aliases"] else []
        if pid in seen:
            assert not aliases, f"aliases only on the first row: {r}"
        seen.add(pid)
        assert all(a.strip() == a and a for a in aliases), r
        assert len(set(aliases)) == len(aliases), r
        assert r["name"] not in aliases, r
        surname = r["name"].split()[-1]
        if len(r["name"].split()) > 1:
            assert surname not in aliases, f"bare surname alias: {r}"


def test_no_overlapping_terms(rows: list[dict[str, str]]) -> None:
    groups: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        groups[(r["office"], r["organisation"])].append(r)
    problems = []
    for key, members in groups.items():
        if key in COLLECTIVE:
            continue
        allowed = RIVALS.get(key, set())
        for a, b in itertools.combinations(members, 2):
            if frozenset({a["person_id"], b["person_id"]}) in allowed:
                continue
            first, second = sorted((a, b), key=lambda r: _bounds(r["start"])[0])
            if not first["end"]:
                problems.append((key, first["person_id"], second["person_id"]))
                continue
            end_lo, _, end_p = _bounds(first["end"])
            start_lo, _, start_p = _bounds(second["start"])
            p = min(end_p, start_p)
            if p == 3:
                # end == next start (hand-over day) is fine, and so is one
                # day's slack.
                ok = end_lo <= start_lo + dt.timedelta(days=1)
            else:
                ok = _trunc(end_lo, p) <= _trunc(start_lo, p)
            if not ok:
                problems.append(
                    (
                        key,
                        f"{first['person_id']} {first['start']}..{first['end']}",
                        f"{second['person_id']} {second['start']}..{second['end']}",
                    )
                )
    assert not problems, "\n".join(map(str, problems))


@pytest.mark.parametrize("state", sorted(set(G20_P5 + OIC)))
@pytest.mark.parametrize("office", ["head of state", "foreign minister"])
@pytest.mark.parametrize("day", CHECK_DATES, ids=str)
def test_state_coverage(rows: list[dict[str, str]], state: str, office: str, day: dt.date) -> None:
    if (state, office, day) in COVERAGE_GAPS:
        pytest.skip("documented vacancy")
    holders = [r for r in rows if r["organisation"] == state and r["office"] == office and _covers(r, day)]
    assert holders, f"no {office} of {state} on {day}"


def test_enough_oic_states() -> None:
    assert len(set(OIC)) >= 40


@pytest.mark.parametrize(("org", "office"), IGO_HEADS)
@pytest.mark.parametrize("day", CHECK_DATES, ids=str)
def test_igo_coverage(rows: list[dict[str, str]], org: str, office: str, day: dt.date) -> None:
    holders = [r for r in rows if r["organisation"] == org and r["office"] == office and _covers(r, day)]
    assert holders, f"no {office} of {org} on {day}"


def test_special_offices(rows: list[dict[str, str]]) -> None:
    by_office = defaultdict(set)
    for r in rows:
        by_office[(r["office"], r["organisation"])].add(r["person_id"])
    assert "ali-khamenei" in by_office[("supreme leader", "IRN")]
    assert {
        "vladimir-rushailo",
        "igor-ivanov-1945",
        "valentin-sobolev",
        "nikolai-patrushev",
        "sergei-shoigu",
    } <= by_office[("security council secretary", "RUS")]
    khamenei = [r for r in rows if r["person_id"] == "ali-khamenei"]
    assert all(r["sector"] == "GOV" for r in khamenei)
