from danchu.audit.context import acting
from danchu.cli import dump_json, get_period, get_unit, parse_date
from danchu.collection import services

from ._base import RoundCommand


class Command(RoundCommand):
    help = "Mở đợt báo cáo: biểu mẫu, kỳ, các đơn vị được yêu cầu (cây đơn vị và cấp/loại), hạn nộp."

    def add_arguments(self, parser):
        parser.add_argument("--form", default="QCDC", help="mã biểu mẫu (mặc định QCDC)")
        parser.add_argument("--period", required=True, help="kỳ báo cáo, ví dụ 2023")
        parser.add_argument("--under", required=True, help="mã đơn vị chủ trì, ví dụ 12")
        parser.add_argument(
            "--tier", default="", help="cấp được yêu cầu, cách nhau bởi dấu phẩy: tinh,huyen,xa,thon"
        )
        parser.add_argument("--type", default="", dest="unit_types", help="loại đơn vị, ví dụ co_quan,mttq")
        parser.add_argument("--deadline", required=True, help="hạn nộp, YYYY-MM-DD hoặc DD/MM/YYYY")
        parser.add_argument("--title", default="")
        parser.add_argument("--format", choices=["json", "table"], default="table")

    def handle(self, *args, form, period, under, tier, unit_types, deadline, title, format, **opts):
        p = get_period(period)
        unit = get_unit(under, p.end)
        user = self.acting_user(opts)
        with acting(user=user, source="cli:open_round"):
            try:
                rnd = services.open_round(
                    form,
                    p,
                    unit,
                    parse_date(deadline),
                    tiers=tier,
                    unit_types=unit_types,
                    title=title,
                    user=user,
                )
            except services.RoundRefused as exc:
                raise self.refuse(exc, "Không mở được đợt báo cáo")
        expected = rnd.submissions.count()
        late = services.deadline_warning(rnd.deadline)
        if late:
            self.stderr.write(f"Cảnh báo: {late}")
        if format == "json":
            self.stdout.write(dump_json({"round": rnd.pk, "expected": expected}))
        else:
            self.stdout.write(
                f"Đã mở đợt báo cáo số {rnd.pk}: {rnd}; {expected} đơn vị được yêu cầu, "
                f"hạn nộp {rnd.deadline:%d/%m/%Y}."
            )
