from django.core.management.base import BaseCommand

from danchu.cli import dump_json, parse_date, table
from danchu.legal.models import Rule


class Command(BaseCommand):
    help = "Liệt kê bảng quy định thời hạn (luật, điều, hiệu lực, ngày theo lịch hay ngày làm việc, gia hạn)."

    def add_arguments(self, parser):
        parser.add_argument("--at", help="chỉ các quy định có hiệu lực ngày này (YYYY-MM-DD)")
        parser.add_argument("--format", choices=["json", "table"], default="table")

    def handle(self, *args, at, format, **opts):
        rules = Rule.objects.all()
        if at:
            rules = rules.in_force(parse_date(at))
        rows = [
            {
                "code": r.code,
                "name": r.name,
                "clock": r.clock,
                "kinds": r.kind_list(),
                "when": sorted(r.conditions()),
                "days": r.days,
                "day_kind": r.day_kind,
                "extension_days": r.extension_days,
                "max_extensions": r.max_extensions,
                "law": r.law,
                "article": r.article,
                "effective_from": r.effective_from.isoformat(),
                "effective_to": r.effective_to.isoformat() if r.effective_to else None,
                "checked": r.checked,
                "note": r.note,
            }
            for r in rules
        ]
        if format == "json":
            self.stdout.write(dump_json({"rules": rows}))
            return
        lines = [
            {
                "mã": r.code,
                "name": r.name,
                "thời hạn": r.describe(),
                "căn cứ": f"{r.law}, {r.article}",
                "hiệu lực từ": r.effective_from,
                "đã đối chiếu": "có" if r.checked else "chưa",
            }
            for r in rules
        ]
        self.stdout.write(table(lines, ["mã", "name", "thời hạn", "căn cứ", "hiệu lực từ", "đã đối chiếu"]))
