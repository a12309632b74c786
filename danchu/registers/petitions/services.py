"""What happens to a petition and its case: received, handled (accepted, transferred, guided,
returned, filed), resolved, extended, reminded. Web, API, commands and imports all call these;
each records the change and recomputes the register's figures in the same transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max, Min

from danchu.audit.log import log_change
from danchu.legal import clocks as legal_clocks
from danchu.registers import kinds, writing
from danchu.registers.changes import log_record
from danchu.registers.keeping import ensure_kept
from danchu.registers.kinds import RegisterError
from danchu.units.models import Unit

from .clocks import resolve_rule, set_case_due, set_petition_due
from .models import OUTCOMES, Action, Case, Channel, Extension, Kind, Petition, Petitioner, Reminder


class PetitionRefused(RegisterError):
    """A refusal in Vietnamese naming the field at fault; nothing was changed."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.field = field


@dataclass
class Person:
    name: str
    address: str = ""
    phone: str = ""


def _register():
    return kinds.get("petitions")


def _check_day(day: dt.date | None, field: str, what: str, not_before: dt.date | None = None) -> None:
    if day is None:
        raise PetitionRefused(f"Thiếu {what}.", field)
    if day > writing.today():
        raise PetitionRefused(
            f"{what.capitalize()} {day:%d/%m/%Y} chưa tới (hôm nay {writing.today():%d/%m/%Y}).", field
        )
    if not_before is not None and day < not_before:
        raise PetitionRefused(
            f"{what.capitalize()} {day:%d/%m/%Y} trước ngày nhận đơn {not_before:%d/%m/%Y}.", field
        )


def next_number(unit: Unit, day: dt.date) -> str:
    """ "2024-0007": the year and the next sequence of the unit's đơn that year."""
    prefix = f"{day.year}-"
    last = Petition.objects.filter(unit=unit, number__startswith=prefix).aggregate(m=Max("number"))["m"]
    seq = int(last[len(prefix) :]) + 1 if last and last[len(prefix) :].isdigit() else 1
    return f"{prefix}{seq:04d}"


def _next_case_number(unit: Unit, day: dt.date) -> str:
    prefix = f"VV{day.year}-"
    last = Case.objects.filter(unit=unit, number__startswith=prefix).aggregate(m=Max("number"))["m"]
    seq = int(last[len(prefix) :]) + 1 if last and last[len(prefix) :].isdigit() else 1
    return f"{prefix}{seq:04d}"


def _refresh_case(case: Case) -> None:
    """Keep the dates the figures count by in step: when the case first had a competent đơn."""
    case.opened = case.petitions.filter(eligible=True, competent=True).aggregate(d=Min("received"))["d"]
    set_case_due(case)
    case.save()


def _changed(petition_or_case, *days: dt.date | None) -> None:
    """The figures of the record's unit for the months `days` touch are recomputed."""
    writing.changed(_register(), petition_or_case.unit, *days)


@transaction.atomic
def receive(
    unit: Unit,
    *,
    received: dt.date,
    channel: str,
    kind: str,
    content: str = "",
    petitioners: Iterable[Person] = (),
    number: str = "",
    case: Case | str | None = None,
    user=None,
    transferred_from: Petition | None = None,
    tracking_code: str | None = None,
) -> Petition:
    """Enter a đơn in the unit's register; it belongs to `case` (an existing case or its number),
    or to a new case of its own."""
    _check_day(received, "received", "ngày nhận đơn")
    if channel not in Channel.values:
        raise PetitionRefused(
            f"Nguồn đơn '{channel}' không hợp lệ (dùng: {'|'.join(Channel.values)}).", "channel"
        )
    if kind not in Kind.values:
        raise PetitionRefused(f"Loại đơn '{kind}' không hợp lệ (dùng: {'|'.join(Kind.values)}).", "kind")
    if not unit.is_valid_at(received):
        raise PetitionRefused(
            f"{unit.name} không có hiệu lực ngày {received:%d/%m/%Y} (hiệu lực {unit.display_valid()}).",
            "unit",
        )
    number = (number or "").strip() or next_number(unit, received)
    if Petition.objects.filter(unit=unit, number=number).exists():
        raise PetitionRefused(f"{unit.name} đã có đơn số '{number}'.", "number")
    people = [p for p in petitioners if p.name.strip()]
    ensure_kept(_register(), unit, received, user=user, reason="bản ghi đầu tiên")
    case_obj = _case_for(unit, case, kind, received, number, user)
    petition = Petition(
        unit=unit,
        number=number,
        received=received,
        channel=channel,
        kind=kind,
        content=content.strip(),
        case=case_obj,
        transferred_from=transferred_from,
        tracking_code=tracking_code or None,
        created_by=user if getattr(user, "pk", None) else None,
    )
    set_petition_due(petition)
    petition.save()
    for order, person in enumerate(people):
        Petitioner.objects.create(
            petition=petition,
            name=person.name.strip(),
            address=person.address.strip(),
            phone=person.phone.strip(),
            order=order,
        )
    petition.save()  # search text with the petitioners' names
    if kind == Kind.TO_CAO and getattr(user, "pk", None):
        # whoever takes down a denunciation handles it until someone else is assigned
        case_obj.handlers.add(user)
    log_record("create", petition, after=_logged(petition))
    _changed(petition, received)
    return petition


