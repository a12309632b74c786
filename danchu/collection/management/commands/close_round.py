from danchu.audit.context import acting
from danchu.collection import services

from ._base import RoundCommand


class Command(RoundCommand):
    help = "Đóng đợt báo cáo: không nhận bài nộp mới (vẫn phê duyệt, trả lại, mở lại được)."

    def add_arguments(self, parser):
        parser.add_argument("--round", required=True, type=int, dest="round_id")

    def handle(self, *args, round_id, **opts):
        rnd = self.get_round(round_id)
        with acting(source="cli:close_round"):
            services.close_round(rnd)
        self.stdout.write(f"Đã đóng đợt báo cáo số {rnd.pk}.")
