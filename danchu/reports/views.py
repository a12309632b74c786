"""Report pages: list, create, edit header and sections, data check, preview, sources, downloads.

Thin views over the engine (`services`, `compile`, `html`, `render`, `jobs`, `sources`).
Scoping: a report whose unit is outside the user's subtrees answers 404; viewing needs the
role `view` on the report's unit, changing it `enter` (403 otherwise).
"""

from __future__ import annotations

import hashlib
import html as htmllib
import re
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from danchu.accounts.permissions import Role, can, get_scoped_or_404, roots
from danchu.catalog.dimensions import DimensionKey
from danchu.catalog.models import DataElement, Indicator
from danchu.text import fold

from . import jobs, services
from .compile import Compiled, CompileError, compile_report
from .forms import ReportCreateForm, ReportHeaderForm, SectionForm
from .html import css, render_fragment
from .models import Report, ReportSection
from .render import FORMATS
from .render import render as render_bytes
from .sources import SourceError, figure_sources

FORMAT_NAMES = {"docx": "Word (DOCX)", "pdf": "PDF", "xlsx": "Excel (XLSX, phụ lục)", "html": "HTML"}


def _report(request, pk: int, role: str = Role.VIEW) -> Report:
    """The report, if its unit is in the user's scope (else 404) and the user holds `role` (else 403)."""
    return get_scoped_or_404(
        Report.objects.select_related("unit", "template", "template__form", "updated_by"),
        request.user,
        role,
        pk=pk,
        not_found="Không tìm thấy báo cáo",
        forbidden="Bạn không có quyền sửa báo cáo này",
    )


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


@login_required
@require_GET
def report_list(request):
    reports = (
        Report.objects.restrict(request.user)
        .select_related("unit", "template", "updated_by")
        .order_by("-period", "unit__path", "-updated_at")
    )
    may_create = request.user.is_superuser or bool(roots(request.user, Role.ENTER))
    return render(request, "reports/list.html", {"reports": reports, "may_create": may_create})


@login_required
def report_create(request):
    form = ReportCreateForm(request.POST or None, user=request.user)
    existing = None
    if request.method == "POST" and form.is_valid():
        existing = services.find_report(
            form.unit_obj, form.cleaned_data["period"], form.cleaned_data["template"]
        )
        if existing is not None and not request.POST.get("van_tao"):
            # the same unit, period and template already has a report: offer it, or a new one on purpose
            return render(request, "reports/create.html", {"form": form, "existing": existing}, status=409)
        try:
            report = services.create_report(
                form.cleaned_data["template"], form.unit_obj, form.cleaned_data["period"], user=request.user
            )
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Đã tạo báo cáo năm %(period)s của %(unit)s.")
                % {"period": report.period, "unit": report.unit.name},
            )
            return redirect("reports:detail", pk=report.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "reports/create.html", {"form": form}, status=status)


def _markup_help() -> dict:
    return {
        "elements": DataElement.objects.order_by("order", "code").values_list("code", "name"),
        "indicators": Indicator.objects.order_by("code").values_list("code", "name"),
    }


@login_required
def report_detail(request, pk: int):
    """The report page: header fields, sections (each saved on its own), data check, preview."""
    report = _report(request, pk)
    may_edit = can(request.user, Role.ENTER, report.unit)
    form = ReportHeaderForm(instance=report)
    status = 200
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied("Bạn không có quyền sửa báo cáo này")
        form = ReportHeaderForm(request.POST, instance=Report.objects.get(pk=report.pk))
        if form.is_valid():
            fields = {f: form.cleaned_data[f] for f in form.Meta.fields}
            try:
                services.update_report(report, user=request.user, **fields)
            except ValueError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Đã lưu phần đầu báo cáo."))
                return redirect("reports:detail", pk=report.pk)
        status = 400
    sections = [
        {
            "section": s,
            "form": SectionForm(initial={"heading": s.heading, "body": s.body}),
            "goc": _version(s),
        }
        for s in report.sections.all()
    ]
    context = {
        "report": report,
        "form": form,
        "sections": sections,
        "may_edit": may_edit,
        "formats": FORMAT_NAMES,
        "job": jobs.latest(report.pk),
        "modes": jobs.VALUE_MODES,
        "help": _markup_help(),
    }
    return render(request, "reports/detail.html", context, status=status)


def _version(section: ReportSection) -> str:
    """A short fingerprint of the section's stored text, sent back with an edit."""
    return hashlib.sha256(f"{section.heading}\n{section.body}".encode()).hexdigest()[:16]


