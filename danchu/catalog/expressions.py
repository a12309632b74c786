"""The small expression language of indicators and validation rules.

    DON_TIEPNHAN                    all options of every dimension, summed
    VV_THAMQUYEN{loai_don=to_cao}   one option
    HG_THANH / HG_VUVIEC * 100      arithmetic with + - * / and parentheses

An expression is parsed once into a tree and evaluated against any source of sums, so the
analytics layer decides where numbers come from.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass

from .dimensions import DimensionKey, DimensionKeyError

Lookup = Callable[[str, dict[str, str]], "float | None"]

TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<ref>[A-Z][A-Z0-9_]*)(?:\{(?P<filter>[^}]*)\})?|(?P<op>[-+*/()]))"
)
OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv}
COMPARE = {
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
    ">=": operator.ge,
    ">": operator.gt,
    "!=": operator.ne,
}


class ExpressionError(ValueError):
    pass


def parse_filter(text: str) -> dict[str, str]:
    """`a=x;b=y` → {"a": "x", "b": "y"}: a `DimensionKey` read as the rules read it."""
    try:
        return dict(DimensionKey.parse(text))
    except DimensionKeyError as exc:
        raise ExpressionError(str(exc))


@dataclass(frozen=True)
class Ref:
    code: str
    filter: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Num:
    value: float


@dataclass(frozen=True)
class BinOp:
    op: str
    left: object
    right: object


class Expression:
    def __init__(self, text: str):
        self.text = text
        self.tokens = self._tokenize(text)
        self.pos = 0
        self.tree = self._expr()
        if self.pos != len(self.tokens):
            raise ExpressionError(f"Biểu thức '{text}' thừa ký tự sau vị trí {self.pos}")

    @staticmethod
    def _tokenize(text: str) -> list[tuple[str, object]]:
        tokens: list[tuple[str, object]] = []
        pos = 0
        text = text.replace("×", "*")
        while pos < len(text.rstrip()):
            m = TOKEN.match(text, pos)
            if not m or m.end() == pos:
                raise ExpressionError(f"Biểu thức '{text}' có ký tự không hợp lệ ở vị trí {pos + 1}")
            pos = m.end()
            if m.group("num"):
                tokens.append(("num", float(m.group("num"))))
            elif m.group("ref"):
                filt = tuple(sorted(parse_filter(m.group("filter") or "").items()))
                tokens.append(("ref", Ref(m.group("ref"), filt)))
            else:
                tokens.append(("op", m.group("op")))
        return tokens

    def _peek(self) -> tuple[str, object] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def _expr(self):
        node = self._term()
        while (tok := self._peek()) and tok[0] == "op" and tok[1] in "+-":
            self.pos += 1
            node = BinOp(str(tok[1]), node, self._term())
        return node

    def _term(self):
        node = self._atom()
        while (tok := self._peek()) and tok[0] == "op" and tok[1] in "*/":
            self.pos += 1
            node = BinOp(str(tok[1]), node, self._atom())
        return node

    def _atom(self):
        tok = self._peek()
        if tok is None:
            raise ExpressionError(f"Biểu thức '{self.text}' kết thúc đột ngột")
        self.pos += 1
        if tok[0] == "num":
            return Num(float(tok[1]))  # type: ignore[arg-type]
        if tok[0] == "ref":
            return tok[1]
        if tok[1] == "(":
            node = self._expr()
            close = self._peek()
            if close != ("op", ")"):
                raise ExpressionError(f"Biểu thức '{self.text}' thiếu dấu ')'")
            self.pos += 1
            return node
        raise ExpressionError(f"Biểu thức '{self.text}' có '{tok[1]}' không đúng chỗ")

    def refs(self) -> list[Ref]:
        out: list[Ref] = []

        def walk(node):
            if isinstance(node, Ref):
                out.append(node)
            elif isinstance(node, BinOp):
                walk(node.left)
                walk(node.right)

        walk(self.tree)
        return out

    def evaluate(
        self,
        lookup: Lookup,
        extra_filter: dict[str, str] | None = None,
        dims_of: Callable[[str], list[str]] | None = None,
    ) -> float | None:
        """Value of the expression; None when no referenced figure has any data.

        `extra_filter` narrows every reference whose element has that dimension
        (`dims_of` tells which dimensions an element has)."""
        seen_data = False

        def ev(node) -> float:
            nonlocal seen_data
            if isinstance(node, Num):
                return node.value
            if isinstance(node, Ref):
                filt = dict(node.filter)
                if extra_filter:
                    dims = dims_of(node.code) if dims_of else list(extra_filter)
                    filt.update({k: v for k, v in extra_filter.items() if k in dims})
                value = lookup(node.code, filt)
                if value is not None:
                    seen_data = True
                return value or 0.0
            assert isinstance(node, BinOp)
            left, right = ev(node.left), ev(node.right)
            if node.op == "/" and right == 0:
                raise ZeroDivisionError
            return OPS[node.op](left, right)

        try:
            result = ev(self.tree)
        except ZeroDivisionError:
            return None
        return result if seen_data else None


def parse_condition(text: str) -> tuple[Expression, str, Expression]:
    for op in ("<=", ">=", "==", "!=", "<", ">"):
        if op in text:
            left, _, right = text.partition(op)
            return Expression(left), op, Expression(right)
    raise ExpressionError(f"Điều kiện '{text}' thiếu phép so sánh (<, <=, =, >=, >)")
