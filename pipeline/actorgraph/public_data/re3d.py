"""Dstl re3d, for the ``re3d`` suite: every sub-folder with a ``documents.json`` (mongoexport
JSON lines, with ``entities.json`` and ``relations.json`` beside it), scored per document.

Three checks, all by character-span overlap with actorgraph's mentions: actor mention
recognition (Organisation, Person and Nationality spans), alias resolution (``IsSynonymOf``
pairs given the same id), and ``FightingAgainst``/``Dislikes`` as rough attacks/accuses.
Annotations with confidence below ``MIN_CONFIDENCE`` are not used; rows whose offsets miss the
document text are skipped and counted.

Not supported: re3d relation types other than the three named above, and entity types other than
the actor types (a mention on a Location span is neither right nor wrong).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..schemas import DocumentResult
from .records import Dataset, Triple
from .report import SuiteReport, Tally, tally_row
from .scoring import make_triple, score_triples, system_triples
from .spans import MentionSpan, Span, best_mention, match_spans, overlap, result_mentions

MIN_CONFIDENCE = 0.5  # re3d crowd-model confidence below which an annotation is not used
# An alias span counts as recognised when one actorgraph mention covers half of it at least, so
# that a title span such as "the Foreign Minister of X" is not taken for a mention of X.
ALIAS_MIN_COVER = 0.5


# -- re3d files ------------------------------------------------------------------------------------
class _Re3dRow(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class Re3dDocumentRow(_Re3dRow):
    id: str = Field(alias="_id")
    text: str
    title: str = ""


class Re3dEntityRow(_Re3dRow):
    documentId: str  # the dataset's field names (camelCase)
    begin: int = Field(ge=0)
    end: int = Field(ge=0)
    type: str
    value: str
    confidence: float = 1.0


class Re3dRelationRow(_Re3dRow):
    documentId: str
    sourceBegin: int = Field(ge=0)
    sourceEnd: int = Field(ge=0)
    targetBegin: int = Field(ge=0)
    targetEnd: int = Field(ge=0)
    source: str
    target: str
    type: str
    confidence: float = 1.0


@dataclass(frozen=True)
class Re3dRelation:
    type: str
    source: Span
    target: Span
    confidence: float


@dataclass
class Re3dDocument:
    id: str
    folder: str
    text: str
    entities: list[Span] = field(default_factory=list)
    relations: list[Re3dRelation] = field(default_factory=list)


def _json_lines(path: Path, model: type[BaseModel], skipped: Counter[str]) -> Iterator[Any]:
    """Validated rows of a mongoexport JSON-lines file; bad lines counted, never raised."""
    if not path.is_file():
        skipped[f"{path.name} missing"] += 1
        return
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if not line.strip():
                continue
            try:
                yield model.model_validate(json.loads(line))
            except (json.JSONDecodeError, ValidationError):
                skipped[f"malformed line in {path.name}"] += 1


def _span_ok(text: str, start: int, end: int, value: str) -> bool:
    return start < end <= len(text) and text[start:end] == value


def read_re3d_folder(folder: Path, skipped: Counter[str]) -> list[Re3dDocument]:
    docs: dict[str, Re3dDocument] = {}
    for row in _json_lines(folder / "documents.json", Re3dDocumentRow, skipped):
        docs[row.id] = Re3dDocument(row.id, folder.name, row.text)
    for row in _json_lines(folder / "entities.json", Re3dEntityRow, skipped):
        doc = docs.get(row.documentId)
        if doc is None or not _span_ok(doc.text, row.begin, row.end, row.value):
            skipped["entity with unknown document or offsets that miss its text"] += 1
            continue
        doc.entities.append(Span(row.begin, row.end, row.type, row.confidence))
    for row in _json_lines(folder / "relations.json", Re3dRelationRow, skipped):
        doc = docs.get(row.documentId)
        if doc is None or not (
            _span_ok(doc.text, row.sourceBegin, row.sourceEnd, row.source)
            and _span_ok(doc.text, row.targetBegin, row.targetEnd, row.target)
        ):
            skipped["relation with unknown document or offsets that miss its text"] += 1
            continue
        source = Span(row.sourceBegin, row.sourceEnd)
        target = Span(row.targetBegin, row.targetEnd)
        doc.relations.append(Re3dRelation(row.type, source, target, row.confidence))
    return list(docs.values())


def read_re3d(root: Path) -> Dataset:
    """Every sub-folder of re3d that has a documents.json."""
    dataset = Dataset("re3d", [])
    for folder in sorted(p for p in Path(root).iterdir() if (p / "documents.json").is_file()):
        dataset.records.extend(read_re3d_folder(folder, dataset.skipped))
    dataset.read = len(dataset.records)
    return dataset


# -- re3d scoring ---------------------------------------------------------------------------------
RE3D_ACTOR_TYPES = frozenset({"Organisation", "Person", "Nationality"})
RE3D_NAMED_TYPES = RE3D_ACTOR_TYPES | {"Location"}
RE3D_RELATIONS: Mapping[str, str] = MappingProxyType(
    {"FightingAgainst": "attacks", "Dislikes": "accuses"}
)


def _confident(items: Iterable[Any]) -> list[Any]:
    return [item for item in items if item.confidence >= MIN_CONFIDENCE]


def re3d_actor_tally(doc: Re3dDocument, mentions: Sequence[MentionSpan]) -> Tally:
    """Organisation/Person/Nationality spans vs actorgraph mentions, one-to-one; a mention on a
    Location span (a country named as a place) is neither right nor wrong."""
    entities = _confident(doc.entities)
    gold = list({(e.start, e.end): e for e in entities if e.label in RE3D_ACTOR_TYPES}.values())
    named = [e for e in entities if e.label in RE3D_NAMED_TYPES]
    matched = match_spans(gold, mentions)
    matched_mentions = {mi for _, mi in matched}
    fp = sum(
        1
        for mi, m in enumerate(mentions)
        if mi not in matched_mentions
        and not any(overlap(e.start, e.end, m.start, m.end) for e in named)
    )
    return Tally(len(matched), fp, len(gold) - len(matched))


def synonym_pairs(doc: Re3dDocument) -> set[tuple[Span, Span]]:
    """IsSynonymOf annotations as unordered span pairs (re3d lists both directions)."""
    pairs = set()
    for rel in _confident(doc.relations):
        if rel.type == "IsSynonymOf" and rel.source != rel.target:
            a, b = sorted((rel.source, rel.target), key=lambda s: (s.start, s.end))
            pairs.add((a, b))
    return pairs


def re3d_alias_counts(doc: Re3dDocument, mentions: Sequence[MentionSpan]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for a, b in synonym_pairs(doc):
        counts["pairs"] += 1
        ma = best_mention(a, mentions, ALIAS_MIN_COVER)
        mb = best_mention(b, mentions, ALIAS_MIN_COVER)
        if ma is None or mb is None:
            continue
        counts["both recognised"] += 1
        counts["same id"] += ma.actor == mb.actor
    return counts


def re3d_gold_triples(
    doc: Re3dDocument, mentions: Sequence[MentionSpan], dropped: Counter[str]
) -> set[Triple]:
    out = set()
    for rel in _confident(doc.relations):
        relation = RE3D_RELATIONS.get(rel.type)
        if relation is None:
            continue
        source, target = best_mention(rel.source, mentions), best_mention(rel.target, mentions)
        if source is None or target is None:
            dropped[f"{rel.type}: a span is no actorgraph mention"] += 1
            continue
        triple = make_triple(source.key, relation, target.key)
        if triple is None:
            dropped[f"{rel.type}: self-relation"] += 1
        else:
            dropped[f"{rel.type}: kept"] += 1
            out.add(triple)
    return out


def score_re3d(
    dataset: Dataset, results: Sequence[DocumentResult], description: str = ""
) -> SuiteReport:
    name = dataset.name
    actors = Tally()
    alias: Counter[str] = Counter()
    relations = {r: Tally() for r in RE3D_RELATIONS.values()}
    outcome: Counter[str] = Counter()
    for doc, result in zip(dataset.records, results, strict=True):
        mentions = result_mentions(result)
        t = re3d_actor_tally(doc, mentions)
        actors.add(t.tp, t.fp, t.fn)
        alias.update(re3d_alias_counts(doc, mentions))
        gold = re3d_gold_triples(doc, mentions, outcome)
        for relation, t in score_triples(gold, system_triples(result), relations).items():
            relations[relation].add(t.tp, t.fp, t.fn)
    same, recognised, pairs = alias["same id"], alias["both recognised"], alias["pairs"]
    rows = [
        tally_row(name, "actor mentions", actors),
        tally_row(name, "alias (IsSynonymOf)", Tally(same, recognised - same, pairs - same)),
    ]
    rows += [tally_row(name, f"{r} (doc, rough)", t) for r, t in relations.items()]
    report = SuiteReport(name, description, rows)
    report.counts = {
        "documents_read": dataset.read,
        "documents_scored": len(dataset.records),
        "records_skipped": dict(dataset.skipped),
        "entities": sum(len(d.entities) for d in dataset.records),
        "relations": sum(len(d.relations) for d in dataset.records),
        "synonym_pairs": pairs,
        "synonym_pairs_both_recognised": recognised,
        "synonym_pairs_same_id": same,
        "relation_outcomes": dict(sorted(outcome.items())),
    }
    skipped = ", ".join(f"{n} {why}" for why, n in dataset.skipped.items()) or "none"
    report.notes = [
        f"{dataset.read} documents read, {len(dataset.records)} scored; skipped: {skipped}",
        f"IsSynonymOf: {pairs} pairs, {recognised} with both spans recognised, {same} same id "
        "(alias row: gold = pairs, system = both recognised, tp = same id)",
        "relations: " + ", ".join(f"{n} {why}" for why, n in sorted(outcome.items())),
        f"annotations with confidence < {MIN_CONFIDENCE} are not used",
    ]
    return report
