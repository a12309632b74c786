from django.core.management.base import BaseCommand, CommandError

from danchu.cli import dump_json
from danchu.legal import calendar
from danchu.legal.models import AnnouncedDay


class Command(BaseCommand):
    help = "Ngày nghỉ (ngoài thứ Bảy, Chủ nhật) và ngày làm bù của một năm theo lịch làm việc."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--format", choices=["json", "table"], default="table")

    def handle(self, *args, year, format, **opts):
        if not 1900 < year < 2200:
            raise CommandError(f"Năm {year} nằm ngoài khoảng cho phép")
        announced = {
            a.date: a for a in AnnouncedDay.objects.filter(date__year=year).select_related("holiday")
        }
        rows = [
            {
                "date": d.isoformat(),
                "kind": "off",
                "holiday": announced[d].holiday.name if d in announced and announced[d].holiday else "",
                "source": announced[d].announcement
                if d in announced
                else "Bộ luật Lao động (tính theo luật)",
            }
            for d in calendar.days_off(year)
        ]
        rows += [
            {"date": d.isoformat(), "kind": "work", "holiday": "", "source": announced[d].announcement}
            for d in calendar.make_up_days(year)
        ]
        rows.sort(key=lambda r: r["date"])
        if format == "json":
            self.stdout.write(dump_json({"year": year, "days": rows}))
            return
        for r in rows:
            y, m, d = r["date"].split("-")
            self.stdout.write(
                f"{d}/{m}/{y}  {'nghỉ' if r['kind'] == 'off' else 'làm bù'}  {r['holiday']}  ({r['source']})"
            )
