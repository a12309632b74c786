"""A national petitions register for the benchmark: 1 million đơn over the communes of the legacy
tree, their cases, and the figures the register writes from them.

The đơn are drawn from a generator seeded by the commune's stable source key (same rows on every
backend): 3 % khiếu nại, 2 % tố cáo, the rest kiến nghị and phản ánh (the seed report's mix),
received over the reporting year 2023; 93 % eligible, 80 % of those competent and accepted,
87 % of the accepted resolved (some after their limit); the rest transferred, guided, returned
or filed. Limits come from the rules table and the working-day calendar, as in the register.

Like bench/generate.py, the rows go in with `bulk_create`, not one by one through the services:
that path is what the cycle benchmark times. The register's figures are then computed by the
register's own `Figure`s for each commune (the same queries `recompute` runs) and written with
`bulk_create` in place of the generated values of those elements, and the rollup is rebuilt.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

TOTAL = 1_000_000
SEED = 2023


@dataclass
class Stats:
    communes: int = 0
    petitions: int = 0
    petitions_s: float = 0.0
    values: int = 0
    figures_s: float = 0.0
    skipped: bool = False


def communes(provinces: list[str] | None):
    from bench.generate import bench_units
    from danchu.units.models import Tier

    return bench_units(provinces).filter(tier=Tier.XA)


def _draw(rng: random.Random, year_start: dt.date, span: int):
    from danchu.registers.petitions.models import OUTCOMES

    r = rng.random()
    kind = (
        "khieu_nai"
        if r < 0.03
        else "to_cao"
        if r < 0.05
        else ("kien_nghi" if rng.random() < 0.6 else "phan_anh")
    )
    received = year_start + dt.timedelta(days=rng.randrange(span))
    eligible = rng.random() < 0.93
    competent = eligible and rng.random() < 0.8
    if competent:
        action = "thu_ly"
    elif eligible:
        action = rng.choice(["chuyen", "huong_dan"])
    else:
        action = rng.choice(["tra_lai", "luu"])
    handled = received + dt.timedelta(days=rng.randint(1, 9))
    resolved = outcome = None
    if competent and rng.random() < 0.87:
        resolved = handled + dt.timedelta(days=rng.randint(5, 50))
        outcome = rng.choice(OUTCOMES[kind])
    channel = rng.choice(["truc_tiep", "truc_tiep", "buu_chinh", "truc_tuyen", "chuyen_den"])
    return kind, received, channel, eligible, competent, action, handled, resolved, outcome


def generate(provinces: list[str] | None, total: int = TOTAL, out: Callable[[str], None] = print) -> Stats:
    """Write the đơn and cases (skipped when they are there), then the register's figures."""
    from django.db import transaction

    from danchu.legal import clocks
    from danchu.registers.models import Keeping
    from danchu.registers.petitions.models import Case, Petition
    from danchu.text import fold
    from danchu.values import periods

    stats = Stats()
    units = list(communes(provinces))
    stats.communes = len(units)
    if Petition.objects.count() >= total * 0.99:
        stats.skipped, stats.petitions = True, Petition.objects.count()
        out(f"Sổ đơn có sẵn: {stats.petitions:n} đơn")
        return stats
    year = periods.parse("2023")
    span = (year.end - year.start).days + 1
    per_unit = total // len(units)
    extra = total - per_unit * len(units)
    t0 = time.perf_counter()
    rules = {}

    def due(clock, kind, day):
        rule = rules.setdefault((clock, kind), clocks.find_rule(clock, kind, set(), day))
        return (clocks.due_date(rule, day), rule.code) if rule else (None, "")

    for i, unit in enumerate(units):
        rng = random.Random(f"{SEED}/{unit.source_key}")
        n = per_unit + (1 if i < extra else 0)
        drawn = [_draw(rng, year.start, span) for _ in range(n)]
        with transaction.atomic():
            cases = []
            for k, (
                kind,
                received,
                _channel,
                _eligible,
                competent,
                action,
                handled,
                resolved,
                outcome,
            ) in enumerate(drawn):
                resolve_due, resolve_rule = (
                    due("giai_quyet", kind, handled) if action == "thu_ly" else (None, "")
                )
                cases.append(
                    Case(
                        unit=unit,
                        number=f"VV{k + 1:05d}",
                        kind=kind,
                        opened=received if competent else None,
                        accepted=handled if action == "thu_ly" else None,
                        resolve_due=resolve_due,
                        resolve_rule=resolve_rule,
                        resolved=resolved,
                        outcome=outcome or "",
                        search_text=f"vv{k + 1:05d}",
                    )
                )
            Case.objects.bulk_create(cases, batch_size=2000)
            petitions = []
            for k, (
                (kind, received, channel, eligible, competent, action, handled, resolved, _),
                case,
            ) in enumerate(zip(drawn, cases, strict=True)):
                clock = "thu_ly" if kind in ("khieu_nai", "to_cao") else "xu_ly"
                p_due, p_rule = due(clock, kind, received)
                content = f"Đơn số {k + 1} về đất đai, môi trường, chính sách"
                petitions.append(
                    Petition(
                        unit=unit,
                        number=f"{k + 1:05d}",
                        received=received,
                        channel=channel,
                        kind=kind,
                        content=content,
                        eligible=eligible,
                        competent=competent,
                        action=action,
                        handled=handled,
                        case=case,
                        due=p_due,
                        due_rule=p_rule,
                        closed_on=resolved if action == "thu_ly" else handled,
                        search_text=fold(f"{k + 1:05d} {content}"),
                    )
                )
            Petition.objects.bulk_create(petitions, batch_size=2000)
            Keeping.objects.update_or_create(
                unit=unit,
                kind="petitions",
                defaults={
                    "since": year.start,
                    "reason": "benchmark",
                    "computed_to": min(year.end, unit.valid_to or year.end),
                },
            )
        stats.petitions += n
        if (i + 1) % 1000 == 0:
            out(f"  {i + 1:n}/{len(units):n} xã, {stats.petitions:n} đơn, {time.perf_counter() - t0:.0f} s")
    stats.petitions_s = time.perf_counter() - t0
    out(f"Đã sinh {stats.petitions:n} đơn của {len(units):n} xã trong {stats.petitions_s:.0f} s")
    write_figures(units, stats, out)
    return stats


