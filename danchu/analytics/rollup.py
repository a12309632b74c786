"""Keeping `FlowRollup` in step with the values: deltas on each write, or a rebuild from scratch."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction

from danchu.catalog.models import DataElement
from danchu.units.models import PATH_WIDTH, Unit
from danchu.values.models import DataValue

from .models import NO_END, FlowRollup

KEY = ["ancestor_id", "start", "end", "tier", "unit_valid_to", "element_id", "dimensions"]


def _sql_names() -> tuple[str, str, str]:
    q = connection.ops.quote_name
    table = q(FlowRollup._meta.db_table)
    columns = ", ".join(q(c) for c in KEY)
    return table, columns, q("total")


def add(changes: Iterable[tuple[Unit, DataElement, str, object, object, float]]) -> None:
    """Add `delta` for each (unit, element, dimensions, start, end, delta) of flow values to the
    rows of every unit above `unit`, in the caller's transaction."""
    sums: dict[tuple, float] = defaultdict(float)
    for unit, element, dimensions, start, end, delta in changes:
        if element.time_aggregation != DataElement.TimeAggregation.FLOW or not delta:
            continue
        valid_to = unit.valid_to or NO_END
        for segment in unit.path.strip("/").split("/")[:-1]:
            sums[(int(segment), start, end, unit.tier, valid_to, element.pk, dimensions)] += delta
    if not sums:
        return
    table, columns, total = _sql_names()
    # the same upsert on SQLite (3.24+) and PostgreSQL: add to the row, or create it
    sql = (
        f"INSERT INTO {table} ({columns}, {total}) VALUES ({', '.join(['%s'] * (len(KEY) + 1))}) "
        f"ON CONFLICT ({columns}) DO UPDATE SET {total} = {table}.{total} + excluded.{total}"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(*key, value) for key, value in sums.items()])


def on_values_written(deltas) -> None:
    """`values.writing.VALUES_WRITTEN` hook: add each changed flow value's difference."""
    add(
        (row.unit, row.element, row.dimensions, row.period.start, row.period.end, row.value - before)
        for row, before in deltas
    )


def on_units_changed(result) -> None:
    """`units.loader.UNITS_CHANGED` hook: a unit that moved or changed its validity changes
    which totals its values roll into."""
    rebuild()


@transaction.atomic
def rebuild() -> int:
    """Recompute the whole rollup from the values (after loading data past `apply_rows`)."""
    FlowRollup.objects.all().delete()
    q = connection.ops.quote_name
    table, columns, total = _sql_names()
    values, units, elements = (
        q(DataValue._meta.db_table),
        q(Unit._meta.db_table),
        q(DataElement._meta.db_table),
    )
    deepest = Unit.objects.order_by("-depth").values_list("depth", flat=True).first() or 0
    with connection.cursor() as cursor:
        for depth in range(deepest):
            # the ancestor at `depth` is cut out of the fixed-width path: "/00000001/00000042/…"
            offset = 2 + depth * (PATH_WIDTH + 1)
            cursor.execute(
                f"INSERT INTO {table} ({columns}, {total}) "
                f"SELECT CAST(SUBSTR(u.path, {offset}, {PATH_WIDTH}) AS INTEGER), v.start, v.{q('end')}, "
                f"u.tier, COALESCE(u.valid_to, %s), v.element_id, v.dimensions, SUM(v.value) "
                f"FROM {values} v JOIN {units} u ON u.id = v.unit_id "
                f"JOIN {elements} e ON e.id = v.element_id "
                f"WHERE e.time_aggregation = %s AND u.depth > %s "
                f"GROUP BY 1, 2, 3, 4, 5, 6, 7",
                [NO_END, DataElement.TimeAggregation.FLOW.value, depth],
            )
    return FlowRollup.objects.count()
