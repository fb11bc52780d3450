"""Relation extractor: relations between actor mentions, from the dependency parse.

Patterns and cue lemmas come from ``relations.yaml`` (see its header); a relation is only
emitted where a pattern ties two actor mentions together syntactically, never for mere
co-occurrence in a sentence. For every match:

* the ``source``/``target``/``parties`` nodes are mapped to actor mentions: a token inside a
  mention, its conjuncts ("Türkiye and Qatar"), and proxy nouns that stand for the actor
  modifying them ("the Pakistani delegation", "the government of Kabul");
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

``doc._.relations`` receives plain dicts (token offsets, ids, scores). Not yet handled:
pronoun coreference, speakers who are the source of the claim they report, and relations
beyond those declared in the rules file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import ensure_path

from ..extensions import install_extensions
from ..gated_matcher import GatedDependencyMatcher
from ..relation_rules import PatternSpec, RelationRules
from ..resources import relations_file

HEDGED_FACTOR = 0.75
DOCUMENT_PARTIES_FACTOR = 0.8
_MODIFIER_DEPS = {"compound", "amod", "nmod", "poss", "npadvmod"}
_PARTY_PREPS = {"between", "with", "among"}
_PROXY_PREPS = {"of", "from"}
_VERB_TAGS = {"VBN", "VBD", "VBG"}
_VERBAL = {"VERB", "AUX"}
_ARGUMENT_DEPS = {"dobj", "pobj", "prep", "attr", "oprd"}
_INHERITING_DEPS = {"conj", "xcomp", "advcl"}
_RELATIVE_PRONOUNS = {"which", "who", "that"}
_COMPLEMENT_DEPS = {"ccomp", "xcomp", "pcomp", "advcl", "parataxis"}


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
        self.matcher = GatedDependencyMatcher(nlp.vocab)
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
        self.matcher = GatedDependencyMatcher(self.nlp.vocab)
        self._specs = {}
        for spec in rules.patterns:
            self.matcher.add(spec.id, [rules.matcher_pattern(spec)])
            self._specs[spec.id] = spec
        self._group_proxies = frozenset(rules.group_proxies)
        self._proxies = frozenset(rules.proxies) | self._group_proxies
        self._speech = frozenset(rules.modality.speech_verbs)
        self._hedge_words = frozenset(rules.modality.hedge_words)
        self._hedge_verbs = frozenset(rules.modality.hedge_verbs)
        self._negation_verbs = frozenset(rules.modality.negation_verbs)
        self._conditional_marks = frozenset(rules.modality.conditional_marks)
        self._intent_verbs = frozenset(rules.modality.intent_verbs)

    # -- processing --------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        if self.rules is None:  # added with nlp.add_pipe and never initialised
            self.initialize()
        spans = doc.spans[self.spans_key]
        mentions = {i: span for span in spans for i in range(span.start, span.end)}
        finder = _ActorFinder(mentions, self._proxies, self._group_proxies)
        found: dict[tuple, dict] = {}
        open_mediations: list[tuple[PatternSpec, dict[str, Token], list[Span], list[Span]]] = []
        for match_id, token_ids in sorted(self.matcher(doc), key=lambda m: (m[1][0], m[0])):
            spec = self._specs[self.nlp.vocab.strings[match_id]]
            nodes = {
                node["RIGHT_ID"]: doc[i] for node, i in zip(spec.pattern, token_ids, strict=True)
            }
            self._relate(spec, nodes, finder, found, open_mediations)
        self._link_to_talks(found, finder, open_mediations)
        doc._.relations = sorted(
            found.values(),
            key=lambda r: (r["sentence"][0], r["trigger"], r["relation"], r["source"], r["target"]),
        )
        return doc

    def _relate(
        self,
        spec: PatternSpec,
        nodes: dict[str, Token],
        finder: _ActorFinder,
        found: dict,
        open_mediations: list,
    ) -> None:
        """The relations one pattern match states (mediations without parties wait)."""
        if any(_second_object(token) for token in nodes.values()):
            return  # a verb has one direct object: a second one is a misparse
        if any(head.lemma_ in self._intent_verbs for head in _governors(nodes)):
            return  # "offered to host talks", "threatened to strike": not an event
        if spec.source:
            sources = finder.actors_at(nodes[spec.source])
        elif spec.subject_of:
            sources = finder.subject_actors(nodes[spec.subject_of])
        else:
            sources = []
        targets = finder.actors_at(nodes[spec.target]) if spec.target else []
        parties = _unique([p for node in spec.parties for p in finder.parties_of(nodes[node])])
        relation = self.rules.relations[spec.relation]
        if relation.symmetric:
            pairs = _symmetric_pairs(sources, targets + parties, finder, nodes, spec)
        elif spec.parties:
            parties = [p for p in parties if p.kb_id_ not in {s.kb_id_ for s in sources}]
            if relation.document_parties and len(_ids(parties)) < 2:
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

    def _add(
        self,
        found: dict,
        finder: _ActorFinder,
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
        sent = trigger.sent
        hedged = self._hedged(nodes)
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
            "attributed_to": self._speaker(trigger, finder) or speaker,
            "hedged": hedged,
            "negated": self._negated(nodes),
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

    def _link_to_talks(self, found: dict, finder: _ActorFinder, open_mediations: list) -> None:
        """Give mediations stated apart from their talks the parties of the document's talks.

        The talks are the document's non-negated pairs of the relations the mediation's
        ``document_parties`` names (negotiations, agreements); the pair reported most often
        (then first) that includes every party the mediation sentence names is chosen. With no
        such pair, the mediation goes to the parties the sentence names, if any.
        """
        talks: Counter[tuple[str, frozenset]] = Counter()
        mentions: dict[tuple[str, frozenset], list[Span]] = {}
        for record in found.values():
            if record["negated"]:
                continue
            key = (record["relation"], frozenset((record["source"], record["target"])))
            talks[key] += 1
            ends = (record["source_span"][0], record["target_span"][0])
            mentions.setdefault(key, [finder.mentions[i] for i in ends])
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
            mediators = _ids(sources)
            kinds = self.rules.relations[spec.relation].document_parties
            fitting = [
                key
                for key in order
                if key[0] in kinds and _ids(named) <= key[1] and not key[1] & mediators
            ]
            if fitting:
                best = max(fitting, key=lambda p: (talks[p], -order.index(p)))
                parties, factor = mentions[best], DOCUMENT_PARTIES_FACTOR
            else:
                parties, factor = named, 1.0
            for source in sources:
                for party in parties:
                    self._add(found, finder, spec, nodes, source, party, factor)

    def _speaker(self, trigger: Token, finder: _ActorFinder) -> str | None:
        token = trigger
        while token.head.i != token.i:
            if token.dep_ in _COMPLEMENT_DEPS and token.head.lemma_ in self._speech:
                for child in token.head.children:
                    if child.dep_ == "nsubj":
                        actors = finder.actors_at(child)
                        return actors[0].kb_id_ if actors else None
                return None
            token = token.head
        for token in trigger.sent:
            if token.lower_ == "according" and token.i + 1 < len(token.doc):
                to = token.doc[token.i + 1]
                for child in to.children:
                    if child.dep_ == "pobj":
                        actors = finder.actors_at(child)
                        return actors[0].kb_id_ if actors else None
        return None

    def _hedged(self, nodes: dict[str, Token]) -> bool:
        """A hedge on the matched words ("may", "allegedly", "if ..."), or a hedging verb
        whose complement the relation is ("appeared to blame", "offered to negotiate")."""
        for token in nodes.values():
            for child in token.children:
                if child.dep_ in ("aux", "advmod", "amod") and child.lower_ in self._hedge_words:
                    return True
                if child.dep_ == "mark" and child.lower_ in self._conditional_marks:
                    return True
        return any(head.lemma_ in self._hedge_verbs for head in _governors(nodes))

    def _negated(self, nodes: dict[str, Token]) -> bool:
        """A negation on the matched words ("did not accuse", "no talks"), or a denying verb
        whose complement the relation is ("denied negotiating", "refused to meet")."""
        for token in nodes.values():
            for child in token.children:
                if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
                    return True
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


class _ActorFinder:
    """Maps pattern nodes to the actor mentions they stand for."""

    def __init__(
        self, mentions: dict[int, Span], proxies: frozenset[str], group_proxies: frozenset[str]
    ) -> None:
        self.mentions = mentions
        self.proxies = proxies
        self.group_proxies = group_proxies

    def actors_at(self, token: Token) -> list[Span]:
        out = []
        for item in (token, *token.conjuncts):
            span = self.mentions.get(item.i) or self._through_proxy(item)
            if span is not None:
                out.append(span)
        return _unique(out)

    def _through_proxy(self, token: Token) -> Span | None:
        lemma = token.lemma_.lower()
        if lemma not in self.proxies:
            return None
        candidates = [c for c in token.children if c.dep_ in _MODIFIER_DEPS]
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in _PROXY_PREPS:
                candidates += [g for g in child.children if g.dep_ == "pobj"]
        for candidate in candidates:
            span = self.mentions.get(candidate.i)
            if span is None:
                continue
            if lemma in self.group_proxies and span.label_ == "STATE":
                return None  # "Sudanese rebels" are not Sudan
            return span
        return None

    def subject_actors(self, verb: Token) -> list[Span]:
        """Actors of a verb's subject, inherited where the verb has none of its own.

        A coordinated verb shares its head's subject ("rejected ... and accused Kabul"), as do
        controlled infinitives ("refused to talk with") and participles ("..., accusing Kabul");
        in a relative clause, "which"/"who" stands for the noun the clause modifies.
        """
        seen = set()
        while verb.i not in seen:
            seen.add(verb.i)
            for child in verb.children:
                if child.dep_ == "nsubj":
                    if child.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                        return self.actors_at(verb.head)
                    return self.actors_at(child)
            if verb.dep_ in _INHERITING_DEPS and verb.head.i != verb.i:
                verb = verb.head
            else:
                break
        return []

    @staticmethod
    def has_party_phrase(token: Token) -> bool:
        """Whether a node names its parties ("talks with ...", "between ...")."""
        return any(c.dep_ == "prep" and c.lower_ in _PARTY_PREPS for c in token.children)

    def parties_of(self, token: Token) -> list[Span]:
        """Participants named around a node: itself, "between A and B", "A-B talks"."""
        out = self.actors_at(token)
        modifiers: list[Span] = []
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in _PARTY_PREPS:
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        out += self.actors_at(grandchild)
            elif (
                child.dep_ in _MODIFIER_DEPS and child.i < token.i and child.tag_ not in _VERB_TAGS
            ):
                # "EU-facilitated" or "Qatari-mediated" names a third party, not a side.
                modifiers += [self.mentions[t.i] for t in child.subtree if t.i in self.mentions]
        # One actor before "talks" is a venue or a side ("Doha talks"); two or more name the
        # parties ("US-Iran talks").
        if len(_ids(modifiers)) >= 2:
            out += modifiers
        return _unique(out)


def _second_object(token: Token) -> bool:
    """Whether a direct object has a sibling direct object nearer to their verb."""
    if token.dep_ != "dobj":
        return False
    distance = abs(token.i - token.head.i)
    return any(
        c.dep_ == "dobj" and c.i != token.i and abs(c.i - token.head.i) < distance
        for c in token.head.children
    )


def _governors(nodes: dict[str, Token]) -> list[Token]:
    """The verbs whose clausal complement the match is: from the match's topmost word up,
    as long as each step is a complement ("said that ...", "appeared to ...", "denied ...ing");
    a match inside a subject or a relative clause has none."""
    top = min(nodes.values(), key=lambda t: sum(1 for _ in t.ancestors))
    out = []
    if top.pos_ not in _VERBAL and top.dep_ in _ARGUMENT_DEPS:
        # a nominal match ("talks between A and B") is governed by the verb it is an argument
        # of: "Kenya offered to host talks between ..." is an offer, not talks
        while top.pos_ not in _VERBAL and top.head.i != top.i and top.dep_ in _ARGUMENT_DEPS:
            top = top.head
        if top.pos_ in _VERBAL:
            out.append(top)
    while top.head.i != top.i and top.dep_ in _COMPLEMENT_DEPS:
        top = top.head
        out.append(top)
    return out


def _unique(spans: list[Span]) -> list[Span]:
    seen: set[str] = set()
    out = []
    for span in spans:
        if span.kb_id_ not in seen:
            seen.add(span.kb_id_)
            out.append(span)
    return out


def _ids(spans: Iterable[Span]) -> set[str]:
    return {span.kb_id_ for span in spans}


def _pairs(spans: list[Span]) -> list[tuple[Span, Span]]:
    return [(a, b) for i, a in enumerate(spans) for b in spans[i + 1 :]]


def _symmetric_pairs(
    sources: list[Span],
    others: list[Span],
    finder: _ActorFinder,
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
    sources, others = _unique(sources), _unique(others)
    if sources and others:
        return [(s, o) for s in sources for o in others if s.kb_id_ != o.kb_id_]
    if not sources:
        return _pairs(others)
    if any(finder.has_party_phrase(nodes[node]) for node in spec.parties):
        return []
    return _pairs(sources)


@Language.factory(
    "actorgraph_relation_extractor",
    assigns=["doc._.relations"],
    requires=["doc.spans", "token.dep", "token.lemma"],
    default_config={"spans_key": "actors"},
)
def make_relation_extractor(nlp: Language, name: str, *, spans_key: str) -> RelationExtractor:
    return RelationExtractor(nlp, name, spans_key=spans_key)
