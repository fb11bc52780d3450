"""The actor registry: canonical actors, their aliases and date-bounded roles, and lookup.

The registry is data, kept in ``data/actors/*.yaml`` (one ``actors:`` list per file) and
validated by the pydantic models below, so a curator adds an alias without touching Python.
Every alias maps to a *set* of candidate actors; choosing among them is the alias resolver's job.

Supported: exact surface forms (matched case-sensitively, with an ALL-CAPS and a
first-letter-capitalised variant of every alias that is not itself all capitals), demonyms and
capital/seat-of-government metonyms for states, aliases valid between two dates, and a
normalised index (case, diacritics, quotes, hyphens, a leading "the", a trailing possessive) for
names the statistical NER finds in a slightly different spelling.
Not supported here: context-dependent choice among candidates (see the alias resolver) and
fuzzy or transliteration matching beyond the listed variants.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .datafiles import load_yaml_model
from .errors import DataFileError

ID_PATTERN = r"^[A-Z0-9][A-Z0-9_]*$"


class ActorType(str, Enum):
    STATE = "STATE"
    ORGANIZATION = "ORGANIZATION"
    MILITANT_GROUP = "MILITANT_GROUP"
    MINISTER = "MINISTER"
    PERSON = "PERSON"


class Sector(str, Enum):
    GOV = "GOV"
    MIL = "MIL"
    REB = "REB"
    INS = "INS"
    OPP = "OPP"
    MED = "MED"
    NGO = "NGO"
    IGO = "IGO"
    BUS = "BUS"
    JUD = "JUD"
    LEG = "LEG"
    PTY = "PTY"
    SPY = "SPY"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AliasEntry(_Strict):
    """One alias; ``start``/``end`` bound the dates on which it means this actor."""

    text: str = Field(min_length=1)
    start: dt.date | None = None
    end: dt.date | None = None
    note: str | None = None

    def valid_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class RoleEntry(_Strict):
    """An office held between two dates (``end`` null: still held as far as the data knows)."""

    title: str = Field(min_length=1)
    of: str = Field(pattern=ID_PATTERN)
    start: dt.date
    end: dt.date | None = None


class ActorEntry(_Strict):
    """One known actor. ``roles`` are the offices an office holder held, with their dates."""

    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1)
    type: ActorType
    country: str | None = Field(default=None, pattern=ID_PATTERN)
    sector: Sector | None = None
    aliases: tuple[AliasEntry, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    roles: tuple[RoleEntry, ...] = ()

    def office_on(self, day: dt.date | None) -> RoleEntry | None:
        """The office held on ``day``; with no date, the office still held (end unknown)."""
        for role in self.roles:
            if day is None:
                if role.end is None:
                    return role
            elif role.start <= day and (role.end is None or day <= role.end):
                return role
        return None

    @field_validator("aliases", mode="before")
    @classmethod
    def _alias_strings(cls, value: object) -> object:
        if isinstance(value, list):
            return [{"text": v} if isinstance(v, str) else v for v in value]
        return value


class ActorFile(_Strict):
    actors: tuple[ActorEntry, ...]


@dataclass(frozen=True)
class SurfaceForm:
    """A text that names an actor, with how it names it (name, alias, demonym, capital)."""

    text: str
    actor_id: str
    kind: str
    start: dt.date | None = None
    end: dt.date | None = None

    def valid_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


_DASHES = re.compile(r"[\s\-\u2010-\u2015_]+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


def parse_day(value: str | None) -> dt.date | None:
    """The date of an ISO date or datetime string (``doc._.published``), None if it is not one."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


# Generational suffixes after a surname: "Carlito Galvez Jr." is "Galvez" later in the text.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def normalize(text: str) -> str:
    """Fold a name for lenient lookup: case, diacritics, quotes, dashes, "the", possessive."""
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"'s?$", "", text.strip())
    text = re.sub(r"^the\s+", "", text)
    text = text.replace(".", "")
    return _DASHES.sub(" ", text).strip(" ,;:\"'")


_NO_PLURAL = ("ese", "sh", "ch", "ss", "s", "x", "z")


def demonym_plural(demonym: str) -> str | None:
    """ "Palestinians" for "Palestinian", "Emiratis" for "Emirati"; none for "Chinese", "Swiss"."""
    if " " in demonym or demonym.endswith(_NO_PLURAL):
        return None
    return demonym + "s"


def variants(text: str) -> list[str]:
    """The case variants an alias is matched in: as written, ALL CAPS, first letter capital."""
    if text.isupper() or not any(c.isalpha() for c in text):
        return [text]
    out = [text, text.upper(), text[0].upper() + text[1:]]
    return list(dict.fromkeys(out))


