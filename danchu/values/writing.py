"""The one path by which figures are written: import files, the web entry page, the API,
the reporting rounds and the registers all call `apply_rows`, so every check and the change
log hold everywhere alike."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import connection, transaction

from danchu.audit.log import log_changes, make_change
from danchu.catalog.dimensions import DimensionKey
from danchu.catalog.models import DataElement, DimensionOption
from danchu.units.models import Unit, resolve_code, why_not_at

from . import periods
from .errors import RowError, ValuesRefused
from .models import DataValue
from .numbers import NEGATIVE, NOT_INTEGER, check_value


@dataclass
class InputRow:
    element: str
    unit: str
    period: str
    value: object
    dimensions: str = ""
    comment: str = ""
    row: int | None = None


@dataclass
class CheckedRow:
    row: int | None
    element: DataElement
    unit: Unit
    period: periods.Period
    dimensions: str
    value: float
    comment: str
    # "" for figures people enter; the register that computed it otherwise ("registers.petitions")
    source: str = ""

    @property
    def key(self) -> tuple[int, int, object, object, str]:
        return (self.element.pk, self.unit.pk, self.period.start, self.period.end, self.dimensions)


@dataclass
class WriteResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rows: list[CheckedRow] = field(default_factory=list)

    def summary(self) -> str:
        return f"{self.created} giá trị mới, {self.updated} giá trị được thay, {self.unchanged} giá trị không đổi"


# Other apps add checks here (the reporting rounds lock approved values); each returns
# errors for the rows it refuses.
ROW_GUARDS: list[Callable[[list[CheckedRow], object], list[RowError]]] = []

# Other apps keep structures in step with the values here (analytics keeps its rollup): each is
# called inside the write's transaction with (row, value stored before or 0.0) for every row
# whose value changed. Lower layers never import the apps above them; those apps register.
VALUES_WRITTEN: list[Callable[[list[tuple[CheckedRow, float]]], None]] = []


def canonical_dimensions(
    element: DataElement, text: str, options: dict[tuple[str, str], DimensionOption]
) -> str:
    """Check `text` against the element's dimensions and return the canonical key."""
    given = DimensionKey.parse(text)
    wanted = element.dimension_codes()
    unknown = sorted(set(given) - set(wanted))
    if unknown:
        allowed = ", ".join(wanted) if wanted else "không có chiều nào"
        raise ValueError(f"chỉ tiêu {element.code} không có chiều '{unknown[0]}' (chiều hợp lệ: {allowed})")
    missing = given.omitted(wanted)
    if missing:
        raise ValueError(
            f"thiếu chiều '{missing[0]}' của chỉ tiêu {element.code} (cần đủ: {', '.join(wanted)})"
        )
    for dim, opt in given.items():
        if (dim, opt) not in options:
            valid = ", ".join(code for (d, code) in options if d == dim)
            raise ValueError(f"chiều '{dim}' không có phương án '{opt}' (phương án hợp lệ: {valid})")
    return str(given)


class _Resolver:
    """Caches catalogue and unit look-ups for one batch of rows."""

    def __init__(self) -> None:
        self.elements = {e.code: e for e in DataElement.objects.prefetch_related("dimensions")}
        self.options = {
            (o.dimension.code, o.code): o for o in DimensionOption.objects.select_related("dimension")
        }
        self.units: dict[tuple[str, object], Unit | None | str] = {}
        self.periods: dict[str, periods.Period] = {}

    def period(self, code: str) -> periods.Period:
        if code not in self.periods:
            self.periods[code] = periods.parse(code)
        return self.periods[code]

    def unit(self, code: str, period: periods.Period) -> Unit:
        """The unit carrying `code` at the period's end: a unit reports for its territory, also
        for the part of the period before it existed (a commune of 1/7/2025 reports for 2025)."""
        key = (code, period.end)
        if key not in self.units:
            unit = resolve_code(code, period.end)
            if unit is None:
                why = why_not_at(code, period.end)
                if why:
                    self.units[key] = (
                        f"không có đơn vị mã '{code}' ngày {period.end:%d/%m/%Y} (ngày cuối kỳ "
                        f"{period.code}): {why}"
                    )
                else:
                    self.units[key] = f"không có đơn vị mã '{code}'" + _lost_zero_hint(code, period)
            else:
                self.units[key] = unit
        found = self.units[key]
        if isinstance(found, str):
            raise ValueError(found)
        assert found is not None
        return found


def _lost_zero_hint(code: str, period: periods.Period) -> str:
    """Excel turns the code 03386 into the number 3386; name the units the code may have been."""
    if not code.isdigit():
        return ""
    guesses = [
        f"'{u.code}' ({u.name})"
        for width in (2, 3, 5)
        if width > len(code)
        for u in Unit.objects.at(period.end).filter(code=code.zfill(width))[:1]
    ]
    if not guesses:
        return ""
    return f" — có thể Excel đã bỏ số 0 ở đầu mã: có phải {' hoặc '.join(guesses)}? (định dạng cột mã là Văn bản)"


