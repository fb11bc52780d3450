"""Relation definitions, cue lexicons and dependency patterns, loaded from ``relations.yaml``.

The file is validated by the pydantic models below (``extra="forbid"``); a pattern that names
a node it does not define, a relation that is not declared, or a ``$cue`` list that does not
exist fails with ``file [location] message``. :meth:`RelationRules.matcher_patterns` expands
``$cue`` references into the lemma lists spaCy's ``DependencyMatcher`` expects.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .datafiles import load_yaml_model
from .schemas import RelationName

RELATION_NAMES = get_args(RelationName)
# What the relation extractor's matcher understands (components/_tree_matcher.py).
SUPPORTED_OPERATORS = (">", ">>")
SUPPORTED_ATTRIBUTES = ("LEMMA", "LOWER", "POS", "TAG", "DEP")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ReportedAs(_Strict):
    """Which reports of a relation are an accusation (see ``reported_as_this``)."""

    # The actor types the reported relation's target must have (empty: any).
    targets: tuple[str, ...] = ()
    # The actor types the reporter must have, after an office holder is lifted to the state
    # they serve (empty: any): a UN source reporting an attack accuses no one.
    reporters: tuple[str, ...] = ()


class RelationType(_Strict):
    definition: str
    symmetric: bool = False
    # When a sentence names fewer than two parties (mediation stated apart from the talks),
    # take the parties from the document's pairs of these (symmetric) relations.
    document_parties: tuple[str, ...] = ()
    # The relation its parties have with one another ("talks between A and B mediated by C":
    # A negotiates with B), emitted when the sentence names at least two parties.
    parties_relation: str | None = None
    # Whether an office holder's part in the relation is credited to the state or group they
    # serve ("Ukrainian President Zelensky accused Moscow": Ukraine accuses Russia).
    office_holders_act_for: bool = True
    # Office titles that state this relation from a person to the state or group they
    # represent when the title stands before their name ("President X", "Hezbollah leader X"),
    # unless one of ``not_after`` qualifies the title ("former President X", "Vice President").
    office_titles: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()
    # A group noun with no actor named ("the delegation was led by X") stands for the state
    # or group the source represents.
    unnamed_group_is_sources: bool = False
    # Relations that, reported by someone other than their source, are that someone's
    # accusation ("Pakistani officials said the Taliban shelter TTP commanders": Pakistan
    # accuses Afghanistan); each with the actor types its target and its reporter must have.
    reported_as_this: dict[str, ReportedAs] = {}
    # Modifiers of a matched noun that take the relation out of its literal sense ("a verbal
    # attack", "a diplomatic campaign", "a proposed agreement"): such a match yields nothing.
    unless_modified_by: tuple[str, ...] = ()
    # The actor types a source may have (empty: any): only a person leads.
    source_types: tuple[str, ...] = ()
    # Whether a condition is part of what the relation states ("would strike if Iran ...",
    # "must withdraw or face ..."). Otherwise a relation stated only under a condition ("if
    # the talks resume, Norway could host them") is hypothetical and yields nothing.
    conditional_is_content: bool = False
    cameo: str = Field(pattern=r"^\d{2,4}$")
    plover: str


class Modality(_Strict):
    speech_verbs: tuple[str, ...] = ()
    hedge_words: tuple[str, ...] = ()
    hedge_verbs: tuple[str, ...] = ()
    negation_verbs: tuple[str, ...] = ()
    intent_verbs: tuple[str, ...] = ()
    # Nouns of intention whose complement is no event: "no intention of invading Eritrea".
    intent_nouns: tuple[str, ...] = ()
    conditional_marks: tuple[str, ...] = ()
    # Modals of the consequence of a condition: "if ..., Qatar could mediate".
    hypothetical_modals: tuple[str, ...] = ()


class PatternSpec(_Strict):
    """One dependency pattern and how its nodes map to the relation's participants."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*\.[a-z0-9_]+$")
    relation: str
    confidence: float = Field(gt=0.0, le=1.0)
    trigger: str
    source: str | None = None
    subject_of: str | None = None
    target: str | None = None
    parties: tuple[str, ...] = ()
    # The subjects relate to one another both ways ("Israel and Hamas blamed each other").
    reciprocal: bool = False
    # The target node is a deed named without its doer ("condemned the launch"): the target is
    # whoever the article said did that deed before ("North Korea launched a missile").
    target_is_doer: bool = False
    # The pattern states the relation does not hold ("ruled out talks with the TTP").
    negates: bool = False
    # The target node without its conjuncts ("the Saudi-backed government" in "the Houthis
    # and the Saudi-backed government").
    target_alone: bool = False
    # Every node lies in the root node's own clause: a ">>" step may not pass through another
    # verb ("relaying messages ..., while Qatar has carried proposals to Israel").
    within_clause: bool = False
    # The match must name two parties itself ("carried Iranian proposals to Israel"); with
    # fewer it yields nothing rather than borrowing the document's talks.
    parties_named: bool = False
    # The trigger verb takes no direct object other than an actor ("Armenia and Azerbaijan
    # met", "met Pashinyan"; not "met the deadline").
    no_other_object: bool = False
    # A node naming a deed that, when the text gives it a doer, must be the source's own
    # ("warned Iran of a possible Islamic State attack" is no threat by the warner).
    own_deed: str | None = None
    pattern: tuple[dict[str, Any], ...] = Field(min_length=1)
    # Nodes that must not exist, each written like a pattern node without RIGHT_ID: a match
    # with a token of that kind below the node named by LEFT_ID yields nothing ("would respond
    # to the proposal if ...": no "to" under the hostile verb).
    absent: tuple[dict[str, Any], ...] = ()
    examples: tuple[str, ...] = ()
    # Sentences that come close (the same cue words, actors nearby) but on which the pattern
    # must not fire (checked by the test suite).
    counterexamples: tuple[str, ...] = ()

    @field_validator("parties", mode="before")
    @classmethod
    def _one_or_more(cls, value: object) -> object:
        return (value,) if isinstance(value, str) else value

    @model_validator(mode="after")
    def _check_nodes(self) -> PatternSpec:
        for index, node in enumerate(self.pattern):
            _check_node(node, f"pattern[{index}]", operator=index > 0)
        names = [node.get("RIGHT_ID") for node in self.pattern]
        for index, node in enumerate(self.absent):
            if set(node) - {"LEFT_ID", "REL_OP", "RIGHT_ATTRS"}:
                raise ValueError(f"absent[{index}]: give LEFT_ID, REL_OP and RIGHT_ATTRS only")
            if node.get("LEFT_ID") not in names:
                raise ValueError(
                    f"absent[{index}]: LEFT_ID {node.get('LEFT_ID')!r} is not a pattern node"
                )
            _check_node(node, f"absent[{index}]", operator=True)
        roles = [
            ("trigger", self.trigger),
            ("source", self.source),
            ("subject_of", self.subject_of),
            ("target", self.target),
            ("own_deed", self.own_deed),
        ]
        roles += [("parties", node) for node in self.parties]
        for role, value in roles:
            if value is not None and value not in names:
                raise ValueError(f"{role} names node {value!r}, which the pattern does not define")
        if self.target is None and not self.parties and not self.reciprocal:
            raise ValueError("a pattern needs a target or parties node")
        if self.source is not None and self.subject_of is not None:
            raise ValueError("give either source or subject_of, not both")
        if self.source is None and self.subject_of is None and not self.parties:
            raise ValueError("a pattern needs a source, subject_of or parties node")
        return self


