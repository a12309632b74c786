"""The petitions register (sổ tiếp nhận, xử lý đơn): petitions (đơn), the cases (vụ việc) they
belong to, extensions, reminders and petitioners. Several đơn on the same matter are one case.

Dates that the figures count by are kept on the rows themselves (`Petition.closed_on`,
`Case.opened`), so every figure is one query (danchu/registers/petitions/register.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from danchu.registers.models import Record
from danchu.units.models import Unit


class Kind(models.TextChoices):
    KHIEU_NAI = "khieu_nai", "Khiếu nại"
    TO_CAO = "to_cao", "Tố cáo"
    KIEN_NGHI = "kien_nghi", "Kiến nghị"
    PHAN_ANH = "phan_anh", "Phản ánh"


# the catalogue's `loai_don` puts kiến nghị and phản ánh together
LOAI_DON = {"khieu_nai": "khieu_nai", "to_cao": "to_cao", "kien_nghi": "kien_nghi", "phan_anh": "kien_nghi"}


class Channel(models.TextChoices):
    DIRECT = "truc_tiep", "Trực tiếp"
    POST = "buu_chinh", "Bưu chính"
    TRANSFERRED = "chuyen_den", "Cơ quan khác chuyển đến"
    ONLINE = "truc_tuyen", "Trực tuyến"


class Action(models.TextChoices):
    ACCEPT = "thu_ly", "Thụ lý"
    TRANSFER = "chuyen", "Chuyển đơn"
    GUIDE = "huong_dan", "Hướng dẫn"
    RETURN = "tra_lai", "Trả lại đơn"
    FILE = "luu", "Lưu đơn"


class Outcome(models.TextChoices):
    RIGHT = "dung", "Đúng"
    PARTLY = "dung_mot_phan", "Đúng một phần"
    WRONG = "sai", "Sai"
    WITHDRAWN = "rut", "Rút đơn"
    ANSWERED = "da_giai_quyet", "Đã giải quyết, trả lời"


# outcomes a case of each kind may have
OUTCOMES = {
    "khieu_nai": ["dung", "dung_mot_phan", "sai", "rut"],
    "to_cao": ["dung", "dung_mot_phan", "sai", "rut"],
    "kien_nghi": ["da_giai_quyet", "rut"],
    "phan_anh": ["da_giai_quyet", "rut"],
}


class Case(Record):
    """A matter (vụ việc): its acceptance, legal clocks, extensions and resolution."""

    number = models.CharField("số vụ việc", max_length=40)
    kind = models.CharField("loại", max_length=12, choices=Kind.choices)
    title = models.CharField("nội dung vụ việc", max_length=500, blank=True, default="")
    # the receipt date of its first eligible, competent đơn: the case counts from then on
    opened = models.DateField("ngày có đơn thuộc thẩm quyền", null=True, blank=True)
    accepted = models.DateField("ngày thụ lý", null=True, blank=True)
    second_complaint = models.BooleanField("khiếu nại lần hai", default=False)
    remote = models.BooleanField("vùng sâu, vùng xa", default=False)
    several_places = models.BooleanField("xác minh ở nhiều địa điểm", default=False)
    very_complex = models.BooleanField("đặc biệt phức tạp", default=False)
    resolve_due = models.DateField("hạn giải quyết", null=True, blank=True)
    resolve_rule = models.CharField("quy định thời hạn", max_length=40, blank=True, default="")
    resolved = models.DateField("ngày giải quyết xong", null=True, blank=True)
    outcome = models.CharField("kết quả", max_length=16, choices=Outcome.choices, blank=True, default="")
    # officers handling the case: the only users who see a denouncer's identity
    handlers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="handled_cases")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "number"], name="case_unit_number")]
        indexes = [
            models.Index(fields=["unit", "opened"], name="case_unit_opened"),
            models.Index(fields=["unit", "resolved"], name="case_unit_resolved"),
            models.Index(fields=["resolve_due"], condition=Q(resolved__isnull=True), name="case_open_due"),
        ]
        verbose_name = "vụ việc"

    def __str__(self) -> str:
        return f"Vụ việc {self.number} ({self.get_kind_display()})"

    def search_words(self) -> list[str]:
        return [self.number, self.title]

    @property
    def loai_don(self) -> str:
        return LOAI_DON[self.kind]

    def conditions(self) -> set[str]:
        """The facts that select the legal rules (danchu/legal/models.py CONDITIONS)."""
        facts = {
            "lan_hai": self.second_complaint,
            "vung_xa": self.remote,
            "nhieu_dia_diem": self.several_places,
            "dac_biet_phuc_tap": self.very_complex,
        }
        return {k for k, v in facts.items() if v}


class Extension(models.Model):
    """An extension of a case's resolution limit, decided in writing with its reason."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="extensions")
    days = models.PositiveIntegerField("số ngày gia hạn")
    reason = models.CharField("lý do", max_length=500)
    decided = models.DateField("ngày quyết định")
    document = models.CharField("văn bản gia hạn", max_length=200, blank=True, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decided", "pk"]
        verbose_name = "gia hạn"

    def __str__(self) -> str:
        return f"Gia hạn {self.days} ngày ({self.decided:%d/%m/%Y}): {self.reason}"


class Reminder(models.Model):
    """A reminder (đơn đôn đốc) received about a case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reminders")
    received = models.DateField("ngày nhận")
    sender = models.CharField("nơi gửi", max_length=300, blank=True, default="")
    note = models.CharField("ghi chú", max_length=500, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received", "pk"]
        indexes = [models.Index(fields=["case", "received"], name="reminder_case_received")]
        verbose_name = "đơn đôn đốc"

    def __str__(self) -> str:
        return f"Đôn đốc {self.received:%d/%m/%Y} {self.sender}".strip()


class Petition(Record):
    """One đơn as received: channel, kind, content, what was done with it, and its case."""

    number = models.CharField("số đơn", max_length=40)
    received = models.DateField("ngày nhận")
    channel = models.CharField("nguồn", max_length=12, choices=Channel.choices)
    kind = models.CharField("loại đơn", max_length=12, choices=Kind.choices)
    content = models.TextField("nội dung", blank=True, default="")
    # None until decided
    eligible = models.BooleanField("đủ điều kiện xử lý", null=True, blank=True)
    competent = models.BooleanField("thuộc thẩm quyền", null=True, blank=True)
    action = models.CharField("xử lý", max_length=12, choices=Action.choices, blank=True, default="")
    handled = models.DateField("ngày xử lý", null=True, blank=True)
    # where a transferred đơn went: a unit in danchu (it lands in that unit's register) or a named body
    transferred_to = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="petitions_transferred_in"
    )
    transferred_to_name = models.CharField("chuyển đến", max_length=300, blank=True, default="")
    transferred_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="transfers"
    )
    # every đơn belongs to a case: its own, or the one it shares with đơn on the same matter
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="petitions")
    # acceptance (khiếu nại, tố cáo) or handling (kiến nghị, phản ánh) limit from receipt
    due = models.DateField("hạn thụ lý / xử lý", null=True, blank=True)
    due_rule = models.CharField("quy định thời hạn", max_length=40, blank=True, default="")
    # the day this đơn stopped being handled here (action taken, or its case resolved)
    closed_on = models.DateField("ngày kết thúc xử lý", null=True, blank=True)
    # online petitions: the code a resident follows it by
    tracking_code = models.CharField("mã tra cứu", max_length=40, null=True, blank=True, unique=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "number"], name="petition_unit_number")]
        indexes = [
            models.Index(fields=["unit", "received"], name="petition_unit_received"),
            models.Index(fields=["unit", "closed_on"], name="petition_unit_closed"),
            models.Index(fields=["due"], condition=Q(action=""), name="petition_open_due"),
        ]
        ordering = ["-received", "-pk"]
        verbose_name = "đơn"

    def __str__(self) -> str:
        return f"Đơn {self.number} ({self.get_kind_display()}, {self.received:%d/%m/%Y})"

    @property
    def is_denunciation(self) -> bool:
        return self.kind == Kind.TO_CAO

    def search_words(self) -> list[str]:
        # a denouncer's name is never searchable: a match would tell who denounced
        words = [self.number, self.content, self.transferred_to_name]
        if self.pk and not self.is_denunciation:
            words += [p.name for p in self.petitioners.all()]
        return words


class Petitioner(models.Model):
    """A person who signed the đơn. For a tố cáo, visible only to the case's handlers."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="petitioners")
    name = models.CharField("họ tên", max_length=200)
    address = models.CharField("địa chỉ", max_length=300, blank=True, default="")
    phone = models.CharField("điện thoại", max_length=40, blank=True, default="")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "người gửi đơn"

    def __str__(self) -> str:
        return self.name
