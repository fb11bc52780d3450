"""PLOVER ``PLOVER_GSR_CAMEO.txt`` (a JSON array), for the ``plover-gsr`` suite.

Events carry a PLOVER category and ISO3 source/target codes; a CAMEO code is used instead when a
record has one (none do today). A reciprocal event (``SRC/TAR`` markup, or several sources and no
target) gives every ordered pair of its parties. Records without text or category, and records
whose id names another category than their ``event`` field, are skipped; malformed actor entries
are counted and ignored.

Not supported: the ``DOCUMENT`` header (not a record) and fields other than id, date, text,
textInfo, event, eventText, source and target (mode, context, eventLoc, size, dead, injured).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .mapping import CONSULT, CodeMapper, cameo_relation, plover_relation
from .records import Dataset, GoldEvent, GoldSentence, iso_date

_CAMEO_KEYS = ("cameo", "CAMEO", "cameoCode", "cameo_code")


def _plover_codes(value: Any, malformed: Counter[str]) -> list[str]:
    """Actor codes of a PLOVER ``source``/``target`` field; odd shapes counted, never raised."""
    if value is None or value == "":
        return []
    if not isinstance(value, list):
        malformed["source/target not a list"] += 1
        return []
    codes = []
    for item in value:
        code = item.get("code") if isinstance(item, dict) else None
        if isinstance(code, str) and code.strip():
            codes.append(code.strip())
        else:
            malformed["actor entry without a code"] += 1
    return codes


def _plover_markup(record: Mapping[str, Any]) -> str:
    info = record.get("textInfo")
    if isinstance(info, dict):
        return str(info.get("markup", ""))
    return str(info or "")


def plover_events(
    record: Mapping[str, Any], mapper: CodeMapper, malformed: Counter[str]
) -> list[GoldEvent]:
    """GoldEvents of one PLOVER record: sources x targets, or every ordered pair of the parties
    of a reciprocal event; a source without a target gives an event with an empty target."""
    sources = _plover_codes(record.get("source"), malformed)
    targets = _plover_codes(record.get("target"), malformed)
    reciprocal = "SRC/TAR" in _plover_markup(record) or (not targets and len(sources) > 1)
    if reciprocal:
        pairs = [(a, b) for i, a in enumerate(sources) for j, b in enumerate(sources) if i != j]
    else:
        pairs = [(a, b) for a in sources for b in targets or [""]]
    category = str(record.get("event", ""))
    event_text = str(record.get("eventText", ""))
    cameo = next((str(record[k]) for k in _CAMEO_KEYS if record.get(k)), None)
    if cameo:
        strict, consult = cameo_relation(cameo), cameo_relation(cameo, CONSULT)
        basis, code = "CAMEO code", cameo
    else:
        strict, basis = plover_relation(category, event_text, reciprocal=reciprocal)
        consult, _ = plover_relation(category, event_text, reciprocal=reciprocal, variant=CONSULT)
        code = f"PLOVER {category.upper()}"
    return [
        GoldEvent(a, b, mapper(a), mapper(b) if b else None, code, strict, consult, basis)
        for a, b in pairs
    ]


def plover_category_conflict(record: Mapping[str, Any]) -> bool:
    """True when the id names another PLOVER category than the ``event`` field
    (``PLOVER-GSR01-SANCTION-0010`` coded FIGHT): one of the two is wrong."""
    parts = str(record.get("id", "")).split("-")
    id_category = parts[2].upper() if len(parts) > 3 else ""
    event = str(record.get("event", "")).strip().upper()
    return bool(id_category) and id_category.isalpha() and id_category != event


def read_plover_gsr(path: Path, mapper: CodeMapper) -> Dataset:
    """PLOVER gold-standard records (a JSON array; the DOCUMENT header is not a record)."""
    dataset = Dataset("plover-gsr", [])
    try:
        items = json.loads(Path(path).read_text(encoding="utf-8", errors="replace"))
    except json.JSONDecodeError as exc:
        dataset.notes.append(f"not readable as JSON: {exc}")
        return dataset
    if not isinstance(items, list):
        dataset.notes.append("not a JSON array")
        return dataset
    malformed: Counter[str] = Counter()
    for item in items:
        if isinstance(item, dict) and item.get("event") == "DOCUMENT":
            continue
        dataset.read += 1
        if not isinstance(item, dict):
            dataset.skipped["not a JSON object"] += 1
        elif not str(item.get("text", "")).strip():
            dataset.skipped["no text"] += 1
        elif not str(item.get("event", "")).strip():
            dataset.skipped["no event category"] += 1
        elif plover_category_conflict(item):
            dataset.skipped["event field contradicts the category in its id"] += 1
        else:
            events = plover_events(item, mapper, malformed)
            dataset.records.append(
                GoldSentence(
                    id=str(item.get("id", f"record-{dataset.read}")),
                    text=" ".join(str(item["text"]).split()),
                    published=iso_date(item.get("date")),
                    events=tuple(events),
                )
            )
    dataset.notes.extend(f"{n} {reason} (entry ignored)" for reason, n in malformed.items())
    return dataset
