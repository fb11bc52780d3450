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
Gephi, Cytoscape, yEd, Neo4j and igraph read the file as they should. ``write_graphml`` makes
any networkx graph safe the same way: ids and attribute names become XML name tokens
(``_xHHHH_`` escapes), one type per attribute (long+double -> double, other mixes and integers
wider than 64 bits -> string), NaN/inf left out, XML-forbidden characters removed, repeated
edge ids suffixed; graphml_check.py verifies the result. Not supported: reading graphs back for
merging (use ``networkx.read_graphml``; parse untrusted files with defusedxml, as
graphml_check does) and GraphML hyperedges or ports.
"""

from __future__ import annotations

import functools
import json
import math
import numbers
from collections.abc import Iterable
from pathlib import Path

import networkx as nx
from networkx.readwrite.graphml import GraphMLWriterLxml

from .fileio import atomic_path
from .ingest import clean_text
from .relation_rules import RelationRules, RelationType
from .resources import relations_file
from .schemas import ActorRecord, DocumentResult, RelationRecord

LIST_SEPARATOR = "|"
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1
# Non-ASCII ranges of XML 1.0 (5th edition) name characters.
_NAME_RANGES = (
    (0xC0, 0xD6),
    (0xD8, 0xF6),
    (0xF8, 0x37D),
    (0x37F, 0x1FFF),
    (0x200C, 0x200D),
    (0x203F, 0x2040),
    (0x2070, 0x218F),
    (0x2C00, 0x2FEF),
    (0x3001, 0xD7FF),
    (0xF900, 0xFDCF),
    (0xFDF0, 0xFFFD),
    (0x10000, 0xEFFFF),
)
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
            json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False, default=str) + "\n",
            encoding="utf-8",
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
    """A copy GraphML consumers accept: XML name-token ids (unique, edge ids too), one scalar
    type per attribute, no NaN/inf or integer wider than 64 bits, explicit labels, and no
    character XML 1.0 forbids."""
    node_ids = _UniqueIds()
    ids = {node: node_ids.take(xml_name(str(node))) for node in graph.nodes}
    nodes = {node: _public(data) for node, data in graph.nodes(data=True)}
    for node, data in nodes.items():
        data.setdefault("label", str(node))
    edges = [(u, v, key, dict(data)) for u, v, key, data in graph.edges(keys=True, data=True)]
    edge_ids = _UniqueIds()
    for u, v, key, data in edges:
        data.setdefault("label", key if isinstance(key, str) else data.get("relation", ""))
        wanted = data.get("id") if isinstance(data.get("id"), str) else f"{ids[u]}:{key}:{ids[v]}"
        data["id"] = edge_ids.take(xml_name(wanted))
    flat = nx.MultiDiGraph()
    flat.graph.update(_typed([dict(graph.graph)])[0])
    for node, data in zip(nodes, _typed(list(nodes.values())), strict=True):
        flat.add_node(ids[node], **data)
    typed = _typed([data for *_, data in edges])
    for (u, v, key, _), data in zip(edges, typed, strict=True):
        flat.add_edge(ids[u], ids[v], key=key, **data)
    return flat


def _public(data: dict) -> dict:
    return {k: v for k, v in data.items() if not (isinstance(k, str) and k.startswith("_"))}


def _typed(records: list[dict]) -> list[dict]:
    """The records with every attribute given one GraphML type across all of them."""
    kinds: dict[str, str] = {}
    for record in records:
        for name, value in record.items():
            kind = _kind(value)
            if kind != "missing":
                key = xml_name(str(name))
                kinds[key] = _join_kinds(kinds.get(key, kind), kind)
    out = []
    for record in records:
        row: dict[str, object] = {}
        for name, value in record.items():
            key = xml_name(str(name))
            if key not in kinds:  # no usable value anywhere (None, NaN): no key at all
                continue
            converted = _convert(value, kinds[key])
            if converted is not None:
                row[key] = converted
        out.append(row)
    return out


def _kind(value: object) -> str:
    if value is None:
        return "missing"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, numbers.Integral):
        return "long" if _INT64_MIN <= int(value) <= _INT64_MAX else "string"
    if isinstance(value, numbers.Real):
        return "double" if math.isfinite(float(value)) else "missing"
    return "string"


def _join_kinds(a: str, b: str) -> str:
    if a == b:
        return a
    if {a, b} == {"long", "double"}:
        return "double"
    return "string"


def _convert(value: object, kind: str) -> str | int | float | bool | None:
    if kind == "string":
        if value is None:
            return ""
        if isinstance(value, (set, frozenset)):
            value = sorted(value, key=str)
        if isinstance(value, (list, tuple)):
            return clean_text(LIST_SEPARATOR.join(str(v) for v in value))
        if isinstance(value, float) and not math.isfinite(value):
            return ""
        return clean_text(str(value))
    if value is None or (isinstance(value, numbers.Real) and not math.isfinite(float(value))):
        return None  # left out: GraphML readers take a missing value as absent
    if kind == "boolean":
        return bool(value)
    if kind == "long":
        return int(value)
    return float(value)


class _UniqueIds:
    """Hands out each id once, suffixing ``.2``, ``.3`` ... to repeats."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def take(self, wanted: str) -> str:
        candidate, n = wanted, 1
        while candidate in self._seen:
            n += 1
            candidate = f"{wanted}.{n}"
        self._seen.add(candidate)
        return candidate


def xml_name(text: str) -> str:
    """``text`` as an XML name token (what GraphML ids and attribute names must be): every
    character a name token cannot hold is written ``_xHHHH_``; "" becomes ``_``."""
    out = [ch if _is_name_char(ch) else f"_x{ord(ch):04X}_" for ch in text]
    return "".join(out) or "_"


def _is_name_char(ch: str) -> bool:
    if ch.isascii():
        return ch.isalnum() or ch in "._:-"
    code = ord(ch)
    return ch.isalnum() and any(lo <= code <= hi for lo, hi in _NAME_RANGES)


def _clean(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy for JSON: bookkeeping attributes dropped, strings XML/UTF-8 clean, NaN/inf null."""
    clean = graph.copy()
    dirty = [n for n in clean if isinstance(n, str) and clean_text(n) != n]
    if dirty:  # node ids with characters UTF-8 JSON cannot hold; escaped if cleaning collides
        names = {n: clean_text(n) if clean_text(n) not in clean else xml_name(n) for n in dirty}
        clean = nx.relabel_nodes(clean, names, copy=True)
    for _, data in clean.nodes(data=True):
        for key in [k for k in data if isinstance(k, str) and k.startswith("_")]:
            del data[key]
    records = [clean.graph, *(d for _, d in clean.nodes(data=True))]
    records += [d for *_, d in clean.edges(keys=True, data=True)]
    for data in records:
        data.update({k: _json_safe(v) for k, v in data.items()})
    return clean


def _json_safe(value: object) -> object:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (set, frozenset)):
        value = sorted(value, key=str)
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
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
