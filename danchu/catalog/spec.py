"""A catalogue as plain data, and the one function that writes it.

The national form (`builtin.py`) and every form file a province loads (`formfile.py`,
`danchu load_form`) become a `CatalogSpec` and are written by `install`, so both follow the
same rules: elements, dimensions, options and indicators are created or updated, never
deleted (values and other forms may use them); the form's sections, rows and rules are the
ones given, nothing else. Writing the same spec again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class OptionSpec:
    code: str
    name: str


@dataclass(frozen=True)
class DimensionSpec:
    code: str
    name: str
    options: tuple[OptionSpec, ...] = ()


@dataclass(frozen=True)
class ElementSpec:
    code: str
    name: str
    unit_of_measure: str
    dimensions: tuple[str, ...] = ()
    time_aggregation: str = "flow"
    value_type: str = "integer"
    allow_negative: bool = False


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    name: str
    numerator: str
    denominator: str
    factor: float = 100
    decimals: int = 1
    suffix: str = "%"


@dataclass(frozen=True)
class RowSpec:
    label: str
    element: str = ""
    indicator: str = ""
    filter: str = ""
    column_dimension: str = ""


@dataclass(frozen=True)
class SectionSpec:
    code: str
    title: str
    rows: tuple[RowSpec, ...] = ()


@dataclass(frozen=True)
class RuleSpec:
    code: str
    left: str
    operator: str
    right: str
    importance: str = "high"
    message: str = ""
    per_dimension: str = ""
    condition: str = ""


@dataclass(frozen=True)
class FormSpec:
    code: str
    name: str
    require_valid: bool = True
    sections: tuple[SectionSpec, ...] = ()
    rules: tuple[RuleSpec, ...] = ()


@dataclass
class CatalogSpec:
    dimensions: list[DimensionSpec] = field(default_factory=list)
    elements: list[ElementSpec] = field(default_factory=list)
    indicators: list[IndicatorSpec] = field(default_factory=list)
    form: FormSpec | None = None


@dataclass
class Change:
    """One object created, changed or removed, for the change log."""

    action: str  # "create", "update" or "delete"
    object_type: str  # "dimension", "option", "element", "indicator", "form", "rule"
    code: str
    before: dict | None
    after: dict


@dataclass
class Installed:
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0

    def count(self, action: str) -> int:
        return sum(1 for c in self.changes if c.action == action)

    def summary(self) -> str:
        gone = f", {self.count('delete')} quy tắc bỏ đi" if self.count("delete") else ""
        return (
            f"{self.count('create')} mục mới, {self.count('update')} mục được sửa{gone}, "
            f"{self.unchanged} mục không đổi"
        )


# where file-defined objects sort: after the national form's, in the file's order
FILE_ORDER_START = 100


def install(spec: CatalogSpec, apps=None, builtin: bool = False, order_start: int = 0) -> Installed:
    """Create or update everything `spec` holds; the caller runs it in a transaction.

    `apps` is a migration's model registry (the national form is installed by a migration)."""
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
    m = {
        name: apps.get_model("catalog", name)
        for name in (
            "Dimension",
            "DimensionOption",
            "DataElement",
            "Indicator",
            "Form",
            "FormSection",
            "FormRow",
            "ValidationRule",
        )
    }
    done = Installed()

    def upsert(model, object_type: str, code: str, lookup: dict, values: dict):
        """(object, its change or None) after creating it or setting `values` on it."""
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model.objects.create(**lookup, **values)
            done.changes.append(Change("create", object_type, code, None, _plain(values)))
            return obj, done.changes[-1]
        before = {k: getattr(obj, k) for k in values}
        if before == values:
            done.unchanged += 1
            return obj, None
        for k, v in values.items():
            setattr(obj, k, v)
        obj.save()
        done.changes.append(Change("update", object_type, code, _plain(before), _plain(values)))
        return obj, done.changes[-1]

    dims = {d.code: d for d in m["Dimension"].objects.all()}
    for i, d in enumerate(spec.dimensions):
        dims[d.code], _ = upsert(
            m["Dimension"], "dimension", d.code, {"code": d.code}, {"name": d.name, "order": order_start + i}
        )
        for j, o in enumerate(d.options):
            upsert(
                m["DimensionOption"],
                "option",
                f"{d.code}={o.code}",
                {"dimension": dims[d.code], "code": o.code},
                {"name": o.name, "order": j},
            )
    for i, e in enumerate(spec.elements):
        el, change = upsert(
            m["DataElement"],
            "element",
            e.code,
            {"code": e.code},
            {
                "name": e.name,
                "unit_of_measure": e.unit_of_measure,
                "time_aggregation": e.time_aggregation,
                "value_type": e.value_type,
                "allow_negative": e.allow_negative,
                "order": order_start + i,
            },
        )
        before = sorted(el.dimensions.values_list("code", flat=True))
        if before != sorted(e.dimensions):
            el.dimensions.set([dims[c] for c in e.dimensions])
            if change is None:
                done.unchanged -= 1
                change = Change("update", "element", e.code, {}, {})
                done.changes.append(change)
            if change.before is not None:
                change.before["dimensions"] = before
            change.after["dimensions"] = sorted(e.dimensions)
    for ind in spec.indicators:
        upsert(
            m["Indicator"],
            "indicator",
            ind.code,
            {"code": ind.code},
            {
                "name": ind.name,
                "numerator": ind.numerator,
                "denominator": ind.denominator,
                "factor": float(ind.factor),
                "decimals": ind.decimals,
                "suffix": ind.suffix,
            },
        )
    if spec.form is not None:
        _install_form(spec.form, m, upsert, done, builtin)
    return done


