"""The actor registry: data validation, normalisation, variants, dated aliases, lookup."""

from __future__ import annotations

import datetime as dt

import pytest

from actorgraph.errors import DataFileError
from actorgraph.gazetteer import Gazetteer, normalize, variants
from actorgraph.resources import actors_dir


@pytest.fixture(scope="module")
def registry() -> Gazetteer:
    return Gazetteer.from_dir(actors_dir())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Türkiye", "turkiye"),
        ("the Pakistani delegation", "pakistani delegation"),
        ("Kabul’s", "kabul"),
        ("Tehreek-e-Taliban", "tehreek e taliban"),
        ("U.S.", "us"),
        ("Côte d'Ivoire", "cote d'ivoire"),
    ],
)
def test_normalize(text, expected):
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("alias", "expected"),
    [
        ("al-Shabaab", ["al-Shabaab", "AL-SHABAAB", "Al-Shabaab"]),
        ("Pakistan", ["Pakistan", "PAKISTAN"]),
        ("US", ["US"]),  # all-caps aliases match only as written: "us" is not the US
        ("IS", ["IS"]),
    ],
)
def test_variants(alias, expected):
    assert variants(alias) == expected


def test_packaged_registry_loads_with_every_kind_of_actor(registry):
    types = {entry.type.value for entry in registry.entries.values()}
    assert {"STATE", "ORGANIZATION", "MILITANT_GROUP"} <= types
    assert len(registry) > 300


@pytest.mark.parametrize(
    ("surface", "actor_id"),
    [
        ("Pakistan", "PAK"),
        ("Islamabad", "PAK"),
        ("Pakistani", "PAK"),
        ("Kabul", "AFG"),
        ("Turkey", "TUR"),
        ("Turkiye", "TUR"),
        ("Burma", "MMR"),
        ("Emirati", "ARE"),
        ("the Kremlin", "RUS"),
        ("Tehreek-e-Taliban Pakistan", "TTP"),
        ("Fitna al-Khawarij", "TTP"),
        ("Houthis", "HOUTHIS"),
        ("Ansar Allah", "HOUTHIS"),
    ],
)
def test_lookup_known_aliases(registry, surface, actor_id):
    assert actor_id in {form.actor_id for form in registry.lookup(surface)}


def test_ambiguous_alias_keeps_every_candidate(registry):
    ids = {form.actor_id for form in registry.lookup("Khawarij")}
    assert "TTP" in ids and len(ids) >= 2


def test_dated_alias_only_valid_in_its_period(registry):
    assert "AFG" in {f.actor_id for f in registry.lookup("Taliban", dt.date(2025, 10, 26))}
    assert "AFG" not in {f.actor_id for f in registry.lookup("Taliban", dt.date(2015, 1, 1))}
    assert "AFG" in {f.actor_id for f in registry.lookup("Taliban", None)}


def test_slug_never_collides_with_a_registry_id(registry):
    assert registry.slug("Tomas Novak", "PERSON") == "TOMAS_NOVAK"
    assert registry.slug("Jonas Støre-Dalı", "PERSON") == "JONAS_STORE_DALI"
    assert registry.slug("Ind", "ORG") == "IND_ORG"


def test_round_trip_bytes(registry):
    again = Gazetteer.from_bytes(registry.to_bytes())
    assert again.entries == registry.entries


def _write(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "actors:\n  - id: PAK\n    name: Pakistan\n    type: STATE\n    colour: green\n",
            "actors[0].colour",
        ),
        ("actors:\n  - id: pak\n    name: Pakistan\n    type: STATE\n", "actors[0].id"),
        ("actors:\n  - id: PAK\n    name: Pakistan\n    type: COUNTRY\n", "actors[0].type"),
        ("actors:\n  - id: PAK\n    name: Pakistan\n    type: STATE\n    aliases: [\n", "line"),
        (
            "actors:\n  - id: X1\n    name: X\n    type: PERSON\n    roles:\n"
            "      - {title: Minister, of: NOPE, start: 2024-01-01}\n",
            "unknown actor id 'NOPE'",
        ),
    ],
)
def test_bad_data_file_says_file_location_message(tmp_path, content, message):
    _write(tmp_path, "bad.yaml", content)
    with pytest.raises(DataFileError) as info:
        Gazetteer.from_dir(tmp_path)
    text = str(info.value)
    assert "bad.yaml" in text and message in text


def test_duplicate_ids_across_files_are_refused(tmp_path):
    entry = "actors:\n  - id: PAK\n    name: Pakistan\n    type: STATE\n"
    _write(tmp_path, "a.yaml", entry)
    _write(tmp_path, "b.yaml", entry)
    with pytest.raises(DataFileError, match="duplicate actor id 'PAK'"):
        Gazetteer.from_dir(tmp_path)


def test_empty_folder_is_refused(tmp_path):
    with pytest.raises(DataFileError, match=r"no \*\.yaml actor files"):
        Gazetteer.from_dir(tmp_path)


@pytest.mark.parametrize(
    ("demonym", "plural"),
    [
        ("Palestinian", "Palestinians"),
        ("Emirati", "Emiratis"),
        ("Afghan", "Afghans"),
        ("Chinese", None),
        ("Swiss", None),
        ("British", None),
        ("French", None),
    ],
)
def test_demonym_plurals(demonym, plural):
    from actorgraph.gazetteer import demonym_plural

    assert demonym_plural(demonym) == plural


def test_plural_demonyms_resolve_to_the_state(registry):
    assert "PSE" in {f.actor_id for f in registry.lookup("Palestinians")}
