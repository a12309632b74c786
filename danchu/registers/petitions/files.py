"""One row of the petitions book in (import, web entry) and out (list, export)."""

from __future__ import annotations

import datetime as dt

from danchu.registers.changes import log_record
from danchu.units.models import Unit

from . import identity
from .clocks import deadlines, is_overdue
from .models import Action, Case, Petition
from .services import Person, PetitionRefused, handle, receive, resolve, set_facts

STATES = {
    "cho_xu_ly": "Chờ xử lý",
    "dang_giai_quyet": "Đang giải quyết",
    "da_giai_quyet": "Đã giải quyết",
    "da_chuyen": "Đã chuyển",
    "da_huong_dan": "Đã hướng dẫn",
    "da_tra_lai": "Đã trả lại",
    "da_luu": "Đã lưu",
}


def state(petition: Petition) -> str:
    if not petition.action:
        return "cho_xu_ly"
    if petition.action == Action.ACCEPT:
        return "da_giai_quyet" if petition.case and petition.case.resolved else "dang_giai_quyet"
    return {"chuyen": "da_chuyen", "huong_dan": "da_huong_dan", "tra_lai": "da_tra_lai", "luu": "da_luu"}[
        petition.action
    ]


def _default(value, fallback):
    return fallback if value is None else value


def save_row(data: dict, unit: Unit, user) -> Petition:
    """Enter (or complete) one đơn from a file row; a number already in the unit's book is
    completed with the row's later steps, not entered twice."""
    number = data.get("number") or ""
    people = [Person(n.strip()) for n in (data.get("petitioner") or "").split(";") if n.strip()]
    petition = (
        Petition.objects.filter(unit=unit, number=number).select_related("case").first() if number else None
    )
    if petition is None:
        petition = receive(
            unit,
            received=data["received"],
            channel=data["channel"],
            kind=data["kind"],
            content=data.get("content") or "",
            petitioners=people,
            number=number,
            case=data.get("case") or None,
            user=user,
        )
    elif (petition.received, petition.kind, petition.channel) != (
        data["received"],
        data["kind"],
        data["channel"],
    ):
        raise PetitionRefused(
            f"{unit.name} đã có đơn số '{number}' nhận ngày {petition.received:%d/%m/%Y} "
            f"({petition.get_kind_display().lower()}, {petition.get_channel_display().lower()}); "
            "dòng này ghi khác: sửa số đơn hoặc các cột received, kind, channel.",
            "number",
        )
    case = petition.case
    facts = {}
    if data.get("remote") is not None:
        facts["remote"] = data["remote"]
    if data.get("second") is not None:
        facts["second_complaint"] = data["second"]
    if facts and any(getattr(case, k) != v for k, v in facts.items()):
        set_facts(case, user=user, **facts)
    action = data.get("action") or ""
    if action:
        accepting = action == Action.ACCEPT
        eligible = _default(data.get("eligible"), action not in (Action.RETURN, Action.FILE))
        competent = _default(data.get("competent"), accepting)
        day = (
            data.get("accepted")
            if accepting
            else (data.get("handled") or data.get("accepted") or data["received"])
        )
        if day is None:
            raise PetitionRefused("Đơn thụ lý phải có ngày thụ lý.", "accepted")
        target, target_name = None, ""
        if action == Action.TRANSFER:
            where = data.get("transferred_to") or ""
            target = Unit.objects.at(day).filter(code=where).order_by("depth").first() if where else None
            target_name = "" if target else (where or "cơ quan có thẩm quyền")
        if (petition.action, petition.handled) != (action, day):
            handle(
                petition,
                action=action,
                day=day,
                eligible=eligible,
                competent=competent,
                user=user,
                transferred_to=target,
                transferred_to_name=target_name,
            )
    elif data.get("eligible") is not None or data.get("competent") is not None:
        before = petition.snapshot()
        petition.eligible = data.get("eligible")
        petition.competent = data.get("competent")
        petition.save()
        log_record("update", petition, before)
    if data.get("resolved"):
        if not data.get("outcome"):
            raise PetitionRefused("Đã giải quyết thì phải ghi kết quả.", "outcome")
        case = Case.objects.get(pk=case.pk)
        if (case.resolved, case.outcome) != (data["resolved"], data["outcome"]):
            resolve(case, day=data["resolved"], outcome=data["outcome"], user=user)
    elif data.get("outcome"):
        raise PetitionRefused("Có kết quả thì phải có ngày giải quyết xong.", "resolved")
    petition.refresh_from_db()
    return petition


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def as_row(petition: Petition, user=None, at: dt.date | None = None, why: str = "") -> dict:
    """The record in the list and export format; `petitioner` is None where `user` may not see it."""
    at = at or dt.date.today()
    case = petition.case
    people = identity.petitioners(petition, user, why or "danh sách đơn")
    return {
        "number": petition.number,
        "unit": petition.unit.code,
        "kind": petition.kind,
        "received": _iso(petition.received),
        "channel": petition.channel,
        "state": state(petition),
        "deadlines": {k: _iso(v) for k, v in deadlines(petition).items()},
        "overdue": is_overdue(petition, at),
        "petitioner": identity.names(people),
        "case": case.number if case else None,
        "eligible": petition.eligible,
        "competent": petition.competent,
        "action": petition.action or None,
        "handled": _iso(petition.handled) if petition.action and petition.action != Action.ACCEPT else None,
        "transferred_to": (
            petition.transferred_to.code if petition.transferred_to else petition.transferred_to_name
        )
        or None,
        # the day this đơn was accepted (its case's own acceptance is its first đơn's)
        "accepted": _iso(petition.handled) if petition.action == Action.ACCEPT else None,
        "resolved": _iso(case.resolved) if case else None,
        "outcome": (case.outcome or None) if case else None,
        "remote": case.remote if case else False,
        "second": case.second_complaint if case else False,
        "content": petition.content,
    }
