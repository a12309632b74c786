"""Demo data: Lai Châu's legacy tree with the 2023 figures of report 39-BC/BCĐ (and the 2022
figures it compares against), loaded through the one write path, plus three demo users.

A tier's total (seed_2023) is spread over the tier's units deterministically:
- districts are weighted by their number of communes, communes by `2 + code % 3`, boards
  (`*_BAN`) equally; largest remainders get the leftover units, ties to the lower code;
- figures that must stay ordered inside every unit (vụ việc ≤ lượt ≤ người, hòa giải thành ≤
  hòa giải, đã giải quyết ≤ thuộc thẩm quyền ≤ đơn thuộc thẩm quyền, …) are spread as the
  smallest one plus the spread of each difference, so every unit passes the form's rules.
Loading twice changes nothing: units and values are keyed, users are only saved when different.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction

from danchu.accounts.models import Membership, Role
from danchu.audit.context import acting
from danchu.units import loader
from danchu.units.models import Unit
from danchu.values import periods
from danchu.values.models import DataValue
from danchu.values.services import InputRow, apply_rows

from .registers import load_books, move_petitions_from_district, take_over
from .seed_2023 import FIGURES, Figure

PROVINCE = "12"
DEMO_PASSWORD = "demo-danchu-2023"
# username, unit code, role, display name
USERS = [
    ("demo", "12", Role.ADMIN, "Văn phòng Ban Chỉ đạo tỉnh Lai Châu"),
    ("huyen.tp-lai-chau", "105", Role.APPROVE, "Ban Chỉ đạo thành phố Lai Châu"),
    ("xa.quyet-thang", "03386", Role.ENTER, "Ban Chỉ đạo phường Quyết Thắng"),
]

# Elements that must not decrease along each chain inside every unit (same dimensions).
CHAINS: list[tuple[str, ...]] = [
    ("TCD_VUVIEC", "TCD_LUOT", "TCD_NGUOI"),
    ("VV_DAGIAIQUYET", "VV_THAMQUYEN", "DON_THAMQUYEN"),
    ("HG_THANH", "HG_VUVIEC"),
    ("HG_TO", "HG_VIEN"),
    ("TTND_KIENNGHI", "TTND_GIAMSAT"),
    ("TTND_BAN", "TTND_THANHVIEN"),
    ("GSDT_KIENNGHI", "GSDT_GIAMSAT"),
    ("GSDT_BAN", "GSDT_THANHVIEN"),
    ("THON_QUYUOC", "THON_TONG"),
    ("KT_DOAN", "KT_DONVI"),
]
EQUAL_WEIGHTS = {"TTND_BAN", "GSDT_BAN"}
# Derived inside every unit rather than spread on their own (see _spread_letters).
LETTERS = {"DON_TIEPNHAN", "DON_DUDK", "DON_KHONG_THAMQUYEN"}
COMMENT = "Dữ liệu mẫu theo Báo cáo số 39-BC/BCĐ ngày 21/12/2023 của BCĐ tỉnh Lai Châu"


def apportion(total: int, weights: Sequence[int]) -> list[int]:
    """Split `total` into integers proportional to `weights` (largest remainder, ties to the
    first); a unit never gets more than the ceiling of its exact share."""
    if total < 0:
        raise ValueError(f"không chia được số âm {total}")
    weight_sum = sum(weights)
    if weight_sum <= 0:
        raise ValueError("tổng trọng số phải dương")
    shares = [total * w // weight_sum for w in weights]
    rest = total - sum(shares)
    order = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % weight_sum), i))
    for i in order[:rest]:
        shares[i] += 1
    return shares


@dataclass
class Tiers:
    """The units of each tier of the province at a date, in code order, with their weights."""

    units: dict[str, list[Unit]]
    weights: dict[str, list[int]]

    @classmethod
    def at(cls, date: dt.date) -> Tiers:
        province = Unit.objects.at(date).filter(code=PROVINCE, tier="tinh").get()
        loaded = Unit.objects.at(date).filter(source_key__isnull=False)
        districts = list(loaded.filter(parent=province, tier="huyen").order_by("code"))
        communes = list(loaded.filter(parent__in=districts, tier="xa").order_by("code"))
        per_district: dict[int, int] = defaultdict(int)
        for c in communes:
            per_district[c.parent_id] += 1
        return cls(
            units={"tinh": [province], "huyen": districts, "xa": communes},
            weights={
                "tinh": [1],
                "huyen": [per_district[d.pk] for d in districts],
                "xa": [2 + int(c.code) % 3 if c.code.isdigit() else 3 for c in communes],
            },
        )

    def weights_for(self, tier: str, element: str) -> list[int]:
        if element in EQUAL_WEIGHTS:
            return [1] * len(self.units[tier])
        return self.weights[tier]


def spread(figures: Sequence[Figure], tiers: Tiers) -> dict[tuple[str, str, str], list[int]]:
    """{(tier, element, dimensions): one integer per unit of the tier}, summing to each figure."""
    given: dict[tuple[str, str, str], int] = {}
    for f in figures:
        key = (f.tier, f.element, f.dimensions)
        if key in given:
            raise ValueError(f"số liệu mẫu trùng: {key}")
        given[key] = f.value
    out: dict[tuple[str, str, str], list[int]] = {}
    chained = {code for chain in CHAINS for code in chain}
    for (tier, element, dims), value in given.items():
        if element in LETTERS or element in chained:
            continue
        out[(tier, element, dims)] = apportion(value, tiers.weights_for(tier, element))
    for chain in CHAINS:
        for tier, dims in sorted({(k[0], k[2]) for k in given if k[1] in chain}):
            previous: list[int] | None = None
            previous_total = 0
            for code in chain:
                key = (tier, code, dims)
                if key not in given:
                    continue
                total = given[key]
                if previous is None:
                    shares = apportion(total, tiers.weights_for(tier, code))
                else:
                    if total < previous_total:
                        raise ValueError(f"{code} ({total}) nhỏ hơn chỉ tiêu đứng trước trong chuỗi")
                    extra = apportion(total - previous_total, tiers.weights[tier])
                    shares = [a + b for a, b in zip(previous, extra, strict=True)]
                out[key] = shares
                previous, previous_total = shares, total
    _spread_letters(given, out, tiers)
    return out


def _spread_letters(given: dict, out: dict, tiers: Tiers) -> None:
    """Đơn tiếp nhận ≥ đơn đủ điều kiện = đơn thuộc thẩm quyền + đơn không thuộc thẩm quyền,
    inside every unit; the letters beyond the competent ones are kiến nghị first."""
    for tier in {k[0] for k in given if k[1] in LETTERS}:
        n = len(tiers.units[tier])
        weights = tiers.weights[tier]
        zero = [0] * n
        not_competent = out.setdefault(
            (tier, "DON_KHONG_THAMQUYEN", ""),
            apportion(given.get((tier, "DON_KHONG_THAMQUYEN", ""), 0), weights),
        )
        loai = ["khieu_nai", "to_cao", "kien_nghi"]
        competent = {lo: out.get((tier, "DON_THAMQUYEN", f"loai_don={lo}"), zero) for lo in loai}
        if (tier, "DON_DUDK", "") in given:
            shares = [sum(competent[lo][i] for lo in loai) + not_competent[i] for i in range(n)]
            if sum(shares) != given[(tier, "DON_DUDK", "")]:
                raise ValueError("DON_DUDK phải bằng đơn thuộc thẩm quyền + đơn không thuộc thẩm quyền")
            out[(tier, "DON_DUDK", "")] = shares
        for lo in loai:
            cells = {
                nguon: given.get((tier, "DON_TIEPNHAN", f"loai_don={lo};nguon={nguon}"))
                for nguon in ("ky_truoc", "trong_ky")
            }
            if all(v is None for v in cells.values()):
                continue
            received = sum(v or 0 for v in cells.values())
            extra = received - sum(competent[lo])
            if lo == "kien_nghi":
                extra -= sum(not_competent)
            if extra < 0:
                raise ValueError(f"đơn tiếp nhận loại {lo} ít hơn số đơn đã xử lý")
            spread_extra = apportion(extra, weights)
            per_unit = [
                competent[lo][i] + spread_extra[i] + (not_competent[i] if lo == "kien_nghi" else 0)
                for i in range(n)
            ]
            carried = apportion(cells["ky_truoc"] or 0, per_unit) if sum(per_unit) else zero
            out[(tier, "DON_TIEPNHAN", f"loai_don={lo};nguon=ky_truoc")] = carried
            out[(tier, "DON_TIEPNHAN", f"loai_don={lo};nguon=trong_ky")] = [
                a - b for a, b in zip(per_unit, carried, strict=True)
            ]
        if (tier, "DON_KHONG_THAMQUYEN", "") not in given:
            out.pop((tier, "DON_KHONG_THAMQUYEN", ""), None)


def demo_rows(period_code: str) -> list[InputRow]:
    """The InputRows of one period: every unit of a tier gets its share (zeros included)."""
    period = periods.parse(period_code)
    tiers = Tiers.at(period.end)
    rows = []
    for (tier, element, dims), shares in sorted(spread(FIGURES[period_code], tiers).items()):
        for unit, value in zip(tiers.units[tier], shares, strict=True):
            rows.append(InputRow(element, unit.code, period_code, value, dims, COMMENT))
    return rows


@dataclass
class DemoResult:
    units_created: int = 0
    values_created: int = 0
    values_updated: int = 0
    values_unchanged: int = 0
    users_created: list[str] = field(default_factory=list)
    books: int = 0
    logins: list[tuple[str, str, str, str]] = field(default_factory=list)

    def summary(self) -> list[str]:
        lines = [
            f"Đơn vị: {self.units_created} đơn vị mới (cây trước và sau 1/7/2025 của tỉnh Lai Châu).",
            f"Số liệu năm 2023 và 2022: {self.values_created} giá trị mới, {self.values_updated} giá trị "
            f"được thay, {self.values_unchanged} giá trị không đổi.",
            f"Sổ theo dõi: {self.books} sổ mới (tiếp công dân, đối thoại của 3 phường, xã; sổ đơn của phường "
            "Quyết Thắng); số liệu của các sổ được tính từ sổ.",
            f"Người dùng mới: {', '.join(self.users_created) if self.users_created else 'không có'}.",
            "Đăng nhập (mật khẩu chung: " + DEMO_PASSWORD + "):",
        ]
        lines += [f"  {u} — {role} tại {unit}" for u, _, role, unit in self.logins]
        return lines


def _ensure_user(username: str, unit: Unit, role: str, name: str, result: DemoResult) -> None:
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username, defaults={"first_name": name})
    dirty = []
    if created or not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        dirty.append("password")
    if user.first_name != name:
        user.first_name = name
        dirty.append("first_name")
    if not user.is_active:
        user.is_active = True
        dirty.append("is_active")
    if dirty:
        user.save(update_fields=dirty)
    if created:
        result.users_created.append(username)
    membership = Membership.objects.filter(user=user, unit=unit).first()
    if membership is None:
        Membership.objects.create(user=user, unit=unit, role=role)
    elif membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    result.logins.append((username, DEMO_PASSWORD, Role(role).label, unit.name))


def _key(row: InputRow) -> tuple[str, str, str, str]:
    return (row.element, row.unit, row.period, row.dimensions)


def _stored(rows: list[InputRow]) -> dict[tuple[str, str, str, str], tuple[float, str]]:
    """What is already stored for the demo's keys: {(element, unit, period, dims): (value, comment)}."""
    stored = {}
    for period in sorted({r.period for r in rows}):
        p = periods.parse(period)
        for element, unit, dims, value, comment in DataValue.objects.filter(
            start=p.start, end=p.end, unit__path__startswith=_province_path(p.end)
        ).values_list("element__code", "unit__code", "dimensions", "value", "comment"):
            stored[(element, unit, period, dims)] = (value, comment)
    return stored


