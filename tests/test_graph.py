"""Graph merge and export: one node per actor, one edge per triple, valid GraphML and JSON."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from lxml import etree

import actorgraph
from actorgraph.graph import GraphBuilder
from actorgraph.schemas import ActorRecord, DocumentRecord, DocumentResult, Mention, RelationRecord


def _relation(
    doc_id,
    relation,
    source,
    target,
    *,
    confidence=0.9,
    negated=False,
    hedged=False,
    sentence="Evidence.",
):
    return RelationRecord(
        doc_id=doc_id,
        relation=relation,
        source=source,
        target=target,
        source_text=source,
        target_text=target,
        sentence=sentence,
        start=0,
        end=len(sentence),
        trigger="x",
        confidence=confidence,
        attributed_to=None,
        hedged=hedged,
        negated=negated,
        pattern="t.x",
    )


def _actor(doc_id, actor_id, text):
    return ActorRecord(
        id=actor_id,
        name=actor_id.title(),
        type="STATE",
        country=actor_id,
        aliases=[text],
        mentions=[Mention(doc_id=doc_id, text=text, start=0, end=1)],
    )


def _result(doc_id, relations, actors=("PAK", "AFG", "QAT")):
    return DocumentResult(
        document=DocumentRecord(doc_id=doc_id, status="ok", chars=10, sha256="0" * 64),
        actors=[_actor(doc_id, a, a.lower()) for a in actors],
        relations=relations,
    )


@pytest.fixture
def graph():
    return actorgraph.build_graph(
        [
            _result(
                "d1",
                [
                    _relation("d1", "accuses", "PAK", "AFG", confidence=0.8),
                    _relation("d1", "negotiates-with", "PAK", "AFG"),
                ],
            ),
            _result(
                "d2",
                [
                    _relation("d2", "accuses", "PAK", "AFG", confidence=0.95, sentence="Best."),
                    _relation("d2", "negotiates-with", "AFG", "PAK"),
                    _relation("d2", "accuses", "QAT", "PAK", negated=True),
                ],
            ),
        ]
    )


def test_edges_merge_per_triple(graph):
    edge = graph.edges["PAK", "AFG", "accuses"]
    assert edge["count"] == 2 and edge["documents"] == ["d1", "d2"]
    assert edge["confidence"] == 0.95 and edge["evidence"] == "Best."
    assert edge["evidence_doc"] == "d2" and edge["cameo"] == "112" and edge["plover"] == "ACCUSE"


def test_symmetric_relations_are_stored_once(graph):
    assert graph.has_edge("AFG", "PAK", "negotiates-with")
    assert not graph.has_edge("PAK", "AFG", "negotiates-with")
    assert graph.edges["AFG", "PAK", "negotiates-with"]["count"] == 2


def test_negated_relations_are_not_edges_by_default(graph):
    assert not graph.has_edge("QAT", "PAK", "accuses")
    assert not graph.has_edge("QAT", "PAK", "not-accuses")


def test_negated_relations_on_request():
    g = actorgraph.build_graph(
        [_result("d", [_relation("d", "accuses", "QAT", "PAK", negated=True)])],
        include_negated=True,
    )
    assert g.edges["QAT", "PAK", "not-accuses"]["negated"] is True


def test_nodes_count_mentions_and_documents(graph):
    node = graph.nodes["PAK"]
    assert node["mention_count"] == 2 and node["document_count"] == 2
    assert node["type"] == "STATE" and node["label"] == "Pak"


def test_graphml_round_trip_keeps_nodes_edges_and_attributes(graph, tmp_path):
    path = tmp_path / "g.graphml"
    actorgraph.write_graphml(graph, path)
    back = nx.read_graphml(path, force_multigraph=True)
    assert set(back.nodes) == set(graph.nodes)
    assert back.number_of_edges() == graph.number_of_edges()
    for u, _, data in graph.edges(data=True):
        (read,) = [d for _, _, d in back.edges(u, data=True) if d["id"] == data["id"]]
        assert read["count"] == data["count"]
        assert read["confidence"] == pytest.approx(data["confidence"])
        assert read["documents"] == "|".join(data["documents"])
        assert read["hedged"] is data["hedged"]
    for node, data in graph.nodes(data=True):
        assert back.nodes[node]["label"] == data["label"]
        assert back.nodes[node]["mention_count"] == data["mention_count"]


def test_graphml_keys_are_unique_typed_and_labelled(graph, tmp_path):
    path = tmp_path / "g.graphml"
    actorgraph.write_graphml(graph, path)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    tree = etree.parse(str(path))
    keys = tree.findall("g:key", ns)
    ids = [k.get("id") for k in keys]
    assert len(ids) == len(set(ids))
    assert {("node", "label"), ("edge", "label")} <= {
        (k.get("for"), k.get("attr.name")) for k in keys
    }
    assert len({(k.get("for"), k.get("attr.name")) for k in keys}) == len(keys)
    edge_ids = [e.get("id") for e in tree.iter("{http://graphml.graphdrawing.org/xmlns}edge")]
    assert len(edge_ids) == len(set(edge_ids)) and all("|" not in i for i in edge_ids)


def test_graphml_stays_valid_with_hostile_text(tmp_path):
    sentence = 'Quote "<b>&amp;</b>" \u2028 and emoji \U0001f600.'
    g = actorgraph.build_graph(
        [_result("d<1>&", [_relation("d<1>&", "accuses", "PAK", "AFG", sentence=sentence)])]
    )
    path = tmp_path / "g.graphml"
    actorgraph.write_graphml(g, path)
    back = nx.read_graphml(path, force_multigraph=True)
    (data,) = [d for _, _, d in back.edges(data=True)]
    assert data["evidence"] == sentence


def test_json_export_round_trips(graph, tmp_path):
    path = tmp_path / "g.json"
    actorgraph.write_json(graph, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    back = nx.node_link_graph(data, edges="edges")
    assert set(back.nodes) == set(graph.nodes)
    assert back.number_of_edges() == graph.number_of_edges()
    assert not any(k.startswith("_") for _, d in back.nodes(data=True) for k in d)


def test_builder_is_incremental():
    builder = GraphBuilder()
    builder.add(_result("d1", [_relation("d1", "accuses", "PAK", "AFG")]))
    assert builder.graph.number_of_edges() == 1
    builder.add(_result("d2", [_relation("d2", "mediates", "QAT", "PAK")]))
    assert builder.finish().number_of_edges() == 2


def test_write_graph_picks_the_format_from_the_suffix(graph, tmp_path):
    actorgraph.write_graph(graph, tmp_path / "g.graphml")
    actorgraph.write_graph(graph, tmp_path / "g.json")
    assert nx.read_graphml(tmp_path / "g.graphml").number_of_nodes() == graph.number_of_nodes()
    assert json.loads((tmp_path / "g.json").read_text())["nodes"]
    with pytest.raises(actorgraph.errors.UnknownFormat):
        actorgraph.write_graph(graph, tmp_path / "g.gexf")
