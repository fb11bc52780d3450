"""Turning a processed spaCy Doc into pydantic results (actors, relations, document row)."""

from __future__ import annotations

import hashlib

from spacy.tokens import Doc, Span

from .schemas import (
    ActorRecord,
    Article,
    DefinedAlias,
    DocumentRecord,
    DocumentResult,
    Mention,
    RelationRecord,
)

MEDIATOR = "MEDIATOR"


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def doc_to_result(doc: Doc, article: Article) -> DocumentResult:
    """The actors, mentions and relations of one article, with character offsets."""
    doc_id = article.doc_id
    by_actor: dict[str, list[Span]] = {}  # each actor's mentions, in text order
    for span in doc.spans.get("actors", []):
        by_actor.setdefault(span.kb_id_, []).append(span)
    relations = [_relation(doc, doc_id, r, by_actor) for r in doc._.relations or []]
    mediators = {r.source for r in relations if r.relation == "mediates" and not r.negated}
    info = doc._.actors or {}
    actors: dict[str, ActorRecord] = {}
    for span in doc.spans.get("actors", []):
        actor_id = span.kb_id_
        record = actors.get(actor_id)
        if record is None:
            meta = info.get(actor_id, {})
            roles = [MEDIATOR] if actor_id in mediators else []
            if meta.get("role"):
                roles.append(meta["role"])
            record = actors[actor_id] = ActorRecord(
                id=actor_id,
                name=meta.get("name") or span.text,
                type=meta.get("type") or span.label_,
                country=meta.get("country"),
                roles=roles,
            )
        choice = (doc._.resolutions or {}).get((span.start, span.end)) or {}
        record.mentions.append(
            Mention(
                doc_id=doc_id,
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                candidates=choice.get("candidates"),
                resolved_by=choice.get("resolved_by"),
            )
        )
    for r in relations:  # an end the text never names ("President Putin" leads Russia)
        for actor_id in (r.source, r.target):
            meta = info.get(actor_id)
            if actor_id not in actors and meta is not None:
                actors[actor_id] = ActorRecord(
                    id=actor_id,
                    name=meta["name"],
                    type=meta["type"],
                    country=meta.get("country"),
                    roles=[MEDIATOR] if actor_id in mediators else [],
                )
    for record in actors.values():
        record.aliases = sorted({m.text for m in record.mentions})
    document = DocumentRecord(
        doc_id=doc_id,
        status="ok",
        chars=len(article.text),
        sha256=text_sha256(article.text),
        defined_aliases=[DefinedAlias(**item) for item in doc._.definitions or []],
        encoding=article.encoding,
        chunks=1,
    )
    return DocumentResult(document=document, actors=list(actors.values()), relations=relations)


def _relation(doc: Doc, doc_id: str, r: dict, by_actor: dict[str, list[Span]]) -> RelationRecord:
    sent = _strip(doc[slice(*r["sentence"])])
    return RelationRecord(
        doc_id=doc_id,
        relation=r["relation"],
        source=r["source"],
        target=r["target"],
        source_text=_mention_text(doc, r["source"], r["source_span"], sent, by_actor),
        target_text=_mention_text(doc, r["target"], r["target_span"], sent, by_actor),
        sentence=sent.text,
        start=sent.start_char,
        end=sent.end_char,
        trigger=doc[r["trigger"]].text,
        confidence=r["confidence"],
        attributed_to=r["attributed_to"],
        hedged=r["hedged"],
        negated=r["negated"],
        pattern=r["pattern"],
    )


def _mention_text(
    doc: Doc, actor_id: str, span: list[int], sentence: Span, by_actor: dict[str, list[Span]]
) -> str:
    """How the evidence names an end of a relation: its mention, as written.

    Where an office holder acts for their state ("President Irfaan Ali demanded ...": Guyana
    demands), the mention is the person's; then the state's own mention in the sentence is
    given, else the state's name (the person is in ``attributed_to``). The same holds for an
    unnamed group ("the delegation was led by ...") and an office title ("President X" leads).
    """
    mentions = by_actor.get(actor_id, [])
    start, end = span
    if any((m.start, m.end) == (start, end) for m in mentions):
        return doc[start:end].text
    for other in mentions:
        if sentence.start <= other.start < sentence.end:
            return other.text
    return ((doc._.actors or {}).get(actor_id) or {}).get("name") or doc[start:end].text


def _strip(span: Span) -> Span:
    """The span without whitespace tokens at its edges (a sentence's trailing line breaks)."""
    start, end = span.start, span.end
    while start < end - 1 and span.doc[start].is_space:
        start += 1
    while end > start + 1 and span.doc[end - 1].is_space:
        end -= 1
    return span.doc[start:end]
