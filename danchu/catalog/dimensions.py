"""The dimension key of a value: options by dimension, written `a=x;b=y` with keys sorted.

One type for the key a value is stored under, the filter of a form row or a rule
(`VV_THAMQUYEN{loai_don=to_cao}`) and the CSV `dimensions` column, so the text is written and
read in one place. A key may name fewer dimensions than its element has: a filter does, and a
value may leave a dimension out ("chưa phân loại"); which dimensions an element needs is the
write path's question, not the key's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping


class DimensionKeyError(ValueError):
    """A part of the text is not `dimension=option`."""


class DimensionKey(Mapping[str, str]):
    __slots__ = ("_items",)

    _items: tuple[tuple[str, str], ...]

    def __init__(self, items: Mapping[str, str] | Iterable[tuple[str, str]] = ()):
        self._items = tuple(sorted(dict(items).items()))

    @classmethod
    def parse(cls, text: str | None) -> DimensionKey:
        """`"b=y; a=x"` → the key {a: x, b: y}; "" → the empty key. A part without `=` is refused."""
        found: dict[str, str] = {}
        for part in (text or "").split(";"):
            part = part.strip()
            if not part:
                continue
            if "=" not in part:
                raise DimensionKeyError(f"'{part}' phải có dạng chiều=phương_án")
            key, _, value = part.partition("=")
            found[key.strip()] = value.strip()
        return cls(found)

    @classmethod
    def of(cls, raw: str | Mapping[str, str] | None) -> DimensionKey:
        """A key from the text of a file or from an object `{"chuc_danh": "bi_thu"}` (the API takes both)."""
        if isinstance(raw, DimensionKey):
            return raw
        if isinstance(raw, Mapping):
            return cls({str(k): str(v) for k, v in raw.items()})
        return cls.parse(raw)

    def __str__(self) -> str:
        return ";".join(f"{k}={v}" for k, v in self._items)

    def __repr__(self) -> str:
        return f"DimensionKey({str(self)!r})"

    def __getitem__(self, dimension: str) -> str:
        for k, v in self._items:
            if k == dimension:
                return v
        raise KeyError(dimension)

    def __iter__(self) -> Iterator[str]:
        return (k for k, _ in self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, DimensionKey):
            return self._items == other._items
        if isinstance(other, Mapping):
            return dict(self._items) == dict(other)
        return NotImplemented

    def with_(self, more: Mapping[str, str]) -> DimensionKey:
        """This key with the options of `more` added (or replaced)."""
        return DimensionKey({**dict(self._items), **dict(more)})

    def without(self, dimensions: Iterable[str]) -> DimensionKey:
        drop = set(dimensions)
        return DimensionKey((k, v) for k, v in self._items if k not in drop)

    def matches(self, wanted: Mapping[str, str], absent: Iterable[str] = ()) -> bool:
        """Whether a value stored under this key counts where `wanted`'s options are asked for
        and the dimensions `absent` must be left out (the "chưa phân loại" column of one)."""
        return key_matches(dict(self._items), wanted, absent)

    def omitted(self, dimensions: Iterable[str]) -> list[str]:
        """The dimensions of `dimensions` (an element's) that this key leaves out, in their order."""
        mine = dict(self._items)
        return [d for d in dimensions if d not in mine]


def key_matches(key: Mapping[str, str], wanted: Mapping[str, str], absent: Iterable[str] = ()) -> bool:
    """`DimensionKey.matches` for a key already read into a mapping (the engine's rows)."""
    return all(key.get(k) == v for k, v in wanted.items()) and not any(d in key for d in absent)


def dimension_text(raw: str | Mapping[str, str] | None) -> str:
    """The CSV text of what a caller sent: text as given (the write path checks and sorts it),
    an object written `a=x;b=y`."""
    if raw is None or isinstance(raw, str):
        return raw or ""
    return str(DimensionKey.of(raw))
