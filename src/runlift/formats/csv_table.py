"""Reading the CSV exports of training apps (Strava, Strong, Hevy) with errors that say where.

Text is decoded with a byte-order mark or not, records keep the line they start on, columns are
found by role (several names per role; a repeated name's second copy when asked), and numbers and
dates are read with messages that name the line, the column and what was expected. The parsers
collect every problem (:class:`Problems`) and report up to ten rows at once.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import math
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass

from runlift.formats.activity import FormatError

Record = tuple[int, list[str]]  # (line number where the record starts, its fields)

# ---------------------------------------------------------------- CSV reading shared by importers


def decode_text(data: bytes, fmt: str) -> str:
    """The file's text (UTF-8, with or without a BOM, or UTF-16 with one)."""
    encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise FormatError(
            f"not a {fmt} CSV: not UTF-8 text (bad byte at offset {exc.start})"
        ) from None


def read_records(text: str, delimiter: str) -> list[Record]:
    """The non-blank CSV records with the line each starts on (quoted fields may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    out: list[Record] = []
    start = 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                out.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise FormatError(f"line {reader.line_num}: not readable as CSV ({exc})") from None
    return out


@dataclass(frozen=True)
class Header:
    """A header line: which column index plays which role."""

    names: tuple[str, ...]
    columns: Mapping[str, int]
    roles: Mapping[str, tuple[str, ...]]
    delimiter: str
    fmt: str

    @classmethod
    def of(
        cls,
        record: Record,
        roles: Mapping[str, tuple[str, ...]],
        fmt: str,
        delimiter: str = ",",
        second_copy: Collection[str] = (),
    ) -> Header:
        """Match columns to roles by name, ignoring case; for a role in ``second_copy`` the
        second column of that name is used when the name appears twice."""
        names = tuple(cell.strip() for cell in record[1])
        lowered = [n.lower() for n in names]
        columns: dict[str, int] = {}
        for role, accepted in roles.items():
            wanted = {a.lower() for a in accepted}
            hits = [i for i, name in enumerate(lowered) if name in wanted]
            if hits:
                columns[role] = hits[1] if role in second_copy and len(hits) > 1 else hits[0]
        return cls(names, columns, roles, delimiter, fmt)

    def require(self, roles: Collection[str]) -> None:
        missing = [" or ".join(repr(a) for a in self.roles[r]) for r in roles if r not in self]
        if missing:
            raise FormatError(f"not a {self.fmt} CSV: missing column(s) {'; '.join(missing)}")

    def __contains__(self, role: object) -> bool:
        return role in self.columns

    def name(self, role: str) -> str:
        """The column's name as written, or "" when the file has no such column."""
        return self.names[self.columns[role]] if role in self.columns else ""

    def count(self, name: str) -> int:
        return sum(1 for n in self.names if n.lower() == name.lower())


class Cells:
    """One data record, read by role; every error names the line, the column and what was due."""

    def __init__(self, header: Header, line: int, row: list[str], decimal_comma: bool = False):
        if len(row) != len(header.names):
            raise FormatError(
                f"line {line}: expected {len(header.names)} fields like the header; "
                f"found {len(row)} (a stray {header.delimiter!r} or quote?)"
            )
        self.header, self.line, self.row, self.decimal_comma = header, line, row, decimal_comma

    def text(self, role: str) -> str:
        index = self.header.columns.get(role)
        return "" if index is None else self.row[index].strip()

    def error(self, role: str, expected: str, got: str) -> FormatError:
        return FormatError(
            f"line {self.line}, column {self.header.name(role)!r}: expected {expected}; got {got!r}"
        )

    def number(self, role: str, low: float = 0.0, high: float = 1e9) -> float | None:
        """The cell as a number in [low, high], or None when it is empty."""
        text = self.text(role)
        if not text:
            return None
        if self.decimal_comma and re.fullmatch(r"-?\d+,\d+", text):
            text = text.replace(",", ".")
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", text):
            raise self.error(role, "a number", text)
        value = float(text)
        if not (math.isfinite(value) and low <= value <= high):
            raise self.error(role, f"a number from {low:g} to {high:g}", text)
        return value

    def integer(self, role: str, high: int = 100_000) -> int | None:
        """A whole number from 0 to ``high`` ("5" or "5.0"), or None when the cell is empty."""
        value = self.number(role, -math.inf, math.inf)
        if value is None:
            return None
        if value != int(value) or not 0 <= value <= high:
            raise self.error(role, f"a whole number from 0 to {high}", self.text(role))
        return int(value)


class Problems:
    """Collects the FormatErrors of many rows, so one run reports up to ``limit`` of them."""

    def __init__(self, limit: int = 10) -> None:
        self.limit, self.count = limit, 0
        self.messages: list[str] = []

    @contextlib.contextmanager
    def collect(self) -> Iterator[None]:
        try:
            yield
        except FormatError as exc:
            self.count += 1
            if self.count <= self.limit:
                self.messages.extend(exc.problems)

    def raise_any(self) -> None:
        if self.count:
            more = self.count - min(self.count, self.limit)
            raise FormatError(self.messages + ([f"… and {more} more bad row(s)"] if more else []))


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_TIME = r"(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?"
_DAY_FIRST = re.compile(r"(?P<d>\d{1,2})\s+(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<y>\d{4}),?\s+" + _TIME)
_MONTH_FIRST = re.compile(
    r"(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4}),?\s+" + _TIME
)


def parse_app_datetime(text: str) -> dt.datetime | None:
    """``13 Mar 2026, 15:22`` (Hevy), ``Feb 17, 2019, 6:26:44 AM`` (Strava) or ISO 8601, as
    written (naive unless the text has an offset); None when it is none of them. English month
    names are read whatever the process locale."""
    text = " ".join(text.split())
    with contextlib.suppress(ValueError):
        parsed = dt.datetime.fromisoformat(text)
        return parsed if 1900 <= parsed.year <= 2200 else None
    match = _DAY_FIRST.fullmatch(text) or _MONTH_FIRST.fullmatch(text)
    if match is None or match["mon"][:3].lower() not in _MONTHS:
        return None
    hour = int(match["H"])
    if match["ampm"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match["ampm"][0].lower() == "p" else 0)
    if not 1900 <= int(match["y"]) <= 2200:
        return None
    try:
        return dt.datetime(
            int(match["y"]),
            _MONTHS.index(match["mon"][:3].lower()) + 1,
            int(match["d"]),
            hour,
            int(match["M"]),
            int(match["S"] or 0),
        )
    except ValueError:
        return None


# ---------------------------------------------------------------------------- activities.csv
