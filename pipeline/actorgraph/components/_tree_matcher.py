"""A dependency-tree matcher for the patterns in ``relations.yaml``, faster than spaCy's.

spaCy's ``DependencyMatcher`` runs a token ``Matcher`` for every node of every pattern over
every token, building a Python ``Token`` for each check; with ninety patterns that made relation
extraction a fifth of the pipeline's time. The patterns here use two operators only (``>`` a
child, ``>>`` a descendant) and five token attributes (``LEMMA``, ``LOWER``, ``POS``, ``TAG``,
``DEP``, each a string, ``{IN: [...]}`` or ``{NOT_IN: [...]}``), so this matcher reads each
token's attributes once per document into plain lists, finds the tokens that can anchor a
pattern through a word index, and walks the tree from there. It returns what
``DependencyMatcher`` returns for the same patterns: ``(match_id, [token index per node])``,
one per distinct assignment of tokens to nodes; a test checks the two agree on the dev set.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.attrs import DEP, HEAD, LEMMA, LOWER, POS, TAG
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from ..relation_rules import SUPPORTED_ATTRIBUTES as _ATTRS
from ..relation_rules import SUPPORTED_OPERATORS as _OPERATORS


@dataclass(frozen=True)
class _Node:
    left: int | None  # the index of the node this one hangs from (None for the anchor)
    operator: str | None
    # (attribute slot, values, whether the values are the excluded ones)
    constraints: tuple[tuple[int, frozenset[int], bool], ...]


class _Tokens:
    """A document's token attributes as plain lists (slots in ``_ATTRS`` order), its tree as
    child lists, and for each slot an index from value to tokens."""

    def __init__(self, doc: Doc) -> None:
        array = doc.to_array([LEMMA, LOWER, POS, TAG, DEP, HEAD])
        self.values = [array[:, slot].tolist() for slot in range(len(_ATTRS))]
        heads = array[:, len(_ATTRS)].view("int64").tolist()  # offsets to the head
        self.children: list[list[int]] = [[] for _ in heads]
        for i, offset in enumerate(heads):
            if offset:
                self.children[i + offset].append(i)
        self.index: list[dict[int, list[int]]] = []
        for values in self.values:
            index: dict[int, list[int]] = {}
            for i, value in enumerate(values):
                index.setdefault(value, []).append(i)
            self.index.append(index)

    def anchored(self, constraints) -> list[int]:
        """The tokens that can stand for a pattern's first node, through its most selective
        constraint's index (all tokens when it has none)."""
        indexed = [(slot, values) for slot, values, excluded in constraints if not excluded]
        if not indexed:
            return list(range(len(self.children)))
        best = None
        for slot, allowed in indexed:
            found = [i for value in allowed for i in self.index[slot].get(value, ())]
            if best is None or len(found) < len(best):
                best = found
        return sorted(set(best))

    def fits(self, i: int, constraints) -> bool:
        return all(
            (self.values[slot][i] in values) != excluded for slot, values, excluded in constraints
        )

    def descendants(self, i: int) -> Iterator[int]:
        stack = list(self.children[i])
        while stack:
            j = stack.pop()
            yield j
            stack.extend(self.children[j])


class TreeMatcher:
    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._patterns: list[tuple[int, tuple[_Node, ...]]] = []

    def __len__(self) -> int:
        return len(self._patterns)

    def add(self, key: str, pattern: list[dict]) -> None:
        """Add one pattern in ``DependencyMatcher`` syntax (``$cue`` lists already expanded)."""
        ids = {}
        nodes = []
        for index, node in enumerate(pattern):
            operator = node.get("REL_OP") if index else None
            if index and operator not in _OPERATORS:
                raise ValueError(f"{key}: operator {operator!r} is not supported")
            left = ids[node["LEFT_ID"]] if index else None
            ids[node["RIGHT_ID"]] = index
            nodes.append(_Node(left, operator, self._constraints(key, node.get("RIGHT_ATTRS", {}))))
        self._patterns.append((self.vocab.strings.add(key), tuple(nodes)))

    def _constraints(self, key: str, attrs: dict) -> tuple[tuple[int, frozenset[int], bool], ...]:
        out = []
        for name, value in attrs.items():
            if name not in _ATTRS:
                raise ValueError(f"{key}: attribute {name!r} is not supported")
            if isinstance(value, dict) and set(value) - {"IN", "NOT_IN"}:
                raise ValueError(f"{key}: {name} takes a value, IN or NOT_IN")
            for excluded, values in _value_sets(value):
                if name == "POS":
                    ids = frozenset(POS_IDS[v] for v in values)
                else:
                    ids = frozenset(self.vocab.strings.add(str(v)) for v in values)
                out.append((_ATTRS.index(name), ids, excluded))
        return tuple(out)

    def __call__(self, doc: Doc) -> list[tuple[int, list[int]]]:
        if not self._patterns or not len(doc):
            return []
        tokens = _Tokens(doc)
        matches = []
        for key, nodes in self._patterns:
            for start in tokens.anchored(nodes[0].constraints):
                if tokens.fits(start, nodes[0].constraints):
                    for found in _extend(tokens, nodes, [start]):
                        matches.append((key, found))
        return matches


def _value_sets(value) -> list[tuple[bool, list]]:
    """(excluded, values) for an attribute's value: a string, ``{IN: [...]}``, ``{NOT_IN: [...]}``
    or both."""
    if not isinstance(value, dict):
        return [(False, [value])]
    return [(key == "NOT_IN", list(value[key])) for key in ("IN", "NOT_IN") if key in value]


def _extend(tokens: _Tokens, nodes: tuple[_Node, ...], assigned: list[int]) -> Iterator[list]:
    """Every way to assign tokens to the nodes after ``assigned``, one per result."""
    if len(assigned) == len(nodes):
        yield list(assigned)
        return
    node = nodes[len(assigned)]
    head = assigned[node.left]
    children = node.operator == ">"
    candidates = tokens.children[head] if children else list(tokens.descendants(head))
    for i in candidates:
        if tokens.fits(i, node.constraints):
            assigned.append(i)
            yield from _extend(tokens, nodes, assigned)
            assigned.pop()


_TOKEN_ATTRIBUTES = {
    "LEMMA": "lemma_",
    "LOWER": "lower_",
    "POS": "pos_",
    "TAG": "tag_",
    "DEP": "dep_",
}


def token_fits(token: Token, attrs: dict) -> bool:
    """Whether ``token`` has the attributes of a pattern node's ``RIGHT_ATTRS`` (cues expanded),
    read as the matcher reads them."""
    for name, value in attrs.items():
        actual = getattr(token, _TOKEN_ATTRIBUTES[name])
        for excluded, values in _value_sets(value):
            if (actual in values) == excluded:
                return False
    return True
