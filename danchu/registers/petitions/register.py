"""The petitions register declared: its file columns and the figures it feeds (docs/registers.md
gives each figure's definition)."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, Q

from danchu.registers import writing
from danchu.registers.figures import Figure, Month, in_month, mapped, months_between, product
from danchu.registers.kinds import Column, Register, register
from danchu.registers.parsing import choice, dates, text, yes_no

from .models import LOAI_DON, Action, Case, Channel, Kind, Outcome, Petition, Reminder

LOAI = ["khieu_nai", "to_cao", "kien_nghi"]
loai_don = mapped("kind", LOAI_DON)


def petitions(unit):
    return Petition.objects.filter(unit=unit)


def cases(unit):
    return Case.objects.filter(unit=unit, opened__isnull=False)


def received_in(m: Month) -> Q:
    return Q(received__gte=m.start, received__lte=m.end)


def carried_into(m: Month) -> Q | None:
    """Đơn received before the reporting year and still being handled at its start: counted once
    a year, in the year's first month, so that the year's sum of months is the year's figure."""
    if not m.first_of_year:
        return None
    start = m.year.start
    return Q(received__lt=start) & (Q(closed_on__isnull=True) | Q(closed_on__gte=start))


def handled_in(m: Month) -> Q:
    """The đơn a month deals with: received in it, and in a year's first month those carried in."""
    carried = carried_into(m)
    return received_in(m) | carried if carried is not None else received_in(m)


def cases_in(m: Month) -> Q:
    """Cases that first had a competent đơn in the month, and in a year's first month the cases
    still open at the year's start."""
    q = Q(opened__gte=m.start, opened__lte=m.end)
    if m.first_of_year:
        start = m.year.start
        q |= Q(opened__lt=start) & (Q(resolved__isnull=True) | Q(resolved__gte=start))
    return q


def late_in(m: Month) -> Q | None:
    """Cases resolved late in the month; at a finished year's last month also those still open
    and past their limit at the year's end."""
    q = Q(resolved__gte=m.start, resolved__lte=m.end, resolved__gt=F("resolve_due"))
    if m.last_of_year and m.year.end < writing.today():
        end = m.year.end
        q |= Q(resolve_due__lt=end) & (Q(resolved__isnull=True) | Q(resolved__gt=end))
    return q


ELIGIBLE = Q(eligible=True)
KETQUA_KEYS = [
    {"loai_don": lo, "ket_qua": kq}
    for lo in ("khieu_nai", "to_cao")
    for kq in ("dung", "dung_mot_phan", "sai", "rut")
] + [{"loai_don": "kien_nghi", "ket_qua": kq} for kq in ("da_giai_quyet", "rut")]


