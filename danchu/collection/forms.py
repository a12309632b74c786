"""Web forms of the round pages: they only read and check what people typed; the services act."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from danchu.catalog.models import Form
from danchu.units.models import Tier, Unit
from danchu.values import periods

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
ASKABLE_TIERS = [(code, label) for code, label in Tier.choices if code != Tier.TW]


def find_under(user, code: str, period: periods.Period) -> Unit | None:
    """The unit with `code` in force at the period's end, inside the user's subtrees."""
    code = (code or "").strip()
    if not code:
        return None
    return Unit.objects.restrict(user).at(period.end).filter(code=code).order_by("depth").first()


class OpenRoundForm(forms.Form):
    form = forms.ModelChoiceField(
        label=_("Biểu mẫu"),
        queryset=Form.objects.order_by("code"),
        to_field_name="code",
        empty_label=None,
    )
    period = forms.CharField(
        label=_("Kỳ báo cáo"), max_length=30, help_text=_("Ví dụ: 2023 (năm), 2023-06 (tháng), 2023Q2 (quý)")
    )
    under = forms.CharField(
        label=_("Đơn vị chủ trì (mã)"), max_length=20, help_text=_("Ví dụ: 12 (Lai Châu)")
    )
    tiers = forms.MultipleChoiceField(
        label=_("Cấp được yêu cầu báo cáo"), choices=ASKABLE_TIERS, widget=forms.CheckboxSelectMultiple
    )
    deadline = forms.DateField(
        label=_("Hạn nộp"), input_formats=DATE_FORMATS, widget=forms.DateInput(attrs={"type": "date"})
    )
    title = forms.CharField(label=_("Tên đợt (không bắt buộc)"), max_length=300, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["period"].error_messages["required"] = _("Cần nhập kỳ báo cáo")
        self.fields["under"].error_messages["required"] = _("Cần nhập mã đơn vị chủ trì")
        self.fields["tiers"].error_messages["required"] = _("Cần chọn ít nhất một cấp được yêu cầu báo cáo")
        self.fields["deadline"].error_messages["required"] = _("Cần nhập hạn nộp")
        self.fields["deadline"].error_messages["invalid"] = _("Hạn nộp phải là ngày, ví dụ 20/12/2023")

    def clean_period(self) -> periods.Period:
        try:
            return periods.parse(self.cleaned_data["period"].strip())
        except periods.PeriodError as exc:
            raise forms.ValidationError(str(exc))

    def clean(self):
        data = super().clean()
        period = data.get("period")
        if isinstance(period, periods.Period) and data.get("under"):
            unit = find_under(self.user, data["under"], period)
            if unit is None:
                self.add_error(
                    "under",
                    _("Không có đơn vị mã “%(code)s” trong phạm vi của bạn có hiệu lực ngày %(day)s")
                    % {"code": data["under"].strip(), "day": f"{period.end:%d/%m/%Y}"},
                )
            else:
                data["under_unit"] = unit
        return data


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp biểu mẫu đã điền (.xlsx) hoặc tệp số liệu (.csv)"))
    comment = forms.CharField(
        label=_("Giải trình (nếu có cảnh báo)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].error_messages["required"] = _("Hãy chọn tệp để tải lên")
        self.fields["file"].error_messages["empty"] = _("Tệp tải lên trống")

    def clean_file(self):
        f = self.cleaned_data["file"]
        limit = settings.DANCHU_MAX_UPLOAD_BYTES
        if f.size > limit:
            raise forms.ValidationError(
                _("Tệp %(name)s nặng %(size).1f MB, vượt giới hạn %(limit).0f MB")
                % {"name": f.name, "size": f.size / 1048576, "limit": limit / 1048576}
            )
        return f
