"""The one place that adds figures up.

`aggregate()` answers "value of X for this unit's subtree in this period", optionally
broken down by tier, by child unit or by unit. Sums run in the database; Python only
touches the already-grouped rows. Flows add up over periods; stocks take each unit's last
value in the period. Values of units no longer in force at the period's end are carried
onto their successors through the lineage table.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, F, Min, Q, Sum, Value, Window
from django.db.models.functions import RowNumber, Substr

from danchu.analytics.models import FlowRollup
from danchu.catalog.dimensions import DimensionKey, key_matches
from danchu.catalog.expressions import Expression
from danchu.catalog.models import DataElement, Indicator
from danchu.text import format_number
from danchu.units.models import PATH_WIDTH, Lineage, Tier, Unit, successor_at
from danchu.values.models import DataValue
from danchu.values.periods import Period

GROUPINGS = (None, "tier", "child", "unit")


@dataclass
class Row:
    element: str
    dimensions: dict[str, str]
    group: str | None
    value: float | None
    kind: str = "element"  # or "indicator"
    numerator: float | None = None
    denominator: float | None = None
    decimals: int = 0

    def as_dict(self) -> dict:
        out = {
            "element": self.element,
            "dimensions": self.dimensions,
            "group": self.group,
            "value": self.value,
        }
        if self.kind == "indicator":
            out.update(
                kind="indicator",
                numerator=self.numerator,
                denominator=self.denominator,
                decimals=self.decimals,
            )
        return out


@dataclass
class Result:
    unit: Unit
    period: Period
    by: str | None
    rows: list[Row]
    notes: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    at: dt.date | None = None  # the date of the tree the figures are laid on

    def as_dict(self) -> dict:
        return {
            "unit": self.unit.code,
            "period": {
                "code": self.period.code,
                "start": self.period.start.isoformat(),
                "end": self.period.end.isoformat(),
            },
            "at": (self.at or self.period.end).isoformat(),
            "by": self.by,
            "rows": [r.as_dict() for r in self.rows],
            "notes": self.notes,
        }

    def value(
        self, element: str, group: str | None = None, *, absent: Iterable[str] = (), **dims: str
    ) -> float | None:
        """Sum of the rows of `element` in `group` whose dimensions include `dims` and leave
        out every dimension of `absent`."""
        total, found = 0.0, False
        for r in self.rows:
            if r.element == element and r.group == group and key_matches(r.dimensions, dims, absent):
                if r.kind == "indicator":
                    return r.value
                total += r.value or 0.0
                found = True
        return total if found else None


def dims_dict(key: str) -> dict[str, str]:
    return dict(DimensionKey.parse(key))


def resolve_root(unit: Unit, at: dt.date, notes: list[str]) -> Unit:
    if unit.is_valid_at(at):
        return unit
    succ = successor_at(unit, at)
    if succ is None:
        raise ValueError(
            f"Đơn vị {unit.name} ({unit.code}) không còn hiệu lực ngày {at:%d/%m/%Y} và không có đơn vị kế thừa"
        )
    notes.append(
        f"{unit.name} không còn hiệu lực ngày {at:%d/%m/%Y}; số liệu được tổng hợp cho {succ.name} ({succ.code})."
    )
    return succ


def _in_period(period: Period) -> Q:
    return Q(start__gte=period.start, end__lte=period.end)


def _latest_only(qs, period: Period, scope: Q):
    """Keep, for each unit/element/dimensions, only the value that ends last in the period.

    `scope` narrows the candidates to the units and elements asked for; the ranking itself
    ignores any value filter, so a filtered-out latest value is not replaced by an older one.
    One window pass over the candidates instead of one sub-select per row.
    """
    latest = (
        DataValue.objects.filter(_in_period(period), scope)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("unit_id"), F("element_id"), F("dimensions")],
                order_by=[F("end").desc(), F("start").desc()],
            )
        )
        .filter(rank=1)
        .values("pk")
    )
    return qs.filter(pk__in=latest)


def _latest_sums(period: Period, scope: Q, group_expr) -> list[dict]:
    """Stock sums in one pass: rank each unit/element/dimensions' values, add up the latest.

    The same figures as `run(_latest_only(…))` without a value filter, but the ranked rows are
    summed where they are instead of being looked up again by primary key.
    """
    ranked = (
        DataValue.objects.filter(_in_period(period), scope)
        .annotate(
            g=group_expr,
            latest_rank=Window(
                RowNumber(),
                partition_by=[F("unit_id"), F("element_id"), F("dimensions")],
                order_by=[F("end").desc(), F("start").desc()],
            ),
        )
        .values("element_id", "dimensions", "g", "value", "latest_rank")
        .order_by()
    )
    sql, params = ranked.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT element_id, dimensions, g, SUM(value) FROM ({sql}) ranked "
            "WHERE latest_rank = 1 GROUP BY element_id, dimensions, g",
            params,
        )
        return [
            {"element_id": e, "dimensions": d, "g": g, "total": total} for e, d, g, total in cursor.fetchall()
        ]


def _element_set(codes: Iterable[str] | None) -> tuple[list[DataElement], list[Indicator]]:
    elements = {e.code: e for e in DataElement.objects.all()}
    indicators = {i.code: i for i in Indicator.objects.all()}
    if codes is None:
        return list(elements.values()), list(indicators.values())
    wanted_el, wanted_ind = [], []
    for code in codes:
        code = code.strip()
        if not code:
            continue
        if code in elements:
            wanted_el.append(elements[code])
        elif code in indicators:
            wanted_ind.append(indicators[code])
        else:
            raise ValueError(f"Không có chỉ tiêu hay chỉ số mã '{code}'")
    for ind in wanted_ind:
        for expr in (ind.numerator, ind.denominator):
            for ref in Expression(expr).refs():
                if ref.code in elements and elements[ref.code] not in wanted_el:
                    wanted_el.append(elements[ref.code])
    return wanted_el, wanted_ind


def sums(
    root: Unit,
    period: Period,
    by: str | None,
    elements: list[DataElement],
    value_filter: Q | None = None,
    notes: list[str] | None = None,
    at: dt.date | None = None,
) -> dict[tuple[str, str, str | None], float]:
    """{(element code, dimension key, group): sum} over the subtree of `root` on the tree of `at`
    (default: the period's end); values of units not in force then are restated onto it."""
    if by not in GROUPINGS:
        raise ValueError(f"Cách phân tổ '{by}' không hợp lệ (chọn tier, child hoặc unit)")
    at = at or period.end
    notes = notes if notes is not None else []
    out: dict[tuple[str, str, str | None], float] = defaultdict(float)
    flows = [e.pk for e in elements if e.time_aggregation == DataElement.TimeAggregation.FLOW]
    stocks = [e.pk for e in elements if e.time_aggregation == DataElement.TimeAggregation.STOCK]
    codes = {e.pk: e.code for e in elements}

    base = DataValue.objects.filter(_in_period(period))
    if value_filter is not None:
        base = base.filter(value_filter)
    in_force = Q(unit__valid_from__isnull=True) | Q(unit__valid_from__lte=at)
    in_force &= Q(unit__valid_to__isnull=True) | Q(unit__valid_to__gte=at)
    in_tree = in_force & Q(unit__path__startswith=root.path)
    here = base.filter(in_tree)

    group_expr: Value | F | Substr
    if by is None:
        group_expr = Value("")
    elif by == "tier":
        group_expr = F("unit__tier")
    elif by == "child":
        group_expr = Substr("unit__path", len(root.path) + 1, PATH_WIDTH)
    else:
        group_expr = F("unit_id")

    def run(qs) -> Iterable[dict]:
        return (
            qs.annotate(g=group_expr)
            .values("element_id", "dimensions", "g")
            .annotate(total=Sum("value"))
            .order_by()
        )

    child_codes: dict[str, str] = {}
    unit_codes: dict[int, str] = {}

    def group_label(g) -> str | None:
        if by is None:
            return None
        if by == "tier":
            return g
        if by == "child":
            if not g:
                return root.code
            if g not in child_codes:
                child_codes[g] = Unit.objects.filter(pk=int(g)).values_list("code", flat=True).first() or g
            return child_codes[g]
        if not unit_codes:
            unit_codes.update(Unit.objects.filter(path__startswith=root.path).values_list("pk", "code"))
        if g not in unit_codes:
            unit_codes[g] = Unit.objects.filter(pk=g).values_list("code", flat=True).first() or str(g)
        return unit_codes[g]

    if flows:
        if value_filter is None and by in (None, "tier") and at >= period.end:
            # the rollup holds the subtree below the root; the root's own values are read as they are
            # (a tree date before the period's end may leave out units the rollup counts: read values)
            flow_rows = list(run(here.filter(element_id__in=flows, unit_id=root.pk)))
            flow_rows += _rolled_up(root, period, by, flows, at)
        else:
            flow_rows = list(run(here.filter(element_id__in=flows)))
        for r in flow_rows:
            out[(codes[r["element_id"]], r["dimensions"], group_label(r["g"]))] += r["total"]
    if stocks:
        in_scope = in_tree & Q(element_id__in=stocks)
        stock_rows: Iterable[dict]
        if value_filter is None:
            stock_rows = _latest_sums(period, in_scope, group_expr)
        else:
            stock_rows = run(_latest_only(here.filter(element_id__in=stocks), period, in_scope))
        for r in stock_rows:
            out[(codes[r["element_id"]], r["dimensions"], group_label(r["g"]))] += r["total"]

    _carry_retired(root, period, at, by, base, flows, stocks, codes, out, notes, group_label)
    if at < period.end:
        _note_later_units(root, at, base.filter(element_id__in=flows + stocks), notes)
    return dict(out)


def _note_later_units(root: Unit, at: dt.date, values, notes: list[str]) -> None:
    """Values of units that began after the tree date cannot go back through the lineage: say so."""
    later = values.filter(unit__path__startswith=root.path, unit__valid_from__gt=at)
    counted = later.aggregate(
        n=Count("pk"), units=Count("unit", distinct=True), first=Min("unit__valid_from")
    )
    if counted["n"]:
        notes.append(
            f"{format_number(counted['n'])} giá trị của {format_number(counted['units'])} đơn vị có hiệu lực "
            f"từ {counted['first']:%d/%m/%Y} không tính được vào cây đơn vị ngày {at:%d/%m/%Y}."
        )


def _rolled_up(root: Unit, period: Period, by: str | None, flows: list[int], at: dt.date) -> list[dict]:
    """Flow sums of the units strictly below `root` still in force at `at`, from
    `FlowRollup` (thousands of rows for the whole country instead of millions of values)."""
    return list(
        FlowRollup.objects.filter(
            ancestor=root,
            start__gte=period.start,
            end__lte=period.end,
            unit_valid_to__gte=at,
            element_id__in=flows,
        )
        .annotate(g=F("tier") if by == "tier" else Value(""))
        .values("element_id", "dimensions", "g")
        .annotate(total=Sum("total"))
        .order_by()
    )


def _carry_retired(root, period, at, by, base, flows, stocks, codes, out, notes, group_label) -> None:
    """Add the values of units not in force at `at` to their successors in force then."""
    links = Lineage.objects.filter(date__lte=at)
    if not links.exists():
        return
    # Every unit whose line of succession leads into the subtree, however many steps back.
    preds: set[int] = set()
    frontier = set(
        links.filter(successor__path__startswith=root.path).values_list("predecessor_id", flat=True)
    )
    while frontier - preds:
        preds |= frontier
        frontier = set(links.filter(successor_id__in=frontier).values_list("predecessor_id", flat=True))
    retired_ids = list(
        base.filter(element_id__in=flows + stocks, unit_id__in=preds)
        .filter(Q(unit__valid_to__lt=at) | Q(unit__valid_from__gt=at))
        .values_list("unit_id", flat=True)
        .distinct()
    )
    if not retired_ids:
        return
    target: dict[int, Unit] = {}
    splits = set(
        Lineage.objects.filter(predecessor_id__in=retired_ids, kind=Lineage.Kind.SPLIT)
        .values("predecessor_id")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .values_list("predecessor_id", flat=True)
    )
    carried: list[Unit] = []
    for unit in Unit.objects.filter(pk__in=retired_ids).order_by("path"):
        succ = successor_at(unit, at)
        if succ is None or not succ.path.startswith(root.path):
            continue
        target[unit.pk] = succ
        if unit.pk in splits:  # the package's choice: always said, unit by unit
            notes.append(
                f"Số liệu của {unit.name} ({unit.code}) đã chia tách; tính vào đơn vị kế thừa mặc định "
                f"{succ.name} ({succ.code})."
            )
        else:
            carried.append(unit)
    _note_carried(carried, target, at, notes)
    if not target:
        return
    qs = base.filter(unit_id__in=list(target))
    rows = list(
        qs.filter(element_id__in=flows)
        .values("unit_id", "element_id", "dimensions")
        .annotate(total=Sum("value"))
        .order_by()
    )
    if stocks:
        in_scope = Q(unit_id__in=list(target), element_id__in=stocks)
        stock_rows = _latest_only(qs.filter(element_id__in=stocks), period, in_scope).values(
            "unit_id", "element_id", "dimensions", "value"
        )
        # a successor's own stock figure in the period supersedes its predecessors'
        own = set(
            base.filter(element_id__in=stocks, unit_id__in=[u.pk for u in target.values()]).values_list(
                "unit_id", "element_id", "dimensions"
            )
        )
        for r in stock_rows:
            if (target[r["unit_id"]].pk, r["element_id"], r["dimensions"]) not in own:
                rows.append({**r, "total": r["value"]})
    for r in rows:
        succ = target[r["unit_id"]]
        if by is None:
            g = None
        elif by == "tier":
            g = succ.tier
        elif by == "child":
            rest = succ.path[len(root.path) :]
            g = group_label(rest[:PATH_WIDTH])
        else:
            g = group_label(succ.pk)
        out[(codes[r["element_id"]], r["dimensions"], g)] += r["total"]


CARRIED_ONE_BY_ONE = 5  # more units carried than this are summed up in one note


def _note_carried(carried: list[Unit], target: dict[int, Unit], at: dt.date, notes: list[str]) -> None:
    """Say where the figures of units no longer in force went: unit by unit when they are few,
    in one sentence by tier when a whole tree was restated (2023 on the 2025 tree)."""
    if len(carried) <= CARRIED_ONE_BY_ONE:
        for unit in carried:
            succ = target[unit.pk]
            notes.append(
                f"Số liệu của {unit.name} ({unit.code}) không còn hiệu lực; tính vào đơn vị kế thừa "
                f"{succ.name} ({succ.code})."
            )
        return
    tiers = dict(Tier.choices)
    by_tier: dict[str, int] = defaultdict(int)
    for unit in carried:
        by_tier[unit.tier] += 1
    parts = ", ".join(f"{n} {tiers.get(t, t).lower()}" for t, n in sorted(by_tier.items(), key=_tier_order))
    notes.append(
        f"Số liệu của {len(carried)} đơn vị không còn hiệu lực ngày {at:%d/%m/%Y} ({parts}) được tính vào "
        "đơn vị kế thừa theo bảng kế thừa đơn vị: đơn vị sáp nhập cộng vào đơn vị mới, đơn vị đổi tên "
        "giữ nguyên số liệu, huyện giải thể tính vào tỉnh."
    )


def _tier_order(item: tuple[str, int]) -> int:
    order = [str(t) for t in Tier]
    return order.index(item[0]) if item[0] in order else len(order)


def _lookup_for(table: dict[str, list[tuple[dict[str, str], float]]]):
    def lookup(code: str, filt: dict[str, str]) -> float | None:
        entries = table.get(code)
        if not entries:
            return None
        hits = [v for dims, v in entries if all(dims.get(k) == val for k, val in filt.items())]
        return sum(hits) if hits else None

    return lookup


def aggregate(
    unit: Unit,
    period: Period,
    by: str | None = None,
    elements: Iterable[str] | None = None,
    value_filter: Q | None = None,
    at: dt.date | None = None,
) -> Result:
    """`unit`'s subtree figures for `period`, on the tree in force at `at` (default: the period's
    end): values of units not in force then are restated onto their successors."""
    notes: list[str] = []
    at = at or period.end
    root = resolve_root(unit, at, notes)
    els, inds = _element_set(elements)
    table = sums(root, period, by, els, value_filter, notes, at)
    order = {e.code: e.order for e in els}
    rows = [Row(code, dims_dict(key), group, total) for (code, key, group), total in table.items()]
    groups = sorted({r.group for r in rows if r.group is not None})
    by_group: dict[str | None, dict[str, list[tuple[dict[str, str], float]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for r in rows:
        by_group[r.group][r.element].append((r.dimensions, r.value or 0.0))
    for ind in inds:
        num, den = Expression(ind.numerator), Expression(ind.denominator)
        for g in groups if by else [None]:
            lookup = _lookup_for(by_group.get(g, {}))
            n, d = num.evaluate(lookup), den.evaluate(lookup)
            value = round(n / d * ind.factor, ind.decimals) if n is not None and d else None
            if n is None and d is None:
                continue
            rows.append(
                Row(
                    ind.code,
                    {},
                    g,
                    value,
                    kind="indicator",
                    numerator=n,
                    denominator=d,
                    decimals=ind.decimals,
                )
            )
    ind_order = {i.code: 1000 + k for k, i in enumerate(inds)}
    rows.sort(
        key=lambda r: (
            order.get(r.element, ind_order.get(r.element, 9999)),
            sorted(r.dimensions.items()),
            r.group or "",
        )
    )
    return Result(unit=root, period=period, by=by, rows=rows, notes=notes, groups=groups, at=at)
