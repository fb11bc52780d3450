"""A structural check of a GraphML file: what the GraphML XSD and its Java readers require.

:func:`graphml_problems` parses the file with defusedxml (no DTDs, entities or network) and
lists every way it breaks what Gephi, Cytoscape, yEd, Neo4j, igraph and a schema-validating
parser expect: not well-formed XML 1.0; a root other than ``graphml`` in the GraphML
namespace; ``key`` elements after the graph, without a unique name-token ``id``, with a
``for`` outside graph/node/edge/all, or with an ``attr.type`` GraphML does not define; two keys
for one (domain, attribute name); a ``graph`` without ``edgedefault``; nodes and edges without
name-token ids, duplicate ids, edges whose ends are not nodes of the graph; ``data`` that names
no key of its domain or appears twice on one element; values that do not parse as their key's
type (NaN and infinities, integers outside 64 bits for ``long``/``int``, booleans other than
true/false). Not checked: nested graphs, hyperedges, ports, and ``desc`` placement.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from defusedxml import ElementTree as SafeET

NS = "http://graphml.graphdrawing.org/xmlns"
_G = f"{{{NS}}}"
_TYPES = {"boolean", "int", "long", "float", "double", "string"}
_DOMAINS = {"graph", "node", "edge", "all"}
# XML name token: name characters only (ASCII part exact; non-ASCII letters and digits allowed).
_NMTOKEN = re.compile(r"^[\w.:\-\u00b7\u0300-\u036f\u203f\u2040]+$")


def graphml_problems(path: Path | str) -> list[str]:
    """Every problem found in the GraphML file at ``path``; an empty list for a valid file."""
    try:
        root = SafeET.parse(str(path)).getroot()
    except Exception as exc:  # expat errors and defusedxml's refusals alike
        return [f"not well-formed XML: {exc}"]
    if root.tag != f"{_G}graphml":
        return [f"root element is {root.tag!r}, not graphml in the GraphML namespace"]
    problems: list[str] = []
    keys: dict[str, tuple[str, str]] = {}
    names: set[tuple[str, str]] = set()
    seen_graph = False
    for child in root:
        if child.tag == f"{_G}graph":
            seen_graph = True
        elif child.tag == f"{_G}key":
            if seen_graph:
                problems.append("a key element comes after the graph")
            problems += _check_key(child, keys, names)
    graphs = root.findall(f"{_G}graph")
    if len(graphs) != 1:
        problems.append(f"expected one graph element, found {len(graphs)}")
    for graph in graphs:
        problems += _check_graph(graph, keys)
    return problems


def _check_key(key, keys: dict[str, tuple[str, str]], names: set[tuple[str, str]]) -> list[str]:
    problems = []
    key_id, domain = key.get("id"), key.get("for", "all")
    name, kind = key.get("attr.name"), key.get("attr.type", "string")
    if not key_id or not _NMTOKEN.match(key_id):
        problems.append(f"key id {key_id!r} is not an XML name token")
    elif key_id in keys:
        problems.append(f"duplicate key id {key_id!r}")
    if domain not in _DOMAINS:
        problems.append(f"key {key_id!r} is for {domain!r}")
    if kind not in _TYPES:
        problems.append(f"key {key_id!r} has attr.type {kind!r}")
    if name is not None:
        if not _NMTOKEN.match(name):
            problems.append(f"key {key_id!r} attr.name {name!r} is not an XML name token")
        if (domain, name) in names:
            problems.append(f"two keys for {domain} attribute {name!r} (one type per attribute)")
        names.add((domain, name))
    keys[key_id or ""] = (domain, kind)
    return problems


def _check_graph(graph, keys: dict[str, tuple[str, str]]) -> list[str]:
    problems = []
    if graph.get("edgedefault") not in ("directed", "undirected"):
        problems.append("graph has no edgedefault of directed or undirected")
    problems += _check_data(graph, "graph", keys)
    nodes: set[str] = set()
    for node in graph.iter(f"{_G}node"):
        node_id = node.get("id")
        if not node_id or not _NMTOKEN.match(node_id):
            problems.append(f"node id {node_id!r} is not an XML name token")
        elif node_id in nodes:
            problems.append(f"duplicate node id {node_id!r}")
        nodes.add(node_id or "")
        problems += _check_data(node, "node", keys)
    edge_ids: set[str] = set()
    for edge in graph.iter(f"{_G}edge"):
        edge_id = edge.get("id")
        if edge_id is not None:
            if not _NMTOKEN.match(edge_id):
                problems.append(f"edge id {edge_id!r} is not an XML name token")
            elif edge_id in edge_ids:
                problems.append(f"duplicate edge id {edge_id!r}")
            edge_ids.add(edge_id)
        for end in ("source", "target"):
            if edge.get(end) not in nodes:
                problems.append(f"edge {edge_id!r} {end} {edge.get(end)!r} is not a node")
        problems += _check_data(edge, "edge", keys)
    return problems


def _check_data(element, domain: str, keys: dict[str, tuple[str, str]]) -> list[str]:
    problems = []
    used: set[str] = set()
    for data in element.findall(f"{_G}data"):
        key = data.get("key")
        if key not in keys or keys[key][0] not in (domain, "all"):
            problems.append(f"{domain} data names key {key!r}, which is not a {domain} key")
            continue
        if key in used:
            problems.append(f"{domain} has two values for key {key!r}")
        used.add(key)
        problem = _value_problem(data.text or "", keys[key][1])
        if problem:
            problems.append(f"{domain} value for key {key!r}: {problem}")
    return problems


def _value_problem(text: str, kind: str) -> str | None:
    if kind == "boolean" and text.strip().lower() not in ("true", "false"):
        return f"{text!r} is not true or false"
    if kind in ("int", "long"):
        bits = 32 if kind == "int" else 64
        try:
            value = int(text.strip())
        except ValueError:
            return f"{text!r} is not an integer"
        if not -(2 ** (bits - 1)) <= value < 2 ** (bits - 1):
            return f"{text!r} does not fit {bits} bits"
    if kind in ("float", "double"):
        try:
            value = float(text.strip())
        except ValueError:
            return f"{text!r} is not a number"
        if not math.isfinite(value):
            return f"{text!r} is not finite (Java readers refuse NaN and infinities)"
    return None
