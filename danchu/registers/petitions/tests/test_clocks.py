"""Each case stores its legal limits, from the rules table and the working-day calendar."""

import datetime as dt

import pytest

from danchu.registers.petitions import services as ps
from danchu.registers.petitions.clocks import deadlines, is_overdue
from danchu.registers.petitions.models import Case

D = dt.date


@pytest.mark.django_db
def test_a_denunciation_received_before_tet_2024_is_due_for_acceptance_on_20_february(commune):
    p = ps.receive(commune, received=D(2024, 2, 2), channel="truc_tiep", kind="to_cao")
    assert (p.due, p.due_rule) == (D(2024, 2, 20), "TC_THULY")
    assert not is_overdue(p, D(2024, 2, 20)) and is_overdue(p, D(2024, 2, 21))


@pytest.mark.django_db
def test_extensions_move_the_resolution_limit_and_are_limited(commune):
    p = ps.receive(commune, received=D(2024, 3, 1), channel="truc_tiep", kind="to_cao")
    ps.handle(p, action="thu_ly", day=D(2024, 3, 4), eligible=True, competent=True)
    case = Case.objects.get(pk=p.case_id)
    assert (case.resolve_due, case.resolve_rule) == (D(2024, 4, 3), "TC_GQ")
    ps.extend(case, days=30, reason="Vụ việc phức tạp: hai nội dung", decided=D(2024, 3, 30))
    case.refresh_from_db()
    assert case.resolve_due == D(2024, 5, 3)
    with pytest.raises(ps.PetitionRefused, match="chỉ được gia hạn 1 lần"):
        ps.extend(case, days=10, reason="Thêm", decided=D(2024, 4, 20))
    # especially complex: a second extension is allowed
    ps.set_facts(case, very_complex=True)
    ps.extend(case, days=30, reason="Đặc biệt phức tạp", decided=D(2024, 4, 25))
    case.refresh_from_db()
    assert case.resolve_due == D(2024, 6, 3)  # 04/03 + 90 = 02/06, a Sunday → Monday 03/06
    assert deadlines(Case.objects.get(pk=case.pk).petitions.get()) == {
        "thu_ly": D(2024, 3, 12),
        "giai_quyet": D(2024, 6, 3),
    }
    with pytest.raises(ps.PetitionRefused, match="phải ghi lý do"):
        ps.extend(case, days=5, reason=" ", decided=D(2024, 5, 1))


@pytest.mark.django_db
def test_complaints_in_remote_areas_and_second_complaints_get_their_own_limits(commune):
    p = ps.receive(commune, received=D(2024, 3, 1), channel="truc_tiep", kind="khieu_nai")
    ps.handle(p, action="thu_ly", day=D(2024, 3, 5), eligible=True, competent=True)
    case = Case.objects.get(pk=p.case_id)
    assert case.resolve_due == D(2024, 4, 4)  # 30 days
    ps.set_facts(case, remote=True, second_complaint=True)
    case.refresh_from_db()
    assert (case.resolve_rule, case.resolve_due) == (
        "KN_GQ_L2_VX",
        D(2024, 5, 4),
    )  # 60 days: Saturday 04/05/2024 was a make-up working day
    with pytest.raises(ps.PetitionRefused, match="tối đa 10 ngày"):
        ps.extend(case, days=15, reason="Phức tạp", decided=D(2024, 4, 1))
