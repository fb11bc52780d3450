"""TreeMatcher finds exactly what spaCy's DependencyMatcher finds for the relation patterns."""

from __future__ import annotations

import pytest
from spacy.matcher import DependencyMatcher

from actorgraph.components._tree_matcher import TreeMatcher, token_fits
from actorgraph.relation_rules import RelationRules
from actorgraph.resources import relations_file
from conftest import REPO


def _matches(matcher, doc):
    return sorted((match_id, tuple(ids)) for match_id, ids in matcher(doc))


def test_same_matches_as_the_dependency_matcher_on_the_dev_set(ag):
    rules = RelationRules.from_file(relations_file())
    reference, tree = DependencyMatcher(ag.nlp.vocab), TreeMatcher(ag.nlp.vocab)
    for spec in rules.patterns:
        pattern = rules.matcher_pattern(spec)
        reference.add(spec.id, [pattern])
        tree.add(spec.id, pattern)
    texts = [p.read_text(encoding="utf-8") for p in sorted(REPO.glob("data/dev/*/articles/*.txt"))]
    texts += [example for spec in rules.patterns for example in spec.examples]
    assert len(texts) > 100
    disabled = ["actorgraph_relation_extractor"]
    total = 0
    for doc in ag.nlp.pipe(texts, disable=disabled):
        expected = _matches(reference, doc)
        assert _matches(tree, doc) == expected, doc.text[:80]
        total += len(expected)
    assert total > 400  # the comparison is over real matches


def test_descendants_and_several_results_per_anchor(ag):
    matcher = TreeMatcher(ag.nlp.vocab)
    matcher.add(
        "blame",
        [
            {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": "blame"}},
            {"LEFT_ID": "verb", "REL_OP": ">>", "RIGHT_ID": "any", "RIGHT_ATTRS": {"POS": "PROPN"}},
        ],
    )
    doc = ag.nlp("Kenya blamed Somalia and Ethiopia for the attack.")
    found = {tuple(ids) for _, ids in matcher(doc)}
    assert found == {(1, 0), (1, 2), (1, 4)}


@pytest.mark.parametrize(
    "node",
    [
        {"LEFT_ID": "a", "REL_OP": "<", "RIGHT_ID": "b", "RIGHT_ATTRS": {}},
        {"LEFT_ID": "a", "REL_OP": ">", "RIGHT_ID": "b", "RIGHT_ATTRS": {"ENT_TYPE": "GPE"}},
    ],
)
def test_unsupported_operators_and_attributes_are_refused(ag, node):
    matcher = TreeMatcher(ag.nlp.vocab)
    with pytest.raises(ValueError, match="not supported"):
        matcher.add("p", [{"RIGHT_ID": "a", "RIGHT_ATTRS": {}}, node])


def test_excluded_values_match_as_in_the_dependency_matcher(ag):
    pattern = [
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": {"IN": ["condemn", "blame"]}}},
        {
            "LEFT_ID": "verb",
            "REL_OP": ">",
            "RIGHT_ID": "object",
            "RIGHT_ATTRS": {"DEP": "dobj", "LEMMA": {"NOT_IN": ["death", "Somalia"]}},
        },
    ]
    anchorless = [{"RIGHT_ID": "any", "RIGHT_ATTRS": {"POS": {"NOT_IN": ["PROPN", "PUNCT"]}}}]
    tree = TreeMatcher(ag.nlp.vocab)
    reference = DependencyMatcher(ag.nlp.vocab)
    for key, p in (("p", pattern), ("q", anchorless)):
        tree.add(key, p)
        reference.add(key, [p])
    for text in (
        "Kenya condemned the deaths and blamed Somalia.",
        "Kenya condemned the attack and blamed Ethiopia.",
    ):
        doc = ag.nlp(text)
        assert _matches(tree, doc) == _matches(reference, doc)


@pytest.mark.parametrize(
    "attrs",
    [
        {"DEP": "dobj"},
        {"POS": "PROPN", "LOWER": {"IN": ["somalia", "kenya"]}},
        {"LEMMA": {"NOT_IN": ["blame", "attack"]}, "POS": {"IN": ["VERB", "NOUN"]}},
        {"TAG": "NNP", "DEP": {"NOT_IN": ["nsubj"]}},
    ],
)
def test_token_fits_reads_attributes_as_the_matcher_does(ag, attrs):
    """``absent`` nodes are checked with token_fits, after the match: it must agree."""
    matcher = TreeMatcher(ag.nlp.vocab)
    matcher.add("one", [{"RIGHT_ID": "t", "RIGHT_ATTRS": attrs}])
    doc = ag.nlp("Kenya condemned the attack and blamed Somalia for the deaths.")
    matched = {ids[0] for _, ids in matcher(doc)}
    assert matched  # each case picks some token
    assert {t.i for t in doc if token_fits(t, attrs)} == matched
