"""What can go wrong with an import, worded for the person holding the file."""

from __future__ import annotations

from dataclasses import dataclass

from jobtracker.domain.errors import DomainError

ERROR = "error"
WARNING = "warning"
INFO = "info"


class ImportFileError(DomainError):
    """The file as a whole cannot be imported (empty, binary, not a table ...).

    Raised before anything is written, so the database is untouched.
    """


class ImportRefusedError(DomainError):
    """Some rows have errors and the person did not choose to skip them."""


@dataclass(frozen=True, slots=True)
class RowProblem:
    """One problem in one cell (or row), located as a spreadsheet shows it.

    ``row`` is the spreadsheet row number: the header is row 1, the first record row 2.
    ``severity`` is ERROR (the row cannot be imported), WARNING (imported, but look at it)
    or INFO (a decision the importer took, such as skipping a duplicate).
    """

    row: int
    column: str
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", {self.column}" if self.column else "")
        return f"{where}: {self.message}"
