"""Three communes of Thành phố Lai Châu keep their books in danchu, and their figures come from
the books instead of being typed (docs/registers.md):

- reception and dialogues: Quyết Thắng (03386), Tân Phong (03387), Sùng Phài (03403) — turns,
  sessions and dialogues are laid out so the books give exactly each commune's share of the
  report's figures (footnote 20, appendix 6.3); the province's totals do not move;
- petitions: Quyết Thắng keeps a small 2023 book; the đơn in it are taken out of Thành phố Lai
  Châu's own (district) share, so the province's 1.172 đơn, 904 thuộc thẩm quyền and 87,3% stay;
  a few 2025 đơn still open make the deadline lists show something.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from danchu.analytics.engine import aggregate
from danchu.registers import kinds, writing
from danchu.registers.models import Keeping
from danchu.registers.petitions import services as petitions
from danchu.registers.reception import services as reception
from danchu.units.models import Unit
from danchu.values import periods
from danchu.values.services import InputRow

RECEPTION_COMMUNES = ["03386", "03387", "03403"]
PETITIONS_COMMUNE = "03386"
PETITIONS_DISTRICT = "105"
D = dt.date
P = petitions.Person

# number, received, channel, kind, what happened: (action, day, eligible, competent, extra),
# resolution (day, outcome) or None, petitioner
BOOK_2023 = [
    (
        "2023-001",
        D(2023, 1, 9),
        "truc_tiep",
        "khieu_nai",
        ("thu_ly", D(2023, 1, 25), True, True, ""),
        (D(2023, 2, 20), "sai"),
        "Lò Văn Xôm",
    ),
    (
        "2023-002",
        D(2023, 2, 13),
        "buu_chinh",
        "kien_nghi",
        ("thu_ly", D(2023, 2, 15), True, True, ""),
        (D(2023, 3, 10), "da_giai_quyet"),
        "Tòng Thị Ươi",
    ),
    (
        "2023-003",
        D(2023, 3, 20),
        "truc_tiep",
        "phan_anh",
        ("thu_ly", D(2023, 3, 21), True, True, ""),
        (D(2023, 4, 5), "da_giai_quyet"),
        "Lường Văn Ên",
    ),
    (
        "2023-004",
        D(2023, 4, 17),
        "truc_tiep",
        "to_cao",
        ("huong_dan", D(2023, 4, 18), True, False, ""),
        None,
        "Giàng A Dơ",
    ),
    (
        "2023-005",
        D(2023, 5, 22),
        "truc_tuyen",
        "kien_nghi",
        ("chuyen", D(2023, 5, 24), True, False, "Sở Tài nguyên và Môi trường"),
        None,
        "Vàng Thị Mỷ",
    ),
    (
        "2023-006",
        D(2023, 6, 19),
        "truc_tiep",
        "kien_nghi",
        ("thu_ly", D(2023, 6, 20), True, True, ""),
        (D(2023, 7, 17), "da_giai_quyet"),
        "Đèo Văn Thắng",
    ),
    (
        "2023-007",
        D(2023, 7, 24),
        "buu_chinh",
        "phan_anh",
        ("thu_ly", D(2023, 7, 26), True, True, ""),
        (D(2023, 8, 21), "da_giai_quyet"),
        "Hoàng Thị Nga",
    ),
    (
        "2023-008",
        D(2023, 8, 28),
        "truc_tiep",
        "kien_nghi",
        ("luu", D(2023, 8, 29), False, False, ""),
        None,
        "Khúc Văn Hải",
    ),
    (
        "2023-009",
        D(2023, 9, 25),
        "truc_tiep",
        "kien_nghi",
        ("thu_ly", D(2023, 9, 26), True, True, ""),
        None,
        "Sùng Thị Dua",
    ),
    (
        "2023-010",
        D(2023, 11, 6),
        "truc_tuyen",
        "phan_anh",
        ("thu_ly", D(2023, 11, 7), True, True, ""),
        None,
        "Lò Thị Phương",
    ),
]
BOOK_2025 = [
    (
        "2025-001",
        D(2025, 5, 19),
        "truc_tiep",
        "to_cao",
        ("thu_ly", D(2025, 5, 26), True, True, ""),
        None,
        "Lý A Chư",
    ),
    ("2025-002", D(2025, 6, 9), "buu_chinh", "khieu_nai", None, None, "Tao Văn Sơn"),
]


def fed_elements(*kinds_: str) -> set[str]:
    return {code for k in kinds_ for code in kinds.get(k).elements()}


def take_over(rows: list[InputRow]) -> tuple[list[InputRow], dict[tuple[str, str, str], int]]:
    """Split the demo's 2023 hand rows: those the communes' books will give instead, by
    (unit, element, dimensions), and the rest."""
    books = {c: fed_elements("reception", "dialogues") for c in RECEPTION_COMMUNES}
    books[PETITIONS_COMMUNE] |= fed_elements("petitions")
    kept, shares = [], {}
    for row in rows:
        if row.period == "2023" and row.element in books.get(row.unit, ()):
            shares[(row.unit, row.element, row.dimensions)] = int(float(str(row.value)))
        else:
            kept.append(row)
    return kept, shares


def _spread_days(n: int, year: periods.Period, offset: int = 0) -> list[dt.date]:
    """`n` days spread over the reporting year, working days, none in the future."""
    span = (year.end - year.start).days
    out = []
    for i in range(n):
        day = year.start + dt.timedelta(days=(offset + i * span // max(n, 1) + 3) % span)
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        out.append(day)
    return sorted(out)


def _reception_book(unit: Unit, share: dict[str, int], year: periods.Period) -> None:
    """Sessions, turns and dialogues that give exactly `share` ({"TCD_LUOT|hinh_thuc=…": n, …})."""
    heads = {
        "chu_tich": share.get("TD_TIEPDAN|chuc_danh=chu_tich", 0),
        "bi_thu": share.get("TD_TIEPDAN|chuc_danh=bi_thu", 0),
    }
    sessions = []
    for k, (leader, n) in enumerate(heads.items()):
        for i, day in enumerate(_spread_days(n, year, offset=k * 5)):
            sessions.append(
                reception.add_session(unit, date=day, leader=leader, code=f"{leader}-{day:%Y%m%d}-{i}")
            )
    for form in ("thuong_xuyen", "lanh_dao"):
        turns = share.get(f"TCD_LUOT|hinh_thuc={form}", 0)
        people = share.get(f"TCD_NGUOI|hinh_thuc={form}", 0)
        matters = share.get(f"TCD_VUVIEC|hinh_thuc={form}", 0)
        days = _spread_days(turns, year, offset=11 if form == "lanh_dao" else 0)
        for i, day in enumerate(days):
            extra = people - turns
            count = 1 + extra // turns + (1 if i < extra % turns else 0)
            matter = (
                f"{form[:2].upper()}-{i + 1}"
                if i < matters
                else f"{form[:2].upper()}-{(i - matters) % matters + 1}"
            )
            if form == "lanh_dao" and sessions:
                session = sessions[i % len(sessions)]
                reception.add_turn(
                    unit,
                    date=session.date,
                    form=form,
                    people=count,
                    leader=session.leader,
                    session=session.code,
                    case=matter,
                    content="Kiến nghị về đất đai, chính sách",
                )
            else:
                reception.add_turn(
                    unit,
                    date=day,
                    form=form,
                    people=count,
                    leader="" if form == "thuong_xuyen" else "khac",
                    case=matter,
                    content="Hỏi chính sách, kiến nghị dân sinh",
                )
    for leader in ("chu_tich", "bi_thu"):
        n = share.get(f"TD_DOITHOAI|chuc_danh={leader}", 0)
        for day in _spread_days(n, year, offset=20):
            reception.add_dialogue(
                unit,
                date=day,
                leader=leader,
                topic="Đối thoại với nhân dân về xây dựng đô thị văn minh",
                participants=40,
            )


def _petitions_book(unit: Unit, book) -> None:
    for number, received, channel, kind, step, resolution, name in book:
        p = petitions.receive(
            unit,
            received=received,
            channel=channel,
            kind=kind,
            number=number,
            content="Đơn mẫu của sổ tiếp nhận, xử lý đơn",
            petitioners=[P(name, "Phường Quyết Thắng")],
        )
        if step:
            action, day, eligible, competent, target = step
            petitions.handle(
                p, action=action, day=day, eligible=eligible, competent=competent, transferred_to_name=target
            )
        if resolution:
            petitions.resolve(p.case, day=resolution[0], outcome=resolution[1])
    first = petitions.Petition.objects.filter(unit=unit, number="2023-009").first()
    if first is not None:
        petitions.add_reminder(
            first.case, received=D(2023, 11, 20), sender="Ủy ban nhân dân thành phố Lai Châu"
        )


def load_books(shares: dict[tuple[str, str, str], int]) -> int:
    """Enter the communes' books once (a second run finds them kept and changes nothing)."""
    year = periods.parse("2023")
    by_unit: dict[str, dict[str, int]] = defaultdict(dict)
    for (code, element, dims), value in shares.items():
        by_unit[code][f"{element}|{dims}" if dims else element] = value
    made = 0
    with writing.batch():
        for code in RECEPTION_COMMUNES:
            unit = Unit.objects.at(year.end).get(code=code)
            if not Keeping.objects.filter(unit=unit, kind="reception").exists():
                _reception_book(unit, by_unit[code], year)
                made += 1
        unit = Unit.objects.at(year.end).get(code=PETITIONS_COMMUNE)
        if not Keeping.objects.filter(unit=unit, kind="petitions").exists():
            _petitions_book(unit, BOOK_2023 + BOOK_2025)
            made += 1
    return made


def move_petitions_from_district(rows: list[InputRow]) -> list[InputRow]:
    """Take the commune book's 2023 figures out of its district's own share."""
    year = periods.parse("2023")
    commune = Unit.objects.at(year.end).get(code=PETITIONS_COMMUNE)
    elements = sorted(fed_elements("petitions"))
    booked = aggregate(commune, year, elements=elements)
    given = {
        (r.element, ";".join(f"{k}={v}" for k, v in sorted(r.dimensions.items()))): r.value
        for r in booked.rows
        if r.kind == "element"
    }
    out = []
    for row in rows:
        if row.unit == PETITIONS_DISTRICT and row.period == "2023" and row.element in elements:
            key = (row.element, ";".join(f"{k}={v}" for k, v in sorted(_dims(row.dimensions).items())))
            value = int(float(str(row.value))) - int(given.get(key) or 0)
            if value < 0:
                raise ValueError(f"sổ mẫu của {PETITIONS_COMMUNE} vượt phần của {PETITIONS_DISTRICT}: {key}")
            row = InputRow(row.element, row.unit, row.period, value, row.dimensions, row.comment)
        out.append(row)
    return out


def _dims(text: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in text.split(";") if part)
