"""Score actorgraph on the public event-data sets in ../shared/data and print one table.

    python bench/quality.py [--shared ../shared] [--json] [--limit N] [--suite NAME ...]

Loads actorgraph once, runs every suite whose files are present (see
``actorgraph.public_data.SUITES``) and prints one table: a row per dataset and relation type,
plus actor and alias rows, with gold, system, tp, fp, fn, P, R and F1; then, per dataset, what
was read, skipped and dropped. A dataset whose files are absent is skipped with a note; without
the shared folder at all the script says so and exits 0. ``--json`` prints the same as JSON.
Mappings and caveats: docs/PUBLIC_DATA_MAPPING.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    from actorgraph.public_data import SUITES

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--shared",
        type=Path,
        default=REPO.parent / "shared",
        help="the shared folder holding data/ (default: ../shared next to the repository)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    parser.add_argument("--limit", type=int, default=None, help="score the first N records only")
    parser.add_argument(
        "--suite",
        action="append",
        choices=[s.name for s in SUITES],
        help="run only this suite (repeatable)",
    )
    return parser.parse_args(argv)


def print_text(reports, skipped, header: str) -> None:
    from actorgraph.public_data import format_table

    print(header)
    print()
    print(format_table([row for report in reports for row in report.rows]))
    for report in reports:
        print()
        print(f"{report.dataset}: {report.description}")
        for note in report.notes:
            print(f"  - {note}")
    for note in skipped:
        print()
        print(note)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    data = args.shared / "data"
    if not data.is_dir():
        print(f"no shared data at {data}: nothing to score (see docs/PUBLIC_DATA_MAPPING.md)")
        return 0

    import actorgraph
    from actorgraph.public_data import reports_to_json, run_suites

    started = time.perf_counter()
    ag = actorgraph.load()
    loaded = time.perf_counter()
    reports, skipped = run_suites(ag, data, limit=args.limit, names=args.suite)
    finished = time.perf_counter()
    timing = {"load_s": round(loaded - started, 1), "score_s": round(finished - loaded, 1)}
    if args.json:
        out = reports_to_json(reports, skipped)
        out.update(date=dt.date.today().isoformat(), limit=args.limit, timing=timing)
        json.dump(out, sys.stdout, indent=2)
        print()
    else:
        limit = f", first {args.limit} records per dataset" if args.limit else ""
        header = (
            f"actorgraph {actorgraph.__version__} on public data ({dt.date.today().isoformat()}"
            f"{limit}); load {timing['load_s']} s, scoring {timing['score_s']} s"
        )
        print_text(reports, skipped, header)
    return 0


if __name__ == "__main__":
    sys.exit(main())
