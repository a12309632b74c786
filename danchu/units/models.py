"""The administrative tree and the units attached to it, both trees in one table.

A code is only unique at a date: most wards of the 2025 tree reuse a legacy code, so
every lookup goes through `UnitQuerySet.at()`.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _

from danchu.text import fold

from .scope import ScopedQuerySet

PATH_WIDTH = 8  # digits per path segment; fixed width lets the DB cut out a child's id


class Tier(models.TextChoices):
    TW = "tw", "Trung ương"
    TINH = "tinh", "Cấp tỉnh"
    HUYEN = "huyen", "Cấp huyện"
    XA = "xa", "Cấp xã"
    THON = "thon", "Thôn, tổ dân phố"


class UnitType(models.TextChoices):
    QUOC_GIA = "quoc_gia", "Quốc gia"
    TINH = "tinh", "Tỉnh"
    THANH_PHO_TW = "thanh_pho_tw", "Thành phố trực thuộc trung ương"
    HUYEN = "huyen", "Huyện"
    QUAN = "quan", "Quận"
    THI_XA = "thi_xa", "Thị xã"
    THANH_PHO = "thanh_pho", "Thành phố thuộc tỉnh"
    XA = "xa", "Xã"
    PHUONG = "phuong", "Phường"
    THI_TRAN = "thi_tran", "Thị trấn"
    DAC_KHU = "dac_khu", "Đặc khu"
    THON = "thon", "Thôn, bản, tổ dân phố"
    CO_QUAN = "co_quan", "Cơ quan hành chính"
    DON_VI_SU_NGHIEP = "don_vi_su_nghiep", "Đơn vị sự nghiệp công lập"
    DOANH_NGHIEP = "doanh_nghiep", "Doanh nghiệp"
    MTTQ = "mttq", "Mặt trận Tổ quốc"
    TO_CHUC_CTXH = "to_chuc_ctxh", "Tổ chức chính trị - xã hội"
    BAN_CHI_DAO = "ban_chi_dao", "Ban chỉ đạo"


TERRITORIAL_TYPES = {
    UnitType.QUOC_GIA,
    UnitType.TINH,
    UnitType.THANH_PHO_TW,
    UnitType.HUYEN,
    UnitType.QUAN,
    UnitType.THI_XA,
    UnitType.THANH_PHO,
    UnitType.XA,
    UnitType.PHUONG,
    UnitType.THI_TRAN,
    UnitType.DAC_KHU,
    UnitType.THON,
}


class UnitQuerySet(ScopedQuerySet):
    unit_path = "path"
    unit_field = ""

    def at(self, date: dt.date) -> UnitQuerySet:
        """Units in force on `date`."""
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=date)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=date)
        )

    def throughout(self, start: dt.date, end: dt.date) -> UnitQuerySet:
        """Units in force on every day from `start` to `end`."""
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=start)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=end)
        )

    def subtree(self, unit: Unit, include_self: bool = True) -> UnitQuerySet:
        qs = self.filter(path__startswith=unit.path)
        return qs if include_self else qs.exclude(pk=unit.pk)

    def in_force_first(self, *dates: dt.date | None) -> Unit | None:
        """The unit of this queryset in force on the first of `dates` that has one, then today;
        else the one in force last (a code is only unique at a date)."""
        for day in [d for d in dates if d is not None] + [dt.date.today()]:
            unit = self.at(day).order_by("depth").first()
            if unit is not None:
                return unit
        return self.order_by(models.F("valid_to").desc(nulls_first=True), "depth").first()

    def search(self, text: str) -> UnitQuerySet:
        qs = self
        for word in fold(text).split():
            qs = qs.filter(search_name__contains=word)
        return qs


class Unit(models.Model):
    code = models.CharField("mã", max_length=32, db_index=True)
    name = models.CharField("tên", max_length=200)
    short_name = models.CharField("tên ngắn", max_length=200, blank=True)
    type = models.CharField("loại", max_length=20, choices=UnitType.choices)
    tier = models.CharField("cấp", max_length=8, choices=Tier.choices, db_index=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(max_length=255, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    # Stable key of the record this unit was loaded from (e.g. "legacy:12/105/03386"),
    # so that loading twice changes nothing.
    source_key = models.CharField(max_length=120, null=True, blank=True, unique=True)
    search_name = models.CharField(max_length=200, editable=False, db_index=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def save(self, *args, **kwargs):
        self.search_name = fold(f"{self.name} {self.code}")
        if self.pk is None:
            super().save(*args, **kwargs)
            kwargs.pop("force_insert", None)
        self.path = self.compute_path()
        self.depth = self.path.count("/") - 2
        super().save(*args, **kwargs)

    def compute_path(self) -> str:
        own = f"{self.pk:0{PATH_WIDTH}d}/"
        return (self.parent.path if self.parent else "/") + own

    @property
    def territorial(self) -> bool:
        return self.type in TERRITORIAL_TYPES

    def is_valid_at(self, date: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= date) and (
            self.valid_to is None or self.valid_to >= date
        )

    def is_within(self, other: Unit) -> bool:
        return self.path.startswith(other.path)

    def ancestors(self) -> list[Unit]:
        ids = [int(seg) for seg in self.path.strip("/").split("/")[:-1]]
        by_id = Unit.objects.in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id]

    def display_valid(self) -> str:
        """The validity span as read after "hiệu lực": "01/07/2025 – 30/06/2026", "từ …", "đến …"."""
        start = self.valid_from.strftime("%d/%m/%Y") if self.valid_from else ""
        end = self.valid_to.strftime("%d/%m/%Y") if self.valid_to else ""
        if start and end:
            return f"{start} – {end}"
        if end:
            return _("đến %(day)s") % {"day": end}
        if start:
            return _("từ %(day)s") % {"day": start}
        return _("không thời hạn")

    def validity(self) -> str:
        """The validity as a phrase of its own, for pages: "đang có hiệu lực", "hiệu lực đến 30/06/2025"."""
        if self.valid_from is None and self.valid_to is None:
            return _("đang có hiệu lực")
        return _("hiệu lực %(span)s") % {"span": self.display_valid()}


class Lineage(models.Model):
    """How units became other units: merges, splits, renames, abolitions."""

    class Kind(models.TextChoices):
        MERGE = "merge", "Sáp nhập"
        SPLIT = "split", "Chia tách"
        RENAME = "rename", "Đổi tên, giữ nguyên địa giới"
        ABOLISH = "abolish", "Giải thể cấp"

    predecessor = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="successor_links")
    successor = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="predecessor_links")
    date = models.DateField("ngày hiệu lực")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # A split commune's figures follow its default successor (the converter's choice).
    is_default = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="lineage_unique_pair")
        ]
        verbose_name = "kế thừa đơn vị"

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.get_kind_display()} {self.date:%d/%m/%Y})"


def resolve_code(code: str, date: dt.date) -> Unit | None:
    """The unit that carries `code` on `date`, or None."""
    return Unit.objects.at(date).filter(code=code).order_by("depth").first()


def why_not_at(code: str, date: dt.date) -> str:
    """Why no unit carries `code` on `date`, naming the units that carried it at other dates and,
    for one that ended, the unit its territory belongs to on `date`; "" when none ever did."""
    others = list(Unit.objects.filter(code=code).order_by("valid_from", "depth"))
    if not others:
        return ""
    before = [u for u in others if u.valid_to is not None and u.valid_to < date]
    if before:
        last = before[-1]
        text = _("%(name)s (%(code)s) hết hiệu lực ngày %(end)s") % {
            "name": last.name,
            "code": last.code,
            "end": f"{last.valid_to:%d/%m/%Y}",
        }
        succ = successor_at(last, date)
        if succ is not None:
            text += _("; địa bàn này thuộc %(name)s (%(code)s) từ %(start)s") % {
                "name": succ.name,
                "code": succ.code,
                "start": f"{succ.valid_from or last.valid_to:%d/%m/%Y}",
            }
        return text
    first = others[0]
    return _("%(name)s (%(code)s) chỉ có hiệu lực %(span)s") % {
        "name": first.name,
        "code": first.code,
        "span": first.display_valid(),
    }


def successor_at(unit: Unit, date: dt.date, _cache: dict[int, Unit | None] | None = None) -> Unit | None:
    """Follow default successors from `unit` until one is in force on `date`."""
    seen: set[int] = set()
    current: Unit | None = unit
    while current is not None and not current.is_valid_at(date):
        if current.pk in seen:
            return None
        seen.add(current.pk)
        link = (
            Lineage.objects.filter(predecessor=current, date__lte=date)
            .order_by("-is_default", "date", "successor_id")
            .select_related("successor")
            .first()
        )
        current = link.successor if link else None
    return current
