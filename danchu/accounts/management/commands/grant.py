from django.core.management.base import BaseCommand, CommandError

from danchu.accounts.models import Role
from danchu.accounts.services import AccountError, grant
from danchu.cli import parse_date


class Command(BaseCommand):
    help = "Phân quyền cho người dùng trên một đơn vị và mọi đơn vị trực thuộc."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--unit", required=True, help="mã đơn vị")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--at", help="ngày để xác định mã đơn vị (YYYY-MM-DD), mặc định hôm nay")

    def handle(self, *args, username, unit, role, at, **opts):
        try:
            membership, created = grant(username, unit, role, at=parse_date(at))
        except AccountError as exc:
            raise CommandError(str(exc))
        verb = "Đã cấp" if created else "Đã đổi thành"
        self.stdout.write(
            f"{verb} quyền '{membership.get_role_display()}' cho '{username}' trên "
            f"{membership.unit.name} ({membership.unit.code}) và các đơn vị trực thuộc."
        )
