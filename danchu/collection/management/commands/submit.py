from pathlib import Path

from django.core.management.base import CommandError

from danchu.audit.context import acting
from danchu.collection import services

from ._base import RoundCommand


class Command(RoundCommand):
    help = (
        "Nộp báo cáo của một đơn vị trong đợt: ghi số liệu từ tệp (CSV số liệu hoặc biểu mẫu Excel "
        "của đợt) và nộp trong một bước; không đạt quy tắc kiểm tra thì không ghi gì."
    )

    def add_arguments(self, parser):
        parser.add_argument("--round", required=True, type=int, dest="round_id")
        parser.add_argument("--unit", required=True, help="mã đơn vị nộp")
        parser.add_argument("--file", help="tệp .csv hoặc .xlsx; không có thì nộp số liệu đã nhập")
        parser.add_argument("--comment", default="", help="giải trình cho các cảnh báo")

    def handle(self, *args, round_id, unit, file, comment, **opts):
        rnd = self.get_round(round_id)
        user = self.acting_user(opts)
        with acting(user=user, source=f"cli:submit:{Path(file).name}" if file else "cli:submit"):
            try:
                if file:
                    try:
                        data = Path(file).read_bytes()
                    except OSError as exc:
                        raise CommandError(f"Không mở được tệp {file}: {exc.strerror}")
                    result = services.submit_file(
                        rnd, unit, data, Path(file).name, user=user, comment=comment
                    )
                else:
                    result = services.submit(rnd, unit, user=user, comment=comment)
            except services.RoundRefused as exc:
                raise self.refuse(exc, f"Không nộp được báo cáo của đơn vị {unit}")
        sub = result.submission
        written = f" ({result.written.summary()})" if result.written else ""
        self.stdout.write(
            f"Đã nộp báo cáo của {sub.unit.name} ({sub.unit.code}) trong đợt số {rnd.pk}{written}."
        )
        for v in result.warnings:
            self.stdout.write(f"Cảnh báo: {v.text()}")
