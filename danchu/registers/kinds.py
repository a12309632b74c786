"""The registry of register kinds. A register is a class declaring its records, the figures they
feed and its file columns; the commands, the API and the pages dispatch on `REGISTRY[kind]`.

A new register is a few declarative lines (docs/registers.md):

    @register
    class MediationRegister(Register):
        kind = "mediation"
        name = "Sổ theo dõi hòa giải"
        model = MediationCase
        date_field = "received"
        columns = [Column("date", "Ngày", parse=dates), ...]
        figures = [Figure("HG_VUVIEC", records=..., when=in_month("received"), keys=[{}]), ...]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.db.models import QuerySet

from .figures import Figure, Month, months_between
from .models import Record

REGISTRY: dict[str, Register] = {}


class RegisterError(ValueError):
    """A refusal in Vietnamese; nothing was changed."""


@dataclass
class Column:
    """One column of the register's CSV/XLSX book: `parse` turns a cell into a value or raises
    ValueError with the reason (Vietnamese)."""

    name: str
    label: str
    parse: Callable[[Any], Any] = str
    required: bool = False
    help: str = ""


@dataclass
class Register:
    """Base of every register; subclasses set the class attributes below."""

    kind: ClassVar[str] = ""
    # in the web addresses: /so/<slug>/<unit code>/
    slug: ClassVar[str] = ""
    name: ClassVar[str] = ""
    record_name: ClassVar[str] = "bản ghi"
    model: ClassVar[type[Record]]
    # the record's own date: its month starts the unit's keeping, files give it in `date_column`
    date_field: ClassVar[str] = "date"
    date_column: ClassVar[str] = "date"
    columns: ClassVar[list[Column]] = []
    figures: ClassVar[list[Figure]] = []
    extra: dict = field(default_factory=dict)

    @property
    def source(self) -> str:
        """What the values this register writes carry in `DataValue.source`."""
        return f"registers.{self.kind}"

    def elements(self) -> set[str]:
        return {f.element for f in self.figures}

    def records(self, user=None) -> QuerySet:
        """The register's records the user may see (all of them for user None: the system)."""
        return self.model._default_manager.restrict(user).select_related("unit")

    def record_date(self, record: Record) -> dt.date:
        return getattr(record, self.date_field)

    def months_for(self, unit, days: list[dt.date], last: dt.date) -> list[Month]:
        """The months a change on `days` can affect; by default every month from the first of
        them to `last` (a register whose figures look back, like stocks, needs that)."""
        return months_between(unit, days[0], last)

    # --- pages: the list's columns, the entry form, the detail template ---------------------

    # (heading, attribute or callable(record) → text) of the list page
    list_columns: ClassVar[list[tuple[str, str | Callable]]] = []
    entry_form: ClassVar[type | None] = None
    detail_template: ClassVar[str] = "registers/detail.html"

    def create(self, cleaned: dict, unit, user) -> Record:
        """A record from the entry form's cleaned data (the page's one write)."""
        return self.save_row(cleaned, unit, user)

    def detail_context(self, record: Record, request) -> dict:
        return {}

    # --- files: one row of the book in, one record out ---------------------------------------

    def save_row(self, data: dict, unit, user) -> Record:
        """Create or update the record of one parsed file row (import and web entry alike)."""
        raise NotImplementedError

    def as_row(self, record: Record, user=None, at: dt.date | None = None, why: str = "") -> dict:
        """The record in the list/export format (keys: the file columns and more)."""
        raise NotImplementedError


def register(cls: type[Register]) -> type[Register]:
    """Class decorator: make the register known to the commands, the API and the pages."""
    if not cls.kind:
        raise ValueError(f"{cls.__name__} thiếu 'kind'")
    REGISTRY[cls.kind] = cls()
    return cls


def by_slug(slug: str) -> Register | None:
    return next((r for r in REGISTRY.values() if (r.slug or r.kind) == slug), None)


def get(kind: str) -> Register:
    try:
        return REGISTRY[kind]
    except KeyError:
        known = ", ".join(sorted(REGISTRY)) or "chưa có sổ nào"
        raise RegisterError(f"Không có sổ '{kind}' (các sổ: {known}).")


def feeding(element_code: str) -> Register | None:
    """The register whose figures include `element_code`, if any."""
    for reg in REGISTRY.values():
        if element_code in reg.elements():
            return reg
    return None
