from django.core.management.base import BaseCommand, CommandError

from danchu.cli import dump_json, get_unit, parse_date
from danchu.units.services import create_unit


class Command(BaseCommand):
    help = "Tạo đơn vị ngoài địa giới (cơ quan, đơn vị sự nghiệp, doanh nghiệp, MTTQ, đoàn thể) hoặc thôn."

    def add_arguments(self, parser):
        parser.add_argument("--code", required=True)
        parser.add_argument("--name", required=True)
        parser.add_argument(
            "--type",
            required=True,
            help="co_quan, don_vi_su_nghiep, doanh_nghiep, mttq, to_chuc_ctxh, ban_chi_dao, thon",
        )
        parser.add_argument("--parent", required=True, help="mã đơn vị cha")
        parser.add_argument("--tier", help="tinh, huyen, xa, thon (mặc định: cấp của đơn vị cha)")
        parser.add_argument("--from", dest="valid_from", help="hiệu lực từ ngày (YYYY-MM-DD)")

    def handle(self, *args, code, name, type, parent, tier, valid_from, **opts):
        start = parse_date(valid_from) if valid_from else None
        parent_unit = get_unit(parent, start or parse_date(None))
        try:
            unit = create_unit(
                code=code, name=name, type=type, parent=parent_unit, tier=tier, valid_from=start
            )
        except ValueError as exc:
            raise CommandError(str(exc))
        self.stdout.write(
            dump_json(
                {
                    "code": unit.code,
                    "name": unit.name,
                    "type": unit.type,
                    "tier": unit.tier,
                    "parent": parent_unit.code,
                }
            )
        )
