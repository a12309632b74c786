"""DuckDB as the reference: the same rows exported from the database, the same sums computed there.

The export (not timed) writes one CSV line per value with everything the sums need: unit id,
tier, path and validity, element code and time aggregation, dimension key, period start/end
and value. `duckdb_sums` then computes what `engine.aggregate(unit, period, by="tier")` must
give: flows summed, stocks = each unit's latest value in the period (latest end, then latest
start), restricted to the subtree of the unit and to units in force at the period's end.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

COLUMNS = {
    "unit_id": "BIGINT",
    "tier": "VARCHAR",
    "path": "VARCHAR",
    "valid_from": "DATE",
    "valid_to": "DATE",
    "element": "VARCHAR",
    "kind": "VARCHAR",
    "dims": "VARCHAR",
    "start": "DATE",
    "end": "DATE",
    "value": "DOUBLE",
}

Sums = dict[tuple[str, str, str | None], float]


def export_sql() -> str:
    from danchu.catalog.models import DataElement
    from danchu.units.models import Unit
    from danchu.values.models import DataValue

    dv, u, e = DataValue._meta.db_table, Unit._meta.db_table, DataElement._meta.db_table
    return (
        f"SELECT v.unit_id, u.tier, u.path, u.valid_from, u.valid_to, e.code, e.time_aggregation, "
        f'v.dimensions, v.start, v."end", v.value FROM {dv} v '
        f"JOIN {u} u ON u.id = v.unit_id JOIN {e} e ON e.id = v.element_id"
    )


def export_csv(path: Path) -> int:
    """Write every value with its unit and element to `path`; number of rows."""
    from django.db import connection

    path.parent.mkdir(parents=True, exist_ok=True)
    sql = export_sql()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor, path.open("wb") as f:
            with cursor.cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)") as copy:
                for block in copy:
                    f.write(block)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM ({sql}) t")
            return cursor.fetchone()[0]
    n = 0
    with connection.cursor() as cursor, path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        cursor.execute(sql)
        while rows := cursor.fetchmany(50_000):
            writer.writerows(rows)
            n += len(rows)
    return n


def load_duckdb(path: Path):
    """An in-memory DuckDB holding the exported rows in table `vals`."""
    import duckdb

    con = duckdb.connect()
    columns = ", ".join(f"'{k}': '{t}'" for k, t in COLUMNS.items())
    con.execute(
        f"CREATE TABLE vals AS SELECT * REPLACE (coalesce(dims, '') AS dims) "
        f"FROM read_csv('{path}', header = false, columns = {{{columns}}})"
    )
    return con


SUMS_SQL = """
WITH v AS (
    SELECT * FROM vals
    WHERE start >= $start AND "end" <= $end AND starts_with(path, $root)
      AND (valid_from IS NULL OR valid_from <= $at) AND (valid_to IS NULL OR valid_to >= $at)
)
SELECT element, dims, tier, sum(value) FROM v WHERE kind = 'flow' GROUP BY ALL
UNION ALL
SELECT element, dims, tier, sum(last) FROM (
    SELECT element, dims, tier,
           arg_max(value, ("end" - DATE '2000-01-01') * 100000 + (start - DATE '2000-01-01')) AS last
    FROM v WHERE kind = 'stock' GROUP BY unit_id, element, dims, tier
) GROUP BY ALL
"""


def duckdb_sums(con, root_path: str, start: dt.date, end: dt.date) -> Sums:
    """{(element, dimension key, tier): sum} for the subtree at `root_path`, like aggregate(by="tier")."""
    rows = con.execute(SUMS_SQL, {"start": start, "end": end, "root": root_path, "at": end}).fetchall()
    out: Sums = {}
    for element, dims, tier, total in rows:
        out[(element, dims, tier)] = out.get((element, dims, tier), 0.0) + total
    return out


def engine_sums(result) -> Sums:
    """The element rows of an engine Result in the same shape (indicators left out)."""
    out: Sums = {}
    for r in result.rows:
        if r.kind != "element":
            continue
        key = ";".join(f"{k}={r.dimensions[k]}" for k in sorted(r.dimensions))
        out[(r.element, key, r.group)] = out.get((r.element, key, r.group), 0.0) + (r.value or 0.0)
    return out


def differences(engine: Sums, reference: Sums, limit: int = 5) -> list[str]:
    """Human-readable differences between two sum tables (empty when equal)."""
    diffs = []
    for key in sorted(set(engine) | set(reference), key=lambda k: tuple(str(x) for x in k)):
        a, b = engine.get(key), reference.get(key)
        if a != b:
            diffs.append(f"{key}: engine={a} duckdb={b}")
            if len(diffs) >= limit:
                break
    return diffs
