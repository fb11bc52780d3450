"""Scoring of the coded sentences (petr2-*, plover-gsr) against actorgraph's results.

Each record is a one-sentence document; gold and system are sets of (source, relation, target)
triples at the country level (an actor's state; IGO/militant codes that name one actorgraph
organisation map to its id), symmetric relations as unordered pairs, self-relations dropped on
both sides, negated system relations left out (hedged ones count). A system triple is a false
positive only for a relation type the dataset annotates; in a sentence where a gold event of that
type could not be mapped to actors, unmatched system triples of that type are ignored rather than
counted.

Not supported: event dates and locations; gold events whose CAMEO code or PLOVER category is not
mapped are counted as unmapped, never scored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..schemas import DocumentResult
from .mapping import CONSULT, RELATIONS, STRICT, SYMMETRIC, actor_key
from .records import Dataset, GoldSentence, Triple
from .report import Row, SuiteReport, Tally, recall_row, tally_row


# -- comparable triples ----------------------------------------------------------------------------
def make_triple(source: str, relation: str, target: str) -> Triple | None:
    """A comparable triple: None for a self-relation, symmetric relations in sorted order."""
    if source == target:
        return None
    if relation in SYMMETRIC and target < source:
        source, target = target, source
    return (source, relation, target)


def system_triples(result: DocumentResult) -> set[Triple]:
    """The result's relations at the country level, negated ones left out."""
    keys = {actor.id: actor_key(actor) for actor in result.actors}
    out: set[Triple] = set()
    for rel in result.relations:
        if rel.negated:
            continue
        triple = make_triple(
            keys.get(rel.source, rel.source), rel.relation, keys.get(rel.target, rel.target)
        )
        if triple:
            out.add(triple)
    return out


def system_actor_keys(result: DocumentResult) -> set[str]:
    return {actor_key(actor) for actor in result.actors}


# -- coded sentences -------------------------------------------------------------------------------
@dataclass
class GoldSet:
    triples: set[Triple]
    blind: set[str]  # relation types with a gold event that could not be mapped to actors
    outcome: Counter[str]  # per event: kept / unmapped event / actor not mappable / self
    unmapped_codes: Counter[str]  # actor codes that map to no actorgraph id


def gold_set(sentence: GoldSentence, variant: str = STRICT) -> GoldSet:
    out = GoldSet(set(), set(), Counter(), Counter())
    for event in sentence.events:
        relation = event.relation_for(variant)
        if relation is None:
            out.outcome["event type not mapped"] += 1
        elif event.source is None or event.target is None:
            out.outcome["actor code missing or not mappable"] += 1
            out.blind.add(relation)
            for code, mapped in (
                (event.source_code, event.source),
                (event.target_code, event.target),
            ):
                if mapped is None:
                    out.unmapped_codes[code or "(missing)"] += 1
        else:
            triple = make_triple(event.source, relation, event.target)
            if triple is None:
                out.outcome["self-relation"] += 1
            else:
                out.outcome["kept"] += 1
                out.triples.add(triple)
    return out


def score_triples(
    gold: set[Triple],
    system: set[Triple],
    measured: Iterable[str],
    blind: Iterable[str] = (),
) -> dict[str, Tally]:
    """tp/fp/fn per measured relation type; unmatched system triples of a blind type are
    ignored (the gold for that type is incomplete in this sentence)."""
    blind = set(blind)
    tallies = {}
    for relation in measured:
        g = {t for t in gold if t[1] == relation}
        s = {t for t in system if t[1] == relation}
        fp = 0 if relation in blind else len(s - g)
        tallies[relation] = Tally(len(g & s), fp, len(g - s))
    return tallies


def measured_types(sentences: Iterable[GoldSentence], variant: str = STRICT) -> list[str]:
    """Relation types the dataset annotates: those some gold event maps to."""
    found = {e.relation_for(variant) for s in sentences for e in s.events}
    return [r for r in RELATIONS if r in found]


