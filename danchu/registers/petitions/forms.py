"""The petitions pages' forms: few fields, sensible defaults (today, received in person), so a
commune officer enters a đơn in a few taps on a phone."""

from __future__ import annotations

import datetime as dt

from django import forms

from .models import Action, Channel, Kind, Outcome

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _today():
    return dt.date.today()


class PetitionForm(forms.Form):
    received = forms.DateField(label="Ngày nhận", initial=_today, widget=DATE)
    kind = forms.ChoiceField(label="Loại đơn", choices=Kind.choices, widget=forms.RadioSelect)
    channel = forms.ChoiceField(label="Nguồn", choices=Channel.choices, initial=Channel.DIRECT)
    name = forms.CharField(label="Người gửi đơn", max_length=200, required=False)
    address = forms.CharField(label="Địa chỉ", max_length=300, required=False)
    phone = forms.CharField(label="Điện thoại", max_length=40, required=False)
    content = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    case = forms.CharField(label="Số vụ việc (nếu cùng vụ việc với đơn trước)", max_length=40, required=False)


class HandleForm(forms.Form):
    action = forms.ChoiceField(label="Xử lý", choices=Action.choices, widget=forms.RadioSelect)
    day = forms.DateField(label="Ngày xử lý", initial=_today, widget=DATE)
    eligible = forms.BooleanField(label="Đủ điều kiện xử lý", required=False, initial=True)
    competent = forms.BooleanField(label="Thuộc thẩm quyền", required=False, initial=True)
    transferred_to = forms.CharField(label="Chuyển đến đơn vị (mã)", max_length=32, required=False)
    transferred_to_name = forms.CharField(label="hoặc cơ quan", max_length=300, required=False)


class ResolveForm(forms.Form):
    day = forms.DateField(label="Ngày giải quyết xong", initial=_today, widget=DATE)
    outcome = forms.ChoiceField(label="Kết quả", choices=Outcome.choices, widget=forms.RadioSelect)


class ExtendForm(forms.Form):
    days = forms.IntegerField(label="Số ngày gia hạn", min_value=1, max_value=60)
    reason = forms.CharField(label="Lý do", max_length=500)
    decided = forms.DateField(label="Ngày quyết định", initial=_today, widget=DATE)
    document = forms.CharField(label="Văn bản gia hạn", max_length=200, required=False)


class ReminderForm(forms.Form):
    received = forms.DateField(label="Ngày nhận đơn đôn đốc", initial=_today, widget=DATE)
    sender = forms.CharField(label="Nơi gửi", max_length=300, required=False)


class FactsForm(forms.Form):
    second_complaint = forms.BooleanField(label="Khiếu nại lần hai", required=False)
    remote = forms.BooleanField(label="Vùng sâu, vùng xa", required=False)
    several_places = forms.BooleanField(label="Xác minh ở nhiều địa điểm", required=False)
    very_complex = forms.BooleanField(label="Đặc biệt phức tạp", required=False)


class RevealForm(forms.Form):
    why = forms.CharField(label="Lý do xem danh tính người tố cáo", max_length=300)


class HandlerForm(forms.Form):
    username = forms.CharField(label="Tên đăng nhập cán bộ xử lý", max_length=150)
