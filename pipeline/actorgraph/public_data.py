"""Public event-data sets as an evaluation suite: readers, mappings to actorgraph, scoring.

The datasets live under ``../shared/data`` (each folder has a SOURCE.md) and are read from there
at run time; nothing from them is copied into the repository. ``bench/quality.py`` runs every
available suite and prints one table; docs/PUBLIC_DATA_MAPPING.md documents the mappings.

Supported datasets (suite name: file):

* ``petr2-gsr``: UniversalPetrarch ``PETR2_GSR_validation.xml``, real news sentences with CAMEO
  ``EventCoding`` rows. The file is not well-formed XML (self-closing ``<Sentence/>`` tags closed
  again later), so it is read by a tolerant tag scanner rather than an XML parser.
* ``petr2-unit``: PETRARCH2 ``PETR.UnitTest.records.xml``, read by the same scanner. Most of its
  actors are invented places and some invented codes collide with ISO3 codes (``ERI`` is not
  Eritrea there), so a country code counts only when the unit tests' own actor dictionary
  (``PETR.Validate.actors.txt``) names that country with it.
* ``plover-gsr``: PLOVER ``PLOVER_GSR_CAMEO.txt`` (JSON); events carry a PLOVER category and
  ISO3 source/target codes; a CAMEO code is used instead when a record has one (none do today).
* ``re3d``: Dstl re3d entities and relations: alias resolution (``IsSynonymOf``), actor
  mention recognition, and ``FightingAgainst``/``Dislikes`` as rough attacks/accuses, all by
  character-span overlap with actorgraph's mentions.
* ``conflibert``: ConfliBERT ``cameo_ner/test.txt`` source/target spans: a relation-type-blind
  check of who-did-what-to-whom direction.

Scoring of the coded sentences (petr2-*, plover-gsr): each record is a one-sentence document;
gold and system are sets of (source, relation, target) triples at the country level (an
actor's state; IGO/militant codes that name one actorgraph organisation map to its id),
symmetric relations as unordered pairs, self-relations dropped on both sides, negated system
relations left out (hedged ones count). A system triple is a false positive only for a relation
type the dataset annotates; in a sentence where a gold event of that type could not be mapped
to actors, unmatched system triples of that type are ignored rather than counted.

Not supported: event dates and locations, CAMEO codes outside the mapping (counted as
unmapped), person-level or organ-level actors (all reduced to the country), the ConfliBERT
quad-class labels, re3d relation types other than the three named above.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .evaluate import prf
from .schemas import ActorRecord, Article, DocumentResult, RelationName

if TYPE_CHECKING:  # pragma: no cover
    from .api import Actorgraph
    from .gazetteer import Gazetteer

RELATIONS: tuple[str, ...] = get_args(RelationName)
SYMMETRIC = frozenset({"negotiates-with", "agrees-with"})  # as DESIGN.md defines them
STRICT = "strict"
CONSULT = "consult"
VARIANTS = (STRICT, CONSULT)
MIN_CONFIDENCE = 0.5  # re3d crowd-model confidence below which an annotation is not used
# An alias span counts as recognised when one actorgraph mention covers half of it at least, so
# that a title span such as "the Foreign Minister of X" is not taken for a mention of X.
ALIAS_MIN_COVER = 0.5

Triple = tuple[str, str, str]

# -- CAMEO event codes -> relations ---------------------------------------------------------------
# Longest matching prefix wins; a None value keeps a code out of a broader prefix's relation.
CAMEO_RULES: Mapping[str, str | None] = MappingProxyType(
    {
        "045": "mediates",  # engage in mediation
        "046": "negotiates-with",  # engage in negotiation
        "051": "supports",  # praise or endorse
        "052": "supports",  # defend verbally
        "053": "supports",  # rally support on behalf of
        "057": "agrees-with",  # sign formal agreement
        "07": "supports",  # provide aid (economic, military, humanitarian, protection, asylum)
        "10": "demands",
        "11": "accuses",  # disapprove, criticise, accuse, complain officially, sue
        "13": "threatens",
        "18": "attacks",  # unconventional violence
        "19": "attacks",  # conventional military force
        "191": None,  # impose blockade: coercion (PLOVER COERCE), not an attack
        "192": None,  # occupy territory: coercion (PLOVER COERCE), not an attack
        "20": "attacks",  # unconventional mass violence
    }
)
# Consult, telephone, visit, host, meet elsewhere: negotiates-with only in the "consult" variant.
CONSULT_CODES = frozenset({"040", "041", "042", "043", "044"})

_CAMEO_DIGITS = re.compile(r"\d+")


def cameo_relation(code: str, variant: str = STRICT) -> str | None:
    """The actorgraph relation a CAMEO event code maps to, or None when it is not mapped."""
    match = _CAMEO_DIGITS.match(code.strip())
    if match is None or len(match.group()) < 3:
        return None
    digits = match.group()
    if variant == CONSULT and digits[:3] in CONSULT_CODES:
        return "negotiates-with"
    for size in range(len(digits), 1, -1):
        if digits[:size] in CAMEO_RULES:
            return CAMEO_RULES[digits[:size]]
    return None


# -- PLOVER categories -> relations ---------------------------------------------------------------
PLOVER_CATEGORIES: Mapping[str, str] = MappingProxyType(
    {
        "DISAPPROVE": "accuses",  # the 2016 GSR name of CAMEO 11x
        "ACCUSE": "accuses",  # the 2021 name
        "THREATEN": "threatens",
        "DEMAND": "demands",
        "ASSAULT": "attacks",
        "FIGHT": "attacks",
        "AID": "supports",
    }
)
# CONSULT, AGREE and SUPPORT each cover CAMEO codes that map differently; the event text (a
# short phrase naming what happened) tells them apart.
_MEDIATION = re.compile(r"\bmediat", re.I)
_NEGOTIATION = re.compile(r"\bnegotiat|\btalks?\b", re.I)
_AGREEMENT = re.compile(r"\bagree|\bconsensus\b|\baccept|\bsign(?:ed|s|ing)?\b", re.I)
_SIGNING = re.compile(r"\bsign(?:ed|s|ing)?\b", re.I)
_NOT_SUPPORT = re.compile(r"apolog|\bforg[ai]v|\bties\b|\brelations\b|recogni", re.I)


def plover_relation(
    category: str, event_text: str, *, reciprocal: bool, variant: str = STRICT
) -> tuple[str | None, str]:
    """(relation or None, the rule used) for a PLOVER event.

    ``reciprocal``: the record codes its actors as both source and target (``SRC/TAR``), i.e.
    the parties did something together.
    """
    category = category.strip().upper()
    if category == "CONSULT":
        if _MEDIATION.search(event_text):
            return "mediates", "CONSULT + mediation cue (as CAMEO 045)"
        if _NEGOTIATION.search(event_text):
            return "negotiates-with", "CONSULT + negotiation cue (as CAMEO 046)"
        relation = "negotiates-with" if variant == CONSULT else None
        return relation, "CONSULT, meeting or visit (as CAMEO 040-044)"
    if category == "AGREE":
        if reciprocal and _AGREEMENT.search(event_text):
            return "agrees-with", "AGREE between reciprocal parties (mutual agreement)"
        return None, "AGREE, one-sided intent, offer or promise (as CAMEO 03x)"
    if category == "SUPPORT":
        if _SIGNING.search(event_text):
            return "agrees-with", "SUPPORT + signing cue (as CAMEO 057)"
        if _NOT_SUPPORT.search(event_text):
            return None, "SUPPORT, ties, recognition, apology (as CAMEO 050, 054-056)"
        return "supports", "SUPPORT (as CAMEO 051-053)"
    relation = PLOVER_CATEGORIES.get(category)
    return relation, "PLOVER category" if relation else "PLOVER category not mapped"


# -- actor codes -> actorgraph ids ----------------------------------------------------------------
# Non-country CAMEO/Phoenix codes that name exactly one actorgraph actor (longest prefix wins,
# so IGOUNOMIL, UN peacekeepers, is the UN). Bare IGO, NGO and IMG name no one and are dropped.
ORG_CODES: Mapping[str, str] = MappingProxyType(
    {
        "IGOUNO": "UN",  # the whole UN system, as Phoenix codes it (see UN_FAMILY)
        "UNO": "UN",
        "IGOEUREEC": "EU",
        "IGOWSTNAT": "NATO",
        "IGOMEAARL": "ARAB_LEAGUE",
        "IGOSEAASN": "ASEAN",
        "IGOWAFBUSWAS": "ECOWAS",
        "IGOMOSOIC": "OIC",
        "IGOCOPITP": "INTERPOL",
        "IGOBUSIMF": "IMF",
        "IGOJUDICC": "ICC",
        "IMGMUSISI": "ISIL",
        "IMGMUSALQ": "AQ",
        "IMGMOSALQ": "AQ",
    }
)
# Old CAMEO/TABARI country codes and misspellings found in these files, with their ISO3 codes.
LEGACY_COUNTRY_CODES: Mapping[str, str] = MappingProxyType(
    {
        "JAP": "JPN",
        "ITL": "ITA",
        "VTN": "VNM",
        "KUW": "KWT",
        "LEB": "LBN",
        "PAL": "PSE",
        "UAE": "ARE",
        "NZE": "NZL",
        "ROM": "ROU",
        "ZAM": "ZMB",
        "IVO": "CIV",
        "BUL": "BGR",
        "LTH": "LTU",
    }
)
# actorgraph ids that the gold codes above see as one body: Phoenix codes every UN organ,
# agency and mission as IGOUNO... (the World Bank too), the EU institutions as IGOEUREEC.
_UN_SYSTEM = (
    "UNSC UNGA UNHRC OHCHR UNHCR UNICEF WFP WHO OCHA UNRWA IAEA ICJ UNDP UNFPA UNESCO FAO ILO IOM"
    " UN_WOMEN UNODC UNEP UNAMA MONUSCO UNIFIL UNMISS MINUSMA MINUSCA UNMOGIP UNSMIL UNDOF"
    " UNITAMS WORLD_BANK"
)
_EU_INSTITUTIONS = "EUROPEAN_COMMISSION EUROPEAN_PARLIAMENT EUROPEAN_COUNCIL COUNCIL_OF_THE_EU"
_FAMILIES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {"UN": tuple(_UN_SYSTEM.split()), "EU": tuple(_EU_INSTITUTIONS.split()), "NATO": ("KFOR",)}
)
ORG_FAMILY: Mapping[str, str] = MappingProxyType(
    {member: head for head, members in _FAMILIES.items() for member in members}
)
_CODE_SHAPE = re.compile(r"[A-Z-]{3,}")


@functools.lru_cache(maxsize=1)
def registry() -> Gazetteer:
    """actorgraph's actor registry (data/actors), loaded once."""
    from .gazetteer import Gazetteer
    from .resources import actors_dir

    return Gazetteer.from_dir(actors_dir())


