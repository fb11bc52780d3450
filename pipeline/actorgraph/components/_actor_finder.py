"""Maps the nodes of a relation pattern's match to the actor mentions they stand for.

``ActorFinder`` answers, for a token of a match, which actors it names: a mention itself and
its conjuncts, the actor a proxy noun stands for ("the Pakistani delegation", "officials in
Kabul", "a report by UN experts"), descriptions that refer back ("the group", "the government"),
relative pronouns, "he" and "it", the doer of a deed named before ("condemned the launch"), and
inherited subjects ("..., accusing Kabul"; "Burhan said his troops had withdrawn and accused
..."). The word lists it needs come from the rules file (``Words``). The relation extractor
decides what a match states; this module only says who is named.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..relation_rules import RelationRules

MODIFIER_DEPS = {"compound", "amod", "nmod", "poss", "npadvmod"}
_PARTY_PREPS = {"between", "with", "among"}
# What a clause does by way of a deal: "restored relations with Tehran under a deal brokered by".
_FRAMING_PREPS = {"under", "through", "via", "in"}
_PROXY_PREPS = {"of", "from"}
_VERB_TAGS = {"VBN", "VBD", "VBG"}
VERBAL = {"VERB", "AUX"}
INHERITING_DEPS = {"conj", "xcomp", "advcl", "acomp"}  # acomp: "are due to resume talks"
_RELATIVE_PRONOUNS = {"which", "who", "that"}
_QUANTIFIER_PRONOUNS = {"both", "all"}
_MAX_PROXY_DEPTH = 2
_DESCRIPTION_REACH = 2  # sentences back that "the group" may refer to
_SPEAKER_PRONOUNS = {"it", "they", "we"}
PERSON_LABELS = {"PERSON", "MINISTER"}
# Descriptions of a person beside their name, besides the proxy nouns ("X, the general who").
_RANKS = {"general", "colonel", "major", "admiral", "marshal", "cleric", "commander", "chief"}
_MAX_CLIMB = 4  # clauses a speech act may be hung below its speech verb
_DEED_REACH = 3  # sentences back that "the launch" may refer to
_DEFINITE_DETERMINERS = {"the", "this", "that", "these", "those"}
_CLAIM_NOUNS = {
    "claim",
    "suggestion",
    "report",
    "allegation",
    "assertion",
    "accusation",
    "charge",
    "rumour",
    "rumor",
    "speculation",
    "notion",
    "idea",
}
# Objects the parser gives a verb that only say how or when ("met face to face").
ADVERBIAL_OBJECTS = {"face", "time", "day", "week", "month", "year", "night", "morning"}


@dataclass(frozen=True)
class Words:
    """The word lists from the rules file that map pattern nodes to actors."""

    proxies: frozenset[str]
    group_proxies: frozenset[str]
    speech_verbs: frozenset[str]
    accuse_verbs: frozenset[str]
    non_parties: frozenset[str]
    mediation_words: frozenset[str]
    group_descriptions: frozenset[str]
    government_descriptions: frozenset[str]
    subnational_words: frozenset[str]
    private_sectors: frozenset[str]
    pair_nouns: frozenset[str]
    object_control_verbs: frozenset[str]
    state_media: frozenset[str]
    state_run: frozenset[str]
    seated_proxies: frozenset[str]
    authored_proxies: frozenset[str]
    third_party_words: frozenset[str]
    speech_acts: frozenset[str]
    both_sides_nouns: frozenset[str]
    deed_reports: dict[str, frozenset[str]]

    @classmethod
    def from_rules(cls, rules: RelationRules) -> Words:
        def cue(name: str) -> frozenset[str]:
            return frozenset(rules.cues.get(name, ()))

        group_proxies = frozenset(rules.group_proxies)
        return cls(
            proxies=frozenset(rules.proxies) | group_proxies,
            group_proxies=group_proxies,
            speech_verbs=frozenset(rules.modality.speech_verbs),
            accuse_verbs=cue("accuse_verbs"),
            non_parties=cue("non_party_nouns"),
            mediation_words=cue("mediator_nouns") | cue("mediation_nouns"),
            group_descriptions=cue("group_descriptions"),
            government_descriptions=cue("government_descriptions"),
            subnational_words=cue("subnational_words"),
            private_sectors=cue("private_sectors"),
            pair_nouns=cue("pair_nouns"),
            object_control_verbs=cue("object_control_verbs"),
            state_media=cue("state_media_nouns"),
            state_run=cue("state_run_words"),
            seated_proxies=cue("seated_proxies"),
            authored_proxies=cue("authored_proxies"),
            both_sides_nouns=cue("both_sides_nouns"),
            # what a speaker does with words: accuse, demand, warn, hold responsible
            speech_acts=cue("accuse_verbs")
            | cue("demand_verbs")
            | cue("urge_verbs")
            | cue("warn_verbs")
            | cue("threaten_verbs")
            | cue("other_speech_acts"),
            third_party_words=cue("mediate_verbs")
            | cue("mediator_nouns")
            | cue("mediation_nouns")
            | cue("auspices_nouns"),
            deed_reports={
                deed: frozenset((deed, *verbs)) for deed, verbs in rules.deed_reports.items()
            },
        )


class ActorFinder:
    """Maps pattern nodes to the actor mentions they stand for."""

    def __init__(self, mentions: dict[int, Span], words: Words) -> None:
        self.mentions = mentions
        self.words = words

    def actors_at(self, token: Token, *, conjuncts: bool = True) -> list[Span]:
        token = _relative_antecedent(self._antecedent(token))
        out: list[Span] = []
        for item in (token, *token.conjuncts) if conjuncts else (token,):
            span = self.mentions.get(item.i)
            if span is None:
                found = (
                    self._two_named_before(item)
                    or self._possessive_subject(item)
                    or self._named_in_apposition(item)
                    or self._through_proxy(item)
                    or self._described_group(item)
                    or self._apposition_of(item)
                )
                out += found if found else self._described_government(item)
            else:
                out.append(span)
        return unique_spans(out)

    def _possessive_subject(self, token: Token) -> list[Span]:
        """ "Their" or "its" on the object of a verb is the verb's subject: "Egypt, Qatar and
        Türkiye resumed their mediation" is the three states' mediation."""
        if token.dep_ != "poss" or token.lower_ not in ("their", "its", "his", "her"):
            return []
        owned = token.head
        if owned.dep_ != "dobj" or owned.head.pos_ not in VERBAL:
            return []
        return self.subject_actors(owned.head)

    def _apposition_of(self, token: Token) -> list[Span]:
        """A description set beside a named actor is that actor: "Tadesse Werede, the general
        who heads the interim administration" (the relative clause's subject)."""
        describes = token.lemma_.lower() in self.words.proxies or token.lemma_.lower() in _RANKS
        span = self.mentions.get(token.head.i) if token.dep_ == "appos" and describes else None
        return [span] if span is not None else []  # not "Washington, ... last month's deal"

    def _named_in_apposition(self, token: Token) -> list[Span]:
        """The actor an unnamed description is set beside: "the group's leader, Aidarous
        al-Zubaidi" is the person, not the group."""
        if token.lemma_.lower() not in self.words.proxies:
            return []
        children = list(token.children)
        named = [self.mentions[c.i] for c in children if c.dep_ == "appos" and c.i in self.mentions]
        modifiers = {
            self.mentions[c.i].kb_id_
            for c in children
            if c.dep_ in MODIFIER_DEPS and c.i in self.mentions
        }
        if modifiers:
            # "his Cambodian counterpart, Hun Manet" is the prime minister, who represents
            # Cambodia; "the Vatican's envoy, Cardinal Zuppi", whom the registry does not
            # place, stays the Vatican, as for any proxy
            info = token.doc._.actors or {}
            named = [n for n in named if (info.get(n.kb_id_) or {}).get("represents") in modifiers]
        return named

    def _described_government(self, token: Token) -> list[Span]:
        """The state "the government" stands for where it faces an armed group: "talks between
        the government and the Houthis" (Yemen's), "the junta accused JNIM" (Mali's), when the
        sentence's armed groups all belong to one state."""
        if token.lemma_.lower() not in self.words.government_descriptions:
            return []
        determiners = [c.lower_ for c in token.children if c.dep_ == "det"]
        # "the government", or bare as a modifier: "government forces", "talks between
        # government and STC representatives"
        # ("army posts" is left alone: an armed group fights other states' armies too)
        # ("army posts" is left alone: whose army fights a group is often another state's)
        bare_modifier = (
            not determiners and token.dep_ in ("compound", "nmod") and token.lower_ == "government"
        )
        if determiners != ["the"] and not bare_modifier:
            return []
        if any(c.dep_ in MODIFIER_DEPS and c.dep_ != "amod" for c in token.children):
            return []
        if any(c.lemma_.lower() in self.words.subnational_words for c in token.children):
            return []  # "the interim regional administration" is no state's government
        info = token.doc._.actors or {}
        countries = {
            (info.get(span.kb_id_) or {}).get("country")
            for i, span in self.mentions.items()
            if i == span.start and span.label_ == "MILITANT_GROUP" and span.sent == token.sent
        }
        if len(countries) != 1 or None in countries:
            return []
        (country,) = countries
        clause = _clause_of(token)
        states = {
            span.kb_id_
            for i, span in self.mentions.items()
            if i == span.start
            and span.label_ == "STATE"
            and i in clause
            # "Saudi-brokered talks", "under Omani auspices": a third party, not a side
            and span.root.head.lemma_.lower() not in self.words.third_party_words
        }
        if bare_modifier and states - {country}:
            return []  # "JNIM attacked government posts in Benin": whose is unclear
        return [Span(token.doc, token.i, token.i + 1, label="STATE", kb_id=country)]

    def _described_group(self, token: Token) -> list[Span]:
        """The armed group "the group", "the militia" or "the rebels" refers back to: the last
        one named in this sentence or the two before ("the ELN ... accusing the guerrilla
        group of war crimes"), when the description names no actor of its own."""
        if token.lemma_.lower() not in self.words.group_descriptions:
            return []
        children = list(token.children)
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in children):
            return []
        for c in children:  # "the guerrilla group", not "the G7 group" or "the group of 20"
            named = c.pos_ == "PROPN" or c.i in self.mentions
            of_what = c.dep_ == "prep" and any(g.dep_ == "pobj" for g in c.children)
            # "accused the group of war crimes": the charge, not "the group of 20"
            of_what = of_what and token.head.lemma_ not in self.words.accuse_verbs
            if c.dep_ in ("poss", "nmod", "nummod") or of_what or (c.dep_ == "compound" and named):
                return []
        floor = sentence_start(token.doc, token.i, back=_DESCRIPTION_REACH)
        for i in range(token.i - 1, floor - 1, -1):
            span = self.mentions.get(i)
            if span is not None and span.label_ == "MILITANT_GROUP":
                return [span]
        return []

    def doers_before(self, deed: Token) -> list[Span]:
        """Who did a deed the text names only by a definite description: "North Korea fired a
        missile ... Japan condemned the launch" (North Korea). The doer is taken from the
        nearest earlier report of the same deed, in this sentence or the few before it, that
        names one: the subject of a verb ("launched"), its "by" agent, or the noun's own actor
        modifier ("a US strike", "Russia's attack"). Further back, the article's earlier
        reports must all name the same doer ("Israeli air strikes" in the first paragraph and
        "denounced the strikes" in the fifth). Negated reports do not count."""
        reports = self.words.deed_reports.get(deed.lemma_.lower())
        children = list(deed.children)
        if reports is None or not any(
            c.dep_ == "det" and c.lower_ in _DEFINITE_DETERMINERS for c in children
        ):
            return []
        if any(t.i in self.mentions for t in deed.subtree):
            return []  # "the Israeli strikes on Gaza": other patterns read it
        sentence, sentences = deed.sent, 0
        farther: dict[frozenset, list[Span]] = {}
        for i in range(deed.i - 1, -1, -1):
            if i < sentence.start:
                sentences += 1
                sentence = deed.doc[i].sent
            token = deed.doc[i]
            if token.lemma_.lower() not in reports:
                continue
            if deed.tag_ == "NN" and token.tag_ == "NNS":
                continue  # "the attack" is not "the 2008 Mumbai attacks"
            doers = self._doers_of(token)
            if doers and sentences <= _DEED_REACH:
                return doers
            if doers:
                farther.setdefault(frozenset(actor_ids(doers)), doers)
        return next(iter(farther.values())) if len(farther) == 1 else []

    def _doers_of(self, token: Token) -> list[Span]:
        """The actors a report of a deed names as its doer (see ``doers_before``)."""
        children = list(token.children)
        if any(c.dep_ == "neg" for c in children):
            return []
        for agent in (c for c in children if c.dep_ == "agent"):  # "strikes carried out by"
            for pobj in agent.children:
                if pobj.dep_ == "pobj":
                    return self.actors_at(pobj)
        if token.pos_ == "VERB":
            passive = any(c.dep_ == "nsubjpass" for c in children) or token.dep_ == "acl"
            return [] if passive else self.subject_actors(token)
        return [
            self.mentions[c.i]
            for c in children
            if c.dep_ in ("poss", "amod", "compound") and c.i in self.mentions
        ]

    @staticmethod
    def _antecedent(token: Token) -> Token:
        """What "both"/"all" stands for in "the TTP and the Gul Bahadur faction, both blamed
        for ...": the coordination right before it (its first conjunct), else the token."""
        if token.lower_ not in _QUANTIFIER_PRONOUNS or token.pos_ not in ("PRON", "DET"):
            return token
        if any(child.dep_ == "prep" for child in token.children):
            return token  # "both of them": no antecedent rule
        i = token.i - 1
        while i >= token.sent.start and token.doc[i].is_punct:
            i -= 1
        if i < token.sent.start or i == token.i - 1:
            return token  # the antecedent is set off by a comma or dash
        previous = token.doc[i]
        while previous.dep_ == "conj" and previous.head.i < previous.i:
            previous = previous.head
        return previous if previous.conjuncts else token

    def _through_proxy(self, token: Token, depth: int = 0) -> list[Span]:
        """The actor a proxy noun stands for: "the Pakistani delegation", "the government of
        Kabul"; with a coordinated modifier, each of its actors ("Pakistan and Afghanistan's
        Taliban government agreed": both sides)."""
        lemma = token.lemma_.lower()
        if lemma not in self.words.proxies:
            return []
        if any(
            c.dep_ in ("compound", "amod") and c.lemma_.lower() in self.words.private_sectors
            for c in token.children
        ):
            return []  # "Egyptian business leaders", "Sudanese opposition officials"
        if lemma in self.words.state_media and not any(
            c.lower_ in self.words.state_run for c in token.children
        ):
            return []  # "Israeli media reported": not the state, as "state television" is
        candidates = [c for c in token.children if c.dep_ in MODIFIER_DEPS]
        for child in token.children:
            # "officials in Kabul", "a spokesman for Hemedti"
            seated = child.lower_ in ("in", "for") and lemma in self.words.seated_proxies
            # "a report by UN experts"
            seated = seated or (child.lower_ == "by" and lemma in self.words.authored_proxies)
            if child.dep_ == "prep" and (child.lower_ in _PROXY_PREPS or seated):
                candidates += [g for g in child.children if g.dep_ == "pobj"]
        for candidate in candidates:
            span = self.mentions.get(candidate.i)
            if span is None:
                nominal = candidate.pos_ in ("NOUN", "PROPN")
                nested = nominal and candidate.lemma_ in self.words.proxies
                if depth < _MAX_PROXY_DEPTH and nested:
                    # "officials from Sudan's army and the RSF": a proxy of a proxy
                    found = self._through_proxy(candidate, depth + 1) or self._described_government(
                        candidate
                    )
                    states = any(f.label_ == "STATE" for f in found)
                    if lemma in self.words.group_proxies and states:
                        return []
                    if found:
                        others = [self.mentions.get(c.i) for c in candidate.conjuncts]
                        return [*found, *(o for o in others if o is not None)]
                common = candidate.pos_ == "NOUN" and candidate.text.islower()
                if common and candidate.dep_ in ("compound", "nmod") and not nested:
                    # "a Pakistani security official": the actor modifies the modifier (not
                    # "the Taiwan Affairs Office", a name)
                    inner = [
                        self.mentions[g.i]
                        for g in candidate.children
                        if g.dep_ in MODIFIER_DEPS and g.i in self.mentions
                    ]
                    if inner:
                        return inner
                continue
            if lemma in self.words.group_proxies and span.label_ == "STATE":
                return []  # "Sudanese rebels" are not Sudan
            represents = ((token.doc._.actors or {}).get(span.kb_id_) or {}).get("represents")
            if represents and span.label_ in PERSON_LABELS:
                # "Kurti's government" is Kosovo's, "Putin's envoy" Russia's
                return [Span(token.doc, span.start, span.end, label="STATE", kb_id=represents)]
            others = [self.mentions.get(c.i) for c in candidate.conjuncts]
            return [span, *(o for o in others if o is not None)]
        its = [c for c in token.children if c.dep_ == "poss" and c.lower_ in ("its", "their")]
        if its and not depth:
            # "Its foreign ministry called on Addis Ababa": the actor the sentence before is
            # about (its subject), when this sentence names no actor before the proxy
            return self._subject_before(token)
        whose = [c for c in token.children if c.dep_ == "poss" and c.lower_ == "whose"]
        if whose and token.head.dep_ == "relcl":
            # "Burundi, whose troops back the Congolese army": the clause's noun
            span = self.mentions.get(token.head.head.i)
            return [span] if span is not None else []
        return []

    def _subject_before(self, token: Token) -> list[Span]:
        """The one non-person actor that is the subject of the sentence before ``token``'s,
        if ``token``'s sentence names no actor before it."""
        if any(i in self.mentions for i in range(token.sent.start, token.i)):
            return []
        found = [
            span
            for span in subjects_before(token.doc, token.i, self.mentions)
            if span.label_ not in PERSON_LABELS
        ]
        return found[:1] if len(actor_ids(found)) == 1 else []

    def _two_named_before(self, token: Token) -> list[Span]:
        """ "The two leaders" are the two office holders or leaders named before it in this
        sentence and the one before, when exactly two are ("Trump raised it with Sisi, when the
        two leaders spoke")."""
        if token.lemma_.lower() not in self.words.pair_nouns or not any(
            c.dep_ == "nummod" and c.lower_ == "two" for c in token.children
        ):
            return []
        floor = sentence_start(token.doc, token.i, back=1)
        people: list[Span] = []
        for i in range(token.i - 1, floor - 1, -1):
            span = self.mentions.get(i)
            if span is None or i != span.start or span.label_ not in PERSON_LABELS:
                continue
            if span.kb_id_ not in actor_ids(people):
                people.append(span)
        # exactly two: with more, which two is a guess
        return people if len(people) == 2 else []

    def subject_actors(self, verb: Token) -> list[Span]:
        """Actors of a verb's subject, inherited where the verb has none of its own.

        A coordinated verb shares its head's subject ("rejected ... and accused Kabul"), as do
        controlled infinitives ("refused to talk with") and participles ("..., accusing Kabul");
        in a relative clause, "which"/"who" stands for the noun the clause modifies.
        """
        speaker = self._matrix_speaker(verb)
        if speaker is not None:
            verb = speaker
        seen = set()
        inherited = False
        while verb.i not in seen:
            seen.add(verb.i)
            for child in verb.children:
                # "Pakistan was forced to take measures": a passive verb's subject controls
                # its infinitive complement
                if child.dep_ == "nsubj" or (child.dep_ == "nsubjpass" and inherited):
                    if child.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                        return self.actors_at(verb.head)
                    if child.lower_ in _SPEAKER_PRONOUNS:
                        return self._speaker_of(verb)
                    if child.lower_ in ("he", "she"):
                        return self._person_before(child)
                    return self.actors_at(child)
            accusation = accusation_over(verb, self.words.accuse_verbs)
            if accusation is not None:  # "accused the UAE of arming the RSF": the UAE arms
                return self.actors_at(_accused(accusation))
            if verb.dep_ == "acl" and verb.tag_ == "VBG":
                # "Omani diplomats, acting as go-betweens, ...": the noun the participle describes
                return self.actors_at(verb.head)
            if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
                # "Norway played a key role in brokering the talks", "succeeded in brokering"
                # ("stopped short of blaming": through the adverb)
                head = verb.head.head
                head = head.head if head.dep_ in ("dobj", "attr", "advmod", "acomp") else head
                if head.pos_ in VERBAL and head.i not in seen:
                    verb = head
                    continue
            inherited = verb.dep_ == "xcomp"
            if inherited and verb.head.lemma_ in self.words.object_control_verbs:
                # "prompting China's foreign ministry to accuse Japan": the object acts
                objects = [c for c in verb.head.children if c.dep_ == "dobj"]
                if objects:
                    return self.actors_at(objects[0])
            if verb.dep_ in INHERITING_DEPS and verb.head.i != verb.i:
                verb = verb.head
            else:
                break
        return []

    def _matrix_speaker(self, verb: Token) -> Token | None:
        """The speech verb a speech act really shares its subject with, where the parser hung
        it on the reported clause: in "Burhan said his troops had withdrawn and accused the
        group of ...", "accused" (simple past) is coordinated with "had withdrawn" (past
        perfect, what was said), so Burhan accuses, not the troops; so too where the reported
        clause's subject is a thing ("said the lease did not amount to recognition and accused
        Mogadishu")."""
        children = list(verb.children)
        if (
            verb.dep_ != "conj"
            or verb.tag_ != "VBD"
            or verb.lemma_ not in self.words.speech_acts
            or any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in children)
        ):
            return None
        token = verb
        for _ in range(_MAX_CLIMB):
            if token.dep_ not in ("conj", "advcl"):
                return None
            token = token.head
            past_perfect = any(c.dep_ == "aux" and c.lower_ == "had" for c in token.children)
            if (
                token.dep_ == "ccomp"
                and (past_perfect or self._speechless_subject(token))
                and token.head.lemma_ in self.words.speech_verbs
            ):
                return token.head
        return None

    def _speechless_subject(self, clause: Token) -> bool:
        """Whether a clause's subject is a thing that accuses no one ("the mines were relics
        of the war and accused Thai troops": the mines do not accuse)."""
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        return bool(subjects) and all(
            s.pos_ == "NOUN"
            and s.lemma_.lower() not in self.words.proxies
            and not self.actors_at(s, conjuncts=False)
            for s in subjects
        )

    def _speaker_of(self, verb: Token) -> list[Span]:
        """Who "it"/"they"/"we" is in what a speaker says of itself: "Iran says it offers the
        Houthis only political support", "'We will respond,' Pakistan said"."""
        while verb.head.i != verb.i:
            if verb.dep_ in ("ccomp", "parataxis"):
                verb = verb.head
                if verb.lemma_ in self.words.speech_verbs:
                    return self.subject_actors(verb)
            elif claimed(verb):  # "Islamabad denied reports that it had held talks"
                return self.subject_actors(verb.head.head)
            elif verb.dep_ == "relcl" and verb.head.dep_ in ("dobj", "pobj"):
                # "Pakistan condemned the bombing, which it blamed on the TTP"
                head = verb.head.head
                head = head.head if head.dep_ == "prep" else head
                return self.subject_actors(head) if head.pos_ in VERBAL else []
            else:
                break
        return []

    def pronoun_antecedent(self, token: Token, excluded: set[str]) -> list[Span]:
        """What "it" refers to as the object of a charge ("accusing it of", "blamed it for"):
        an actor that is neither a person nor one of ``excluded`` (the source), named before
        it in its own sentence (the nearest), else the subject of the sentence before."""
        if token.lower_ != "it" or token.dep_ != "dobj":
            return []
        if token.head.lemma_ not in self.words.accuse_verbs:
            return []  # "warned it of": who is warned is left to the speaker rules
        if not any(c.dep_ == "prep" and c.lower_ in ("of", "for") for c in token.head.children):
            return []  # "Iran condemned it": the deed, not an actor

        def fits(span: Span | None) -> bool:
            return (
                span is not None
                and span.label_ not in PERSON_LABELS
                and span.kb_id_ not in excluded
                and not _plural(span)  # "the three European countries" are no "it"
            )

        for i in range(token.i - 1, token.sent.start - 1, -1):
            if fits(self.mentions.get(i)):
                return [self.mentions[i]]
        if token.sent.start == 0:
            return []
        previous = token.doc[token.sent.start - 1].sent
        for i in range(previous.start, previous.end):
            span = self.mentions.get(i)
            if fits(span) and in_subject(span):
                return [span]
        return []

    def _person_before(self, pronoun: Token) -> list[Span]:
        """Whom "he"/"she" refers to: the nearest person named as a subject before it, in its
        sentence or the one before ("President Aliyev has said ... over Grozny, though he ...":
        Aliyev, not a place the NER took for a person)."""
        for i in range(pronoun.i - 1, sentence_start(pronoun.doc, pronoun.i, back=1) - 1, -1):
            span = self.mentions.get(i)
            person = span is not None and span.label_ in PERSON_LABELS and i == span.start
            if person and in_subject(span):
                return [span]
        return []

    def names_the_sides(self, token: Token) -> bool:
        """Whether a node is "both sides", "either side", "the two countries": the sides of
        talks named before, not an actor of its own."""
        if token.i in self.mentions or token.lemma_.lower() not in self.words.both_sides_nouns:
            return False
        return any(
            c.dep_ in ("det", "predet", "nummod", "preconj")
            and c.lower_ in ("both", "either", "two")
            for c in token.children
        )

    def non_party_subject(self, verb: Token) -> bool:
        """Whether a verb's own subject is a mediator or an observer ("Qatari mediators")."""
        return any(
            c.dep_ == "nsubj" and c.lemma_.lower() in self.words.non_parties for c in verb.children
        )

    def has_party_phrase(self, token: Token, preps: Iterable[str] = _PARTY_PREPS) -> bool:
        """Whether a node names its parties ("talks with ...", "between ..."); "met with
        Qatari mediators" names none."""
        return any(
            c.dep_ == "prep"
            and c.lower_ in preps
            and not all(
                g.lemma_.lower() in self.words.non_parties for g in c.children if g.dep_ == "pobj"
            )
            for c in token.children
        )

    def clause_parties(self, token: Token) -> list[Span]:
        """The sides of the clause a deal is part of: "Riyadh restored relations with Tehran
        under a deal brokered by China" (Riyadh and Tehran), its subject and its partner; or of
        the clause that describes it ("the agreement that Kinshasa and the AFC signed")."""
        signed = [c for c in token.children if c.dep_ == "relcl" and c.pos_ in VERBAL]
        if signed:  # "the framework agreement that Kinshasa and the AFC signed ..."
            verb = signed[0]
        else:
            preposition = token.head
            if token.dep_ != "pobj" or preposition.lower_ not in _FRAMING_PREPS:
                return []
            verb = preposition.head
        if verb.pos_ not in VERBAL:
            return []
        out = self.subject_actors(verb)
        for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
            # "Ties between Nairobi and Mogadishu were restored under a deal brokered by Qatar"
            out += [
                a
                for p in subject.children
                if p.dep_ == "prep" and p.lower_ == "between"
                for g in p.children
                if g.dep_ == "pobj"
                for a in self.actors_at(g)
            ]
        for child in (verb, *(c for c in verb.children if c.dep_ == "dobj")):
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ == "with":
                    out += [a for g in prep.children if g.dep_ == "pobj" for a in self.actors_at(g)]
        return unique_spans(out)

    def parties_of(self, token: Token) -> list[Span]:
        """Participants named around a node: itself, "between A and B", "A-B talks"."""
        # a mediator is no party, nor is what it is coordinated with ("US and Saudi mediation")
        out = [] if token.lemma_.lower() in self.words.mediation_words else self.actors_at(token)
        modifiers: list[Span] = []
        phrases = [c for c in token.children if c.dep_ == "prep" and c.lower_ in _PARTY_PREPS]
        for of in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
            for noun in (g for g in of.children if g.dep_ == "pobj"):
                # "the exchange of prisoners between Russia and Ukraine"
                phrases += [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"]
        for child in phrases:
            for grandchild in child.children:
                # "met with Qatari mediators": the mediators are no side
                if grandchild.dep_ == "pobj" and grandchild.lemma_ not in self.words.non_parties:
                    out += self.actors_at(grandchild)
        for child in token.children:
            if child.dep_ in MODIFIER_DEPS and child.i < token.i and child.tag_ not in _VERB_TAGS:
                # "EU-facilitated" or "Qatari-mediated" names a third party, not a side.
                modifiers += [self.mentions[t.i] for t in child.subtree if t.i in self.mentions]
        # One actor before "talks" is a venue or a side ("Doha talks"); two or more name the
        # parties ("US-Iran talks"), except before a mediator ("US and Saudi mediation"); a
        # possessor is a side where a partner is named ("Pakistan's talks with Afghanistan").
        possessor = [
            self.mentions[c.i] for c in token.children if c.dep_ == "poss" and c.i in self.mentions
        ]
        if possessor and phrases and token.lemma_.lower() not in self.words.mediation_words:
            out += possessor
        if (
            len(actor_ids(modifiers)) >= 2
            and token.lemma_.lower() not in self.words.mediation_words
        ):
            out += modifiers
        return unique_spans(out)


def _clause_of(token: Token) -> set[int]:
    """The token indices of the clause ``token`` is in: the subtree of its nearest verb,
    without the verbs coordinated with it ("Government negotiators blamed the Houthis, and the
    State Department called on ..." has two clauses)."""
    verb = token
    while verb.pos_ not in VERBAL and verb.head.i != verb.i:
        verb = verb.head
    out: set[int] = set()
    stack = [verb]
    while stack:
        item = stack.pop()
        out.add(item.i)
        stack += [c for c in item.children if not (c.dep_ == "conj" and c.pos_ in VERBAL)]
    return out


def sentence_start(doc, i: int, *, back: int) -> int:
    """The first token of the sentence ``back`` sentences before the one holding token i."""
    start = doc[i].sent.start
    for _ in range(back):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    return start


def subjects_before(doc, i: int, mentions: dict[int, Span]) -> list[Span]:
    """The actor mentions in subject position in the sentence before the one of token ``i``
    (what "its", "their" or a bare office refers back to)."""
    start = doc[i].sent.start
    if start == 0:
        return []
    previous = doc[start - 1].sent
    return [
        span
        for j in range(previous.start, previous.end)
        if (span := mentions.get(j)) is not None and j == span.start and in_subject(span)
    ]


def in_subject(span: Span) -> bool:
    """Whether a mention is, or is inside, a clause's subject ("Officials from Kabul said")."""
    return any(t.dep_ in ("nsubj", "nsubjpass") for t in (span.root, *span.root.ancestors))


def _plural(span: Span) -> bool:
    """Whether a mention names a plural ("European countries", "Houthi rebels")."""
    head = span.root
    if head.dep_ in MODIFIER_DEPS and head.head.i >= span.end:
        head = head.head
    return head.tag_ == "NNS"


def _relative_antecedent(token: Token) -> Token:
    """What "whose", or a relative pronoun object, stands for: the noun its relative clause
    describes ("the United States, whose mediation produced ...", "the TTP, which Islamabad
    blames for the attacks"); else the token."""
    if token.lower_ in _RELATIVE_PRONOUNS | {"whom"} and token.dep_ == "dobj":
        return token.head.head if token.head.dep_ == "relcl" else token
    if token.lower_ != "whose":
        return token
    clause = token
    while clause.dep_ != "relcl" and clause.head.i != clause.i:
        clause = clause.head
    return clause.head if clause.dep_ == "relcl" else token


def accusation_over(token: Token, accuse_verbs: frozenset[str]) -> Token | None:
    """The accusing verb whose "of ..." or "for ..." complement ``token`` heads: "accused the
    UAE of arming the RSF", "blamed Kigali for backing the M23"."""
    if token.dep_ != "pcomp" or token.head.lower_ not in ("of", "for"):
        return None
    verb = token.head.head
    return verb if verb.lemma_ in accuse_verbs else None


def _accused(verb: Token) -> Token:
    """Who an accusing verb accuses: its object, or its passive subject."""
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            return child
    return verb


def claimed(clause: Token) -> bool:
    """Whether a clause is the content of a claim noun that is a verb's object ("denied
    reports that it had held talks", "rejected suggestions that Qatar had mediated")."""
    noun = clause.head
    return (
        clause.dep_ in ("acl", "ccomp")
        and noun.lemma_.lower() in _CLAIM_NOUNS
        and noun.dep_ in ("dobj", "nsubjpass")
    )


def unique_spans(spans: list[Span]) -> list[Span]:
    seen: set[str] = set()
    out = []
    for span in spans:
        if span.kb_id_ not in seen:
            seen.add(span.kb_id_)
            out.append(span)
    return out


def actor_ids(spans: Iterable[Span]) -> set[str]:
    return {span.kb_id_ for span in spans}