def _province_path(date: dt.date) -> str:
    return Unit.objects.at(date).filter(code=PROVINCE, tier="tinh").values_list("path", flat=True).get()


def load_demo() -> DemoResult:
    """Load (or re-load, changing nothing) Lai Châu's units, 2023 and 2022 figures and users."""
    result = DemoResult()
    with transaction.atomic(), acting(source="demo"):
        for tree in ("legacy", "2025"):
            result.units_created += loader.load(tree, PROVINCE).created
        rows, shares = take_over(demo_rows("2023") + demo_rows("2022"))
        # a few communes keep their books: their figures come from the books (demo/registers.py)
        result.books = load_books(shares)
        rows = move_petitions_from_district(rows)
        stored = _stored(rows)
        # Rows already stored as they are need not pass the write path again (a reporting
        # round's lock, say, may refuse any write to an approved unit, even an unchanged one).
        todo = [r for r in rows if stored.get(_key(r)) != (r.value, r.comment)]
        written = apply_rows(todo)
        result.values_created = written.created
        result.values_updated = written.updated
        result.values_unchanged = written.unchanged + len(rows) - len(todo)
        at = periods.parse("2023").end
        for username, code, role, name in USERS:
            unit = Unit.objects.at(at).filter(code=code).order_by("depth").get()
            _ensure_user(username, unit, role, name, result)
    return result
