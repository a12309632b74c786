"""Entry of a reception turn or a dialogue in a few taps: today, the usual form, one person."""

from __future__ import annotations

import datetime as dt

from django import forms

from .models import Form, Leader

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TurnForm(forms.Form):
    date = forms.DateField(label="Ngày", initial=dt.date.today, widget=DATE)
    form = forms.ChoiceField(
        label="Hình thức", choices=Form.choices, initial=Form.REGULAR, widget=forms.RadioSelect
    )
    leader = forms.ChoiceField(
        label="Người tiếp", choices=[("", "Cán bộ tiếp thường xuyên"), *Leader.choices], required=False
    )
    people = forms.IntegerField(label="Số người", min_value=1, initial=1)
    group = forms.BooleanField(label="Đoàn đông người", required=False)
    case = forms.CharField(label="Vụ việc (số, nếu đã có)", max_length=40, required=False)
    session = forms.CharField(
        label="Buổi tiếp (mã, bỏ trống: buổi trong ngày)", max_length=60, required=False
    )
    content = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class DialogueForm(forms.Form):
    date = forms.DateField(label="Ngày", initial=dt.date.today, widget=DATE)
    leader = forms.ChoiceField(label="Người chủ trì", choices=Leader.choices, widget=forms.RadioSelect)
    participants = forms.IntegerField(label="Số người tham dự", min_value=0, initial=0)
    topic = forms.CharField(label="Chủ đề", max_length=500)
