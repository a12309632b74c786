from django.core.management.base import BaseCommand

from danchu.analytics.validation import validate
from danchu.cli import dump_json, get_period, get_unit, table


class Command(BaseCommand):
    help = "Chạy các quy tắc kiểm tra của biểu mẫu trên từng đơn vị và trên số tổng hợp."

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True)
        parser.add_argument("--period", required=True)
        parser.add_argument("--form", default="QCDC")
        parser.add_argument("--format", choices=["json", "table"], default="table")

    def handle(self, *args, unit, period, form, format, **opts):
        p = get_period(period)
        violations = validate(get_unit(unit, p.end), p, form)
        if format == "json":
            self.stdout.write(dump_json({"violations": [v.as_dict() for v in violations]}))
            return
        rows = [dict(v.as_dict(), message=v.text()) for v in violations]
        self.stdout.write(table(rows, ["rule", "unit", "scope", "importance", "message"]))
        self.stdout.write(f"{len(violations)} vi phạm")
