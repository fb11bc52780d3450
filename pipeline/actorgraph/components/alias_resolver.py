"""Alias resolver: links every actor mention to one canonical actor id (``span.kb_id_``).

In order, for each mention of ``doc.spans["actors"]``:

1. registry candidates from the actor ruler, kept when the alias is valid on the article's date
   (``doc._.published``; all are kept when the date is unknown); the first remaining candidate
   wins (context-based choice among several is future work);
2. a normalised registry lookup (case, diacritics, quotes, dashes, "the", possessive) for
   statistical entities, restricted to actor types compatible with the NER label, so a PERSON
   never becomes a state;
3. in-document coreference of partial person names: "Asif" after "Khawaja Asif" (the ruler
   finds registry people's surnames; statistical PERSON entities are matched here);
4. otherwise a stable slug id ("Mullah Yaqoob" -> ``MULLAH_YAQOOB``), unless the name stands in
   a place context (``data/places.yaml``: "Kurram district", "Bajaur, Kurram and Dir sectors",
   "Khyber Pakhtunkhwa and Balochistan"): then it is a place, whatever the NER called it.
5. acronyms the article defines ("the Rapid Support Forces (RSF)") then take the id of the name
   they abbreviate, in the whole article. Statistical GPE entities
   the registry does not know are places (districts, towns, the city hosting talks), not
   actors: they move to ``doc.spans["places"]``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from pydantic import BaseModel, ConfigDict
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..datafiles import load_yaml_model
from ..gazetteer import NAME_SUFFIXES, ActorType, normalize, parse_day
from ..resources import places_file
from ._registry_component import RegistryComponent

# Which registry actor types a statistical entity label may resolve to.
_COMPATIBLE = {
    "PERSON": {ActorType.PERSON, ActorType.MINISTER},
    "GPE": {ActorType.STATE},
    "NORP": {ActorType.STATE, ActorType.MILITANT_GROUP, ActorType.ORGANIZATION},
    "ORG": {ActorType.ORGANIZATION, ActorType.MILITANT_GROUP, ActorType.STATE},
}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}


class PlaceLexicon(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    place_nouns: tuple[str, ...] = ()
    venue_nouns: tuple[str, ...] = ()
    definition_phrases: tuple[str, ...] = ()


_GOVERNMENT_NOUNS = {"government", "administration"}


class AliasResolver(RegistryComponent):
    file_name = "resolver.json"

    def __init__(self, nlp: Language, name: str, *, spans_key: str = "actors") -> None:
        super().__init__(nlp, name, spans_key=spans_key)
        self.places = PlaceLexicon()
        self._surname_index: dict[str, list[str]] | None = None
        self._surname_source = None  # the registry the index was built from

    def initialize(
        self,
        get_examples: Callable[[], Iterable] | None = None,
        *,
        nlp: Language | None = None,
        actors: str | None = None,
        places: str | None = None,
    ) -> None:
        """Load the registry and the place nouns (the packaged data when not given)."""
        super().initialize(get_examples, nlp=nlp, actors=actors)
        self.places = load_yaml_model(Path(places or places_file()), PlaceLexicon)

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return json.dumps(
            {"registry": super().to_bytes().decode("utf-8"), "places": self.places.model_dump()},
            ensure_ascii=False,
        ).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> AliasResolver:
        payload = json.loads(data)
        super().from_bytes(payload["registry"].encode("utf-8"))
        self.places = PlaceLexicon.model_validate(payload["places"])
        return self

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_ready()
        day = parse_day(doc._.published)
        resolved: list[tuple[Span, str | None, str]] = []
        surnames: dict[str, str] = {}
        # the first word of each full name, with the people it begins: "Redwan said" after
        # "Redwan Hussien" (Ethiopian and Eritrean names are shortened to the given name)
        given: dict[str, set[str]] = {}
        self._lookups: dict[tuple[str, dt.date | None], frozenset[str]] = {}
        named = self._named_unambiguously(doc, day)
        choices: dict[tuple[int, int], dict] = {}
        # names an office is set beside are people, whatever the NER called them ("Russia's
        # deputy ambassador, Dmitry Polyanskiy" tagged as an organisation)
        office_holders = {int(t.label_) for t in doc.spans.get("appositive_titles", [])}
        office_holders |= {t.end for t in doc.spans.get("titles", [])}
        for span in doc.spans[self.spans_key]:
            actor_id, label = self._resolve(span, day, surnames, given, named, choices)
            resolved.append((span, actor_id, label))
            person = span.label_ == "PERSON" or span.start in office_holders
            if actor_id is not None and (person or self._is_person(actor_id)):
                words = normalize(span.text).split()
                while len(words) > 2 and words[-1].rstrip(".") in NAME_SUFFIXES:
                    words = words[:-1]  # "Carlito Galvez Jr." is "Galvez" later
                for n in range(1, len(words)):
                    surnames.setdefault(" ".join(words[-n:]), actor_id)
                if len(words) > 1:
                    given.setdefault(words[0], set()).add(actor_id)
        known_places = {
            i
            for span, actor_id, _ in resolved
            if actor_id is None
            for i in range(span.start, span.end)
        }
        in_dateline = {i for span in doc.spans.get("datelines", []) for i in range(*_ends(span))}
        actors: list[Span] = []
        places: list[Span] = []
        for span, actor_id, label in resolved:
            unknown = actor_id is not None and actor_id not in self.gazetteer
            if (
                actor_id is None
                or span.start in in_dateline  # "BAKU —": where the story was filed
                or self._is_venue(span, actor_id)
                or (unknown and self._in_place_context(span, known_places))
            ):
                places.append(span)
            else:
                actors.append(Span(doc, span.start, span.end, label=label, kb_id=actor_id))
        actors, defined = _apply_definitions(actors, self.gazetteer, self.places)
        doc.spans[self.spans_key] = actors
        doc._.definitions = defined
        doc.spans["places"] = places
        doc._.resolutions = choices
        return doc

    def _valid_ids(self, text: str, day: dt.date | None) -> frozenset[str]:
        """The registry actors ``text`` names on ``day`` (remembered for the document)."""
        key = (text, day)
        if key not in self._lookups:
            self._lookups[key] = frozenset(f.actor_id for f in self.gazetteer.lookup(text, day))
        return self._lookups[key]

    def _office_holder(self, text: str, day: dt.date | None) -> str | None:
        """The one registry office holder in office on ``day`` with this surname: "Zelensky"
        in a headline before his full name, "Asif" in a 2025 story about Pakistan's defence."""
        if self._surname_index is None or self._surname_source is not self.gazetteer:
            self._surname_source = self.gazetteer
            index: dict[str, list[str]] = {}
            for entry in self.gazetteer.entries.values():
                if entry.roles:
                    for name in (entry.name, *(a.text for a in entry.aliases)):
                        words = normalize(name).split()
                        if len(words) > 1 and entry.id not in index.get(words[-1], []):
                            index.setdefault(words[-1], []).append(entry.id)
            self._surname_index = index
        key = normalize(text)
        if " " in key:
            return None
        holders = [
            actor_id
            for actor_id in self._surname_index.get(key, ())
            if self.gazetteer.entries[actor_id].office_on(day) is not None
        ]
        return holders[0] if len(holders) == 1 else None

    def _country(self, actor_id: str) -> str | None:
        entry = self.gazetteer.get(actor_id)
        if entry is None:
            return None
        return entry.country or (entry.id if entry.type is ActorType.STATE else None)

    def _named_unambiguously(self, doc: Doc, day: dt.date | None) -> list[str]:
        """Actors the article names with a name that can mean only them ("the Democratic
        Republic of Congo"): the context that settles an ambiguous name ("Congolese")."""
        out = []
        for span in doc.spans[self.spans_key]:
            if span._.candidates and span._.matched_by != "surname":
                valid = self._valid_ids(span.text, day)
                kept = [c for c in span._.candidates if c in valid]
                if len(kept) == 1:
                    out.append(kept[0])
        return out

    def _resolve(
        self,
        span: Span,
        day: dt.date | None,
        surnames: dict[str, str],
        given: dict[str, set[str]],
        named: list[str],
        choices: dict[tuple[int, int], dict],
    ) -> tuple[str | None, str]:
        """The actor id (None for a place) and the label the mention keeps.

        Where a name has several registry candidates, the choice and its reason go to
        ``choices``: ``date`` (only one is valid on the article's date), ``context`` (the
        article names that one unambiguously elsewhere), ``country`` (it belongs to the country
        most of the article's unambiguous actors belong to), ``first`` (no context: the
        registry's first-listed sense).
        """
        label = span.label_
        candidates = span._.candidates
        if candidates and span._.matched_by == "surname":
            return candidates[0], label  # the person named in full earlier in the text
        if candidates:
            valid = self._valid_ids(span.text, day)
            kept = sorted({c for c in candidates if c in valid}, key=self.gazetteer.position)
            if kept and len(set(candidates)) > 1:
                in_context = [c for c in kept if c in named]
                focus = Counter(self._country(c) for c in named)
                weights = [focus[self._country(c)] for c in kept]
                if len(kept) == 1:
                    choice, reason = kept[0], "date"
                elif len(in_context) == 1:
                    choice, reason = in_context[0], "context"
                elif max(weights) > 0 and weights.count(max(weights)) == 1:
                    # "Khawarij" in a story about Pakistan is the TTP, in one about Somalia
                    # al-Shabaab: the country the article's other actors belong to decides
                    choice, reason = kept[weights.index(max(weights))], "country"
                else:
                    choice, reason = kept[0], "first"
                choices[(span.start, span.end)] = {
                    "candidates": sorted(set(candidates), key=self.gazetteer.position),
                    "resolved_by": reason,
                }
                return choice, label
            if kept:
                return kept[0], label
            # The alias names no known actor on this date (the Taliban before they governed):
            # an actor all the same, which the registry does not know.
            return self.gazetteer.slug(span.text, "ORG"), "ORG"
        allowed = _COMPATIBLE.get(label, set())
        for form in self.gazetteer.lookup(span.text, day):
            if self.gazetteer.entries[form.actor_id].type in allowed:
                return form.actor_id, label
        # a name alone is the person named in full before, whatever the NER called it
        # ("Redwan said" tagged as an organisation)
        if label == "PERSON" or len(span) == 1:
            key = normalize(span.text)
            known = surnames.get(key) or self._office_holder(span.text, day)
            if not known and len(given.get(key, ())) == 1:
                (known,) = given[key]  # one person named in full begins with this name
            if known:
                return known, "PERSON"
        if label in _PLACE_LABELS:
            return None, label
        state = self._government_of(span, day) if label == "ORG" else None
        if state is not None:
            return state, label
        return self.gazetteer.slug(span.text, label), label

    def _government_of(self, span: Span, day) -> str | None:
        """The state an unknown government's name belongs to where the text says whose it is:
        "Libya's Government of National Unity" is Libya's government, so Libya, as a state
        organ is; its acronym, once defined, follows. Other bodies ("Sovereignty Council")
        stay actors of their own."""
        if span.root.lemma_.lower() not in _GOVERNMENT_NOUNS:
            return None
        i = span.start - 1
        if i >= 1 and span.doc[i].tag_ == "POS":
            i -= 1
        if i < 0:
            return None
        for form in self.gazetteer.lookup(span.doc[i].text, day):
            if self.gazetteer.entries[form.actor_id].type.value == "STATE":
                return form.actor_id
        return None

    def _in_place_context(self, span: Span, known_places: set[int]) -> bool:
        """An unknown name that modifies a place noun ("Kurram district"), or is coordinated
        with one ("Bajaur, Kurram and Dir sectors") or with a place ("Khyber Pakhtunkhwa and
        Balochistan"), is a place."""
        root = span.root
        group = [root, *root.conjuncts]
        if root.dep_ in ("compound", "nmod", "amod"):
            group.append(root.head)
        for token in group:
            if token.i in range(span.start, span.end):
                continue
            if token.lemma_.lower() in self.places.place_nouns or token.i in known_places:
                return True
        return False

    def _is_venue(self, span: Span, actor_id: str | None) -> bool:
        """A capital named as where something happens ("talks in Doha", "met in Riyadh") is a
        place; "officials in Islamabad" is the government seated there."""
        root = span.root
        if root.dep_ != "pobj" or root.head.lower_ not in ("in", "at"):
            return False
        head = root.head.head
        if head.pos_ not in ("VERB", "AUX") and head.lemma_.lower() not in self.places.venue_nouns:
            return False
        return any(
            form.kind == "capital" and form.actor_id == actor_id
            for form in self.gazetteer.lookup(span.text)
        )

    def _is_person(self, actor_id: str) -> bool:
        entry = self.gazetteer.get(actor_id)
        return entry is not None and entry.type in (ActorType.PERSON, ActorType.MINISTER)


