"""The citizen reception register (sổ tiếp công dân): reception sessions, the turns (lượt)
received in them, and the leaders' dialogues with residents (đối thoại)."""

from __future__ import annotations

from django.db import models

from danchu.registers.models import Record


class Form(models.TextChoices):
    REGULAR = "thuong_xuyen", "Tiếp thường xuyên"
    LEADER = "lanh_dao", "Lãnh đạo tiếp định kỳ, đột xuất"


class Leader(models.TextChoices):
    SECRETARY = "bi_thu", "Bí thư cấp ủy"
    CHAIRMAN = "chu_tich", "Chủ tịch UBND"
    OTHER = "khac", "Khác"


class Session(Record):
    """A reception session (buổi tiếp): one day, at one unit, named by a code in its book."""

    code = models.CharField("mã buổi tiếp", max_length=60)
    date = models.DateField("ngày")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "code"], name="session_unit_code")]
        ordering = ["-date", "code"]
        verbose_name = "buổi tiếp công dân"

    def __str__(self) -> str:
        return f"Buổi tiếp {self.code} ({self.date:%d/%m/%Y})"

    def search_words(self) -> list[str]:
        return [self.code]


class Turn(Record):
    """One turn (lượt): the people received together about one matter."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="turns")
    date = models.DateField("ngày")
    form = models.CharField("hình thức", max_length=12, choices=Form.choices)
    # who received, by title; blank for staff receiving regularly
    leader = models.CharField("người tiếp", max_length=10, choices=Leader.choices, blank=True, default="")
    people = models.PositiveIntegerField("số người", default=1)
    # the matter (vụ việc); turns about the same matter count as one; blank: a matter of its own
    case = models.CharField("vụ việc", max_length=40, blank=True, default="")
    group = models.BooleanField("đoàn đông người", default=False)
    content = models.TextField("nội dung", blank=True, default="")

    class Meta:
        indexes = [models.Index(fields=["unit", "date"], name="turn_unit_date")]
        ordering = ["-date", "-pk"]
        verbose_name = "lượt tiếp công dân"

    def __str__(self) -> str:
        return f"Lượt tiếp {self.date:%d/%m/%Y} ({self.people} người)"

    def search_words(self) -> list[str]:
        return [self.case, self.content]


class Dialogue(Record):
    """A dialogue of a leader with residents."""

    date = models.DateField("ngày")
    leader = models.CharField("người chủ trì", max_length=10, choices=Leader.choices)
    participants = models.PositiveIntegerField("số người tham dự", default=0)
    topic = models.CharField("chủ đề", max_length=500)

    class Meta:
        indexes = [models.Index(fields=["unit", "date"], name="dialogue_unit_date")]
        ordering = ["-date", "-pk"]
        verbose_name = "cuộc đối thoại"

    def __str__(self) -> str:
        return f"Đối thoại {self.date:%d/%m/%Y}: {self.topic[:60]}"

    def search_words(self) -> list[str]:
        return [self.topic]
