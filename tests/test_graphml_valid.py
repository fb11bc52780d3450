"""GraphML that every consumer reads, whatever the graph holds; and a check that can tell."""

from __future__ import annotations

import json
import math

import networkx as nx
import pytest
from lxml import etree

import actorgraph
from actorgraph.graph import xml_name
from actorgraph.graphml_check import graphml_problems

NS = "http://graphml.graphdrawing.org/xmlns"


@pytest.fixture
def hostile_graph():
    g = nx.MultiDiGraph(name="t\x00est", ratio=math.nan, big=2**70)
    g.add_node("plain", label="Plain", score=1, weight=0.5, flag=True)
    g.add_node("with space", score="high", weight=2, flag=1)  # mixed types per key
    g.add_node("ctrl\x0b\x1b\ud800", label="bad\x00label\ud800", score=None, weight=math.inf)
    g.add_node("", huge=2**64, tiny=-(2**63), tags={"b", "a"}, items=["x", 3])
    g.add_node(42, label=7)
    g.add_node(("tuple", 1), **{"attr with space": "v", "é": "accent"})
    g.add_edge("plain", "with space", key="k", id="dup", weight=math.nan)
    g.add_edge("plain", "with space", key="k2", id="dup", weight=1)
    g.add_edge("with space", 42, key=0, count=2**80)
    g.add_edge(42, "", id="x y", label=None)
    g.add_edge(("tuple", 1), "plain")
    return g


def test_hostile_graph_writes_valid_graphml(hostile_graph, tmp_path):
    path = tmp_path / "g.graphml"
    actorgraph.write_graphml(hostile_graph, path)
    assert graphml_problems(path) == []
    etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.number_of_nodes() == hostile_graph.number_of_nodes()
    assert back.number_of_edges() == hostile_graph.number_of_edges()


def test_every_node_and_edge_has_a_label_and_edges_unique_ids(hostile_graph, tmp_path):
    path = tmp_path / "g.graphml"
    actorgraph.write_graphml(hostile_graph, path)
    back = nx.read_graphml(path, force_multigraph=True)
    assert all("label" in data for _, data in back.nodes(data=True))
    assert all("label" in data for *_, data in back.edges(data=True))
    ids = [e.get("id") for e in etree.parse(str(path)).iter(f"{{{NS}}}edge")]
    assert None not in ids and len(ids) == len(set(ids))


def test_values_are_typed_consistently_and_finite(hostile_graph, tmp_path):
    path = tmp_path / "g.graphml"
    actorgraph.write_graphml(hostile_graph, path)
    keys = {
        (k.get("for"), k.get("attr.name")): k.get("attr.type")
        for k in etree.parse(str(path)).iter(f"{{{NS}}}key")
    }
    assert keys[("node", "score")] == "string"  # int on one node, str on another
    assert keys[("node", "weight")] == "double"  # int and float; inf left out
    assert keys[("node", "flag")] == "string"  # bool and int
    assert keys[("node", "huge")] == "string"  # wider than 64 bits
    assert keys[("node", "tiny")] == "long"
    assert keys[("edge", "count")] == "string"
    assert keys[("graph", "big")] == "string"
    assert ("graph", "ratio") not in keys  # NaN is left out, never written
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.nodes["plain"]["weight"] == 0.5
    assert "weight" not in back.nodes[xml_name("ctrl\x0b\x1b\ud800")]
    assert back.nodes[xml_name("with space")]["score"] == "high"
    assert back.nodes["_"]["tags"] == "a|b"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("PAK", "PAK"),
        ("PAK:accuses:AFG", "PAK:accuses:AFG"),
        ("Türkiye", "Türkiye"),
        ("a b", "a_x0020_b"),
        ("", "_"),
        ("x/y\x00", "x_x002F_y_x0000_"),
        ("😀", "_x1F600_"),
    ],
)
def test_xml_names(text, name):
    assert xml_name(text) == name


