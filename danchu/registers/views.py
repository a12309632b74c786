"""Register pages, the same few views for every kind (NetBox's generic views): a list with a
search that ignores diacritics, a detail page, an entry form. A register declares its columns,
form and detail template; its own actions (petitions: handle, resolve, extend…) add views."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from danchu.accounts.permissions import Role, can, roots
from danchu.audit.context import acting
from danchu.units.models import Unit
from danchu.web.lookup import scoped_unit

from . import kinds
from .keeping import kept_since
from .listing import find

PAGE = 50


def register_and_unit(request, slug: str, code: str, role: str = Role.VIEW):
    """The register of the address and the unit through the user's scope (404 outside it)."""
    register = kinds.by_slug(slug)
    if register is None:
        raise Http404("Không có sổ này")
    return register, scoped_unit(request.user, code, role=role)


def cell(record, accessor) -> str:
    value = accessor(record) if callable(accessor) else getattr(record, accessor, "")
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else str(value)


@login_required
@require_GET
def index(request):
    """The registers of the user's units."""
    units = Unit.objects.filter(parent__isnull=True) if request.user.is_superuser else roots(request.user)
    return render(
        request,
        "registers/index.html",
        {"units": units, "registers": sorted(kinds.REGISTRY.values(), key=lambda r: r.name)},
    )


@login_required
@require_GET
def record_list(request, slug: str, code: str):
    register, unit = register_and_unit(request, slug, code)
    q = request.GET.get("q", "")
    qs = find(register, request.user, unit, search=q).order_by(f"-{register.date_field}", "-pk")
    page = Paginator(qs, PAGE).get_page(request.GET.get("trang"))
    rows = [
        {
            "record": r,
            "cells": [cell(r, acc) for _, acc in register.list_columns],
            "url": reverse("registers:detail", args=[slug, r.unit.code, r.pk]),
        }
        for r in page.object_list
    ]
    context = {
        "register": register,
        "unit": unit,
        "rows": rows,
        "page": page,
        "q": q,
        "headings": [h for h, _ in register.list_columns],
        "since": kept_since(register, unit),
        "may_enter": can(request.user, Role.ENTER, unit) and register.entry_form is not None,
    }
    if request.headers.get("HX-Request"):
        return render(request, "registers/_rows.html", context)
    return render(request, "registers/list.html", context)


@login_required
def record_new(request, slug: str, code: str):
    register, unit = register_and_unit(request, slug, code, role=Role.ENTER)
    if register.entry_form is None:
        raise Http404("Sổ này không nhập trên web")
    form = register.entry_form(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with acting(request.user, source="web", request_id=getattr(request, "id", None)):
                record = register.create(form.cleaned_data, unit, request.user)
        except kinds.RegisterError as exc:
            field = getattr(exc, "field", "")
            form.add_error(field if field in form.fields else None, str(exc))
        else:
            messages.success(request, f"Đã ghi {register.record_name}: {record}.")
            return redirect("registers:detail", slug, unit.code, record.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "registers/new.html", {"register": register, "unit": unit, "form": form}, status=status
    )


@login_required
def record_detail(request, slug: str, code: str, pk: int):
    register, unit = register_and_unit(request, slug, code)
    record = find(register, request.user, unit, subtree=False).filter(pk=pk).first()
    if record is None:
        raise Http404("Không tìm thấy")
    context = {
        "register": register,
        "unit": unit,
        "record": record,
        "may_enter": can(request.user, Role.ENTER, unit),
        "rows": [(h, cell(record, acc)) for h, acc in register.list_columns],
    }
    context |= register.detail_context(record, request)
    return render(request, register.detail_template, context)
