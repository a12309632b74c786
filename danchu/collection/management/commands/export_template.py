from pathlib import Path

from danchu.collection import services

from ._base import RoundCommand


class Command(RoundCommand):
    help = "Xuất biểu mẫu Excel của đợt cho một đơn vị (nhãn tiếng Việt, số kỳ trước, ô nhập được bảo vệ)."

    def add_arguments(self, parser):
        parser.add_argument("--round", required=True, type=int, dest="round_id")
        parser.add_argument("--unit", required=True)
        parser.add_argument("--output", "-o", required=True, help="tệp .xlsx sẽ ghi")

    def handle(self, *args, round_id, unit, output, **opts):
        rnd = self.get_round(round_id)
        try:
            data = services.export_template(rnd, unit)
        except services.RoundRefused as exc:
            raise self.refuse(exc, "Không xuất được biểu mẫu")
        Path(output).write_bytes(data)
        self.stdout.write(f"Đã ghi biểu mẫu của đơn vị {unit}, đợt số {rnd.pk} vào {output}.")
