"""Who has reported in a round, and on time."""

from __future__ import annotations

from danchu.units.models import Tier, Unit

from .models import Round, Submission, SubmissionEvent
from .rounds import submissions_for

State = Submission.State
Action = SubmissionEvent.Action


# --- completeness ------------------------------------------------------------------------


def completeness(rnd: Round, user=None) -> dict:
    """Who has reported: the counts of the issue, one row per unit and a breakdown by district.

    `submitted` counts submissions now submitted or approved; `on_time`/`late` compare the
    first submission with the deadline; `missing` lists units with nothing submitted now.
    With a `user`, only units of their subtree are counted.
    """
    subs = list(submissions_for(user, rnd))
    ancestor_ids = {int(seg) for s in subs for seg in s.unit.path.strip("/").split("/")[:-1]}
    ancestors = Unit.objects.in_bulk(ancestor_ids)

    def district_of(unit: Unit) -> Unit:
        for seg in unit.path.strip("/").split("/")[:-1]:
            anc = ancestors.get(int(seg))
            if anc is not None and anc.tier == Tier.HUYEN:
                return anc
        parent = unit.parent if unit.pk != rnd.under_id else None
        return parent or unit

    submitted_states = (State.SUBMITTED, State.APPROVED)
    out: dict = {
        "round": rnd.pk,
        "deadline": rnd.deadline.isoformat(),
        "expected": len(subs),
        "submitted": 0,
        "approved": 0,
        "returned": 0,
        "on_time": 0,
        "late": 0,
        "missing": [],
    }
    units: list[dict] = []
    districts: dict[str, dict] = {}
    for s in subs:
        late = s.is_late()
        if s.state in submitted_states:
            out["submitted"] += 1
        else:
            out["missing"].append(s.unit.code)
        if s.state == State.APPROVED:
            out["approved"] += 1
        if s.state == State.RETURNED:
            out["returned"] += 1
        if late is True:
            out["late"] += 1
        elif late is False:
            out["on_time"] += 1
        d = district_of(s.unit)
        units.append(
            {
                "code": s.unit.code,
                "name": s.unit.name,
                "district": d.code,
                "district_name": d.name,
                "state": s.state,
                "state_label": s.get_state_display(),
                "first_submitted_at": s.first_submitted_at.isoformat() if s.first_submitted_at else None,
                "late": late,
            }
        )
        row = districts.setdefault(
            d.code,
            {
                "code": d.code,
                "name": d.name,
                "path": d.path,
                "expected": 0,
                "submitted": 0,
                "approved": 0,
                "returned": 0,
                "late": 0,
                "missing": 0,
            },
        )
        row["expected"] += 1
        row["submitted"] += s.state in submitted_states
        row["approved"] += s.state == State.APPROVED
        row["returned"] += s.state == State.RETURNED
        row["late"] += late is True
        row["missing"] += s.state not in submitted_states
    out["percent_submitted"] = round(100 * out["submitted"] / out["expected"], 1) if out["expected"] else 0.0
    out["units"] = units
    by_district = sorted(districts.values(), key=lambda r: r["path"])
    for row in by_district:
        del row["path"]
    out["by_district"] = by_district
    return out
