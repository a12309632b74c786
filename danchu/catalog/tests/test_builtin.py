import re
from pathlib import Path

from danchu.catalog import builtin
from danchu.catalog.models import DataElement, Dimension, Form, Indicator, ValidationRule

# the repository's copy of the national form's codes (an interface: CSV files and the API use them)
DOC = Path(__file__).resolve().parents[3] / "docs" / "form-qcdc.md"


def test_national_form_is_installed_by_migrate(db):
    assert Form.objects.get(code="QCDC").require_valid
    assert DataElement.objects.count() == len(builtin.ELEMENTS) == 50
    assert DataElement.objects.get(code="HG_TO").time_aggregation == "stock"
    assert DataElement.objects.get(code="DON_TIEPNHAN").dimension_codes() == ["loai_don", "nguon"]
    assert Indicator.objects.get(code="TL_HOAGIAI").decimals == 2
    assert ValidationRule.objects.count() == len(builtin.RULES)


def test_install_is_idempotent(db):
    before = (Dimension.objects.count(), DataElement.objects.count(), ValidationRule.objects.count())
    builtin.install()
    builtin.install()
    assert (Dimension.objects.count(), DataElement.objects.count(), ValidationRule.objects.count()) == before


def test_codes_match_the_form_document(db):
    codes = set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|", DOC.read_text(encoding="utf-8"), re.M))
    assert codes == set(DataElement.objects.values_list("code", flat=True)) | set(
        Indicator.objects.values_list("code", flat=True)
    )