class RelationRules(_Strict):
    relations: dict[str, RelationType]
    cues: dict[str, tuple[str, ...]] = {}
    proxies: tuple[str, ...] = ()
    group_proxies: tuple[str, ...] = ()
    # Deed nouns, each with the verbs that report the same deed ("launch": "fired").
    deed_reports: dict[str, tuple[str, ...]] = {}
    modality: Modality = Modality()
    patterns: tuple[PatternSpec, ...]

    @model_validator(mode="after")
    def _check_references(self) -> RelationRules:
        for name in self.relations:
            if name not in RELATION_NAMES:
                raise ValueError(f"unknown relation {name!r}; known: {', '.join(RELATION_NAMES)}")
        seen: set[str] = set()
        for index, spec in enumerate(self.patterns):
            if spec.id in seen:
                raise ValueError(f"patterns[{index}]: duplicate pattern id {spec.id!r}")
            seen.add(spec.id)
            if spec.relation not in self.relations:
                raise ValueError(f"patterns[{index}]: relation {spec.relation!r} is not declared")
            unknown = _cue_refs((spec.pattern, spec.absent)) - set(self.cue_lists)
            if unknown:
                raise ValueError(f"patterns[{index}]: unknown cue list ${sorted(unknown)[0]}")
        for name, relation in self.relations.items():
            others = (relation.parties_relation, *relation.document_parties)
            for other in (*others, *relation.reported_as_this):
                if other is not None and other not in self.relations:
                    raise ValueError(f"relations.{name}: {other!r} is not a declared relation")
        return self

    @classmethod
    def from_file(cls, path: Path | str) -> RelationRules:
        return load_yaml_model(Path(path), cls)

    def to_bytes(self) -> bytes:
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> RelationRules:
        return cls.model_validate(json.loads(data))

    def matcher_pattern(self, spec: PatternSpec) -> list[dict[str, Any]]:
        """The DependencyMatcher pattern of ``spec`` with every ``$cue`` expanded."""
        return [_expand(copy.deepcopy(node), self.cue_lists) for node in spec.pattern]

    def absent_nodes(self, spec: PatternSpec) -> list[dict[str, Any]]:
        """The ``absent`` nodes of ``spec`` with every ``$cue`` expanded."""
        return [_expand(copy.deepcopy(node), self.cue_lists) for node in spec.absent]

    @property
    def cue_lists(self) -> dict[str, tuple[str, ...]]:
        """The lists a pattern may name as ``$name``: the cues, and ``deed_reports`` (its
        deed nouns)."""
        return {**self.cues, "deed_reports": tuple(self.deed_reports)}


def _check_node(node: dict[str, Any], where: str, *, operator: bool) -> None:
    """Refuse a node the tree matcher cannot evaluate: an unknown operator (where the node
    has one) or attribute."""
    if operator and node.get("REL_OP") not in SUPPORTED_OPERATORS:
        raise ValueError(
            f"{where}: REL_OP {node.get('REL_OP')!r} is not supported; use one of "
            f"{', '.join(SUPPORTED_OPERATORS)}"
        )
    unknown = set(node.get("RIGHT_ATTRS", {})) - set(SUPPORTED_ATTRIBUTES)
    if unknown:
        raise ValueError(
            f"{where}: attribute {sorted(unknown)[0]!r} is not supported; use "
            f"{', '.join(SUPPORTED_ATTRIBUTES)}"
        )


def _cue_refs(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value[1:]} if value.startswith("$") else set()
    if isinstance(value, dict):
        return set().union(*(_cue_refs(v) for v in value.values())) if value else set()
    if isinstance(value, (list, tuple)):
        return set().union(*(_cue_refs(v) for v in value)) if value else set()
    return set()


def _expand(value: Any, cues: dict[str, tuple[str, ...]]) -> Any:
    if isinstance(value, str) and value.startswith("$"):
        return list(cues[value[1:]])
    if isinstance(value, dict):
        return {k: _expand(v, cues) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_expand(v, cues) for v in value]
    return value
