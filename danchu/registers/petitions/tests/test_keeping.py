"""A unit that keeps the petitions book no longer types the figures it feeds."""

import datetime as dt

import pytest

from danchu.registers import kinds, writing
from danchu.registers.keeping import keep
from danchu.registers.models import Keeping
from danchu.registers.petitions import services as ps
from danchu.values.models import DataValue
from danchu.values.services import InputRow, ValuesRefused, apply_rows

D = dt.date


@pytest.mark.django_db
def test_the_first_record_makes_the_unit_keep_the_book_from_its_month(commune):
    ps.receive(commune, received=D(2023, 3, 20), channel="truc_tiep", kind="khieu_nai")
    keeping = Keeping.objects.get(unit=commune, kind="petitions")
    assert keeping.since == D(2023, 3, 15)  # the Decree 09 month 2023-04 starts on 15/03
    # an older record moves the start back
    ps.receive(commune, received=D(2023, 1, 5), channel="truc_tiep", kind="khieu_nai")
    assert Keeping.objects.get(unit=commune, kind="petitions").since == D(2022, 12, 15)


@pytest.mark.django_db
def test_hand_entry_of_fed_figures_is_refused_with_a_pointer_to_the_book(commune):
    ps.receive(commune, received=D(2023, 3, 20), channel="truc_tiep", kind="khieu_nai")
    with pytest.raises(ValuesRefused) as refused:
        apply_rows([InputRow("DON_DUDK", "03386", "2023", 12, "", row=2)], file="so-lieu.csv")
    message = str(refused.value.errors[0])
    assert message.startswith("Tệp so-lieu.csv, dòng 2, cột 'element': DON_DUDK của Phường Quyết Thắng")
    assert "sổ 'Sổ tiếp nhận, xử lý đơn'" in message and "giữ sổ từ 15/03/2023" in message
    assert "/so/don/03386/" in message
    # figures the book does not feed, and periods before the book, are typed as before
    apply_rows([InputRow("TD_TIEPDAN", "03386", "2023", 3, "chuc_danh=bi_thu")])
    apply_rows([InputRow("DON_DUDK", "03386", "2022", 4, "")])
    # writing back exactly what the book computed (an export imported again) passes
    apply_rows([InputRow("DON_DUDK", "03386", "2023-05", 0, "")])


@pytest.mark.django_db
def test_keeping_cannot_start_over_hand_entered_figures(commune):
    apply_rows([InputRow("DON_DUDK", "03386", "2023", 12, "")])
    register = kinds.get("petitions")
    with pytest.raises(kinds.RegisterError, match="đã nhập tay số liệu"):
        keep(register, commune, D(2023, 1, 1))
    with pytest.raises(kinds.RegisterError, match="DON_DUDK kỳ 2023 = 12"):
        ps.receive(commune, received=D(2023, 3, 20), channel="truc_tiep", kind="khieu_nai")
    # after the hand-entered year, the book may start
    keep(register, commune, D(2023, 12, 15))
    writing.recompute(register, commune)
    assert DataValue.objects.filter(unit=commune, source="registers.petitions", period="2024-01").exists()
