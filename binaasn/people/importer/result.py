"""What an import returns: counts, the rejected rows with their reasons, and the ImportRun."""

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class RowError:
    """One problem. ``row`` is the spreadsheet row a user sees (header = 1); None: the file."""

    row: int | None
    column: str
    message: str
    code: str

    def as_dict(self):
        return asdict(self)

    def __str__(self):
        where = f"row {self.row}" if self.row else "file"
        return (
            f"{where}: {self.column}: {self.message}" if self.column else f"{where}: {self.message}"
        )


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors: list = field(default_factory=list)
    run: object = None

    @property
    def ok(self):
        return not self.errors

    def summary_line(self):
        return (
            f"created={self.created} updated={self.updated} "
            f"unchanged={self.unchanged} rejected={self.rejected}"
        )