@functools.lru_cache(maxsize=1)
def state_ids() -> frozenset[str]:
    """ISO3 ids of the states actorgraph knows."""
    return frozenset(e.id for e in registry().entries.values() if e.type.value == "STATE")


def code_to_actor(
    code: str, states: frozenset[str], allowed: frozenset[str] | None = None
) -> str | None:
    """The country-level actorgraph id of a CAMEO/Phoenix actor code, or None.

    ``ISRGOV`` -> ``ISR``; ``IGOUNOMIL`` -> ``UN``; ``---REB``, ``IGO``, ``NGO`` -> None.
    ``allowed``, when given, limits country codes to those a dataset vouches for.
    """
    code = code.strip().upper()
    if not _CODE_SHAPE.fullmatch(code):
        return None
    for size in range(len(code), 2, -1):
        if code[:size] in ORG_CODES:
            return ORG_CODES[code[:size]]
    country = LEGACY_COUNTRY_CODES.get(code[:3], code[:3])
    if country in states and (allowed is None or country in allowed):
        return country
    return None


@dataclass(frozen=True)
class CodeMapper:
    """``code_to_actor`` bound to the known states (and the ones a dataset vouches for)."""

    states: frozenset[str]
    allowed: frozenset[str] | None = None

    def __call__(self, code: str) -> str | None:
        return code_to_actor(code, self.states, self.allowed)


