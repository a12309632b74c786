"""The catalogue pages: what can be counted and the forms; admins load a form file here."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from danchu.accounts.permissions import can_manage_catalog
from danchu.audit.context import acting

from .models import DataElement, Dimension, Form, Indicator
from .services import FormRefused, load_form


class FormFileUpload(forms.Form):
    file = forms.FileField(label="Tệp biểu mẫu (.yaml hoặc .xlsx)")
    dry_run = forms.BooleanField(label="Chỉ kiểm tra, chưa ghi", required=False)


@login_required
def catalog(request):
    manage = can_manage_catalog(request.user)
    upload, problems, loaded, status = FormFileUpload(), [], None, 200
    if request.method == "POST":
        if not manage:
            raise PermissionDenied("Chỉ quản trị cấp tỉnh trở lên được nạp biểu mẫu vào danh mục.")
        upload = FormFileUpload(request.POST, request.FILES)
        if upload.is_valid():
            f = upload.cleaned_data["file"]
            with acting(user=request.user, source=f"load_form:{f.name}"):
                try:
                    loaded = load_form(
                        f.read(), f.name, user=request.user, dry_run=upload.cleaned_data["dry_run"]
                    )
                except FormRefused as exc:
                    problems, status = [str(e) for e in exc.errors], 400
        else:
            status = 400
    ctx = {
        "forms": Form.objects.prefetch_related("sections__rows", "rules"),
        "elements": DataElement.objects.prefetch_related("dimensions"),
        "dimensions": Dimension.objects.prefetch_related("options"),
        "indicators": Indicator.objects.all(),
        "manage": manage,
        "upload": upload,
        "problems": problems,
        "loaded": loaded,
    }
    return render(request, "catalog/catalog.html", ctx, status=status)


@login_required
def form_detail(request, code: str):
    form = (
        Form.objects.prefetch_related("sections__rows__element", "sections__rows__indicator", "rules")
        .filter(code=code)
        .first()
    )
    if form is None:
        raise Http404(f"Không có biểu mẫu mã '{code}'")
    return render(request, "catalog/form.html", {"form": form})
