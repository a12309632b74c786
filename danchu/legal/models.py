"""Legal deadlines and the holiday calendar, as data: laws change, so nothing here is a constant
in code. Each row names the law and article it comes from and the dates it is in force."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q


class DayKind(models.TextChoices):
    CALENDAR = "calendar", "ngày"
    WORKING = "working", "ngày làm việc"


class Clock(models.TextChoices):
    """What a deadline is for."""

    ACCEPT = "thu_ly", "Thụ lý"
    RESOLVE = "giai_quyet", "Giải quyết"
    HANDLE = "xu_ly", "Xử lý đơn"
    RECEIVE = "tiep_dan", "Tiếp công dân định kỳ"


# Facts about a case that select a rule; a rule lists the ones it needs in `when`.
CONDITIONS = {
    "lan_hai": "khiếu nại lần hai",
    "vung_xa": "vùng sâu, vùng xa đi lại khó khăn",
    "nhieu_dia_diem": "phải kiểm tra, xác minh ở nhiều địa điểm",
    "dac_biet_phuc_tap": "vụ việc đặc biệt phức tạp",
}


class RuleQuerySet(models.QuerySet):
    def in_force(self, on: dt.date) -> RuleQuerySet:
        return self.filter(Q(effective_from__lte=on), Q(effective_to__isnull=True) | Q(effective_to__gte=on))


class Rule(models.Model):
    """One legal time limit: `days` (calendar or working) from the event, plus up to
    `max_extensions` extensions of at most `extension_days` each."""

    code = models.CharField("mã", max_length=40)
    name = models.CharField("tên", max_length=300)
    clock = models.CharField("thời hạn", max_length=12, choices=Clock.choices)
    # comma-separated petition kinds (khieu_nai, to_cao, kien_nghi, phan_anh) or, for reception
    # frequencies, leader titles with the tier (chu_tich_xa, bi_thu, …)
    kinds = models.CharField("áp dụng cho", max_length=100)
    # space-separated CONDITIONS the case must meet; the rule with the most matching ones wins
    when = models.CharField("điều kiện", max_length=100, blank=True, default="")
    days = models.PositiveIntegerField("số ngày")
    day_kind = models.CharField("loại ngày", max_length=10, choices=DayKind.choices)
    extension_days = models.PositiveIntegerField("mỗi lần gia hạn tối đa (ngày)", default=0)
    max_extensions = models.PositiveSmallIntegerField("số lần gia hạn tối đa", default=0)
    law = models.CharField("văn bản", max_length=200)
    article = models.CharField("điều, khoản", max_length=100)
    effective_from = models.DateField("hiệu lực từ")
    effective_to = models.DateField("hiệu lực đến", null=True, blank=True)
    # Bộ luật Dân sự 2015, Điều 148 khoản 5: a limit in days that ends on a day off ends on the
    # next working day instead
    roll_to_working_day = models.BooleanField(
        "hết hạn vào ngày nghỉ thì lùi sang ngày làm việc", default=True
    )
    checked = models.BooleanField("đã đối chiếu văn bản", default=False)
    note = models.TextField("ghi chú (đã đọc gì, ở đâu)", blank=True, default="")

    objects = RuleQuerySet.as_manager()

    class Meta:
        ordering = ["clock", "code", "effective_from"]
        constraints = [models.UniqueConstraint(fields=["code", "effective_from"], name="rule_code_from")]
        verbose_name = "quy định thời hạn"

    def __str__(self) -> str:
        return f"{self.code}: {self.days} {self.get_day_kind_display()} ({self.law}, {self.article})"

    def kind_list(self) -> list[str]:
        return [k.strip() for k in self.kinds.split(",") if k.strip()]

    def conditions(self) -> set[str]:
        return set(self.when.split())

    def describe(self) -> str:
        """ "7 ngày làm việc", "30 ngày, gia hạn 1 lần tối đa 30 ngày"."""
        text = f"{self.days} {self.get_day_kind_display()}"
        if self.max_extensions:
            text += f", gia hạn {self.max_extensions} lần, mỗi lần tối đa {self.extension_days} ngày"
        return text


class Holiday(models.Model):
    """A public holiday of the Labour Code: a solar or lunar date, `days` long starting
    `offset` days from it (Tết: from the last day of the lunar year, 5 days)."""

    class Calendar(models.TextChoices):
        SOLAR = "solar", "Dương lịch"
        LUNAR = "lunar", "Âm lịch"

    code = models.SlugField("mã", max_length=30, unique=True)
    name = models.CharField("tên", max_length=200)
    calendar = models.CharField("lịch", max_length=5, choices=Calendar.choices)
    month = models.PositiveSmallIntegerField("tháng")
    day = models.PositiveSmallIntegerField("ngày")
    offset = models.SmallIntegerField("lệch (ngày)", default=0)
    days = models.PositiveSmallIntegerField("số ngày nghỉ", default=1)
    law = models.CharField("văn bản", max_length=200)
    article = models.CharField("điều, khoản", max_length=100)
    effective_from = models.DateField("hiệu lực từ")
    effective_to = models.DateField("hiệu lực đến", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True, default="")

    class Meta:
        ordering = ["calendar", "month", "day"]
        verbose_name = "ngày lễ, tết"

    def __str__(self) -> str:
        return f"{self.name} ({self.day}/{self.month} {self.get_calendar_display().lower()})"


class AnnouncedDay(models.Model):
    """A day the Government announced for civil servants in one year: a day off (holiday,
    compensation or swap) or a make-up working day. The announced days of a holiday in a year
    replace what the Labour Code alone would give for it."""

    class Kind(models.TextChoices):
        OFF = "off", "Ngày nghỉ"
        WORK = "work", "Ngày làm bù"

    date = models.DateField("ngày", unique=True)
    kind = models.CharField("loại", max_length=4, choices=Kind.choices)
    year = models.PositiveSmallIntegerField("năm")
    holiday = models.ForeignKey(Holiday, on_delete=models.PROTECT, related_name="announced", null=True)
    announcement = models.CharField("văn bản công bố", max_length=300)
    note = models.CharField("ghi chú", max_length=300, blank=True, default="")

    class Meta:
        ordering = ["date"]
        verbose_name = "ngày nghỉ, làm bù đã công bố"

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.get_kind_display().lower()} ({self.announcement})"
