"""National-scale data for the benchmark: the whole legacy tree and a year of monthly values.

Every unit of the legacy tree below the country (provinces, districts, communes) gets, for each
of the 12 months of 2023 (`2023-01` … `2023-12`), one value for every element of the national
form QCDC and for EVERY combination of that element's dimension options (94 rows per unit and
month with the built-in catalogue). Values are drawn from a random generator seeded by the seed
and the unit's stable source key, so the same rows come out on SQLite and PostgreSQL, whatever
the primary keys are. Numbers are integers, or halves for decimal elements, so that sums are
exact in binary floating point and can be compared for equality with DuckDB's.

The rows are written with `bulk_create` in batches, not through `values.services.apply_rows`:
that path checks and audits each row, which is right for users and far too slow for millions of
synthetic rows. Run: `python bench/generate.py [--provinces 12,11] [--database-url URL]`.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
YEAR = 2023
MONTHS = [f"{YEAR}-{m:02d}" for m in range(1, 13)]
SEED = 2023


def setup_django(database_url: str) -> None:
    """Point Django at `database_url` and create the tables (run once per process)."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danchu.settings")
    if str(PROJECT_DIR) not in sys.path:
        sys.path.insert(0, str(PROJECT_DIR))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


@dataclass
class Stats:
    units: int = 0
    units_seconds: float = 0.0
    rows: int = 0
    rows_seconds: float = 0.0
    combos_per_unit_month: int = 0
    skipped: bool = False
    rollup_rows: int = 0
    rollup_seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


def dimension_combos(element) -> list[str]:
    """Every combination of the element's dimension options, as canonical keys (keys sorted)."""
    from danchu.catalog.dimensions import DimensionKey
    from danchu.catalog.models import DimensionOption

    dims = element.dimension_codes()
    if not dims:
        return [""]
    options = [
        list(DimensionOption.objects.filter(dimension__code=d).values_list("code", flat=True)) for d in dims
    ]
    keys = []
    for chosen in itertools.product(*options):
        keys.append(str(DimensionKey(zip(dims, chosen, strict=True))))
    return keys


def plan():
    """(element, is_stock, is_number, dimension keys) for every element of the national form."""
    from danchu.catalog.layout import layout
    from danchu.catalog.models import DataElement

    out = []
    for el in layout("QCDC").elements():
        out.append(
            (
                el,
                el.time_aggregation == DataElement.TimeAggregation.STOCK,
                el.value_type == DataElement.ValueType.NUMBER,
                dimension_combos(el),
            )
        )
    return out


def bench_units(provinces: list[str] | None):
    """Units that get values: every unit below the country in the chosen provinces (or all)."""
    from danchu.units.models import Tier, Unit

    qs = Unit.objects.filter(tier__in=[Tier.TINH, Tier.HUYEN, Tier.XA], source_key__isnull=False)
    qs = qs.exclude(source_key__startswith="2025:")
    if provinces:
        roots = list(Unit.objects.filter(tier=Tier.TINH, code__in=provinces))
        from django.db.models import Q

        scope = Q()
        for root in roots:
            scope |= Q(path__startswith=root.path)
        qs = qs.filter(scope)
    return qs.order_by("path")


def load_tree(provinces: list[str] | None) -> tuple[int, float]:
    """Load the legacy tree (whole country, or the provinces given); (units, seconds)."""
    from danchu.units import loader

    t0 = time.perf_counter()
    if provinces:
        for code in provinces:
            loader.load("legacy", code)
    else:
        loader.load("legacy")
    return bench_units(provinces).count(), time.perf_counter() - t0


def unit_values(source_key: str, seed: int, elements) -> Iterator[tuple[int, str, int, str, float]]:
    """The rows of one unit: (element pk, dimension key, month index 0–11, value)."""
    rng = random.Random(f"{seed}/{source_key}")
    for el, is_stock, is_number, keys in elements:
        for key in keys:
            level = rng.randint(0, 40)
            for month in range(12):
                if is_stock:
                    # a stock drifts a little from month to month
                    level = max(0, level + rng.randint(-2, 3))
                    value = float(level)
                elif is_number:
                    value = rng.randint(0, 4000) / 2  # halves: exact in binary floating point
                else:
                    value = float(rng.randint(0, 12))
                yield el.pk, key, month, value


def expected_rows(units: int, elements) -> int:
    return units * len(MONTHS) * sum(len(keys) for *_, keys in elements)


