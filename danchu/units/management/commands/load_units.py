from django.core.management.base import BaseCommand, CommandError

from danchu.units import loader


class Command(BaseCommand):
    help = (
        "Nạp cây đơn vị hành chính thật từ gói vietnamadminunits (legacy: trước 1/7/2025; 2025: sau sắp xếp)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tree", choices=["legacy", "2025"], required=True)
        parser.add_argument("--province", help="mã tỉnh, ví dụ 12 (Lai Châu); bỏ trống để nạp cả nước")

    def handle(self, *args, tree, province, **opts):
        try:
            result = loader.load(tree, province)
        except ValueError as exc:
            raise CommandError(str(exc))
        self.stdout.write(
            f"Cây {tree}: {result.created} đơn vị mới, {result.updated} cập nhật, {result.unchanged} không đổi; "
            f"{result.lineage_created} quan hệ kế thừa mới."
        )
