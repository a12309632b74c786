"""The petitions register's own pages: the case page with its history and actions, and the
deadline lists. Each action is one POST calling one service."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from danchu.accounts.permissions import Role, can
from danchu.audit.context import acting
from danchu.audit.models import ObjectChange
from danchu.registers.kinds import RegisterError
from danchu.units.models import Unit
from danchu.web.lookup import parse_day, scoped_unit

from . import identity, lists, services
from .clocks import deadlines, is_overdue
from .files import STATES, state
from .forms import ExtendForm, FactsForm, HandleForm, HandlerForm, ReminderForm, ResolveForm, RevealForm
from .models import Petition


def detail_context(petition: Petition, request, revealed: list[dict] | None = None) -> dict:
    """What the case page shows: the đơn, its case with every đơn, extension and reminder, the
    history from the change log, the limits, and the petitioners where the user may see them."""
    case = petition.case
    user = request.user
    people = None
    if not petition.is_denunciation:
        people = identity.petitioners(petition, user, "trang đơn")
    history = ObjectChange.objects.filter(
        Q(object_type="petitions.case", object_id=str(case.pk))
        | Q(object_type="petitions.petition", object_id__in=[str(p.pk) for p in case.petitions.all()])
        | Q(object_type="petitions.reminder", object_id__in=[str(r.pk) for r in case.reminders.all()])
    ).order_by("time", "pk")
    return {
        "petition": petition,
        "case": case,
        "others": case.petitions.exclude(pk=petition.pk).order_by("received"),
        "extensions": case.extensions.all(),
        "reminders": case.reminders.all(),
        "history": history,
        "deadlines": deadlines(petition),
        "overdue": is_overdue(petition, dt.date.today()),
        "state": STATES[state(petition)],
        "people": revealed if revealed is not None else people,
        "masked": petition.is_denunciation and revealed is None,
        "may_reveal": petition.is_denunciation and identity.may_see(user, petition),
        "handlers": case.handlers.all(),
        "forms": {
            "handle": HandleForm(),
            "resolve": ResolveForm(),
            "extend": ExtendForm(),
            "reminder": ReminderForm(),
            "facts": FactsForm(initial={k: getattr(case, k) for k in FactsForm.base_fields}),
            "reveal": RevealForm(),
            "handler": HandlerForm(),
        },
    }


def _petition(request, code: str, pk: int, role: str = Role.ENTER) -> Petition:
    unit = scoped_unit(request.user, code, role=role)
    petition = Petition.objects.select_related("unit", "case").filter(unit=unit, pk=pk).first()
    if petition is None:
        raise Http404("Không tìm thấy đơn")
    return petition


def _back(petition: Petition):
    return redirect("registers:detail", "don", petition.unit.code, petition.pk)


def _act(request, petition: Petition, form, call) -> object:
    """Validate, run the service as the user, and come back to the case page with the result."""
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))
        return _back(petition)
    try:
        with acting(request.user, source="web", request_id=getattr(request, "id", None)):
            done = call(form.cleaned_data)
    except RegisterError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return _back(petition)


@login_required
@require_POST
def handle(request, code: str, pk: int):
    petition = _petition(request, code, pk)

    def call(d):
        target = None
        if d["transferred_to"]:
            target = (
                Unit.objects.at(d["day"]).filter(code=d["transferred_to"].strip()).order_by("depth").first()
            )
            if target is None:
                raise services.PetitionRefused(
                    f"Không có đơn vị mã '{d['transferred_to']}' ngày {d['day']:%d/%m/%Y}."
                )
        services.handle(
            petition,
            action=d["action"],
            day=d["day"],
            eligible=d["eligible"],
            competent=d["competent"],
            user=request.user,
            transferred_to=target,
            transferred_to_name=d["transferred_to_name"],
        )
        return f"Đã ghi xử lý đơn {petition.number}."

    return _act(request, petition, HandleForm(request.POST), call)


@login_required
@require_POST
def resolve(request, code: str, pk: int):
    petition = _petition(request, code, pk)

    def call(d):
        services.resolve(petition.case, day=d["day"], outcome=d["outcome"], user=request.user)
        return f"Đã ghi kết quả giải quyết vụ việc {petition.case.number}."

    return _act(request, petition, ResolveForm(request.POST), call)


@login_required
@require_POST
def extend(request, code: str, pk: int):
    petition = _petition(request, code, pk)

    def call(d):
        services.extend(
            petition.case,
            days=d["days"],
            reason=d["reason"],
            decided=d["decided"],
            document=d["document"],
            user=request.user,
        )
        petition.case.refresh_from_db()
        return f"Đã gia hạn; hạn giải quyết mới {petition.case.resolve_due:%d/%m/%Y}."

    return _act(request, petition, ExtendForm(request.POST), call)


@login_required
@require_POST
def facts(request, code: str, pk: int):
    petition = _petition(request, code, pk)

    def call(d):
        services.set_facts(petition.case, user=request.user, **d)
        return "Đã cập nhật tính chất vụ việc; thời hạn được tính lại."

    return _act(request, petition, FactsForm(request.POST), call)


@login_required
@require_POST
def remind(request, code: str, pk: int):
    petition = _petition(request, code, pk)

    def call(d):
        services.add_reminder(petition.case, received=d["received"], sender=d["sender"], user=request.user)
        return "Đã ghi đơn đôn đốc."

    return _act(request, petition, ReminderForm(request.POST), call)


@login_required
@require_POST
def assign(request, code: str, pk: int):
    petition = _petition(request, code, pk, role=Role.APPROVE)

    def call(d):
        handler = get_user_model().objects.filter(username=d["username"].strip(), is_active=True).first()
        if handler is None or not can(handler, Role.VIEW, petition.unit):
            raise services.PetitionRefused(
                f"Không có cán bộ '{d['username']}' có quyền xem {petition.unit.name}."
            )
        services.assign_handler(petition.case, handler, user=request.user)
        return f"{handler.get_username()} được giao xử lý vụ việc {petition.case.number}."

    return _act(request, petition, HandlerForm(request.POST), call)


@login_required
@require_POST
def reveal(request, code: str, pk: int):
    """A handler asks to see a denouncer's identity, saying why; the read is logged."""
    from danchu.registers import kinds

    petition = _petition(request, code, pk, role=Role.VIEW)
    form = RevealForm(request.POST)
    if not identity.may_see(request.user, petition):
        raise PermissionDenied("Chỉ cán bộ được giao xử lý vụ việc mới xem được danh tính người tố cáo.")
    if not form.is_valid():
        messages.error(request, "Phải ghi lý do xem danh tính người tố cáo.")
        return _back(petition)
    with acting(request.user, source="web", request_id=getattr(request, "id", None)):
        people = identity.petitioners(petition, request.user, form.cleaned_data["why"])
    register = kinds.get("petitions")
    context = {
        "register": register,
        "unit": petition.unit,
        "record": petition,
        "may_enter": can(request.user, Role.ENTER, petition.unit),
    }
    return render(
        request, register.detail_template, context | detail_context(petition, request, revealed=people)
    )


@login_required
@require_GET
def deadlines_page(request, code: str):
    """Due this week, overdue, and on-time and late resolutions by unit and kind."""
    from danchu.values import periods

    unit = scoped_unit(request.user, code)
    at = parse_day(request.GET.get("ngay")) or dt.date.today()
    period = periods.year_containing(at)
    return render(
        request,
        "petitions/deadlines.html",
        {
            "unit": unit,
            "at": at,
            "period": period,
            "week": lists.due_this_week(request.user, unit, at),
            "late": lists.overdue(request.user, unit, at),
            "timeliness": lists.timeliness(request.user, unit, period, at),
            "monday": lists.week_of(at)[0],
            "sunday": lists.week_of(at)[1],
        },
    )
