"""Pages: thin views over units, formview (aggregates) and entry (own values)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, F, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from danchu.accounts.permissions import Role, can, roots
from danchu.audit.context import acting
from danchu.units.models import Unit, successor_at

from . import entry, formview
from .lookup import default_period, parse_day, period_from, scoped_unit

SEARCH_LIMIT = 50


def _top_units(user, day: dt.date | None = None) -> list[Unit]:
    if user.is_superuser:
        qs = Unit.objects.filter(parent__isnull=True)
        return list(qs.at(day) if day else qs)
    return roots(user)


def unit_url(unit: Unit, **params) -> str:
    query = {k: v for k, v in params.items() if v}
    url = reverse("unit", args=[unit.code])
    return f"{url}?{urlencode(query)}" if query else url


def _shown_day(unit: Unit, today: dt.date) -> str:
    """A date at which the unit's code resolves to this unit, for links; "" when today will do."""
    if unit.is_valid_at(today):
        return ""
    return (unit.valid_to or unit.valid_from or today).isoformat()


@login_required
def home(request):
    today = dt.date.today()
    units = [{"unit": u, "url": unit_url(u, ngay=_shown_day(u, today))} for u in _top_units(request.user)]
    return render(request, "web/home.html", {"units": units})


def _with_child_counts(qs, day: dt.date):
    valid = Q(children__valid_from__isnull=True) | Q(children__valid_from__lte=day)
    valid &= Q(children__valid_to__isnull=True) | Q(children__valid_to__gte=day)
    return qs.annotate(n_children=Count("children", filter=valid))


def _tree_context(request) -> dict:
    """The user's root units at the asked date (today by default), for the tree under the search box."""
    day = parse_day(request.GET.get("ngay")) or dt.date.today()
    tops = _top_units(request.user)
    ids = [u.pk for u in tops]
    current = list(_with_child_counts(Unit.objects.filter(pk__in=ids).at(day), day).order_by("code"))
    elsewhere = [u for u in tops if not u.is_valid_at(day)]
    return {
        "day": day,
        "roots": current,
        "elsewhere": [{"unit": u, "day": _shown_day(u, day)} for u in elsewhere],
    }


@login_required
@require_GET
def units(request):
    """The user's root units at a date, expandable; and the search box."""
    return render(request, "web/units.html", _tree_context(request) | {"q": request.GET.get("q", "")})


@login_required
@require_GET
def unit_children(request, code: str):
    day = parse_day(request.GET.get("ngay")) or dt.date.today()
    unit = scoped_unit(request.user, code, day)
    children = _with_child_counts(Unit.objects.at(day).filter(parent=unit), day).order_by("code")
    return render(request, "web/_unit_children.html", {"children": children, "day": day})


def search_units(user, text: str, limit: int = SEARCH_LIMIT) -> list[dict]:
    """Units inside the user's scope whose name or code matches `text`, diacritics ignored."""
    if not text.strip():
        return []
    today = dt.date.today()
    found = list(
        Unit.objects.restrict(user)
        .search(text)
        .order_by(F("valid_to").desc(nulls_first=True), "depth", "code")[:limit]
    )
    ids = {int(seg) for u in found for seg in u.path.strip("/").split("/")[:-1]}
    names = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "name"))
    out = []
    for u in found:
        chain = [names.get(int(seg), "") for seg in u.path.strip("/").split("/")[:-1]]
        out.append(
            {
                "unit": u,
                "parents": " › ".join(n for n in chain if n),
                "url": unit_url(u, ngay=_shown_day(u, today)),
            }
        )
    return out


@login_required
@require_GET
def unit_search(request):
    q = request.GET.get("q", "")
    results = search_units(request.user, q)
    context = {"results": results, "q": q}
    if request.headers.get("HX-Request"):
        return render(request, "web/_search_results.html", context)
    return render(request, "web/units.html", _tree_context(request) | context | {"searched": True})


def _resolve(request, code: str, role: str = Role.VIEW):
    """The unit (through the user's scope) and period of a unit URL."""
    period, bad = period_from(request)
    if bad:
        messages.error(request, bad)
    day = parse_day(request.GET.get("ngay"))
    unit = scoped_unit(request.user, code, day, period.end if period else None, role=role)
    if period is None:
        period = default_period(unit, day)
    return unit, period


