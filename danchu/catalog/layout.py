"""A form laid out once: sections, their columns and rows, and the dimension key of each cell.

The unit page and the entry grid show it, the Excel template lists its lines, the report's
appendix prints it, the API describes it and the round lock reads its elements: all from
`layout()`, so a form reads the same everywhere.

A section's columns are the options of the dimension its rows spread across, then the total.
A cell asks for the row's filter plus the column's option; a "chưa phân loại" column (kind
`UNCLASSIFIED`) asks for the values that leave the column's dimension out, and the total for
every value of the row. `LayoutRow.selects()` is that rule, for any key.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from .dimensions import DimensionKey, key_matches
from .models import DataElement, DimensionOption, Form, FormRow, FormSection, Indicator

OPTION, UNCLASSIFIED, TOTAL = "option", "unclassified", "total"
ELEMENT, INDICATOR, TEXT = "element", "indicator", "text"


@dataclass(frozen=True)
class Column:
    """One column of a section: an option of the spread dimension, the values leaving that
    dimension out, or the row's total (`dimension == ""`)."""

    dimension: str
    option: str
    label: str
    kind: str = OPTION

    @property
    def is_total(self) -> bool:
        return self.kind == TOTAL


@dataclass
class LayoutRow:
    """One line of the form: an element (with the options its row fixes), an indicator shown
    read-only, or a line of text."""

    label: str
    code: str  # element or indicator code; "" for a line of text
    kind: str  # ELEMENT, INDICATOR or TEXT
    filter: DimensionKey
    column_dimension: str
    element: DataElement | None = None
    indicator: Indicator | None = None
    unit_of_measure: str = ""
    dimension_codes: list[str] = field(default_factory=list)
    decimals: int = 0
    factor: float = 100.0
    cells: list = field(default_factory=list)  # filled by the page that shows the layout

    @property
    def measure(self) -> str:
        """The unit of measure to print after the label; "" when the label already names it
        ("Tiếp dân (cuộc)") or the row is a rate."""
        uom = self.unit_of_measure.strip()
        if self.kind != ELEMENT or not uom or f"({uom.lower()})" in self.label.lower():
            return ""
        return uom

    def takes(self, column: Column) -> bool:
        """Whether this row has a figure in `column`."""
        if self.kind == INDICATOR:
            return column.is_total
        if self.kind != ELEMENT:
            return False
        return column.is_total or column.dimension == self.column_dimension

    def dims(self, column: Column) -> DimensionKey:
        """The options a value must have to count in this row's cell of `column`."""
        if column.kind == OPTION and column.dimension:
            return self.filter.with_({column.dimension: column.option})
        return self.filter

    def omits(self, column: Column) -> frozenset[str]:
        """The dimensions a value must leave out to count in the cell (the unclassified column's)."""
        return frozenset([column.dimension]) if column.kind == UNCLASSIFIED else frozenset()

    def key(self, column: Column) -> str:
        """The dimension key, as stored, of the value this cell holds."""
        return str(self.dims(column))

    def selects(self, column: Column, key: Mapping[str, str]) -> bool:
        """Whether a value stored under `key` counts in this row's cell of `column`."""
        return key_matches(key, self.dims(column), self.omits(column))

    def complete(self, column: Column) -> bool:
        """True when the cell names one option of every dimension of the element (so it can be typed)."""
        return (
            self.kind == ELEMENT
            and column.kind != UNCLASSIFIED
            and set(self.dims(column)) == set(self.dimension_codes)
        )

    def open_dimensions(self) -> list[str]:
        """The element's dimensions this row leaves open (its column dimension and any other)."""
        return self.filter.omitted(self.dimension_codes)

    def combinations(
        self, options: Mapping[str, list[DimensionOption]]
    ) -> list[tuple[DimensionKey, list[DimensionOption]]]:
        """Every full key of the row: its filter with one option of each open dimension."""
        open_dims = self.open_dimensions()
        return [
            (self.filter.with_({o.dimension.code: o.code for o in combo}), list(combo))
            for combo in itertools.product(*[options.get(d, []) for d in open_dims])
        ]


