"""danchu demo_report: compile Lai Châu's 2023 report from the demo data into var/demo/."""

from __future__ import annotations

import datetime as dt
import importlib
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from danchu.cli import get_period, get_unit
from danchu.reports import render
from danchu.reports.compile import CompileError, compile_report, default_template
from danchu.reports.services import create_report, find_report, update_report

UNIT, PERIOD = "12", "2023"
# the seed report 39-BC/BCĐ of 21/12/2023: its number, signer and signer's title
NUMBER, DATE, SIGNER = "39", dt.date(2023, 12, 21), "Vũ Mạnh Hà"
SIGNER_TITLE = "PHÓ BÍ THƯ\nkiêm\nTRƯỞNG BAN CHỈ ĐẠO"


def demo_sections(template) -> list[tuple[str, int, str]] | None:
    """The template's sections with the demo's narrative (`danchu.demo.narrative.for_heading`)
    in place of the template's placeholder text; the lines holding figures are kept."""
    try:
        narrative = importlib.import_module("danchu.demo.narrative")
    except ImportError:
        return None
    for_heading = getattr(narrative, "for_heading", None)
    if for_heading is None:
        return None
    out = []
    for s in template.sections.all():
        body, text = s.body, for_heading(s.heading)
        if text:
            kept = [line for line in s.body.splitlines() if "{{" in line or "[^" in line]
            body = "\n".join([text, *kept])
        out.append((s.heading, s.level, body))
    return out


class Command(BaseCommand):
    help = "Biên soạn báo cáo mẫu năm 2023 của tỉnh Lai Châu từ dữ liệu demo vào var/demo/"

    def add_arguments(self, parser):
        parser.add_argument("--outdir", default=str(Path(settings.PROJECT_DIR) / "var" / "demo"))
        parser.add_argument("--formats", default="docx,pdf,xlsx,html")

    def handle(self, *args, **opts):
        period = get_period(PERIOD)
        unit = get_unit(UNIT, period.end)
        template = default_template()
        report = find_report(unit, period.code, template)
        if report is None:
            report = create_report(
                template,
                unit,
                period.code,
                number=NUMBER,
                date=DATE,
                signer_title=SIGNER_TITLE,
                signer_name=SIGNER,
            )
            sections = demo_sections(template)
            if sections:
                report.sections.all().delete()
                for order, (heading, level, body) in enumerate(sections):
                    report.sections.create(order=order, heading=heading, level=level, body=body)
        elif not (report.number and report.signer_name):
            # a demo report made before the signer was known gets the seed's number and signer
            update_report(report, number=report.number or NUMBER, signer_name=report.signer_name or SIGNER)
        started = time.perf_counter()
        try:
            compiled = compile_report(report)
        except CompileError as exc:
            raise CommandError(str(exc))
        self.stdout.write(
            f"Biên soạn báo cáo {unit.name} năm {PERIOD}: {time.perf_counter() - started:.1f} giây"
        )
        for note in compiled.notes:
            self.stderr.write(f"Ghi chú: {note}")
        outdir = Path(opts["outdir"])
        for fmt in [f.strip() for f in opts["formats"].split(",") if f.strip()]:
            path = outdir / f"bao-cao-{UNIT}-{PERIOD}.{fmt}"
            started = time.perf_counter()
            try:
                render.write(compiled, path)
            except Exception as exc:  # noqa: BLE001 - a missing LibreOffice must not hide the other files
                self.stderr.write(f"Không ghi được {path}: {exc}")
                continue
            self.stdout.write(f"{path} ({time.perf_counter() - started:.1f} giây)")
