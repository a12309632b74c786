"""Reporting rounds: the one code path that the web pages, the API and the commands call.

Every function that changes something takes the acting `user` (None = the command line /
the system, allowed everything) and raises `RoundRefused` with Vietnamese messages when it
refuses; nothing is written then. Changes are logged through `danchu.audit` and, for
submissions, as `SubmissionEvent` rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace

from django.db import transaction
from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.utils import timezone

from danchu.accounts.permissions import Role, can, scope_q
from danchu.analytics.validation import Violation, validate
from danchu.audit.context import current
from danchu.audit.log import log_change
from danchu.catalog.models import Form
from danchu.units.models import Tier, Unit, UnitType
from danchu.values import periods
from danchu.values.models import DataValue
from danchu.values.services import CheckedRow, InputRow, RowError, ValuesRefused, WriteResult, apply_rows

from .models import Round, Submission, SubmissionEvent

State = Submission.State
Action = SubmissionEvent.Action


class RoundRefused(Exception):
    """An action on a round or a submission was refused; nothing was stored.

    `messages` are Vietnamese lines for people; `violations` holds the validation rule
    failures when the refusal came from the form's rules.
    """

    def __init__(self, messages: list[str] | str, violations: list[Violation] | None = None):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        self.violations = violations or []
        super().__init__("\n".join(self.messages))


class RoundPermissionDenied(RoundRefused):
    """The user may see the unit but not do this on it (the API answers 403)."""


class SubmissionNotFound(RoundRefused):
    """No submission of that unit in the round, or one outside the user's subtree (the API
    answers 404 for both, so nothing leaks)."""


@dataclass
class SubmitResult:
    submission: Submission
    written: WriteResult | None
    warnings: list[Violation] = field(default_factory=list)


def _user_name(user) -> str:
    if getattr(user, "pk", None):
        return user.get_username()
    return current().source or "cli"


def _real_user(user):
    return user if getattr(user, "pk", None) else None


# --- opening a round ---------------------------------------------------------------------


def _split(values: Iterable[str] | str | None) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        values = values.split(",")
    return [v.strip() for v in values if v and v.strip()]


def units_asked(
    under: Unit, period: periods.Period, tiers: Iterable[str] | str | None, unit_types=None
) -> QuerySet[Unit]:
    """The units a round would ask: in force at the period's end, inside `under`'s subtree,
    of one of `tiers` and/or one of `unit_types` (the preview list of the open-round page)."""
    tier_list, type_list = _split(tiers), _split(unit_types)
    qs = Unit.objects.at(period.end).subtree(under)
    if tier_list:
        qs = qs.filter(tier__in=tier_list)
    if type_list:
        qs = qs.filter(type__in=type_list)
    return qs.order_by("path")


def units_taken(form: Form | str, period: periods.Period, units) -> dict[int, int]:
    """{unit id: round number} of the `units` (a list or a queryset) another round already asks
    `form` for `period`: a round would be refused for them (the preview names them first)."""
    code = form if isinstance(form, str) else form.code
    return dict(
        Submission.objects.filter(round__form__code=code, round__period=period.code, unit__in=units)
        .order_by("unit__path", "round_id")
        .values_list("unit_id", "round_id")
    )


def deadline_warning(deadline: dt.date, today: dt.date | None = None) -> str:
    """A warning (not a refusal) when a round's deadline is already past."""
    today = today or timezone.localdate()
    if deadline >= today:
        return ""
    return (
        f"Hạn nộp {deadline:%d/%m/%Y} đã qua (hôm nay {today:%d/%m/%Y}): mọi bài nộp sẽ bị tính là "
        "trễ hạn; kiểm tra lại hạn nộp nếu nhập nhầm"
    )


