"""Reading a form file (YAML or XLSX) into entries that know where they stand in the file.

Both formats hold the same lists, with the same field names (docs/form-file.md):
`form`, `dimensions` (with `options`), `elements`, `indicators`, `sections` (with `rows`) and
`rules`. In YAML, options sit inside their dimension and rows inside their section; in XLSX
each list is a sheet of that name whose first row names the columns, and an option or row
names its dimension or section in a column. `formcheck.py` turns the entries into a catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings

from danchu.values.services import RowError, ValuesRefused

# list → its fields, in the order an XLSX sheet shows them
FIELDS = {
    "form": ["code", "name", "require_valid"],
    "dimensions": ["code", "name"],
    "options": ["dimension", "code", "name"],
    "elements": ["code", "name", "unit", "dimensions", "time", "type", "negative"],
    "indicators": ["code", "name", "numerator", "denominator", "factor", "decimals", "suffix"],
    "sections": ["code", "title"],
    "rows": ["section", "label", "element", "indicator", "filter", "columns"],
    "rules": ["code", "left", "operator", "right", "importance", "message", "per_dimension", "condition"],
}
# the nested lists of YAML and the field naming the parent in the flat list
NESTED = {"dimensions": ("options", "dimension"), "sections": ("rows", "section")}
# XLSX sheets a person may add for notes; skipped
NOTE_SHEETS = ("huong_dan", "hướng dẫn", "ghi_chu", "ghi chú", "readme")


class FormRefused(ValuesRefused):
    """Nothing of the form file was written; `errors` name the file, row, column and reason."""


@dataclass
class Entry:
    """One item of a list of the form file, with the file's row (line) of it and of each field."""

    kind: str
    values: dict
    row: int | None
    file: str
    rows: dict[str, int] = field(default_factory=dict)

    def error(self, column: str, message: str) -> RowError:
        return RowError(self.rows.get(column, self.row), column, message, self.file)


@dataclass
class FormFile:
    name: str
    entries: dict[str, list[Entry]]

    def __getitem__(self, kind: str) -> list[Entry]:
        return self.entries.get(kind, [])


def read(data: bytes, name: str) -> FormFile:
    """Entries of a .yaml/.yml or .xlsx form file; a file that cannot be read is refused."""
    limit = settings.DANCHU_MAX_UPLOAD_BYTES
    if len(data) > limit:
        raise FormRefused(
            [
                RowError(
                    None,
                    "",
                    f"tệp nặng {len(data) / 1048576:.1f} MB, vượt giới hạn {limit / 1048576:.0f} MB",
                    name,
                )
            ]
        )
    suffix = Path(name).suffix.lower()
    if suffix in (".yaml", ".yml"):
        return _read_yaml(data, name)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(data, name)
    raise FormRefused(
        [
            RowError(
                None,
                "",
                f"không đọc được định dạng '{suffix or name}': chỉ nhận .yaml, .yml hoặc .xlsx",
                name,
            )
        ]
    )


# --- YAML --------------------------------------------------------------------------------


class _Located(dict):
    """A YAML mapping that remembers its line and the line of each key."""

    line: int = 0
    lines: dict[str, int]


class _Loader(yaml.SafeLoader):
    pass


