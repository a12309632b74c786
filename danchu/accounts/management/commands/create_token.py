from django.core.management.base import BaseCommand, CommandError

from danchu.accounts.services import AccountError, create_token


class Command(BaseCommand):
    help = "Cấp mã truy cập API cho người dùng; mã chỉ hiện một lần, hệ thống chỉ lưu bản băm."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="tên gợi nhớ, ví dụ 'đồng bộ phần mềm tỉnh'")

    def handle(self, *args, username, name, **opts):
        try:
            token, raw = create_token(username, name)
        except AccountError as exc:
            raise CommandError(str(exc))
        self.stderr.write(
            f"Mã truy cập của '{username}' (chỉ hiện lần này, hãy lưu lại ngay; "
            f"thu hồi bằng `danchu revoke_token {username} --prefix {token.prefix}`):"
        )
        self.stdout.write(raw)
