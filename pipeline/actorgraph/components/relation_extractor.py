"""Relation extractor: relations between actor mentions, from the dependency parse.

Patterns and cue lemmas come from ``relations.yaml`` (see its header); a relation is only
emitted where a pattern ties two actor mentions together syntactically, never for mere
co-occurrence in a sentence. For every match:

* the ``source``/``target``/``parties`` nodes are mapped to actor mentions (``_actor_finder``):
  a token inside a mention, its conjuncts ("Türkiye and Qatar"), and proxy nouns that stand for
  the actor modifying them ("the Pakistani delegation", "the government of Kabul");
* an office holder acts for the state or group they represent (``doc._.actors``): "Ukrainian
  President Zelensky accused Moscow" gives Ukraine accuses Russia, attributed to Zelensky;
  sources and parties are lifted this way, the target of a directed relation is not;
* ``attributed_to`` is the actor whose speech governs the trigger ("Kabul said that ...",
  "according to Kabul"), else the office holder the source was lifted from;
* ``hedged`` when a hedge word or verb governs the trigger ("may have", "appeared to") or
  the relation sits inside a condition ("if Iran negotiates with ..."); nothing is emitted for
  an intention ("offered to host talks", "threatened to strike"), which is not an event;
  ``negated`` when a node is negated ("did not accuse", "no talks") or the trigger is the
  complement of a denial ("denied negotiating with");
* for relations with ``document_parties`` (mediation) whose sentence names fewer than two
  parties, the parties come from the document's own negotiates-with pairs.

``doc._.relations`` receives plain dicts (token offsets, ids, scores). Coreference is
limited to a few cases: a speaker's own "it/they/we", "it" as the object of a charge ("accusing
it of"), "the group"/"the government", "whose"/"which", and a definite deed ("condemned the
launch") whose doer the article named shortly before. Relations beyond those declared in the
rules file are not found.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import ensure_path

from ..extensions import install_extensions
from ..relation_rules import PatternSpec, RelationRules
from ..resources import relations_file
from ._actor_finder import (
    ADVERBIAL_OBJECTS,
    INHERITING_DEPS,
    MODIFIER_DEPS,
    PERSON_LABELS,
    VERBAL,
    ActorFinder,
    Words,
    accusation_over,
    actor_ids,
    claimed,
    unique_spans,
)
from ._tree_matcher import TreeMatcher, token_fits

HEDGED_FACTOR = 0.75
OFFICE_TITLE_CONFIDENCE = 0.7
REPORTED_FACTOR = 0.8
DOCUMENT_PARTIES_FACTOR = 0.8
DASHED_PAIR_CONFIDENCE = 0.8
# How far up a chain of verbs a condition is looked for ("could co-host" parsed "co" + "host").
_CLAUSE_STEPS = 3
_DASHES = {"-", "–", "—", "‑"}
_ARGUMENT_DEPS = {"dobj", "pobj", "prep", "attr", "oprd"}
_COMPLEMENT_DEPS = {"ccomp", "xcomp", "pcomp", "advcl", "parataxis"}
# Words that make a description point back to sides just named ("the two sides", "that round").
_POINTING_BACK = {"two", "both", "either", "that", "those", "these", "this"}
# The relations whose pairs are "the sides" an article's talks have.
_SIDES_OF = ("negotiates-with", "agrees-with")
_HOSTILE = {"accuses", "attacks", "threatens"}  # relations that make two actors adversaries


class RelationExtractor:
    def __init__(
        self,
        nlp: Language,
        name: str = "actorgraph_relation_extractor",
        *,
        spans_key: str = "actors",
    ) -> None:
        install_extensions()
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.rules: RelationRules | None = None
        self.matcher = TreeMatcher(nlp.vocab)
        self._specs: dict[str, PatternSpec] = {}

    # -- data --------------------------------------------------------------------------------
    def initialize(
        self,
        get_examples: Callable[[], Iterable] | None = None,
        *,
        nlp: Language | None = None,
        rules: str | None = None,
    ) -> None:
        """Load the relation rules (the packaged ``relations.yaml`` when not given)."""
        self._set_rules(RelationRules.from_file(rules or relations_file()))

    def _set_rules(self, rules: RelationRules) -> None:
        self.rules = rules
        # The patterns are DependencyMatcher patterns; TreeMatcher finds the same matches about
        # seven times faster (see _tree_matcher.py).
        self.matcher = TreeMatcher(self.nlp.vocab)
        self._specs = {}
        for spec in rules.patterns:
            self.matcher.add(spec.id, rules.matcher_pattern(spec))
            self._specs[spec.id] = spec
        self._absent = {spec.id: rules.absent_nodes(spec) for spec in rules.patterns if spec.absent}
        self._words = Words.from_rules(rules)
        self._speech = self._words.speech_verbs
        self._hedge_words = frozenset(rules.modality.hedge_words)
        self._hedge_verbs = frozenset(rules.modality.hedge_verbs)
        self._negation_verbs = frozenset(rules.modality.negation_verbs)
        self._conditional_marks = frozenset(rules.modality.conditional_marks)
        self._hypothetical_modals = frozenset(rules.modality.hypothetical_modals)
        self._intent_verbs = frozenset(rules.modality.intent_verbs)
        self._intent_nouns = frozenset(rules.modality.intent_nouns)
        self._reported = {
            kind: (name, frozenset(reported.targets), frozenset(reported.reporters))
            for name, relation in rules.relations.items()
            for kind, reported in relation.reported_as_this.items()
        }
        self._office_specs = [
            (
                PatternSpec(
                    id=f"{name.split('-')[0]}.office_title",
                    relation=name,
                    confidence=OFFICE_TITLE_CONFIDENCE,
                    trigger="title",
                    source="person",
                    target="title",
                    # not matched: the title and the person it stands before (see below)
                    pattern=(
                        {"RIGHT_ID": "title", "RIGHT_ATTRS": {}},
                        {"LEFT_ID": "title", "REL_OP": ">", "RIGHT_ID": "person"},
                    ),
                ),
                frozenset(relation.office_titles),
                frozenset(relation.not_after),
            )
            for name, relation in rules.relations.items()
            if relation.office_titles
        ]
        self._talk_nouns = frozenset(rules.cues.get("talk_nouns", ()))
        self._gatherings = frozenset(rules.cues.get("gathering_nouns", ()))
        self._dashed_spec = PatternSpec(
            id="negotiates.dashed_pair",
            relation="negotiates-with",
            confidence=DASHED_PAIR_CONFIDENCE,
            trigger="talks",
            parties=("talks",),
            # not matched: the talks noun and the "A–B" before it (see _dashed_pairs)
            pattern=({"RIGHT_ID": "talks", "RIGHT_ATTRS": {}},),
        )

    # -- processing --------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        if self.rules is None:  # added with nlp.add_pipe and never initialised
            self.initialize()
        spans = doc.spans[self.spans_key]
        mentions = {i: span for span in spans for i in range(span.start, span.end)}
        finder = ActorFinder(mentions, self._words)
        found: dict[tuple, dict] = {}
        open_mediations: list[tuple[PatternSpec, dict[str, Token], list[Span], list[Span]]] = []
        for match_id, token_ids in sorted(self.matcher(doc), key=lambda m: (m[1][0], m[0])):
            spec = self._specs[self.nlp.vocab.strings[match_id]]
            nodes = {
                node["RIGHT_ID"]: doc[i] for node, i in zip(spec.pattern, token_ids, strict=True)
            }
            self._relate(spec, nodes, finder, found, open_mediations)
        self._dashed_pairs(doc, finder, found)
        self._link_to_talks(doc, found, finder, open_mediations)
        self._relate_by_office(doc, finder, found)
        self._act_for_what_they_lead(doc, found)
        self._reported_accusations(doc, found)
        doc._.relations = sorted(
            found.values(),
            key=lambda r: (r["sentence"][0], r["trigger"], r["relation"], r["source"], r["target"]),
        )
        return doc

    def _relate(
        self,
        spec: PatternSpec,
        nodes: dict[str, Token],
        finder: ActorFinder,
        found: dict,
        open_mediations: list,
    ) -> None:
        """The relations one pattern match states (mediations without parties wait)."""
        if spec.within_clause and not _in_one_clause(nodes, spec):
            return
        if any(_present(node, nodes) for node in self._absent.get(spec.id, ())):
            return  # "would respond to the proposal if": a node the pattern rules out
        if spec.no_other_object and any(
            c.dep_ == "dobj"
            and c.lemma_.lower() not in ADVERBIAL_OBJECTS
            and not finder.actors_at(c)
            for c in nodes[spec.trigger].children
        ):
            return  # "both met the deadline": no meeting ("met face to face" is one)
        barred = self.rules.relations[spec.relation].unless_modified_by
        if barred and any(
            c.dep_ in ("amod", "compound") and c.lower_ in barred
            for token in nodes.values()
            if token.pos_ in ("NOUN", "PROPN")
            for c in token.children
        ):
            return  # "a scathing attack on Britain", "a proposed agreement between"
        roles = {spec.trigger, spec.source, spec.subject_of, spec.target, *spec.parties}
        if any(_second_object(nodes[name]) for name in roles if name is not None):
            return  # a verb has one direct object: a second one is a misparse
        if any(head.lemma_ in self._intent_verbs for head in _governors(nodes, adjuncts=False)):
            return  # "offered to host talks", "threatened to strike": not an event
        if self._intended(nodes[spec.trigger]):
            return  # "has no intention of invading Eritrea": not an event
        relation = self.rules.relations[spec.relation]
        if not relation.conditional_is_content and self._hypothetical(nodes[spec.trigger]):
            return  # "if the talks resume, Norway could host them": not an event
        if spec.source:
            sources = finder.actors_at(nodes[spec.source])
        elif spec.subject_of:
            sources = finder.subject_actors(nodes[spec.subject_of])
        else:
            sources = []
        if spec.own_deed is not None and sources:
            doers = [
                finder.mentions[c.i]
                for c in nodes[spec.own_deed].children
                if c.dep_ in MODIFIER_DEPS and c.i in finder.mentions
            ]
            if doers and not actor_ids(doers) & {self._acting_for(s, s.doc)[0] for s in sources}:
                return  # the deed warned of is someone else's
        if (
            relation.symmetric
            and spec.subject_of
            and finder.non_party_subject(nodes[spec.subject_of])
        ):
            sources = []  # "Qatari mediators resumed talks between A and B": not a side
        if spec.target_is_doer:
            targets = finder.doers_before(nodes[spec.target])
        elif spec.target:
            targets = finder.actors_at(nodes[spec.target], conjuncts=not spec.target_alone)
        else:
            targets = []
        parties = unique_spans([p for node in spec.parties for p in finder.parties_of(nodes[node])])
        if spec.reciprocal:  # "Israel and Hamas blamed each other", "clashes between A and B"
            for source, target in _pairs(unique_spans(sources + parties)):
                self._add(found, finder, spec, nodes, source, target, 1.0)
                self._add(found, finder, spec, nodes, target, source, 1.0)
            return
        if not targets and spec.target and relation.unnamed_group_is_sources:
            targets = self._groups_of(nodes[spec.target], sources, finder)
        if not targets and spec.target and sources:
            # "Iran suspended cooperation with the agency, accusing it of ...": the actor
            # named last before "it", other than the source
            targets = finder.pronoun_antecedent(nodes[spec.target], actor_ids(sources))
        if not targets and spec.target and sources and finder.names_the_sides(nodes[spec.target]):
            # "urged both sides to", "did not blame either side": the sides of the talks
            # the article reported last
            open_mediations.append((spec, nodes, sources, []))
            return
        both_sides = (
            relation.symmetric
            and relation.document_parties
            and not sources
            and not parties
            and spec.subject_of
            and self._both_sides(nodes[spec.subject_of])
        )
        if both_sides:  # "both countries agreed": the sides of the document's talks
            open_mediations.append((spec, nodes, [], []))
            return
        if relation.symmetric:
            pairs = _symmetric_pairs(sources, targets + parties, finder, nodes, spec)
        elif spec.parties:
            parties = [p for p in parties if p.kb_id_ not in {s.kb_id_ for s in sources}]
            if relation.document_parties and len(actor_ids(parties)) < 2:
                framing = [p for node in spec.parties for p in finder.clause_parties(nodes[node])]
                framing = [p for p in framing if p.kb_id_ not in {s.kb_id_ for s in sources}]
                if len(actor_ids(framing)) >= 2:
                    parties = framing  # "restored relations with Tehran under a deal brokered"
                elif any(
                    finder.has_party_phrase(nodes[node], preps=("between", "among"))
                    for node in spec.parties
                ):
                    # "an agreement between Chad's rulers and dozens of rebel groups": the
                    # sides the text names, and not the talks the article is about
                    for source, party in ((s, p) for s in sources for p in parties):
                        self._add(found, finder, spec, nodes, source, party, 1.0)
                    return
                else:
                    # a gathering ("will host the bloc's summit") borrows no talks
                    gathering = any(
                        nodes[node].lemma_.lower() in self._gatherings for node in spec.parties
                    )
                    if not spec.parties_named and not gathering:
                        open_mediations.append((spec, nodes, sources, parties))
                    return
            pairs = [(s, p) for s in sources for p in parties]
            if relation.parties_relation:
                for a, b in _pairs(parties):
                    self._add(
                        found,
                        finder,
                        spec,
                        nodes,
                        a,
                        b,
                        1.0,
                        relation=relation.parties_relation,
                    )
        else:
            pairs = [(s, t) for s in sources for t in targets]
        for source, target in pairs:
            self._add(found, finder, spec, nodes, source, target, 1.0)

    def _groups_of(self, token: Token, sources: list[Span], finder: ActorFinder) -> list[Span]:
        """ "The delegation was led by X": an unnamed group noun is the group of the state or
        group X represents."""
        if token.lemma_.lower() not in finder.words.proxies or token.i in finder.mentions:
            return []
        if any(c.dep_ in MODIFIER_DEPS for c in token.children):
            return []  # "a Hamas delegation" the resolver could not name: not the leader's
        out = []
        for source in sources:
            represents = ((token.doc._.actors or {}).get(source.kb_id_) or {}).get("represents")
            if represents:
                out.append(Span(token.doc, token.i, token.i + 1, kb_id=represents))
        return out

    def _both_sides(self, verb: Token) -> bool:
        """Whether a verb's subject is "both sides" ("both countries agreed to ...")."""
        return any(
            child.dep_ == "nsubj"
            and child.lemma_.lower() in self._words.both_sides_nouns
            and any(d.lower_ in ("both", "two") for d in child.children)
            for child in verb.children
        )

    def _add(
        self,
        found: dict,
        finder: ActorFinder,
        spec: PatternSpec,
        nodes: dict[str, Token],
        source: Span,
        target: Span,
        factor: float,
        *,
        relation: str | None = None,
    ) -> None:
        relation = relation or spec.relation
        trigger = nodes[spec.trigger]
        symmetric = self.rules.relations[relation].symmetric
        # Parties to talks act for their side, as sources do; the target of a directed
        # relation is who it is aimed at ("accused Zelensky" stays with the person).
        lift = self.rules.relations[relation].office_holders_act_for
        source_id, speaker = (
            self._acting_for(source, trigger.doc) if lift else (source.kb_id_, None)
        )
        lift_target = lift and (symmetric or spec.target is None)
        target_id = self._acting_for(target, trigger.doc)[0] if lift_target else target.kb_id_
        if source_id == target_id:
            return
        source_types = self.rules.relations[relation].source_types
        if source_types and source.label_ not in source_types:
            return  # "holdout groups led by the NAS": a group leads nothing
        sent = trigger.sent
        hedged = self._hedged(nodes, trigger)
        claimant = self._speaker(trigger, finder)
        for node in nodes.values():
            accusation = _accusation_above(node, self._words.accuse_verbs)
            if accusation is not None and self._negated({"accusation": accusation}):
                return  # "did not accuse Russia of targeting Romania": nothing is alleged
            if accusation is not None:  # "Sudan accused the UAE of arming the RSF"
                agents = [
                    g
                    for c in accusation.children
                    if c.dep_ == "agent"
                    for g in c.children
                    if g.dep_ == "pobj"
                ]  # "was accused by Kinshasa of ..."
                accusers = (
                    finder.actors_at(agents[0]) if agents else finder.subject_actors(accusation)
                )
                claimant = accusers[0] if accusers else claimant
                hedged = True  # an allegation, not an established fact
                break
        confidence = spec.confidence * factor * (HEDGED_FACTOR if hedged else 1.0)
        record = {
            "relation": relation,
            "source": source_id,
            "target": target_id,
            "source_span": [source.start, source.end],
            "target_span": [target.start, target.end],
            "trigger": trigger.i,
            "sentence": [sent.start, sent.end],
            "confidence": round(confidence, 4),
            "attributed_to": claimant.kb_id_ if claimant is not None else speaker,
            "claimant_span": [claimant.start, claimant.end] if claimant is not None else None,
            "hedged": hedged,
            "negated": spec.negates or self._negated(nodes),
            "pattern": spec.id,
        }
        ends = (record["source"], record["target"])
        if symmetric:
            ends = tuple(sorted(ends))
        key = (relation, *ends, sent.start)
        if key not in found or found[key]["confidence"] < record["confidence"]:
            found[key] = record

    @staticmethod
    def _acting_for(span: Span, doc: Doc) -> tuple[str, str | None]:
        """The actor a mention acts for, and the office holder when it is one.

        An office holder acts for the state or group they represent ("Ukrainian President
        Volodymyr Zelensky accused Moscow": Ukraine accuses Russia, said by Zelensky).
        """
        info = (doc._.actors or {}).get(span.kb_id_) or {}
        represents = info.get("represents")
        if represents:
            return represents, span.kb_id_
        return span.kb_id_, None

    def _link_to_talks(
        self, doc: Doc, found: dict, finder: ActorFinder, open_mediations: list
    ) -> None:
        """Give mediations stated apart from their talks the parties of the document's talks.

        The talks are the document's non-negated pairs of the relations the mediation's
        ``document_parties`` names (negotiations, agreements); of the pairs that include every
        party the mediation sentence names, the one stated in the mediation's own sentence is
        chosen, else (for "both sides agreed") the one reported last before it, else the one
        reported most often (then first). A description that points back ("between the two
        governments") takes only talks reported before it, and with none the two sides the
        article named last before it as adversaries (`_rivals_before`). With no such pair, the
        mediation goes to the parties the sentence names, if any.
        """
        talks: Counter[tuple[str, frozenset]] = Counter()
        mentions: dict[tuple[str, frozenset], list[Span]] = {}
        talk_sentences: dict[tuple[str, frozenset], set[int]] = {}
        for record in found.values():
            if record["negated"]:
                continue
            key = (record["relation"], frozenset((record["source"], record["target"])))
            talks[key] += 1
            talk_sentences.setdefault(key, set()).add(record["sentence"][0])
            ends = [
                Span(doc, *record[f"{end}_span"], kb_id=record[end]) for end in ("source", "target")
            ]
            mentions.setdefault(key, ends)
        order = list(mentions)
        stated = {
            (r["relation"], r["source"], r["sentence"][0]) for r in found.values()
        }  # mediations whose parties their own sentence names
        for spec, nodes, sources, named in open_mediations:
            sentence = nodes[spec.trigger].sent.start
            sources = [
                s
                for s in sources
                if (spec.relation, self._acting_for(s, s.doc)[0], sentence) not in stated
            ]
            mediators = actor_ids(sources)
            kinds = self.rules.relations[spec.relation].document_parties or _SIDES_OF
            fitting = [
                key
                for key in order
                if key[0] in kinds and actor_ids(named) <= key[1] and not key[1] & mediators
            ]
            symmetric = self.rules.relations[spec.relation].symmetric
            points_back = _points_back(nodes)
            recent = symmetric or points_back
            rivals = None
            if points_back:
                # a description that points back ("the two governments") points to talks
                # reported before it, not to a phone call two paragraphs later; with none,
                # to the two sides of the dispute reported before it
                fitting = [k for k in fitting if min(talk_sentences[k]) <= sentence]
                if not fitting and not symmetric:
                    rivals = _rivals_before(found, doc, sentence, mediators | actor_ids(named))
            if rivals:
                parties, factor = rivals, DOCUMENT_PARTIES_FACTOR
            elif fitting:
                # "both delegations agreed", "shuttled between the two rooms": the sides just
                # reported; a bare "Qatar mediated": the talks the article is about
                best = max(
                    fitting,
                    key=lambda pair: _talks_rank(
                        pair, sentence, talk_sentences, talks, order, recent_first=recent
                    ),
                )
                parties, factor = mentions[best], DOCUMENT_PARTIES_FACTOR
            else:
                parties, factor = named, 1.0
            if symmetric:  # "both sides agreed"
                for a, b in _pairs(parties):
                    self._add(found, finder, spec, nodes, a, b, factor)
            for source in sources:
                for party in parties:
                    self._add(found, finder, spec, nodes, source, party, factor)
            implied = self.rules.relations[spec.relation].parties_relation
            if sources and fitting and implied and best[0] != implied:
                # "a track brokered by the US produced an agreement between A and B": a
                # mediated agreement was negotiated
                for a, b in _pairs(parties):
                    self._add(found, finder, spec, nodes, a, b, factor, relation=implied)

    def _act_for_what_they_lead(self, doc: Doc, found: dict) -> None:
        """A person the registry places nowhere acts for what the article says they lead:
        "the Houthi delegation was led by al-Murtada, who accused the government" gives the
        Houthis accuse Yemen, said by al-Murtada. Only relations whose office holders act for
        their side are moved, and only by an asserted leads relation to a single actor."""
        actors = doc._.actors or {}
        led: dict[str, set[str]] = {}
        for record in found.values():
            if record["relation"] == "leads" and not record["negated"]:
                led.setdefault(record["source"], set()).add(record["target"])
        if not led:
            return
        for key, record in list(found.items()):
            relation = self.rules.relations[record["relation"]]
            if not relation.office_holders_act_for:
                continue
            if relation.symmetric and record["target"] in led and record["source"] not in led:
                # "talks with LNA commanders" led by the EU's commissioner: either end may be
                # the leader, however the pair was sorted
                record = {
                    **record,
                    "source": record["target"],
                    "target": record["source"],
                    "source_span": record["target_span"],
                    "target_span": record["source_span"],
                }
            info = actors.get(record["source"]) or {}
            sides = led.get(record["source"], set())
            if info.get("type") not in PERSON_LABELS or info.get("represents") or len(sides) != 1:
                continue
            (side,) = sides
            if side == record["target"]:
                continue
            moved = {
                **record,
                "source": side,
                "attributed_to": record["attributed_to"] or record["source"],
            }
            del found[key]
            ends = (side, record["target"])
            if relation.symmetric:
                ends = tuple(sorted(ends))
            new_key = (record["relation"], *ends, record["sentence"][0])
            if new_key not in found or found[new_key]["confidence"] < moved["confidence"]:
                found[new_key] = moved

    def _dashed_pairs(self, doc: Doc, finder: ActorFinder, found: dict) -> None:
        """ "Congo–Rwanda talks": two actors joined by a hyphen or dash right before a talks
        noun are its sides, however the parser attached the three words."""
        if "negotiates-with" not in self.rules.relations:
            return
        for token in doc:
            if token.lemma_.lower() not in self._talk_nouns or token.i < 3:
                continue
            second = finder.mentions.get(token.i - 1)
            if second is None or second.end != token.i or second.start < 2:
                continue
            dash = doc[second.start - 1]
            first = finder.mentions.get(dash.i - 1)
            if dash.text not in _DASHES or first is None or first.kb_id_ == second.kb_id_:
                continue
            nodes = {"talks": token}
            self._add(found, finder, self._dashed_spec, nodes, first, second, 1.0)

    def _reported_accusations(self, doc: Doc, found: dict) -> None:
        """A wrongdoing that someone else reports is their accusation against its source.

        "Pakistani officials said the Taliban government shelters TTP commanders" gives
        Afghanistan supports TTP, attributed to Pakistan, and Pakistan accuses Afghanistan, on
        the same evidence. Which relations count, with which targets and reporters, is
        ``reported_as_this`` in the rules file; support given to an actor the reporter accuses,
        attacks or threatens elsewhere in the article counts whatever its type.
        """
        actors = doc._.actors or {}
        hostile = {
            frozenset((r["source"], r["target"]))
            for r in found.values()
            if r["relation"] in _HOSTILE and not r["negated"]
        }
        for record in list(found.values()):
            kind = self._reported.get(record["relation"])
            speaker = record["attributed_to"]
            if kind is None or speaker is None or record["negated"]:
                continue
            relation, target_types, reporter_types = kind
            accuser = (actors.get(speaker) or {}).get("represents") or speaker
            # support given to the reporter's adversary is an accusation too ("Ukraine says
            # China supplied engines for Russia's drones")
            adversary = frozenset((accuser, record["target"])) in hostile
            if (
                target_types
                and (actors.get(record["target"]) or {}).get("type") not in target_types
                and not adversary
            ):
                continue
            if accuser == record["source"] or record["claimant_span"] is None:
                continue
            if reporter_types and (actors.get(accuser) or {}).get("type") not in reporter_types:
                continue
            derived = {
                **record,
                "relation": relation,
                "source": accuser,
                "target": record["source"],
                "source_span": record["claimant_span"],
                "target_span": record["source_span"],
                "confidence": round(record["confidence"] * REPORTED_FACTOR, 4),
                "attributed_to": speaker,
                "pattern": f"{relation}.reported_{record['relation'].replace('-', '_')}",
            }
            key = (relation, accuser, record["source"], record["sentence"][0])
            if key not in found or found[key]["confidence"] < derived["confidence"]:
                found[key] = derived

    def _relate_by_office(self, doc: Doc, finder: ActorFinder, found: dict) -> None:
        """Relations an office title states by itself: "President X" leads the state X
        represents (the office held on the article's date, or the actor named before the title).

        The title is the trigger; the target mention is the actor named before the title, else
        the title itself ("an aide to President Vladimir Putin").
        """
        titles = {title.end: title for title in doc.spans.get("titles", [])}
        if not titles:
            return
        for spec, offices, barred in self._office_specs:
            for span in doc.spans[self.spans_key]:
                title = titles.get(span.start)
                represents = ((doc._.actors or {}).get(span.kb_id_) or {}).get("represents")
                if title is None or represents is None or represents == span.kb_id_:
                    continue
                words = [t.lower_ for t in title]
                i = title.start - 1
                if i >= 0 and doc[i].tag_ == "POS":
                    i -= 1
                named = finder.mentions.get(i)
                if named is not None:  # "former Pakistani President": look past the actor
                    i = named.start - 1
                if i >= 1 and doc[i].text in _DASHES:
                    i -= 1  # "Vice-President", tokenised "Vice", "-", "President"
                before = doc[i].lower_ if i >= 0 else ""
                if before in barred or barred.intersection(words):
                    continue
                while " ".join(words) not in offices and len(words) > 1:
                    words = words[1:]  # "Acting President": the office is "president"
                if " ".join(words) not in offices:
                    continue
                if named is not None and named.kb_id_ == represents:
                    target = named
                else:
                    target = Span(doc, title.start, title.end, kb_id=represents)
                nodes = {"title": doc[title.end - 1], "person": span[0]}
                self._add(found, finder, spec, nodes, span, target, 1.0)

    def _speaker(self, trigger: Token, finder: ActorFinder) -> Span | None:
        """The actor mention whose speech governs the trigger ("Kabul said that ...",
        "according to Kabul")."""
        token = trigger
        while token.head.i != token.i:
            if token.dep_ in _COMPLEMENT_DEPS and token.head.lemma_ in self._speech:
                # "Rwanda rejected the claim, saying the DRC backs the FDLR": the speaker of a
                # participle is its clause's subject
                actors = finder.subject_actors(token.head)
                return actors[0] if actors else None
            token = token.head
        for token in trigger.sent:
            if token.lower_ == "according" and token.i + 1 < len(token.doc):
                to = token.doc[token.i + 1]
                for child in to.children:
                    if child.dep_ == "pobj":
                        actors = finder.actors_at(child)
                        return actors[0] if actors else None
        return None

    def _hedged(self, nodes: dict[str, Token], trigger: Token) -> bool:
        """A hedge on the matched words ("may", "allegedly"), a condition on the trigger
        ("if Iran negotiates with ..."; not "warned of steps if Kabul fails", where the
        condition is part of the threat), or a hedging verb whose complement the relation is
        ("appeared to blame", "offered to negotiate")."""
        for token in nodes.values():
            conditioned = token.i == trigger.i or token.is_ancestor(trigger)
            for child in token.children:
                if child.dep_ in ("aux", "advmod", "amod") and child.lower_ in self._hedge_words:
                    return True
                if conditioned and child.dep_ == "mark" and child.lower_ in self._conditional_marks:
                    return True
        if any(token.lemma_ in self._hedge_verbs for token in nodes.values()):
            return True  # "Seoul suggested that Pyongyang was behind the hacking"
        return any(head.lemma_ in self._hedge_verbs for head in _governors(nodes))

    def _intended(self, trigger: Token) -> bool:
        """Whether the trigger is what a noun of intention is about: "no intention of
        invading", "plans to strike"."""
        owner = None
        if trigger.dep_ == "pcomp" and trigger.head.dep_ == "prep":
            owner = trigger.head.head
        elif trigger.dep_ == "acl":
            owner = trigger.head
        return owner is not None and owner.lemma_.lower() in self._intent_nouns

    def _hypothetical(self, trigger: Token) -> bool:
        """Whether the trigger's clause is a condition ("if Baku and Moscow agree") or the
        consequence of one, with a modal ("if ..., Kazakhstan could host a meeting")."""
        verb = trigger
        while verb.pos_ not in VERBAL and verb.head.i != verb.i:
            verb = verb.head
        if verb.pos_ not in VERBAL:
            return False
        for _ in range(_CLAUSE_STEPS):  # up through "co-host" split as "co" + "host"
            if verb.dep_ == "advcl" and self._conditional(verb):
                return True
            children = list(verb.children)
            modal = any(c.dep_ == "aux" and c.lower_ in self._hypothetical_modals for c in children)
            if modal and any(c.dep_ == "advcl" and self._conditional(c) for c in children):
                return True
            if verb.dep_ not in ("xcomp", "advcl", "conj") or verb.head.i == verb.i:
                return False
            verb = verb.head
        return False

    def _conditional(self, clause: Token) -> bool:
        marks = self._conditional_marks
        return any(c.dep_ == "mark" and c.lower_ in marks for c in clause.children)

    def _negated(self, nodes: dict[str, Token]) -> bool:
        """A negation on the matched words ("did not accuse", "no talks"), or a denying verb
        whose complement the relation is ("denied negotiating", "refused to meet", "stopped
        short of blaming")."""
        for token in nodes.values():
            for child in token.children:
                if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
                    return True
            short = token.head.head if token.dep_ == "pcomp" and token.head.lower_ == "of" else None
            if (
                short is not None
                and short.lower_ == "short"
                and short.head.lemma_ in (self._negation_verbs | {"fall"})
            ):
                return True  # "stopped (fell) short of blaming Pakistan"
        return any(head.lemma_ in self._negation_verbs for head in _governors(nodes))

    # -- serialization -----------------------------------------------------------------------
    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return self.rules.to_bytes() if self.rules else b""

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> RelationExtractor:
        if data:
            self._set_rules(RelationRules.from_bytes(data))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "rules.json").write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> RelationExtractor:
        return self.from_bytes((ensure_path(path) / "rules.json").read_bytes())


