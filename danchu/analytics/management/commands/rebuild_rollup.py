from django.core.management.base import BaseCommand

from danchu.analytics import rollup


class Command(BaseCommand):
    help = (
        "Tính lại bảng tổng hợp sẵn (FlowRollup) từ toàn bộ số liệu; chỉ cần sau khi số liệu được "
        "ghi thẳng vào cơ sở dữ liệu, không qua import_values, web hay API."
    )

    def handle(self, *args, **opts):
        self.stdout.write(f"Đã tính lại bảng tổng hợp sẵn: {rollup.rebuild()} dòng.")
