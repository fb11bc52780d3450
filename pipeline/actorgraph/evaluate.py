"""Scoring an actorgraph run against gold annotations in the shared gold format.

Gold is one JSON file per article (see ``../shared/eval/seed/``), validated by
:class:`GoldDocument`. A run is an output folder of ``actorgraph extract`` (actors.jsonl and
relations.jsonl). The scoring follows the reference scorer (``../shared/eval/score.py``) and
gives the same figures:

* per document, each system actor is mapped to the gold actor that shares the most surface
  forms with it (mentions case-folded, a leading "the" and a trailing possessive dropped), else
  the one its name or aliases match; gold actors listed under ``ignore_actors`` (site
  boilerplate) are left out of the count;
* actors: a gold actor is found when some system actor maps to it; a system actor that maps to
  none is a false positive;
* relations: document-level (source, relation, target) triples after mapping; negotiates-with
  and agrees-with are symmetric; a relation from an actor to itself is dropped;
* ``lenient``: a person's relation also counts for what they lead (a LEADS gold relation) and a
  state organ such as ``PAK_MIL`` for its state, on both sides.

System relations are scored whatever their ``hedged``/``negated`` flags, as the reference does;
gold marks negated relations with ``"negated": true``. Misses and false relations carry their
evidence sentence, for ``actorgraph eval --show-errors``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .datafiles import validation_location
from .errors import DataFileError

CORE = ("accuses", "mediates", "negotiates-with")
SYMMETRIC = frozenset({"negotiates-with", "agrees-with"})
Triple = tuple[str, str, str]


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    """Precision, recall and F1 (rounded to 3 places) with the counts they come from."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3), "tp": tp, "fp": fp, "fn": fn}


# -- gold -----------------------------------------------------------------------------------
class _Gold(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GoldActor(_Gold):
    id: str
    name: str = ""
    type: str = ""
    role: str | None = None
    affiliation: str | None = None
    mentions: list[str] = Field(default_factory=list)


class GoldRelation(_Gold):
    source: str
    type: str
    target: str
    evidence: str = ""
    hedged: bool = False
    negated: bool = False
    implicit: bool = False


class GoldDocument(_Gold):
    doc: str
    note: str = ""
    actors: list[GoldActor]
    ignore_actors: list[str] = Field(default_factory=list)
    relations: list[GoldRelation] = Field(default_factory=list)


def read_gold(gold_dir: Path | str) -> list[GoldDocument]:
    """Every ``*.json`` gold file in a folder, in name order."""
    files = sorted(Path(gold_dir).glob("*.json"))
    if not files:
        raise DataFileError(path=gold_dir, location="", detail="no *.json gold files found")
    out = []
    for file in files:
        try:
            out.append(GoldDocument.model_validate_json(file.read_text(encoding="utf-8")))
        except ValidationError as exc:
            raise DataFileError(path=file, **validation_location(exc)) from exc
    return out


# -- normalisation, as the reference scorer -----------------------------------------------------
def norm_type(value: str) -> str:
    return re.sub(r"[\s_]+", "-", str(value).strip().lower())


def norm_text(value: str) -> str:
    text = unicodedata.normalize("NFKC", str(value)).casefold()
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"'s$", "", text.strip())
    text = re.sub(r"^(the)\s+", "", text)
    text = re.sub(r"[\s\-\u2010\u2013\u2014]+", " ", text)
    return text.strip(" .,;:\"'")


def doc_key(name: str) -> str:
    """A document's key: its file name without folder and extension."""
    name = str(name).replace("\\", "/").split("/")[-1]
    return re.sub(r"\.(txt|md|html?|json|jsonl)$", "", name)


def canon(triple: Triple) -> Triple:
    source, relation, target = triple
    if relation in SYMMETRIC and target < source:
        source, target = target, source
    return (source, relation, target)


