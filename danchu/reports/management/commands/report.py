"""danchu report --unit CODE --period P [--template NAME] [--values all|approved|marked] --output FILE"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from danchu.cli import get_period, get_unit, parse_date
from danchu.reports import jobs, render
from danchu.reports.compile import CompileError, compile_report, default_template, draft_report
from danchu.reports.models import ReportTemplate
from danchu.reports.services import find_report
from danchu.units.models import resolve_code

# --values of the command → the value modes the web offers (`jobs.VALUE_MODES`)
VALUES = {"all": "tat-ca", "approved": "da-duyet", "marked": "danh-dau"}


class Command(BaseCommand):
    help = "Biên soạn báo cáo năm của một đơn vị và ghi ra .docx, .pdf, .xlsx hoặc .html"

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="mã đơn vị, ví dụ 12")
        parser.add_argument("--period", required=True, help="kỳ báo cáo, ví dụ 2023")
        parser.add_argument("--template", help="mã mẫu báo cáo (mặc định: mẫu mặc định)")
        parser.add_argument("--output", "-o", action="append", required=True, help="tệp ra; lặp lại được")
        parser.add_argument("--number", default="", help="số văn bản, ví dụ 39")
        parser.add_argument("--signer", default="", help="họ tên người ký")
        parser.add_argument("--check", action="store_true", help="in kết quả kiểm tra số liệu trước")
        parser.add_argument(
            "--at",
            help="ngày của cây đơn vị (mặc định: ngày cuối kỳ, hoặc ngày đã lưu trong báo cáo); số liệu "
            "của đơn vị không còn hiệu lực ngày đó, cả năm trước, được tính vào đơn vị kế thừa",
        )
        parser.add_argument(
            "--values",
            default="all",
            choices=list(VALUES),
            help="số liệu dùng: all = tất cả đã nhập, approved = chỉ số liệu đã duyệt, "
            "marked = tất cả, đánh dấu * số liệu chưa duyệt (như trên web)",
        )

    def handle(self, *args, **opts):
        period = get_period(opts["period"])
        at = parse_date(opts["at"]) if opts.get("at") else None
        unit = (resolve_code(opts["unit"], at) if at else None) or get_unit(opts["unit"], period.end)
        for out in opts["output"]:
            try:
                render.format_of(out)
            except ValueError as exc:
                raise CommandError(str(exc))
        template = None
        if opts["template"]:
            template = ReportTemplate.objects.filter(code=opts["template"]).first()
            if template is None:
                codes = ", ".join(ReportTemplate.objects.values_list("code", flat=True))
                raise CommandError(f"Không có mẫu báo cáo '{opts['template']}' (có: {codes})")
        report = find_report(unit, period.code, template)
        if report is None:
            try:
                template = template or default_template()
            except CompileError as exc:
                raise CommandError(str(exc))
            report = draft_report(
                unit, period.code, template, number=opts["number"], signer_name=opts["signer"]
            )
        if at is not None:
            report.tree_date = at  # for this compile; a stored report keeps its own
        try:
            options = jobs.compile_options(VALUES[opts["values"]])
        except ValueError as exc:
            raise CommandError(str(exc))
        self.stdout.write(f"Số liệu: {jobs.VALUE_MODES[VALUES[opts['values']]]}")
        if opts["check"]:
            from danchu.reports.services import data_check

            # "marked" counts every value, like the report itself
            only = None if options.get("mark_unapproved") else options.get("value_filter")
            problems = data_check(unit, period.code, value_filter=only, at=report.tree_date).lines()
            for line in problems:
                self.stdout.write(f"! {line}")
            if not problems:
                self.stdout.write("Kiểm tra số liệu: không thấy vấn đề.")
        started = time.perf_counter()
        try:
            compiled = compile_report(report, **options)
        except CompileError as exc:
            raise CommandError(str(exc))
        for note in compiled.notes:
            self.stdout.write(f"Ghi chú: {note}")
        self.stdout.write(f"Biên soạn xong trong {time.perf_counter() - started:.1f} giây")
        for out in opts["output"]:
            started = time.perf_counter()
            try:
                path = render.write(compiled, out)
            except Exception as exc:  # noqa: BLE001 - LibreOffice and file errors become one message
                raise CommandError(f"Không ghi được {out}: {exc}")
            self.stdout.write(f"{path} ({time.perf_counter() - started:.1f} giây)")