@login_required
@require_POST
def section_save(request, pk: int, section_id: int):
    """Save one section's text (htmx: answers the section's form again, with the result)."""
    report = _report(request, pk, Role.ENTER)
    form = SectionForm(request.POST)
    error, saved = "", False
    version = request.POST.get("goc", "")
    with transaction.atomic():  # the row stays locked from the version check to the write
        section = ReportSection.objects.select_for_update().filter(report=report, pk=section_id).first()
        if section is None:
            raise Http404("Không tìm thấy mục")
        conflict = bool(version) and version != _version(section)
        if conflict:
            who = report.updated_by.get_username() if report.updated_by else _("người khác")
            error = _(
                "Mục này vừa được %(who)s sửa sau khi bạn mở trang nên chưa lưu; hãy chép nội dung của bạn, "
                "tải lại trang rồi sửa tiếp."
            ) % {"who": who}
        elif form.is_valid():
            try:
                services.update_section(
                    section,
                    form.cleaned_data["body"],
                    heading=form.cleaned_data["heading"],
                    user=request.user,
                )
                saved = True
            except ValueError as exc:
                error = str(exc)
        else:
            error = "; ".join(str(e) for errs in form.errors.values() for e in errs)
    if not _is_htmx(request):
        if saved:
            messages.success(request, _("Đã lưu mục “%(heading)s”.") % {"heading": section.heading})
        else:
            messages.error(request, error)
        return redirect(reverse("reports:detail", args=[report.pk]) + f"#muc-{section.pk}")
    shown = form if not saved else SectionForm(initial={"heading": section.heading, "body": section.body})
    response = render(
        request,
        "reports/_section.html",
        {
            "report": report,
            # after a conflict the box keeps the fingerprint it was opened with, so saving again
            # still refuses until the page is reloaded
            "item": {"section": section, "form": shown, "goc": version if conflict else _version(section)},
            "may_edit": True,
            "saved": saved,
            "error": error,
        },
    )
    if saved:
        response["HX-Trigger"] = "bao-cao-doi"
    return response


@login_required
@require_POST
def section_add(request, pk: int):
    report = _report(request, pk, Role.ENTER)
    form = SectionForm(request.POST)
    if form.is_valid() and form.cleaned_data["heading"].strip():
        try:
            level = 1 if request.POST.get("level") == "1" else 2
            section = services.add_section(
                report,
                form.cleaned_data["heading"].strip(),
                form.cleaned_data["body"],
                level,
                user=request.user,
            )
        except ValueError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Đã thêm mục “%(heading)s”.") % {"heading": section.heading})
            return redirect(reverse("reports:detail", args=[report.pk]) + f"#muc-{section.pk}")
    else:
        messages.error(request, _("Mục mới cần có tiêu đề."))
    return redirect("reports:detail", pk=report.pk)


@login_required
@require_POST
def section_delete(request, pk: int, section_id: int):
    report = _report(request, pk, Role.ENTER)
    section = ReportSection.objects.filter(report=report, pk=section_id).first()
    if section is None:
        raise Http404("Không tìm thấy mục")
    try:
        services.delete_section(section, user=request.user)
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect("reports:detail", pk=report.pk)
    messages.success(
        request,
        _("Đã xoá mục “%(heading)s”; nội dung cũ còn trong nhật ký thay đổi.") % {"heading": section.heading},
    )
    return redirect("reports:detail", pk=report.pk)


@login_required
@require_GET
def data_check(request, pk: int):
    """Kiểm tra số liệu trước khi lập báo cáo (loaded into the report page by htmx)."""
    report = _report(request, pk)
    form = report.template.form
    form_code = form.code if form is not None else "QCDC"
    error, check = "", None
    try:
        check = services.data_check(report.unit, report.period, form=form_code, at=report.tree_date)
    except ValueError as exc:
        error = str(exc)
    template = "reports/_check.html" if _is_htmx(request) else "reports/check.html"
    return render(request, template, {"report": report, "check": check, "error": error})


_FIGURE = re.compile(r'<span class="figure[^"]*"(?P<attrs>[^>]*)><a href="(?P<href>[^"]*)"')
_ATTR = re.compile(r'data-([a-z]+)="([^"]*)"')


def source_url(report: Report, attrs: dict[str, str], mode: str = "tat-ca") -> str:
    query = {
        "chi_tieu": attrs.get("element", ""),
        "don_vi": attrs.get("unit", ""),
        "ky": attrs.get("period", ""),
        "cap": attrs.get("tier", ""),
        "chieu": attrs.get("dims", ""),
        "so_lieu": "" if mode == "tat-ca" else mode,
    }
    query = {k: v for k, v in query.items() if v}
    return reverse("reports:source", args=[report.pk]) + "?" + urlencode(query)


def link_figures(report: Report, fragment: str, mode: str = "tat-ca") -> str:
    """Point every figure of the engine's HTML at the page listing the values behind it."""

    def repl(m: re.Match) -> str:
        attrs = {k: htmllib.unescape(v) for k, v in _ATTR.findall(m.group("attrs"))}
        href = escape(source_url(report, attrs, mode))
        return m.group(0)[: m.start("href") - m.start(0)] + href + '"'

    return _FIGURE.sub(repl, fragment)


