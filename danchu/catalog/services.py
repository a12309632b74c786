"""Loading a form file into the catalogue: the one path for `danchu load_form`, the catalogue
page and the API. Checked whole first, then written in one transaction, or not at all."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from danchu.audit.log import log_changes, make_change
from danchu.values.services import RowError

from . import formcheck, formfile
from .formfile import FormRefused
from .spec import FILE_ORDER_START, CatalogSpec, Installed, install

__all__ = ["FormRefused", "Loaded", "load_form", "load_form_file"]


@dataclass
class Loaded:
    spec: CatalogSpec
    installed: Installed
    dry_run: bool = False

    def summary(self) -> str:
        what = []
        if self.spec.form is not None:
            f = self.spec.form
            rows = sum(len(s.rows) for s in f.sections)
            what.append(f"biểu mẫu {f.code} ({len(f.sections)} mục, {rows} dòng, {len(f.rules)} quy tắc)")
        what.append(
            f"{len(self.spec.elements)} chỉ tiêu, {len(self.spec.dimensions)} chiều, {len(self.spec.indicators)} chỉ số"
        )
        return f"{'; '.join(what)}: {self.installed.summary()}"


class _DryRun(Exception):
    pass


def load_form(data: bytes, name: str, user=None, dry_run: bool = False) -> Loaded:
    """Read, check and write the form file `name`; FormRefused (nothing written) on any problem."""
    from danchu.accounts.permissions import can_manage_catalog

    if user is not None and not can_manage_catalog(user):
        raise FormRefused(
            [RowError(None, "", "chỉ quản trị cấp tỉnh trở lên được sửa danh mục chỉ tiêu và biểu mẫu", name)]
        )
    spec = formcheck.check(formfile.read(data, name))
    result: Installed | None = None
    try:
        with transaction.atomic():
            result = install(spec, order_start=FILE_ORDER_START)
            log_changes(
                make_change(c.action, f"catalog.{c.object_type}", c.code, c.code, c.before, c.after)
                for c in result.changes
            )
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    assert result is not None
    return Loaded(spec, result, dry_run)


def load_form_file(path: str | Path, user=None, dry_run: bool = False) -> Loaded:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise FormRefused([RowError(None, "", f"không mở được tệp: {exc.strerror}", p.name)])
    return load_form(data, p.name, user=user, dry_run=dry_run)
