from django.core.management.base import BaseCommand, CommandError

from danchu.analytics.engine import aggregate
from danchu.catalog.dimensions import DimensionKey
from danchu.cli import dump_json, get_period, get_unit, table
from danchu.text import format_number


class Command(BaseCommand):
    help = "Tổng hợp số liệu của một đơn vị và các đơn vị trực thuộc trong một kỳ."

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True)
        parser.add_argument("--period", required=True)
        parser.add_argument("--by", choices=["tier", "child"])
        parser.add_argument("--elements", help="mã chỉ tiêu hoặc chỉ số, cách nhau dấu phẩy")
        parser.add_argument("--format", choices=["json", "table"], default="table")

    def handle(self, *args, unit, period, by, elements, format, **opts):
        p = get_period(period)
        root = get_unit(unit, p.end)
        try:
            result = aggregate(root, p, by=by, elements=elements.split(",") if elements else None)
        except ValueError as exc:
            raise CommandError(str(exc))
        if format == "json":
            self.stdout.write(dump_json(result.as_dict()))
            return
        rows = [
            {
                "element": r.element,
                "dimensions": str(DimensionKey(r.dimensions)),
                "group": r.group,
                "value": format_number(r.value, r.decimals) if r.kind == "indicator" else r.value,
            }
            for r in result.rows
        ]
        self.stdout.write(f"{result.unit.name} ({result.unit.code}) — {p.label()}")
        self.stdout.write(table(rows, ["element", "dimensions", "group", "value"]))
        for note in result.notes:
            self.stdout.write(f"Ghi chú: {note}")
