"""What the dataset readers return: a ``Dataset`` (the usable records and what was skipped or
repaired, by reason) and, for the coded sentences, ``GoldSentence``/``GoldEvent``.

Readers count malformed input in the ``Dataset`` rather than raising. A record's date is kept
only as the document's publication date (``iso_date``); event dates and locations are not read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .mapping import CONSULT

Triple = tuple[str, str, str]


@dataclass(frozen=True)
class GoldEvent:
    """One coded event: raw actor codes, their actorgraph ids (None: not mappable), relations."""

    source_code: str
    target_code: str
    source: str | None
    target: str | None
    code: str  # the CAMEO code, or "PLOVER <CATEGORY>"
    relation: str | None  # strict variant
    relation_consult: str | None  # consult variant (040-044 count as negotiation)
    basis: str = ""  # which mapping rule gave the relation

    def relation_for(self, variant: str) -> str | None:
        return self.relation_consult if variant == CONSULT else self.relation


@dataclass(frozen=True)
class GoldSentence:
    id: str
    text: str
    published: str | None
    events: tuple[GoldEvent, ...]


@dataclass
class Dataset:
    """What a reader returns: the usable records and what it had to skip, by reason."""

    name: str
    records: list[Any]
    read: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    repaired: Counter[str] = field(default_factory=Counter)  # records kept after a fix-up
    notes: list[str] = field(default_factory=list)

    def limited(self, limit: int | None) -> Dataset:
        if limit is None:
            return self
        out = Dataset(self.name, self.records[:limit], self.read, self.skipped, self.repaired)
        out.notes = self.notes
        return out


def iso_date(value: str | None) -> str | None:
    """``20080804`` or ``2008-08-04`` as an ISO date; None when it is not a valid date."""
    digits = re.sub(r"\D", "", value or "")
    if len(digits) != 8:
        return None
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:])).isoformat()
    except ValueError:
        return None
