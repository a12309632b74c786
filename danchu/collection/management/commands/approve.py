from danchu.audit.context import acting
from danchu.collection import services

from ._base import RoundCommand


class Command(RoundCommand):
    help = "Phê duyệt báo cáo đã nộp của một đơn vị; số liệu được khóa cho đến khi mở lại."

    def add_arguments(self, parser):
        parser.add_argument("--round", required=True, type=int, dest="round_id")
        parser.add_argument("--unit", required=True)
        parser.add_argument("--comment", default="")

    def handle(self, *args, round_id, unit, comment, **opts):
        rnd = self.get_round(round_id)
        user = self.acting_user(opts)
        with acting(user=user, source="cli:approve"):
            try:
                sub = services.approve(rnd, unit, user=user, comment=comment)
            except services.RoundRefused as exc:
                raise self.refuse(exc, f"Không phê duyệt được báo cáo của đơn vị {unit}")
        self.stdout.write(
            f"Đã phê duyệt báo cáo của {sub.unit.name} ({sub.unit.code}) trong đợt số {rnd.pk}."
        )