def _check_open_args(form, period, under, tiers, unit_types, deadline) -> list[str]:
    errors = []
    bad_tiers = [t for t in tiers if t not in Tier.values]
    if bad_tiers:
        errors.append(f"Cấp '{bad_tiers[0]}' không tồn tại (chọn: {', '.join(Tier.values)})")
    bad_types = [t for t in unit_types if t not in UnitType.values]
    if bad_types:
        errors.append(f"Loại đơn vị '{bad_types[0]}' không tồn tại (chọn: {', '.join(UnitType.values)})")
    if not tiers and not unit_types:
        errors.append("Cần chọn ít nhất một cấp hoặc một loại đơn vị được yêu cầu báo cáo")
    if not under.is_valid_at(period.end):
        errors.append(
            f"Đơn vị {under.name} ({under.code}) không có hiệu lực ngày kết thúc kỳ "
            f"{period.end:%d/%m/%Y} (hiệu lực {under.display_valid()})"
        )
    if deadline is None:
        errors.append("Thiếu hạn nộp")
    return errors


def open_round(
    form: Form | str,
    period: periods.Period | str,
    under: Unit,
    deadline: dt.date,
    tiers: Iterable[str] | str | None = None,
    unit_types: Iterable[str] | str | None = None,
    user=None,
    title: str = "",
) -> Round:
    """Open a round and create a draft submission for every unit asked.

    Refused when the user lacks the approve role on `under`, when nothing would be asked, or
    when a unit is already asked the same form for the same period by another round (the lock
    of approved values must belong to one round only).
    """
    if isinstance(form, str):
        code = form
        form = Form.objects.filter(code=code).first()  # type: ignore[assignment]
        if form is None:
            raise RoundRefused(f"Không có biểu mẫu mã '{code}'")
    assert isinstance(form, Form)
    if isinstance(period, str):
        try:
            period = periods.parse(period)
        except periods.PeriodError as exc:
            raise RoundRefused(str(exc))
    if user is not None and not can(user, Role.APPROVE, under):
        raise RoundPermissionDenied(
            f"Bạn không có quyền mở đợt báo cáo cho {under.name} ({under.code}): cần quyền phê duyệt"
        )
    tier_list, type_list = _split(tiers), _split(unit_types)
    errors = _check_open_args(form, period, under, tier_list, type_list, deadline)
    if errors:
        raise RoundRefused(errors)
    units = list(units_asked(under, period, tier_list, type_list))
    if not units:
        raise RoundRefused(
            f"Không có đơn vị nào thuộc {under.name} ({under.code}) ở cấp/loại đã chọn "
            f"có hiệu lực ngày {period.end:%d/%m/%Y}"
        )
    taken = units_taken(form, period, units)
    if taken:
        first = next(u for u in units if u.pk in taken)
        raise RoundRefused(
            f"{first.name} ({first.code}) đã được yêu cầu báo cáo biểu mẫu {form.code} "
            f"kỳ {period.code} trong đợt số {taken[first.pk]}; không mở trùng"
        )
    with transaction.atomic():
        rnd = Round.objects.create(
            form=form,
            period=period.code,
            start=period.start,
            end=period.end,
            under=under,
            tiers=",".join(tier_list),
            unit_types=",".join(type_list),
            deadline=deadline,
            opened_by=_real_user(user),
            title=title.strip(),
        )
        Submission.objects.bulk_create([Submission(round=rnd, unit=u) for u in units], batch_size=1000)
        log_change(
            "create",
            "round",
            rnd.pk,
            str(rnd),
            None,
            {
                "form": form.code,
                "period": period.code,
                "under": under.code,
                "tiers": rnd.tiers,
                "unit_types": rnd.unit_types,
                "deadline": deadline.isoformat(),
                "expected": len(units),
            },
        )
    return rnd


def close_round(rnd: Round, user=None) -> Round:
    """Stop accepting submissions (approval and reopening still work)."""
    if user is not None and not can(user, Role.APPROVE, rnd.under):
        raise RoundPermissionDenied(f"Bạn không có quyền đóng đợt báo cáo số {rnd.pk}")
    with transaction.atomic():
        rnd.status = Round.Status.CLOSED
        rnd.save(update_fields=["status"])
        log_change("update", "round", rnd.pk, str(rnd), {"status": "open"}, {"status": "closed"})
    return rnd


# --- finding things, scoped ----------------------------------------------------------------