def _crumbs(user, unit: Unit) -> list[Unit]:
    return [a for a in unit.ancestors() if can(user, Role.VIEW, a)]


@login_required
@require_GET
def unit_detail(request, code: str):
    unit, period = _resolve(request, code)
    # `?ngay=` later than the period's end lays the period's figures on that date's tree
    day = parse_day(request.GET.get("ngay"))
    tree_day = day if day is not None and day > period.end else None
    at = tree_day or period.end
    grid, problem = None, ""
    if not unit.is_valid_at(at):
        succ = successor_at(unit, at)
        if succ is None or not can(request.user, Role.VIEW, succ):
            problem = _(
                "%(name)s không còn hiệu lực ngày %(day)s; hãy chọn kỳ báo cáo trong thời gian hiệu lực (%(valid)s)."
            ) % {"name": unit.name, "day": f"{at:%d/%m/%Y}", "valid": unit.display_valid()}
    if not problem:
        grid = formview.aggregate_grid(unit, period, at=tree_day)
    children = Unit.objects.at(min(at, unit.valid_to or at)).filter(parent=unit).order_by("code")
    context = {
        "unit": unit,
        "period": period,
        "tree_day": tree_day,
        "grid": grid,
        "problem": problem,
        "crumbs": _crumbs(request.user, unit),
        "children": children,
        "may_enter": can(request.user, Role.ENTER, unit),
    }
    return render(request, "web/unit.html", context)


def _entry_context(request, unit, period, grid) -> dict:
    return {
        "unit": unit,
        "period": period,
        "grid": grid,
        "crumbs": _crumbs(request.user, unit),
        "check_url": reverse("unit_entry_check", args=[unit.code]) + f"?ky={period.code}",
    }


def _entry_problem(unit: Unit, period) -> str:
    """A unit enters figures for a period it is in force at the end of (it reports for its
    territory, also for the part of the period before it existed)."""
    if unit.is_valid_at(period.end):
        return ""
    return _(
        "%(name)s không có hiệu lực ngày cuối kỳ %(period)s (%(day)s; hiệu lực: %(valid)s), nên không nhập được số liệu cho kỳ này."
    ) % {
        "name": unit.name,
        "period": period.label(),
        "day": f"{period.end:%d/%m/%Y}",
        "valid": unit.display_valid(),
    }


@login_required
def unit_entry(request, code: str):
    """The unit's own figures for a period: typed, checked against the rules, saved all or nothing."""
    unit, period = _resolve(request, code, role=Role.ENTER)
    problem = _entry_problem(unit, period)
    if problem:
        grid = entry.build_grid(unit, period)
        ctx = _entry_context(request, unit, period, grid) | {"problem": problem}
        return render(request, "web/entry.html", ctx, status=400 if request.method == "POST" else 200)
    if request.method == "POST":
        grid = entry.build_grid(unit, period, posted=request.POST)
        with acting(request.user, source="web", request_id=getattr(request, "id", None)):
            result = entry.save(grid, request.POST, request.user)
        if result is not None:
            messages.success(request, _("Đã lưu: %(summary)s.") % {"summary": result.summary()})
            return redirect(reverse("unit_entry", args=[unit.code]) + f"?ky={period.code}")
        entry.check_rules(grid)
        return render(request, "web/entry.html", _entry_context(request, unit, period, grid), status=400)
    grid = entry.build_grid(unit, period)
    entry.check_rules(grid)
    return render(request, "web/entry.html", _entry_context(request, unit, period, grid))


@login_required
@require_POST
def unit_entry_check(request, code: str):
    """Rule messages on the figures as typed, and the recomputed totals; nothing is saved."""
    unit, period = _resolve(request, code, role=Role.ENTER)
    grid = entry.build_grid(unit, period, posted=request.POST)
    entry.number_errors(grid)
    entry.check_rules(grid)
    return render(request, "web/_entry_check.html", {"grid": grid})
