"""Packaging: entry points, a built pipeline that loads anywhere, a light import, the cache."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import entry_points

import pytest
from click.testing import CliRunner

from actorgraph.cli import main
from actorgraph.model import build_pipeline, cache_dir, load_pipeline

FACTORIES = {
    "actorgraph_line_breaks",
    "actorgraph_actor_ruler",
    "actorgraph_alias_resolver",
    "actorgraph_actor_typer",
    "actorgraph_relation_extractor",
}


def test_every_component_is_registered_as_a_spacy_factory_entry_point():
    names = {ep.name for ep in entry_points(group="spacy_factories")}
    assert names >= FACTORIES


def test_console_script_entry_point():
    (script,) = [ep for ep in entry_points(group="console_scripts") if ep.name == "actorgraph"]
    assert script.value == "actorgraph.cli:main"


def test_import_is_light():
    heavy = "('spacy', 'networkx', 'click', 'torch')"
    code = f"import sys, actorgraph; print(json.dumps([m for m in {heavy} if m in sys.modules]))"
    out = subprocess.run(
        [sys.executable, "-c", "import json; " + code], capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout) == []


@pytest.fixture(scope="module")
def built(tmp_path_factory, ag):
    target = tmp_path_factory.mktemp("model") / "actorgraph-en"
    result = CliRunner().invoke(main, ["build-model", "configs/default.cfg", str(target)])
    assert result.exit_code == 0, result.output
    return target


def test_built_pipeline_loads_in_a_fresh_process_without_importing_actorgraph(built):
    code = (
        "import sys, spacy\n"
        f"nlp = spacy.load({str(built)!r})\n"
        "assert 'actorgraph.api' not in sys.modules\n"
        "doc = nlp('Oman has mediated between Iran and the United States for years.')\n"
        "print(sorted((r['relation'], r['source'], r['target']) for r in doc._.relations))\n"
        "print(nlp.pipe_names)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "('mediates', 'OMN', 'IRN')" in out.stdout
    assert "actorgraph_relation_extractor" in out.stdout


def test_built_pipeline_gives_the_same_result_as_the_in_memory_one(built, ag):
    import actorgraph

    text = "Qatar hosted talks between Rwanda and the M23 rebels. Kinshasa blamed Kigali."
    again = actorgraph.load(model=built)
    assert again.extract(text) == ag.extract(text)


def test_statistical_components_keep_their_trained_behaviour(nlp):
    import spacy

    from actorgraph.resources import FALLBACK_BASE, OFFICIAL_BASE, is_installed

    base = spacy.load(OFFICIAL_BASE if is_installed(OFFICIAL_BASE) else FALLBACK_BASE)
    text = "Pakistan has conveyed a firm position to the Afghan delegation during talks in Doha."
    ours, theirs = nlp(text), base(text)
    assert [(t.tag_, t.dep_, t.head.i, t.lemma_) for t in ours] == [
        (t.tag_, t.dep_, t.head.i, t.lemma_) for t in theirs
    ]
    assert [(e.text, e.label_) for e in ours.ents] == [(e.text, e.label_) for e in theirs.ents]


def test_pipeline_is_cached_and_reused(ag):
    entries = [p for p in cache_dir().iterdir() if not p.name.startswith(".")]
    assert len(entries) == 1 and (entries[0] / "config.cfg").is_file()
    load_pipeline()
    assert [p for p in cache_dir().iterdir() if not p.name.startswith(".")] == entries


def test_analyze_pipes_finds_no_problem():
    nlp = build_pipeline()
    analysis = nlp.analyze_pipes()
    assert not any(analysis["problems"].values())


def test_components_work_when_added_to_any_english_pipeline_without_initialising():
    code = (
        "import spacy\n"
        "from actorgraph.resources import FALLBACK_BASE, OFFICIAL_BASE, is_installed\n"
        "nlp = spacy.load(OFFICIAL_BASE if is_installed(OFFICIAL_BASE) else FALLBACK_BASE)\n"
        "for name in ('actorgraph_actor_ruler', 'actorgraph_alias_resolver',\n"
        "             'actorgraph_actor_typer', 'actorgraph_relation_extractor'):\n"
        "    nlp.add_pipe(name)\n"
        "doc = nlp('Kinshasa blamed Kigali for the fall of Goma.')\n"
        "print([(r['source'], r['relation'], r['target']) for r in doc._.relations])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "('COD', 'accuses', 'RWA')" in out.stdout
