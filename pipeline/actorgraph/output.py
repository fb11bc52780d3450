"""Writing a run's output folder: the JSONL files, the graph files and the run summary.

``relations.jsonl`` and ``documents.jsonl`` are streamed as documents finish; actors and the
graph are merged incrementally and written at the end, the actors' mentions kept on disk until
then (mention_store.py), so memory grows with the number of actors, not of documents. Every
file is written under a temporary name and renamed into place only when the run completes, so
an interrupted run never leaves a truncated file (and leaves the previous run's files as they
were); the temporary files a killed run leaves behind are removed by the next run into the
same folder.
"""

from __future__ import annotations

import contextlib
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import OutputError, UnknownFormat
from .fileio import AtomicWriter, atomic_path
from .graph import GraphBuilder, write_graphml, write_json
from .mention_store import MentionStore
from .schemas import ActorRecord, DocumentResult

FORMATS = ("jsonl", "graphml", "json")
OUTPUT_FILES = ("relations.jsonl", "actors.jsonl", "documents.jsonl", "graph.graphml", "graph.json")


def check_formats(formats: Iterable[str]) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in formats if f.strip()))
    for name in chosen:
        if name not in FORMATS:
            raise UnknownFormat(name=name, choices=", ".join(FORMATS))
    return chosen or FORMATS


def check_out_dir(out_dir: Path | str) -> None:
    """Raise :class:`OutputError` when ``out_dir`` cannot be an output folder."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(path=out_dir, detail="it is a file, not a folder")


def remove_stale_temporaries(out_dir: Path) -> None:
    """Remove the temporary files a killed run left behind (``.relations.jsonl.*.tmp`` ...)."""
    for name in OUTPUT_FILES:
        for stale in out_dir.glob(f".{name}.*.tmp"):
            with contextlib.suppress(OSError):
                stale.unlink()


@dataclass
class RunSummary:
    """What a run did: counts by document status, actors, relations, time, output folder."""

    out_dir: Path
    documents: Counter = field(default_factory=Counter)
    actors: int = 0
    relations: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        d = self.documents
        return (
            f"documents: {d['ok']} ok, {d['skipped']} skipped, {d['failed']} failed | "
            f"actors: {self.actors} | relations: {self.relations} | "
            f"{self.seconds:.1f}s -> {self.out_dir}"
        )


class RunWriter:
    """Collects document results and writes the output contract into ``out_dir``."""

    def __init__(
        self,
        out_dir: Path | str,
        *,
        formats: Iterable[str] = FORMATS,
        include_negated: bool = False,
    ) -> None:
        self.out_dir = Path(out_dir)
        self.formats = check_formats(formats)
        check_out_dir(self.out_dir)
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            remove_stale_temporaries(self.out_dir)
            self._documents = AtomicWriter(self.out_dir / "documents.jsonl")
        except OSError as exc:
            raise OutputError(path=self.out_dir, detail=exc.strerror or str(exc)) from exc
        self._relations = (
            AtomicWriter(self.out_dir / "relations.jsonl") if "jsonl" in self.formats else None
        )
        self._actors: dict[str, ActorRecord] = {}  # mentions are kept in self._mentions
        self._mentions = MentionStore(self.out_dir) if self._relations is not None else None
        self._graph = GraphBuilder(include_negated=include_negated)
        self.summary = RunSummary(out_dir=self.out_dir)
        self._started = time.perf_counter()

    def add(self, result: DocumentResult) -> None:
        self.summary.documents[result.document.status] += 1
        self._documents.write(result.document.model_dump_json() + "\n")
        if self._relations is not None:
            for relation in result.relations:
                self._relations.write(relation.model_dump_json() + "\n")
        self.summary.relations += len(result.relations)
        for actor in result.actors:
            self._merge_actor(actor)
        self._graph.add(result)

    def _merge_actor(self, actor: ActorRecord) -> None:
        if self._mentions is not None:
            self._mentions.add(actor.id, actor.mentions)
        known = self._actors.get(actor.id)
        if known is None:
            self._actors[actor.id] = actor.model_copy(update={"mentions": []}, deep=True)
            return
        known.aliases = sorted(set(known.aliases) | set(actor.aliases))
        known.roles += [r for r in actor.roles if r not in known.roles]
        if len(actor.name) > len(known.name) and known.name in actor.aliases:
            known.name = actor.name

    def finish(self) -> RunSummary:
        """Write the remaining files and move every file into place."""
        graph = self._graph.finish()
        if "jsonl" in self.formats:
            with (
                atomic_path(self.out_dir / "actors.jsonl") as tmp,
                tmp.open("w", encoding="utf-8") as f,
            ):
                for actor_id, mentions in self._mentions.grouped(sorted(self._actors)):
                    actor = self._actors[actor_id].model_copy(update={"mentions": mentions})
                    f.write(actor.model_dump_json() + "\n")
            self._mentions.discard()
            self._relations.commit()
        if "graphml" in self.formats:
            write_graphml(graph, self.out_dir / "graph.graphml")
        if "json" in self.formats:
            write_json(graph, self.out_dir / "graph.json")
        self._documents.commit()
        self.summary.actors = len(self._actors)
        self.summary.seconds = time.perf_counter() - self._started
        return self.summary

    def abort(self) -> None:
        """Drop the partial files of an interrupted run."""
        self._documents.discard()
        if self._relations is not None:
            self._relations.discard()
        if self._mentions is not None:
            self._mentions.discard()
