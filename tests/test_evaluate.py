"""The evaluation harness: gold reading, actor mapping, triple scoring, agreement with the
reference scorer."""

from __future__ import annotations

import json
import runpy

import pytest
from click.testing import CliRunner

from actorgraph.cli import main
from actorgraph.errors import DataFileError
from actorgraph.evaluate import norm_text, read_gold, score_run
from conftest import REPO, SEEDS

GOLD = {
    "doc": "a1.txt",
    "note": "hand-written for the tests",
    "actors": [
        {"id": "PAK", "name": "Pakistan", "type": "STATE", "mentions": ["Pakistan", "Islamabad"]},
        {"id": "AFG", "name": "Afghanistan", "type": "STATE", "mentions": ["Kabul", "Afghan"]},
        {"id": "QAT", "name": "Qatar", "type": "STATE", "mentions": ["Qatar"]},
        {"id": "ASIF", "name": "Khawaja Asif", "type": "MINISTER", "mentions": ["Asif"]},
    ],
    "ignore_actors": ["UK"],
    "relations": [
        {"source": "PAK", "type": "ACCUSES", "target": "AFG", "evidence": "Islamabad accused."},
        {"source": "AFG", "type": "NEGOTIATES_WITH", "target": "PAK", "evidence": "Talks."},
        {"source": "QAT", "type": "MEDIATES", "target": "PAK", "evidence": "Qatar mediated."},
        {"source": "ASIF", "type": "LEADS", "target": "PAK", "evidence": "Asif led."},
        {"source": "ASIF", "type": "THREATENS", "target": "AFG", "evidence": "Asif warned."},
    ],
}


def _run(folder, actors, relations):
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "actors.jsonl").open("w") as f:
        for actor_id, texts in actors.items():
            mentions = [{"doc_id": "a1.txt", "text": t, "start": 0, "end": 1} for t in texts]
            row = {
                "id": actor_id,
                "name": texts[0],
                "type": "STATE",
                "country": None,
                "roles": [],
                "aliases": texts,
                "mentions": mentions,
            }
            f.write(json.dumps(row) + "\n")
    with (folder / "relations.jsonl").open("w") as f:
        for source, relation, target in relations:
            row = {
                "doc_id": "a1.txt",
                "relation": relation,
                "source": source,
                "target": target,
                "sentence": f"{source} {relation} {target}.",
            }
            f.write(json.dumps(row) + "\n")
    return folder


@pytest.fixture
def gold_dir(tmp_path):
    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / "a1.json").write_text(json.dumps(GOLD), encoding="utf-8")
    return folder


@pytest.fixture
def run_dir(tmp_path):
    return _run(
        tmp_path / "run",
        {
            "S_PAK": ["Islamabad", "Pakistan"],
            "S_AFG": ["Kabul"],
            "S_QAT": ["Qatar"],
            "S_UK": ["UK"],
            "S_OMAN": ["Oman"],
            "S_ASIF": ["Asif"],
        },
        [
            ("S_PAK", "accuses", "S_AFG"),
            ("S_PAK", "negotiates-with", "S_AFG"),
            ("S_OMAN", "mediates", "S_PAK"),
            ("S_ASIF", "threatens", "S_AFG"),
        ],
    )


def test_triples_are_scored_after_mapping_actors_by_their_forms(gold_dir, run_dir):
    report = score_run(gold_dir, run_dir)
    assert report.by_type["accuses"]["tp"] == 1
    assert report.by_type["negotiates-with"]["tp"] == 1  # symmetric: AFG-PAK == PAK-AFG
    assert report.by_type["mediates"] == {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "fp": 1, "fn": 1}
    assert (report.core["tp"], report.core["fp"], report.core["fn"]) == (2, 1, 1)


def test_actor_scores_ignore_boilerplate_actors(gold_dir, run_dir):
    report = score_run(gold_dir, run_dir)
    # found PAK, AFG, QAT, ASIF; Oman maps to nothing (fp); UK is ignored
    assert (report.actors["tp"], report.actors["fp"], report.actors["fn"]) == (4, 1, 0)