def _mapping(loader: _Loader, node: yaml.MappingNode) -> _Located:
    loader.flatten_mapping(node)
    out = _Located()
    out.line = node.start_mark.line + 1
    out.lines = {}
    duplicates = []
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        key = str(key)
        if key in out:
            duplicates.append((key, key_node.start_mark.line + 1))
        out[key] = loader.construct_object(value_node, deep=True)
        out.lines[key] = key_node.start_mark.line + 1
    if duplicates:
        key, line = duplicates[0]
        raise yaml.MarkedYAMLError(
            problem=f"trường '{key}' lặp lại (dòng {line})", problem_mark=node.start_mark
        )
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def _read_yaml(data: bytes, name: str) -> FormFile:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormRefused(
            [RowError(None, "", f"tệp không phải văn bản UTF-8 (byte lỗi ở vị trí {exc.start})", name)]
        )
    try:
        doc = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader that records line numbers
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        row = mark.line + 1 if mark is not None else None
        raise FormRefused([RowError(row, "", f"YAML không hợp lệ: {exc.problem}", name)])
    except yaml.YAMLError as exc:
        raise FormRefused([RowError(None, "", f"YAML không hợp lệ: {exc}", name)])
    if not isinstance(doc, _Located):
        raise FormRefused(
            [RowError(1, "", "tệp phải là một bảng có các mục form, elements, sections…", name)]
        )
    errors: list[RowError] = []
    entries: dict[str, list[Entry]] = {kind: [] for kind in FIELDS}
    for key in doc:
        if key not in FIELDS or key in ("options", "rows"):
            top = [k for k in FIELDS if k not in ("options", "rows")]
            errors.append(
                RowError(doc.lines[key], key, f"không có mục '{key}' (các mục: {', '.join(top)})", name)
            )
    if errors:
        raise FormRefused(errors)
    if "form" in doc:
        form = doc["form"]
        if not isinstance(form, _Located):
            raise FormRefused([RowError(doc.lines["form"], "form", "'form' phải có code, name", name)])
        entries["form"].append(_entry("form", form, name, errors))
    for kind in FIELDS:
        if kind in ("form", "options", "rows") or kind not in doc:
            continue
        items = doc[kind]
        if not isinstance(items, list):
            errors.append(
                RowError(
                    doc.lines[kind], kind, f"'{kind}' phải là một danh sách (mỗi mục bắt đầu bằng '- ')", name
                )
            )
            continue
        for item in items:
            if not isinstance(item, _Located):
                errors.append(
                    RowError(
                        doc.lines[kind],
                        kind,
                        f"mỗi mục của '{kind}' phải có các trường {', '.join(FIELDS[kind])}",
                        name,
                    )
                )
                continue
            nested = NESTED.get(kind)
            children = item.pop(nested[0], None) if nested else None
            parent = _entry(kind, item, name, errors)
            entries[kind].append(parent)
            if nested is None or children is None:
                continue
            child_kind, parent_field = nested
            if not isinstance(children, list):
                errors.append(parent.error(child_kind, f"'{child_kind}' phải là một danh sách"))
                continue
            for child in children:
                if not isinstance(child, _Located):
                    errors.append(
                        parent.error(
                            child_kind,
                            f"mỗi mục của '{child_kind}' phải có các trường {', '.join(FIELDS[child_kind][1:])}",
                        )
                    )
                    continue
                if parent_field in child:
                    errors.append(
                        RowError(
                            child.lines[parent_field],
                            parent_field,
                            f"'{parent_field}' đã rõ từ mục chứa nó; bỏ trường này",
                            name,
                        )
                    )
                child[parent_field] = item.get("code")
                child.lines[parent_field] = parent.row or 0
                entries[child_kind].append(_entry(child_kind, child, name, errors))
    if errors:
        raise FormRefused(errors)
    return FormFile(name, entries)


def _entry(kind: str, item: _Located, name: str, errors: list[RowError]) -> Entry:
    allowed = FIELDS[kind] + ([NESTED[kind][0]] if kind in NESTED else [])
    for key in item:
        if key not in allowed:
            errors.append(
                RowError(
                    item.lines.get(key, item.line),
                    key,
                    f"không có trường '{key}' (các trường: {', '.join(FIELDS[kind])})",
                    name,
                )
            )
    return Entry(kind, dict(item), item.line, name, dict(item.lines))


# --- XLSX --------------------------------------------------------------------------------

SINGULAR = {
    "dimension": "dimensions",
    "option": "options",
    "element": "elements",
    "indicator": "indicators",
    "section": "sections",
    "row": "rows",
    "rule": "rules",
}


def _read_xlsx(data: bytes, name: str) -> FormFile:
    from danchu.values.xlsx import read_xlsx_sheets

    try:
        sheets = read_xlsx_sheets(data, name)
    except ValuesRefused as exc:
        raise FormRefused(exc.errors)
    errors: list[RowError] = []
    entries: dict[str, list[Entry]] = {kind: [] for kind in FIELDS}
    for title, rows in sheets.items():
        key = title.strip().lower()
        key = SINGULAR.get(key, key)
        if key.startswith("_") or key in NOTE_SHEETS:
            continue
        where = f"{name}, trang '{title}'"
        if key not in FIELDS:
            errors.append(
                RowError(
                    None,
                    "",
                    f"không có trang '{title}' trong tệp biểu mẫu (các trang: {', '.join(FIELDS)})",
                    name,
                )
            )
            continue
        if not rows:
            continue
        header = [str(h or "").strip().lower() for h in rows[0]]
        for head in header:
            if head and head not in FIELDS[key]:
                errors.append(
                    RowError(1, head, f"không có cột '{head}' (các cột: {', '.join(FIELDS[key])})", where)
                )
        for n, cells in enumerate(rows[1:], start=2):
            if not any(str(c if c is not None else "").strip() for c in cells):
                continue
            values = {
                head: cells[i]
                for i, head in enumerate(header)
                if head in FIELDS[key] and i < len(cells) and cells[i] is not None
            }
            entries[key].append(Entry(key, values, n, where))
    if errors:
        raise FormRefused(errors)
    return FormFile(name, entries)
