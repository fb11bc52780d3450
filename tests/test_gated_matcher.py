"""The lemma-gated dependency matcher finds exactly what spaCy's DependencyMatcher finds."""

from __future__ import annotations

import pytest
from spacy.matcher import DependencyMatcher

from actorgraph.gated_matcher import GatedDependencyMatcher

TEXTS = [
    "Ethiopia accused Eritrea of arming rebels in Tigray.",
    "Iran was accused by Israel of supplying drones to the Houthis.",
    "Qatar mediated talks between Rwanda and Congo, and Oman hosted them.",
    "The weather was fine and nobody said anything about anyone.",
    "",
]


@pytest.fixture(scope="module")
def rules(nlp):
    return nlp.get_pipe("actorgraph_relation_extractor").rules


def _sorted(matches):
    return sorted((key, tuple(tokens)) for key, tokens in matches)


@pytest.mark.parametrize("text", TEXTS)
def test_same_matches_as_the_dependency_matcher(nlp, rules, text):
    plain = DependencyMatcher(nlp.vocab)
    gated = GatedDependencyMatcher(nlp.vocab)
    for spec in rules.patterns:
        plain.add(spec.id, [rules.matcher_pattern(spec)])
        gated.add(spec.id, [rules.matcher_pattern(spec)])
    doc = nlp(text)
    assert _sorted(gated(doc)) == _sorted(plain(doc))
    assert len(gated) == len(rules.patterns)


def test_a_pattern_whose_lemmas_are_absent_is_not_run(nlp):
    gated = GatedDependencyMatcher(nlp.vocab)
    pattern = [
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": {"IN": ["accuse", "blame"]}}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "obj", "RIGHT_ATTRS": {"DEP": "dobj"}},
    ]
    gated.add("ACCUSE", [pattern])
    gated.add("ANY_OBJECT", [[{"RIGHT_ID": "obj", "RIGHT_ATTRS": {"DEP": "dobj"}}]])
    keys = {nlp.vocab.strings[k] for k, _ in gated(nlp("Kenya blamed Somalia."))}
    assert keys == {"ACCUSE", "ANY_OBJECT"}
    keys = {nlp.vocab.strings[k] for k, _ in gated(nlp("Kenya praised Somalia."))}
    assert keys == {"ANY_OBJECT"}  # no lemma requirement: always run
