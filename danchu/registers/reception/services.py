"""Entering reception turns and dialogues: one path for the web, the API, commands and imports."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from danchu.registers import kinds, writing
from danchu.registers.changes import log_record
from danchu.registers.keeping import ensure_kept
from danchu.registers.kinds import RegisterError
from danchu.units.models import Unit

from .models import Dialogue, Form, Leader, Session, Turn


class ReceptionRefused(RegisterError):
    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.field = field


def _check(unit: Unit, day: dt.date | None, field: str = "date") -> dt.date:
    if day is None:
        raise ReceptionRefused("Thiếu ngày.", field)
    if day > writing.today():
        raise ReceptionRefused(f"Ngày {day:%d/%m/%Y} chưa tới.", field)
    if not unit.is_valid_at(day):
        raise ReceptionRefused(f"{unit.name} không có hiệu lực ngày {day:%d/%m/%Y}.", "unit")
    return day


@transaction.atomic
def add_turn(
    unit: Unit,
    *,
    date: dt.date,
    form: str,
    people: int = 1,
    leader: str = "",
    session: str = "",
    case: str = "",
    group: bool = False,
    content: str = "",
    user=None,
) -> Turn:
    """Record a reception turn in a session (found by its code, or the day's session of that
    leader or form when no code is given)."""
    _check(unit, date)
    if form not in Form.values:
        raise ReceptionRefused(f"Hình thức '{form}' không hợp lệ (dùng: {'|'.join(Form.values)}).", "form")
    if leader and leader not in Leader.values:
        raise ReceptionRefused(
            f"Người tiếp '{leader}' không hợp lệ (dùng: {'|'.join(Leader.values)}).", "leader"
        )
    if form == Form.LEADER and not leader:
        raise ReceptionRefused(
            "Lãnh đạo tiếp thì phải ghi người tiếp (bi_thu, chu_tich hoặc khac).", "leader"
        )
    if people < 1:
        raise ReceptionRefused("Một lượt tiếp có ít nhất 1 người.", "people")
    register = kinds.get("reception")
    ensure_kept(register, unit, date, user=user)
    code = session.strip() or f"{date:%Y-%m-%d}-{leader or form}"
    found = Session.objects.filter(unit=unit, code=code).first()
    if found is None:
        found = Session.objects.create(unit=unit, code=code, date=date)
        log_record("create", found)
    elif found.date != date:
        raise ReceptionRefused(
            f"Buổi tiếp '{code}' là ngày {found.date:%d/%m/%Y}, không phải {date:%d/%m/%Y}.", "session"
        )
    turn = Turn.objects.create(
        unit=unit,
        session=found,
        date=date,
        form=form,
        leader=leader,
        people=people,
        case=case.strip(),
        group=group,
        content=content.strip(),
        created_by=user if getattr(user, "pk", None) else None,
    )
    log_record("create", turn)
    writing.changed(register, unit, date)
    return turn


@transaction.atomic
def add_dialogue(
    unit: Unit, *, date: dt.date, leader: str, topic: str, participants: int = 0, user=None
) -> Dialogue:
    _check(unit, date)
    if leader not in Leader.values:
        raise ReceptionRefused(
            f"Người chủ trì '{leader}' không hợp lệ (dùng: {'|'.join(Leader.values)}).", "leader"
        )
    if not topic.strip():
        raise ReceptionRefused("Thiếu chủ đề đối thoại.", "topic")
    register = kinds.get("dialogues")
    ensure_kept(register, unit, date, user=user)
    dialogue = Dialogue.objects.create(
        unit=unit,
        date=date,
        leader=leader,
        topic=topic.strip(),
        participants=participants,
        created_by=user if getattr(user, "pk", None) else None,
    )
    log_record("create", dialogue)
    writing.changed(register, unit, date)
    return dialogue


@transaction.atomic
def delete(record: Turn | Dialogue, user=None) -> None:
    """Remove a turn or dialogue entered by mistake (kept in the change log)."""
    register = kinds.get("reception" if isinstance(record, Turn) else "dialogues")
    before = record.snapshot()
    unit, day = record.unit, record.date
    log_record("delete", record, before)
    record.delete()
    writing.changed(register, unit, day)
