from django.core.management.base import BaseCommand, CommandError

from danchu.audit.context import acting
from danchu.catalog.services import FormRefused, load_form_file
from danchu.cli import add_user_option, get_user


class Command(BaseCommand):
    help = (
        "Nạp biểu mẫu từ tệp YAML hoặc XLSX: chiều và phương án, chỉ tiêu, chỉ số, mục và dòng "
        "của biểu mẫu, quy tắc kiểm tra (docs/form-file.md). Có lỗi thì không nạp gì; nạp lại không đổi gì."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
        add_user_option(parser)

    def handle(self, *args, file, dry_run, user, **opts):
        person = get_user(user)
        with acting(user=person, source=f"load_form:{file}"):
            try:
                loaded = load_form_file(file, user=person, dry_run=dry_run)
            except FormRefused as exc:
                for err in exc.errors:
                    self.stderr.write(str(err))
                raise CommandError(f"Không nạp tệp {file}: {len(exc.errors)} lỗi, danh mục không thay đổi.")
        if dry_run:
            self.stdout.write(
                f"Kiểm tra xong, không có lỗi (chưa ghi vì --dry-run). Sẽ nạp {loaded.summary()}."
            )
        else:
            self.stdout.write(f"Đã nạp {loaded.summary()}.")
