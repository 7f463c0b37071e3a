"""Standard exports: our events in the published layouts of ICEWS, GDELT 2.0, POLECAT and PLOVER JSON, or our
own tables (``native``), as pandas DataFrames or files (CSV, TSV, Parquet, JSON lines).

    frame = export_frame(store, "gdelt", actor="OIC")       # one row per event, GDELT's 61 columns
    paths = export(store, "out/", layout="icews", fmt="tsv")

Published layouts keep the published columns only, in the published order; a field we cannot fill truthfully
is empty (``NA`` in frames and Parquet, an empty cell in CSV/TSV, ``null`` in JSON). ``docs/exports.md`` gives
the mapping of every column.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

import pandas as pd

from communique.errors import StoreError
from communique.store.layouts import plover, tables
from communique.store.layouts.columns import (
    COLUMN_TYPES,
    GDELT_COLUMNS,
    ICEWS_COLUMNS,
    LAYOUT_COLUMNS,
    PLOVER_FIELDS,
    POLECAT_COLUMNS,
)
from communique.store.layouts.context import EventRow, ExportContext
from communique.store.layouts.native import NATIVE_TABLES, native_queries

if TYPE_CHECKING:
    from communique.store.database import Store

__all__ = [
    "DEFAULT_FORMATS",
    "FORMATS",
    "GDELT_COLUMNS",
    "ICEWS_COLUMNS",
    "LAYOUTS",
    "NATIVE_TABLES",
    "PLOVER_FIELDS",
    "POLECAT_COLUMNS",
    "Format",
    "Layout",
    "export",
    "export_frame",
    "export_frames",
    "file_names",
    "read_export",
]

Layout = Literal["native", "icews", "gdelt", "polecat", "plover-json"]
Format = Literal["csv", "tsv", "parquet", "jsonl"]
LAYOUTS: tuple[str, ...] = get_args(Layout)
FORMATS: tuple[str, ...] = get_args(Format)
DEFAULT_FORMATS: dict[str, Format] = {
    "native": "parquet",
    "icews": "tsv",
    "gdelt": "tsv",
    "polecat": "tsv",
    "plover-json": "jsonl",
}
_FILE_STEMS = {
    "icews": "icews-events",
    "gdelt": "gdelt-events",
    "polecat": "polecat-events",
    "plover-json": "plover",
}
_ROWS: dict[str, Callable[[ExportContext, EventRow], dict[str, Any]]] = {
    "icews": tables.icews_row,
    "gdelt": tables.gdelt_row,
    "polecat": tables.polecat_row,
}
_PANDAS_TYPES = {"int": "Int64", "float": "Float64", "str": "string"}


def _check(layout: str, fmt: str | None = None) -> None:
    if layout not in LAYOUTS:
        raise StoreError(f"unknown export layout {layout!r} (one of {', '.join(LAYOUTS)})")
    if fmt is not None and fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")


def _typed(frame: pd.DataFrame, layout: str) -> pd.DataFrame:
    """The frame with the layout's column types (nullable: empty stays empty)."""
    types = COLUMN_TYPES[layout]
    return frame.astype({column: _PANDAS_TYPES[kind] for column, kind in types.items()})


def plover_records(store: Store, **filters: Any) -> list[dict[str, Any]]:
    """The selected events as PLOVER JSON objects (absent optional fields are left out)."""
    context = ExportContext(store, filters)
    return [plover.record(context, item) for item in context]


def _plover_frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    present = {name for r in records for name in r}
    columns = [name for name in PLOVER_FIELDS if name in present] or list(PLOVER_FIELDS[:0])
    return pd.DataFrame([[r.get(c) for c in columns] for r in records], columns=columns, dtype=object)


def export_frames(store: Store, layout: Layout = "native", **filters: Any) -> dict[str, pd.DataFrame]:
    """Every table of a layout as DataFrames by name: the five native tables, or ``events`` alone.

    ``filters`` are the shared event filters (actor, type, quad_class, country, since, until, language, text).
    """
    _check(layout)
    if layout == "native":
        return {
            name: store.connection.execute(sql, params).df()
            for name, (sql, params) in native_queries(filters).items()
        }
    if layout == "plover-json":
        return {"events": _plover_frame(plover_records(store, **filters))}
    context = ExportContext(store, filters)
    build = _ROWS[layout]
    rows = [build(context, item) for item in context]
    return {"events": _typed(pd.DataFrame(rows, columns=list(LAYOUT_COLUMNS[layout])), layout)}


def export_frame(store: Store, layout: Layout = "native", **filters: Any) -> pd.DataFrame:
    """The selected events in one layout as a DataFrame (for ``native``: the events table)."""
    return export_frames(store, layout, **filters)["events"]


