"""The petitions register's own API actions (`/api/registers/petitions/…`): thin calls to the
same services the pages and commands use. Rows never carry a denouncer's identity."""

from __future__ import annotations

import datetime as dt

from ninja import Router, Schema

from danchu.accounts.permissions import Role
from danchu.api.auth import api_auth
from danchu.api.common import parse_date, parse_period, unit_at
from danchu.api.errors import ApiError
from danchu.audit.context import acting
from danchu.units.models import Unit

from . import lists, services
from .files import as_row
from .models import Petition

router = Router(auth=api_auth, tags=["sổ tiếp nhận, xử lý đơn"])


class PersonIn(Schema):
    name: str
    address: str = ""
    phone: str = ""


class PetitionIn(Schema):
    unit: str
    received: dt.date
    channel: str = "truc_tiep"
    kind: str
    content: str = ""
    petitioners: list[PersonIn] = []
    number: str = ""
    case: str = ""


class HandleIn(Schema):
    action: str
    day: dt.date
    eligible: bool = True
    competent: bool = True
    transferred_to: str = ""
    transferred_to_name: str = ""


class ResolveIn(Schema):
    day: dt.date
    outcome: str


class ExtendIn(Schema):
    days: int
    reason: str
    decided: dt.date
    document: str = ""


class ReminderIn(Schema):
    received: dt.date
    sender: str = ""


def _run(request, call):
    try:
        with acting(request.auth, source="api", request_id=getattr(request, "id", None)):
            return call()
    except services.PetitionRefused as exc:
        raise ApiError(422, str(exc), exc.field)


def _petition(request, code: str, number: str, role: str = Role.ENTER) -> Petition:
    unit = (
        unit_at(request.auth, code, dt.date.today(), role=role)
        if Unit.objects.at(dt.date.today()).filter(code=code).exists()
        else None
    )
    if unit is None:
        found = Petition.objects.filter(unit__code=code, number=number).select_related("unit").first()
        if found is not None:
            unit = unit_at(request.auth, code, found.received, role=role)
    petition = (
        Petition.objects.select_related("unit", "case").filter(unit=unit, number=number).first()
        if unit
        else None
    )
    if petition is None:
        raise ApiError(404, f"Không tìm thấy đơn số '{number}' của đơn vị '{code}'.", "number")
    return petition


@router.post("/new", summary="Nhận một đơn vào sổ")
def receive(request, payload: PetitionIn):
    unit = unit_at(request.auth, payload.unit, payload.received, role=Role.ENTER)
    petition = _run(
        request,
        lambda: services.receive(
            unit,
            received=payload.received,
            channel=payload.channel,
            kind=payload.kind,
            content=payload.content,
            petitioners=[services.Person(p.name, p.address, p.phone) for p in payload.petitioners],
            number=payload.number,
            case=payload.case or None,
            user=request.auth,
        ),
    )
    return as_row(petition, None)


@router.get("/deadlines", summary="Đến hạn trong tuần và quá hạn (như trang Hạn xử lý)")
def deadlines(request, unit: str, at: str | None = None):
    day = parse_date(at)
    root = unit_at(request.auth, unit, day)
    return {
        "due_this_week": [d.as_dict() for d in lists.due_this_week(request.auth, root, day)],
        "overdue": [d.as_dict() for d in lists.overdue(request.auth, root, day)],
    }


@router.get("/timeliness", summary="Giải quyết đúng hạn, trễ hạn theo đơn vị và loại đơn")
def timeliness(request, unit: str, period: str):
    p = parse_period(period)
    return {"rows": lists.timeliness(request.auth, unit_at(request.auth, unit, p.end), p)}


@router.get("/{unit}/{number}", summary="Một đơn và vụ việc của nó")
def detail(request, unit: str, number: str):
    petition = _petition(request, unit, number, role=Role.VIEW)
    case = petition.case
    return as_row(petition, None) | {
        "extensions": [
            {"days": e.days, "reason": e.reason, "decided": e.decided.isoformat()}
            for e in case.extensions.all()
        ],
        "reminders": [{"received": r.received.isoformat(), "sender": r.sender} for r in case.reminders.all()],
        "case_petitions": list(case.petitions.values_list("number", flat=True)),
    }


@router.post("/{unit}/{number}/handle", summary="Xử lý đơn: thụ lý, chuyển, hướng dẫn, trả lại, lưu")
def handle(request, unit: str, number: str, payload: HandleIn):
    petition = _petition(request, unit, number)
    target = None
    if payload.transferred_to:
        target = Unit.objects.at(payload.day).filter(code=payload.transferred_to).order_by("depth").first()
        if target is None:
            raise ApiError(422, f"Không có đơn vị mã '{payload.transferred_to}'.", "transferred_to")
    _run(
        request,
        lambda: services.handle(
            petition,
            action=payload.action,
            day=payload.day,
            eligible=payload.eligible,
            competent=payload.competent,
            user=request.auth,
            transferred_to=target,
            transferred_to_name=payload.transferred_to_name,
        ),
    )
    petition.refresh_from_db()
    return as_row(petition, None)


@router.post("/{unit}/{number}/resolve", summary="Kết quả giải quyết vụ việc của đơn")
def resolve(request, unit: str, number: str, payload: ResolveIn):
    petition = _petition(request, unit, number)
    _run(
        request,
        lambda: services.resolve(petition.case, day=payload.day, outcome=payload.outcome, user=request.auth),
    )
    petition.refresh_from_db()
    return as_row(petition, None)


@router.post("/{unit}/{number}/extend", summary="Gia hạn giải quyết (theo quy định thời hạn)")
def extend(request, unit: str, number: str, payload: ExtendIn):
    petition = _petition(request, unit, number)
    _run(
        request,
        lambda: services.extend(
            petition.case,
            days=payload.days,
            reason=payload.reason,
            decided=payload.decided,
            document=payload.document,
            user=request.auth,
        ),
    )
    petition.refresh_from_db()
    return as_row(petition, None)


@router.post("/{unit}/{number}/reminders", summary="Đơn đôn đốc về vụ việc")
def remind(request, unit: str, number: str, payload: ReminderIn):
    petition = _petition(request, unit, number)
    _run(
        request,
        lambda: services.add_reminder(
            petition.case, received=payload.received, sender=payload.sender, user=request.auth
        ),
    )
    return {"case": petition.case.number, "reminders": petition.case.reminders.count()}
