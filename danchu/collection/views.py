"""Pages of reporting rounds (`/dot-bao-cao/`): thin views over `collection.services`.

A round or a submission outside the user's subtree answers 404, exactly like one that does
not exist; an action the user may see but not do answers 403. Refusals are shown in
Vietnamese and nothing is stored (the services work in one transaction).
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from danchu.accounts.permissions import Role, can, get_scoped_or_404, roots
from danchu.units.scope import scope_q
from danchu.values.services import ValuesRefused
from danchu.web import entry
from danchu.web.lookup import period_containing

from . import services
from .forms import OpenRoundForm, UploadForm
from .models import Round, Submission

PREVIEW_LIMIT = 200
UNITS_SHOWN = 500  # rows of the units table before asking to filter
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
State = Submission.State


def _may_open(user) -> bool:
    return user.is_superuser or bool(roots(user, Role.APPROVE))


def _round(request, round_id: int) -> Round:
    return get_scoped_or_404(
        Round.objects.select_related("form", "under", "opened_by"),
        request.user,
        pk=round_id,
        not_found=_("Không tìm thấy đợt báo cáo (hoặc bạn không có quyền xem)"),
    )


def _submission(request, rnd: Round, code: str) -> Submission:
    try:
        return services.get_submission(rnd, code, request.user)
    except services.SubmissionNotFound:
        raise Http404(_("Không tìm thấy bài nộp (hoặc bạn không có quyền xem)"))


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


@login_required
@require_GET
def round_list(request):
    """Rounds asking units of the user's subtrees, with their progress inside that scope."""
    mine = Q(scope_q(request.user, Role.VIEW, "submissions__unit__path"))
    done = Q(submissions__state__in=[State.SUBMITTED, State.APPROVED])
    rounds = (
        services.rounds_for(request.user)
        .annotate(
            n_expected=Count("submissions", filter=mine),
            n_submitted=Count("submissions", filter=mine & done),
            n_approved=Count("submissions", filter=mine & Q(submissions__state=State.APPROVED)),
        )
        .order_by("-opened_at", "-pk")
    )
    rows = []
    for r in rounds:
        # A unit asked once (a commune's user) gets a direct link to its own submission.
        own = None
        if r.n_expected == 1 and not request.user.is_superuser:
            own = services.submissions_for(request.user, r).select_related("unit").first()
        rows.append({"round": r, "percent": _percent(r.n_submitted, r.n_expected), "own": own})
    return render(request, "collection/rounds.html", {"rows": rows, "may_open": _may_open(request.user)})


@login_required
def round_open(request):
    """The "Mở đợt báo cáo" form; the preview of the units asked comes by htmx."""
    if not _may_open(request.user):
        raise PermissionDenied(_("Cần quyền phê duyệt hoặc quản trị để mở đợt báo cáo"))
    errors: list[str] = []
    if request.method == "POST":
        form = OpenRoundForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                rnd = services.open_round(
                    data["form"],
                    data["period"],
                    data["under_unit"],
                    data["deadline"],
                    tiers=data["tiers"],
                    user=request.user,
                    title=data["title"],
                )
            except services.RoundRefused as exc:
                errors = exc.messages
            else:
                messages.success(
                    request,
                    _("Đã mở đợt báo cáo số %(id)s: %(n)s đơn vị được yêu cầu báo cáo.")
                    % {"id": rnd.pk, "n": rnd.submissions.count()},
                )
                late = services.deadline_warning(rnd.deadline)
                if late:
                    messages.warning(request, late)
                return redirect("round", round_id=rnd.pk)
    else:
        roots_ = roots(request.user, Role.APPROVE)
        form = OpenRoundForm(
            user=request.user,
            initial={
                "tiers": ["xa"],
                "under": roots_[0].code if len(roots_) == 1 else "",
                "period": period_containing(dt.date.today()).code,
            },
        )
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "errors": errors, "preview": _preview(request.user, form.data or None)}
    return render(request, "collection/open.html", context, status=status)