def _present(node: dict, nodes: dict[str, Token]) -> bool:
    """Whether an ``absent`` node finds a token below the match node it hangs from."""
    left = nodes[node["LEFT_ID"]]
    below = left.children if node["REL_OP"] == ">" else left.subtree
    attrs = node.get("RIGHT_ATTRS", {})
    return any(t.i != left.i and token_fits(t, attrs) for t in below)


def _in_one_clause(nodes: dict[str, Token], spec: PatternSpec) -> bool:
    """Whether no node hangs below the pattern's root through another verb."""
    root = nodes[spec.pattern[0]["RIGHT_ID"]]
    for token in nodes.values():
        while token.i != root.i and token.head.i != token.i:
            token = token.head
            if token.i != root.i and token.pos_ in VERBAL:
                return False
    return True


def _accusation_above(token: Token, accuse_verbs: frozenset[str]) -> Token | None:
    """The accusing verb whose charge ``token`` belongs to, through the verbs that share its
    subject: "accused Rwanda of sending troops to reinforce the M23" covers "reinforce"."""
    while True:
        accusation = accusation_over(token, accuse_verbs)
        if accusation is not None or token.dep_ not in INHERITING_DEPS:
            return accusation
        if token.head.i == token.i:
            return None
        token = token.head


def _second_object(token: Token) -> bool:
    """Whether a direct object has a sibling direct object nearer to their verb."""
    if token.dep_ != "dobj":
        return False
    distance = abs(token.i - token.head.i)
    return any(
        c.dep_ == "dobj" and c.i != token.i and abs(c.i - token.head.i) < distance
        for c in token.head.children
    )