def check_rows(
    rows: Iterable[InputRow], user=None, file: str = "", source: str = ""
) -> tuple[list[CheckedRow], list[RowError]]:
    from danchu.accounts.permissions import Role, can

    resolver = _Resolver()
    checked: list[CheckedRow] = []
    errors: list[RowError] = []
    seen: dict[tuple, int | None] = {}
    for row in rows:

        def fail(column: str, message: str, row=row) -> None:
            errors.append(RowError(row.row, column, message, file))

        element = resolver.elements.get((row.element or "").strip())
        if element is None:
            fail(
                "element",
                f"không có chỉ tiêu mã '{row.element}' trong danh mục"
                if row.element
                else "thiếu mã chỉ tiêu",
            )
            continue
        try:
            period = resolver.period(str(row.period or ""))
        except periods.PeriodError as exc:
            fail("period", str(exc))
            continue
        try:
            unit = resolver.unit(str(row.unit or "").strip(), period)
        except ValueError as exc:
            fail("unit", str(exc))
            continue
        if user is not None and not can(user, Role.ENTER, unit):
            # the code only: a unit outside the user's scope is not named
            message = f"bạn không có quyền nhập số liệu cho đơn vị mã '{unit.code}'"
            errors.append(RowError(row.row, "unit", message, file, forbidden=True))
            continue
        try:
            dims = canonical_dimensions(element, str(row.dimensions or ""), resolver.options)
        except ValueError as exc:
            fail("dimensions", str(exc))
            continue
        value, problem = check_value(row.value, element.value_type, element.allow_negative)
        if problem == NEGATIVE:
            fail("value", f"{element.code} là số đếm, không được âm ({value:g})")
            continue
        if problem == NOT_INTEGER:
            fail(
                "value",
                f"{element.code} phải là số nguyên ({element.unit_of_measure}), nhận được {row.value}",
            )
            continue
        if problem:
            fail("value", f"giá trị {problem}")
            continue
        item = CheckedRow(row.row, element, unit, period, dims, value, str(row.comment or "").strip(), source)
        if item.key in seen:
            first = seen[item.key]
            fail(
                "",
                f"trùng khóa (chỉ tiêu, đơn vị, kỳ, chiều) với dòng {first}"
                if first
                else "trùng khóa với một dòng trước",
            )
            continue
        seen[item.key] = row.row
        checked.append(item)
    if not errors:
        for guard in ROW_GUARDS:
            for error in guard(checked, user):
                error.file = error.file or file
                errors.append(error)
    return checked, errors


def _value_id(row: CheckedRow) -> str:
    return f"{row.element.code}|{row.unit.code}|{row.period.code}|{row.dimensions}"


@transaction.atomic
def write(checked: list[CheckedRow], user=None) -> WriteResult:
    result = WriteResult(rows=checked)
    if not checked:
        return result
    existing: dict[tuple, DataValue] = {}
    units = {r.unit.pk for r in checked}
    elements = {r.element.pk for r in checked}
    starts = {r.period.start for r in checked}
    for dv in DataValue.objects.select_for_update().filter(
        unit_id__in=units, element_id__in=elements, start__in=starts
    ):
        existing[(dv.element_id, dv.unit_id, dv.start, dv.end, dv.dimensions)] = dv
    user_id = user.pk if getattr(user, "pk", None) else None
    new: list[DataValue] = []
    changed: list[DataValue] = []
    changes = []
    deltas: list[tuple[CheckedRow, float]] = []
    for row in checked:
        found = existing.get(row.key)
        if found is None:
            deltas.append((row, 0.0))
            new.append(
                DataValue(
                    element=row.element,
                    unit=row.unit,
                    period=row.period.code,
                    start=row.period.start,
                    end=row.period.end,
                    dimensions=row.dimensions,
                    value=row.value,
                    comment=row.comment,
                    source=row.source,
                    updated_by_id=user_id,
                )
            )
            changes.append(
                make_change(
                    "create",
                    "value",
                    _value_id(row),
                    _value_id(row),
                    None,
                    {"value": row.value, "comment": row.comment},
                )
            )
        elif (
            found.value != row.value
            or (row.comment and found.comment != row.comment)
            or found.source != row.source
        ):
            # a file without comments (the Excel template) does not wipe the note of an unchanged
            # figure; a changed figure takes the new row's comment, empty or not
            before = {"value": found.value, "comment": found.comment}
            deltas.append((row, found.value))
            found.value, found.comment, found.updated_by_id = row.value, row.comment, user_id
            found.source = row.source
            changed.append(found)
            changes.append(
                make_change(
                    "update",
                    "value",
                    _value_id(row),
                    _value_id(row),
                    before,
                    {"value": row.value, "comment": row.comment},
                )
            )
        else:
            result.unchanged += 1
    DataValue.objects.bulk_create(new, batch_size=2000)
    DataValue.objects.bulk_update(changed, ["value", "comment", "source", "updated_by"], batch_size=2000)
    for hook in VALUES_WRITTEN:
        hook(deltas)
    log_changes(changes)
    result.created, result.updated = len(new), len(changed)
    if len(new) >= ANALYZE_AFTER_ROWS:
        refresh_statistics()
    return result


# SQLite plans a subtree's sums with the covering index only once it has table statistics
# (docs/performance.md); PostgreSQL's autovacuum gets there too, but only some time after a big import.
ANALYZE_AFTER_ROWS = 5000


def refresh_statistics() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {connection.ops.quote_name(DataValue._meta.db_table)}")


def apply_rows(
    rows: Iterable[InputRow], user=None, dry_run: bool = False, file: str = "", source: str = ""
) -> WriteResult:
    """Check every row, then write all of them or none. `source` names the register that
    computed the figures ("" for figures people enter); guards may treat the two apart."""
    checked, errors = check_rows(list(rows), user=user, file=file, source=source)
    if errors:
        raise ValuesRefused(errors)
    if dry_run:
        return WriteResult(rows=checked)
    return write(checked, user=user)