def _logged(petition: Petition) -> dict:
    """A petition's snapshot for the change log; a denouncer's identity never goes there."""
    snap = petition.snapshot()
    people = list(petition.petitioners.all())
    snap["petitioners"] = (
        f"{len(people)} người (ẩn danh tính người tố cáo)"
        if petition.is_denunciation
        else [p.name for p in people]
    )
    return snap


def _case_for(unit: Unit, case: Case | str | None, kind: str, day: dt.date, number: str, user) -> Case:
    if isinstance(case, Case):
        if case.unit_id != unit.pk:
            raise PetitionRefused(f"Vụ việc {case.number} không thuộc {unit.name}.", "case")
        found = case
    elif case:
        existing = Case.objects.filter(unit=unit, number=case.strip()).first()
        if existing is not None:
            found = existing
        else:
            found = Case.objects.create(
                unit=unit,
                number=case.strip(),
                kind=kind,
                created_by=user if getattr(user, "pk", None) else None,
            )
            log_record("create", found)
    else:
        code = (
            number
            if not Case.objects.filter(unit=unit, number=number).exists()
            else _next_case_number(unit, day)
        )
        found = Case.objects.create(
            unit=unit, number=code, kind=kind, created_by=user if getattr(user, "pk", None) else None
        )
        log_record("create", found)
    if found.kind != kind and {found.kind, kind} - {Kind.KIEN_NGHI, Kind.PHAN_ANH}:
        raise PetitionRefused(
            f"Vụ việc {found.number} là {found.get_kind_display().lower()}, đơn này là "
            f"{Kind(kind).label.lower()}: đơn khác loại thuộc vụ việc khác.",
            "case",
        )
    return found


@transaction.atomic
def handle(
    petition: Petition,
    *,
    action: str,
    day: dt.date,
    eligible: bool,
    competent: bool,
    user=None,
    transferred_to: Unit | None = None,
    transferred_to_name: str = "",
) -> Petition:
    """Decide what is done with the đơn. Accepting (thụ lý) starts its case's resolution clock;
    transferring to a unit in danchu enters the đơn in that unit's register."""
    before = _logged(petition)
    opened_before = petition.case.opened if petition.case_id else None
    if action not in Action.values:
        raise PetitionRefused(
            f"Cách xử lý '{action}' không hợp lệ (dùng: {'|'.join(Action.values)}).", "action"
        )
    _check_day(day, "handled", "ngày xử lý", petition.received)
    if action == Action.ACCEPT and not (eligible and competent):
        raise PetitionRefused("Chỉ thụ lý được đơn đủ điều kiện xử lý và thuộc thẩm quyền.", "action")
    if action in (Action.TRANSFER, Action.GUIDE) and competent:
        raise PetitionRefused("Đơn thuộc thẩm quyền thì thụ lý, không chuyển hay hướng dẫn.", "competent")
    if action == Action.TRANSFER and transferred_to is None and not transferred_to_name.strip():
        raise PetitionRefused("Chuyển đơn phải ghi nơi nhận (đơn vị hoặc cơ quan).", "transferred_to")
    if transferred_to is not None:
        if transferred_to.pk == petition.unit_id:
            raise PetitionRefused("Không chuyển đơn cho chính đơn vị mình.", "transferred_to")
        if not transferred_to.is_valid_at(day):
            raise PetitionRefused(
                f"{transferred_to.name} không có hiệu lực ngày {day:%d/%m/%Y}.", "transferred_to"
            )
    petition.action, petition.handled = action, day
    petition.eligible, petition.competent = eligible, competent
    petition.transferred_to = transferred_to if action == Action.TRANSFER else None
    petition.transferred_to_name = (
        (transferred_to.name if transferred_to else transferred_to_name.strip())
        if action == Action.TRANSFER
        else ""
    )
    case = petition.case
    if action == Action.ACCEPT and case.resolved is not None and petition.action != Action.ACCEPT:
        raise PetitionRefused(
            f"Vụ việc {case.number} đã giải quyết xong ngày {case.resolved:%d/%m/%Y}; đơn mới về việc này "
            "là một vụ việc mới (hoặc khiếu nại lần hai).",
            "case",
        )
    if action == Action.ACCEPT:
        if case.accepted is None:
            case.accepted = day
        petition.closed_on = case.resolved
    else:
        petition.closed_on = day
    petition.save()
    _refresh_case(case)
    log_record("update", petition, before, _logged(petition))
    if action == Action.TRANSFER and transferred_to is not None and not petition.transfers.exists():
        receive(
            transferred_to,
            received=day,
            channel=Channel.TRANSFERRED,
            kind=petition.kind,
            content=petition.content,
            petitioners=[Person(p.name, p.address, p.phone) for p in petition.petitioners.all()],
            user=user,
            transferred_from=petition,
        )
    _changed(petition, petition.received, opened_before, case.opened)
    return petition


