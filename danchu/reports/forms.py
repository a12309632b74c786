"""Forms of the report pages: create a report, its header fields, one section's text."""

from __future__ import annotations

from django import forms
from django.db.models import F

from danchu.accounts.permissions import Role, can
from danchu.units.models import Tier, Unit
from danchu.values import periods

from .models import Report, ReportTemplate


def default_period_code() -> str:
    """The annual period most reports are written for: last year's until mid-December."""
    import datetime as dt

    today = dt.date.today()
    current = periods.parse(str(today.year))
    return current.code if today >= current.end - dt.timedelta(days=20) else str(today.year - 1)


class ReportCreateForm(forms.Form):
    unit = forms.CharField(
        label="Đơn vị (mã hoặc chọn trong danh sách)",
        max_length=20,
        widget=forms.TextInput(attrs={"list": "don-vi-goi-y", "autocomplete": "off", "size": 12}),
    )
    period = forms.CharField(label="Kỳ báo cáo", max_length=30, widget=forms.TextInput(attrs={"size": 10}))
    template = forms.ModelChoiceField(
        label="Mẫu báo cáo", queryset=ReportTemplate.objects.all(), empty_label=None
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.unit_obj: Unit | None = None
        self.fields["period"].initial = default_period_code()
        default = ReportTemplate.objects.filter(is_default=True).first()
        if default is not None:
            self.fields["template"].initial = default.pk

    def suggestions(self, limit: int = 300) -> list[Unit]:
        """Province and district units of the user's scope, for the unit box."""
        qs = Unit.objects.restrict(self.user, Role.ENTER).filter(tier__in=[Tier.TINH, Tier.HUYEN])
        return list(qs.order_by(F("valid_to").desc(nulls_first=True), "path")[:limit])

    def clean_period(self) -> str:
        code = self.cleaned_data["period"].strip()
        try:
            return periods.parse(code).code
        except periods.PeriodError as exc:
            raise forms.ValidationError(str(exc))

    def clean(self):
        data = super().clean()
        code = (data.get("unit") or "").strip()
        period = data.get("period")
        if not code or not period:
            return data
        end = periods.parse(period).end
        qs = Unit.objects.restrict(self.user).filter(code=code)
        unit = qs.at(end).order_by("depth").first()
        if unit is None:
            self.add_error(
                "unit",
                f"Không có đơn vị mã '{code}' còn hiệu lực ngày {end:%d/%m/%Y} trong phạm vi của bạn.",
            )
        elif not can(self.user, Role.ENTER, unit):
            self.add_error("unit", f"Bạn chỉ được xem, không được lập báo cáo cho {unit.name}.")
        else:
            self.unit_obj = unit
        return data


class ReportHeaderForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = ["number", "symbol", "place", "date", "title", "signer_name", "tree_date", "status"]
        labels = {
            "number": "Số",
            "date": "Ngày ban hành",
            "signer_name": "Người ký (họ tên)",
            "tree_date": "Tính theo cây đơn vị ngày",
            "status": "Trạng thái",
        }
        widgets = {
            "number": forms.TextInput(attrs={"size": 6}),
            "symbol": forms.TextInput(attrs={"size": 14}),
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "tree_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "title": forms.Textarea(attrs={"rows": 2, "cols": 70}),
        }


class SectionForm(forms.Form):
    heading = forms.CharField(label="Tiêu đề mục", max_length=300, required=False)
    body = forms.CharField(
        label="Nội dung", required=False, strip=False, widget=forms.Textarea(attrs={"rows": 6})
    )

    def clean_body(self) -> str:
        # browsers send CRLF; the markup counts one line per paragraph
        return self.cleaned_data["body"].replace("\r\n", "\n").replace("\r", "\n").strip("\n")
