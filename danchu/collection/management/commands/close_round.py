from danchu.audit.context import acting
from danchu.collection import services

from ._base import RoundCommand


class Command(RoundCommand):
    help = "Đóng đợt báo cáo: không nhận bài nộp mới (vẫn phê duyệt, trả lại, mở lại được)."

    def add_arguments(self, parser):
        parser.add_argument("--round", required=True, type=int, dest="round_id")

    def handle(self, *args, round_id, **opts):
        rnd = self.get_round(round_id)
        user = self.acting_user(opts)
        with acting(user=user, source="cli:close_round"):
            try:
                services.close_round(rnd, user=user)
            except services.RoundRefused as exc:
                raise self.refuse(exc, f"Không đóng được đợt báo cáo số {rnd.pk}")
        self.stdout.write(f"Đã đóng đợt báo cáo số {rnd.pk}.")