def actor_key(actor: ActorRecord) -> str:
    """A system actor at the level gold is compared on: its state, else its (family) id."""
    if actor.type == "STATE":
        return actor.id
    if actor.country:
        return actor.country
    return ORG_FAMILY.get(actor.id, actor.id)


def make_triple(source: str, relation: str, target: str) -> Triple | None:
    """A comparable triple: None for a self-relation, symmetric relations in sorted order."""
    if source == target:
        return None
    if relation in SYMMETRIC and target < source:
        source, target = target, source
    return (source, relation, target)


def system_triples(result: DocumentResult) -> set[Triple]:
    """The result's relations at the country level, negated ones left out."""
    keys = {actor.id: actor_key(actor) for actor in result.actors}
    out: set[Triple] = set()
    for rel in result.relations:
        if rel.negated:
            continue
        triple = make_triple(
            keys.get(rel.source, rel.source), rel.relation, keys.get(rel.target, rel.target)
        )
        if triple:
            out.add(triple)
    return out


def system_actor_keys(result: DocumentResult) -> set[str]:
    return {actor_key(actor) for actor in result.actors}


# -- records --------------------------------------------------------------------------------------
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


# -- PETRARCH XML (both PETR files) ---------------------------------------------------------------
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SENTENCE_TAG = re.compile(r"<Sentence\s([^>]*?)/?>")
_CODING_TAG = re.compile(r"<EventCoding\s([^>]*?)/?>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_ATTR = re.compile(r'([\w-]+)\s*=\s*"([^"]*)"')


def _attributes(tag_body: str) -> dict[str, str]:
    return {name: html.unescape(value) for name, value in _ATTR.findall(tag_body)}


def iso_date(value: str | None) -> str | None:
    """``20080804`` or ``2008-08-04`` as an ISO date; None when it is not a valid date."""
    digits = re.sub(r"\D", "", value or "")
    if len(digits) != 8:
        return None
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:])).isoformat()
    except ValueError:
        return None


def petr_blocks(raw: str) -> Iterator[tuple[dict[str, str], str]]:
    """(Sentence attributes, the text up to the next Sentence) for each record of a PETR file."""
    start = raw.find("<Sentences>")
    body = _COMMENT.sub("", raw[start:] if start >= 0 else raw)
    tags = list(_SENTENCE_TAG.finditer(body))
    for index, tag in enumerate(tags):
        end = tags[index + 1].start() if index + 1 < len(tags) else len(body)
        yield _attributes(tag.group(1)), body[tag.end() : end]


def cameo_event(coding: Mapping[str, str], mapper: CodeMapper) -> GoldEvent:
    source, target = coding.get("sourcecode", ""), coding.get("targetcode", "")
    code = coding["eventcode"]
    return GoldEvent(
        source_code=source,
        target_code=target,
        source=mapper(source) if source else None,
        target=mapper(target) if target else None,
        code=code,
        relation=cameo_relation(code),
        relation_consult=cameo_relation(code, CONSULT),
        basis="CAMEO code",
    )


_PARSE = re.compile(r"<Parse>(.*?)</Parse>", re.S)


def text_from_conllu(block: str) -> str:
    """The sentence rebuilt from a CoNLL-U ``<Parse>`` (token forms, ``SpaceAfter=No``)."""
    parse = _PARSE.search(block)
    parts = []
    for line in (parse.group(1) if parse else "").splitlines():
        fields = line.split("\t")
        if len(fields) < 10 or not fields[0].isdigit():
            continue
        parts.append(fields[1] + ("" if "SpaceAfter=No" in fields[9] else " "))
    return "".join(parts).strip()


def petr_text(block: str, repaired: Counter[str]) -> str | None:
    match = _TEXT.search(block)
    text = " ".join(match.group(1).split()) if match else ""
    if not text:
        text = text_from_conllu(block)
        if text:
            repaired["empty <Text>, sentence rebuilt from the CoNLL-U parse"] += 1
    return html.unescape(text) if text else None


def parse_petr_block(
    attrs: Mapping[str, str], block: str, mapper: CodeMapper, dataset: Dataset
) -> GoldSentence | None:
    """One PETR record, or None (the reason counted in ``dataset.skipped``).

    A record whose only coding is ``noevents`` is skipped: in these files it often marks a
    PETRARCH discard rule (a year, a dateline) firing on a sentence that does report an event,
    so it is no gold negative. A coding without a source or target code keeps its event, with
    that actor missing.
    """
    skipped = dataset.skipped
    codings = [_attributes(m.group(1)) for m in _CODING_TAG.finditer(block)]
    text = petr_text(block, dataset.repaired)
    if text is None:
        skipped["no <Text>"] += 1
        return None
    if not codings:
        skipped["no <EventCoding>"] += 1
        return None
    if any("error" in coding for coding in codings):
        skipped["error test (expects a discard, not an event)"] += 1
        return None
    events = [c for c in codings if c.get("noevents", "").lower() != "true"]
    if not events:
        skipped["noevents only (a PETRARCH discard test, not a gold negative)"] += 1
        return None
    if not all(c.get("eventcode") for c in events):
        skipped["EventCoding without eventcode"] += 1
        return None
    return GoldSentence(
        id=attrs.get("id") or f"record-{dataset.read}",
        text=text,
        published=iso_date(attrs.get("date")),
        events=tuple(cameo_event(coding, mapper) for coding in events),
    )


def read_petr_records(path: Path, mapper: CodeMapper, name: str) -> Dataset:
    """Sentences with CAMEO EventCoding rows from a PETRARCH validation/unit-test file."""
    raw = Path(path).read_text(encoding="utf-8", errors="replace")
    dataset = Dataset(name, [])
    for attrs, block in petr_blocks(raw):
        dataset.read += 1
        sentence = parse_petr_block(attrs, block, mapper, dataset)
        if sentence is not None:
            dataset.records.append(sentence)
    return dataset


