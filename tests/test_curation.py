"""The curators' tools: ``actorgraph actors lookup`` and ``actorgraph actors validate``."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
from click.testing import CliRunner

from actorgraph.cli import main
from actorgraph.curation import lookup, validate
from actorgraph.gazetteer import Gazetteer
from actorgraph.resources import actors_dir, data_dir


@pytest.fixture(scope="module")
def registry():
    return Gazetteer.from_dir(actors_dir())


@pytest.mark.parametrize(
    ("name", "day", "best"),
    [
        ("Fitna al-Khawarij", None, "TTP"),
        ("Tehrik-i-Taliban Pakistan", None, "TTP"),
        ("Islamabad", None, "PAK"),
        ("Emirati", None, "ARE"),
        ("Türkiye", None, "TUR"),
        ("Turkiye", None, "TUR"),
        ("Taliban", dt.date(2025, 10, 1), "AFG"),
        ("Asif", dt.date(2025, 10, 1), "KHAWAJA_ASIF"),
    ],
)
def test_lookup_puts_the_right_actor_first(registry, name, day, best):
    candidates = lookup(registry, name, day)
    assert candidates and candidates[0].actor_id == best
    assert candidates[0].score > 0 and candidates[0].reason


def test_lookup_lists_every_sense_of_a_shared_name(registry):
    ids = {c.actor_id for c in lookup(registry, "Congolese")}
    assert ids == {"COD", "COG"}


def test_an_alias_outside_its_dates_scores_zero_and_says_why(registry):
    found = lookup(registry, "Taliban", dt.date(2019, 5, 1))
    (candidate,) = [c for c in found if c.actor_id == "AFG"]
    assert candidate.score == 0.0
    assert "2021-08-15" in candidate.reason


def test_a_misspelling_gets_suggestions_not_matches(registry):
    candidates = lookup(registry, "Tehrik-e-Talibn Pakistan")
    assert candidates[0].actor_id == "TTP"
    assert candidates[0].score < 0.6 and "close to" in candidates[0].reason


def test_lookup_command_prints_candidates_and_json():
    result = CliRunner().invoke(main, ["actors", "lookup", "Khwarij"])
    assert result.exit_code == 0 and "TTP" in result.output
    result = CliRunner().invoke(main, ["actors", "lookup", "Congolese", "--json"])
    assert {c["actor_id"] for c in json.loads(result.output)} == {"COD", "COG"}
    result = CliRunner().invoke(main, ["actors", "lookup", "Qwertyland"])
    assert result.exit_code == 1 and "no registry actor" in result.output


def test_the_packaged_data_has_no_errors():
    findings = validate(data_dir())
    assert [f for f in findings if f.severity == "error"] == []


def _data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(data_dir() / "actors", target / "actors")
    shutil.copy(data_dir() / "relations.yaml", target / "relations.yaml")
    return target


@pytest.mark.parametrize(
    ("file", "append", "expected"),
    [
        # an alias clash two actors share on the same dates
        (
            "actors/organizations.yaml",
            "  - id: TEST_GROUP\n    name: Test Group\n    type: ORGANIZATION\n"
            "    aliases: [Islamabad]\n",
            "warning: the name 'islamabad' is shared by PAK, TEST_GROUP",
        ),
        # a reference to an actor that does not exist
        (
            "actors/people.yaml",
            "  - id: TEST_PERSON\n    name: Test Person\n    type: MINISTER\n"
            "    roles: [{title: President, of: NOWHERE, start: 2020-01-01}]\n",
            "unknown actor id 'NOWHERE'",
        ),
        # an ordinary word as an alias would tag every "is"
        (
            "actors/militant_groups.yaml",
            "  - id: TEST_IS\n    name: Test State\n    type: MILITANT_GROUP\n    aliases: [is]\n",
            "alias 'is' is an ordinary English word",
        ),
        # office dates the wrong way round
        (
            "actors/people.yaml",
            "  - id: TEST_PERSON\n    name: Test Person\n    type: MINISTER\n"
            "    roles: [{title: President, of: PAK, start: 2024-01-01, end: 2020-01-01}]\n",
            "roles[0]] error: start is after end",
        ),
    ],
)
def test_validate_reports_file_location_and_message(tmp_path, file, append, expected):
    data = _data_copy(tmp_path)
    with open(data / file, "a", encoding="utf-8") as f:
        f.write(append)
    result = CliRunner().invoke(main, ["actors", "validate", "--data", str(data)])
    assert expected in result.output, result.output
    assert str(data / file) in result.output
    if "error" in expected or "unknown" in expected or "ordinary" in expected:
        assert result.exit_code == 2


def test_validate_reports_a_broken_relation_file(tmp_path):
    data = _data_copy(tmp_path)
    text = (data / "relations.yaml").read_text(encoding="utf-8")
    (data / "relations.yaml").write_text(text.replace("relation: accuses", "relation: acuses", 1))
    result = CliRunner().invoke(main, ["actors", "validate", "--data", str(data)])
    assert result.exit_code == 2
    assert "relations.yaml [" in result.output and "'acuses' is not declared" in result.output


def test_validate_passes_on_the_packaged_data():
    result = CliRunner().invoke(main, ["actors", "validate"])
    assert result.exit_code == 0, result.output