def rounds_for(user) -> QuerySet[Round]:
    """Rounds the user can see: opened under their subtree or asking a unit in it."""
    qs = Round.objects.select_related("form", "under", "opened_by")
    if user is None or getattr(user, "is_superuser", False):
        return qs
    inside = Submission.objects.filter(scope_q(user, Role.VIEW, "unit__path")).values("round_id")
    return qs.filter(Q(scope_q(user, Role.VIEW, "under__path")) | Q(pk__in=inside)).distinct()


def submissions_for(user, rnd: Round) -> QuerySet[Submission]:
    """The round's submissions of units inside the user's subtree."""
    qs = rnd.submissions.select_related("unit", "unit__parent").order_by("unit__path")
    if user is None:
        return qs
    return qs.filter(scope_q(user, Role.VIEW, "unit__path"))


def get_submission(rnd: Round, unit: Unit | str, user=None) -> Submission:
    """The submission of `unit` (object or code) in `rnd`; refused for units outside the
    user's subtree exactly as for units not asked, so nothing leaks."""
    qs = submissions_for(user, rnd)
    found = qs.filter(unit=unit).first() if isinstance(unit, Unit) else qs.filter(unit__code=unit).first()
    if found is None:
        code = unit.code if isinstance(unit, Unit) else unit
        raise SubmissionNotFound(
            f"Đơn vị '{code}' không có bài nộp trong đợt báo cáo số {rnd.pk} (hoặc bạn không có quyền xem)"
        )
    return found


# --- the submission's life -----------------------------------------------------------------


def _event(sub: Submission, action: str, before: str, user, reason: str = "") -> SubmissionEvent:
    ev = SubmissionEvent.objects.create(
        submission=sub,
        action=action,
        from_state=before,
        to_state=sub.state,
        user=_real_user(user),
        user_name=_user_name(user),
        reason=reason,
    )
    log_change(
        "update",
        "submission",
        sub.pk,
        f"{sub.unit.code} đợt {sub.round_id}",
        {"state": before},
        {"state": sub.state, "action": action, "reason": reason},
    )
    return ev


def _check_rows_belong(sub: Submission, rows: list[InputRow], file: str) -> None:
    rnd = sub.round
    period = rnd.get_period()
    element_codes = {e.code for e in rnd.form.elements()}
    errors: list[RowError] = []
    for row in rows:
        if row.unit and str(row.unit).strip() != sub.unit.code:
            errors.append(
                RowError(
                    row.row,
                    "unit",
                    f"đơn vị '{row.unit}' không phải đơn vị của bài nộp ({sub.unit.name}, {sub.unit.code})",
                    file,
                )
            )
            continue
        if row.element and row.element not in element_codes:
            errors.append(
                RowError(
                    row.row,
                    "element",
                    f"chỉ tiêu '{row.element}' không có trong biểu mẫu {rnd.form.code}",
                    file,
                )
            )
            continue
        try:
            own = periods.parse(str(row.period or ""))
        except periods.PeriodError as exc:
            errors.append(RowError(row.row, "period", str(exc), file))
            continue
        if not period.contains(own):
            errors.append(
                RowError(
                    row.row,
                    "period",
                    f"kỳ '{own.code}' không nằm trong kỳ {period.code} của đợt báo cáo",
                    file,
                )
            )
    if errors:
        raise ValuesRefused(errors)


