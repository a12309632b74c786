import os

from django.core.management.base import BaseCommand, CommandError

from danchu.accounts.services import AccountError, create_user


class Command(BaseCommand):
    help = "Tạo người dùng (không có mật khẩu thì chỉ dùng được mã truy cập API)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--password", help="mật khẩu (lộ trong lịch sử lệnh; nên dùng --password-env)")
        group.add_argument("--password-env", metavar="VAR", help="tên biến môi trường chứa mật khẩu")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, password, password_env, email, **opts):
        if password_env:
            password = os.environ.get(password_env)
            if not password:
                raise CommandError(f"Biến môi trường '{password_env}' không có hoặc đang trống.")
        try:
            user = create_user(username, password=password, email=email)
        except AccountError as exc:
            raise CommandError(str(exc))
        note = "" if password else " (chưa có mật khẩu: chỉ dùng được mã truy cập API)"
        self.stdout.write(f"Đã tạo người dùng '{user.username}'{note}.")
