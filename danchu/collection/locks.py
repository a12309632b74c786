"""Submitted and approved figures are locked on every write path; which values are approved."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When

from danchu.catalog.layout import FormLayout, layout
from danchu.catalog.models import Form
from danchu.units.models import Unit
from danchu.values import periods
from danchu.values.models import DataValue
from danchu.values.services import CheckedRow, RowError

from .models import Round, Submission, SubmissionEvent

State = Submission.State
Action = SubmissionEvent.Action


# --- approved values ----------------------------------------------------------------------


def _approved_by_round() -> dict[int, tuple[Round, list[int]]]:
    found: dict[int, tuple[Round, list[int]]] = {}
    for sub in Submission.objects.filter(state=State.APPROVED).select_related("round"):
        found.setdefault(sub.round_id, (sub.round, []))[1].append(sub.unit_id)
    return found


def _form_element_ids(form_id: int, cache: dict[int, frozenset[int]]) -> frozenset[int]:
    if form_id not in cache:
        cache[form_id] = layout(form_id).element_ids()
    return cache[form_id]


def approved_values_q() -> Q:
    """A filter on `DataValue` keeping the values covered by an approved submission: the
    submission's unit, an element of the round's form, a period inside the round's period.
    Reports compiled "from approved values only" pass it as `value_filter`."""
    q = Q(pk__in=[])
    cache: dict[int, frozenset[int]] = {}
    for rnd, unit_ids in _approved_by_round().values():
        q |= Q(
            unit_id__in=unit_ids,
            element_id__in=_form_element_ids(rnd.form_id, cache),
            start__gte=rnd.start,
            end__lte=rnd.end,
        )
    return q


def mark_approved(queryset: QuerySet) -> QuerySet:
    """Annotate DataValues with `approved` (True/False) so a report can mark unapproved ones."""
    return queryset.annotate(
        approved=Case(
            When(approved_values_q(), then=Value(True)), default=Value(False), output_field=BooleanField()
        )
    )


# --- the lock on submitted and approved values -------------------------------------------------

LOCKING = (State.SUBMITTED, State.APPROVED)

# Submissions whose own service is writing their figures right now (a resubmission through
# `submit`, which records an event): the lock lets those rows through, and nothing else.
_writing_for: ContextVar[frozenset[int]] = ContextVar("collection_writing_for", default=frozenset())


@contextmanager
def writing_for(sub: Submission):
    """Inside this block the lock does not hold the values of `sub` (its own service writes them)."""
    token = _writing_for.set(_writing_for.get() | {sub.pk})
    try:
        yield
    finally:
        _writing_for.reset(token)


@dataclass(frozen=True)
class Lock:
    """A submission (submitted or approved) holding a unit's values of its round's form and period."""

    submission: Submission
    element_ids: frozenset[int]

    @property
    def round(self) -> Round:
        return self.submission.round

    @property
    def approved(self) -> bool:
        return self.submission.state == State.APPROVED

    def covers(self, element_id: int, period: periods.Period) -> bool:
        rnd = self.round
        return rnd.start <= period.start and period.end <= rnd.end and element_id in self.element_ids

    def row_message(self) -> str:
        """Why a row is refused (the write paths: web entry, API, import_values)."""
        unit, rnd = self.submission.unit, self.round
        if self.approved:
            return (
                f"Số liệu của {unit.name} ({unit.code}) đã được phê duyệt trong đợt báo cáo số {rnd.pk} "
                f"(kỳ {rnd.period}); cần người phê duyệt mở lại trước khi sửa"
            )
        return (
            f"Số liệu của {unit.name} ({unit.code}) đã nộp trong đợt báo cáo số {rnd.pk} (kỳ {rnd.period}), "
            "chờ phê duyệt; cần được trả lại để sửa"
        )

    def notice(self) -> str:
        """The notice at the top of a page whose figures are all locked."""
        rnd = self.round
        if self.approved:
            return (
                f"Số liệu đã được phê duyệt trong đợt báo cáo số {rnd.pk} (kỳ {rnd.period}), đã khóa; "
                "cần người phê duyệt mở lại thì mới sửa được."
            )
        return (
            f"Số liệu đã nộp trong đợt báo cáo số {rnd.pk} (kỳ {rnd.period}), đang chờ phê duyệt, đã khóa; "
            "cần người phê duyệt trả lại thì mới sửa được."
        )


def locks(unit_ids: Iterable[int], known: dict[int, frozenset[int]] | None = None) -> dict[int, list[Lock]]:
    """The locks on each unit: its submitted or approved submissions, except those whose own
    service is writing (`writing_for`). `known`: element ids of forms already laid out."""
    subs = (
        Submission.objects.filter(state__in=LOCKING, unit_id__in=list(unit_ids))
        .exclude(pk__in=_writing_for.get())
        .select_related("round", "unit")
        .order_by("pk")
    )
    cache: dict[int, frozenset[int]] = dict(known or {})
    found: dict[int, list[Lock]] = defaultdict(list)
    for sub in subs:
        found[sub.unit_id].append(Lock(sub, _form_element_ids(sub.round.form_id, cache)))
    return found


def period_lock(unit: Unit, period: periods.Period, form: FormLayout | Form | str = "QCDC") -> Lock | None:
    """Is `unit`'s period locked, and by which round? The lock holding EVERY value of `form`
    for `period` (so nothing on it can be typed), or None. The entry page asks this with the
    layout it shows; the guard of the write paths asks `locks` row by row."""
    if isinstance(form, str) and not Form.objects.filter(code=form).exists():
        return None
    form_layout = form if isinstance(form, FormLayout) else layout(form)
    wanted = form_layout.element_ids()
    if not wanted:
        return None
    for lock in locks([unit.pk], {form_layout.form.pk: wanted}).get(unit.pk, []):
        rnd = lock.round
        if rnd.start <= period.start and period.end <= rnd.end and wanted <= lock.element_ids:
            return lock
    return None


def lock_guard(rows: list[CheckedRow], user) -> list[RowError]:
    """`values.services.ROW_GUARDS` hook: refuse rows that would change submitted or approved values."""
    if not rows:
        return []
    by_unit = locks({r.unit.pk for r in rows})
    if not by_unit:
        return []
    covered = []
    for row in rows:
        lock = next(
            (lk for lk in by_unit.get(row.unit.pk, []) if lk.covers(row.element.pk, row.period)), None
        )
        if lock is not None:
            covered.append((row, lock))
    if not covered:
        return []
    # a row that writes back exactly what is stored changes nothing (an export imported again)
    stored: dict[tuple, tuple[float | None, str]] = {
        (v.element_id, v.unit_id, v.start, v.end, v.dimensions): (v.value, v.comment)
        for v in DataValue.objects.filter(
            unit_id__in={r.unit.pk for r, _ in covered},
            element_id__in={r.element.pk for r, _ in covered},
        )
    }
    errors = []
    for row, lock in covered:
        value, comment = stored.get(row.key, (None, ""))
        if value == row.value and row.comment in ("", comment):
            continue
        errors.append(RowError(row.row, "value", lock.row_message()))
    return errors