# -- PETRARCH actor dictionaries ------------------------------------------------------------------
_CODE_IN_BRACKETS = re.compile(r"\[([^\]]+)\]")


def _dictionary_codes(line: str) -> list[str]:
    codes = []
    for inner in _CODE_IN_BRACKETS.findall(line):
        token = inner.split()[0] if inner.split() else ""
        codes.extend(c.upper() for c in token.split("/") if c)
    return codes


def read_actor_dictionary(path: Path) -> dict[str, set[str]]:
    """code -> names (entry names and ``+`` aliases, underscores as spaces) of a PETRARCH
    ``*.actors.txt`` dictionary. Comments, dates and odd lines are tolerated."""
    raw = _COMMENT.sub("", Path(path).read_text(encoding="utf-8", errors="replace"))
    by_code: dict[str, set[str]] = {}
    names: list[str] = []
    codes: list[str] = []

    def flush() -> None:
        for code in codes:
            by_code.setdefault(code, set()).update(names)

    for line in raw.splitlines():
        content = line.split("#", 1)[0].rstrip()
        if not content.strip() or content.lstrip().startswith("<"):
            continue
        if content.startswith("+"):
            names.append(_dictionary_name(content[1:]))
        elif content[0].isspace():
            codes.extend(_dictionary_codes(content))
        else:
            flush()
            names = [_dictionary_name(content.split("[", 1)[0])]
            codes = _dictionary_codes(content)
    flush()
    return by_code


def _dictionary_name(text: str) -> str:
    return " ".join(text.replace("_", " ").split())


def vouched_countries(dictionary: Mapping[str, set[str]], registry_: Gazetteer) -> frozenset[str]:
    """ISO3 codes a dictionary uses for the real country: some name it gives the code resolves
    to that state in actorgraph's registry (``ETH`` named Ethiopia does; ``ERI`` given to an
    invented place does not)."""
    states = state_ids()
    out = set()
    for code, names in dictionary.items():
        country = LEGACY_COUNTRY_CODES.get(code[:3], code[:3])
        if country not in states:
            continue
        if any(form.actor_id == country for name in names for form in registry_.lookup(name)):
            out.add(country)
    return frozenset(out)


# -- PLOVER GSR -----------------------------------------------------------------------------------
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