def _governors(nodes: dict[str, Token], *, adjuncts: bool = True) -> list[Token]:
    """The verbs whose clausal complement the match is: from the match's topmost word up,
    as long as each step is a complement ("said that ...", "appeared to ...", "denied ...ing");
    a match inside a subject or a relative clause has none."""
    top = min(nodes.values(), key=lambda t: sum(1 for _ in t.ancestors))
    out = []
    if not adjuncts and top.dep_ in ("pobj", "prep"):
        # an intention is what its complement says: "agreed to end the dispute after mediation
        # by Turkey" intends the ending, not the mediation
        return out
    if top.pos_ not in VERBAL and top.dep_ in _ARGUMENT_DEPS:
        # a nominal match ("talks between A and B") is governed by the verb it is an argument
        # of: "Kenya offered to host talks between ..." is an offer, not talks
        while top.pos_ not in VERBAL and top.head.i != top.i and top.dep_ in _ARGUMENT_DEPS:
            top = top.head
        if top.pos_ in VERBAL:
            out.append(top)
    while top.head.i != top.i:
        if top.dep_ in _COMPLEMENT_DEPS:
            top = top.head
        elif claimed(top):  # "rejected claims that it had attacked ...": the claim's verb
            top = top.head.head
        else:
            break
        out.append(top)
    return out


