"""The catalogue: data elements, dimensions, indicators, forms and validation rules."""

from __future__ import annotations

from pathlib import Path

from django.shortcuts import get_object_or_404
from ninja import File, Router, Schema
from ninja.files import UploadedFile

from danchu.accounts.permissions import can_manage_catalog
from danchu.audit.context import acting
from danchu.catalog.layout import layout
from danchu.catalog.models import DataElement, Dimension, Form, Indicator, ValidationRule
from danchu.catalog.services import FormRefused, load_form

from .auth import api_auth
from .errors import ApiError
from .values import Refused

router = Router(auth=api_auth, tags=["danh mục"])


class OptionOut(Schema):
    code: str
    name: str


class DimensionOut(Schema):
    code: str
    name: str
    options: list[OptionOut]


class ElementOut(Schema):
    code: str
    name: str
    unit_of_measure: str
    value_type: str
    aggregation: str
    time_aggregation: str
    allow_negative: bool
    dimensions: list[str]


class IndicatorOut(Schema):
    code: str
    name: str
    numerator: str
    denominator: str
    factor: float
    decimals: int
    suffix: str


class FormSummary(Schema):
    code: str
    name: str
    require_valid: bool
    builtin: bool


class RowOut(Schema):
    label: str
    element: str | None
    indicator: str | None
    filter: str
    column_dimension: str


class ColumnOut(Schema):
    dimension: str  # "" for the total
    option: str  # "" for the total and the "chưa phân loại" column
    label: str
    kind: str  # "option", "unclassified" or "total"


class SectionOut(Schema):
    code: str
    title: str
    columns: list[ColumnOut]
    rows: list[RowOut]


class FormOut(FormSummary):
    sections: list[SectionOut]


class RuleOut(Schema):
    code: str
    form: str | None
    left: str
    operator: str
    right: str
    importance: str
    message: str
    per_dimension: str
    condition: str


@router.get("/elements", response=list[ElementOut], summary="Chỉ tiêu")
def elements(request):
    return [
        dict(
            code=e.code,
            name=e.name,
            unit_of_measure=e.unit_of_measure,
            value_type=e.value_type,
            aggregation=e.aggregation,
            time_aggregation=e.time_aggregation,
            allow_negative=e.allow_negative,
            dimensions=e.dimension_codes(),
        )
        for e in DataElement.objects.prefetch_related("dimensions")
    ]


@router.get("/dimensions", response=list[DimensionOut], summary="Chiều phân tổ và các phương án")
def dimensions(request):
    return Dimension.objects.prefetch_related("options")


@router.get("/indicators", response=list[IndicatorOut], summary="Chỉ số (tỷ lệ)")
def indicators(request):
    return Indicator.objects.all()


@router.get("/forms", response=list[FormSummary], summary="Biểu mẫu")
def forms(request):
    return Form.objects.all()


class LoadedOut(Schema):
    dry_run: bool
    form: str | None
    created: int
    updated: int
    deleted: int
    unchanged: int
    message: str


# before "/forms/{code}", which would otherwise take "load" for a form code
@router.post(
    "/forms/load",
    response={200: LoadedOut, 403: Refused, 422: Refused},
    summary="Nạp biểu mẫu từ tệp YAML hoặc XLSX (như `danchu load_form`)",
)
def load_form_file(request, file: File[UploadedFile], dry_run: bool = False):
    """Chiều, chỉ tiêu, chỉ số, mục và dòng của biểu mẫu, quy tắc; cả tệp hoặc không gì cả.
    Cần quyền quản trị cấp tỉnh trở lên; lỗi ghi rõ tệp, dòng, cột."""
    user = request.auth
    if not can_manage_catalog(user):
        raise ApiError(403, "Chỉ quản trị cấp tỉnh trở lên được sửa danh mục chỉ tiêu và biểu mẫu.")
    name = Path(file.name or "bieu-mau.yaml").name
    try:
        with acting(user, source=f"api:load_form:{name}", request_id=getattr(request, "id", None)):
            loaded = load_form(file.read(), name, user=user, dry_run=dry_run)
    except FormRefused as exc:
        raise ApiError(
            422,
            f"Có {len(exc.errors)} lỗi; danh mục không thay đổi.",
            errors=[{"row": e.row, "column": e.column, "message": str(e)} for e in exc.errors],
        )
    done = loaded.installed
    return {
        "dry_run": dry_run,
        "form": loaded.spec.form.code if loaded.spec.form else None,
        "created": done.count("create"),
        "updated": done.count("update"),
        "deleted": done.count("delete"),
        "unchanged": done.unchanged,
        "message": loaded.summary(),
    }


@router.get("/forms/{code}", response=FormOut, summary="Một biểu mẫu: các phần, các cột và các dòng")
def form(request, code: str):
    found = layout(get_object_or_404(Form, code=code))
    return dict(
        code=found.form.code,
        name=found.form.name,
        require_valid=found.form.require_valid,
        builtin=found.form.builtin,
        sections=[
            dict(
                code=s.code,
                title=s.title,
                columns=[
                    dict(dimension=c.dimension, option=c.option, label=c.label, kind=c.kind)
                    for c in s.columns
                ],
                rows=[
                    dict(
                        label=r.label,
                        element=r.element.code if r.element else None,
                        indicator=r.indicator.code if r.indicator else None,
                        filter=str(r.filter),
                        column_dimension=r.column_dimension,
                    )
                    for r in s.rows
                ],
            )
            for s in found
        ],
    )


@router.get("/rules", response=list[RuleOut], summary="Quy tắc kiểm tra")
def rules(request, form: str | None = None):
    qs = ValidationRule.objects.select_related("form")
    if form:
        qs = qs.filter(form__code=form)
    return [
        dict(
            code=r.code,
            form=r.form.code if r.form else None,
            left=r.left,
            operator=r.operator,
            right=r.right,
            importance=r.importance,
            message=r.message,
            per_dimension=r.per_dimension,
            condition=r.condition,
        )
        for r in qs
    ]
