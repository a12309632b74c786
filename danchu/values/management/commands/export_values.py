import csv
import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand

from danchu.cli import get_period, get_unit
from danchu.values.models import DataValue
from danchu.values.services import export_rows
from danchu.values.xlsx import write_xlsx


class Command(BaseCommand):
    help = "Xuất số liệu theo định dạng nhập (CSV hoặc XLSX theo đuôi tệp; mặc định CSV ra màn hình)."

    def add_arguments(self, parser):
        parser.add_argument("--unit", help="chỉ đơn vị này và các đơn vị trực thuộc")
        parser.add_argument("--period", help="chỉ các giá trị nằm trong kỳ này")
        parser.add_argument("--elements", help="danh sách mã chỉ tiêu, cách nhau dấu phẩy")
        parser.add_argument("--output", "-o", help="tệp .csv hoặc .xlsx; - hoặc bỏ trống: CSV ra màn hình")

    def handle(self, *args, unit, period, elements, output, **opts):
        qs = DataValue.objects.all()
        if period:
            p = get_period(period)
            qs = qs.filter(start__gte=p.start, end__lte=p.end)
        if unit:
            root = get_unit(unit, get_period(period).end if period else dt.date.today())
            qs = qs.filter(unit__path__startswith=root.path)
        if elements:
            qs = qs.filter(element__code__in=[e.strip() for e in elements.split(",")])
        rows = export_rows(qs)
        if output and output.lower().endswith(".xlsx"):
            Path(output).write_bytes(write_xlsx(rows))
        elif output and output != "-":
            with open(output, "w", newline="", encoding="utf-8") as fh:
                csv.writer(fh).writerows(rows)
        else:
            csv.writer(self.stdout).writerows(rows)