@register
class PetitionsRegister(Register):
    kind = "petitions"
    slug = "don"
    name = "Sổ tiếp nhận, xử lý đơn"
    record_name = "đơn"
    model = Petition
    date_field = "received"
    date_column = "received"
    columns = [
        Column("number", "Số đơn", text(40)),
        Column("unit", "Mã đơn vị", text(32), required=True),
        Column("received", "Ngày nhận", dates, required=True),
        Column("channel", "Nguồn đơn", choice(Channel), required=True),
        Column("kind", "Loại đơn", choice(Kind), required=True),
        Column("case", "Số vụ việc", text(40)),
        Column("eligible", "Đủ điều kiện xử lý", yes_no),
        Column("competent", "Thuộc thẩm quyền", yes_no),
        Column("action", "Xử lý", choice(Action)),
        Column("accepted", "Ngày thụ lý", dates),
        Column("resolved", "Ngày giải quyết xong", dates),
        Column("outcome", "Kết quả", choice(Outcome)),
        Column("remote", "Vùng sâu, vùng xa", yes_no),
        Column("petitioner", "Người gửi đơn (cách nhau dấu ;)", text(1000)),
        Column("content", "Nội dung", text(5000)),
        # optional, beyond the columns
        Column("handled", "Ngày xử lý (chuyển, hướng dẫn, trả lại, lưu)", dates),
        Column("transferred_to", "Chuyển đến (mã đơn vị hoặc tên cơ quan)", text(300)),
        Column("second", "Khiếu nại lần hai", yes_no),
    ]
    figures = [
        Figure(
            "DON_TIEPNHAN",
            petitions,
            in_month("received"),
            keys=product(nguon=["trong_ky"], loai_don=LOAI),
            dims={"nguon": "trong_ky", "loai_don": loai_don},
            label="đơn nhận trong tháng",
        ),
        Figure(
            "DON_TIEPNHAN",
            petitions,
            carried_into,
            keys=product(nguon=["ky_truoc"], loai_don=LOAI),
            dims={"nguon": "ky_truoc", "loai_don": loai_don},
            label="đơn nhận trước năm báo cáo, chưa xử lý xong ở đầu năm (tính vào tháng đầu năm)",
        ),
        Figure("DON_DUDK", petitions, handled_in, keys=[{}], where=ELIGIBLE),
        Figure(
            "DON_THAMQUYEN",
            petitions,
            handled_in,
            keys=product(loai_don=LOAI),
            dims={"loai_don": loai_don},
            where=ELIGIBLE & Q(competent=True),
        ),
        Figure("DON_KHONG_THAMQUYEN", petitions, handled_in, keys=[{}], where=ELIGIBLE & Q(competent=False)),
        Figure(
            "DON_XULY",
            petitions,
            handled_in,
            keys=product(xu_ly=["chuyen", "huong_dan", "tra_lai", "luu"]),
            dims={"xu_ly": F("action")},
            where=ELIGIBLE & Q(competent=False) & ~Q(action=""),
        ),
        Figure("VV_THAMQUYEN", cases, cases_in, keys=product(loai_don=LOAI), dims={"loai_don": loai_don}),
        Figure(
            "VV_DAGIAIQUYET",
            cases,
            in_month("resolved"),
            keys=product(loai_don=LOAI),
            dims={"loai_don": loai_don},
        ),
        Figure(
            "VV_KETQUA",
            cases,
            in_month("resolved"),
            keys=KETQUA_KEYS,
            dims={"loai_don": loai_don, "ket_qua": F("outcome")},
        ),
        Figure(
            "VV_QUAHAN",
            cases,
            late_in,
            keys=product(loai_don=["khieu_nai", "to_cao"]),
            dims={"loai_don": loai_don},
            where=Q(resolve_due__isnull=False),
        ),
        Figure(
            "DON_DONDOC",
            lambda unit: Reminder.objects.filter(case__unit=unit),
            in_month("received"),
            keys=product(loai_don=LOAI),
            dims={"loai_don": mapped("case__kind", LOAI_DON)},
        ),
    ]

    list_columns = [
        ("Số đơn", "number"),
        ("Ngày nhận", "received"),
        ("Loại", lambda p: p.get_kind_display()),
        ("Nội dung", lambda p: p.content[:80]),
        ("Trạng thái", lambda p: _state_label(p)),
        ("Hạn", lambda p: _due(p)),
    ]
    detail_template = "petitions/detail.html"

    @property
    def entry_form(self):  # type: ignore[override]
        from .forms import PetitionForm

        return PetitionForm

    def create(self, cleaned: dict, unit, user):
        from .services import Person, receive

        return receive(
            unit,
            received=cleaned["received"],
            channel=cleaned["channel"],
            kind=cleaned["kind"],
            content=cleaned.get("content") or "",
            petitioners=[
                Person(cleaned.get("name") or "", cleaned.get("address") or "", cleaned.get("phone") or "")
            ],
            case=cleaned.get("case") or None,
            user=user,
        )

    def detail_context(self, record, request) -> dict:
        from .views import detail_context

        return detail_context(record, request)

    def months_for(self, unit, days: list[dt.date], last: dt.date) -> list[Month]:
        """A change on `days` affects those days' months, and the first and last months of every
        reporting year from the first day's on (carried-over đơn and cases, cases overdue at a
        year's end); nothing else, so entering today's đơn rewrites one or two months."""
        months = {m.code: m for m in months_between(unit, days[0], last) if m.first_of_year or m.last_of_year}
        for day in days:
            for m in months_between(unit, day, day):
                months[m.code] = m
        return sorted(months.values(), key=lambda m: m.start)

    def save_row(self, data: dict, unit, user):
        from .files import save_row

        return save_row(data, unit, user)

    def as_row(self, record, user=None, at: dt.date | None = None, why: str = "") -> dict:
        from .files import as_row

        return as_row(record, user, at=at, why=why)


def _state_label(petition) -> str:
    from .files import STATES, state

    return STATES[state(petition)]


def _due(petition) -> str:
    from .clocks import deadlines

    open_ones = [d for d in deadlines(petition).values() if d]
    return open_ones[-1].strftime("%d/%m/%Y") if open_ones else ""


def overdue_q(at: dt.date) -> Q:
    """Đơn late at `at` (the same test as clocks.is_overdue, in the database): past the
    acceptance or handling limit without being handled by then, or handled after it; or their
    case past its resolution limit, open at `at` or resolved after the limit."""
    handling = Q(due__lt=at) & (Q(action="") | Q(handled__gt=at) | Q(handled__gt=F("due")))
    resolving = Q(case__resolve_due__lt=at, case__accepted__lte=at) & (
        Q(case__resolved__isnull=True)
        | Q(case__resolved__gt=at)
        | Q(case__resolved__gt=F("case__resolve_due"))
    )
    return handling | resolving


PetitionsRegister.overdue_q = staticmethod(overdue_q)  # type: ignore[attr-defined]