def _apply_definitions(
    actors: list[Span], gazetteer, places: PlaceLexicon
) -> tuple[list[Span], list[dict]]:
    """Names the article defines name the same actor as what they are defined by, throughout
    the article, whatever the registry says; the definitions are returned for curators.

    * acronyms: an all-capitals actor mention in parentheses right after another actor mention
      whose words' initials include all its letters ("the Rapid Support Forces (RSF)",
      "Coordination of Azawad Movements (CMA)"); "ISLAMABAD (AFP)" is no definition; every
      later use of the acronym is a mention, whether the NER found it or not;
    * phrases (``places.yaml`` ``definition_phrases``): "Fitna al-Khawarij, a state-designated
      term for the banned TTP", "Ansar Allah, also known as the Houthis": the name the registry
      knows less well (unknown, or ambiguous) takes the id of the other.
    """
    by_start = {span.start: span for span in actors}
    defined: dict[str, str] = {}
    for first, second in _phrase_definitions(actors, places.definition_phrases):
        known = [s for s in (first, second) if _certain(s, gazetteer)]
        if len(known) == 1:
            other = second if known[0] is first else first
            defined[other.text] = known[0].kb_id_
        elif not known and first.kb_id_ != second.kb_id_:  # two names the registry lacks
            defined[second.text] = first.kb_id_
    for span in actors:
        doc = span.doc
        if span.end + 2 >= len(doc) or doc[span.end].text != "(":
            continue
        # the acronym is a mention, or a lone word the NER passed over ("(GNU)")
        inner = by_start.get(span.end + 1) or doc[span.end + 1 : span.end + 2]
        if (
            inner.end >= len(doc)
            or doc[inner.end].text != ")"
            or not inner.text.isupper()
            or inner.kb_id_ == span.kb_id_
        ):
            continue
        initials = {w[0].upper() for w in re.split(r"[\s\-]+", span.text) if w}
        letters = {c for c in inner.text if c.isalpha()}
        if letters and letters <= initials:
            defined[inner.text] = span.kb_id_
    if not defined:
        return actors, []
    report = [{"alias": alias, "actor_id": actor_id} for alias, actor_id in defined.items()]
    spans = [
        Span(span.doc, span.start, span.end, label=span.label_, kb_id=defined[span.text])
        if span.text in defined
        else span
        for span in actors
    ]
    # a defined acronym the NER passes over later ("the junta accused the AA") is a mention too
    doc = actors[0].doc
    covered = {i for span in spans for i in range(span.start, span.end)}
    acronyms = {alias: actor_id for alias, actor_id in defined.items() if alias.isupper()}
    for token in doc:
        if token.text in acronyms and token.i not in covered:
            spans.append(Span(doc, token.i, token.i + 1, label="ORG", kb_id=acronyms[token.text]))
    return sorted(spans, key=lambda span: span.start), report