def _values_mode(request) -> str:
    mode = request.GET.get("so_lieu") or request.POST.get("so_lieu") or "tat-ca"
    return mode if mode in jobs.VALUE_MODES else "tat-ca"


def _compiled(report: Report, mode: str = "tat-ca") -> tuple[Compiled | None, str]:
    try:
        return compile_report(report, **jobs.compile_options(mode)), ""
    except (CompileError, ValueError) as exc:
        return None, str(exc)


@login_required
@require_GET
def preview(request, pk: int):
    """The compiled report as HTML, figures highlighted and linked to their sources."""
    report = _report(request, pk)
    mode = _values_mode(request)
    compiled, error = _compiled(report, mode)
    body = link_figures(report, render_fragment(compiled), mode) if compiled else ""
    context = {
        "report": report,
        "body": body,
        "css": css(report.template.layout),
        "error": error,
        "compiled": compiled,
        "mode": mode,
        "modes": jobs.VALUE_MODES,
    }
    template = "reports/_preview.html" if _is_htmx(request) else "reports/preview.html"
    return render(request, template, context)


@login_required
@require_GET
def source(request, pk: int):
    """Which units and which stored values make up one figure of the report."""
    report = _report(request, pk)
    code = request.GET.get("chi_tieu", "").strip()
    dims_text = request.GET.get("chieu", "").strip()
    mode = _values_mode(request)
    error, src = "", None
    try:
        dims = dict(DimensionKey.parse(dims_text))
        src = figure_sources(
            request.user,
            report.unit,
            code,
            request.GET.get("ky", "").strip() or report.period,
            unit_code=request.GET.get("don_vi", "").strip() or None,
            tier=request.GET.get("cap", "").strip() or None,
            dims=dims,
            **jobs.compile_options(mode),
        )
    except (SourceError, ValueError) as exc:
        error = str(exc)
    status = 400 if error else 200
    context = {
        "report": report,
        "src": src,
        "error": error,
        "mode": mode,
        "mode_name": jobs.VALUE_MODES[mode],
    }
    return render(request, "reports/source.html", context, status=status)


def download_name(report: Report, fmt: str) -> str:
    return f"Báo cáo {report.unit.name} {report.period}.{fmt}".replace("/", "-")


def content_disposition(report: Report, fmt: str) -> str:
    """A Vietnamese file name (RFC 6266 filename*) with an ASCII one for old clients."""
    name = download_name(report, fmt)
    ascii_name = re.sub(r"[^A-Za-z0-9.]+", "-", fold(name)).strip("-") or f"bao-cao.{fmt}"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


@login_required
@require_GET
def download(request, pk: int, fmt: str):
    """Compile and send at once (links work without JavaScript)."""
    report = _report(request, pk)
    if fmt not in FORMATS:
        raise Http404("Định dạng không hỗ trợ")
    compiled, error = _compiled(report, _values_mode(request))
    if compiled is None:
        return render(request, "reports/preview.html", {"report": report, "error": error}, status=400)
    try:
        data = render_bytes(compiled, fmt)
    except (RuntimeError, OSError, ValueError) as exc:
        return render(
            request,
            "reports/preview.html",
            {"report": report, "error": f"Không xuất được tệp: {exc}"},
            status=500,
        )
    response = HttpResponse(data, content_type=FORMATS[fmt])
    response["Content-Disposition"] = content_disposition(report, fmt)
    return response


@login_required
@require_POST
def job_start(request, pk: int):
    """Start compiling in the background; answers the progress box that polls itself."""
    report = _report(request, pk)
    fmt = request.POST.get("dinh_dang", "docx")
    if fmt not in FORMATS:
        return HttpResponse(_("Định dạng không hỗ trợ"), status=400)
    job = jobs.start(report, fmt, request.user, values=_values_mode(request))
    if not _is_htmx(request):
        return redirect("reports:detail", pk=report.pk)
    return render(request, "reports/_job.html", {"report": report, "job": job, "formats": FORMAT_NAMES})


@login_required
@require_GET
def job_status(request, pk: int, job_id: str):
    report = _report(request, pk)
    job = jobs.load(report.pk, job_id)
    if job is None:
        raise Http404("Không tìm thấy lượt lập báo cáo")
    return render(request, "reports/_job.html", {"report": report, "job": job, "formats": FORMAT_NAMES})


@login_required
@require_GET
def job_download(request, pk: int, job_id: str):
    report = _report(request, pk)
    job = jobs.load(report.pk, job_id)
    if job is None or job.state != "done" or not job.output.is_file():
        raise Http404("Tệp chưa sẵn sàng")
    response = FileResponse(job.output.open("rb"), content_type=FORMATS[job.fmt])
    response["Content-Disposition"] = content_disposition(report, job.fmt)
    return response