def test_types_filter(gold_dir, run_dir):
    report = score_run(gold_dir, run_dir, types=["ACCUSES"])
    assert set(report.by_type) == {"accuses"}


def test_lenient_counts_a_persons_relation_for_what_they_lead(gold_dir, tmp_path):
    run = _run(
        tmp_path / "r2",
        {"S_PAK": ["Pakistan"], "S_AFG": ["Kabul"]},
        [("S_PAK", "threatens", "S_AFG")],
    )
    assert score_run(gold_dir, run).by_type["threatens"]["tp"] == 0
    assert score_run(gold_dir, run, lenient=True).by_type["threatens"]["tp"] == 1


def test_errors_carry_their_evidence(gold_dir, run_dir):
    report = score_run(gold_dir, run_dir)
    (miss,) = [m for m in report.misses if m.relation == "mediates"]
    assert miss.evidence == "Qatar mediated."
    (extra,) = [e for e in report.extras if e.relation == "mediates"]
    assert extra.source == "?S_OMAN" and extra.evidence == "S_OMAN mediates S_PAK."


def test_malformed_gold_is_reported_with_file_and_location(tmp_path):
    (tmp_path / "bad.json").write_text(json.dumps({"doc": "x.txt", "actors": [{"name": "X"}]}))
    with pytest.raises(DataFileError, match=r"bad\.json \[actors\[0\]\.id\]"):
        read_gold(tmp_path)


def test_empty_gold_folder_is_refused(tmp_path):
    with pytest.raises(DataFileError, match="no"):
        read_gold(tmp_path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Pakistani delegation", "pakistani delegation"),
        ("Kabul’s", "kabul"),
        ("Tehreek-e-Taliban", "tehreek e taliban"),
    ],
)
def test_norm_text(text, expected):
    assert norm_text(text) == expected


def test_the_dev_set_gold_files_are_valid():
    for split in ("tune", "test"):
        gold = read_gold(REPO / "data" / "dev" / split / "gold")
        articles = {p.name for p in (REPO / "data" / "dev" / split / "articles").iterdir()}
        assert {g.doc for g in gold} == articles
        for doc in gold:
            text = (REPO / "data" / "dev" / split / "articles" / doc.doc).read_text()
            ids = {a.id for a in doc.actors}
            for r in doc.relations:
                assert {r.source, r.target} <= ids and r.evidence in text


def _reference(shared):
    return runpy.run_path(str(shared / "eval" / "score.py"))["score"]


def _figures(report: dict) -> dict:
    return {k: report[k] for k in ("by_type", "core", "all", "actors", "docs")}


def test_agrees_with_the_reference_scorer_on_the_seed(shared, tmp_path, ag):
    out = tmp_path / "seed"
    gold = shared / "eval" / "seed"
    result = CliRunner().invoke(main, ["eval", str(gold), str(SEEDS), "--json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert _figures(json.loads(result.output)) == _figures(_reference(shared)(gold, out))
    lenient = score_run(gold, out, lenient=True).model_dump()
    assert _figures(lenient) == _figures(_reference(shared)(gold, out, lenient=True))


def test_agrees_with_the_reference_scorer_on_the_dev_test_split(shared, tmp_path, ag):
    gold, articles = REPO / "data/dev/test/gold", REPO / "data/dev/test/articles"
    out = tmp_path / "dev"
    result = CliRunner().invoke(
        main, ["eval", str(gold), str(articles), "--out", str(out), "--show-errors"]
    )
    assert result.exit_code == 0, result.output
    assert "core relations" in result.output and "missed (" in result.output
    for lenient in (False, True):
        ours = score_run(gold, out, lenient=lenient).model_dump()
        assert _figures(ours) == _figures(_reference(shared)(gold, out, lenient=lenient))