def _install_form(f: FormSpec, m: dict, upsert, done: Installed, builtin: bool) -> None:
    form, _ = upsert(
        m["Form"],
        "form",
        f.code,
        {"code": f.code},
        {"name": f.name, "require_valid": f.require_valid, "builtin": builtin},
    )
    elements = {e.code: e for e in m["DataElement"].objects.all()}
    indicators = {i.code: i for i in m["Indicator"].objects.all()}
    layout_before = _layout(form, m)
    layout_after = [(s.code, s.title, [tuple(_row_tuple(r)) for r in s.rows]) for s in f.sections]
    if layout_before != layout_after:
        kept = []
        for order, s in enumerate(f.sections):
            section = m["FormSection"].objects.filter(form=form, code=s.code).first()
            if section is None:
                section = m["FormSection"].objects.create(form=form, code=s.code, title=s.title, order=order)
            elif (section.title, section.order) != (s.title, order):
                section.title, section.order = s.title, order
                section.save()
            kept.append(section.pk)
            if [tuple(_row_tuple(r)) for r in s.rows] != _rows_of(section, m):
                section.rows.all().delete()
                for r_order, r in enumerate(s.rows):
                    m["FormRow"].objects.create(
                        section=section,
                        order=r_order,
                        label=r.label,
                        filter=r.filter,
                        column_dimension=r.column_dimension,
                        element=elements.get(r.element) if r.element else None,
                        indicator=indicators.get(r.indicator) if r.indicator else None,
                    )
        m["FormSection"].objects.filter(form=form).exclude(pk__in=kept).delete()
        done.changes.append(
            Change(
                "update" if layout_before else "create",
                "form",
                f"{f.code}: mục và dòng",
                {"sections": [[s, t, [list(r) for r in rows]] for s, t, rows in layout_before]},
                {"sections": [[s, t, [list(r) for r in rows]] for s, t, rows in layout_after]},
            )
        )
    else:
        done.unchanged += 1
    for rule in f.rules:
        upsert(
            m["ValidationRule"],
            "rule",
            rule.code,
            {"code": rule.code},
            {
                "form": form,
                "left": rule.left,
                "operator": rule.operator,
                "right": rule.right,
                "importance": rule.importance,
                "message": rule.message,
                "per_dimension": rule.per_dimension,
                "condition": rule.condition,
            },
        )
    if not builtin:
        # a form file holds all of its form's rules; the national form keeps rules added elsewhere
        gone = m["ValidationRule"].objects.filter(form=form).exclude(code__in=[r.code for r in f.rules])
        for rule in gone:
            done.changes.append(
                Change("delete", "rule", rule.code, {"left": rule.left, "right": rule.right}, {})
            )
        gone.delete()


def _row_tuple(r: RowSpec) -> tuple[str, str, str, str, str]:
    return (r.label, r.element, r.indicator, r.filter, r.column_dimension)


def _rows_of(section, m: dict) -> list[tuple[str, str, str, str, str]]:
    return [
        (
            row.label,
            row.element.code if row.element_id else "",
            row.indicator.code if row.indicator_id else "",
            row.filter,
            row.column_dimension,
        )
        for row in m["FormRow"]
        .objects.filter(section=section)
        .select_related("element", "indicator")
        .order_by("order")
    ]


def _layout(form, m: dict) -> list:
    return [
        (s.code, s.title, _rows_of(s, m))
        for s in m["FormSection"].objects.filter(form=form).order_by("order")
    ]


def _plain(values: dict) -> dict:
    """JSON-friendly values for the change log (a form as its code)."""
    return {k: getattr(v, "code", v) for k, v in values.items()}
