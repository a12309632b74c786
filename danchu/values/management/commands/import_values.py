from django.core.management.base import BaseCommand, CommandError

from danchu.audit.context import acting
from danchu.cli import add_user_option, get_user
from danchu.values.services import ValuesRefused, import_file


class Command(BaseCommand):
    help = "Nhập số liệu từ tệp CSV hoặc XLSX (cột element,unit,period,value,dimensions,comment). Có lỗi thì không nhập gì."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
        add_user_option(parser)

    def handle(self, *args, file, dry_run, user, **opts):
        person = get_user(user)
        with acting(user=person, source=f"import:{file}"):
            try:
                result = import_file(file, user=person, dry_run=dry_run)
            except ValuesRefused as exc:
                for err in exc.errors:
                    self.stderr.write(str(err))
                raise CommandError(
                    f"Không nhập tệp {file}: {len(exc.errors)} lỗi, không có giá trị nào được ghi."
                )
        if dry_run:
            self.stdout.write(f"Kiểm tra xong {len(result.rows)} dòng: không có lỗi (chưa ghi vì --dry-run).")
        else:
            self.stdout.write(f"Đã nhập {len(result.rows)} dòng: {result.summary()}.")