def file_names(layout: Layout, fmt: Format) -> dict[str, str]:
    """The file each table of a layout is written to, by table name."""
    _check(layout, fmt)
    if layout == "native":
        return {name: f"{name}.{fmt}" for name in NATIVE_TABLES}
    return {"events": f"{_FILE_STEMS[layout]}.{fmt}"}


def export(
    store: Store,
    out_dir: str | Path,
    *,
    layout: Layout = "native",
    fmt: Format | None = None,
    **filters: Any,
) -> list[Path]:
    """Write a layout's tables into ``out_dir`` (created if needed); returns the paths written.

    ``fmt`` defaults to the layout's usual form: Parquet for native, TSV for ICEWS, GDELT and POLECAT, JSON
    lines for PLOVER. PLOVER's nested fields are JSON text in CSV, TSV and Parquet cells.
    """
    chosen: Format = fmt or DEFAULT_FORMATS[layout]
    names = file_names(layout, chosen)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    if layout == "plover-json" and chosen == "jsonl":
        target = out / names["events"]
        with target.open("w", encoding="utf-8") as handle:
            for item in plover_records(store, **filters):
                handle.write(json.dumps(item, ensure_ascii=False) + "\n")
        return [target]
    frames = export_frames(store, layout, **filters)
    for name, frame in frames.items():
        if layout == "plover-json":
            frame = _plover_cells(frame)
        target = out / names[name]
        _write(store, frame, target, chosen)
        paths.append(target)
    return paths


def _plover_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """PLOVER's nested values as JSON text, for the flat formats."""
    encoded = frame.copy()
    for column in encoded.columns:
        encoded[column] = [
            json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v for v in encoded[column]
        ]
    return encoded.astype("string")


_COPY_OPTIONS: dict[str, str] = {
    "csv": "FORMAT csv, HEADER",
    "tsv": "FORMAT csv, HEADER, DELIMITER '\t'",
    "parquet": "FORMAT parquet",
    "jsonl": "FORMAT json",
}


def _write(store: Store, frame: pd.DataFrame, target: Path, fmt: Format) -> None:
    """Write through DuckDB's COPY: the same quoting, dates and NULLs for every layout."""
    view = "_communique_export"
    store.connection.register(view, frame)
    try:
        quoted = str(target).replace("'", "''")
        store.connection.execute(
            f"COPY (SELECT * FROM {view}) TO '{quoted}' ({_COPY_OPTIONS[fmt]})"
        ).fetchall()
    finally:
        store.connection.unregister(view)


def read_export(path: str | Path, layout: Layout, fmt: Format | None = None) -> pd.DataFrame:
    """Read a file written by :func:`export` back into the frame :func:`export_frame` gives (published layouts;
    for ``native`` a plain read)."""
    source = Path(path)
    chosen = fmt or _format_of(source)
    _check(layout, chosen)
    if layout == "plover-json":
        if chosen == "jsonl":
            lines = source.read_text(encoding="utf-8").splitlines()
            return _plover_frame([json.loads(line) for line in lines if line.strip()])
        flat = _read_flat(source, chosen, dtype="string")
        return _plover_frame([_decode_plover(row) for row in flat.to_dict(orient="records")])
    if layout == "native":
        return _read_flat(source, chosen, dtype=None)
    types = {c: _PANDAS_TYPES[k] for c, k in COLUMN_TYPES[layout].items()}
    return _typed(_read_flat(source, chosen, dtype=types), layout)


def _format_of(path: Path) -> Format:
    suffix = path.suffix.lstrip(".")
    if suffix not in FORMATS:
        raise StoreError(f"cannot tell the format of {path}: give fmt")
    return suffix  # type: ignore[return-value]


def _read_flat(path: Path, fmt: Format, dtype: Any) -> pd.DataFrame:
    if fmt == "parquet":
        return pd.read_parquet(path)
    if fmt == "jsonl":
        lines = path.read_text(encoding="utf-8").splitlines()
        frame = pd.DataFrame([json.loads(line) for line in lines if line.strip()])
        return frame if dtype is None else frame.astype(dtype)
    sep = "\t" if fmt == "tsv" else ","
    return pd.read_csv(path, sep=sep, dtype=dtype, keep_default_na=False, na_values=[""])


def _decode_plover(row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in row.items():
        if value is None or value is pd.NA or (isinstance(value, float) and value != value):
            continue
        text = str(value)
        if text[:1] in "[{":
            out[key] = json.loads(text)
        else:
            out[key] = _PLOVER_SCALARS.get(key, str)(text)
    return out


def _boolean(text: str) -> bool:
    return text.strip().lower() in {"true", "1"}


_PLOVER_SCALARS: dict[str, Callable[[str], Any]] = {
    "quad_code": int,
    "event_scale": float,
    "has_event": _boolean,
}
