"""Opening and closing reporting rounds, and finding rounds and submissions within the user's scope."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from danchu.accounts.permissions import Role, can, get_scoped_or_404
from danchu.audit.context import current
from danchu.audit.log import log_change
from danchu.catalog.models import Form
from danchu.units.models import Tier, Unit, UnitType
from danchu.values import periods

from .models import Round, Submission, SubmissionEvent
from .refusals import RoundPermissionDenied, RoundRefused, SubmissionNotFound

State = Submission.State
Action = SubmissionEvent.Action


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
    return Round.objects.restrict(user).select_related("form", "under", "opened_by")


def submissions_for(user, rnd: Round) -> QuerySet[Submission]:
    """The round's submissions of units inside the user's subtree."""
    return rnd.submissions.restrict(user).select_related("unit", "unit__parent").order_by("unit__path")


def get_submission(
    rnd: Round, unit: Unit | str, user=None, role: str = Role.VIEW, forbidden: str = ""
) -> Submission:
    """The submission of `unit` (object or code) in `rnd`; refused for units outside the
    user's subtree exactly as for units not asked, so nothing leaks; `RoundPermissionDenied`
    inside without `role` (`forbidden` names the unit as "{unit.name}")."""
    lookup = {"unit": unit} if isinstance(unit, Unit) else {"unit__code": unit}
    try:
        return get_scoped_or_404(
            rnd.submissions.select_related("unit", "unit__parent"), user, role, forbidden=forbidden, **lookup
        )
    except Http404:
        code = unit.code if isinstance(unit, Unit) else unit
        raise SubmissionNotFound(
            f"Đơn vị '{code}' không có bài nộp trong đợt báo cáo số {rnd.pk} (hoặc bạn không có quyền xem)"
        )
    except PermissionDenied as exc:
        raise RoundPermissionDenied(str(exc))