@dataclass
class LayoutSection:
    code: str
    title: str
    columns: list[Column]
    rows: list[LayoutRow]

    @property
    def spread(self) -> bool:
        return len(self.columns) > 1

    @property
    def column_dimension(self) -> str:
        """The dimension the section's table spreads across (its first row that spreads one)."""
        return next((r.column_dimension for r in self.rows if r.column_dimension), "")

    @property
    def spread_columns(self) -> list[Column]:
        """The columns of the section's spread dimension, without the total."""
        dim = self.column_dimension
        return [c for c in self.columns if not c.is_total and c.dimension == dim]


@dataclass
class FormLayout:
    form: Form
    sections: list[LayoutSection]
    options: dict[str, list[DimensionOption]]  # by dimension code, in their order

    def __iter__(self):
        return iter(self.sections)

    def __len__(self) -> int:
        return len(self.sections)

    def rows(self) -> list[LayoutRow]:
        return [row for s in self.sections for row in s.rows]

    def elements(self) -> list[DataElement]:
        """The form's elements, once each, in the order the form first shows them."""
        seen: dict[int, DataElement] = {}
        for row in self.rows():
            if row.element is not None:
                seen.setdefault(row.element.pk, row.element)
        return list(seen.values())

    def element_ids(self) -> frozenset[int]:
        """What a round over the form holds: the elements of its rows."""
        return frozenset(e.pk for e in self.elements())

    def codes(self) -> list[str]:
        """Every element and indicator code the form shows, sorted."""
        return sorted({row.code for row in self.rows() if row.code})


def _options() -> dict[str, list[DimensionOption]]:
    out: dict[str, list[DimensionOption]] = {}
    for opt in DimensionOption.objects.select_related("dimension").order_by("dimension__order", "order"):
        out.setdefault(opt.dimension.code, []).append(opt)
    return out


def _row(row: FormRow) -> LayoutRow:
    if row.element is not None:
        return LayoutRow(
            label=row.label,
            code=row.element.code,
            kind=ELEMENT,
            filter=DimensionKey.parse(row.filter),
            column_dimension=row.column_dimension,
            element=row.element,
            unit_of_measure=row.element.unit_of_measure,
            dimension_codes=row.element.dimension_codes(),
        )
    if row.indicator is not None:
        return LayoutRow(
            label=row.label,
            code=row.indicator.code,
            kind=INDICATOR,
            filter=DimensionKey(),
            column_dimension="",
            indicator=row.indicator,
            unit_of_measure=row.indicator.suffix,
            decimals=row.indicator.decimals,
            factor=row.indicator.factor,
        )
    return LayoutRow(label=row.label, code="", kind=TEXT, filter=DimensionKey(), column_dimension="")


def layout(form: Form | str | int = "QCDC") -> FormLayout:
    """The sections of `form` (a form, its code or its id), each with its columns (the options
    of its rows' column dimensions, then the total) and rows; five queries whatever its size."""
    if isinstance(form, str):
        form = Form.objects.get(code=form)
    elif isinstance(form, int):
        form = Form.objects.get(pk=form)
    options = _options()
    sections = FormSection.objects.filter(form=form).prefetch_related(
        Prefetch(
            "rows",
            queryset=FormRow.objects.select_related("element", "indicator")
            .prefetch_related("element__dimensions")
            .order_by("order"),
        )
    )
    out = []
    for section in sections.order_by("order"):
        rows = [_row(r) for r in section.rows.all()]
        columns: list[Column] = []
        for row in rows:
            for opt in options.get(row.column_dimension, []) if row.column_dimension else []:
                col = Column(row.column_dimension, opt.code, opt.name)
                if col not in columns:
                    columns.append(col)
        total_label = _("Cộng") if columns else _("Số liệu")
        columns.append(Column("", "", total_label, TOTAL))
        out.append(LayoutSection(section.code, section.title, columns, rows))
    return FormLayout(form, out, options)
