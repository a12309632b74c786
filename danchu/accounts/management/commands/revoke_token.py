from django.core.management.base import BaseCommand, CommandError

from danchu.accounts.services import AccountError, revoke_tokens


class Command(BaseCommand):
    help = "Thu hồi mã truy cập API của người dùng (theo các ký tự đầu của mã, hoặc tất cả)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--prefix", help="các ký tự đầu của mã, ví dụ dc_AbCd")
        group.add_argument("--all", action="store_true", help="thu hồi mọi mã của người dùng")

    def handle(self, *args, username, prefix, all, **opts):
        try:
            tokens = revoke_tokens(username, prefix or "", all_tokens=all)
        except AccountError as exc:
            raise CommandError(str(exc))
        names = ", ".join(f"{t.prefix}…" + (f" ({t.name})" if t.name else "") for t in tokens)
        self.stdout.write(f"Đã thu hồi {len(tokens)} mã truy cập của '{username}': {names}.")
