"""Malformed data files (aliases, relation rules, boilerplate markers) fail with one
``file [location] message`` error, through the library and the CLI alike."""

from __future__ import annotations

import pytest
import yaml
from click.testing import CliRunner

from actorgraph.cli import main
from actorgraph.errors import DataFileError
from actorgraph.gazetteer import Gazetteer
from actorgraph.relation_rules import RelationRules
from actorgraph.resources import relations_file

VALID_RULES = yaml.safe_load(relations_file().read_text(encoding="utf-8"))


def _rules_with(change) -> str:
    rules = yaml.safe_load(yaml.safe_dump(VALID_RULES))
    change(rules)
    return yaml.safe_dump(rules, allow_unicode=True)


def _set(path: list, value):
    def change(rules):
        target = rules
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return change


ACCUSES = ["relations", "accuses"]
FIRST_PATTERN = ["patterns", 0]


@pytest.mark.parametrize(
    ("content", "location", "message"),
    [
        (_rules_with(_set([*ACCUSES, "colour"], "red")), "relations.accuses.colour", "Extra"),
        (_rules_with(_set([*ACCUSES, "cameo"], "abc")), "relations.accuses.cameo", "pattern"),
        (
            _rules_with(_set([*FIRST_PATTERN, "confidence"], 2)),
            "patterns[0].confidence",
            "less than or equal",
        ),
        (
            _rules_with(_set([*FIRST_PATTERN, "relation"], "hugs")),
            "(top level)",
            "patterns[0]: relation 'hugs'",
        ),
        ("relations: {accuses: [\n", "line 2, column 1", "node content"),  # libyaml or not
        ("- just\n- a list\n", "(top level)", "valid dictionary"),
    ],
)
def test_bad_relation_file_says_file_location_message(tmp_path, content, location, message):
    bad = tmp_path / "relations.yaml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        RelationRules.from_file(bad)
    text = str(info.value)
    assert text.startswith(f"[E005] {bad} [") and location in text and message in text


PAK = "actors:\n  - id: PAK\n    name: Pakistan\n"


@pytest.mark.parametrize(
    ("content", "location"),
    [
        (PAK + "    type: STATE\n    aliases: Pak\n", "actors[0].aliases"),
        (PAK + "    type: STATE\n    aliases: [[x]]\n", "actors[0].aliases[0]"),
        (PAK + "\ttype: STATE\n", "line 4"),
        ("actors: [{id: PAK, name: Pakistan, type: STATE}\n", "line 2"),
    ],
)
def test_bad_alias_file_says_file_location_message(tmp_path, content, location):
    (tmp_path / "states.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        Gazetteer.from_dir(tmp_path)
    assert "states.yaml [" in str(info.value) and location in str(info.value)


def test_undecodable_data_file_is_a_data_file_error(tmp_path):
    (tmp_path / "states.yaml").write_bytes(b"actors:\n  - id: PAK\n    name: Pakist\xe1n\n")
    with pytest.raises(DataFileError, match=r"states\.yaml"):
        Gazetteer.from_dir(tmp_path)


def test_cli_reports_a_bad_data_file_in_one_line(tmp_path):
    bad = tmp_path / "relations.yaml"
    bad.write_text(_rules_with(_set(["patterns", 0, "confidence"], 2)), encoding="utf-8")
    config = tmp_path / "bad.cfg"
    from actorgraph.resources import default_config

    text = default_config().read_text(encoding="utf-8")
    config.write_text(text.replace("rules = null", f'rules = "{bad}"'), encoding="utf-8")
    if config.read_text(encoding="utf-8") == text:
        pytest.skip("the default config names no rules path to override")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Oman mediated between Iran and the United States.")
    result = CliRunner().invoke(
        main,
        ["extract", str(tmp_path / "in"), "--out", str(tmp_path / "o"), "--config", str(config)],
    )
    assert result.exit_code == 2, result.output
    assert "[E005]" in result.stderr and "patterns[0].confidence" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("node", "message"),
    [
        ({"LEFT_ID": "verb", "REL_OP": "<", "RIGHT_ID": "x", "RIGHT_ATTRS": {}}, "REL_OP '<'"),
        (
            {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "x", "RIGHT_ATTRS": {"ENT_TYPE": "GPE"}},
            "attribute 'ENT_TYPE'",
        ),
    ],
)
def test_a_pattern_the_matcher_cannot_run_is_refused_with_its_location(tmp_path, node, message):
    data = yaml.safe_load(relations_file().read_text(encoding="utf-8"))
    data["patterns"][0]["pattern"].append(node)
    bad = tmp_path / "relations.yaml"
    bad.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        RelationRules.from_file(bad)
    assert "patterns[0]" in str(info.value) and message in str(info.value)


@pytest.mark.parametrize(
    ("node", "message"),
    [
        ({"LEFT_ID": "nowhere", "REL_OP": ">", "RIGHT_ATTRS": {}}, "LEFT_ID 'nowhere'"),
        ({"LEFT_ID": "verb", "REL_OP": "<", "RIGHT_ATTRS": {}}, "REL_OP '<'"),
        ({"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ATTRS": {"ENT_TYPE": "GPE"}}, "'ENT_TYPE'"),
        ({"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "x", "RIGHT_ATTRS": {}}, "LEFT_ID, REL_OP"),
        ({"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ATTRS": {"LEMMA": {"IN": "$nope"}}}, "$nope"),
    ],
)
def test_an_absent_node_the_matcher_cannot_check_is_refused(tmp_path, node, message):
    data = yaml.safe_load(relations_file().read_text(encoding="utf-8"))
    first = data["patterns"][0]
    if node["LEFT_ID"] == "verb":  # the pattern's first node, whatever its name
        node = {**node, "LEFT_ID": first["pattern"][0]["RIGHT_ID"]}
    first["absent"] = [node]
    bad = tmp_path / "relations.yaml"
    bad.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        RelationRules.from_file(bad)
    assert "patterns[0]" in str(info.value) and message in str(info.value)
