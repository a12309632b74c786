"""The values app's interface for other apps: the one write path, numbers and files.

The code lives in `writing` (checking and writing rows), `numbers` (what a typed value may be),
`files` (CSV and XLSX) and `errors`; callers import from here.
"""

from .errors import RowError, ValuesRefused
from .files import COLUMNS, export_rows, import_file, read_grid, read_table
from .numbers import NEGATIVE, NOT_INTEGER, check_value, parse_number
from .writing import (
    ROW_GUARDS,
    VALUES_WRITTEN,
    CheckedRow,
    InputRow,
    WriteResult,
    apply_rows,
    canonical_dimensions,
    check_rows,
    refresh_statistics,
    write,
)

__all__ = [
    "COLUMNS",
    "NEGATIVE",
    "NOT_INTEGER",
    "ROW_GUARDS",
    "VALUES_WRITTEN",
    "CheckedRow",
    "InputRow",
    "RowError",
    "ValuesRefused",
    "WriteResult",
    "apply_rows",
    "canonical_dimensions",
    "check_rows",
    "check_value",
    "export_rows",
    "import_file",
    "parse_number",
    "read_grid",
    "read_table",
    "refresh_statistics",
    "write",
]
