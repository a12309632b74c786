from django.core.management.base import BaseCommand, CommandError

from danchu.analytics.engine import aggregate
from danchu.catalog.dimensions import DimensionKey
from danchu.cli import dump_json, get_period, get_unit, parse_date, table
from danchu.text import format_number
from danchu.units.models import resolve_code


class Command(BaseCommand):
    help = "Tổng hợp số liệu của một đơn vị và các đơn vị trực thuộc trong một kỳ."

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True)
        parser.add_argument("--period", required=True)
        parser.add_argument("--by", choices=["tier", "child"])
        parser.add_argument("--elements", help="mã chỉ tiêu hoặc chỉ số, cách nhau dấu phẩy")
        parser.add_argument(
            "--at",
            help="ngày của cây đơn vị (mặc định: ngày cuối kỳ); số liệu của đơn vị không còn hiệu lực "
            "ngày đó được tính vào đơn vị kế thừa",
        )
        parser.add_argument("--format", choices=["json", "table"], default="table")

    def handle(self, *args, unit, period, by, elements, format, at=None, **opts):
        p = get_period(period)
        day = parse_date(at) if at else p.end
        # the code is read on the tree asked for; a unit of the period's tree is restated onto it
        root = resolve_code(unit, day) or get_unit(unit, p.end)
        try:
            result = aggregate(root, p, by=by, elements=elements.split(",") if elements else None, at=day)
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
        tree = f" — cây đơn vị ngày {day:%d/%m/%Y}" if day != p.end else ""
        self.stdout.write(f"{result.unit.name} ({result.unit.code}) — {p.label()}{tree}")
        self.stdout.write(table(rows, ["element", "dimensions", "group", "value"]))
        for note in result.notes:
            self.stdout.write(f"Ghi chú: {note}")
