"""Report rows and output: tp/fp/fn tallies, one ``Row`` per dataset and label, a ``SuiteReport``
per suite, the fixed-width table that ``bench/quality.py`` prints and its JSON form.

P, R and F1 come from ``actorgraph.evaluate.prf``; a column that does not apply to a row is None
(printed as ``-``). No other output formats.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from ..evaluate import prf


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn


@dataclass(frozen=True)
class Row:
    """One line of the table. None: the column does not apply (printed as '-')."""

    dataset: str
    label: str
    gold: int | None
    system: int | None
    tp: int | None
    fp: int | None
    fn: int | None
    p: float | None
    r: float | None
    f1: float | None


def tally_row(dataset: str, label: str, tally: Tally) -> Row:
    s = prf(tally.tp, tally.fp, tally.fn)
    gold, system = tally.tp + tally.fn, tally.tp + tally.fp
    return Row(dataset, label, gold, system, tally.tp, tally.fp, tally.fn, s["p"], s["r"], s["f1"])


def recall_row(dataset: str, label: str, found: int, total: int) -> Row:
    r = round(found / total, 3) if total else 0.0
    return Row(dataset, label, total, None, found, None, total - found, None, r, None)


@dataclass
class SuiteReport:
    dataset: str
    description: str
    rows: list[Row] = field(default_factory=list)
    counts: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


# -- output ----------------------------------------------------------------------------------------
COLUMNS = ("dataset", "relation", "gold", "system", "tp", "fp", "fn", "P", "R", "F1")


def _cell(value: float | int | str | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def format_table(rows: Sequence[Row]) -> str:
    """The rows as one fixed-width table (text columns left, numbers right aligned)."""
    cells = [
        [row.dataset, row.label]
        + [_cell(v) for v in (row.gold, row.system, row.tp, row.fp, row.fn, row.p, row.r, row.f1)]
        for row in rows
    ]
    widths = [max(len(c[i]) for c in [list(COLUMNS), *cells]) for i in range(len(COLUMNS))]

    def line(values: Sequence[str]) -> str:
        text = [
            v.ljust(w) if i < 2 else v.rjust(w)
            for i, (v, w) in enumerate(zip(values, widths, strict=True))
        ]
        return "  ".join(text).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(COLUMNS), rule, *(line(c) for c in cells)])


def reports_to_json(reports: Sequence[SuiteReport], skipped: Sequence[str]) -> dict[str, Any]:
    return {
        "suites": [asdict(report) for report in reports],
        "skipped": list(skipped),
    }
