"""Actor ruler: tags actor mentions from the registry and keeps the statistical ones.

Writes ``doc.spans[spans_key]`` ("actors"): every registry alias found in the text (longest
match wins; each span's ``_.candidates`` lists the registry ids the alias may mean), plus the
statistical NER entities of the configured labels that overlap no registry match. Where the two
disagree the registry wins: "Fitna al-Khawarij" tagged PERSON by the NER is taken from the
registry. A registry person named in full is also found by surname alone later in the text
("Pashinyan" after "Nikol Pashinyan"). Office titles found in the text go to
``doc.spans["titles"]``; an entity lying wholly inside a title ("Defence" in "Defence Minister")
is not an actor.

Patterns are built with the tokenizer only, so a ruler of tens of thousands of aliases builds in
about a second. Not done here: choosing among candidates (alias resolver) and typing (typer).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

from pydantic import BaseModel, ConfigDict
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import ensure_path, filter_spans

from ..datafiles import load_yaml_model
from ..extensions import install_extensions
from ..gazetteer import NAME_SUFFIXES, Gazetteer, variants
from ..resources import actors_dir, titles_file

# Tokens trimmed from the edges of statistical entities: "the Pakistan Army", "• Islamabad".
_EDGE_TAGS = {"DT", "PDT", "POS", "NFP", "SYM"}


class TitleLexicon(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    titles: tuple[str, ...]
    modifiers: tuple[str, ...] = ()
    office_nouns: tuple[str, ...] = ()
    # Institutions named without saying whose ("whose Commission chairperson", "the Cabinet"):
    # alone, capitalised or not, such a word is no actor's name.
    generic_bodies: tuple[str, ...] = ()

    def phrases(self) -> list[str]:
        out = list(self.titles)
        out += [f"{m} {t}" for m in self.modifiers for t in self.titles]
        return out


class ActorRuler:
    """Registry aliases and statistical entities as actor mention spans."""

    def __init__(
        self,
        nlp: Language,
        name: str = "actorgraph_actor_ruler",
        *,
        spans_key: str = "actors",
        ner_labels: Iterable[str] = ("PERSON", "ORG", "NORP", "GPE"),
    ) -> None:
        install_extensions()
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.ner_labels = frozenset(ner_labels)
        self.gazetteer = Gazetteer([])
        self.titles = TitleLexicon(titles=())
        self._ready = False
        self._build()

    # -- data --------------------------------------------------------------------------------
    def initialize(
        self,
        get_examples: Callable[[], Iterable] | None = None,
        *,
        nlp: Language | None = None,
        actors: str | None = None,
        titles: str | None = None,
    ) -> None:
        """Load the registry folder and title list (the packaged data when not given)."""
        self.gazetteer = Gazetteer.from_dir(actors or actors_dir())
        self.titles = load_yaml_model(Path(titles or titles_file()), TitleLexicon)
        self._ready = True
        self._build()

    def _build(self) -> None:
        make_doc = self.nlp.make_doc
        self._forms: dict[int, list[str]] = {}
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        by_text: dict[str, list[str]] = {}
        for form in self.gazetteer.surface_forms():
            for text in variants(form.text):
                ids = by_text.setdefault(text, [])
                if form.actor_id not in ids:
                    ids.append(form.actor_id)
        for text, ids in by_text.items():
            key = f"actorgraph:{text}"
            self._forms[self.nlp.vocab.strings.add(key)] = ids
            self.matcher.add(key, [make_doc(text)])
        self._generic_bodies = frozenset(w.lower() for w in self.titles.generic_bodies)
        self.title_matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        phrases = self.titles.phrases()
        if phrases:
            self.title_matcher.add("TITLE", [make_doc(p.lower()) for p in phrases])

    # -- processing --------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        if not self._ready:  # added with nlp.add_pipe and never initialised
            self.initialize()
        registry_spans = []
        for key, start, end in self.matcher(doc):
            ids = self._forms[key]
            span = Span(doc, start, end, label=self.gazetteer.entries[ids[0]].type.value)
            registry_spans.append((span, ids))
        first_names = _person_first_names(doc)
        kept = filter_spans(
            [span for span, _ in registry_spans if (span.start, span.end) not in first_names]
        )
        candidates = {(s.start, s.end): ids for s, ids in registry_spans}
        surnames = self._surname_mentions(doc, kept, candidates)
        for span, person in surnames:
            candidates[(span.start, span.end)] = [person]
            kept.append(span)
        titles = filter_spans(doc[s:e] for _, s, e in self.title_matcher(doc))
        taken = {i for span in kept for i in range(span.start, span.end)}
        in_title = {i for span in titles for i in range(span.start, span.end)}
        statistical = []
        generic = self._generic_bodies
        for ent in doc.ents:
            if ent.label_ not in self.ner_labels:
                continue
            span = _trim(ent)
            if span is not None and span.start in in_title:
                # "Gen Hitesh Bhalla" after "Lt": the title is no part of the name
                start = span.start
                while start < span.end and start in in_title:
                    start += 1
                span = Span(doc, start, span.end, label=span.label_) if start < span.end else None
            if span is None or not any(t.text[:1].isupper() for t in span):
                continue  # "foreign ministry", "the army": a description, not a name
            before = doc[span.start - 1] if span.start else None
            if (
                before is not None
                and before.ent_type_ == "CARDINAL"
                and before.like_num
                and span.label_ == "ORG"
                and span[-1].lower_ in _NUMBERED_UNITS
                and before.i not in taken
            ):
                # "the 444 Combat Brigade": the NER split the number off the unit's name (not
                # "300 Fano fighters", a count)
                span = Span(doc, before.i, span.end, label=span.label_)
            tokens = set(range(span.start, span.end))
            if tokens & taken or tokens <= in_title:
                continue
            if len(span) == 1 and span[0].lower_ in generic:
                continue  # "whose Commission chairperson": whose commission, the text says
            statistical.append(span)
        titled = {title.end for title in titles}  # "Deputy Ambassador Dmitry Polyanskiy"
        statistical += self._later_surnames(doc, statistical, taken, titled)
        spans = sorted(kept + statistical, key=lambda s: s.start)
        by_surname = {(span.start, span.end) for span, _ in surnames}
        for span in kept:
            span._.candidates = list(candidates[(span.start, span.end)])
            span._.matched_by = "surname" if (span.start, span.end) in by_surname else "alias"
        doc.spans[self.spans_key] = spans
        doc.spans["titles"] = [Span(doc, s.start, s.end, label="TITLE") for s in titles]
        doc.spans["appositive_titles"] = self._appositive_titles(spans)
        return doc

    def _appositive_titles(self, spans: list[Span]) -> list[Span]:
        """Offices set in apposition with a person, after ("Ishaq Dar, the foreign minister of
        Pakistan") or before ("Qatar's chief mediator, Mohammed Al-Khulaifi"): one span a
        title, labelled with the start of the person it describes."""
        nouns = frozenset(self.titles.office_nouns)
        taken = {i for span in spans for i in range(span.start, span.end)}
        out = []
        for span in spans:
            office = span.root.head
            if span.label_ not in ("PERSON", "MINISTER"):
                # the NER sometimes calls a name beside an office an organisation ("Magnus
                # Brunner, the European commissioner for migration")
                if not (span.label_ == "ORG" and span.kb_id_ not in self.gazetteer.entries):
                    continue
                before = span.root.dep_ == "appos" and office.i < span.start
                after = any(
                    c.dep_ == "appos" and c.lemma_.lower() in nouns for c in span.root.children
                )
                if not (before or after):
                    continue
            if (
                span.root.dep_ == "appos"
                and office.i < span.start
                and office.lemma_.lower() in nouns
                and office.i not in taken
            ):
                start = office.left_edge.i + (office.left_edge.dep_ == "det")
                out.append(Span(span.doc, start, office.i + 1, label=str(span.start)))
                continue
            for child in span.root.children:
                if child.dep_ == "appos" and child.lemma_.lower() in nouns:
                    words = [t for t in child.subtree if not t.is_punct or t.text in "-'’"]
                    start = min(t.i for t in words if t.dep_ != "det" or t.i != child.left_edge.i)
                    end = max(t.i for t in words) + 1
                    out.append(Span(span.doc, start, end, label=str(span.start)))
                    break
        return out

    def _surname_mentions(self, doc: Doc, kept: list[Span], candidates: dict) -> list:
        """Later mentions of a registry person by surname alone ("Pashinyan" after "Nikol
        Pashinyan"), which the statistical NER often misses. A surname that is itself an
        alias of some actor is left alone, and so is a surname two people named share."""
        people = []
        for span in kept:
            entry = self.gazetteer.entries[candidates[(span.start, span.end)][0]]
            if entry.type.value in _PEOPLE:
                people.append((span, entry.id))
        taken = {i for span in kept for i in range(span.start, span.end)}
        return [
            (Span(doc, token.i, token.i + 1, label="MINISTER"), person)
            for token, person in self._later_surname_tokens(doc, people, taken)
        ]

    def _later_surnames(
        self, doc: Doc, statistical: list[Span], taken: set[int], titled: set[int]
    ) -> list[Span]:
        """The surname alone of a person the NER found named in full ("Christodoulides said"
        after "Nikos Christodoulides"), or of a name set after a title, where the NER missed
        it: the alias resolver links it to the full name. Only a noun no other entity covers
        (a name opening a sentence is often tagged a common noun)."""
        people = [
            (span, span.text)
            for span in statistical
            if span.label_ == "PERSON" or span.start in titled
        ]
        covered = taken | {i for ent in doc.ents for i in range(ent.start, ent.end)}
        covered |= {i for span in statistical for i in range(span.start, span.end)}
        return [
            Span(doc, token.i, token.i + 1, label="PERSON")
            for token, _ in self._later_surname_tokens(doc, people, covered)
            if token.pos_ in ("PROPN", "NOUN")
        ]

    def _later_surname_tokens(self, doc: Doc, people: list[tuple[Span, str]], covered: set[int]):
        """Tokens that repeat the surname of one of ``people`` (a full name and who it is)
        after it: not a surname two people share, not one inside ``covered``, and not a name
        the registry knows ("Jr." is no surname)."""
        named: dict[str, set[str]] = {}
        first: dict[str, int] = {}
        for span, person in people:
            words = [t for t in span if t.text.rstrip(".").lower() not in NAME_SUFFIXES]
            if len(words) < 2:
                continue
            surname = words[-1].text
            if len(surname) < 3 or not surname[0].isupper():
                continue
            named.setdefault(surname, set()).add(person)
            first[surname] = min(first.get(surname, span.end), span.end)
        for token in doc:
            persons = named.get(token.text)
            if not persons or len(persons) > 1 or token.i < first[token.text]:
                continue
            if token.i in covered or self.gazetteer.lookup(token.text):
                continue
            yield token, next(iter(persons))

    # -- serialization -----------------------------------------------------------------------
    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return json.dumps(
            {
                "gazetteer": self.gazetteer.to_bytes().decode("utf-8"),
                "titles": self.titles.model_dump(mode="json"),
            },
            ensure_ascii=False,
        ).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> ActorRuler:
        payload = json.loads(data)
        self.gazetteer = Gazetteer.from_bytes(payload["gazetteer"].encode("utf-8"))
        self.titles = TitleLexicon.model_validate(payload["titles"])
        self._ready = True
        self._build()
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "ruler.json").write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> ActorRuler:
        return self.from_bytes((ensure_path(path) / "ruler.json").read_bytes())


def _trim(span: Span) -> Span | None:
    """Drop determiners and punctuation at the edges ("the Gul Bahadur" -> "Gul Bahadur")."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and _is_edge(doc[start]):
        start += 1
    while end > start and _is_edge(doc[end - 1]):
        end -= 1
    if start == end:
        return None
    return Span(doc, start, end, label=span.label_)


_PEOPLE = {"PERSON", "MINISTER"}
# Military units named by a number: "the 444 Combat Brigade", "14 Corps".
_NUMBERED_UNITS = {"brigade", "corps", "division", "battalion", "regiment", "army", "fleet"}


def _is_edge(token) -> bool:
    return token.tag_ in _EDGE_TAGS or token.is_punct or token.is_space


@Language.factory(
    "actorgraph_actor_ruler",
    assigns=["doc.spans"],
    requires=["doc.ents", "token.tag"],
    default_config={"spans_key": "actors", "ner_labels": ["PERSON", "ORG", "NORP", "GPE"]},
)
def make_actor_ruler(
    nlp: Language, name: str, *, spans_key: str, ner_labels: list[str]
) -> ActorRuler:
    return ActorRuler(nlp, name, spans_key=spans_key, ner_labels=ner_labels)


def _person_first_names(doc: Doc) -> set[tuple[int, int]]:
    """Single-word spans that open a longer PERSON entity: "Chad" in "Chad Daybell", "Israel"
    in "Israel Katz", "Jordan" in "Jordan Bardella" are first names, not states."""
    out = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) >= 2 and ent[1].is_title:
            out.add((ent.start, ent.start + 1))
    return out
