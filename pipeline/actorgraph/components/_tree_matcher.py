"""A dependency-tree matcher for the patterns in ``relations.yaml``, faster than spaCy's.

spaCy's ``DependencyMatcher`` runs a token ``Matcher`` for every node of every pattern over
every token, building a Python ``Token`` for each check; with ninety patterns that made relation
extraction a fifth of the pipeline's time. The patterns here use two operators only (``>`` a
child, ``>>`` a descendant) and five token attributes (``LEMMA``, ``LOWER``, ``POS``, ``TAG``,
``DEP``, each a string or ``{IN: [...]}``), so this matcher reads each token's attributes once
per document into plain lists, finds the tokens that can anchor a pattern through a word index,
and walks the tree from there. It returns what ``DependencyMatcher`` returns for the same
patterns: ``(match_id, [token index per node])``, one per distinct assignment of tokens to
nodes; a test checks the two agree on the dev set.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..relation_rules import SUPPORTED_ATTRIBUTES as _ATTRS
from ..relation_rules import SUPPORTED_OPERATORS as _OPERATORS


@dataclass(frozen=True)
class _Node:
    left: int | None  # the index of the node this one hangs from (None for the anchor)
    operator: str | None
    constraints: tuple[tuple[int, frozenset[int]], ...]  # (attribute slot, allowed values)


class _Tokens:
    """A document's token attributes as plain lists (slots in ``_ATTRS`` order)."""

    def __init__(self, doc: Doc) -> None:
        tokens = list(doc)
        self.values = [
            [t.lemma for t in tokens],
            [t.lower for t in tokens],
            [t.pos for t in tokens],
            [t.tag for t in tokens],
            [t.dep for t in tokens],
        ]
        self.children: list[list[int]] = [[] for _ in tokens]
        for t in tokens:
            if t.head.i != t.i:
                self.children[t.head.i].append(t.i)
        self.by_word: dict[int, list[int]] = {}
        for slot in (0, 1):
            for i, value in enumerate(self.values[slot]):
                self.by_word.setdefault(value, []).append(i)

    def fits(self, i: int, constraints) -> bool:
        return all(self.values[slot][i] in allowed for slot, allowed in constraints)

    def descendants(self, i: int) -> Iterator[int]:
        stack = list(self.children[i])
        while stack:
            j = stack.pop()
            yield j
            stack.extend(self.children[j])


class TreeMatcher:
    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._patterns: list[tuple[int, tuple[_Node, ...], frozenset[int] | None]] = []

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
        anchor = None
        for slot, allowed in nodes[0].constraints:
            if _ATTRS[slot] in ("LEMMA", "LOWER"):
                anchor = allowed if anchor is None else anchor & allowed
        self._patterns.append((self.vocab.strings.add(key), tuple(nodes), anchor))

    def _constraints(self, key: str, attrs: dict) -> tuple[tuple[int, frozenset[int]], ...]:
        out = []
        for name, value in attrs.items():
            if name not in _ATTRS:
                raise ValueError(f"{key}: attribute {name!r} is not supported")
            values = value["IN"] if isinstance(value, dict) else [value]
            if name == "POS":
                allowed = frozenset(POS_IDS[v] for v in values)
            else:
                allowed = frozenset(self.vocab.strings.add(str(v)) for v in values)
            out.append((_ATTRS.index(name), allowed))
        return tuple(out)

    def __call__(self, doc: Doc) -> list[tuple[int, list[int]]]:
        if not self._patterns or not len(doc):
            return []
        tokens = _Tokens(doc)
        matches = []
        for key, nodes, anchor in self._patterns:
            if anchor is None:
                starts = range(len(doc))
            else:
                starts = sorted({i for word in anchor for i in tokens.by_word.get(word, ())})
            for start in starts:
                if tokens.fits(start, nodes[0].constraints):
                    for found in _extend(tokens, nodes, [start]):
                        matches.append((key, found))
        return matches


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