def write_figures(units, stats: Stats, out: Callable[[str], None]) -> None:
    """The register's figures for 2023, computed by its own Figures, in place of the generated
    values of its elements; then the rollup is rebuilt (the values went in past the write path)."""
    from django.db import transaction

    from danchu.catalog.models import DataElement
    from danchu.registers import kinds
    from danchu.registers.figures import computed, months_between
    from danchu.values import periods
    from danchu.values.models import DataValue

    from .generate import Stats as GenStats
    from .generate import build_rollup

    register = kinds.get("petitions")
    year = periods.parse("2023")
    elements = {e.code: e for e in DataElement.objects.filter(code__in=register.elements())}
    t0 = time.perf_counter()
    for i, unit in enumerate(units):
        months = months_between(unit, year.start, year.end)
        rows = []
        for (code, period, dims), value in computed(register.figures, unit, months).items():
            month = next(m for m in months if m.code == period)
            rows.append(
                DataValue(
                    element=elements[code],
                    unit=unit,
                    period=period,
                    start=month.start,
                    end=month.end,
                    dimensions=dims,
                    value=float(value),
                    source=register.source,
                )
            )
        with transaction.atomic():
            DataValue.objects.filter(unit=unit, element__code__in=register.elements()).delete()
            DataValue.objects.bulk_create(rows, batch_size=5000)
        stats.values += len(rows)
        if (i + 1) % 1000 == 0:
            out(f"  số liệu của {i + 1:n}/{len(units):n} xã, {time.perf_counter() - t0:.0f} s")
    stats.figures_s = time.perf_counter() - t0
    out(f"Đã ghi {stats.values:n} giá trị của sổ trong {stats.figures_s:.0f} s")
    build_rollup(GenStats(), out)
