from django.core.management.base import BaseCommand

from danchu.cli import dump_json, get_unit, parse_date, table
from danchu.units.models import Unit


class Command(BaseCommand):
    help = "Liệt kê cây đơn vị có hiệu lực tại một ngày dưới một đơn vị."

    def add_arguments(self, parser):
        parser.add_argument("--under", required=True, help="mã đơn vị gốc")
        parser.add_argument("--at", help="ngày (YYYY-MM-DD), mặc định hôm nay")
        parser.add_argument("--format", choices=["json", "table"], default="table")

    def handle(self, *args, under, at, format, **opts):
        date = parse_date(at)
        root = get_unit(under, date)
        units = Unit.objects.at(date).subtree(root).select_related("parent")
        rows = [
            {
                "code": u.code,
                "name": u.name,
                "type": u.type,
                "tier": u.tier,
                "parent": u.parent.code if u.parent else None,
                "valid_from": u.valid_from.isoformat() if u.valid_from else None,
                "valid_to": u.valid_to.isoformat() if u.valid_to else None,
            }
            for u in units
        ]
        if format == "json":
            self.stdout.write(dump_json({"units": rows}))
        else:
            self.stdout.write(
                table(rows, ["code", "name", "type", "tier", "parent", "valid_from", "valid_to"])
            )
            self.stdout.write(f"{len(rows)} đơn vị")
