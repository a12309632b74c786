"""The register benchmark's generator on one province: its figures are those the register writes."""

from __future__ import annotations

import pytest

from bench import generate, petitions
from danchu.registers import kinds, writing
from danchu.registers.petitions.models import Petition
from danchu.values.models import DataValue


@pytest.fixture
def small(db):
    generate.generate(["12"], limit_units=8, out=lambda _: None)
    return petitions.generate(["12"], total=400, out=lambda _: None)


def stored(unit, source: str) -> dict:
    return {
        (e, p, d): v
        for e, p, d, v in DataValue.objects.filter(unit=unit, source=source).values_list(
            "element__code", "period", "dimensions", "value"
        )
    }


def test_generator_writes_the_petitions_and_the_figures_recompute_would(small):
    assert small.petitions == Petition.objects.count() == 400
    # every key of the register, every month of 2023, every commune
    assert small.communes > 0 and small.values == small.communes * 12 * 36
    register = kinds.get("petitions")
    unit = petitions.communes(["12"]).first()
    before = stored(unit, register.source)
    writing.recompute(register, unit)
    after = stored(unit, register.source)
    assert before and all(after[key] == value for key, value in before.items())