# -- the run --------------------------------------------------------------------------------
class RunData:
    """What scoring needs from an output folder: forms per document, names, relations."""

    def __init__(self) -> None:
        self.forms: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.names: dict[str, set[str]] = {}
        self.relations: dict[str, list[dict]] = defaultdict(list)

    @classmethod
    def from_dir(cls, run_dir: Path | str) -> RunData:
        run_dir = Path(run_dir)
        run = cls()
        for actor in _read_jsonl(run_dir / "actors.jsonl"):
            names = {actor.get("name") or ""} | set(actor.get("aliases") or [])
            run.names[actor["id"]] = {norm_text(n) for n in names if n}
            for mention in actor.get("mentions") or []:
                run.forms[doc_key(mention["doc_id"])][actor["id"]].add(norm_text(mention["text"]))
        for relation in _read_jsonl(run_dir / "relations.jsonl"):
            doc = doc_key(relation["doc_id"])
            run.relations[doc].append(relation)
            for side in ("source", "target"):
                actor_id, text = relation[side], relation.get(f"{side}_text")
                if text:
                    run.forms[doc][actor_id].add(norm_text(text))
                run.forms[doc].setdefault(actor_id, set())
        return run


def _read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def map_actors(
    doc_forms: dict[str, set[str]], names: dict[str, set[str]], gold: Iterable[GoldActor]
) -> dict[str, str | None]:
    """System actor id -> gold actor id (or None), by shared surface forms, then names."""
    gold_forms = {g.id: {norm_text(m) for m in g.mentions} | {norm_text(g.name)} for g in gold}
    mapping: dict[str, str | None] = {}
    for actor_id, forms in doc_forms.items():
        own = names.get(actor_id, set()) | {norm_text(actor_id or "")}
        best, best_score = None, 0
        for gold_id, wanted in gold_forms.items():
            score = 2 * len(forms & wanted) + len(own & wanted)
            if score > best_score:
                best, best_score = gold_id, score
        mapping[actor_id] = best
    return mapping


def _lifter(gold: GoldDocument):
    leads: dict[str, set[str]] = defaultdict(set)
    for r in gold.relations:
        if norm_type(r.type) == "leads":
            leads[r.source].add(r.target)

    def up(actor: str) -> set[str]:
        out = set()
        for item in leads.get(actor) or {actor}:
            match = re.match(r"^([A-Z]{3})_[A-Z_]+$", item or "")
            out.add(match.group(1) if match else item)
        return out

    def lift(triple: Triple) -> set[Triple]:
        source, relation, target = triple
        if relation == "leads":
            return {triple}
        return {canon((a, relation, b)) for a in up(source) for b in up(target) if a != b}

    return lift


# -- the score ------------------------------------------------------------------------------
class ErrorItem(BaseModel):
    doc: str
    source: str
    relation: str
    target: str
    evidence: str = ""

    def line(self) -> str:
        text = f"{self.doc}: ({self.source}, {self.relation}, {self.target})"
        return f"{text}\n    {self.evidence}" if self.evidence else text


class EvalReport(BaseModel):
    by_type: dict[str, dict]
    core: dict
    all: dict
    actors: dict
    docs: dict[str, dict]
    misses: list[ErrorItem]
    extras: list[ErrorItem]

    def table(self) -> str:
        lines = []
        for relation, m in self.by_type.items():
            lines.append(
                f"{relation:18s} P={m['p']:.2f} R={m['r']:.2f} F1={m['f1']:.2f}  "
                f"(tp={m['tp']} fp={m['fp']} fn={m['fn']})"
            )
        a = self.actors
        lines.append(f"{'actors':18s} P={a['p']:.2f} R={a['r']:.2f} F1={a['f1']:.2f}")
        for name in ("core", "all"):
            m = getattr(self, name)
            lines.append(
                f"{name + ' relations':18s} P={m['p']:.2f} R={m['r']:.2f} F1={m['f1']:.2f}"
            )
        return "\n".join(lines)