def generate(
    provinces: list[str] | None = None,
    seed: int = SEED,
    batch: int = 5000,
    out: Callable[[str], None] = print,
    load_units: bool = True,
    limit_units: int | None = None,
) -> Stats:
    """Load the tree and write the values; skip when the same rows are already there."""
    from django.db import transaction

    from danchu.analytics.models import FlowRollup
    from danchu.values import periods
    from danchu.values.models import DataValue

    stats = Stats()
    if load_units:
        stats.units, stats.units_seconds = load_tree(provinces)
        out(f"Cây đơn vị legacy: {stats.units} đơn vị có số liệu, nạp trong {stats.units_seconds:.1f} s")
    units = list(bench_units(provinces).values_list("pk", "source_key")[:limit_units])
    stats.units = len(units)
    elements = plan()
    stats.combos_per_unit_month = sum(len(keys) for *_, keys in elements)
    want = expected_rows(len(units), elements)
    months = [periods.parse(code) for code in MONTHS]
    year = periods.parse(str(YEAR))
    have = DataValue.objects.filter(
        unit_id__in=[pk for pk, _ in units] if limit_units else bench_units(provinces).values("pk"),
        start__gte=year.start,
        end__lte=year.end,
    ).count()
    if have == want:
        stats.rows, stats.skipped = have, True
        out(f"Đã có sẵn {have:n} dòng số liệu cho phạm vi này; không sinh lại.")
        if not FlowRollup.objects.exists():
            build_rollup(stats, out)
        return stats
    if have:
        raise SystemExit(
            f"Cơ sở dữ liệu đã có {have} dòng số liệu năm {YEAR} cho phạm vi này, khác {want} dòng "
            "cần sinh; hãy dùng một cơ sở dữ liệu trống (xóa tệp SQLite hoặc database PostgreSQL)."
        )
    t0 = time.perf_counter()
    pending: list[DataValue] = []
    written = 0

    def flush() -> None:
        nonlocal written
        with transaction.atomic():
            DataValue.objects.bulk_create(pending, batch_size=batch)
        written += len(pending)
        pending.clear()

    for n, (unit_pk, source_key) in enumerate(units, 1):
        for element_pk, key, month, value in unit_values(source_key, seed, elements):
            p = months[month]
            pending.append(
                DataValue(
                    element_id=element_pk,
                    unit_id=unit_pk,
                    period=p.code,
                    start=p.start,
                    end=p.end,
                    dimensions=key,
                    value=value,
                )
            )
        if len(pending) >= 20 * batch:
            flush()
        if n % 1000 == 0:
            rate = (written + len(pending)) / (time.perf_counter() - t0)
            out(f"  … {n}/{len(units)} đơn vị, {written + len(pending):n} dòng ({rate:,.0f} dòng/s)")
    flush()
    stats.rows, stats.rows_seconds = written, time.perf_counter() - t0
    out(
        f"Đã ghi {written:n} dòng số liệu ({len(units)} đơn vị × {len(MONTHS)} tháng × "
        f"{stats.combos_per_unit_month} tổ hợp chỉ tiêu/chiều) trong {stats.rows_seconds:.1f} s"
    )
    build_rollup(stats, out)
    return stats


def build_rollup(stats: Stats, out) -> None:
    """The values went in past the write path, so the rollup the engine reads is built whole."""
    from danchu.analytics import rollup

    t0 = time.perf_counter()
    rows = rollup.rebuild()
    analyze()
    stats.rollup_rows, stats.rollup_seconds = rows, time.perf_counter() - t0
    out(f"Đã tính bảng tổng hợp sẵn: {rows:n} dòng trong {stats.rollup_seconds:.1f} s (kể cả ANALYZE)")


def analyze() -> None:
    """Fresh planner statistics after a bulk load; PostgreSQL's autovacuum would get there later,
    SQLite never does by itself. VACUUM also marks pages all-visible for index-only scans."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")


def default_sqlite_url() -> str:
    return f"sqlite:///{PROJECT_DIR / 'var' / 'bench' / 'danchu-bench.sqlite3'}"


def parse_provinces(text: str | None) -> list[str] | None:
    if not text:
        return None
    codes = [c.strip() for c in text.split(",") if c.strip()]
    bad = [c for c in codes if not c.isdigit()]
    if bad:
        raise SystemExit(f"Mã tỉnh phải là số, ví dụ 12,11 (nhận được {bad[0]!r})")
    return codes


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Sinh bộ số liệu quy mô quốc gia cho benchmark.")
    parser.add_argument("--provinces", help="chỉ các tỉnh này (mã, cách nhau bởi dấu phẩy), ví dụ 12,11")
    parser.add_argument(
        "--database-url", default=None, help="mặc định: SQLite var/bench/danchu-bench.sqlite3"
    )
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    url = args.database_url or default_sqlite_url()
    if url.startswith("sqlite:///"):
        Path(url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
    setup_django(url)
    generate(parse_provinces(args.provinces), seed=args.seed)


if __name__ == "__main__":
    main()
