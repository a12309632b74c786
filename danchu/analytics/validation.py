"""Running a form's rules on every unit of a subtree and on the subtree's totals."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q

from danchu.catalog.expressions import COMPARE, Expression, parse_condition
from danchu.catalog.models import DataElement, DimensionOption, Form, ValidationRule
from danchu.text import format_number
from danchu.units.models import Unit
from danchu.values.periods import Period

from .engine import _lookup_for, dims_dict, resolve_root, sums


@dataclass
class Violation:
    rule: str
    unit: str
    unit_name: str
    scope: str  # "unit": the unit's own figures; "subtree": the unit with everything under it
    period: str
    left: float
    operator: str
    right: float
    importance: str
    message: str
    option: str = ""

    def as_dict(self) -> dict:
        return {
            "rule": self.rule,
            "unit": self.unit,
            "unit_name": self.unit_name,
            "scope": self.scope,
            "period": self.period,
            "left": self.left,
            "operator": self.operator,
            "right": self.right,
            "importance": self.importance,
            "message": self.message,
            "option": self.option,
        }

    def text(self) -> str:
        opt = f" [{self.option}]" if self.option else ""
        return (
            f"{self.message}{opt}: {format_number(self.left)} {dict(ValidationRule.OPERATORS)[self.operator]} "
            f"{format_number(self.right)} không đạt"
        )


class RuleSet:
    """A form's rules, parsed once."""

    def __init__(self, rules: list[ValidationRule]):
        self.rules = rules
        self.parsed = {
            r.code: (
                Expression(r.left),
                Expression(r.right),
                parse_condition(r.condition) if r.condition else None,
            )
            for r in rules
        }
        self.dims = {e.code: e.dimension_codes() for e in DataElement.objects.prefetch_related("dimensions")}
        self.options: dict[str, list[str]] = defaultdict(list)
        for o in DimensionOption.objects.select_related("dimension").order_by("order"):
            self.options[o.dimension.code].append(o.code)

    def dims_of(self, code: str) -> list[str]:
        return self.dims.get(code, [])

    @classmethod
    def for_form(cls, form: Form | str | None = None) -> RuleSet:
        if form is None:
            form = "QCDC"
        obj = Form.objects.get(code=form) if isinstance(form, str) else form
        return cls(list(obj.rules.all()))

    def element_codes(self) -> set[str]:
        codes: set[str] = set()
        for left, right, cond in self.parsed.values():
            exprs = [left, right] + ([cond[0], cond[2]] if cond else [])
            for e in exprs:
                codes.update(ref.code for ref in e.refs())
        return codes

    def check(
        self, table: dict[str, list[tuple[dict[str, str], float]]]
    ) -> list[tuple[ValidationRule, str, float, float]]:
        """Failed rules for one set of figures: (rule, option, left, right)."""
        lookup = _lookup_for(table)
        failed = []
        for rule in self.rules:
            left, right, cond = self.parsed[rule.code]
            variants: list[tuple[str, dict[str, str] | None]] = [("", None)]
            if rule.per_dimension:
                variants = [(opt, {rule.per_dimension: opt}) for opt in self.options[rule.per_dimension]]
            for opt, extra in variants:
                lv = left.evaluate(lookup, extra, self.dims_of)
                rv = right.evaluate(lookup, extra, self.dims_of)
                if lv is None and rv is None:
                    continue  # nothing reported for this rule
                if cond is not None:
                    cl = cond[0].evaluate(lookup, extra, self.dims_of) or 0.0
                    cr = cond[2].evaluate(lookup, extra, self.dims_of) or 0.0
                    if not COMPARE[cond[1]](cl, cr):
                        continue
                lv, rv = lv or 0.0, rv or 0.0
                if not COMPARE[rule.operator](lv, rv):
                    failed.append((rule, opt, lv, rv))
        return failed


def _tables(raw: dict[tuple[str, str, str | None], float]):
    by_group: dict[str | None, dict[str, list[tuple[dict[str, str], float]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for (code, key, group), value in raw.items():
        by_group[group][code].append((dims_dict(key), value))
    return by_group


def validate(
    unit: Unit,
    period: Period,
    form: Form | str | None = None,
    value_filter: Q | None = None,
    own_only: bool = False,
) -> list[Violation]:
    """Violations of each unit's own figures in the subtree, then of the subtree's totals."""
    notes: list[str] = []
    root = resolve_root(unit, period.end, notes)
    ruleset = RuleSet.for_form(form)
    elements = list(DataElement.objects.filter(code__in=ruleset.element_codes()))
    names = {}
    violations: list[Violation] = []

    def add(failures, code: str, scope: str):
        if code not in names:
            names[code] = (
                Unit.objects.at(period.end).filter(code=code).values_list("name", flat=True).first() or code
            )
        for rule, opt, lv, rv in failures:
            violations.append(
                Violation(
                    rule.code,
                    code,
                    names[code],
                    scope,
                    period.code,
                    lv,
                    rule.operator,
                    rv,
                    rule.importance,
                    rule.message,
                    opt,
                )
            )

    raw = sums(root, period, "unit", elements, value_filter, notes)
    per_unit = _tables(raw)
    for code in sorted(per_unit, key=lambda c: (c != root.code, c or "")):
        add(ruleset.check(per_unit[code]), code or root.code, "unit")
    if not own_only:
        # every intermediate total too (a district's sum can break a rule no commune breaks);
        # a total made of the unit's own figures alone was checked above
        for code, table in _subtree_totals(root, period, raw):
            add(ruleset.check(table), code, "subtree")
    return violations


def _subtree_totals(root: Unit, period: Period, raw: dict[tuple[str, str, str | None], float]):
    """(code, table) of each unit whose subtree total includes figures of units below it,
    rolled up from the per-unit sums already read, root first, then in path order."""
    paths = dict(Unit.objects.at(period.end).subtree(root).values_list("code", "path"))
    by_path = {path: code for code, path in paths.items()}
    totals: dict[str, dict[tuple[str, str], float]] = defaultdict(dict)
    contributors: dict[str, set[str]] = defaultdict(set)
    for (element, key, code), value in raw.items():
        path = paths.get(code or root.code)
        if path is None:
            continue
        segments = path.strip("/").split("/")
        for depth in range(1, len(segments) + 1):
            ancestor = by_path.get("/" + "/".join(segments[:depth]) + "/")
            if ancestor is not None:
                cell = (element, key)
                totals[ancestor][cell] = totals[ancestor].get(cell, 0.0) + value
                contributors[ancestor].add(code or root.code)
    for ancestor in sorted(totals, key=lambda c: paths[c]):
        if contributors[ancestor] - {ancestor}:
            table: dict[tuple[str, str, str | None], float] = {
                (element, key, None): value for (element, key), value in totals[ancestor].items()
            }
            yield ancestor, _tables(table).get(None, {})
