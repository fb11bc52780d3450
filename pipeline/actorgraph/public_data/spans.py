"""Character spans and their matching to actorgraph mentions (re3d, conflibert): overlap size,
the mention that overlaps a gold span most, greedy one-to-one matching.

Spans are compared by character offsets into the text actorgraph was given; there is no token
alignment and no fuzzy string matching.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..schemas import DocumentResult
from .mapping import actor_key


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str = ""
    confidence: float = 1.0


@dataclass(frozen=True)
class MentionSpan:
    start: int
    end: int
    actor: str  # actor id
    key: str  # country-level key (actor_key)


def result_mentions(result: DocumentResult) -> list[MentionSpan]:
    return [
        MentionSpan(m.start, m.end, actor.id, actor_key(actor))
        for actor in result.actors
        for m in actor.mentions
    ]


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def best_mention(
    span: Span, mentions: Sequence[MentionSpan], min_cover: float = 0.0
) -> MentionSpan | None:
    """The mention overlapping the span most (first one on ties), or None; with ``min_cover``,
    only if that overlap covers at least that share of the span."""
    best, best_size = None, 0
    for mention in mentions:
        size = overlap(span.start, span.end, mention.start, mention.end)
        if size > best_size:
            best, best_size = mention, size
    if best is None or best_size < min_cover * (span.end - span.start):
        return None
    return best


def match_spans(gold: Sequence[Span], mentions: Sequence[MentionSpan]) -> set[tuple[int, int]]:
    """One-to-one (gold index, mention index) pairs, greedily by overlap size."""
    pairs = sorted(
        (
            (overlap(g.start, g.end, m.start, m.end), gi, mi)
            for gi, g in enumerate(gold)
            for mi, m in enumerate(mentions)
        ),
        reverse=True,
    )
    used_g: set[int] = set()
    used_m: set[int] = set()
    out = set()
    for size, gi, mi in pairs:
        if size and gi not in used_g and mi not in used_m:
            out.add((gi, mi))
            used_g.add(gi)
            used_m.add(mi)
    return out
