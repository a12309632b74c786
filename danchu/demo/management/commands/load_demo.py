from django.core.management.base import BaseCommand, CommandError

from danchu.demo.services import load_demo
from danchu.values.services import ValuesRefused


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu: cây đơn vị tỉnh Lai Châu, số liệu năm 2023 theo Báo cáo số 39-BC/BCĐ "
        "(và số liệu năm 2022 để so sánh), cùng ba người dùng mẫu. Chạy lại không thay đổi gì."
    )

    def handle(self, *args, **opts):
        try:
            result = load_demo()
        except ValuesRefused as exc:
            raise CommandError("Không nạp được dữ liệu mẫu, không có gì được ghi:\n" + str(exc))
        for line in result.summary():
            self.stdout.write(line)
