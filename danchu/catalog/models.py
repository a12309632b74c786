"""What can be counted, and the forms and rules built from it. All of it is data."""

from __future__ import annotations

from django.db import models


class Dimension(models.Model):
    code = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("tên", max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = "chiều phân tổ"

    def __str__(self) -> str:
        return self.name


class DimensionOption(models.Model):
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="options")
    code = models.SlugField("mã", max_length=40)
    name = models.CharField("tên", max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["dimension", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["dimension", "code"], name="option_unique_code")]

    def __str__(self) -> str:
        return self.name


class DataElement(models.Model):
    class TimeAggregation(models.TextChoices):
        FLOW = "flow", "Cộng dồn theo kỳ"
        STOCK = "stock", "Lấy số cuối kỳ"

    class ValueType(models.TextChoices):
        INTEGER = "integer", "Số nguyên"
        NUMBER = "number", "Số"

    code = models.CharField("mã", max_length=40, unique=True)
    name = models.CharField("tên", max_length=300)
    unit_of_measure = models.CharField("đơn vị tính", max_length=40)
    value_type = models.CharField(max_length=10, choices=ValueType.choices, default=ValueType.INTEGER)
    aggregation = models.CharField(max_length=10, default="sum", help_text="Over units: sum")
    time_aggregation = models.CharField(
        max_length=10, choices=TimeAggregation.choices, default=TimeAggregation.FLOW
    )
    allow_negative = models.BooleanField(default=False)
    dimensions = models.ManyToManyField(Dimension, blank=True, related_name="elements")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = "chỉ tiêu"

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def dimension_codes(self) -> list[str]:
        return [d.code for d in sorted(self.dimensions.all(), key=lambda d: (d.order, d.code))]


class Indicator(models.Model):
    """A rate computed from summed parts at the level asked for (never averaged)."""

    code = models.CharField("mã", max_length=40, unique=True)
    name = models.CharField("tên", max_length=300)
    numerator = models.CharField("tử số", max_length=500)
    denominator = models.CharField("mẫu số", max_length=500)
    factor = models.FloatField(default=100)
    decimals = models.PositiveSmallIntegerField("số chữ số thập phân", default=1)
    suffix = models.CharField(max_length=10, default="%")

    class Meta:
        ordering = ["code"]
        verbose_name = "chỉ số"

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class Form(models.Model):
    code = models.CharField("mã", max_length=40, unique=True)
    name = models.CharField("tên", max_length=300)
    # The national form refuses a submission whose high-importance rules fail.
    require_valid = models.BooleanField("bắt buộc đạt quy tắc kiểm tra", default=True)
    builtin = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["code"]
        verbose_name = "biểu mẫu"

    def __str__(self) -> str:
        return self.name


class FormSection(models.Model):
    form = models.ForeignKey(Form, on_delete=models.CASCADE, related_name="sections")
    code = models.CharField(max_length=20)
    title = models.CharField(max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["form", "order"]
        constraints = [models.UniqueConstraint(fields=["form", "code"], name="section_unique_code")]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class FormRow(models.Model):
    """One line of a form: an element (optionally filtered to dimension options), with an
    optional dimension spread across columns, or an indicator shown read-only."""

    section = models.ForeignKey(FormSection, on_delete=models.CASCADE, related_name="rows")
    order = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(max_length=300)
    element = models.ForeignKey(DataElement, null=True, blank=True, on_delete=models.PROTECT)
    indicator = models.ForeignKey(Indicator, null=True, blank=True, on_delete=models.PROTECT)
    # "chuc_danh=bi_thu": options fixed for this row
    filter = models.CharField(max_length=200, blank=True)
    # a dimension whose options become columns (e.g. loai_vb)
    column_dimension = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["section", "order"]

    def __str__(self) -> str:
        return self.label


class ValidationRule(models.Model):
    class Importance(models.TextChoices):
        HIGH = "high", "Cao (chặn nộp)"
        MEDIUM = "medium", "Trung bình"
        LOW = "low", "Thấp"

    OPERATORS = [("<=", "≤"), ("<", "<"), ("==", "="), (">=", "≥"), (">", ">"), ("!=", "≠")]

    form = models.ForeignKey(Form, null=True, blank=True, on_delete=models.CASCADE, related_name="rules")
    code = models.CharField("mã", max_length=60, unique=True)
    left = models.CharField("vế trái", max_length=500)
    operator = models.CharField(max_length=2, choices=OPERATORS)
    right = models.CharField("vế phải", max_length=500)
    importance = models.CharField(max_length=10, choices=Importance.choices, default=Importance.HIGH)
    message = models.CharField("thông báo", max_length=500)
    # evaluate once per option of this dimension (e.g. loai_don)
    per_dimension = models.CharField(max_length=40, blank=True)
    # only checked when this holds, e.g. "KT_DOAN > 0"
    condition = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "quy tắc kiểm tra"

    def __str__(self) -> str:
        return f"{self.left} {self.get_operator_display()} {self.right}"
