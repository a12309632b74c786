from danchu.cli import dump_json, table
from danchu.collection import services
from danchu.text import format_percent

from ._base import RoundCommand

KEYS = ["expected", "submitted", "approved", "returned", "on_time", "late", "missing"]


class Command(RoundCommand):
    help = "Tình hình nộp báo cáo của đợt: số đơn vị được yêu cầu, đã nộp, đã duyệt, bị trả lại, đúng/trễ hạn, còn thiếu."

    def add_arguments(self, parser):
        parser.add_argument("--round", required=True, type=int, dest="round_id")
        parser.add_argument("--format", choices=["json", "table"], default="table")
        parser.add_argument(
            "--units", action="store_true", help="(json) kèm danh sách từng đơn vị và theo huyện"
        )

    def handle(self, *args, round_id, format, units, **opts):
        rnd = self.get_round(round_id)
        data = services.completeness(rnd)
        if format == "json":
            out = {k: data[k] for k in KEYS}
            if units:
                out.update(units=data["units"], by_district=data["by_district"])
            self.stdout.write(dump_json(out))
            return
        self.stdout.write(f"Đợt báo cáo số {rnd.pk}: {rnd} — hạn nộp {rnd.deadline:%d/%m/%Y}")
        self.stdout.write(
            table(
                data["by_district"],
                ["code", "name", "expected", "submitted", "approved", "returned", "late", "missing"],
            )
        )
        self.stdout.write(
            f"Đã nộp {data['submitted']}/{data['expected']} ({format_percent(data['percent_submitted'], 1)}), "
            f"phê duyệt {data['approved']}, trả lại {data['returned']}, "
            f"đúng hạn {data['on_time']}, trễ hạn {data['late']}; chưa nộp: {', '.join(data['missing']) or 'không'}"
        )
