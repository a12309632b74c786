from django.core.management.base import BaseCommand, CommandError

from danchu.audit.context import acting
from danchu.cli import add_user_option, dump_json, get_unit, get_user, parse_date, table
from danchu.registers import kinds, writing
from danchu.registers.commands import records_for
from danchu.registers.keeping import keep
from danchu.registers.models import Keeping


class Command(BaseCommand):
    help = (
        "Sổ theo dõi: `register list KIND --unit U [--at NGÀY] [--overdue] [--user TÊN] --format json`, "
        "`register keep KIND --unit U --since NGÀY` (đơn vị giữ sổ từ ngày), `register refresh KIND "
        "[--unit U]` (tính lại số liệu tới tháng hiện tại), `register kinds`."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["list", "keep", "refresh", "kinds"])
        parser.add_argument("kind", nargs="?")
        parser.add_argument("--unit")
        parser.add_argument("--at")
        parser.add_argument("--since")
        parser.add_argument("--overdue", action="store_true")
        parser.add_argument("--search", default="")
        parser.add_argument("--format", choices=["json", "table"], default="table")
        add_user_option(parser)

    def handle(self, *args, action, kind, unit, at, since, overdue, search, format, user, **opts):
        if action == "kinds":
            rows = [
                {"kind": k, "name": r.name, "elements": sorted(r.elements())}
                for k, r in sorted(kinds.REGISTRY.items())
            ]
            self.stdout.write(
                dump_json({"kinds": rows}) if format == "json" else table(rows, ["kind", "name"])
            )
            return
        if not kind:
            raise CommandError("Thiếu loại sổ (petitions, reception, dialogues, …)")
        try:
            register = kinds.get(kind)
        except kinds.RegisterError as exc:
            raise CommandError(str(exc))
        person = get_user(user)
        if action == "list":
            if not unit:
                raise CommandError("Thiếu --unit")
            rows = records_for(register, unit, parse_date(at), overdue, person, search=search, reveal=True)
            if format == "json":
                self.stdout.write(dump_json({"records": rows}))
            else:
                columns = [
                    c
                    for c in ("number", "date", "unit", "kind", "received", "state", "overdue", "petitioner")
                    if rows and c in rows[0]
                ]
                self.stdout.write(table(rows, columns))
                self.stdout.write(f"{len(rows)} {register.record_name}")
            return
        if action == "keep":
            if not unit or not since:
                raise CommandError("Cần --unit và --since")
            day = parse_date(since)
            target = get_unit(unit, day)
            with acting(person, source="cli"):
                try:
                    found = keep(register, target, day, user=person, reason="admin")
                except kinds.RegisterError as exc:
                    raise CommandError(str(exc))
                writing.recompute(register, target)
            self.stdout.write(str(found))
            return
        keepings = Keeping.objects.filter(kind=register.kind).select_related("unit")
        if unit:
            keepings = keepings.filter(unit=get_unit(unit, parse_date(at)))
        n = 0
        with acting(person, source="cli"):
            for k in keepings.order_by("unit__path"):
                result = writing.recompute(register, k.unit)
                n += result.created + result.updated
        self.stdout.write(f"Đã tính lại {keepings.count()} đơn vị: {n} giá trị mới hoặc được thay.")