def score_run(
    gold_dir: Path | str,
    run_dir: Path | str,
    *,
    types: Iterable[str] | None = None,
    lenient: bool = False,
) -> EvalReport:
    """Score the output folder ``run_dir`` against the gold files in ``gold_dir``."""
    wanted_types = {norm_type(t) for t in types} if types else None
    run = RunData.from_dir(run_dir)
    counts: dict[str, Counter] = defaultdict(Counter)
    actor_counts: Counter = Counter()
    docs: dict[str, dict] = {}
    misses: list[ErrorItem] = []
    extras: list[ErrorItem] = []
    for gold in read_gold(gold_dir):
        doc = doc_key(gold.doc)
        ignore = {norm_text(x) for x in gold.ignore_actors}
        doc_forms = {a: f for a, f in run.forms.get(doc, {}).items() if not (f and f <= ignore)}
        mapping = map_actors(doc_forms, run.names, gold.actors)
        found = {g for g in mapping.values() if g}
        expected = {g.id for g in gold.actors}
        actor_counts["tp"] += len(found & expected)
        actor_counts["fn"] += len(expected - found)
        actor_counts["fp"] += sum(1 for g in mapping.values() if g is None)

        gold_evidence: dict[Triple, str] = {}
        for r in gold.relations:
            gold_evidence.setdefault(canon((r.source, norm_type(r.type), r.target)), r.evidence)
        system_evidence: dict[Triple, str] = {}
        for r in run.relations.get(doc, []):
            triple = canon(
                (
                    mapping.get(r["source"]) or f"?{r['source']}",
                    norm_type(r["relation"]),
                    mapping.get(r["target"]) or f"?{r['target']}",
                )
            )
            if triple[0] != triple[2]:
                system_evidence.setdefault(triple, r.get("sentence", ""))
        gold_triples, system_triples = set(gold_evidence), set(system_evidence)
        if lenient:
            lift = _lifter(gold)
            gold_evidence = _lift_evidence(gold_evidence, lift)
            system_evidence = _lift_evidence(system_evidence, lift)
            gold_triples, system_triples = set(gold_evidence), set(system_evidence)
        for relation in {t[1] for t in gold_triples | system_triples}:
            if wanted_types and relation not in wanted_types:
                continue
            g = {t for t in gold_triples if t[1] == relation}
            s = {t for t in system_triples if t[1] == relation}
            counts[relation]["tp"] += len(g & s)
            counts[relation]["fp"] += len(s - g)
            counts[relation]["fn"] += len(g - s)
            misses += [_error(doc, t, gold_evidence[t]) for t in sorted(g - s)]
            extras += [_error(doc, t, system_evidence[t]) for t in sorted(s - g)]
        docs[doc] = {
            "gold": len(gold_triples),
            "system": len(system_triples),
            "hit": len(gold_triples & system_triples),
        }
    core, total = Counter(), Counter()
    for relation, c in counts.items():
        total.update(c)
        if relation in CORE:
            core.update(c)
    return EvalReport(
        by_type={t: prf(**c) for t, c in sorted(counts.items())},
        core=prf(core["tp"], core["fp"], core["fn"]),
        all=prf(total["tp"], total["fp"], total["fn"]),
        actors=prf(actor_counts["tp"], actor_counts["fp"], actor_counts["fn"]),
        docs=docs,
        misses=misses,
        extras=extras,
    )


def _lift_evidence(evidence: dict[Triple, str], lift) -> dict[Triple, str]:
    out: dict[Triple, str] = {}
    for triple, sentence in evidence.items():
        for lifted in lift(triple):
            out.setdefault(lifted, sentence)
    return out


def _error(doc: str, triple: Triple, evidence: str) -> ErrorItem:
    source, relation, target = triple
    return ErrorItem(doc=doc, source=source, relation=relation, target=target, evidence=evidence)