def _preview(user, data) -> dict:
    """The units the round would ask, from the form's fields as typed (nothing is stored)."""
    if not data:
        return {}
    form = OpenRoundForm(data, user=user)
    form.is_valid()
    period, unit = form.cleaned_data.get("period"), form.cleaned_data.get("under_unit")
    if unit is None or period is None or "tiers" not in form.cleaned_data:
        problems = [str(e) for f in ("period", "under", "tiers") for e in form.errors.get(f, [])]
        return {"problems": problems}
    units = services.units_asked(unit, period, form.cleaned_data["tiers"])
    shown = list(units.select_related("parent")[:PREVIEW_LIMIT])
    # Units another round already asks the same form for the same period: opening would be refused.
    taken = services.units_taken(form.cleaned_data.get("form") or "QCDC", period, units)
    deadline = form.cleaned_data.get("deadline")
    return {
        "count": units.count(),
        "units": [(u, taken.get(u.pk)) for u in shown],
        "limit": PREVIEW_LIMIT,
        "under": unit,
        "period": period,
        "taken": len(taken),
        "taken_rounds": sorted(set(taken.values())),
        "late": services.deadline_warning(deadline) if deadline else "",
    }


@login_required
@require_GET
def round_preview(request):
    return render(request, "collection/_preview.html", {"preview": _preview(request.user, request.GET)})


@login_required
@require_GET
def round_detail(request, round_id: int):
    """Completeness: progress bar, counts, a row per unit and a breakdown by district."""
    rnd = _round(request, round_id)
    c = services.completeness(rnd, request.user)
    c["percent_approved"] = _percent(c["approved"], c["expected"])
    for d in c["by_district"]:
        d["percent"] = _percent(d["submitted"], d["expected"])
    for u in c["units"]:
        first = u["first_submitted_at"]
        u["first_submitted"] = dt.datetime.fromisoformat(first) if first else None
    # The units table can be narrowed to one district and/or one state (a national round is long).
    district = request.GET.get("huyen", "").strip()
    wanted = request.GET.get("trang_thai", "").strip()
    shown = [
        u
        for u in c["units"]
        if (not district or u["district"] == district)
        and (not wanted or u["state"] == wanted or (wanted == "tre_han" and u["late"] is True))
    ]
    cut = len(shown) > UNITS_SHOWN
    context = {
        "round": rnd,
        "c": c,
        "shown": shown[:UNITS_SHOWN],
        "matching": len(shown),
        "cut": cut,
        "district": next((d for d in c["by_district"] if d["code"] == district), None),
        "wanted": wanted,
        "states": [*State.choices, ("tre_han", _("Trễ hạn"))],
        "may_close": rnd.status == Round.Status.OPEN and can(request.user, Role.APPROVE, rnd.under),
    }
    return render(request, "collection/round.html", context)


@login_required
@require_POST
def round_close(request, round_id: int):
    """Stop accepting submissions (approvals and reopening still work)."""
    rnd = _round(request, round_id)
    try:
        services.close_round(rnd, request.user)
    except services.RoundPermissionDenied as exc:
        raise PermissionDenied(exc.messages[0])
    messages.success(request, _("Đã đóng đợt báo cáo số %(id)s: không nhận bài nộp mới.") % {"id": rnd.pk})
    return redirect("round", round_id=rnd.pk)


def _entry_context(request, rnd: Round, sub: Submission, grid, problems=(), comment="", upload=None) -> dict:
    user, unit = request.user, sub.unit
    target = unit.parent or unit
    editable = (
        rnd.status == Round.Status.OPEN
        and sub.state in (State.DRAFT, State.RETURNED)
        and can(user, Role.ENTER, unit)
    )
    return {
        "round": rnd,
        "sub": sub,
        "unit": unit,
        "period": rnd.get_period(),
        "grid": grid,
        "editable": editable,
        "may_decide": can(user, Role.APPROVE, target),
        "events": list(sub.events.select_related("user")),
        "problems": list(problems),
        "comment": comment,
        "upload": upload or UploadForm(),
        "check_url": reverse("unit_entry_check", args=[unit.code]) + f"?ky={rnd.period}",
        "late": sub.is_late(),
    }


@login_required
def submission(request, round_id: int, code: str):
    """The unit's report in the round: entry, save, submit, upload, decisions and history."""
    rnd = _round(request, round_id)
    sub = _submission(request, rnd, code)
    period = rnd.get_period()
    if request.method == "GET":
        grid = entry.build_grid(sub.unit, period, rnd.form)
        entry.check_rules(grid)
        return render(request, "collection/submission.html", _entry_context(request, rnd, sub, grid))
    if request.method != "POST":
        return HttpResponse(status=405)
    action = request.POST.get("action", "")
    if action in ("luu", "nop"):
        return _save_or_submit(request, rnd, sub, action)
    if action == "tai-len":
        return _upload(request, rnd, sub)
    if action in ("phe-duyet", "tra-lai", "mo-lai"):
        return _decide(request, rnd, sub, action)
    messages.error(request, _("Thao tác không hợp lệ"))
    return redirect("submission", round_id=rnd.pk, code=sub.unit.code)


