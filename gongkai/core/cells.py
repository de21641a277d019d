"""Spreadsheet cells written by the platform (公式注入防护): the one escape every .xlsx and .csv goes through.

A text cell beginning with ``=``, ``+``, ``-`` or ``@`` is read by Excel and WPS as a formula (``=HYPERLINK(…)``
sends the reader's data elsewhere); a leading tab or carriage return hides the same prefix from a quick look.
Such a value is written with a leading apostrophe, so the spreadsheet shows it as the text it is. Numbers, dates and
empty cells pass unchanged. openpyxl stores a string beginning with ``=`` as a formula, so the escape is needed for
.xlsx as well as .csv.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: Any) -> Any:
    """The value to write into a cell: a string that a spreadsheet would read as a formula gets a leading ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def escape_row(values: Iterable[Any]) -> list[Any]:
    """Every cell of a row through :func:`escape_cell`."""
    return [escape_cell(value) for value in values]
