"""Report templates and the reports made from them.

A `ReportTemplate` says how a report looks (Party or State layout, header lines, title,
default sections, recipients, signer). A `Report` is one document for one unit and period:
its own number, date and signer, and its own copy of the sections, which people edit.
Text fields may hold placeholders such as `{cap_uy:upper}` (see `context.py`) and the
section bodies hold figure markup (see `markup.py`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from danchu.units.scope import ScopedQuerySet


class Layout(models.TextChoices):
    PARTY = "party", "Văn bản của Đảng (Hướng dẫn 36-HD/VPTW)"
    STATE = "state", "Văn bản hành chính (Nghị định 30/2020/NĐ-CP)"


class ReportTemplate(models.Model):
    code = models.SlugField("mã", max_length=60, unique=True)
    name = models.CharField("tên mẫu", max_length=200)
    layout = models.CharField("thể thức", max_length=10, choices=Layout.choices, default=Layout.PARTY)
    is_default = models.BooleanField("mẫu mặc định", default=False)
    builtin = models.BooleanField(default=False, editable=False)
    # one printed line per line; a line written **like this** is bold (the issuing body itself)
    issuer_lines = models.TextField("tên cơ quan ban hành (mỗi dòng một dòng in; **đậm**)")
    symbol = models.CharField("ký hiệu", max_length=60, help_text="ví dụ BC/BCĐ hoặc BC-UBND")
    place = models.CharField("địa danh", max_length=100, default="{dia_danh}")
    doc_type = models.CharField("tên loại văn bản", max_length=60, default="BÁO CÁO")
    title = models.CharField("trích yếu", max_length=400)
    recipients = models.TextField("nơi nhận (mỗi dòng một nơi)", blank=True)
    signer_title = models.TextField("chức vụ người ký (mỗi dòng một dòng in)", blank=True)
    form = models.ForeignKey(
        "catalog.Form", null=True, blank=True, on_delete=models.PROTECT, verbose_name="biểu mẫu phụ lục"
    )
    appendix_title = models.CharField("tiêu đề phụ lục", max_length=400, blank=True)
    # comma-separated form section codes; empty: every section of the form
    appendix_sections = models.CharField("mục của biểu mẫu đưa vào phụ lục", max_length=200, blank=True)

    class Meta:
        ordering = ["-is_default", "code"]
        verbose_name = "mẫu báo cáo"

    def __str__(self) -> str:
        return self.name

    def section_codes(self) -> list[str] | None:
        codes = [c.strip() for c in self.appendix_sections.split(",") if c.strip()]
        return codes or None


class TemplateSection(models.Model):
    """A default section copied into each new report made from the template."""

    template = models.ForeignKey(ReportTemplate, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(default=0)
    heading = models.CharField("tiêu đề mục", max_length=300, blank=True)
    level = models.PositiveSmallIntegerField("cấp tiêu đề", default=1)
    body = models.TextField("nội dung", blank=True)

    class Meta:
        ordering = ["template", "order"]

    def __str__(self) -> str:
        return self.heading or f"Mục {self.order}"


class Report(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Dự thảo"
        FINAL = "final", "Đã ban hành"

    template = models.ForeignKey(ReportTemplate, on_delete=models.PROTECT, related_name="reports")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="reports")
    period = models.CharField("kỳ báo cáo", max_length=30)
    number = models.CharField("số", max_length=20, blank=True)
    symbol = models.CharField("ký hiệu", max_length=60, blank=True, help_text="để trống: theo mẫu")
    place = models.CharField("địa danh", max_length=100, blank=True, help_text="để trống: theo đơn vị")
    date = models.DateField("ngày ban hành", null=True, blank=True)
    title = models.CharField("trích yếu", max_length=400, blank=True, help_text="để trống: theo mẫu")
    issuer_lines = models.TextField("tên cơ quan ban hành", blank=True, help_text="để trống: theo mẫu")
    recipients = models.TextField("nơi nhận", blank=True, help_text="để trống: theo mẫu")
    signer_title = models.TextField("chức vụ người ký", blank=True, help_text="để trống: theo mẫu")
    signer_name = models.CharField("họ tên người ký", max_length=120, blank=True)
    # the figures, last year's too, are counted on the tree of this date; empty: the period's end
    tree_date = models.DateField(
        "ngày cây đơn vị",
        null=True,
        blank=True,
        help_text="để trống: ngày cuối kỳ; số liệu của đơn vị không còn hiệu lực ngày này được tính vào đơn vị kế thừa",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-period", "unit__path", "-id"]
        verbose_name = "báo cáo"

    def __str__(self) -> str:
        return f"Báo cáo {self.period} — {self.unit.name}"

    def section_list(self) -> list:
        """The report's own sections, or the template's while the report is not saved yet."""
        if self.pk is not None:
            return list(self.sections.all())
        return [
            ReportSection(order=s.order, heading=s.heading, level=s.level, body=s.body)
            for s in self.template.sections.all()
        ]


class ReportSection(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(default=0)
    heading = models.CharField("tiêu đề mục", max_length=300, blank=True)
    level = models.PositiveSmallIntegerField("cấp tiêu đề", default=1)
    body = models.TextField("nội dung", blank=True)

    class Meta:
        ordering = ["report", "order", "id"]

    def __str__(self) -> str:
        return self.heading or f"Mục {self.order}"