def _refused_page(request, rnd, sub, grid, problems, comment="", upload=None, status=400):
    sub.refresh_from_db()
    entry.check_rules(grid)
    ctx = _entry_context(request, rnd, sub, grid, problems, comment, upload)
    return render(request, "collection/submission.html", ctx, status=status)


def _save_or_submit(request, rnd: Round, sub: Submission, action: str):
    grid = entry.build_grid(sub.unit, rnd.get_period(), rnd.form, posted=request.POST)
    rows, where = entry.rows_from_post(grid, request.POST)
    comment = request.POST.get("comment", "").strip()
    if action == "nop":
        # Typing mistakes next to their cells (the service would name only its row numbers).
        entry.number_errors(grid)
        if any(cell.error for cell in grid.cells.values()):
            problem = _("Chưa nộp: số liệu có lỗi, xem các ô được đánh dấu.")
            return _refused_page(request, rnd, sub, grid, [problem], comment)
    try:
        if action == "luu":
            result = services.save_draft(rnd, sub.unit, rows, user=request.user)
        else:
            submitted = services.submit(rnd, sub.unit, rows, user=request.user, comment=comment)
    except services.RoundPermissionDenied as exc:
        raise PermissionDenied(exc.messages[0])
    except ValuesRefused as exc:
        entry.attach_errors(grid, exc.errors, where)
        return _refused_page(
            request, rnd, sub, grid, [_("Chưa lưu: số liệu có lỗi, xem các ô được đánh dấu.")]
        )
    except services.RoundRefused as exc:
        return _refused_page(request, rnd, sub, grid, exc.messages, comment)
    if action == "luu":
        summary = result.summary() if result else _("không có ô nào được nhập")
        messages.success(request, _("Đã lưu nháp: %(summary)s.") % {"summary": summary})
    else:
        text = _("Đã nộp báo cáo của %(unit)s.") % {"unit": sub.unit.name}
        if submitted.warnings:
            text += " " + _("Có %(n)s cảnh báo kèm giải trình.") % {"n": len(submitted.warnings)}
        messages.success(request, text)
    return redirect("submission", round_id=rnd.pk, code=sub.unit.code)


def _upload(request, rnd: Round, sub: Submission):
    form = UploadForm(request.POST, request.FILES)
    grid = entry.build_grid(sub.unit, rnd.get_period(), rnd.form)
    if not form.is_valid():
        problems = [str(e) for errs in form.errors.values() for e in errs]
        return _refused_page(request, rnd, sub, grid, problems, upload=form)
    f = form.cleaned_data["file"]
    try:
        services.submit_file(
            rnd, sub.unit, f.read(), f.name, user=request.user, comment=form.cleaned_data["comment"]
        )
    except services.RoundPermissionDenied as exc:
        raise PermissionDenied(exc.messages[0])
    except services.RoundRefused as exc:
        problems = [_("Không nhận tệp %(name)s, không có số liệu nào được lưu:") % {"name": f.name}]
        return _refused_page(request, rnd, sub, grid, problems + exc.messages, upload=form)
    messages.success(
        request,
        _("Đã nhận tệp %(name)s và nộp báo cáo của %(unit)s.") % {"name": f.name, "unit": sub.unit.name},
    )
    return redirect("submission", round_id=rnd.pk, code=sub.unit.code)


def _decide(request, rnd: Round, sub: Submission, action: str):
    reason = request.POST.get("reason", "").strip()
    try:
        if action == "phe-duyet":
            services.approve(rnd, sub.unit, request.user, reason)
            done = _("Đã phê duyệt báo cáo của %(unit)s; số liệu được khóa.")
        elif action == "tra-lai":
            services.return_submission(rnd, sub.unit, reason, request.user)
            done = _("Đã trả lại báo cáo của %(unit)s.")
        else:
            services.reopen(rnd, sub.unit, request.user, reason)
            done = _("Đã mở lại báo cáo của %(unit)s; đơn vị có thể sửa và nộp lại.")
    except services.RoundPermissionDenied as exc:
        raise PermissionDenied(exc.messages[0])
    except services.RoundRefused as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(request, done % {"unit": sub.unit.name})
    return redirect("submission", round_id=rnd.pk, code=sub.unit.code)


@login_required
@require_GET
def template(request, round_id: int, code: str):
    """The round's Excel template for the unit, with last year's values beside the inputs."""
    rnd = _round(request, round_id)
    sub = _submission(request, rnd, code)
    data = services.export_template(rnd, sub.unit, request.user)
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="dot-{rnd.pk}-{sub.unit.code}.xlsx"'
    return response
