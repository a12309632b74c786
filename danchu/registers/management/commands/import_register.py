from django.core.management.base import BaseCommand, CommandError

from danchu.audit.context import acting
from danchu.cli import add_user_option, get_user
from danchu.registers import kinds
from danchu.registers.files import import_path
from danchu.values.services import ValuesRefused


class Command(BaseCommand):
    help = (
        "Nhập sổ (CSV hoặc XLSX) vào danchu: petitions (sổ tiếp nhận, xử lý đơn), reception (sổ tiếp "
        "công dân), dialogues (đối thoại). Tất cả các dòng hoặc không dòng nào; lỗi ghi rõ dòng, cột."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", help="loại sổ: petitions, reception, dialogues, …")
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
        add_user_option(parser)

    def handle(self, *args, kind, file, dry_run, user, **opts):
        try:
            register = kinds.get(kind)
        except kinds.RegisterError as exc:
            raise CommandError(str(exc))
        person = get_user(user)
        try:
            with acting(person, source=f"import:{file}"):
                result = import_path(register, file, user=person, dry_run=dry_run)
        except ValuesRefused as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(f"Có {len(exc.errors)} lỗi; không ghi dòng nào.")
        self.stdout.write(result.summary())
