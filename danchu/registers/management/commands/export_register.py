from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from danchu.cli import dump_json, get_user, parse_date
from danchu.registers import kinds
from danchu.registers.commands import records_for
from danchu.registers.files import write_book


class Command(BaseCommand):
    help = (
        "Xuất sổ của một đơn vị (và các đơn vị trực thuộc): JSON như `danchu register list`, hoặc CSV/XLSX "
        "với các cột của `import_register`. Danh tính người tố cáo luôn được ẩn trong tệp xuất."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind")
        parser.add_argument("--unit", required=True)
        parser.add_argument("--at", help="ngày xét quá hạn (mặc định hôm nay)")
        parser.add_argument("--overdue", action="store_true")
        parser.add_argument("--format", choices=["json", "csv", "xlsx"], default=None)
        parser.add_argument("-o", "--output", help="tệp ghi ra (đuôi .json, .csv hoặc .xlsx); mặc định in ra")
        parser.add_argument("--user", help="xuất trong phạm vi của người dùng này")

    def handle(self, *args, kind, unit, at, overdue, format, output, user, **opts):
        try:
            register = kinds.get(kind)
        except kinds.RegisterError as exc:
            raise CommandError(str(exc))
        fmt = format or (Path(output).suffix.lstrip(".").lower() if output else "json")
        if fmt not in ("json", "csv", "xlsx"):
            raise CommandError(f"Định dạng '{fmt}' không hợp lệ (dùng: json, csv, xlsx)")
        # exports never carry a denouncer's identity: the rows are made as for no user
        rows = records_for(register, unit, parse_date(at), overdue, get_user(user), reveal=False)
        if fmt == "json":
            data = dump_json({"records": rows}).encode()
        else:
            data = write_book(register, rows, fmt)
        if output:
            Path(output).write_bytes(data)
            self.stdout.write(f"Đã ghi {len(rows)} {register.record_name} vào {output}")
        elif fmt == "xlsx":
            raise CommandError("Tệp XLSX cần -o TÊN.xlsx")
        else:
            self.stdout.write(data.decode())
