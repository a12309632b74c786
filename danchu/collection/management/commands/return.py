from danchu.audit.context import acting
from danchu.collection import services

from ._base import RoundCommand


class Command(RoundCommand):
    help = "Trả lại báo cáo đã nộp của một đơn vị kèm lý do; đơn vị sửa và nộp lại."

    def add_arguments(self, parser):
        parser.add_argument("--round", required=True, type=int, dest="round_id")
        parser.add_argument("--unit", required=True)
        parser.add_argument("--reason", required=True, help="lý do trả lại (bắt buộc)")

    def handle(self, *args, round_id, unit, reason, **opts):
        rnd = self.get_round(round_id)
        user = self.acting_user(opts)
        with acting(user=user, source="cli:return"):
            try:
                sub = services.return_submission(rnd, unit, reason, user=user)
            except services.RoundRefused as exc:
                raise self.refuse(exc, f"Không trả lại được báo cáo của đơn vị {unit}")
        self.stdout.write(f"Đã trả lại báo cáo của {sub.unit.name} ({sub.unit.code}): {sub.return_reason}")
