"""Checking a form file's entries against itself and the catalogue, into a `CatalogSpec`.

Every problem becomes a `RowError` naming the file, row and column; the file is refused when
there is any, so nothing of it is written (`services.load_form`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from danchu.values.services import RowError

from . import builtin
from .expressions import Expression, ExpressionError, parse_condition, parse_filter
from .formfile import Entry, FormFile, FormRefused
from .models import DataElement, Dimension, DimensionOption, Form, Indicator, ValidationRule
from .spec import (
    CatalogSpec,
    DimensionSpec,
    ElementSpec,
    FormSpec,
    IndicatorSpec,
    OptionSpec,
    RowSpec,
    RuleSpec,
    SectionSpec,
)

ELEMENT_CODE = re.compile(r"^[A-Z][A-Z0-9_]{0,39}$")  # the expression language reads these
DIMENSION_CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")  # as in `dimensions` of the values CSV
FORM_CODE = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
RULE_CODE = re.compile(r"^[A-Za-z0-9_]{1,60}$")
TIME = {"flow": "flow", "stock": "stock", "cộng dồn": "flow", "cuối kỳ": "stock"}
TYPES = {"integer": "integer", "number": "number", "số nguyên": "integer", "số": "number"}
OPERATORS = {
    "<=": "<=",
    "<": "<",
    "==": "==",
    "=": "==",
    ">=": ">=",
    ">": ">",
    "!=": "!=",
    "≤": "<=",
    "≥": ">=",
    "≠": "!=",
}
IMPORTANCE = {
    "high": "high",
    "medium": "medium",
    "low": "low",
    "cao": "high",
    "trung bình": "medium",
    "thấp": "low",
}
YES = {"true", "yes", "có", "co", "x", "1"}
NO = {"false", "no", "không", "khong", "0", ""}


class _Checker:
    def __init__(self, file: FormFile):
        self.file = file
        self.errors: list[RowError] = []
        self.national = builtin.spec()
        self.db_dims = {d.code: d for d in Dimension.objects.all()}
        self.db_options = {
            (o.dimension.code, o.code) for o in DimensionOption.objects.select_related("dimension")
        }
        self.db_elements = {e.code: e for e in DataElement.objects.prefetch_related("dimensions")}
        self.db_indicators = set(Indicator.objects.values_list("code", flat=True))
        self.dims: dict[str, list[str]] = {}  # dimension → options, the file's and the catalogue's
        for code in self.db_dims:
            self.dims[code] = [c for d, c in self.db_options if d == code]
        self.element_dims: dict[str, list[str]] = {
            code: e.dimension_codes() for code, e in self.db_elements.items()
        }
        self.indicators = set(self.db_indicators)

    def fail(self, entry: Entry, column: str, message: str) -> None:
        self.errors.append(entry.error(column, message))

    # fields ------------------------------------------------------------------------------

    def text(self, entry: Entry, key: str, required: bool = False, limit: int = 300) -> str:
        raw = entry.values.get(key)
        if isinstance(raw, bool):
            self.fail(entry, key, f"'{key}' là chữ, không phải có/không: viết trong ngoặc kép")
            return ""
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)  # a section code typed as a number in Excel
        value = "" if raw is None else str(raw).strip()
        if required and not value:
            self.fail(entry, key, f"thiếu '{key}'")
        elif len(value) > limit:
            self.fail(entry, key, f"'{key}' dài {len(value)} ký tự, tối đa {limit}")
        return value

    def code(self, entry: Entry, key: str, pattern: re.Pattern, hint: str) -> str:
        value = self.text(entry, key, required=True, limit=60)
        if value and not pattern.match(value):
            self.fail(entry, key, f"mã '{value}' không hợp lệ: {hint}")
        return value

    def flag(self, entry: Entry, key: str, default: bool) -> bool:
        raw = entry.values.get(key)
        if raw is None:
            return default
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in YES:
            return True
        if text in NO:
            return False if text else default
        self.fail(entry, key, f"'{raw}' không phải có/không (viết true/false, có/không)")
        return default

    def number(self, entry: Entry, key: str, default: float) -> float:
        raw = entry.values.get(key)
        if raw is None or str(raw).strip() == "":
            return float(default)
        try:
            return float(str(raw).replace(",", "."))
        except ValueError:
            self.fail(entry, key, f"'{raw}' không phải là số")
            return default

    def choice(self, entry: Entry, key: str, choices: dict[str, str], default: str) -> str:
        value = self.text(entry, key).lower()
        if not value:
            return default
        if value not in choices:
            self.fail(
                entry, key, f"'{value}' không hợp lệ (chọn: {', '.join(sorted(set(choices.values())))})"
            )
            return default
        return choices[value]

    def unique(self, entries: list[Entry], key, what: str) -> None:
        first: dict[object, Entry] = {}
        for e in entries:
            k = key(e)
            if not k or (isinstance(k, tuple) and not all(k)):
                continue
            if k in first:
                self.fail(
                    e,
                    "code",
                    f"{what} '{k if isinstance(k, str) else k[-1]}' lặp lại (đã có ở dòng {first[k].row})",
                )
            else:
                first[k] = e

    # references --------------------------------------------------------------------------

    def expression(self, entry: Entry, key: str, required: bool = True) -> str:
        text = self.text(entry, key, required=required, limit=500)
        if not text:
            return text
        try:
            refs = Expression(text).refs()
        except ExpressionError as exc:
            self.fail(entry, key, str(exc))
            return text
        for ref in refs:
            self.reference(entry, key, ref.code, dict(ref.filter))
        return text

    def reference(self, entry: Entry, key: str, code: str, filt: dict[str, str]) -> None:
        if code not in self.element_dims:
            self.fail(entry, key, f"không có chỉ tiêu mã '{code}' trong tệp hay danh mục")
            return
        self.check_filter(entry, key, code, filt)

    def check_filter(self, entry: Entry, key: str, code: str, filt: dict[str, str]) -> None:
        dims = self.element_dims.get(code, [])
        for dim, opt in filt.items():
            if dim not in dims:
                self.fail(
                    entry,
                    key,
                    f"chỉ tiêu {code} không có chiều '{dim}' (chiều: {', '.join(dims) or 'không có'})",
                )
            elif opt not in self.dims.get(dim, []):
                self.fail(
                    entry,
                    key,
                    f"chiều '{dim}' không có phương án '{opt}' (phương án: {', '.join(self.dims[dim])})",
                )

    # lists -------------------------------------------------------------------------------

    def dimensions(self) -> list[DimensionSpec]:
        entries, options = self.file["dimensions"], self.file["options"]
        self.unique(entries, lambda e: str(e.values.get("code") or ""), "chiều")
        self.unique(
            options,
            lambda e: (str(e.values.get("dimension") or ""), str(e.values.get("code") or "")),
            "phương án",
        )
        out = []
        for e in entries:
            code = self.code(
                e,
                "code",
                DIMENSION_CODE,
                "chữ thường không dấu, số và '_', bắt đầu bằng chữ (ví dụ xep_loai)",
            )
            name = self.text(e, "name", required=True, limit=200)
            mine = [o for o in options if str(o.values.get("dimension") or "") == code]
            opts = []
            for o in mine:
                o_code = self.code(
                    o, "code", DIMENSION_CODE, "chữ thường không dấu, số và '_' (ví dụ xuat_sac)"
                )
                opts.append(OptionSpec(o_code, self.text(o, "name", required=True, limit=200)))
            if not opts and code not in self.db_dims:
                self.fail(e, "options", f"chiều '{code}' chưa có phương án nào")
            known = [o.code for o in opts] + [
                c for d, c in self.db_options if d == code and c not in {o.code for o in opts}
            ]
            self.dims[code] = known
            out.append(DimensionSpec(code, name, tuple(opts)))
        for o in options:
            dim = str(o.values.get("dimension") or "")
            if dim and dim not in {d.code for d in out}:
                self.fail(o, "dimension", f"không có chiều '{dim}' trong trang/mục dimensions của tệp")
        national = {d.code: d for d in self.national.dimensions}
        for spec, e in zip(out, entries, strict=False):
            if spec.code in national and spec != national[spec.code]:
                self.fail(
                    e,
                    "code",
                    f"chiều '{spec.code}' thuộc biểu mẫu quốc gia: không sửa bằng tệp (dùng mã khác cho chiều riêng)",
                )
        return out

    def elements(self) -> list[ElementSpec]:
        entries = self.file["elements"]
        self.unique(entries, lambda e: str(e.values.get("code") or ""), "chỉ tiêu")
        national = {x.code: x for x in self.national.elements}
        out = []
        for e in entries:
            code = self.code(
                e,
                "code",
                ELEMENT_CODE,
                "chữ in hoa không dấu, số và '_', bắt đầu bằng chữ (ví dụ LC_TTHC_DICHVU)",
            )
            raw_dims = e.values.get("dimensions") or []
            names = raw_dims if isinstance(raw_dims, list) else re.split(r"[,;\s]+", str(raw_dims))
            dims = tuple(sorted(str(d).strip() for d in names if str(d).strip()))
            for d in dims:
                if d not in self.dims:
                    self.fail(e, "dimensions", f"không có chiều '{d}' trong tệp hay danh mục")
            for d, n in Counter(dims).items():
                if n > 1:
                    self.fail(e, "dimensions", f"chiều '{d}' lặp lại")
            spec = ElementSpec(
                code,
                self.text(e, "name", required=True),
                self.text(e, "unit", required=True, limit=40),
                dims,
                self.choice(e, "time", TIME, "flow"),
                self.choice(e, "type", TYPES, "integer"),
                self.flag(e, "negative", False),
            )
            ours = national.get(code)
            if ours is not None and spec != replace(ours, dimensions=tuple(sorted(ours.dimensions))):
                self.fail(
                    e,
                    "code",
                    f"chỉ tiêu '{code}' thuộc biểu mẫu quốc gia: không sửa bằng tệp (dùng mã của nó trong rows, rules mà không định nghĩa lại)",
                )
            existing = self.db_elements.get(code)
            if (
                existing is not None
                and sorted(existing.dimension_codes()) != list(dims)
                and existing.values.exists()
            ):
                self.fail(
                    e,
                    "dimensions",
                    f"chỉ tiêu '{code}' đã có số liệu với chiều {', '.join(existing.dimension_codes()) or '(không có)'}: không đổi chiều được",
                )
            self.element_dims[code] = list(dims)
            out.append(spec)
        return out

    def indicators_(self) -> list[IndicatorSpec]:
        entries = self.file["indicators"]
        self.unique(entries, lambda e: str(e.values.get("code") or ""), "chỉ số")
        national = {x.code: x for x in self.national.indicators}
        out = []
        for e in entries:
            code = self.code(e, "code", ELEMENT_CODE, "chữ in hoa không dấu, số và '_' (ví dụ LC_TL_XUATSAC)")
            if code in self.element_dims:
                self.fail(e, "code", f"'{code}' đã là mã một chỉ tiêu")
            decimals = float(self.number(e, "decimals", 1))
            if not (decimals.is_integer() and 0 <= decimals <= 6):
                self.fail(e, "decimals", "số chữ số thập phân phải là số nguyên từ 0 đến 6")
            spec = IndicatorSpec(
                code,
                self.text(e, "name", required=True),
                self.expression(e, "numerator"),
                self.expression(e, "denominator"),
                self.number(e, "factor", 100),
                int(decimals) if decimals.is_integer() else 1,
                self.text(e, "suffix", limit=10) if e.values.get("suffix") is not None else "%",
            )
            if code in national and spec != national[code]:
                self.fail(e, "code", f"chỉ số '{code}' thuộc biểu mẫu quốc gia: không sửa bằng tệp")
            self.indicators.add(code)
            out.append(spec)
        return out

    def form(self) -> FormSpec | None:
        forms, sections, rows, rules = (self.file[k] for k in ("form", "sections", "rows", "rules"))
        if not forms:
            for e in (sections or rows or rules)[:1]:
                self.fail(e, "", "tệp có sections, rows hay rules nhưng thiếu mục form (code, name)")
            return None
        for extra in forms[1:]:
            self.fail(extra, "code", "mỗi tệp chỉ một biểu mẫu (form)")
        f = forms[0]
        code = self.code(f, "code", FORM_CODE, "chữ không dấu, số, '_' hoặc '-' (ví dụ LC_BOSUNG)")
        existing = Form.objects.filter(code=code).first()
        if existing is not None and existing.builtin:
            self.fail(f, "code", f"'{code}' là biểu mẫu quốc gia có sẵn: không thay bằng tệp (dùng mã khác)")
        self.unique(sections, lambda e: str(e.values.get("code") or ""), "mục")
        section_specs = []
        for s in sections:
            s_code = self.text(s, "code", required=True, limit=20)
            mine = [r for r in rows if self.text(r, "section") == s_code]
            section_specs.append(
                SectionSpec(s_code, self.text(s, "title", required=True), tuple(self.row(r) for r in mine))
            )
        known = {s.code for s in section_specs}
        for r in rows:
            if (sec := self.text(r, "section")) not in known:
                self.fail(
                    r, "section", f"không có mục '{sec}' trong sections của tệp" if sec else "thiếu 'section'"
                )
        self.unique(rules, lambda e: str(e.values.get("code") or ""), "quy tắc")
        others = dict(ValidationRule.objects.exclude(form__code=code).values_list("code", "form__code"))
        rule_specs = []
        for r in rules:
            r_code = self.code(r, "code", RULE_CODE, "chữ không dấu, số và '_'")
            if r_code in others:
                self.fail(
                    r,
                    "code",
                    f"quy tắc '{r_code}' đã thuộc biểu mẫu {others[r_code] or '(không)'}: dùng mã khác",
                )
            per_dim = self.text(r, "per_dimension", limit=40)
            if per_dim and per_dim not in self.dims:
                self.fail(r, "per_dimension", f"không có chiều '{per_dim}'")
            condition = self.text(r, "condition", limit=500)
            if condition:
                try:
                    left, _, right = parse_condition(condition)
                    for ref in left.refs() + right.refs():
                        self.reference(r, "condition", ref.code, dict(ref.filter))
                except ExpressionError as exc:
                    self.fail(r, "condition", str(exc))
            rule_specs.append(
                RuleSpec(
                    r_code,
                    self.expression(r, "left"),
                    self.choice(r, "operator", OPERATORS, "") or self._missing(r, "operator"),
                    self.expression(r, "right"),
                    self.choice(r, "importance", IMPORTANCE, "high"),
                    self.text(r, "message", required=True, limit=500),
                    per_dim,
                    condition,
                )
            )
        return FormSpec(
            code,
            self.text(f, "name", required=True),
            self.flag(f, "require_valid", False),
            tuple(section_specs),
            tuple(rule_specs),
        )

    def _missing(self, entry: Entry, key: str) -> str:
        if not self.text(entry, key):
            self.fail(entry, key, f"thiếu '{key}' ({', '.join(sorted(set(OPERATORS.values())))})")
        return ""

    def row(self, r: Entry) -> RowSpec:
        label = self.text(r, "label", required=True)
        element, indicator = self.text(r, "element", limit=40), self.text(r, "indicator", limit=40)
        filt_text, columns = self.text(r, "filter", limit=200), self.text(r, "columns", limit=40)
        if bool(element) == bool(indicator):
            self.fail(
                r, "element", "mỗi dòng ghi đúng một trong hai: element (chỉ tiêu) hoặc indicator (chỉ số)"
            )
        elif indicator and indicator not in self.indicators:
            self.fail(r, "indicator", f"không có chỉ số mã '{indicator}' trong tệp hay danh mục")
        elif element and element not in self.element_dims:
            self.fail(r, "element", f"không có chỉ tiêu mã '{element}' trong tệp hay danh mục")
        elif element:
            try:
                filt = parse_filter(filt_text)
            except ExpressionError as exc:
                self.fail(r, "filter", str(exc))
                filt = {}
            self.check_filter(r, "filter", element, filt)
            if columns and columns not in self.element_dims[element]:
                self.fail(r, "columns", f"chỉ tiêu {element} không có chiều '{columns}' để trải thành cột")
            elif columns and columns in filt:
                self.fail(
                    r, "columns", f"chiều '{columns}' đã cố định trong filter, không trải thành cột được"
                )
        if indicator and (filt_text or columns):
            self.fail(r, "filter", "dòng chỉ số không có filter hay columns")
        return RowSpec(label, element, indicator, filt_text, columns)


def check(file: FormFile) -> CatalogSpec:
    """The catalogue the file describes; refused with every problem found."""
    checker = _Checker(file)
    spec = CatalogSpec(
        dimensions=checker.dimensions(),
        elements=checker.elements(),
        indicators=checker.indicators_(),
    )
    spec.form = checker.form()
    if checker.errors:
        raise FormRefused(sorted(checker.errors, key=lambda e: (e.file, e.row or 0)))
    if not (spec.dimensions or spec.elements or spec.indicators or spec.form):
        raise FormRefused(
            [RowError(None, "", "tệp không có gì để nạp (form, dimensions, elements…)", file.name)]
        )
    return spec
