"""The state registry against ISO 3166-1 as pycountry ships it.

Every state in ``data/actors/states.yaml`` whose id is an ISO 3166-1 alpha-3 code must know the
ISO names of its country (``name``, ``common_name``, ``official_name``) as its name or an alias,
so text that spells a country the ISO way is found. The registry must also hold every UN member
state, the two UN observer states and the three states of contested status it promises in the
header of ``states.yaml``.
"""

from __future__ import annotations

import pytest

pycountry = pytest.importorskip("pycountry")

from actorgraph.gazetteer import Gazetteer, normalize  # noqa: E402
from actorgraph.resources import actors_dir  # noqa: E402

# ISO 3166-1 entries that are not states in the registry's sense: dependent territories, the
# Cook Islands and Niue (in free association with New Zealand, not UN members), uninhabited
# territories and Antarctica. Every other pycountry entry is a UN member or observer state, or
# Taiwan or Western Sahara.
NOT_STATES = frozenset(
    {
        # Australia
        "CCK", "CXR", "HMD", "NFK",
        # China
        "HKG", "MAC",
        # Denmark
        "FRO", "GRL",
        # Finland
        "ALA",
        # France
        "ATF", "BLM", "GLP", "GUF", "MAF", "MTQ", "MYT", "NCL", "PYF", "REU", "SPM", "WLF",
        # Netherlands
        "ABW", "BES", "CUW", "SXM",
        # New Zealand (Tokelau; the Cook Islands and Niue are in free association)
        "COK", "NIU", "TKL",
        # Norway
        "BVT", "SJM",
        # United Kingdom (including the Crown Dependencies)
        "AIA", "BMU", "CYM", "FLK", "GGY", "GIB", "IMN", "IOT", "JEY", "MSR", "PCN", "SGS",
        "SHN", "TCA", "VGB",
        # United States
        "ASM", "GUM", "MNP", "PRI", "UMI", "VIR",
        # no sovereign
        "ATA",
    }
)  # fmt: skip
UN_OBSERVERS = frozenset({"VAT", "PSE"})
CONTESTED = frozenset({"XKX", "TWN", "ESH"})  # XKX is a user-assigned code, not in ISO 3166-1

# ISO names the registry does not need as aliases. Names in the inverted "X, Y of" form
# ("Korea, Republic of") are skipped by rule below; this one is also excluded by name because it
# is politically loaded: ISO 3166's "Taiwan, Province of China" takes a side in the dispute over
# Taiwan's status, and the registry names Taiwan neutrally.
EXCLUDED_NAMES = frozenset({"Taiwan, Province of China"})

ISO_NAME_FIELDS = ("name", "common_name", "official_name")


@pytest.fixture(scope="module")
def registry() -> Gazetteer:
    return Gazetteer.from_dir(actors_dir())


def _iso_names(country) -> list[str]:
    names = [getattr(country, field, None) for field in ISO_NAME_FIELDS]
    return [n for n in names if n and "," not in n and n not in EXCLUDED_NAMES]


def test_not_states_are_iso_codes():
    iso = {c.alpha_3 for c in pycountry.countries}
    assert sorted(NOT_STATES - iso) == []
    assert not NOT_STATES & (UN_OBSERVERS | CONTESTED)


def test_un_member_count():
    un_members = {c.alpha_3 for c in pycountry.countries} - NOT_STATES - UN_OBSERVERS - CONTESTED
    assert len(un_members) == 193


def test_every_state_is_in_the_registry(registry):
    iso = {c.alpha_3 for c in pycountry.countries}
    expected = (iso - NOT_STATES) | UN_OBSERVERS | CONTESTED
    states = {e.id for e in registry.entries.values() if e.type.value == "STATE"}
    assert sorted(expected - states) == []
    assert len(expected) == 198


def test_no_dependent_territory_is_a_state(registry):
    states = {e.id for e in registry.entries.values() if e.type.value == "STATE"}
    assert sorted(states & NOT_STATES) == []


def test_states_know_their_iso_names(registry):
    missing = []
    for country in pycountry.countries:
        entry = registry.get(country.alpha_3)
        if entry is None or entry.type.value != "STATE":
            continue
        known = {normalize(entry.name)} | {normalize(a.text) for a in entry.aliases}
        missing += [
            f"{entry.id}: {name!r}" for name in _iso_names(country) if normalize(name) not in known
        ]
    assert missing == []


def test_inverted_and_excluded_names_are_skipped():
    taiwan = pycountry.countries.get(alpha_3="TWN")
    assert "Taiwan, Province of China" not in _iso_names(taiwan)
    korea = pycountry.countries.get(alpha_3="KOR")
    assert all("," not in n for n in _iso_names(korea))
