"""The narrative markup: plain text with figures, footnotes and a little emphasis.

    Tổng số đơn tiếp nhận là {{DON_TIEPNHAN compare}} (tiếp nhận trong kỳ
    {{DON_TIEPNHAN nguon=trong_ky}} đơn).[^Bí thư cấp ủy các cấp tiếp {{TD_TIEPDAN chuc_danh=bi_thu}} lượt.]

- one line is one paragraph; a line starting with "- " is a list item;
- `{{CODE options}}` is a figure: CODE is a data element or an indicator; options are
  dimension filters `key=option`, `tier=tinh|huyen|xa|thon` (several: `tier=huyen,xa`; relative
  to the report's unit: `tier=rieng` its own tier, `tier=duoi` every tier below), `unit=CODE` (a unit of the
  report's subtree), `period=2022` or `period=truoc` (same period last year), and the flags
  `dvt` (add the unit of measure), `compare` ("1.172 đơn, tăng 73 đơn so với cùng kỳ năm
  2022"), `delta` ("tăng 73 đơn"), `pct` (add the relative change: "giảm 116 lượt (13,1%)");
  Vietnamese aliases: cap, don_vi, ky, so_sanh, tang_giam, phan_tram;
- `[^text]` is a footnote, numbered automatically in order of appearance; it may hold figures;
- `[?text]` is a clause left out when a figure directly in it has no value ("có {{HG_TO}} tổ
  hòa giải" disappears rather than reading "có chưa có số liệu tổ hòa giải"); clauses nest;
- `**bold**` and `*italic*`; `{nam}`, `{cap}`… are filled from the report (see `context.py`).

`parse()` turns text into a tree once; the compiler and every writer work from that tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

TIERS = ("tinh", "huyen", "xa", "thon")
# relative to the report's unit: its own tier ("cấp tỉnh" of a province), every tier below it
RELATIVE_TIERS = ("rieng", "duoi")
FLAGS = {"dvt": "dvt", "compare": "compare", "so_sanh": "compare", "delta": "delta", "tang_giam": "delta"}
FLAGS |= {"pct": "pct", "phan_tram": "pct"}
KEYS = {"tier": "tier", "cap": "tier", "unit": "unit", "don_vi": "unit", "period": "period", "ky": "period"}
_CODE = re.compile(r"^[A-Z][A-Z0-9_]*$")
_TOKEN = re.compile(r"\{\{|\}\}|\[\^|\[\?|\]|\*\*|\*")


class MarkupError(ValueError):
    """A Vietnamese message naming the line and column of the problem."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        self.line, self.column, self.bare = line, column, message
        where = f"Dòng {line}, cột {column}: " if line is not None else ""
        super().__init__(where + message)


@dataclass
class Text:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class FigureRef:
    code: str
    source: str
    dims: dict[str, str] = field(default_factory=dict)
    tier: str | None = None
    unit: str | None = None
    period: str | None = None
    flags: frozenset[str] = frozenset()
    line: int = 0
    column: int = 0


@dataclass
class Clause:
    """Text left out when one of its own figures (not those of nested clauses) has no value."""

    parts: list[Text | FigureRef | Clause]


@dataclass
class Footnote:
    parts: list[Text | FigureRef | Clause]


@dataclass
class Paragraph:
    parts: list[Text | FigureRef | Footnote | Clause]
    bullet: bool = False


@dataclass
class Catalog:
    """What figure codes may name: element → its dimensions, indicators, options."""

    elements: dict[str, list[str]]
    indicators: set[str]
    options: dict[str, set[str]]

    @classmethod
    def load(cls) -> Catalog:
        from danchu.catalog.models import DataElement, DimensionOption, Indicator

        options: dict[str, set[str]] = {}
        for dim, opt in DimensionOption.objects.values_list("dimension__code", "code"):
            options.setdefault(dim, set()).add(opt)
        return cls(
            elements={
                e.code: e.dimension_codes() for e in DataElement.objects.prefetch_related("dimensions")
            },
            indicators=set(Indicator.objects.values_list("code", flat=True)),
            options=options,
        )