def _points_back(nodes: dict[str, Token]) -> bool:
    """Whether a match names its parties by a description that points back to sides just
    named ("between the two sides", "both delegations", "the two capitals", "that round")."""
    for token in nodes.values():
        for t in token.subtree:
            if t.lower_ in _POINTING_BACK and t.dep_ in ("nummod", "det", "predet"):
                return True
    return False


def _rivals_before(found: dict, doc: Doc, sentence: int, excluded: set[str]) -> list[Span]:
    """The two sides an article named last before ``sentence`` as adversaries (an asserted
    accusation, attack or threat) or as sides of talks that did not happen ("have held no
    negotiations"), neither of them ``excluded``."""
    last: tuple[int, dict] | None = None
    for record in found.values():
        pair = frozenset((record["source"], record["target"]))
        hostile = record["relation"] in _HOSTILE and not record["negated"]
        no_talks = record["relation"] in _SIDES_OF and record["negated"]
        at = record["sentence"][0]
        if not (hostile or no_talks) or at >= sentence or pair & excluded or len(pair) != 2:
            continue
        if last is None or at > last[0]:
            last = (at, record)
    if last is None:
        return []
    record = last[1]
    return [Span(doc, *record[f"{end}_span"], kb_id=record[end]) for end in ("source", "target")]