def test_actorgraph_output_with_hostile_documents_is_valid(tmp_path):
    from actorgraph.schemas import ActorRecord, DocumentRecord, DocumentResult, RelationRecord

    doc = "../../etc/passwd\x1b#1"
    relation = RelationRecord(
        doc_id=doc,
        relation="accuses",
        source="PAK",
        target="AFG",
        source_text="Pakistan",
        target_text="Kabul",
        sentence="Quote \ud800 <b>&amp;</b> \x0c\U0001f600",
        start=0,
        end=9,
        trigger="accused",
        confidence=0.9,
        hedged=False,
        negated=False,
        pattern="t.x",
    )
    actors = [
        ActorRecord(id=a, name=f"{a} \x00name", type="STATE", aliases=["\ud800"])
        for a in ("PAK", "AFG")
    ]
    result = DocumentResult(
        document=DocumentRecord(doc_id=doc, status="ok", chars=9),
        actors=actors,
        relations=[relation, relation],
    )
    graph = actorgraph.build_graph([result])
    actorgraph.write_graphml(graph, tmp_path / "g.graphml")
    actorgraph.write_json(graph, tmp_path / "g.json")
    assert graphml_problems(tmp_path / "g.graphml") == []
    back = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    (edge,) = [d for *_, d in back.edges(data=True)]
    assert edge["evidence"] == "Quote  <b>&amp;</b> \U0001f600" and edge["count"] == 2
    data = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert data["nodes"][0]["aliases"] == [""]
    assert list(tmp_path.iterdir()) and {p.name for p in tmp_path.iterdir()} == {
        "g.graphml",
        "g.json",
    }


def test_json_export_has_no_nan_and_no_surrogates(hostile_graph, tmp_path):
    actorgraph.write_json(hostile_graph, tmp_path / "g.json")
    text = (tmp_path / "g.json").read_text(encoding="utf-8")

    def refuse(constant):
        raise AssertionError(f"{constant} in JSON")

    data = json.loads(text, parse_constant=refuse)
    assert data["graph"]["ratio"] is None


GOOD_KEYS = (
    '<key id="n_w" for="node" attr.name="w" attr.type="double"/>'
    '<key id="n_c" for="node" attr.name="c" attr.type="long"/>'
    '<key id="n_b" for="node" attr.name="b" attr.type="boolean"/>'
)


def _file(tmp_path, body: str, keys: str = GOOD_KEYS, tail: str = ""):
    path = tmp_path / "bad.graphml"
    path.write_text(
        f'<?xml version="1.0" encoding="utf-8"?><graphml xmlns="{NS}">{keys}'
        f'<graph edgedefault="directed">{body}</graph>{tail}</graphml>',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("keys", "body", "problem"),
    [
        (GOOD_KEYS, '<node id="a"><data key="n_w">NaN</data></node>', "not finite"),
        (GOOD_KEYS, '<node id="a"><data key="n_w">Infinity</data></node>', "not finite"),
        (GOOD_KEYS, f'<node id="a"><data key="n_c">{2**64}</data></node>', "64 bits"),
        (GOOD_KEYS, '<node id="a"><data key="n_b">yes</data></node>', "not true or false"),
        (GOOD_KEYS, '<node id="a b"/>', "not an XML name token"),
        (GOOD_KEYS, '<node id="a"/><node id="a"/>', "duplicate node id"),
        (
            GOOD_KEYS,
            '<node id="a"/><edge id="e" source="a" target="a"/>'
            '<edge id="e" source="a" target="a"/>',
            "duplicate edge id",
        ),
        (GOOD_KEYS, '<node id="a"/><edge source="a" target="b"/>', "is not a node"),
        (GOOD_KEYS, '<node id="a"><data key="nope">1</data></node>', "not a node key"),
        (
            GOOD_KEYS + '<key id="n_w2" for="node" attr.name="w" attr.type="string"/>',
            '<node id="a"/>',
            "two keys for node attribute 'w'",
        ),
        (GOOD_KEYS, '<node id="a">\x01</node>', "not well-formed"),
    ],
)
def test_the_check_finds_what_consumers_refuse(tmp_path, keys, body, problem):
    problems = graphml_problems(_file(tmp_path, body, keys))
    assert any(problem in p for p in problems), problems


def test_the_check_finds_a_key_after_the_graph(tmp_path):
    late = '<key id="late" for="node" attr.name="late" attr.type="string"/>'
    problems = graphml_problems(_file(tmp_path, '<node id="a"/>', tail=late))
    assert "a key element comes after the graph" in problems


def test_the_check_does_not_expand_entities(tmp_path):
    path = tmp_path / "bomb.graphml"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE g [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        f'<graphml xmlns="{NS}"><graph edgedefault="directed"><node id="&b;"/></graph></graphml>',
        encoding="utf-8",
    )
    (problem,) = graphml_problems(path)
    assert problem.startswith("not well-formed XML")
