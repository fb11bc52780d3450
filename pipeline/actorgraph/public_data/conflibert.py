"""ConfliBERT ``cameo_ner/test.txt`` (CoNLL, BIO tags for source, target and reciprocal party),
for the ``conflibert`` suite: a relation-type-blind check of who-did-what-to-whom direction.

Tokens are joined back into text (no space before closing punctuation) and the gold spans are
matched to actorgraph mentions by character overlap; a gold pair is correct when some
non-negated relation joins it in the right direction.

Not supported: the ConfliBERT quad-class labels, relation types (not compared), tags other than
S, T and R (read as outside).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..schemas import DocumentResult
from .mapping import SYMMETRIC
from .records import Dataset
from .report import SuiteReport, Tally, recall_row, tally_row
from .spans import Span, best_mention, overlap, result_mentions

# -- ConfliBERT CoNLL file -------------------------------------------------------------------------
_NO_SPACE_BEFORE = frozenset(
    {",", ".", ";", ":", "!", "?", ")", "]", "%", "'s", "'", "n't", "''", "-", "’", "”"}
)
_NO_SPACE_AFTER = frozenset({"(", "[", "$", "``", "-", "“"})
_ROLE_TAGS = frozenset({"S", "T", "R"})


@dataclass(frozen=True)
class SpanSentence:
    id: str
    text: str
    spans: tuple[Span, ...]  # label S (source), T (target) or R (reciprocal party)


def detokenize(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """Text from tokens (no space before closing punctuation) and each token's offsets."""
    parts: list[str] = []
    offsets = []
    cursor = 0
    for index, token in enumerate(tokens):
        glue = index == 0 or token in _NO_SPACE_BEFORE or tokens[index - 1] in _NO_SPACE_AFTER
        if not glue:
            parts.append(" ")
            cursor += 1
        offsets.append((cursor, cursor + len(token)))
        parts.append(token)
        cursor += len(token)
    return "".join(parts), offsets


def tagged_spans(tags: Sequence[str], offsets: Sequence[tuple[int, int]]) -> list[Span]:
    """BIO spans; an I- tag that does not continue a span of its role starts one."""
    spans: list[Span] = []
    current: list[Any] | None = None
    for tag, (start, end) in zip(tags, offsets, strict=True):
        prefix, _, role = tag.partition("-")
        if prefix == "I" and current is not None and current[2] == role:
            current[1] = end
            continue
        if current is not None:
            spans.append(Span(*current))
        current = [start, end, role] if prefix in ("B", "I") and role in _ROLE_TAGS else None
    if current is not None:
        spans.append(Span(*current))
    return spans


def conll_sentences(lines: Iterable[str], skipped: Counter[str]) -> Iterator[list[tuple[str, str]]]:
    sentence: list[tuple[str, str]] = []
    for line in lines:
        parts = line.split()
        if not parts:
            if sentence:
                yield sentence
            sentence = []
        elif len(parts) < 2:
            skipped["token line without a tag (token kept as O)"] += 1
            sentence.append((parts[0], "O"))
        else:
            sentence.append((" ".join(parts[:-1]), parts[-1]))
    if sentence:
        yield sentence


def read_conflibert_ner(path: Path) -> Dataset:
    """ConfliBERT ``cameo_ner`` CoNLL file: sentences with source/target/reciprocal spans."""
    dataset = Dataset("conflibert", [])
    with Path(path).open(encoding="utf-8", errors="replace") as handle:
        for index, rows in enumerate(conll_sentences(handle, dataset.skipped)):
            dataset.read += 1
            text, offsets = detokenize([token for token, _ in rows])
            spans = tagged_spans([tag for _, tag in rows], offsets)
            if not spans:
                dataset.skipped["no source/target span"] += 1
                continue
            dataset.records.append(SpanSentence(f"{Path(path).stem}-{index}", text, tuple(spans)))
    return dataset


# -- ConfliBERT scoring ---------------------------------------------------------------------------
def gold_direction_pairs(sentence: SpanSentence) -> list[tuple[Span, Span, bool]]:
    """(a, b, directed): source->target pairs, and unordered pairs of reciprocal parties."""
    sources = [s for s in sentence.spans if s.label == "S"]
    targets = [s for s in sentence.spans if s.label == "T"]
    parties = [s for s in sentence.spans if s.label == "R"]
    pairs = [(s, t, True) for s in sources for t in targets]
    pairs += [(a, b, False) for i, a in enumerate(parties) for b in parties[i + 1 :]]
    return pairs


def direction_status(
    pair: tuple[Span, Span, bool], result: DocumentResult, by_actor: Mapping[str, list[Span]]
) -> str:
    """'correct', 'reversed' or 'missed' for one gold pair, over all non-negated relations."""
    a, b, directed = pair

    def touches(actor: str, span: Span) -> bool:
        return any(overlap(span.start, span.end, m.start, m.end) for m in by_actor.get(actor, ()))

    status = "missed"
    for rel in result.relations:
        if rel.negated:
            continue
        forward = touches(rel.source, a) and touches(rel.target, b)
        backward = touches(rel.source, b) and touches(rel.target, a)
        if forward or (backward and (not directed or rel.relation in SYMMETRIC)):
            return "correct"
        if backward:
            status = "reversed"
    return status


def score_conflibert(
    dataset: Dataset, results: Sequence[DocumentResult], description: str = ""
) -> SuiteReport:
    name = dataset.name
    direction = Tally()
    spans_found = spans_total = 0
    for sentence, result in zip(dataset.records, results, strict=True):
        mentions = result_mentions(result)
        by_actor: dict[str, list[Span]] = {}
        for m in mentions:
            by_actor.setdefault(m.actor, []).append(Span(m.start, m.end))
        spans_total += len(sentence.spans)
        spans_found += sum(1 for s in sentence.spans if best_mention(s, mentions))
        for pair in gold_direction_pairs(sentence):
            status = direction_status(pair, result, by_actor)
            direction.add(tp=status == "correct", fp=status == "reversed", fn=status != "correct")
    rows = [
        recall_row(name, "actor spans (recall)", spans_found, spans_total),
        tally_row(name, "direction (any relation)", direction),
    ]
    report = SuiteReport(name, description, rows)
    skipped = ", ".join(f"{n} {why}" for why, n in dataset.skipped.items()) or "none"
    report.counts = {
        "records_read": dataset.read,
        "records_scored": len(dataset.records),
        "records_skipped": dict(dataset.skipped),
        "gold_pairs": direction.tp + direction.fn,
    }
    report.notes = [
        f"{dataset.read} sentences read, {len(dataset.records)} scored; skipped: {skipped}",
        "direction row: gold = source->target (and reciprocal) span pairs; tp = some relation "
        "joins them in the right direction; fp = only the reverse direction; relation type "
        "not compared",
    ]
    return report