# -- re3d -----------------------------------------------------------------------------------------
class _Re3dRow(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class Re3dDocumentRow(_Re3dRow):
    id: str = Field(alias="_id")
    text: str
    title: str = ""


class Re3dEntityRow(_Re3dRow):
    documentId: str  # the dataset's field names (camelCase)
    begin: int = Field(ge=0)
    end: int = Field(ge=0)
    type: str
    value: str
    confidence: float = 1.0


class Re3dRelationRow(_Re3dRow):
    documentId: str
    sourceBegin: int = Field(ge=0)
    sourceEnd: int = Field(ge=0)
    targetBegin: int = Field(ge=0)
    targetEnd: int = Field(ge=0)
    source: str
    target: str
    type: str
    confidence: float = 1.0


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str = ""
    confidence: float = 1.0


@dataclass(frozen=True)
class Re3dRelation:
    type: str
    source: Span
    target: Span
    confidence: float


@dataclass
class Re3dDocument:
    id: str
    folder: str
    text: str
    entities: list[Span] = field(default_factory=list)
    relations: list[Re3dRelation] = field(default_factory=list)


def _json_lines(path: Path, model: type[BaseModel], skipped: Counter[str]) -> Iterator[Any]:
    """Validated rows of a mongoexport JSON-lines file; bad lines counted, never raised."""
    if not path.is_file():
        skipped[f"{path.name} missing"] += 1
        return
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if not line.strip():
                continue
            try:
                yield model.model_validate(json.loads(line))
            except (json.JSONDecodeError, ValidationError):
                skipped[f"malformed line in {path.name}"] += 1


def _span_ok(text: str, start: int, end: int, value: str) -> bool:
    return start < end <= len(text) and text[start:end] == value


def read_re3d_folder(folder: Path, skipped: Counter[str]) -> list[Re3dDocument]:
    docs: dict[str, Re3dDocument] = {}
    for row in _json_lines(folder / "documents.json", Re3dDocumentRow, skipped):
        docs[row.id] = Re3dDocument(row.id, folder.name, row.text)
    for row in _json_lines(folder / "entities.json", Re3dEntityRow, skipped):
        doc = docs.get(row.documentId)
        if doc is None or not _span_ok(doc.text, row.begin, row.end, row.value):
            skipped["entity with unknown document or offsets that miss its text"] += 1
            continue
        doc.entities.append(Span(row.begin, row.end, row.type, row.confidence))
    for row in _json_lines(folder / "relations.json", Re3dRelationRow, skipped):
        doc = docs.get(row.documentId)
        if doc is None or not (
            _span_ok(doc.text, row.sourceBegin, row.sourceEnd, row.source)
            and _span_ok(doc.text, row.targetBegin, row.targetEnd, row.target)
        ):
            skipped["relation with unknown document or offsets that miss its text"] += 1
            continue
        source = Span(row.sourceBegin, row.sourceEnd)
        target = Span(row.targetBegin, row.targetEnd)
        doc.relations.append(Re3dRelation(row.type, source, target, row.confidence))
    return list(docs.values())


def read_re3d(root: Path) -> Dataset:
    """Every sub-folder of re3d that has a documents.json."""
    dataset = Dataset("re3d", [])
    for folder in sorted(p for p in Path(root).iterdir() if (p / "documents.json").is_file()):
        dataset.records.extend(read_re3d_folder(folder, dataset.skipped))
    dataset.read = len(dataset.records)
    return dataset


# -- ConfliBERT CAMEO NER -------------------------------------------------------------------------
_NO_SPACE_BEFORE = frozenset(
    {",", ".", ";", ":", "!", "?", ")", "]", "%", "'s", "'", "n't", "''", "-", "’", "”"}
)
_NO_SPACE_AFTER = frozenset({"(", "[", "$", "``", "-", "“"})
_ROLE_TAGS = frozenset({"S", "T", "R"})


@dataclass(frozen=True)
class SpanSentence:
    id: str
    text: str
    spans: tuple[Span, ...]  # label S (source), T (target) or R (reciprocal party)


def detokenize(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """Text from tokens (no space before closing punctuation) and each token's offsets."""
    parts: list[str] = []
    offsets = []
    cursor = 0
    for index, token in enumerate(tokens):
        glue = index == 0 or token in _NO_SPACE_BEFORE or tokens[index - 1] in _NO_SPACE_AFTER
        if not glue:
            parts.append(" ")
            cursor += 1
        offsets.append((cursor, cursor + len(token)))
        parts.append(token)
        cursor += len(token)
    return "".join(parts), offsets


def tagged_spans(tags: Sequence[str], offsets: Sequence[tuple[int, int]]) -> list[Span]:
    """BIO spans; an I- tag that does not continue a span of its role starts one."""
    spans: list[Span] = []
    current: list[Any] | None = None
    for tag, (start, end) in zip(tags, offsets, strict=True):
        prefix, _, role = tag.partition("-")
        if prefix == "I" and current is not None and current[2] == role:
            current[1] = end
            continue
        if current is not None:
            spans.append(Span(*current))
        current = [start, end, role] if prefix in ("B", "I") and role in _ROLE_TAGS else None
    if current is not None:
        spans.append(Span(*current))
    return spans


def conll_sentences(lines: Iterable[str], skipped: Counter[str]) -> Iterator[list[tuple[str, str]]]:
    sentence: list[tuple[str, str]] = []
    for line in lines:
        parts = line.split()
        if not parts:
            if sentence:
                yield sentence
            sentence = []
        elif len(parts) < 2:
            skipped["token line without a tag (token kept as O)"] += 1
            sentence.append((parts[0], "O"))
        else:
            sentence.append((" ".join(parts[:-1]), parts[-1]))
    if sentence:
        yield sentence


def read_conflibert_ner(path: Path) -> Dataset:
    """ConfliBERT ``cameo_ner`` CoNLL file: sentences with source/target/reciprocal spans."""
    dataset = Dataset("conflibert", [])
    with Path(path).open(encoding="utf-8", errors="replace") as handle:
        for index, rows in enumerate(conll_sentences(handle, dataset.skipped)):
            dataset.read += 1
            text, offsets = detokenize([token for token, _ in rows])
            spans = tagged_spans([tag for _, tag in rows], offsets)
            if not spans:
                dataset.skipped["no source/target span"] += 1
                continue
            dataset.records.append(SpanSentence(f"{Path(path).stem}-{index}", text, tuple(spans)))
    return dataset


# -- scoring --------------------------------------------------------------------------------------
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


@dataclass
class GoldSet:
    triples: set[Triple]
    blind: set[str]  # relation types with a gold event that could not be mapped to actors
    outcome: Counter[str]  # per event: kept / unmapped event / actor not mappable / self
    unmapped_codes: Counter[str]  # actor codes that map to no actorgraph id


def gold_set(sentence: GoldSentence, variant: str = STRICT) -> GoldSet:
    out = GoldSet(set(), set(), Counter(), Counter())
    for event in sentence.events:
        relation = event.relation_for(variant)
        if relation is None:
            out.outcome["event type not mapped"] += 1
        elif event.source is None or event.target is None:
            out.outcome["actor code missing or not mappable"] += 1
            out.blind.add(relation)
            for code, mapped in (
                (event.source_code, event.source),
                (event.target_code, event.target),
            ):
                if mapped is None:
                    out.unmapped_codes[code or "(missing)"] += 1
        else:
            triple = make_triple(event.source, relation, event.target)
            if triple is None:
                out.outcome["self-relation"] += 1
            else:
                out.outcome["kept"] += 1
                out.triples.add(triple)
    return out


def score_triples(
    gold: set[Triple],
    system: set[Triple],
    measured: Iterable[str],
    blind: Iterable[str] = (),
) -> dict[str, Tally]:
    """tp/fp/fn per measured relation type; unmatched system triples of a blind type are
    ignored (the gold for that type is incomplete in this sentence)."""
    blind = set(blind)
    tallies = {}
    for relation in measured:
        g = {t for t in gold if t[1] == relation}
        s = {t for t in system if t[1] == relation}
        fp = 0 if relation in blind else len(s - g)
        tallies[relation] = Tally(len(g & s), fp, len(g - s))
    return tallies


def measured_types(sentences: Iterable[GoldSentence], variant: str = STRICT) -> list[str]:
    """Relation types the dataset annotates: those some gold event maps to."""
    found = {e.relation_for(variant) for s in sentences for e in s.events}
    return [r for r in RELATIONS if r in found]


@dataclass
class _CodedTotals:
    """Running counts of a sentence-level suite."""

    measured: list[str]
    has_consult: bool
    tallies: dict[str, Tally] = field(default_factory=dict)
    consult: Tally = field(default_factory=Tally)
    actors: Tally = field(default_factory=Tally)
    outcome: Counter[str] = field(default_factory=Counter)
    unmapped: Counter[str] = field(default_factory=Counter)
    ignored: Counter[str] = field(default_factory=Counter)

    def add(self, sentence: GoldSentence, result: DocumentResult) -> None:
        system = system_triples(result)
        gold = gold_set(sentence)
        self.outcome.update(gold.outcome)
        self.unmapped.update(gold.unmapped_codes)
        self.ignored.update(t[1] for t in system if t[1] not in self.measured)
        for relation, t in score_triples(gold.triples, system, self.measured, gold.blind).items():
            self.tallies.setdefault(relation, Tally()).add(t.tp, t.fp, t.fn)
        if self.has_consult:
            loose = gold_set(sentence, CONSULT)
            t = score_triples(loose.triples, system, ["negotiates-with"], loose.blind)
            self.consult.add(
                t["negotiates-with"].tp, t["negotiates-with"].fp, t["negotiates-with"].fn
            )
        gold_actors = {a for e in sentence.events for a in (e.source, e.target) if a}
        found = len(gold_actors & system_actor_keys(result))
        self.actors.add(tp=found, fn=len(gold_actors) - found)

    def rows(self, name: str) -> list[Row]:
        rows = [
            recall_row(name, "actors (recall)", self.actors.tp, self.actors.tp + self.actors.fn)
        ]
        rows += [tally_row(name, r, self.tallies.get(r, Tally())) for r in self.measured]
        if self.has_consult:
            rows.append(tally_row(name, "negotiates-with (consult)", self.consult))
        total = Tally()
        for tally in self.tallies.values():
            total.add(tally.tp, tally.fp, tally.fn)
        rows.append(tally_row(name, "all measured (micro)", total))
        return rows


def score_coded(
    dataset: Dataset, results: Sequence[DocumentResult], description: str = ""
) -> SuiteReport:
    """Score sentence-level CAMEO/PLOVER gold against system results (same order)."""
    sentences = dataset.records
    has_consult = any(e.relation_consult != e.relation for s in sentences for e in s.events)
    totals = _CodedTotals(measured_types(sentences), has_consult)
    for sentence, result in zip(sentences, results, strict=True):
        totals.add(sentence, result)
    report = SuiteReport(dataset.name, description, totals.rows(dataset.name))
    report.counts = {
        "records_read": dataset.read,
        "records_scored": len(sentences),
        "records_skipped": dict(dataset.skipped),
        "records_repaired": dict(dataset.repaired),
        "events": sum(totals.outcome.values()),
        "event_outcomes": dict(totals.outcome),
        "unmappable_actor_codes": dict(totals.unmapped.most_common()),
        "measured_types": totals.measured,
        "ignored_system_triples": dict(totals.ignored),
        "mapping_basis": dict(Counter(e.basis for s in sentences for e in s.events)),
    }
    report.notes = coded_notes(report.counts) + dataset.notes
    return report


def coded_notes(counts: Mapping[str, Any]) -> list[str]:
    skipped = ", ".join(f"{n} {why}" for why, n in counts["records_skipped"].items()) or "none"
    outcomes = ", ".join(f"{n} {why}" for why, n in sorted(counts["event_outcomes"].items()))
    codes = ", ".join(f"{c} ({n})" for c, n in counts["unmappable_actor_codes"].items())
    ignored = ", ".join(f"{r} {n}" for r, n in counts["ignored_system_triples"].items())
    basis = ", ".join(f"{n} by {b}" for b, n in counts["mapping_basis"].items())
    repaired = ", ".join(f"{n} {why}" for why, n in counts["records_repaired"].items())
    notes = [
        f"{counts['records_read']} records read, {counts['records_scored']} scored; "
        f"skipped: {skipped}" + (f"; kept after repair: {repaired}" if repaired else ""),
        f"{counts['events']} gold events (strict): {outcomes}",
        f"measures: {', '.join(counts['measured_types']) or 'nothing'}",
    ]
    if codes:
        notes.append(f"actor codes not mappable: {codes}")
    if ignored:
        notes.append(f"system triples of types not measured here (ignored): {ignored}")
    if basis:
        notes.append(f"event mapping: {basis}")
    return notes


# -- span matching (re3d, conflibert) -------------------------------------------------------------
@dataclass(frozen=True)
class MentionSpan:
    start: int
    end: int
    actor: str  # actor id
    key: str  # country-level key (actor_key)


def result_mentions(result: DocumentResult) -> list[MentionSpan]:
    return [
        MentionSpan(m.start, m.end, actor.id, actor_key(actor))
        for actor in result.actors
        for m in actor.mentions
    ]


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def best_mention(
    span: Span, mentions: Sequence[MentionSpan], min_cover: float = 0.0
) -> MentionSpan | None:
    """The mention overlapping the span most (first one on ties), or None; with ``min_cover``,
    only if that overlap covers at least that share of the span."""
    best, best_size = None, 0
    for mention in mentions:
        size = overlap(span.start, span.end, mention.start, mention.end)
        if size > best_size:
            best, best_size = mention, size
    if best is None or best_size < min_cover * (span.end - span.start):
        return None
    return best


def match_spans(gold: Sequence[Span], mentions: Sequence[MentionSpan]) -> set[tuple[int, int]]:
    """One-to-one (gold index, mention index) pairs, greedily by overlap size."""
    pairs = sorted(
        (
            (overlap(g.start, g.end, m.start, m.end), gi, mi)
            for gi, g in enumerate(gold)
            for mi, m in enumerate(mentions)
        ),
        reverse=True,
    )
    used_g: set[int] = set()
    used_m: set[int] = set()
    out = set()
    for size, gi, mi in pairs:
        if size and gi not in used_g and mi not in used_m:
            out.add((gi, mi))
            used_g.add(gi)
            used_m.add(mi)
    return out


# -- re3d scoring ---------------------------------------------------------------------------------
RE3D_ACTOR_TYPES = frozenset({"Organisation", "Person", "Nationality"})
RE3D_NAMED_TYPES = RE3D_ACTOR_TYPES | {"Location"}
RE3D_RELATIONS: Mapping[str, str] = MappingProxyType(
    {"FightingAgainst": "attacks", "Dislikes": "accuses"}
)


def _confident(items: Iterable[Any]) -> list[Any]:
    return [item for item in items if item.confidence >= MIN_CONFIDENCE]


def re3d_actor_tally(doc: Re3dDocument, mentions: Sequence[MentionSpan]) -> Tally:
    """Organisation/Person/Nationality spans vs actorgraph mentions, one-to-one; a mention on a
    Location span (a country named as a place) is neither right nor wrong."""
    entities = _confident(doc.entities)
    gold = list({(e.start, e.end): e for e in entities if e.label in RE3D_ACTOR_TYPES}.values())
    named = [e for e in entities if e.label in RE3D_NAMED_TYPES]
    matched = match_spans(gold, mentions)
    matched_mentions = {mi for _, mi in matched}
    fp = sum(
        1
        for mi, m in enumerate(mentions)
        if mi not in matched_mentions
        and not any(overlap(e.start, e.end, m.start, m.end) for e in named)
    )
    return Tally(len(matched), fp, len(gold) - len(matched))


def synonym_pairs(doc: Re3dDocument) -> set[tuple[Span, Span]]:
    """IsSynonymOf annotations as unordered span pairs (re3d lists both directions)."""
    pairs = set()
    for rel in _confident(doc.relations):
        if rel.type == "IsSynonymOf" and rel.source != rel.target:
            a, b = sorted((rel.source, rel.target), key=lambda s: (s.start, s.end))
            pairs.add((a, b))
    return pairs


def re3d_alias_counts(doc: Re3dDocument, mentions: Sequence[MentionSpan]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for a, b in synonym_pairs(doc):
        counts["pairs"] += 1
        ma = best_mention(a, mentions, ALIAS_MIN_COVER)
        mb = best_mention(b, mentions, ALIAS_MIN_COVER)
        if ma is None or mb is None:
            continue
        counts["both recognised"] += 1
        counts["same id"] += ma.actor == mb.actor
    return counts


def re3d_gold_triples(
    doc: Re3dDocument, mentions: Sequence[MentionSpan], dropped: Counter[str]
) -> set[Triple]:
    out = set()
    for rel in _confident(doc.relations):
        relation = RE3D_RELATIONS.get(rel.type)
        if relation is None:
            continue
        source, target = best_mention(rel.source, mentions), best_mention(rel.target, mentions)
        if source is None or target is None:
            dropped[f"{rel.type}: a span is no actorgraph mention"] += 1
            continue
        triple = make_triple(source.key, relation, target.key)
        if triple is None:
            dropped[f"{rel.type}: self-relation"] += 1
        else:
            dropped[f"{rel.type}: kept"] += 1
            out.add(triple)
    return out


def score_re3d(
    dataset: Dataset, results: Sequence[DocumentResult], description: str = ""
) -> SuiteReport:
    name = dataset.name
    actors = Tally()
    alias: Counter[str] = Counter()
    relations = {r: Tally() for r in RE3D_RELATIONS.values()}
    outcome: Counter[str] = Counter()
    for doc, result in zip(dataset.records, results, strict=True):
        mentions = result_mentions(result)
        t = re3d_actor_tally(doc, mentions)
        actors.add(t.tp, t.fp, t.fn)
        alias.update(re3d_alias_counts(doc, mentions))
        gold = re3d_gold_triples(doc, mentions, outcome)
        for relation, t in score_triples(gold, system_triples(result), relations).items():
            relations[relation].add(t.tp, t.fp, t.fn)
    same, recognised, pairs = alias["same id"], alias["both recognised"], alias["pairs"]
    rows = [
        tally_row(name, "actor mentions", actors),
        tally_row(name, "alias (IsSynonymOf)", Tally(same, recognised - same, pairs - same)),
    ]
    rows += [tally_row(name, f"{r} (doc, rough)", t) for r, t in relations.items()]
    report = SuiteReport(name, description, rows)
    report.counts = {
        "documents_read": dataset.read,
        "documents_scored": len(dataset.records),
        "records_skipped": dict(dataset.skipped),
        "entities": sum(len(d.entities) for d in dataset.records),
        "relations": sum(len(d.relations) for d in dataset.records),
        "synonym_pairs": pairs,
        "synonym_pairs_both_recognised": recognised,
        "synonym_pairs_same_id": same,
        "relation_outcomes": dict(sorted(outcome.items())),
    }
    skipped = ", ".join(f"{n} {why}" for why, n in dataset.skipped.items()) or "none"
    report.notes = [
        f"{dataset.read} documents read, {len(dataset.records)} scored; skipped: {skipped}",
        f"IsSynonymOf: {pairs} pairs, {recognised} with both spans recognised, {same} same id "
        "(alias row: gold = pairs, system = both recognised, tp = same id)",
        "relations: " + ", ".join(f"{n} {why}" for why, n in sorted(outcome.items())),
        f"annotations with confidence < {MIN_CONFIDENCE} are not used",
    ]
    return report


# -- ConfliBERT scoring ---------------------------------------------------------------------------
def gold_direction_pairs(sentence: SpanSentence) -> list[tuple[Span, Span, bool]]:
    """(a, b, directed): source->target pairs, and unordered pairs of reciprocal parties."""
    sources = [s for s in sentence.spans if s.label == "S"]
    targets = [s for s in sentence.spans if s.label == "T"]
    parties = [s for s in sentence.spans if s.label == "R"]
    pairs = [(s, t, True) for s in sources for t in targets]
    pairs += [(a, b, False) for i, a in enumerate(parties) for b in parties[i + 1 :]]
    return pairs


def direction_status(
    pair: tuple[Span, Span, bool], result: DocumentResult, by_actor: Mapping[str, list[Span]]
) -> str:
    """'correct', 'reversed' or 'missed' for one gold pair, over all non-negated relations."""
    a, b, directed = pair

    def touches(actor: str, span: Span) -> bool:
        return any(overlap(span.start, span.end, m.start, m.end) for m in by_actor.get(actor, ()))

    status = "missed"
    for rel in result.relations:
        if rel.negated:
            continue
        forward = touches(rel.source, a) and touches(rel.target, b)
        backward = touches(rel.source, b) and touches(rel.target, a)
        if forward or (backward and (not directed or rel.relation in SYMMETRIC)):
            return "correct"
        if backward:
            status = "reversed"
    return status


def score_conflibert(
    dataset: Dataset, results: Sequence[DocumentResult], description: str = ""
) -> SuiteReport:
    name = dataset.name
    direction = Tally()
    spans_found = spans_total = 0
    for sentence, result in zip(dataset.records, results, strict=True):
        by_actor: dict[str, list[Span]] = {}
        for m in result_mentions(result):
            by_actor.setdefault(m.actor, []).append(Span(m.start, m.end))
        mentions = result_mentions(result)
        spans_total += len(sentence.spans)
        spans_found += sum(1 for s in sentence.spans if best_mention(s, mentions))
        for pair in gold_direction_pairs(sentence):
            status = direction_status(pair, result, by_actor)
            direction.add(tp=status == "correct", fp=status == "reversed", fn=status != "correct")
    rows = [
        recall_row(name, "actor spans (recall)", spans_found, spans_total),
        tally_row(name, "direction (any relation)", direction),
    ]
    report = SuiteReport(name, description, rows)
    skipped = ", ".join(f"{n} {why}" for why, n in dataset.skipped.items()) or "none"
    report.counts = {
        "records_read": dataset.read,
        "records_scored": len(dataset.records),
        "records_skipped": dict(dataset.skipped),
        "gold_pairs": direction.tp + direction.fn,
    }
    report.notes = [
        f"{dataset.read} sentences read, {len(dataset.records)} scored; skipped: {skipped}",
        "direction row: gold = source->target (and reciprocal) span pairs; tp = some relation "
        "joins them in the right direction; fp = only the reverse direction; relation type "
        "not compared",
    ]
    return report


# -- running the suites ---------------------------------------------------------------------------
def run_pipeline(
    ag: Actorgraph, items: Iterable[tuple[str, str, str | None]]
) -> list[DocumentResult]:
    """Results for (doc_id, text, published) items, in order."""
    from .ingest import clean_text

    articles = [
        Article(doc_id=doc_id, text=_keep_offsets(text, clean_text), published=pub, path="")
        for doc_id, text, pub in items
    ]
    return list(ag.pipe(articles))


def _keep_offsets(text: str, clean: Callable[[str], str]) -> str:
    """The text cleaned the way ``extract`` cleans it, with removed characters turned into
    spaces so that gold character offsets still point at the same text."""
    if clean(text) == text:
        return text
    return "".join(c if clean(c) else " " for c in text)


@dataclass(frozen=True)
class Suite:
    name: str
    paths: tuple[str, ...]  # relative to the shared data folder; all must exist
    description: str
    run: Callable[[Actorgraph, Path, int | None], SuiteReport]

    def missing(self, data: Path) -> list[str]:
        return [p for p in self.paths if not (data / p).exists()]


def _run_petr_gsr(ag: Actorgraph, data: Path, limit: int | None) -> SuiteReport:
    path = data / "universalpetrarch/PETR2_GSR_validation.xml"
    dataset = read_petr_records(path, CodeMapper(state_ids()), "petr2-gsr").limited(limit)
    return _score_sentences(ag, dataset)


def _run_petr_unit(ag: Actorgraph, data: Path, limit: int | None) -> SuiteReport:
    dictionary = read_actor_dictionary(data / "petrarch2/dictionaries/PETR.Validate.actors.txt")
    vouched = vouched_countries(dictionary, registry())
    mapper = CodeMapper(state_ids(), vouched)
    path = data / "petrarch2/PETR.UnitTest.records.xml"
    dataset = read_petr_records(path, mapper, "petr2-unit").limited(limit)
    dataset.notes.append(
        f"country codes vouched for by PETR.Validate.actors.txt: {len(vouched)} "
        f"({', '.join(sorted(vouched))})"
    )
    return _score_sentences(ag, dataset)


def _run_plover(ag: Actorgraph, data: Path, limit: int | None) -> SuiteReport:
    dataset = read_plover_gsr(data / "plover/PLOVER_GSR_CAMEO.txt", CodeMapper(state_ids()))
    return _score_sentences(ag, dataset.limited(limit))


def _score_sentences(ag: Actorgraph, dataset: Dataset) -> SuiteReport:
    results = run_pipeline(ag, ((s.id, s.text, s.published) for s in dataset.records))
    return score_coded(dataset, results)


def _run_re3d(ag: Actorgraph, data: Path, limit: int | None) -> SuiteReport:
    dataset = read_re3d(data / "re3d").limited(limit)
    results = run_pipeline(ag, ((d.id, d.text, None) for d in dataset.records))
    return score_re3d(dataset, results)


def _run_conflibert(ag: Actorgraph, data: Path, limit: int | None) -> SuiteReport:
    dataset = read_conflibert_ner(data / "conflibert/cameo_ner/test.txt").limited(limit)
    results = run_pipeline(ag, ((s.id, s.text, None) for s in dataset.records))
    return score_conflibert(dataset, results)


SUITES: tuple[Suite, ...] = (
    Suite(
        "petr2-gsr",
        ("universalpetrarch/PETR2_GSR_validation.xml",),
        "UniversalPetrarch PETR-2 validation sentences, CAMEO codes, sentence level",
        _run_petr_gsr,
    ),
    Suite(
        "petr2-unit",
        ("petrarch2/PETR.UnitTest.records.xml", "petrarch2/dictionaries/PETR.Validate.actors.txt"),
        "PETRARCH2 unit-test sentences, real countries only, sentence level; codes come from"
        " the toy verb dictionary, so relation rows test coding mechanics, not CAMEO meaning",
        _run_petr_unit,
    ),
    Suite(
        "plover-gsr",
        ("plover/PLOVER_GSR_CAMEO.txt",),
        "PLOVER gold-standard records (CAMEO manual examples), sentence level",
        _run_plover,
    ),
    Suite(
        "re3d",
        ("re3d",),
        "re3d: actor mentions, IsSynonymOf alias pairs, FightingAgainst/Dislikes per document",
        _run_re3d,
    ),
    Suite(
        "conflibert",
        ("conflibert/cameo_ner/test.txt",),
        "ConfliBERT cameo_ner test split: source/target direction, relation type not compared",
        _run_conflibert,
    ),
)


def run_suites(
    ag: Actorgraph, data: Path, *, limit: int | None = None, names: Iterable[str] | None = None
) -> tuple[list[SuiteReport], list[str]]:
    """Reports of every available suite, and a note for each one skipped (files absent)."""
    reports, skipped = [], []
    wanted = set(names) if names is not None else None
    for suite in SUITES:
        if wanted is not None and suite.name not in wanted:
            continue
        missing = suite.missing(data)
        if missing:
            skipped.append(f"{suite.name}: skipped, not found under {data}: {', '.join(missing)}")
            continue
        report = suite.run(ag, data, limit)
        report.description = suite.description
        reports.append(report)
    return reports, skipped


# -- output ---------------------------------------------------------------------------------------
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
