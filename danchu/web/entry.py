"""The entry grid: a unit's OWN figures for one period, typed cell by cell.

`build_grid()` lays the form out with one input per cell, prefilled with the unit's stored
values of exactly that period; `rows_from_post()` turns the posted cells into `InputRow`s
for `values.services.apply_rows` (the one write path). A blank cell leaves the stored value
unchanged. `check_rules()` runs the form's rules on the figures as typed, without saving.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from danchu.analytics.validation import RuleSet
from danchu.catalog.dimensions import DimensionKey
from danchu.catalog.expressions import Expression
from danchu.catalog.layout import ELEMENT, INDICATOR, LayoutSection, layout
from danchu.catalog.models import DataElement, Form, Indicator, ValidationRule
from danchu.collection.services import Lock, period_lock
from danchu.text import format_number, format_percent
from danchu.units.models import Unit
from danchu.values.models import DataValue
from danchu.values.periods import Period
from danchu.values.services import (
    NEGATIVE,
    NOT_INTEGER,
    InputRow,
    RowError,
    ValuesRefused,
    WriteResult,
    apply_rows,
    check_value,
    parse_number,
)

PREFIX = "v|"


def field_name(element: str, key: str) -> str:
    return f"{PREFIX}{element}|{key}"


def plain_number(value: float) -> str:
    """A stored value as people type it back: 1172, 87,3 (no thousands dots, which would be ambiguous)."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:g}".replace(".", ",")


@dataclass
class Cell:
    name: str  # the input's name; "" when the cell is not typed (a total or an incomplete key)
    element: str
    key: str
    value: str = ""  # what the input shows
    error: str = ""
    total: str = ""  # display of a computed cell (row total, indicator)
    dom_id: str = ""
    label: str = ""


@dataclass
class EntryGrid:
    unit: Unit
    period: Period
    form: Form
    sections: list[LayoutSection]
    cells: dict[str, Cell] = field(default_factory=dict)  # by input name
    errors: list[str] = field(default_factory=list)  # errors not tied to a cell
    violations: list[dict] = field(default_factory=list)
    computed: list[Cell] = field(default_factory=list)  # row totals and indicators, recomputed as typed
    lock: Lock | None = None  # a round's submission holding every figure of the grid (read-only)

    def typed(self) -> dict[str, str]:
        return {name: cell.value for name, cell in self.cells.items()}


def stored_values(unit: Unit, period: Period) -> dict[tuple[str, str], float]:
    """{(element code, dimensions key): value} of exactly this unit and period."""
    return {
        (code, key): value
        for code, key, value in DataValue.objects.filter(
            unit=unit, start=period.start, end=period.end
        ).values_list("element__code", "dimensions", "value")
    }


def build_grid(unit: Unit, period: Period, form: Form | str = "QCDC", posted=None) -> EntryGrid:
    """The grid of `unit`'s own values for `period`; `posted` (a QueryDict) overrides what cells show."""
    sections = layout(form)
    form = sections.form
    stored = stored_values(unit, period)
    grid = EntryGrid(unit, period, form, sections.sections, lock=period_lock(unit, period, sections))
    n = 0
    for section in grid.sections:
        for row in section.rows:
            row.cells = []
            for col in section.columns:
                if not row.takes(col):
                    row.cells.append(None)
                    continue
                if row.complete(col):
                    key = row.key(col)
                    name = field_name(row.code, key)
                    n += 1
                    shown = stored.get((row.code, key))
                    cell = Cell(name, row.code, key, "" if shown is None else plain_number(shown))
                    cell.dom_id = f"o{n}"
                    cell.label = f"{section.code}. {row.label}" + (
                        f" — {col.label}" if section.spread else ""
                    )
                    if posted is not None and name in posted:
                        cell.value = posted.get(name, "").strip()
                    grid.cells[name] = cell
                else:
                    cell = Cell("", row.code, row.key(col) if row.kind == ELEMENT else "")
                    cell.dom_id = f"t{len(grid.computed) + 1}"
                    grid.computed.append(cell)
                row.cells.append(cell)
    _fill_computed(grid, _table(grid, stored))
    return grid


