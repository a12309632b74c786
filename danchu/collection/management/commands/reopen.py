from danchu.audit.context import acting
from danchu.collection import services

from ._base import RoundCommand


class Command(RoundCommand):
    help = "Mở lại báo cáo đã phê duyệt (bỏ khóa số liệu, về trạng thái chưa nộp); được ghi lại."

    def add_arguments(self, parser):
        parser.add_argument("--round", required=True, type=int, dest="round_id")
        parser.add_argument("--unit", required=True)
        parser.add_argument("--reason", default="")

    def handle(self, *args, round_id, unit, reason, **opts):
        rnd = self.get_round(round_id)
        user = self.acting_user(opts)
        with acting(user=user, source="cli:reopen"):
            try:
                sub = services.reopen(rnd, unit, user=user, reason=reason)
            except services.RoundRefused as exc:
                raise self.refuse(exc, f"Không mở lại được báo cáo của đơn vị {unit}")
        self.stdout.write(
            f"Đã mở lại báo cáo của {sub.unit.name} ({sub.unit.code}); số liệu không còn bị khóa."
        )
