"""Standard exports on a database built from the seeds: published headers, key values, round-trips."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

import communique
from communique.store import layouts
from communique.store.database import Store
from communique.store.layouts import codes

# The published layouts, written out here independently of the library's own lists.
ICEWS = [
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
]
GDELT = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
]
POLECAT = [
    "Event ID",
    "Event Date",
    "Event Type",
    "Event Mode",
    "Intensity",
    "Quad Code",
    "Contexts",
    "Actor Name",
    "Actor Country",
    "Actor COW",
    "Primary Actor Sector",
    "Actor Sectors",
    "Actor Title",
    "Actor Name Raw",
    "Wikipedia Actor ID",
    "Recipient Name",
    "Recipient Country",
    "Recipient COW",
    "Primary Recipient Sector",
    "Recipient Sectors",
    "Recipient Title",
    "Recipient Name Raw",
    "Wikipedia Recipient ID",
    "Placename",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
    "GeoNames ID",
    "Raw Placename",
    "Feature Type",
    "Source",
    "Publication Date",
    "Story People",
    "Story Organizations",
    "Story Locations",
    "Language",
    "Version",
]
PUBLISHED = {"icews": ICEWS, "gdelt": GDELT, "polecat": POLECAT}
FLAT_LAYOUTS = ("icews", "gdelt", "polecat")
PLOVER_ALLOWED = {
    "id", "has_event", "date", "time", "enddate", "endtime", "actor", "recipient", "event", "event_loc",
    "event_text", "quad_code", "event_scale", "mode", "context", "link", "text", "text_info", "cite_info",
    "coder", "coded_date", "coded_time", "comment",
}  # fmt: skip
ENTITY_ALLOWED = {
    "code", "sector", "entity_text", "identifier_id", "identifier_text", "religion", "ethnicity", "office",
    "gender", "age",
}  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, seeds: Path) -> Iterator[Store]:
    db = tmp_path_factory.mktemp("layouts") / "seeds.duckdb"
    communique.ingest(sorted(seeds.iterdir()), db=db)
    opened = Store(db)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def frames(store: Store) -> dict[str, pd.DataFrame]:
    # every raw event (the merged default is tested on its own below)
    return {layout: store.export_frame(layout, each_report=True) for layout in layouts.LAYOUTS}


def _dakar(frame: pd.DataFrame, column: str, value: str) -> pd.Series:
    rows = frame[frame[column] == value]
    assert len(rows) >= 1, f"no {column} == {value!r}"
    return rows.iloc[0]


def _header(path: Path, delimiter: str) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle, delimiter=delimiter))


# -- headers ------------------------------------------------------------------------------------------------


def test_column_counts() -> None:
    assert (len(ICEWS), len(GDELT), len(POLECAT)) == (20, 61, 40)


@pytest.mark.parametrize("layout", FLAT_LAYOUTS)
def test_frames_have_the_published_columns(frames: dict[str, pd.DataFrame], layout: str) -> None:
    assert list(frames[layout].columns) == PUBLISHED[layout]
    assert len(frames[layout]) == len(frames["native"]) > 0


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
@pytest.mark.parametrize("layout", FLAT_LAYOUTS)
def test_header_lines_are_the_published_layouts(store: Store, tmp_path: Path, layout: str, fmt: str) -> None:
    (path,) = store.export(tmp_path, layout=layout, fmt=fmt, each_report=True)
    assert _header(path, "\t" if fmt == "tsv" else ",") == PUBLISHED[layout]
    assert list(pd.read_csv(path, sep="\t" if fmt == "tsv" else ",", dtype=str).columns) == PUBLISHED[layout]


@pytest.mark.parametrize("layout", FLAT_LAYOUTS)
def test_parquet_and_jsonl_columns(store: Store, tmp_path: Path, layout: str) -> None:
    (parquet,) = store.export(tmp_path, layout=layout, fmt="parquet", each_report=True)
    assert list(pd.read_parquet(parquet).columns) == PUBLISHED[layout]
    (jsonl,) = store.export(tmp_path, layout=layout, fmt="jsonl", each_report=True)
    first = json.loads(jsonl.read_text(encoding="utf-8").splitlines()[0])
    assert list(first) == PUBLISHED[layout]


# -- round-trips --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", layouts.FORMATS)
@pytest.mark.parametrize("layout", FLAT_LAYOUTS)
def test_round_trip(
    store: Store, frames: dict[str, pd.DataFrame], tmp_path: Path, layout: str, fmt: str
) -> None:
    (path,) = store.export(tmp_path, layout=layout, fmt=fmt, each_report=True)
    back = layouts.read_export(path, layout)  # type: ignore[arg-type]
    pd.testing.assert_frame_equal(back, frames[layout], check_dtype=False, check_exact=False, rtol=1e-9)


@pytest.mark.parametrize("fmt", layouts.FORMATS)
def test_plover_round_trip(store: Store, frames: dict[str, pd.DataFrame], tmp_path: Path, fmt: str) -> None:
    (path,) = store.export(tmp_path, layout="plover-json", fmt=fmt, each_report=True)
    back = layouts.read_export(path, "plover-json")
    expected = frames["plover-json"]
    assert list(back.columns) == list(expected.columns)
    assert back.to_dict(orient="records") == expected.to_dict(orient="records")


@pytest.mark.parametrize("fmt", layouts.FORMATS)
def test_native_writes_every_table(store: Store, tmp_path: Path, fmt: str) -> None:
    paths = store.export(tmp_path, layout="native", fmt=fmt)
    assert [p.name for p in paths] == [f"{t}.{fmt}" for t in layouts.NATIVE_TABLES]
    frames = layouts.export_frames(store, "native")
    for path, table in zip(paths, layouts.NATIVE_TABLES, strict=True):
        back = layouts.read_export(path, "native")
        assert list(back.columns) == list(frames[table].columns)
        assert len(back) == len(frames[table]) == store.count(table)
    events = layouts.read_export(paths[1], "native")
    assert sorted(events["id"]) == sorted(store.events_frame()["id"])


def test_native_articles_keep_the_article_export(store: Store, tmp_path: Path) -> None:
    old = pd.read_parquet(store.export_articles(tmp_path / "old"))
    new = pd.read_parquet(store.export(tmp_path / "new", layout="native")[0])
    assert list(old.columns) == list(new.columns)
    assert old.to_json(orient="records", date_format="iso") == new.to_json(
        orient="records", date_format="iso"
    )


# -- key values ---------------------------------------------------------------------------------------------


def test_dakar_in_icews(frames: dict[str, pd.DataFrame]) -> None:
    row = _dakar(frames["icews"], "City", "Dakar")
    assert row["CAMEO Code"].startswith("04")
    assert row["Event Text"] == "Consult"
    assert row["Event Date"] == "2025-07-09"
    assert row["Source Name"] == "United Nations"
    assert row["Target Name"] == "Organisation of Islamic Cooperation"
    assert row["Country"] == "Senegal"
    assert row["Latitude"] == pytest.approx(14.69, abs=0.05)
    assert row["Longitude"] == pytest.approx(-17.44, abs=0.05)
    assert pd.isna(row["District"]) and pd.isna(row["Province"])


def test_icews_source_country_and_sectors(frames: dict[str, pd.DataFrame]) -> None:
    khatami = frames["icews"][frames["icews"]["Source Name"] == "Mohammad Khatami"]
    assert set(khatami["Source Country"]) == {"Iran"}
    assert set(khatami["Source Sectors"]) == {"Government"}
    oic_targets = frames["icews"][frames["icews"]["Target Name"] == "Organisation of Islamic Cooperation"]
    assert oic_targets["Target Country"].isna().all()  # an IGO has no country


def test_dakar_in_gdelt(frames: dict[str, pd.DataFrame]) -> None:
    row = _dakar(frames["gdelt"], "ActionGeo_FullName", "Dakar, Senegal")
    assert row["EventRootCode"] == "04" and row["EventCode"].startswith("04")
    assert row["QuadClass"] == 1
    assert row["SQLDATE"] == 20250709 and row["MonthYear"] == 202507 and row["Year"] == 2025
    assert row["FractionDate"] == pytest.approx(2025 + (7 * 30 + 9) / 365, abs=1e-4)
    assert (row["Actor1Code"], row["Actor2Code"]) == ("IGOUNO", "IGOMOSOIC")
    assert (row["Actor1KnownGroupCode"], row["Actor2KnownGroupCode"]) == ("UNO", "OIC")
    assert row["ActionGeo_Type"] == 4 and row["ActionGeo_CountryCode"] == "SG"
    assert row["ActionGeo_Lat"] == pytest.approx(14.69, abs=0.05)
    assert row["ActionGeo_Long"] == pytest.approx(-17.44, abs=0.05)
    assert row["NumMentions"] == row["NumSources"] == row["NumArticles"] == 1
    assert pd.isna(row["AvgTone"]) and pd.isna(row["ActionGeo_FeatureID"]) and pd.isna(row["Actor1Geo_Type"])


def test_gdelt_codes_and_quads(frames: dict[str, pd.DataFrame], store: Store) -> None:
    gdelt = frames["gdelt"]
    native = store.events_frame()
    assert set(gdelt["GLOBALEVENTID"]) == {codes.numeric_id(i) for i in native["id"]}
    assert gdelt["GLOBALEVENTID"].is_unique
    assert "IRNGOV" in set(gdelt["Actor1Code"])
    iran = gdelt[gdelt["Actor1Code"] == "IRNGOV"].iloc[0]
    assert (iran["Actor1CountryCode"], iran["Actor1Type1Code"]) == ("IRN", "GOV")
    # Phoenix quad 0 (CAMEO 01-02) is GDELT's verbal cooperation; conflict roots keep 3/4.
    for _, row in gdelt.dropna(subset=["EventRootCode"]).iterrows():
        root = int(row["EventRootCode"])
        expected = 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
        assert row["QuadClass"] == expected
    assert set(gdelt["QuadClass"].dropna()) <= {1, 2, 3, 4}


def test_gdelt_quad_conversion() -> None:
    assert [codes.gdelt_quad(c) for c in ("010", "020", "040", "051", "061", "112", "160", "173", "190")] == [
        1, 1, 1, 1, 2, 3, 4, 4, 4,
    ]  # fmt: skip
    assert codes.gdelt_quad(None) is None


def test_polecat_values(frames: dict[str, pd.DataFrame]) -> None:
    polecat = frames["polecat"]
    row = _dakar(polecat, "City", "Dakar")
    assert row["Event Type"] == "CONSULT"
    assert row["Event Mode"] == "multilateral"
    assert row["Quad Code"] == 1
    assert (
        row["Actor Name"] == "United Nations"
        and row["Recipient Name"] == "Organisation of Islamic Cooperation"
    )
    assert row["Wikipedia Recipient ID"] == "Q7085"
    assert row["GeoNames ID"] == 2253354
    assert row["Country"] == "Senegal"
    assert polecat["Actor COW"].isna().all() and polecat["Recipient COW"].isna().all()
    assert "Organisation of Islamic Cooperation" in row["Story Organizations"].split(";")
    assert set(polecat["Event Type"]) <= set(codes.PLOVER_QUAD)


def test_plover_records(store: Store, tmp_path: Path) -> None:
    (path,) = store.export(tmp_path, layout="plover-json", each_report=True)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(records) == store.count("events")
    for record in records:
        assert {"id", "date", "actor", "event"} <= set(record) <= PLOVER_ALLOWED
        assert isinstance(record["actor"], list) and isinstance(record["event"], list)
        for entity in record["actor"] + record.get("recipient", []):
            assert set(entity) <= ENTITY_ALLOWED
            assert len(entity.get("code", "XXX")) == 3
        if record["date"] is not None:
            assert len(record["date"]) == 10
    dakar = next(r for r in records if r.get("event_loc", {}).get("name") == "Dakar")
    assert dakar["event"] == ["CONSULT"] and dakar["quad_code"] == 1
    assert dakar["actor"][0]["identifier_id"] == "Q1065"
    assert dakar["recipient"][0] == {
        "code": "IGO",
        "sector": "MOSOIC",
        "entity_text": "OIC",
        "identifier_id": "Q7085",
        "identifier_text": "Organisation of Islamic Cooperation",
    }
    assert dakar["event_loc"]["cc3"] == "SEN" and dakar["event_loc"]["country code"] == "SN"
    assert "Dakar" in dakar["text"]


# -- filters, partial dates, errors -------------------------------------------------------------------------


def test_filters_apply_to_every_layout(store: Store) -> None:
    expected = len(store.events_frame(actor="UN"))
    assert 0 < expected < store.count("events")
    for layout in layouts.LAYOUTS:
        assert len(store.export_frame(layout, actor="UN", each_report=True)) == expected
    native = layouts.export_frames(store, "native", actor="UN")
    assert set(native["articles"]["id"]) == set(native["events"]["article_id"])


def test_partial_dates_render_as_the_first_day(store: Store, frames: dict[str, pd.DataFrame]) -> None:
    native = store.events_frame()
    month = native[native["date_precision"] == "month"].iloc[0]
    row = frames["icews"][frames["icews"]["Event ID"] == codes.numeric_id(month["id"])].iloc[0]
    assert row["Event Date"] == month["date"] + "-01"
    undated = native[native["event_date"].isna()]
    if len(undated):
        gdelt = frames["gdelt"].set_index("GLOBALEVENTID")
        assert gdelt.loc[codes.numeric_id(undated.iloc[0]["id"]), ["SQLDATE", "Year"]].isna().all()


def test_unknown_layout_and_format(store: Store, tmp_path: Path) -> None:
    with pytest.raises(communique.CommuniqueError):
        store.export_frame("acled")
    with pytest.raises(communique.CommuniqueError):
        store.export(tmp_path, layout="icews", fmt="xlsx")


def test_cli_export(store: Store, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from communique.cli import app

    store.connection.execute("CHECKPOINT").fetchall()
    db = tmp_path / "copy.duckdb"
    shutil.copyfile(store.path, db)

    result = CliRunner().invoke(
        app,
        [
            "export",
            "--db",
            str(db),
            "--layout",
            "gdelt",
            "--format",
            "csv",
            "--out",
            str(tmp_path),
            "--actor",
            "OIC",
            "--each-report",
        ],
    )
    assert result.exit_code == 0, result.output
    path = tmp_path / "gdelt-events.csv"
    assert _header(path, ",") == GDELT
    assert len(pd.read_csv(path)) == len(store.events_frame(actor="OIC"))


def test_an_event_several_reports_merged_is_exported_once_with_its_counts(store: Store) -> None:
    merged = store.connection.execute("SELECT count(*), sum(n_mentions) FROM merged_events").fetchone()
    assert merged is not None
    once = store.export_frame("gdelt")
    raw = store.events_frame()
    assert len(once) == merged[0] < len(raw)  # the seeds repeat some events within their articles
    assert once["NumMentions"].sum() == merged[1] == len(raw)
    assert set(once["GLOBALEVENTID"]) <= set(store.export_frame("gdelt", each_report=True)["GLOBALEVENTID"])
