"""Results from many documents merged into one graph, and its GraphML / node-link JSON export.

:class:`GraphBuilder` merges incrementally (one document at a time), so a run never holds all
documents' results: a node per canonical actor, an edge per (source, relation, target) with the
count of instances, the highest confidence, the documents and the best evidence sentence.
Symmetric relations (negotiates-with, agrees-with) are stored once, from the smaller id to the
larger. Negated relations are left out unless asked for; then they are separate edges whose
key starts with ``not-``.

In memory, list-valued attributes (roles, aliases, documents, attributed_to) are lists; the JSON
export keeps them as lists and the GraphML export joins them with ``|``, because GraphML
attributes are scalars. Every node and edge carries every attribute with one type (empty string,
0 or False where there is nothing), an explicit ``label``, and edges a graph-unique ``id``, so
Gephi, Cytoscape, yEd, Neo4j and igraph read the file as they should. Not supported: reading
graphs back for merging (use ``networkx.read_graphml``) and GraphML hyperedges or ports.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable
from pathlib import Path

import networkx as nx
from networkx.readwrite.graphml import GraphMLWriterLxml

from .fileio import atomic_path
from .relation_rules import RelationRules, RelationType
from .resources import relations_file
from .schemas import ActorRecord, DocumentResult, RelationRecord

LIST_SEPARATOR = "|"
SYMMETRIC = frozenset({"negotiates-with", "agrees-with"})


class GraphBuilder:
    """Merges document results into a ``networkx.MultiDiGraph`` one document at a time."""

    def __init__(
        self,
        *,
        include_negated: bool = False,
        relations: dict[str, RelationType] | None = None,
    ) -> None:
        self.include_negated = include_negated
        self.relations = relations if relations is not None else _packaged_relations()
        self.graph = nx.MultiDiGraph(name="actorgraph")

    def add(self, result: DocumentResult) -> None:
        doc_id = result.document.doc_id
        for actor in result.actors:
            self._add_actor(actor, doc_id)
        for relation in result.relations:
            if relation.negated and not self.include_negated:
                continue
            self._add_relation(relation)

    def _add_actor(self, actor: ActorRecord, doc_id: str) -> None:
        g = self.graph
        if actor.id not in g:
            g.add_node(
                actor.id,
                label=actor.name,
                type=actor.type,
                country=actor.country or "",
                roles=[],
                aliases=[],
                mention_count=0,
                document_count=0,
                _last_doc="",
            )
        node = g.nodes[actor.id]
        if len(actor.name) > len(node["label"]) and node["label"] in actor.aliases:
            node["label"] = actor.name
        node["roles"] = _merge(node["roles"], actor.roles)
        node["aliases"] = _merge(node["aliases"], actor.aliases)
        node["mention_count"] += len(actor.mentions)
        if node["_last_doc"] != doc_id:
            node["document_count"] += 1
            node["_last_doc"] = doc_id

    def _add_relation(self, r: RelationRecord) -> None:
        g = self.graph
        source, target = r.source, r.target
        if r.relation in SYMMETRIC and target < source:
            source, target = target, source
        key = f"not-{r.relation}" if r.negated else r.relation
        for node in (source, target):
            if node not in g:  # a relation always has its actors, but stay total
                g.add_node(
                    node,
                    label=node,
                    type="ORGANIZATION",
                    country="",
                    roles=[],
                    aliases=[],
                    mention_count=0,
                    document_count=0,
                    _last_doc="",
                )
        if not g.has_edge(source, target, key):
            meta = self.relations.get(r.relation)
            g.add_edge(
                source,
                target,
                key=key,
                id=f"{source}:{key}:{target}",  # ':' keeps it a valid GraphML NMTOKEN
                label=key,
                relation=r.relation,
                negated=r.negated,
                symmetric=r.relation in SYMMETRIC,
                cameo=meta.cameo if meta else "",
                plover=meta.plover if meta else "",
                count=0,
                confidence=0.0,
                hedged=True,
                documents=[],
                document_count=0,
                attributed_to=[],
                evidence="",
                evidence_doc="",
            )
        edge = g.edges[source, target, key]
        edge["count"] += 1
        edge["hedged"] = edge["hedged"] and r.hedged
        if edge["documents"][-1:] != [r.doc_id]:  # documents arrive one after another
            edge["documents"].append(r.doc_id)
            edge["document_count"] += 1
        if r.attributed_to:
            edge["attributed_to"] = _merge(edge["attributed_to"], [r.attributed_to])
        if r.confidence > edge["confidence"]:
            edge["confidence"] = r.confidence
            edge["evidence"] = r.sentence
            edge["evidence_doc"] = r.doc_id

    def finish(self) -> nx.MultiDiGraph:
        """The merged graph, with bookkeeping attributes removed."""
        for _, data in self.graph.nodes(data=True):
            data.pop("_last_doc", None)
        return self.graph


def build_graph(
    results: Iterable[DocumentResult], *, include_negated: bool = False
) -> nx.MultiDiGraph:
    """One graph from many document results (see :class:`GraphBuilder`)."""
    builder = GraphBuilder(include_negated=include_negated)
    for result in results:
        builder.add(result)
    return builder.finish()


def write_graphml(graph: nx.MultiDiGraph, path: Path | str) -> None:
    """Write GraphML atomically: scalar attributes, named keys, explicit labels and edge ids."""
    flat = _flatten(graph)
    with atomic_path(Path(path)) as tmp:
        _GraphMLWriter(str(tmp), graph=flat, edge_id_from_attribute="id").dump()


def write_json(graph: nx.MultiDiGraph, path: Path | str) -> None:
    """Write networkx node-link JSON atomically (lists stay lists)."""
    data = nx.node_link_data(_clean(graph), edges="edges")
    with atomic_path(Path(path)) as tmp:
        tmp.write_text(
            json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False) + "\n", encoding="utf-8"
        )


class _GraphMLWriter(GraphMLWriterLxml):
    """networkx's lxml GraphML writer with readable key ids that are unique per domain.

    ``named_key_ids`` would give the node and the edge ``label`` keys the same XML id, which
    the GraphML schema forbids; here a key's id is ``node_label``, ``edge_label``, and so on.
    """

    def get_key(self, name, attr_type, scope, default):
        keys_key = (name, attr_type, scope)
        if keys_key not in self.keys:
            key_id = f"{scope}_{name}"
            self.keys[keys_key] = key_id
            element = self.myElement(
                "key", **{"id": key_id, "for": scope, "attr.name": name, "attr.type": attr_type}
            )
            if default is not None:
                default_element = self.myElement("default")
                default_element.text = str(default)
                element.append(default_element)
            self.xml.insert(0, element)
        return self.keys[keys_key]


def _flatten(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    flat = nx.MultiDiGraph()
    flat.graph.update({k: _scalar(v) for k, v in graph.graph.items()})
    for node, data in graph.nodes(data=True):
        flat.add_node(node, **{k: _scalar(v) for k, v in data.items() if not k.startswith("_")})
    for u, v, key, data in graph.edges(keys=True, data=True):
        flat.add_edge(u, v, key=key, **{k: _scalar(x) for k, x in data.items()})
    return flat


def _clean(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    clean = graph.copy()
    for _, data in clean.nodes(data=True):
        for key in [k for k in data if k.startswith("_")]:
            del data[key]
    return clean


def _scalar(value: object) -> str | int | float | bool:
    if isinstance(value, (list, tuple, set)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, float) and not math.isfinite(value):
        return 0.0
    if value is None:
        return ""
    return value


def _merge(existing: list[str], new: Iterable[str]) -> list[str]:
    out = list(existing)
    for item in new:
        if item not in out:
            out.append(item)
    return out


@functools.lru_cache(maxsize=1)
def _packaged_relations() -> dict[str, RelationType]:
    return dict(RelationRules.from_file(relations_file()).relations)
