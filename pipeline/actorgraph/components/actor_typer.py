"""Actor typer: gives every actor mention its actor type and collects ``doc._.actors``.

Types: STATE, MINISTER (any office holder), MILITANT_GROUP, ORGANIZATION, PERSON. A registry
actor keeps its registry type. An actor the registry does not know is typed from its
statistical label (PERSON -> PERSON, ORG and NORP -> ORGANIZATION), and a person right after an
office title ("Acting Defence Minister Mullah Yaqoob") becomes a MINISTER with that title as
``span._.role``. Roles that come from relations (MEDIATOR) are added when results are built.

``doc._.actors[id]["represents"]`` is what an office holder acts for: the state or group of the
registry office they held on the article's date, else the state or group named right before
their title in the text ("Ukrainian President X", "Pakistan's Defence Minister X"). The
relation extractor uses it to make a state the source of what its officials say and do.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..gazetteer import ActorType, parse_day
from ._actor_finder import sentence_start, subjects_before
from ._registry_component import RegistryComponent

_FROM_LABEL = {
    "PERSON": ActorType.PERSON,
    "ORG": ActorType.ORGANIZATION,
    "NORP": ActorType.ORGANIZATION,
}


_REPRESENTABLE = {ActorType.STATE, ActorType.ORGANIZATION, ActorType.MILITANT_GROUP}
# Words of an office that refer back to an armed group ("the group's chief negotiator").
_GROUP_WORDS = {"group", "movement", "militia", "rebel", "rebels", "insurgent", "insurgents"}
# How many office words may stand between a title and the actor named before it.
_OFFICE_WORDS_BEFORE = 4
# Offices held for one state and posted to another: "the kingdom's ambassador to Yemen" does
# not represent Yemen, nor "the UN envoy for Sudan" Sudan.
_POSTED_OFFICES = {"ambassador", "envoy", "emissary", "consul", "attache", "attaché"}


class ActorTyper(RegistryComponent):
    def __call__(self, doc: Doc) -> Doc:
        self.ensure_ready()
        title_before = {title.end: title for title in doc.spans.get("titles", [])}
        appositive = {int(t.label_): t for t in doc.spans.get("appositive_titles", [])}
        day = parse_day(doc._.published)
        mentions = (  # only titles need them: "Ukrainian President X"
            {i: s for s in doc.spans[self.spans_key] for i in range(s.start, s.end)}
            if title_before or appositive
            else {}
        )
        typed: list[Span] = []
        actors: dict[str, dict] = {}
        for span in doc.spans[self.spans_key]:
            actor_id = span.kb_id_
            entry = self.gazetteer.get(actor_id)
            title = title_before.get(span.start)
            after = appositive.get(span.start) if title is None else None
            if entry is not None:
                actor_type = entry.type
            else:
                actor_type = _FROM_LABEL.get(span.label_, ActorType.ORGANIZATION)
            # an office set beside a name is a person's, whatever the NER called the name
            # ("Somaliland's president, Abdirahman Mohamed Abdullahi")
            unplaced_name = entry is None and actor_type is ActorType.ORGANIZATION
            holds_office = title is not None or after is not None
            if holds_office and (actor_type is ActorType.PERSON or unplaced_name):
                actor_type = ActorType.MINISTER
            typed_span = Span(doc, span.start, span.end, label=actor_type.value, kb_id=actor_id)
            if title is not None:
                typed_span._.role = title.text
            typed.append(typed_span)
            info = actors.setdefault(
                actor_id,
                {
                    "name": entry.name if entry else span.text,
                    "type": actor_type.value,
                    "country": _country(entry),
                    "role": None,
                    "represents": None,
                },
            )
            office = entry.office_on(day) if entry is not None else None
            if office is not None and office.of in self.gazetteer:
                info["represents"] = info["represents"] or office.of
            if title is not None and info["represents"] is None:
                info["represents"] = self._named_before(title, mentions, title_before)
            if after is not None:
                info["represents"] = (
                    info["represents"]
                    or self._named_in(after, mentions)
                    or self._referred_to(after, mentions)
                )
                info["role"] = info["role"] or after.text
            if (title is not None or after is not None) and info["represents"] is None:
                # "President Kassym-Jomart Tokayev", "foreign ministry spokesman Guo Jiakun":
                # an office the text gives a registry person whose office it does not date
                # is held for the state the registry places them in
                country = _country(entry)
                official = entry is not None and (
                    entry.type is ActorType.MINISTER
                    or (entry.sector is not None and entry.sector.value in ("GOV", "MIL"))
                )
                if country is not None and official:
                    info["represents"] = country
                elif entry is None and title is not None:
                    # "Defence Minister Ahmed Moallim Fiqi told parliament" in a story filed
                    # from Mogadishu: an office the text ties to no state is the filing state's,
                    # unless another state is named around it ("... vetoed by Hungary. Foreign
                    # Minister Péter Szijjártó accused the EU" in a story filed from Kyiv)
                    filed = self._filed_from(doc, day)
                    if filed is not None and not self._other_states_near(span, filed, mentions):
                        info["represents"] = filed
                    else:
                        # "Guyana set out its case at the ICJ. Foreign Minister Hugh Todd told
                        # the judges ...": the state the sentence before is about
                        info["represents"] = self._subject_before(span, mentions)
            if entry is None and len(span.text) > len(info["name"]):
                info["name"] = span.text
            if title is not None:
                info["role"] = info["role"] or title.text
                if actor_type is ActorType.MINISTER:
                    info["type"] = actor_type.value
        self._add_unmentioned(actors)
        doc.spans[self.spans_key] = typed
        doc._.actors = actors
        return doc

    def _add_unmentioned(self, actors: dict[str, dict]) -> None:
        """Registry entries for the states an article's actors belong to or serve, though it
        never names them ("an aide to President Vladimir Putin" serves Russia): a relation may
        end there, and its actor record then comes from here, with no mentions."""
        wanted = {info["represents"] for info in actors.values()}
        wanted |= {info["country"] for info in actors.values()}
        for actor_id in sorted(a for a in wanted if a and a not in actors):
            entry = self.gazetteer.get(actor_id)
            if entry is not None:
                actors[actor_id] = {
                    "name": entry.name,
                    "type": entry.type.value,
                    "country": _country(entry),
                    "role": None,
                    "represents": None,
                    "mentioned": False,
                }

    def _named_in(self, title: Span, mentions: dict[int, Span]) -> str | None:
        """The state or group an appositive office names ("the foreign minister of Pakistan",
        "Iran's foreign minister", "the senior US adviser"); not where an ambassador or envoy
        is posted ("ambassador to Yemen")."""
        for i in range(title.start, title.end):
            span = mentions.get(i)
            entry = self.gazetteer.get(span.kb_id_) if span is not None else None
            if entry is not None and entry.type in _REPRESENTABLE and not _posted_to(span):
                return entry.id
        return None

    def _filed_from(self, doc: Doc, day) -> str | None:
        """The state whose capital the story's dateline names ("MOGADISHU —"), if any."""
        for dateline in list(doc.spans.get("datelines", []))[:1]:
            words = []
            for token in dateline:
                if token.is_punct or token.text in ("—", "–", "-", "("):
                    break
                words.append(token.text)
            for form in self.gazetteer.lookup(" ".join(words), day):
                entry = self.gazetteer.get(form.actor_id)
                if entry is not None and entry.type is ActorType.STATE:
                    return entry.id
        return None

    def _subject_before(self, span: Span, mentions: dict[int, Span]) -> str | None:
        """The one state that is the subject of the sentence before ``span``'s, if the
        sentence names no other state before ``span``."""
        if self._states(self._mentions_before(span, span.sent.start, mentions)):
            return None
        subjects = self._states(subjects_before(span.doc, span.start, mentions))
        return subjects.pop() if len(subjects) == 1 else None

    @staticmethod
    def _mentions_before(span: Span, start: int, mentions: dict[int, Span]) -> list[Span]:
        """The mentions from token ``start`` up to ``span``."""
        return [m for i in range(start, span.start) if (m := mentions.get(i)) is not None]

    def _states(self, spans) -> set[str]:
        """The ids of the states among ``spans``."""
        out = set()
        for span in spans:
            entry = self.gazetteer.get(span.kb_id_)
            if entry is not None and entry.type is ActorType.STATE:
                out.add(entry.id)
        return out

    def _other_states_near(self, span: Span, state: str, mentions: dict[int, Span]) -> bool:
        """Whether the two sentences before ``span`` or its own sentence up to it name a state
        other than ``state``, and its own sentence does not name ``state`` before it (what
        comes after is what the person talks about: "accusing Moscow")."""
        if state in self._states(self._mentions_before(span, span.sent.start, mentions)):
            return False  # "'... freeze Ukraine into surrender,' Energy Minister X said"
        start = sentence_start(span.doc, span.start, back=2)
        return bool(self._states(self._mentions_before(span, start, mentions)) - {state})

    def _referred_to(self, title: Span, mentions: dict[int, Span]) -> str | None:
        """The state or group an appositive office refers back to without naming it: "the
        group's chief negotiator" (the armed group last named, within two sentences), "Its
        spokesman" (the actor the sentence before is about: its subject), "whose president"
        (the actor the relative clause describes)."""
        words = {t.lower_ for t in title} | {t.lemma_.lower() for t in title}
        doc = title.doc
        if words & _GROUP_WORDS:
            floor = sentence_start(doc, title.start, back=2)
            for i in range(title.start - 1, floor - 1, -1):
                span = mentions.get(i)
                entry = self.gazetteer.get(span.kb_id_) if span is not None else None
                if entry is not None and entry.type is ActorType.MILITANT_GROUP:
                    return entry.id
            return None
        if title[0].lower_ == "whose":
            # "Jubaland, whose president, Ahmed Madobe, blamed Mogadishu": what the relative
            # clause describes, named right before "whose" (the parser does not always make
            # the clause a relative one)
            i = title.start - 1
            while i >= 0 and doc[i].is_punct:
                i -= 1
            span = mentions.get(i) if i >= 0 else None
            entry = self.gazetteer.get(span.kb_id_) if span is not None else None
            return entry.id if entry is not None and entry.type in _REPRESENTABLE else None
        if title[0].lower_ not in ("its", "their"):
            return None
        for span in subjects_before(doc, title.start, mentions):
            entry = self.gazetteer.get(span.kb_id_)
            if entry is not None and entry.type in _REPRESENTABLE:
                return entry.id
        return None

    def _named_before(
        self, title: Span, mentions: dict[int, Span], title_before: dict[int, Span]
    ) -> str | None:
        """The state or group named just before a title ("Ukrainian", "Pakistan's"), or
        before the office words in front of it ("SAF spokesman Brigadier General X", "Ugandan
        army spokesman Brigadier General X")."""
        doc = title.doc
        i = title.start - 1
        for _ in range(_OFFICE_WORDS_BEFORE):
            if i < 0 or i in mentions:
                break
            if i + 1 in title_before and title_before[i + 1].start < title.start:
                i = title_before[i + 1].start - 1  # another title ("spokesman")
            elif doc[i].pos_ in ("NOUN", "ADJ") and doc[i].is_lower:
                i -= 1  # an office word ("army", "foreign ministry")
            else:
                break
        if i >= 0 and title.doc[i].tag_ == "POS":
            i -= 1
        span = mentions.get(i)
        if span is None:
            return None
        entry = self.gazetteer.get(span.kb_id_)
        if entry is not None and entry.type in _REPRESENTABLE:
            return entry.id
        return None


def _posted_to(span: Span) -> bool:
    """Whether ``span`` is where an ambassador or envoy is posted ("ambassador to Yemen")."""
    preposition = span.root.head
    if span.root.dep_ != "pobj" or preposition.lower_ not in ("to", "for", "in"):
        return False
    return preposition.head.lemma_.lower() in _POSTED_OFFICES


def _country(entry) -> str | None:
    if entry is None:
        return None
    if entry.country:
        return entry.country
    return entry.id if entry.type is ActorType.STATE else None


@Language.factory(
    "actorgraph_actor_typer",
    assigns=["doc.spans", "doc._.actors"],
    requires=["doc.spans"],
    default_config={"spans_key": "actors"},
)
def make_actor_typer(nlp: Language, name: str, *, spans_key: str) -> ActorTyper:
    return ActorTyper(nlp, name, spans_key=spans_key)
