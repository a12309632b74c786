"""A submission's life: draft, submitted, approved or returned, reopened."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from django.db import transaction
from django.utils import timezone

from danchu.accounts.permissions import Role, can
from danchu.analytics.validation import Violation, validate
from danchu.audit.log import log_change
from danchu.catalog.layout import layout
from danchu.units.models import Unit
from danchu.values import periods
from danchu.values.services import InputRow, RowError, ValuesRefused, WriteResult, apply_rows

from .locks import writing_for
from .models import Round, Submission, SubmissionEvent
from .refusals import RoundPermissionDenied, RoundRefused
from .rounds import _real_user, _user_name, get_submission

State = Submission.State
Action = SubmissionEvent.Action


@dataclass
class SubmitResult:
    submission: Submission
    written: WriteResult | None
    warnings: list[Violation] = field(default_factory=list)


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
    element_codes = {e.code for e in layout(rnd.form).elements()}
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
    sub = get_submission(
        rnd, unit, user, Role.ENTER, "Bạn không có quyền nộp báo cáo của {unit.name} ({unit.code})"
    )
    unit_obj = sub.unit
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
    sub = get_submission(
        rnd, unit, user, Role.ENTER, "Bạn không có quyền nhập số liệu của {unit.name} ({unit.code})"
    )
    unit_obj = sub.unit
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