def _table(grid: EntryGrid, stored: dict[tuple[str, str], float]) -> dict[str, list[tuple[dict, float]]]:
    """The figures as typed (blank cells: the stored value stays), in the shape rules evaluate on."""
    figures: dict[tuple[str, str], float] = dict(stored)
    for cell in grid.cells.values():
        if cell.value == "":
            continue
        try:
            figures[(cell.element, cell.key)] = parse_number(cell.value)
        except ValueError:
            continue
    table: dict[str, list[tuple[dict, float]]] = defaultdict(list)
    for (code, key), value in figures.items():
        table[code].append((dict(DimensionKey.parse(key)), value))
    return table


def _fill_computed(grid: EntryGrid, table) -> None:
    def lookup(code: str, filt: dict[str, str]) -> float | None:
        hits = [v for dims, v in table.get(code, []) if all(dims.get(k) == x for k, x in filt.items())]
        return sum(hits) if hits else None

    indicators = {i.code: i for i in Indicator.objects.all()}
    for section in grid.sections:
        for row in section.rows:
            for col, cell in zip(section.columns, row.cells, strict=True):
                if cell is None or cell.name:
                    continue
                if row.kind == INDICATOR:
                    ind = indicators.get(row.code)
                    if ind is None:
                        continue
                    num = Expression(ind.numerator).evaluate(lookup)
                    den = Expression(ind.denominator).evaluate(lookup)
                    if num is not None and den:
                        cell.total = format_percent(num / den * ind.factor, ind.decimals)
                else:
                    hits = [v for dims, v in table.get(row.code, []) if row.selects(col, dims)]
                    cell.total = format_number(sum(hits) if hits else None)


def rows_from_post(grid: EntryGrid, data) -> tuple[list[InputRow], dict[int, str]]:
    """InputRows for the non-blank cells of `data`, and which cell each row number came from."""
    rows: list[InputRow] = []
    where: dict[int, str] = {}
    for name, cell in grid.cells.items():
        raw = (data.get(name) or "").strip()
        if raw == "":
            continue
        number = len(rows) + 1
        rows.append(
            InputRow(
                element=cell.element,
                unit=grid.unit.code,
                period=grid.period.code,
                value=raw,
                dimensions=cell.key,
                row=number,
            )
        )
        where[number] = name
    return rows, where


def attach_errors(grid: EntryGrid, errors: list[RowError], where: dict[int, str]) -> None:
    """Each refusal next to its cell; the rest (unit, period, locks without a row) above the grid."""
    for err in errors:
        name = where.get(err.row) if err.row is not None else None
        if name and name in grid.cells:
            cell = grid.cells[name]
            cell.error = f"{cell.error} {err.message}".strip()
        else:
            grid.errors.append(err.message)


def check_rules(grid: EntryGrid) -> list[dict]:
    """The form's rules on the figures as typed; each failure as text ready to show."""
    stored = stored_values(grid.unit, grid.period)
    failures = RuleSet.for_form(grid.form).check(_table(grid, stored))
    signs = dict(ValidationRule.OPERATORS)
    out = []
    for rule, option, left, right in failures:
        out.append(
            {
                "rule": rule.code,
                "importance": rule.importance,
                "message": rule.message,
                "option": option,
                "detail": _("%(left)s %(sign)s %(right)s không đạt")
                % {"left": format_number(left), "sign": signs[rule.operator], "right": format_number(right)},
            }
        )
    grid.violations = out
    return out


def number_errors(grid: EntryGrid) -> None:
    """Mark cells whose text is not a number, or not a whole number where one is needed."""
    kinds = {
        code: (vtype, neg)
        for code, vtype, neg in DataElement.objects.values_list("code", "value_type", "allow_negative")
    }
    for cell in grid.cells.values():
        if cell.value == "":
            continue
        _value, problem = check_value(cell.value, *kinds.get(cell.element, ("", False)))
        if problem == NEGATIVE:
            cell.error = _("không được âm")
        elif problem == NOT_INTEGER:
            cell.error = _("phải là số nguyên")
        elif problem:
            cell.error = f"giá trị {problem}"


def save(grid: EntryGrid, data, user) -> WriteResult | None:
    """Write the posted cells through `apply_rows`, all or nothing; on refusal the errors go on the grid."""
    if grid.lock is not None:  # one notice, not one refusal per cell
        grid.errors.append(grid.lock.notice())
        return None
    rows, where = rows_from_post(grid, data)
    try:
        return apply_rows(rows, user=user)
    except ValuesRefused as exc:
        attach_errors(grid, exc.errors, where)
        return None
