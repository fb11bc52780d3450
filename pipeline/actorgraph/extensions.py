"""Custom attributes on spaCy objects, all plain values so DocBin and multiprocessing keep them.

* ``doc._.published``: the article's date as an ISO string (or None), set before the pipeline
  runs; the alias resolver uses it to pick date-bounded aliases and office holders.
* ``doc._.actors``: ``{actor_id: {"name", "type", "country", "role"}}`` for every actor
  mentioned, written by the actor typer.
* ``doc._.relations``: a list of relation dicts written by the relation extractor (token
  offsets, ids, labels, scores; see ``components/relation_extractor.py``).
* ``doc._.resolutions``: ``{(start, end): {"candidates", "resolved_by"}}`` for actor mentions
  whose name had several registry candidates, and why one was chosen (alias resolver).
* ``doc._.definitions``: ``[{"alias", "actor_id"}]``, names the article itself defined ("the
  Rapid Support Forces (RSF)", "X, also known as Y"), for curators (alias resolver).
* ``span._.candidates``: the registry ids an actor mention could refer to (actor ruler).
* ``span._.matched_by``: why the ruler took it for those candidates: ``"alias"`` (a registry
  surface form) or ``"surname"`` (a registry person's surname after their full name).
* ``span._.actor_id``: the canonical id of an actor mention (read-only view of ``kb_id_``).
* ``span._.role``: an office title found in front of a person ("Defence Minister").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span


def _actor_id(span: Span) -> str | None:
    return span.kb_id_ or None


def install_extensions() -> None:
    """Register the attributes once; safe to call any number of times."""
    for name in ("published", "actors", "relations", "resolutions", "definitions"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in ("candidates", "matched_by", "role"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    if not Span.has_extension("actor_id"):
        Span.set_extension("actor_id", getter=_actor_id)
