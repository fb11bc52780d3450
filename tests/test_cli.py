"""The command line: the seed run matches seeds/expected, outputs follow the contract, errors
are one line."""

from __future__ import annotations

import json
import subprocess
import sys

import networkx as nx
import pytest
from click.testing import CliRunner

from actorgraph.cli import main
from actorgraph.schemas import OUTPUT_RECORDS
from conftest import SEEDS

CONTRACT_FILES = {
    "relations.jsonl",
    "actors.jsonl",
    "documents.jsonl",
    "graph.graphml",
    "graph.json",
}


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory, ag):
    out = tmp_path_factory.mktemp("seed-out")
    result = CliRunner().invoke(main, ["extract", str(SEEDS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, result


def test_seed_run_writes_exactly_the_contract_files(seed_run):
    out, _ = seed_run
    assert {p.name for p in out.iterdir()} == CONTRACT_FILES


@pytest.mark.parametrize("name", ["relations.jsonl", "actors.jsonl", "documents.jsonl"])
def test_seed_run_matches_expected(seed_run, name):
    out, _ = seed_run
    expected = (SEEDS / "expected" / name).read_text(encoding="utf-8").splitlines()
    assert out.joinpath(name).read_text(encoding="utf-8").splitlines() == expected


def test_seed_graph_matches_expected(seed_run):
    out, _ = seed_run
    got = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    want = json.loads((SEEDS / "expected" / "graph.json").read_text(encoding="utf-8"))
    assert got == want
    graphml = nx.read_graphml(out / "graph.graphml", force_multigraph=True)
    assert set(graphml.nodes) == {n["id"] for n in want["nodes"]}
    assert graphml.number_of_edges() == len(want["edges"])


@pytest.mark.parametrize("name", sorted(OUTPUT_RECORDS))
def test_every_output_row_validates_against_its_schema(seed_run, name):
    out, _ = seed_run
    model = OUTPUT_RECORDS[name]
    rows = out.joinpath(name).read_text(encoding="utf-8").splitlines()
    assert rows
    for row in rows:
        model.model_validate_json(row)


def test_summary_line_on_stderr(seed_run):
    _, result = seed_run
    # seeds/expected is an output folder: reported as skipped, never read as articles
    assert "documents: 1 ok, 1 skipped, 0 failed" in result.stderr


def test_seed_expected_output_is_not_read_as_articles(seed_run):
    out, _ = seed_run
    rows = [json.loads(r) for r in (out / "documents.jsonl").read_text().splitlines()]
    assert [r["doc_id"] for r in rows if r["status"] == "ok"] == ["000_28a0d40d936aa6f4.txt"]


def test_format_selects_outputs(tmp_path, ag):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Oman mediated between Iran and the United States.")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["extract", str(tmp_path / "in"), "--out", str(out), "--format", "graphml", "-q"]
    )
    assert result.exit_code == 0, result.output
    assert {p.name for p in out.iterdir()} == {"documents.jsonl", "graph.graphml"}
    assert result.stderr == ""


def test_failed_documents_do_not_fail_the_run(tmp_path, ag):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text("Oman mediated between Iran and the United States.")
    (tmp_path / "in" / "bad.json").write_text("{oops")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "in"), "--out", str(out)])
    assert result.exit_code == 0
    rows = {json.loads(r)["doc_id"]: json.loads(r) for r in (out / "documents.jsonl").open()}
    assert rows["bad.json"]["status"] == "failed" and rows["good.txt"]["status"] == "ok"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["extract", "/no/such/folder", "--out", "{tmp}/o"], 2, "[E001]"),
        (["extract", "{tmp}/in", "--out", "{tmp}/o", "--format", "pdf"], 2, "[E007]"),
        (["extract", "{tmp}/in", "--out", "{tmp}/o", "--config", "{tmp}/none.cfg"], 2, "[E003]"),
        (["extract", "{tmp}/in", "--out", "{tmp}/in/a.txt"], 2, "[E006]"),
        (["extract", "{tmp}/in", "--out", "{tmp}/o", "--model", "{tmp}"], 2, "[E008]"),
        (["extract", "{tmp}/empty", "--out", "{tmp}/o"], 3, "[E002]"),
        (["extract", "{tmp}/nothing", "--out", "{tmp}/o"], 3, "[E002]"),
    ],
)
def test_known_errors_are_one_line_and_an_exit_code(tmp_path, args, code, message):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("text")
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "blank.txt").write_text("   ")
    (tmp_path / "nothing").mkdir()
    result = CliRunner().invoke(main, [a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output and len(result.stderr.strip().splitlines()) == 1


def test_nothing_read_still_writes_documents_jsonl(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "blank.txt").write_text("   ")
    CliRunner().invoke(main, ["extract", str(tmp_path / "empty"), "--out", str(tmp_path / "o")])
    (row,) = [json.loads(r) for r in (tmp_path / "o" / "documents.jsonl").open()]
    assert row["status"] == "skipped"


def test_schema_prints_every_record():
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    schemas = json.loads(result.output)
    assert set(schemas) == {"relations", "actors", "documents"}
    assert "attributed_to" in schemas["relations"]["properties"]


def test_help_explains_each_option():
    result = CliRunner().invoke(main, ["extract", "--help"])
    for option in ("--out", "--config", "--model", "--format", "--quiet", "--include-negated"):
        assert option in result.output


def test_console_script_runs(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "actorgraph.cli", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0 and "actorgraph" in result.stdout


def test_seed_scores_at_least_as_recorded_with_the_reference_scorer(seed_run, shared):
    """A floor, not a target: the walking skeleton's figures on the seed's person-read gold."""
    import runpy

    scorer = runpy.run_path(str(shared / "eval" / "score.py"))
    out, _ = seed_run
    result = scorer["score"](shared / "eval" / "seed", out)
    assert result["core"]["p"] == 1.0 and result["core"]["r"] >= 0.66
    assert result["actors"]["r"] == 1.0
    assert result["by_type"]["mediates"]["f1"] == 1.0
