import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from danchu.audit.context import acting
from danchu.cli import add_user_option, get_user, parse_date
from danchu.legal.services import CalendarRefused, announce


def _dates(text: str) -> list[dt.date]:
    """ "2027-02-04..2027-02-10,2027-02-20" → the days listed, ranges included."""
    out: list[dt.date] = []
    for part in [p.strip() for p in (text or "").split(",") if p.strip()]:
        if ".." in part:
            a, b = (parse_date(x.strip()) for x in part.split("..", 1))
            if b < a:
                raise CommandError(f"Khoảng ngày '{part}': ngày cuối trước ngày đầu")
            out += [a + dt.timedelta(days=n) for n in range((b - a).days + 1)]
        else:
            out.append(parse_date(part))
    return out


class Command(BaseCommand):
    help = (
        "Ghi lịch nghỉ một dịp lễ, Tết của một năm theo thông báo của Chính phủ: ngày nghỉ và ngày làm bù "
        "(thay cho ngày tính theo Bộ luật Lao động). Ví dụ: danchu add_days_off --year 2027 --holiday "
        "tet_am_lich --off 2027-02-04..2027-02-10 --announcement 'Thông báo số …'"
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument(
            "--holiday", required=True, help="mã dịp lễ: tet_duong_lich, tet_am_lich, gio_to, …"
        )
        parser.add_argument(
            "--off", required=True, help="ngày nghỉ: YYYY-MM-DD, khoảng a..b, cách nhau dấu phẩy"
        )
        parser.add_argument("--work", default="", help="ngày làm bù (thứ Bảy, Chủ nhật)")
        parser.add_argument("--announcement", required=True, help="văn bản công bố")
        parser.add_argument("--note", default="")
        add_user_option(parser)

    def handle(self, *args, year, holiday, off, work, announcement, note, user, **opts):
        try:
            with acting(get_user(user), source="cli"):
                made = announce(year, holiday, announcement, _dates(off), _dates(work), note)
        except CalendarRefused as exc:
            raise CommandError(str(exc))
        self.stdout.write(f"Đã ghi {len(made)} ngày cho dịp {holiday} năm {year}.")