def submit(
    rnd: Round,
    unit: Unit | str,
    rows: Iterable[InputRow] | None = None,
    user=None,
    comment: str = "",
    file: str = "",
) -> SubmitResult:
    """Store `rows` (may be none: the values were entered before) and submit, in ONE transaction.

    The unit's own values are checked with the form's rules: when the form requires valid
    figures, a failed high-importance rule refuses the submission and nothing is stored;
    failed lower rules need a `comment` explaining them. Rows must be of the submission's unit,
    inside the round's period and on the form.
    """
    sub = get_submission(rnd, unit, user)
    unit_obj = sub.unit
    if user is not None and not can(user, Role.ENTER, unit_obj):
        raise RoundPermissionDenied(f"Bạn không có quyền nộp báo cáo của {unit_obj.name} ({unit_obj.code})")
    if rnd.status != Round.Status.OPEN:
        raise RoundRefused(f"Đợt báo cáo số {rnd.pk} đã đóng, không nhận bài nộp")
    if sub.state == State.APPROVED:
        raise RoundRefused(
            f"Báo cáo của {unit_obj.name} đã được phê duyệt; cần người phê duyệt mở lại trước khi nộp lại"
        )
    # Rows may leave unit and period empty: they default to the submission's.
    row_list = [replace(r, unit=r.unit or unit_obj.code, period=r.period or rnd.period) for r in (rows or [])]
    comment = (comment or "").strip()
    written = None
    with transaction.atomic():
        sub = Submission.objects.select_for_update().select_related("unit", "round__form").get(pk=sub.pk)
        if sub.state == State.APPROVED:
            raise RoundRefused(f"Báo cáo của {unit_obj.name} đã được phê duyệt")
        try:
            _check_rows_belong(sub, row_list, file)
            if row_list:
                # A resubmission replaces the figures its own submission locks.
                with writing_for(sub):
                    written = apply_rows(row_list, user=user, file=file)
        except ValuesRefused as exc:
            raise RoundRefused([str(e) for e in exc.errors])
        period = rnd.get_period()
        violations = [
            v
            for v in validate(unit_obj, period, rnd.form, own_only=True)
            if v.scope == "unit" and v.unit == unit_obj.code
        ]
        # A form that requires valid figures blocks on high rules; every other failure warns.
        blocking = rnd.form.require_valid
        high = [v for v in violations if blocking and v.importance == "high"]
        lower = [v for v in violations if not (blocking and v.importance == "high")]
        if high:
            raise RoundRefused(
                [f"Không nộp được báo cáo của {unit_obj.name}: số liệu không đạt quy tắc kiểm tra"]
                + [f"{v.unit_name} ({v.unit}): {v.text()}" for v in high],
                violations=high,
            )
        if lower and not comment:
            raise RoundRefused(
                [
                    f"Số liệu của {unit_obj.name} có cảnh báo; hãy nhập giải trình (ghi chú) "
                    "cho các cảnh báo sau rồi nộp lại"
                ]
                + [f"{v.unit_name} ({v.unit}): {v.text()}" for v in lower],
                violations=lower,
            )
        before = sub.state
        now = timezone.now()
        sub.state = State.SUBMITTED
        sub.submitted_at = now
        if sub.first_submitted_at is None:
            sub.first_submitted_at = now
        sub.submitted_by = _real_user(user)
        sub.comment = comment
        sub.save()
        _event(sub, Action.SUBMIT, before, user, comment)
    return SubmitResult(sub, written, warnings=lower)


def save_draft(rnd: Round, unit: Unit | str, rows: Iterable[InputRow], user=None) -> WriteResult | None:
    """Store the unit's figures without submitting (the web's "Lưu nháp"), all or nothing.

    Only while the submission is a draft or returned, the round open and the rows the
    submission's own (unit, form, period); `ValuesRefused` carries row errors for the cells.
    """
    sub = get_submission(rnd, unit, user)
    unit_obj = sub.unit
    if user is not None and not can(user, Role.ENTER, unit_obj):
        raise RoundPermissionDenied(f"Bạn không có quyền nhập số liệu của {unit_obj.name} ({unit_obj.code})")
    if rnd.status != Round.Status.OPEN:
        raise RoundRefused(f"Đợt báo cáo số {rnd.pk} đã đóng, không nhận số liệu")
    if sub.state not in (State.DRAFT, State.RETURNED):
        raise RoundRefused(
            f"Báo cáo của {unit_obj.name} đang ở trạng thái '{sub.get_state_display()}': không sửa được; "
            "cần người phê duyệt trả lại hoặc mở lại trước khi sửa"
        )
    row_list = [replace(r, unit=r.unit or unit_obj.code, period=r.period or rnd.period) for r in rows]
    if not row_list:
        return None
    with transaction.atomic():
        _check_rows_belong(sub, row_list, "")
        return apply_rows(row_list, user=user)


