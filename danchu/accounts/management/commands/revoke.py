from django.core.management.base import BaseCommand, CommandError

from danchu.accounts.services import AccountError, revoke
from danchu.cli import parse_date


class Command(BaseCommand):
    help = "Thu hồi quyền của người dùng trên một đơn vị."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--unit", required=True, help="mã đơn vị")
        parser.add_argument("--at", help="ngày để xác định mã đơn vị (YYYY-MM-DD), mặc định hôm nay")

    def handle(self, *args, username, unit, at, **opts):
        try:
            membership = revoke(username, unit, at=parse_date(at))
        except AccountError as exc:
            raise CommandError(str(exc))
        self.stdout.write(
            f"Đã thu hồi quyền '{membership.get_role_display()}' của '{username}' trên "
            f"{membership.unit.name} ({membership.unit.code})."
        )
