"""Property tests: any text goes through extraction and export without error, and what comes
out is consistent (offsets point into the text, GraphML parses)."""

from __future__ import annotations

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import actorgraph
from actorgraph.ingest import clean_text

NAMES = ["Pakistan", "Kabul", "Qatar", "the TTP", "Türkiye", "Rwanda", "the M23", "Oman"]
WORDS = [
    "accused",
    "mediated",
    "talks",
    "between",
    "and",
    "held",
    "with",
    "of",
    ".",
    ",",
    "\n\n",
    "did not",
    "may",
    "blamed",
    "on",
    "“",
    "”",
    "—",
]
sentences = st.lists(st.sampled_from(NAMES + WORDS), min_size=1, max_size=40).map(" ".join)
any_text = st.one_of(st.text(max_size=300), sentences)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(text=any_text)
def test_any_text_extracts_with_consistent_offsets(ag, text):
    result = ag.extract(text, doc_id="prop")
    cleaned = clean_text(text)
    for actor in result.actors:
        for m in actor.mentions:
            assert cleaned[m.start : m.end] == m.text
    for r in result.relations:
        assert cleaned[r.start : r.end] == r.sentence
        assert r.source != r.target and 0 < r.confidence <= 1


@SETTINGS
@given(texts=st.lists(any_text, min_size=1, max_size=3))
def test_graphml_always_parses(ag, tmp_path_factory, texts):
    results = [ag.extract(t, doc_id=f"d{i}") for i, t in enumerate(texts)]
    graph = actorgraph.build_graph(results, include_negated=True)
    path = tmp_path_factory.mktemp("g") / "g.graphml"
    actorgraph.write_graphml(graph, path)
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
