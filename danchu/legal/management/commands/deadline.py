from django.core.management.base import BaseCommand, CommandError

from danchu.cli import dump_json, parse_date
from danchu.legal import clocks
from danchu.legal.models import CONDITIONS, Clock


class Command(BaseCommand):
    help = "Hạn của một thời hạn pháp luật cho một ngày sự kiện (ví dụ: thụ lý tố cáo nhận ngày 2024-02-02)."

    def add_arguments(self, parser):
        parser.add_argument("--clock", choices=Clock.values, required=True)
        parser.add_argument("--kind", required=True, help="khieu_nai, to_cao, kien_nghi, phan_anh")
        parser.add_argument("--from", dest="start", required=True, help="ngày sự kiện (nhận đơn, thụ lý)")
        parser.add_argument(
            "--when", default="", help=f"điều kiện, cách nhau dấu phẩy: {', '.join(CONDITIONS)}"
        )
        parser.add_argument("--extra-days", type=int, default=0, help="số ngày đã gia hạn")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args, clock, kind, start, when, extra_days, format, **opts):
        day = parse_date(start)
        conditions = {c.strip() for c in when.split(",") if c.strip()}
        unknown = sorted(conditions - set(CONDITIONS))
        if unknown:
            raise CommandError(f"Điều kiện '{unknown[0]}' không có (dùng: {', '.join(CONDITIONS)})")
        rule = clocks.find_rule(clock, kind, conditions, day)
        if rule is None:
            raise CommandError(f"Không có quy định thời hạn '{clock}' cho loại '{kind}' ngày {day:%d/%m/%Y}")
        due = clocks.due_date(rule, day, extra_days)
        if format == "json":
            self.stdout.write(dump_json({"rule": rule.code, "from": day.isoformat(), "due": due.isoformat()}))
        else:
            self.stdout.write(f"{due:%d/%m/%Y} — {rule.name}: {rule.describe()} ({rule.law}, {rule.article})")