# Letters NFKD does not decompose into an ASCII base letter.
_ASCII = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "ı": "i",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "Þ": "TH",
    }
)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text.translate(_ASCII))
    ascii_text = ascii_text.encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Z0-9]+", "_", ascii_text.upper()).strip("_")


class Gazetteer:
    """The registry of known actors, indexed for exact and normalised lookup."""

    def __init__(self, entries: Iterable[ActorEntry]) -> None:
        self.entries: dict[str, ActorEntry] = {}
        for entry in entries:
            self.entries[entry.id] = entry
        self._positions: dict[str, int] | None = None
        # where each entry was read from (file, "actors[i]"), when loaded with from_dir
        self.origins: dict[str, tuple[Path, str]] = {}
        self._by_norm: dict[str, list[SurfaceForm]] = {}
        for form in self.surface_forms():
            bucket = self._by_norm.setdefault(normalize(form.text), [])
            if form not in bucket:
                bucket.append(form)

    # -- loading -----------------------------------------------------------------------------
    @classmethod
    def from_dir(cls, path: Path | str) -> Gazetteer:
        """Load and validate every ``*.yaml`` file in a folder, in name order."""
        folder = Path(path)
        files = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
        if not files:
            raise DataFileError(path=folder, location="", detail="no *.yaml actor files found")
        entries: list[ActorEntry] = []
        origin: dict[str, tuple[Path, str]] = {}
        for file in files:
            for index, entry in enumerate(_load_actor_file(file)):
                if entry.id in origin:
                    first_file, first_location = origin[entry.id]
                    raise DataFileError(
                        path=file,
                        location=f"actors[{index}].id",
                        detail=f"duplicate actor id {entry.id!r}, "
                        f"first defined in {first_file.name} [{first_location}]",
                    )
                origin[entry.id] = (file, f"actors[{index}]")
                entries.append(entry)
        gazetteer = cls(entries)
        gazetteer.origins = origin
        gazetteer._check_references(origin)
        return gazetteer

    def _check_references(self, origin: dict[str, tuple[Path, str]]) -> None:
        for entry in self.entries.values():
            refs = [("country", entry.country)] + [
                (f"roles[{i}].of", role.of) for i, role in enumerate(entry.roles)
            ]
            for field, ref in refs:
                if ref is not None and ref not in self.entries:
                    file, location = origin[entry.id]
                    raise DataFileError(
                        path=file,
                        location=f"{location}.{field}",
                        detail=f"unknown actor id {ref!r}",
                    )

    def to_bytes(self) -> bytes:
        data = [e.model_dump(mode="json", exclude_defaults=True) for e in self.entries.values()]
        return json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> Gazetteer:
        return _gazetteer_from_bytes(hashlib.sha256(data).hexdigest(), data)

    # -- lookup ------------------------------------------------------------------------------
    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self.entries

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, actor_id: str) -> ActorEntry | None:
        return self.entries.get(actor_id)

    def position(self, actor_id: str) -> int:
        """Where an actor stands in the registry (file, then entry order): the first-listed
        sense of a shared name is the default one."""
        if self._positions is None:
            self._positions = {actor_id: i for i, actor_id in enumerate(self.entries)}
        return self._positions.get(actor_id, len(self._positions))

    def surface_forms(self) -> Iterator[SurfaceForm]:
        """Every text that names a known actor: names, aliases, demonyms, capitals."""
        for entry in self.entries.values():
            yield SurfaceForm(entry.name, entry.id, "name")
            for alias in entry.aliases:
                yield SurfaceForm(alias.text, entry.id, "alias", alias.start, alias.end)
            for demonym in entry.demonyms:
                yield SurfaceForm(demonym, entry.id, "demonym")
                if plural := demonym_plural(demonym):
                    yield SurfaceForm(plural, entry.id, "demonym")
            for capital in entry.capitals:
                yield SurfaceForm(capital, entry.id, "capital")

    def lookup(self, text: str, day: dt.date | None = None) -> list[SurfaceForm]:
        """Candidates whose normalised form equals the text's, valid on ``day`` if given."""
        return [f for f in self._by_norm.get(normalize(text), ()) if f.valid_on(day)]

    def slug(self, text: str, label: str) -> str:
        """A stable id for an actor the registry does not know; never a registry id."""
        slug = _slug(text) or "UNNAMED"
        if slug in self.entries:
            slug = f"{slug}_{label}"
        return slug


@functools.lru_cache(maxsize=4)
def _gazetteer_from_bytes(digest: str, data: bytes) -> Gazetteer:
    # Several components of one pipeline store the same registry; the cache keyed by content
    # digest makes them share one object in memory.
    return Gazetteer(ActorEntry.model_validate(item) for item in json.loads(data))


def _load_actor_file(file: Path) -> tuple[ActorEntry, ...]:
    return load_yaml_model(file, ActorFile).actors
