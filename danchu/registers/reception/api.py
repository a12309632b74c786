"""Reception turns and dialogues in the API (`/api/registers/reception`, `/api/registers/dialogues`)."""

from __future__ import annotations

import datetime as dt

from ninja import Router, Schema

from danchu.accounts.permissions import Role
from danchu.api.auth import api_auth
from danchu.api.common import unit_at
from danchu.api.errors import ApiError
from danchu.audit.context import acting
from danchu.registers import kinds

from . import services

router = Router(auth=api_auth, tags=["sổ tiếp công dân"])


class TurnIn(Schema):
    unit: str
    date: dt.date
    form: str
    people: int = 1
    leader: str = ""
    session: str = ""
    case: str = ""
    group: bool = False
    content: str = ""


class DialogueIn(Schema):
    unit: str
    date: dt.date
    leader: str
    topic: str
    participants: int = 0


def _run(request, call):
    try:
        with acting(request.auth, source="api", request_id=getattr(request, "id", None)):
            return call()
    except services.ReceptionRefused as exc:
        raise ApiError(422, str(exc), exc.field)


@router.post("/reception/new", summary="Ghi một lượt tiếp công dân")
def add_turn(request, payload: TurnIn):
    unit = unit_at(request.auth, payload.unit, payload.date, role=Role.ENTER)
    data = payload.dict(exclude={"unit"})
    turn = _run(request, lambda: services.add_turn(unit, user=request.auth, **data))
    return kinds.get("reception").as_row(turn)


@router.post("/dialogues/new", summary="Ghi một cuộc đối thoại")
def add_dialogue(request, payload: DialogueIn):
    unit = unit_at(request.auth, payload.unit, payload.date, role=Role.ENTER)
    data = payload.dict(exclude={"unit"})
    dialogue = _run(request, lambda: services.add_dialogue(unit, user=request.auth, **data))
    return kinds.get("dialogues").as_row(dialogue)
