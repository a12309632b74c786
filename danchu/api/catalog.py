"""The catalogue: data elements, dimensions, indicators, forms and validation rules."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from danchu.catalog.layout import layout
from danchu.catalog.models import DataElement, Dimension, Form, Indicator, ValidationRule

from .auth import api_auth

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