def _talks_rank(
    pair: tuple[str, frozenset],
    sentence: int,
    talk_sentences: dict[tuple[str, frozenset], set[int]],
    talks: Counter,
    order: list,
    *,
    recent_first: bool,
) -> tuple:
    """How well the document's talks ``pair`` fits a mediation (or "both sides agreed") in
    ``sentence``: talks stated in that sentence first; for sides named by a description that
    points back ("both sides", "the two delegations"), the talks reported last before it; then
    the talks reported most often, then first."""
    stated = talk_sentences[pair]
    recent = max((s for s in stated if s <= sentence), default=-1) if recent_first else 0
    return (sentence in stated, recent, talks[pair], -order.index(pair))


def _pairs(spans: list[Span]) -> list[tuple[Span, Span]]:
    return [(a, b) for i, a in enumerate(spans) for b in spans[i + 1 :]]


def _symmetric_pairs(
    sources: list[Span],
    others: list[Span],
    finder: ActorFinder,
    nodes: dict[str, Token],
    spec: PatternSpec,
) -> list[tuple[Span, Span]]:
    """Who negotiates (or agrees) with whom.

    With a subject and named partners, each subject pairs with each partner ("Iran held talks
    with Britain, France and Germany": not Britain with France). Without a subject, the named
    parties pair among themselves ("talks between A and B"). Coordinated subjects pair among
    themselves only when the sentence names no partner phrase at all ("Rwanda and the DRC held
    talks"; not "X and Y held separate consultations with civilian groups").
    """
    sources, others = unique_spans(sources), unique_spans(others)
    if sources and others:
        return [(s, o) for s in sources for o in others if s.kb_id_ != o.kb_id_]
    if not sources:
        return _pairs(others)
    if any(finder.has_party_phrase(nodes[node]) for node in spec.parties):
        return []  # "X and Y held separate consultations with civilian groups"
    return _pairs(sources)


@Language.factory(
    "actorgraph_relation_extractor",
    assigns=["doc._.relations"],
    requires=["doc.spans", "token.dep", "token.lemma"],
    default_config={"spans_key": "actors"},
)
def make_relation_extractor(nlp: Language, name: str, *, spans_key: str) -> RelationExtractor:
    return RelationExtractor(nlp, name, spans_key=spans_key)