def submit_file(
    rnd: Round, unit: Unit | str, data: bytes, name: str, user=None, comment: str = ""
) -> SubmitResult:
    """Submit from an uploaded file: the round's filled Excel template, or a values CSV/XLSX."""
    from .template_xlsx import read_filled

    get_submission(rnd, unit, user)  # scope first: say nothing about files of other units
    try:
        rows = read_filled(data, name)
    except ValuesRefused as exc:
        raise RoundRefused([str(e) for e in exc.errors])
    return submit(rnd, unit, rows, user=user, comment=comment, file=name)


def export_template(rnd: Round, unit: Unit | str, user=None) -> bytes:
    """The round's Excel template for one of its units (scoped like the submission)."""
    from .template_xlsx import build_template

    return build_template(rnd, get_submission(rnd, unit, user).unit)


def _check_approver(sub: Submission, user, what: str) -> None:
    if user is None:
        return
    target = sub.unit.parent or sub.unit
    if not can(user, Role.APPROVE, target):
        raise RoundPermissionDenied(
            f"Bạn không có quyền {what} báo cáo của {sub.unit.name} ({sub.unit.code}): "
            f"cần quyền phê duyệt ở {target.name} hoặc cấp trên"
        )


def _transition(
    rnd: Round, unit, user, allowed: tuple[str, ...], to: str, action: str, what: str, reason: str = ""
) -> Submission:
    sub = get_submission(rnd, unit, user)
    _check_approver(sub, user, what)
    with transaction.atomic():
        sub = Submission.objects.select_for_update().select_related("unit", "round").get(pk=sub.pk)
        if sub.state not in allowed:
            raise RoundRefused(
                f"Không thể {what} báo cáo của {sub.unit.name}: trạng thái hiện tại là "
                f"'{sub.get_state_display()}'"
            )
        before = sub.state
        sub.state = to
        if action in (Action.APPROVE, Action.RETURN):
            sub.decided_at = timezone.now()
            sub.decided_by = _real_user(user)
        if action == Action.RETURN:
            sub.return_reason = reason
        sub.save()
        _event(sub, action, before, user, reason)
    return sub


def approve(rnd: Round, unit: Unit | str, user=None, comment: str = "") -> Submission:
    """Approve a submitted report (approve role on the unit's parent subtree); locks its values."""
    return _transition(
        rnd, unit, user, (State.SUBMITTED,), State.APPROVED, Action.APPROVE, "phê duyệt", comment
    )


def return_submission(rnd: Round, unit: Unit | str, reason: str, user=None) -> Submission:
    """Send a submitted report back to the unit with a reason; the unit fixes it and resubmits."""
    reason = (reason or "").strip()
    if not reason:
        raise RoundRefused("Cần ghi lý do trả lại để đơn vị biết phải sửa gì")
    return _transition(rnd, unit, user, (State.SUBMITTED,), State.RETURNED, Action.RETURN, "trả lại", reason)


def reopen(rnd: Round, unit: Unit | str, user=None, reason: str = "") -> Submission:
    """Unlock an approved report: back to draft so the unit can correct and resubmit."""
    return _transition(
        rnd, unit, user, (State.APPROVED,), State.DRAFT, Action.REOPEN, "mở lại", (reason or "").strip()
    )


# --- completeness ------------------------------------------------------------------------


