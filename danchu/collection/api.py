"""Reporting rounds in the JSON API (`/api/rounds`): thin calls to `collection.services`.

Refusals answer `{"detail": …, "errors": [{"row", "column", "message"}]}`; a submission outside
the caller's subtree is a 404, exactly like one that does not exist.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpResponse, JsonResponse
from ninja import Router, Schema, Status

from danchu.accounts.permissions import Role
from danchu.api.auth import api_auth
from danchu.api.common import parse_period, unit_at
from danchu.audit.context import acting
from danchu.catalog.dimensions import dimension_text
from danchu.units.models import Unit
from danchu.values import periods
from danchu.values.services import InputRow

from . import services
from .models import Round, Submission

router = Router(auth=api_auth, tags=["đợt báo cáo"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ErrorOut(Schema):
    row: int | None = None
    column: str = ""
    message: str


class Refused(Schema):
    detail: str
    errors: list[ErrorOut] = []


class RoundIn(Schema):
    form: str = "QCDC"
    period: str
    under: str
    tiers: list[str] | str = []
    unit_types: list[str] | str = []
    deadline: dt.date
    title: str = ""


class RoundOut(Schema):
    round: int
    title: str
    form: str
    period: str
    under: str
    tiers: list[str]
    unit_types: list[str]
    deadline: dt.date
    status: str
    opened_by: str | None
    opened_at: dt.datetime
    expected: int


class OpenedOut(Schema):
    round: int
    expected: int
    warnings: list[str] = []  # e.g. the deadline is already past (opened anyway)


class UnitOut(Schema):
    code: str
    name: str
    tier: str
    type: str


class RowIn(Schema):
    element: str
    value: float | str
    dimensions: str | dict[str, str] = ""
    comment: str = ""
    unit: str = ""
    period: str = ""


class SubmitIn(Schema):
    rows: list[RowIn] = []
    comment: str = ""


class DecisionIn(Schema):
    reason: str = ""


class EventOut(Schema):
    action: str
    from_state: str
    to_state: str
    user: str
    at: dt.datetime
    reason: str


class SubmissionOut(Schema):
    round: int
    unit: str
    unit_name: str
    state: str
    state_label: str
    first_submitted_at: dt.datetime | None
    submitted_at: dt.datetime | None
    late: bool | None
    comment: str
    return_reason: str
    warnings: list[str] = []
    events: list[EventOut]


def _refused(exc: services.RoundRefused) -> Status:
    status = 404 if isinstance(exc, services.SubmissionNotFound) else 403
    if not isinstance(exc, services.SubmissionNotFound | services.RoundPermissionDenied):
        status = 422
    return Status(
        status,
        {
            "detail": exc.messages[0],
            "errors": [{"row": None, "column": "", "message": m} for m in exc.messages],
        },
    )


def _round_out(rnd: Round) -> dict:
    return {
        "round": rnd.pk,
        "title": str(rnd),
        "form": rnd.form.code,
        "period": rnd.period,
        "under": rnd.under.code,
        "tiers": rnd.tier_list(),
        "unit_types": rnd.unit_type_list(),
        "deadline": rnd.deadline,
        "status": rnd.status,
        "opened_by": rnd.opened_by.get_username() if rnd.opened_by else None,
        "opened_at": rnd.opened_at,
        "expected": rnd.submissions.count(),
    }


def _submission_out(sub: Submission, warnings=()) -> dict:
    return {
        "round": sub.round_id,
        "unit": sub.unit.code,
        "unit_name": sub.unit.name,
        "state": sub.state,
        "state_label": sub.get_state_display(),
        "first_submitted_at": sub.first_submitted_at,
        "submitted_at": sub.submitted_at,
        "late": sub.is_late(),
        "comment": sub.comment,
        "return_reason": sub.return_reason,
        "warnings": [v.text() for v in warnings],
        "events": [
            {
                "action": e.action,
                "from_state": e.from_state,
                "to_state": e.to_state,
                "user": e.user_name,
                "at": e.at,
                "reason": e.reason,
            }
            for e in sub.events.all()
        ],
    }


def _get_round(request, round_id: int) -> Round | None:
    return services.rounds_for(request.auth).filter(pk=round_id).first()


def _not_found(round_id: int) -> Status:
    message = f"Không tìm thấy đợt báo cáo số {round_id} (hoặc bạn không có quyền xem)."
    return Status(404, {"detail": message, "errors": [{"row": None, "column": "round", "message": message}]})


def _period_and_unit(user, period: str, code: str) -> tuple[periods.Period, Unit]:
    """The period and the unit in charge, looked up inside the caller's scope: opening a round or
    previewing its units needs the approve role there, like the web page."""
    p = parse_period(period)
    return p, unit_at(user, code, p.end, role=Role.APPROVE, column="under")


@router.get("", response=list[RoundOut], summary="Các đợt báo cáo trong phạm vi của bạn")
def list_rounds(request):
    return [_round_out(r) for r in services.rounds_for(request.auth).order_by("-pk")]


@router.get(
    "/preview",
    response={200: list[UnitOut], 422: Refused},
    summary="Danh sách đơn vị sẽ được yêu cầu báo cáo (xem trước khi mở đợt)",
)
def preview(request, period: str, under: str, tiers: str = "", tier: str = "", unit_types: str = ""):
    p, unit = _period_and_unit(request.auth, period, under)
    tiers = ",".join(t for t in (tiers, tier) if t)
    return Status(
        200, list(services.units_asked(unit, p, tiers, unit_types).values("code", "name", "tier", "type"))
    )


@router.post("", response={201: OpenedOut, 403: Refused, 422: Refused}, summary="Mở đợt báo cáo")
def open_round(request, payload: RoundIn):
    try:
        p, unit = _period_and_unit(request.auth, payload.period, payload.under)
        with acting(user=request.auth, source="api"):
            rnd = services.open_round(
                payload.form,
                p,
                unit,
                payload.deadline,
                tiers=payload.tiers,
                unit_types=payload.unit_types,
                user=request.auth,
                title=payload.title,
            )
    except services.RoundRefused as exc:
        return _refused(exc)
    late = services.deadline_warning(rnd.deadline)
    return Status(
        201, {"round": rnd.pk, "expected": rnd.submissions.count(), "warnings": [late] if late else []}
    )


@router.get("/{round_id}", response={200: dict, 404: Refused}, summary="Đợt báo cáo và tình hình nộp")
def round_detail(request, round_id: int):
    """Thông tin đợt và tình hình nộp (chỉ các đơn vị trong phạm vi của bạn): `expected`,
    `submitted`, `approved`, `returned`, `on_time`, `late`, `missing`, `units`, `by_district`."""
    rnd = _get_round(request, round_id)
    if rnd is None:
        return _not_found(round_id)
    data = _round_out(rnd)
    data["completeness"] = services.completeness(rnd, request.auth)
    return Status(200, data)


@router.get(
    "/{round_id}/submissions/{unit}",
    response={200: SubmissionOut, 404: Refused},
    summary="Bài nộp của một đơn vị, với lịch sử",
)
def submission_detail(request, round_id: int, unit: str):
    rnd = _get_round(request, round_id)
    if rnd is None:
        return _not_found(round_id)
    try:
        return Status(200, _submission_out(services.get_submission(rnd, unit, request.auth)))
    except services.RoundRefused as exc:
        return _refused(exc)


@router.get("/{round_id}/submissions/{unit}/template", summary="Biểu mẫu Excel của đơn vị trong đợt")
def template(request, round_id: int, unit: str):
    rnd = _get_round(request, round_id)
    if rnd is None:
        return JsonResponse(_not_found(round_id).value, status=404)
    try:
        data = services.export_template(rnd, unit, request.auth)
    except services.RoundRefused as exc:
        refused = _refused(exc)
        return JsonResponse(refused.value, status=refused.status_code)
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="dot-{rnd.pk}-{unit}.xlsx"'
    return response


@router.post(
    "/{round_id}/submissions/{unit}/submit",
    response={200: SubmissionOut, 403: Refused, 404: Refused, 422: Refused},
    summary="Ghi số liệu (nếu có) và nộp báo cáo trong một bước",
)
def submit(request, round_id: int, unit: str, payload: SubmitIn):
    """Không đạt quy tắc mức "cao" thì từ chối và không ghi gì; cảnh báo mức thấp hơn cần `comment`."""
    rnd = _get_round(request, round_id)
    if rnd is None:
        return _not_found(round_id)
    rows = [
        InputRow(
            element=r.element,
            unit=r.unit,
            period=r.period,
            value=r.value,
            dimensions=dimension_text(r.dimensions),
            comment=r.comment,
            row=i,
        )
        for i, r in enumerate(payload.rows, start=1)
    ]
    try:
        with acting(user=request.auth, source="api"):
            result = services.submit(rnd, unit, rows, user=request.auth, comment=payload.comment)
    except services.RoundRefused as exc:
        return _refused(exc)
    return Status(200, _submission_out(result.submission, result.warnings))


def _decide(request, round_id: int, unit: str, action):
    rnd = _get_round(request, round_id)
    if rnd is None:
        return _not_found(round_id)
    try:
        with acting(user=request.auth, source="api"):
            sub = action(rnd)
    except services.RoundRefused as exc:
        return _refused(exc)
    return Status(200, _submission_out(sub))


DECIDED = {200: SubmissionOut, 403: Refused, 404: Refused, 422: Refused}


@router.post("/{round_id}/submissions/{unit}/approve", response=DECIDED, summary="Phê duyệt (khóa số liệu)")
def approve(request, round_id: int, unit: str, payload: DecisionIn | None = None):
    reason = payload.reason if payload else ""
    return _decide(request, round_id, unit, lambda r: services.approve(r, unit, request.auth, reason))


@router.post("/{round_id}/submissions/{unit}/return", response=DECIDED, summary="Trả lại kèm lý do")
def return_submission(request, round_id: int, unit: str, payload: DecisionIn):
    return _decide(
        request, round_id, unit, lambda r: services.return_submission(r, unit, payload.reason, request.auth)
    )


@router.post("/{round_id}/submissions/{unit}/reopen", response=DECIDED, summary="Mở lại bài đã phê duyệt")
def reopen(request, round_id: int, unit: str, payload: DecisionIn | None = None):
    reason = payload.reason if payload else ""
    return _decide(request, round_id, unit, lambda r: services.reopen(r, unit, request.auth, reason))
