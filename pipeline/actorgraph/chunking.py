"""Long articles in paragraph-aligned chunks, and their chunk results merged back into one.

A text longer than the chunk limit (:data:`DEFAULT_CHUNK_CHARS`, never more than the
pipeline's ``nlp.max_length``) is cut into consecutive pieces that together are the whole text,
so nothing is truncated. Each cut goes, in order of preference, after a blank line (paragraph
end), after a line break, after a sentence end (``. `` / ``? `` / ``! ``), after any whitespace,
and only when the window has none of these, at the limit itself. A cut is looked for in the
second half of the window, so no chunk is shorter than half the limit (except the last).

Each chunk is processed as its own document, and the chunks go through the pipeline one at a
time (executors.py groups units by characters), so one long article never holds more than one
chunk's memory; :func:`merge_chunks` shifts every offset by the
chunk's start, so relation evidence and actor mentions index the original text
(``text[start:end] == sentence``). Limits: what the pipeline links across sentences within a
document (an acronym defined in the article, a surname after the full name, a mediation linked
to talks reported elsewhere in the article) is linked within a chunk only; at 100,000
characters (about 15,000 words, ten times a long news article) this concerns archive dumps and
transcripts, not news articles, which are processed whole.
"""

from __future__ import annotations

import re

from .schemas import ActorRecord, DocumentResult

#: Texts longer than this many characters are processed in chunks (see the module docstring).
#: It bounds the memory one document takes in the pipeline, about 3.4 MB per 1,000 characters
#: (measured: a 300,000-character text took 990 MB above the loaded pipeline in one piece,
#: 350 MB in 100,000-character chunks; spaCy's max_length of 1,000,000 would be about 3.4 GB).
DEFAULT_CHUNK_CHARS = 100_000

_CUTS = (
    re.compile(r"\n[ \t\r\f\v]*\n\s*"),  # a blank line: a paragraph ends
    re.compile(r"\n\s*"),  # a line break
    re.compile(r"[.!?][\"'”’)\]]*\s+"),  # a sentence end
    re.compile(r"\s+"),  # any whitespace
)


def split_text(text: str, limit: int) -> list[tuple[int, int]]:
    """``(start, end)`` of consecutive chunks of at most ``limit`` characters covering ``text``."""
    if limit < 2:
        raise ValueError("the chunk limit must be at least 2 characters")
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start + limit // 2, start + limit)
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def _cut(text: str, low: int, high: int) -> int:
    """The best place to cut in ``text[low:high]``: just after the last, best separator."""
    for pattern in _CUTS:
        last = None
        for match in pattern.finditer(text, low, high):
            last = match
        if last is not None and last.end() > low:
            return last.end()
    return high


def merge_chunks(whole: DocumentResult, parts: list[tuple[int, DocumentResult]]) -> DocumentResult:
    """One document's result from its chunks' results (``(chunk start, result)`` in text order).

    ``whole`` carries the document row (doc id, length and hash of the whole text); relations
    and mentions are shifted to index the whole text, actors are merged by id in order of
    their first mention.
    """
    relations = []
    actors: dict[str, ActorRecord] = {}
    mediators: set[str] = set()
    defined = {}
    for offset, part in parts:
        for item in part.document.defined_aliases:  # names any chunk defines
            defined.setdefault(item.alias, item)
        for relation in part.relations:
            relations.append(
                relation.model_copy(
                    update={"start": relation.start + offset, "end": relation.end + offset}
                )
            )
        for actor in part.actors:
            mentions = [
                m.model_copy(update={"start": m.start + offset, "end": m.end + offset})
                for m in actor.mentions
            ]
            if "MEDIATOR" in actor.roles:
                mediators.add(actor.id)
            known = actors.get(actor.id)
            if known is None:
                actors[actor.id] = actor.model_copy(update={"mentions": mentions})
                continue
            known.mentions.extend(mentions)
            known.roles += [r for r in actor.roles if r not in known.roles]
            if len(actor.name) > len(known.name) and known.name in actor.aliases:
                known.name = actor.name
    for actor in actors.values():
        actor.aliases = sorted({m.text for m in actor.mentions})
        if actor.id in mediators:  # as for a whole document: MEDIATOR first, then titles
            actor.roles = ["MEDIATOR"] + [r for r in actor.roles if r != "MEDIATOR"]
    document = whole.document.model_copy(update={"defined_aliases": list(defined.values())})
    return whole.model_copy(
        update={"document": document, "actors": list(actors.values()), "relations": relations}
    )