def parse_figure(inner: str, line: int = 0, column: int = 0, catalog: Catalog | None = None) -> FigureRef:
    words = inner.split()
    if not words:
        raise MarkupError("ô số liệu {{ }} trống: cần mã chỉ tiêu, ví dụ {{DON_TIEPNHAN}}", line, column)
    code, rest = words[0], words[1:]
    if not _CODE.match(code):
        raise MarkupError(f"'{code}' không phải mã chỉ tiêu (chữ in hoa, số và _)", line, column)
    fig = FigureRef(code=code, source="{{" + inner.strip() + "}}", line=line, column=column)
    flags: set[str] = set()
    for word in rest:
        if "=" not in word:
            if word not in FLAGS:
                raise MarkupError(
                    f"tùy chọn '{word}' của {code} không hợp lệ (dùng dvt, compare, delta, pct)", line, column
                )
            flags.add(FLAGS[word])
            continue
        key, _, value = word.partition("=")
        if not value:
            raise MarkupError(f"'{word}' thiếu giá trị sau dấu =", line, column)
        if key in KEYS:
            setattr(fig, KEYS[key], value)
        else:
            fig.dims[key] = value
    fig.flags = frozenset(flags)
    if fig.tier is not None and fig.tier not in RELATIVE_TIERS:
        bad = [t for t in fig.tier.split(",") if t not in TIERS]
        if bad or not fig.tier:
            raise MarkupError(
                f"cấp '{fig.tier}' không hợp lệ (dùng {', '.join(TIERS)}, vài cấp cách nhau dấu phẩy "
                "như huyen,xa, hoặc rieng = cấp của đơn vị báo cáo, duoi = mọi cấp dưới)",
                line,
                column,
            )
    if catalog is not None:
        check_figure(fig, catalog)
    return fig


def check_figure(fig: FigureRef, catalog: Catalog) -> None:
    where = (fig.line, fig.column)
    if fig.code in catalog.indicators:
        if fig.dims:
            raise MarkupError(f"chỉ số {fig.code} không phân tổ theo {', '.join(fig.dims)}", *where)
        return
    if fig.code not in catalog.elements:
        raise MarkupError(f"không có chỉ tiêu hay chỉ số mã '{fig.code}' trong danh mục", *where)
    allowed = catalog.elements[fig.code]
    for key, value in fig.dims.items():
        if key not in allowed:
            hint = f" (chỉ có: {', '.join(allowed)})" if allowed else " (chỉ tiêu này không phân tổ)"
            raise MarkupError(f"chỉ tiêu {fig.code} không phân tổ theo '{key}'{hint}", *where)
        if value not in catalog.options.get(key, set()):
            choices = ", ".join(sorted(catalog.options.get(key, set())))
            raise MarkupError(f"'{value}' không phải phương án của '{key}' (chọn: {choices})", *where)


def parse(text: str, catalog: Catalog | None = None) -> list[Paragraph]:
    """Parse narrative text into paragraphs; raise MarkupError on the first problem."""
    paragraphs = []
    for number, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        bullet = line.startswith("- ")
        paragraphs.append(Paragraph(_parse_line(line, number, raw.index(line[0]) + 1, catalog), bullet))
    return paragraphs


def _parse_line(line: str, number: int, offset: int, catalog: Catalog | None) -> list:
    top: list = []
    # open footnotes and clauses, innermost last, with the column each opened at
    stack: list[tuple[Footnote | Clause, int]] = []
    bold = italic = False
    pos = 0

    def emit(piece):
        (stack[-1][0].parts if stack else top).append(piece)

    def add_text(s: str):
        if s:
            emit(Text(s, bold, italic))

    for m in _TOKEN.finditer(line):
        if m.start() < pos:
            continue
        add_text(line[pos : m.start()])
        tok, col = m.group(), offset + m.start()
        pos = m.end()
        if tok == "{{":
            end = line.find("}}", pos)
            if end < 0:
                raise MarkupError("thiếu '}}' đóng ô số liệu", number, col)
            emit(parse_figure(line[pos:end], number, col, catalog))
            pos = end + 2
        elif tok == "}}":
            raise MarkupError("'}}' không có '{{' mở tương ứng", number, col)
        elif tok == "[^":
            if any(isinstance(open_, Footnote) for open_, _ in stack):
                raise MarkupError("không được lồng chú thích trong chú thích", number, col)
            if stack:
                raise MarkupError("không đặt chú thích trong đoạn tùy chọn [? ]", number, col)
            stack.append((Footnote([]), col))
        elif tok == "[?":
            stack.append((Clause([]), col))
        elif tok == "]":
            if not stack:
                add_text("]")
                continue
            closed, opened = stack.pop()
            if not closed.parts:
                what = "chú thích [^ ]" if isinstance(closed, Footnote) else "đoạn tùy chọn [? ]"
                raise MarkupError(f"{what} trống", number, opened)
            emit(closed)
        elif tok == "**":
            bold = not bold
        else:
            italic = not italic
    add_text(line[pos:])
    if stack:
        closed, opened = stack[-1]
        what = "chú thích '[^'" if isinstance(closed, Footnote) else "đoạn tùy chọn '[?'"
        raise MarkupError(f"{what} chưa đóng bằng ']'", number, opened)
    return top


def figures(paragraphs: list[Paragraph]) -> list[FigureRef]:
    """Every figure in order, those inside footnotes and clauses included."""
    out: list[FigureRef] = []

    def walk(parts) -> None:
        for part in parts:
            if isinstance(part, FigureRef):
                out.append(part)
            elif isinstance(part, Footnote | Clause):
                walk(part.parts)

    for p in paragraphs:
        walk(p.parts)
    return out
