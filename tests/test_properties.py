"""Property tests: any text goes through extraction and export without error, and what comes
out is consistent (offsets point into the text, GraphML parses); any bytes in any supported file
type are read or refused with a reason, and any graph writes GraphML the structural check and
networkx accept. bench/fuzz.py runs the same properties for longer."""

from __future__ import annotations

import json
import re

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import actorgraph
from actorgraph.graphml_check import graphml_problems
from actorgraph.ingest import clean_text, find_inputs, read_articles
from actorgraph.schemas import Article

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

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


def _graphml_round_trip(graph, tmp_path_factory):
    """Write ``graph`` as GraphML, check it, read it back with the same size; the path."""
    path = tmp_path_factory.mktemp("g") / "g.graphml"
    actorgraph.write_graphml(graph, path)
    assert graphml_problems(path) == []
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    return path


@SETTINGS
@given(texts=st.lists(any_text, min_size=1, max_size=3))
def test_graphml_always_parses(ag, tmp_path_factory, texts):
    results = [ag.extract(t, doc_id=f"d{i}") for i, t in enumerate(texts)]
    graph = actorgraph.build_graph(results, include_negated=True)
    _graphml_round_trip(graph, tmp_path_factory)


# Ingest -> extract -> export over arbitrary bytes, in every supported file type.

SUFFIXES = [".txt", ".md", ".html", ".json", ".jsonl"]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252", "latin-1", "cp1251"]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)
articles_json = st.fixed_dictionaries(
    {"text": any_text}, optional={"title": st.text(max_size=30), "date": st.text(max_size=12)}
)
HTML_BITS = [
    "<p>",
    "</p>",
    "<script>",
    "</script>",
    "<nav>",
    "<article>",
    "<meta charset=",
    "&amp;",
]
file_bytes = st.one_of(
    st.binary(max_size=600),
    st.tuples(any_text, st.sampled_from(ENCODINGS)).map(
        lambda t: t[0].encode(t[1], errors="surrogatepass" if "utf" in t[1] else "replace")
    ),
    st.lists(st.sampled_from(NAMES + WORDS + HTML_BITS), max_size=40).map(
        lambda w: " ".join(w).encode()
    ),
    st.lists(articles_json | json_values, max_size=4).map(
        lambda items: "\n".join(json.dumps(i) for i in items).encode()
    ),
)


@SETTINGS
@given(data=file_bytes, suffix=st.sampled_from(SUFFIXES))
def test_any_bytes_are_read_or_refused_with_a_reason(tmp_path_factory, data, suffix):
    folder = tmp_path_factory.mktemp("in")
    (folder / f"article{suffix}").write_bytes(data)
    entries = [e for item in find_inputs([folder]) for e in read_articles(item)]
    assert entries
    for entry in entries:
        if isinstance(entry, Article):
            assert entry.text.strip() and not FORBIDDEN.search(entry.text)
        else:
            assert entry.status in ("skipped", "failed") and entry.error


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=st.lists(st.tuples(file_bytes, st.sampled_from(SUFFIXES)), min_size=1, max_size=3))
def test_ingest_extract_export_never_raises_and_graphml_is_valid(ag, tmp_path_factory, files):
    folder = tmp_path_factory.mktemp("in")
    for index, (data, suffix) in enumerate(files):
        (folder / f"a{index}{suffix}").write_bytes(data)
    results = list(ag.extract_folder(folder))
    assert len({r.document.doc_id for r in results}) == len(results) >= len(files)
    graph = actorgraph.build_graph(results, include_negated=True)
    path = tmp_path_factory.mktemp("g") / "g.graphml"
    actorgraph.write_graphml(graph, path)
    assert graphml_problems(path) == []
    assert nx.read_graphml(path, force_multigraph=True).number_of_edges() == (
        graph.number_of_edges()
    )


attribute_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(),
    st.lists(st.text(max_size=5) | st.integers(), max_size=3),
)
attributes = st.dictionaries(st.text(max_size=6), attribute_values, max_size=4)


@SETTINGS
@given(
    nodes=st.dictionaries(st.text(max_size=8) | st.integers(), attributes, min_size=1, max_size=6),
    edges=st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5), attributes), max_size=8),
)
def test_any_graph_writes_valid_graphml(tmp_path_factory, nodes, edges):
    graph = nx.MultiDiGraph()
    for node, data in nodes.items():
        graph.add_node(node, **data)
    ids = list(nodes)
    for u, v, data in edges:
        graph.add_edge(ids[u % len(ids)], ids[v % len(ids)], **data)
    path = _graphml_round_trip(graph, tmp_path_factory)
    actorgraph.write_json(graph, path.with_suffix(".json"))
    json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
