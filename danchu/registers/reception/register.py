"""The reception and dialogue registers declared: file columns and the figures they feed."""

from __future__ import annotations

from django.db.models import Exists, F, OuterRef, Q

from danchu.registers.figures import Figure, Month, in_month, product
from danchu.registers.kinds import Column, Register, register
from danchu.registers.parsing import choice, count, dates, text, yes_no

from .models import Dialogue, Form, Leader, Turn

FORMS = ["thuong_xuyen", "lanh_dao"]
HEADS = ["bi_thu", "chu_tich"]


def turns(unit):
    return Turn.objects.filter(unit=unit)


def first_turns_of_matter(m: Month) -> Q:
    """Turns in the month that are the first of their matter (and form) in the reporting year,
    and turns without a matter: the year's sum of months counts each matter once."""
    earlier = Turn.objects.filter(
        unit=OuterRef("unit"), case=OuterRef("case"), form=OuterRef("form"), date__gte=m.year.start
    ).filter(Q(date__lt=OuterRef("date")) | Q(date=OuterRef("date"), pk__lt=OuterRef("pk")))
    return Q(date__gte=m.start, date__lte=m.end) & (Q(case="") | ~Q(Exists(earlier)))


@register
class ReceptionRegister(Register):
    kind = "reception"
    slug = "tiep-cong-dan"
    name = "Sổ tiếp công dân"
    record_name = "lượt tiếp"
    model = Turn
    date_field = "date"
    date_column = "date"
    columns = [
        Column("date", "Ngày", dates, required=True),
        Column("unit", "Mã đơn vị", text(32), required=True),
        Column("session", "Buổi tiếp", text(60)),
        Column("form", "Hình thức", choice(Form), required=True),
        Column("leader", "Người tiếp", choice(Leader)),
        Column("people", "Số người", count),
        Column("case", "Vụ việc", text(40)),
        Column("group", "Đoàn đông người", yes_no),
        Column("content", "Nội dung", text(5000)),
    ]
    figures = [
        Figure(
            "TCD_LUOT", turns, in_month("date"), keys=product(hinh_thuc=FORMS), dims={"hinh_thuc": F("form")}
        ),
        Figure(
            "TCD_NGUOI",
            turns,
            in_month("date"),
            keys=product(hinh_thuc=FORMS),
            dims={"hinh_thuc": F("form")},
            measure="sum:people",
        ),
        Figure(
            "TCD_VUVIEC",
            turns,
            first_turns_of_matter,
            keys=product(hinh_thuc=FORMS),
            dims={"hinh_thuc": F("form")},
        ),
        Figure(
            "TCD_DOAN",
            turns,
            in_month("date"),
            keys=product(hinh_thuc=FORMS),
            dims={"hinh_thuc": F("form")},
            where=Q(group=True),
        ),
        Figure(
            "TCD_DOAN_NGUOI",
            turns,
            in_month("date"),
            keys=product(hinh_thuc=FORMS),
            dims={"hinh_thuc": F("form")},
            where=Q(group=True),
            measure="sum:people",
        ),
        Figure(
            "TD_TIEPDAN",
            turns,
            in_month("date"),
            keys=product(chuc_danh=HEADS),
            dims={"chuc_danh": F("leader")},
            where=Q(leader__in=HEADS),
            measure="distinct:session",
        ),
    ]

    list_columns = [
        ("Ngày", "date"),
        ("Hình thức", lambda t: t.get_form_display()),
        ("Người tiếp", lambda t: t.get_leader_display()),
        ("Số người", "people"),
        ("Vụ việc", "case"),
        ("Nội dung", lambda t: t.content[:80]),
    ]

    @property
    def entry_form(self):  # type: ignore[override]
        from .forms import TurnForm

        return TurnForm

    def save_row(self, data: dict, unit, user):
        from .services import add_turn

        return add_turn(
            unit,
            date=data["date"],
            form=data["form"],
            people=data.get("people") or 1,
            leader=data.get("leader") or "",
            session=data.get("session") or "",
            case=data.get("case") or "",
            group=bool(data.get("group")),
            content=data.get("content") or "",
            user=user,
        )

    def as_row(self, record, user=None, at=None, why: str = "") -> dict:
        return {
            "date": record.date.isoformat(),
            "unit": record.unit.code,
            "session": record.session.code,
            "form": record.form,
            "leader": record.leader,
            "people": record.people,
            "case": record.case,
            "group": record.group,
            "content": record.content,
        }


@register
class DialoguesRegister(Register):
    kind = "dialogues"
    slug = "doi-thoai"
    name = "Sổ đối thoại với nhân dân"
    record_name = "cuộc đối thoại"
    model = Dialogue
    date_field = "date"
    date_column = "date"
    columns = [
        Column("date", "Ngày", dates, required=True),
        Column("unit", "Mã đơn vị", text(32), required=True),
        Column("leader", "Người chủ trì", choice(Leader), required=True),
        Column("participants", "Số người tham dự", count),
        Column("topic", "Chủ đề", text(500), required=True),
    ]
    figures = [
        Figure(
            "TD_DOITHOAI",
            lambda unit: Dialogue.objects.filter(unit=unit),
            in_month("date"),
            keys=product(chuc_danh=HEADS),
            dims={"chuc_danh": F("leader")},
            where=Q(leader__in=HEADS),
        ),
    ]

    list_columns = [
        ("Ngày", "date"),
        ("Người chủ trì", lambda d: d.get_leader_display()),
        ("Số người", "participants"),
        ("Chủ đề", "topic"),
    ]

    @property
    def entry_form(self):  # type: ignore[override]
        from .forms import DialogueForm

        return DialogueForm

    def save_row(self, data: dict, unit, user):
        from .services import add_dialogue

        return add_dialogue(
            unit,
            date=data["date"],
            leader=data["leader"],
            topic=data["topic"],
            participants=data.get("participants") or 0,
            user=user,
        )

    def as_row(self, record, user=None, at=None, why: str = "") -> dict:
        return {
            "date": record.date.isoformat(),
            "unit": record.unit.code,
            "leader": record.leader,
            "participants": record.participants,
            "topic": record.topic,
        }