def _phrase_definitions(actors: list[Span], phrases: tuple[str, ...]):
    """Pairs of mentions joined by a defining phrase: "A, also known as B", "A (known as B)",
    "A, a term for the banned B" (up to four words of description before B)."""
    if not phrases or not actors:
        return
    doc = actors[0].doc
    present = {t.lower_ for t in doc}
    patterns = [
        words
        for words in (p.lower().split() for p in phrases)
        if all(w == "*" or w in present for w in words)  # most articles define nothing
    ]
    if not patterns:
        return
    by_start = {span.start: span for span in actors}
    for span in actors:
        i = span.end
        if i < len(doc) and doc[i].text in (",", "("):
            i += 1
        for words in patterns:
            j = i
            ok = True
            for word in words:
                if word == "*":  # up to three descriptive words ("a state-designated term")
                    while j < len(doc) and j - i < 6 and doc[j].lower_ not in words[1:]:
                        j += 1
                    continue
                if j >= len(doc) or doc[j].lower_ != word:
                    ok = False
                    break
                j += 1
            if not ok:
                continue
            for k in range(j, min(j + 4, len(doc))):  # "the banned TTP"
                if k in by_start:
                    yield span, by_start[k]
                    break
                if doc[k].is_punct:
                    break
            break


def _certain(span: Span, gazetteer) -> bool:
    """Whether a mention surely names its actor: a registry name with one sense."""
    return span.kb_id_ in gazetteer and len(set(span._.candidates or [span.kb_id_])) <= 1


@Language.factory(
    "actorgraph_alias_resolver",
    assigns=["doc.spans"],
    requires=["doc.spans"],
    default_config={"spans_key": "actors"},
)
def make_alias_resolver(nlp: Language, name: str, *, spans_key: str) -> AliasResolver:
    return AliasResolver(nlp, name, spans_key=spans_key)


def _ends(span: Span) -> tuple[int, int]:
    return span.start, span.end