def completeness(rnd: Round, user=None) -> dict:
    """Who has reported: the counts of the issue, one row per unit and a breakdown by district.

    `submitted` counts submissions now submitted or approved; `on_time`/`late` compare the
    first submission with the deadline; `missing` lists units with nothing submitted now.
    With a `user`, only units of their subtree are counted.
    """
    subs = list(submissions_for(user, rnd))
    ancestor_ids = {int(seg) for s in subs for seg in s.unit.path.strip("/").split("/")[:-1]}
    ancestors = Unit.objects.in_bulk(ancestor_ids)

    def district_of(unit: Unit) -> Unit:
        for seg in unit.path.strip("/").split("/")[:-1]:
            anc = ancestors.get(int(seg))
            if anc is not None and anc.tier == Tier.HUYEN:
                return anc
        parent = unit.parent if unit.pk != rnd.under_id else None
        return parent or unit

    submitted_states = (State.SUBMITTED, State.APPROVED)
    out: dict = {
        "round": rnd.pk,
        "deadline": rnd.deadline.isoformat(),
        "expected": len(subs),
        "submitted": 0,
        "approved": 0,
        "returned": 0,
        "on_time": 0,
        "late": 0,
        "missing": [],
    }
    units: list[dict] = []
    districts: dict[str, dict] = {}
    for s in subs:
        late = s.is_late()
        if s.state in submitted_states:
            out["submitted"] += 1
        else:
            out["missing"].append(s.unit.code)
        if s.state == State.APPROVED:
            out["approved"] += 1
        if s.state == State.RETURNED:
            out["returned"] += 1
        if late is True:
            out["late"] += 1
        elif late is False:
            out["on_time"] += 1
        d = district_of(s.unit)
        units.append(
            {
                "code": s.unit.code,
                "name": s.unit.name,
                "district": d.code,
                "district_name": d.name,
                "state": s.state,
                "state_label": s.get_state_display(),
                "first_submitted_at": s.first_submitted_at.isoformat() if s.first_submitted_at else None,
                "late": late,
            }
        )
        row = districts.setdefault(
            d.code,
            {
                "code": d.code,
                "name": d.name,
                "path": d.path,
                "expected": 0,
                "submitted": 0,
                "approved": 0,
                "returned": 0,
                "late": 0,
                "missing": 0,
            },
        )
        row["expected"] += 1
        row["submitted"] += s.state in submitted_states
        row["approved"] += s.state == State.APPROVED
        row["returned"] += s.state == State.RETURNED
        row["late"] += late is True
        row["missing"] += s.state not in submitted_states
    out["percent_submitted"] = round(100 * out["submitted"] / out["expected"], 1) if out["expected"] else 0.0
    out["units"] = units
    by_district = sorted(districts.values(), key=lambda r: r["path"])
    for row in by_district:
        del row["path"]
    out["by_district"] = by_district
    return out


# --- approved values ----------------------------------------------------------------------


def _approved_by_round() -> dict[int, tuple[Round, list[int]]]:
    found: dict[int, tuple[Round, list[int]]] = {}
    for sub in Submission.objects.filter(state=State.APPROVED).select_related("round"):
        found.setdefault(sub.round_id, (sub.round, []))[1].append(sub.unit_id)
    return found


def _form_element_ids(form_id: int, cache: dict[int, set[int]]) -> set[int]:
    if form_id not in cache:
        from danchu.catalog.models import FormRow

        cache[form_id] = set(
            FormRow.objects.filter(section__form_id=form_id, element__isnull=False).values_list(
                "element_id", flat=True
            )
        )
    return cache[form_id]


def approved_values_q() -> Q:
    """A filter on `DataValue` keeping the values covered by an approved submission: the
    submission's unit, an element of the round's form, a period inside the round's period.
    Reports compiled "from approved values only" pass it as `value_filter`."""
    q = Q(pk__in=[])
    cache: dict[int, set[int]] = {}
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


def locks(unit_ids: Iterable[int]) -> dict[int, list[Lock]]:
    """The locks on each unit: its submitted or approved submissions, except those whose own
    service is writing (`writing_for`)."""
    subs = (
        Submission.objects.filter(state__in=LOCKING, unit_id__in=list(unit_ids))
        .exclude(pk__in=_writing_for.get())
        .select_related("round", "unit")
        .order_by("pk")
    )
    cache: dict[int, set[int]] = {}
    found: dict[int, list[Lock]] = defaultdict(list)
    for sub in subs:
        found[sub.unit_id].append(Lock(sub, frozenset(_form_element_ids(sub.round.form_id, cache))))
    return found


def period_lock(unit: Unit, period: periods.Period, form: Form | str = "QCDC") -> Lock | None:
    """Is `unit`'s period locked, and by which round? The lock holding EVERY value of `form`
    for `period` (so nothing on it can be typed), or None. The entry page asks this; the
    guard of the write paths asks `locks` row by row."""
    if isinstance(form, str):
        found = Form.objects.filter(code=form).first()
        if found is None:
            return None
        form = found
    wanted = _form_element_ids(form.pk, {})
    if not wanted:
        return None
    for lock in locks([unit.pk]).get(unit.pk, []):
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
