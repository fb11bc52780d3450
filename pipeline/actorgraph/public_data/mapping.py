"""Mappings from the datasets' codes to actorgraph: CAMEO event codes and PLOVER categories to
relations, CAMEO/Phoenix actor codes to actorgraph ids, system actors to the level gold is
compared on.

Relations come in two variants: ``strict``, and ``consult``, where CAMEO 040-044 (consult,
telephone, visit, host, meet) also count as ``negotiates-with``. PLOVER's CONSULT, AGREE and
SUPPORT categories each cover CAMEO codes that map differently, so the event text decides.
Actors are reduced to the country level: a state's ISO3 id (old CAMEO/TABARI country codes
translated), else the id of the one actorgraph organisation an IGO/militant code names; on the
system side an organ or agency counts as the body the gold codes see (UNICEF as the UN).

Not supported: CAMEO codes outside ``CAMEO_RULES`` (unmapped), person-level or organ-level actors
(all reduced to the country), codes that name no single actorgraph actor (bare ``IGO``, ``NGO``,
``IMG``, group codes such as ``---REB``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, get_args

from ..schemas import ActorRecord, RelationName

if TYPE_CHECKING:  # pragma: no cover
    from ..gazetteer import Gazetteer

RELATIONS: tuple[str, ...] = get_args(RelationName)
SYMMETRIC = frozenset({"negotiates-with", "agrees-with"})  # as DESIGN.md defines them
STRICT = "strict"
CONSULT = "consult"
VARIANTS = (STRICT, CONSULT)

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
    from ..gazetteer import Gazetteer
    from ..resources import actors_dir

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