@transaction.atomic
def resolve(case: Case, *, day: dt.date, outcome: str, user=None) -> Case:
    """Record the resolution and its outcome; the case's accepted đơn close on that day."""
    before = case.snapshot()
    resolved_before = case.resolved
    accepted = case.petitions.filter(action=Action.ACCEPT)
    if not accepted.exists():
        raise PetitionRefused(f"Vụ việc {case.number} chưa có đơn nào được thụ lý.", "resolved")
    first = accepted.aggregate(d=Min("handled"))["d"]
    _check_day(day, "resolved", "ngày giải quyết", first)
    allowed = OUTCOMES[case.kind]
    if outcome not in allowed:
        raise PetitionRefused(
            f"Kết quả '{outcome}' không dùng cho {case.get_kind_display().lower()} (dùng: {'|'.join(allowed)}).",
            "outcome",
        )
    case.resolved, case.outcome = day, outcome
    case.save()
    accepted.update(closed_on=day)
    log_record("update", case, before)
    _changed(case, case.petitions.aggregate(d=Min("received"))["d"], resolved_before, day)
    return case


@transaction.atomic
def set_facts(case: Case, user=None, **facts: bool) -> Case:
    """Second complaint, remote area, several places, especially complex: the limits follow."""
    before = case.snapshot()
    for name in ("second_complaint", "remote", "several_places", "very_complex"):
        if name in facts:
            setattr(case, name, bool(facts[name]))
    if case.kind != Kind.KHIEU_NAI and case.second_complaint:
        raise PetitionRefused("Chỉ khiếu nại mới có khiếu nại lần hai.", "second")
    _refresh_case(case)
    for petition in case.petitions.all():
        set_petition_due(petition)
        petition.save(update_fields=["due", "due_rule"])
    log_record("update", case, before)
    _changed(case, case.accepted, case.resolved)
    return case


@transaction.atomic
def extend(
    case: Case, *, days: int, reason: str, decided: dt.date, document: str = "", user=None
) -> Extension:
    """Record an extension of the resolution limit; refused beyond what the rule allows."""
    if not reason.strip():
        raise PetitionRefused("Gia hạn phải ghi lý do.", "reason")
    if case.resolved is not None:
        raise PetitionRefused(f"Vụ việc {case.number} đã giải quyết xong, không gia hạn.", "days")
    if case.accepted is None:
        raise PetitionRefused(
            f"Vụ việc {case.number} chưa thụ lý, chưa có thời hạn giải quyết để gia hạn.", "days"
        )
    _check_day(decided, "decided", "ngày quyết định gia hạn", case.accepted)
    try:
        legal_clocks.check_extension(resolve_rule(case), case.extensions.count(), days)
    except legal_clocks.RuleError as exc:
        raise PetitionRefused(str(exc), "days")
    before = case.snapshot()
    ext = Extension.objects.create(
        case=case,
        days=days,
        reason=reason.strip(),
        decided=decided,
        document=document.strip(),
        created_by=user if getattr(user, "pk", None) else None,
    )
    _refresh_case(case)
    log_record("update", case, before, case.snapshot() | {"extension": {"days": days, "reason": reason}})
    _changed(case, case.accepted, case.resolved)
    return ext


@transaction.atomic
def add_reminder(case: Case, *, received: dt.date, sender: str = "", note: str = "", user=None) -> Reminder:
    _check_day(received, "received", "ngày nhận đơn đôn đốc")
    reminder = Reminder.objects.create(case=case, received=received, sender=sender.strip(), note=note.strip())
    log_change(
        "create",
        "petitions.reminder",
        reminder.pk,
        f"Đôn đốc vụ việc {case.number}",
        None,
        {"received": received.isoformat(), "sender": sender},
    )
    _changed(case, received)
    return reminder


@transaction.atomic
def assign_handler(case: Case, handler, user=None) -> None:
    """Make `handler` one of the officers handling the case (and so able to see a denouncer)."""
    case.handlers.add(handler)
    log_change("update", "petitions.case", case.pk, str(case), None, {"handler_added": handler.username})