@dataclass
class _CodedTotals:
    """Running counts of a sentence-level suite."""

    measured: list[str]
    has_consult: bool
    tallies: dict[str, Tally] = field(default_factory=dict)
    consult: Tally = field(default_factory=Tally)
    actors: Tally = field(default_factory=Tally)
    outcome: Counter[str] = field(default_factory=Counter)
    unmapped: Counter[str] = field(default_factory=Counter)
    ignored: Counter[str] = field(default_factory=Counter)

    def add(self, sentence: GoldSentence, result: DocumentResult) -> None:
        system = system_triples(result)
        gold = gold_set(sentence)
        self.outcome.update(gold.outcome)
        self.unmapped.update(gold.unmapped_codes)
        self.ignored.update(t[1] for t in system if t[1] not in self.measured)
        for relation, t in score_triples(gold.triples, system, self.measured, gold.blind).items():
            self.tallies.setdefault(relation, Tally()).add(t.tp, t.fp, t.fn)
        if self.has_consult:
            loose = gold_set(sentence, CONSULT)
            t = score_triples(loose.triples, system, ["negotiates-with"], loose.blind)
            self.consult.add(
                t["negotiates-with"].tp, t["negotiates-with"].fp, t["negotiates-with"].fn
            )
        gold_actors = {a for e in sentence.events for a in (e.source, e.target) if a}
        found = len(gold_actors & system_actor_keys(result))
        self.actors.add(tp=found, fn=len(gold_actors) - found)

    def rows(self, name: str) -> list[Row]:
        rows = [
            recall_row(name, "actors (recall)", self.actors.tp, self.actors.tp + self.actors.fn)
        ]
        rows += [tally_row(name, r, self.tallies.get(r, Tally())) for r in self.measured]
        if self.has_consult:
            rows.append(tally_row(name, "negotiates-with (consult)", self.consult))
        total = Tally()
        for tally in self.tallies.values():
            total.add(tally.tp, tally.fp, tally.fn)
        rows.append(tally_row(name, "all measured (micro)", total))
        return rows


def score_coded(
    dataset: Dataset, results: Sequence[DocumentResult], description: str = ""
) -> SuiteReport:
    """Score sentence-level CAMEO/PLOVER gold against system results (same order)."""
    sentences = dataset.records
    has_consult = any(e.relation_consult != e.relation for s in sentences for e in s.events)
    totals = _CodedTotals(measured_types(sentences), has_consult)
    for sentence, result in zip(sentences, results, strict=True):
        totals.add(sentence, result)
    report = SuiteReport(dataset.name, description, totals.rows(dataset.name))
    report.counts = {
        "records_read": dataset.read,
        "records_scored": len(sentences),
        "records_skipped": dict(dataset.skipped),
        "records_repaired": dict(dataset.repaired),
        "events": sum(totals.outcome.values()),
        "event_outcomes": dict(totals.outcome),
        "unmappable_actor_codes": dict(totals.unmapped.most_common()),
        "measured_types": totals.measured,
        "ignored_system_triples": dict(totals.ignored),
        "mapping_basis": dict(Counter(e.basis for s in sentences for e in s.events)),
    }
    report.notes = coded_notes(report.counts) + dataset.notes
    return report


def coded_notes(counts: Mapping[str, Any]) -> list[str]:
    skipped = ", ".join(f"{n} {why}" for why, n in counts["records_skipped"].items()) or "none"
    outcomes = ", ".join(f"{n} {why}" for why, n in sorted(counts["event_outcomes"].items()))
    codes = ", ".join(f"{c} ({n})" for c, n in counts["unmappable_actor_codes"].items())
    ignored = ", ".join(f"{r} {n}" for r, n in counts["ignored_system_triples"].items())
    basis = ", ".join(f"{n} by {b}" for b, n in counts["mapping_basis"].items())
    repaired = ", ".join(f"{n} {why}" for why, n in counts["records_repaired"].items())
    notes = [
        f"{counts['records_read']} records read, {counts['records_scored']} scored; "
        f"skipped: {skipped}" + (f"; kept after repair: {repaired}" if repaired else ""),
        f"{counts['events']} gold events (strict): {outcomes}",
        f"measures: {', '.join(counts['measured_types']) or 'nothing'}",
    ]
    if codes:
        notes.append(f"actor codes not mappable: {codes}")
    if ignored:
        notes.append(f"system triples of types not measured here (ignored): {ignored}")
    if basis:
        notes.append(f"event mapping: {basis}")
    return notes
