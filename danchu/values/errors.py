"""How the values app refuses input: every problem names the file, row, column and reason."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class RowError:
    row: int | None
    column: str
    message: str
    file: str = ""
    forbidden: bool = False  # the user may not write this row's unit (the API answers 403)

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(f"Tệp {self.file}")
        if self.row is not None:
            where.append(f"dòng {self.row}")
        if self.column:
            where.append(f"cột '{self.column}'")
        prefix = ", ".join(where)
        prefix = prefix[:1].upper() + prefix[1:]
        return f"{prefix}: {self.message}" if prefix else self.message


class ValuesRefused(Exception):
    """Nothing was written; `errors` says where and why."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))

    @property
    def forbidden(self) -> list[RowError]:
        """The rows refused for the user's role rather than for what they hold."""
        return [e for e in self.errors if e.forbidden]
