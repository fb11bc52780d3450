"""Running the pipeline over many articles: in this process, in local worker processes, and
the unit of work both share (and the Dask executor, dask_executor.py, reuses).

:func:`process_batch` is that unit: a batch of articles in, one plain :class:`DocumentResult`
per article out, in order. Inside it

* each document is guarded on its own: a text that cannot be tokenized (a lone surrogate) or
  that makes a component raise becomes a ``failed`` result with the reason, and only that
  document is lost (after a component error, the rest of the batch is run one by one);
* texts longer than the chunk limit are processed in paragraph-aligned chunks whose offsets are
  shifted back into the whole text (chunking.py), so nothing is truncated and no text is
  over ``nlp.max_length``;
* the batch runs inside ``nlp.memory_zone()``, and every Doc is turned into plain results
  before the zone ends, so the StringStore and the tokenizer cache do not grow with the run.

:func:`run_local` runs batches in this process; :func:`run_processes` in ``workers`` worker
processes, each with the pipeline loaded once (forked from this process on Linux, else loaded
from a :class:`PipelineSource`), sending back plain results, never Docs. Both yield results in
input order, whatever the number of workers, and keep only a few batches in flight, so memory
does not grow with the size of the input.
Not handled here: a worker process that dies (killed for memory, a crash in native code) stops
the run with :class:`~actorgraph.errors.WorkerLost`; ``--resume`` then continues it.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import re
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from .chunking import DEFAULT_CHUNK_CHARS, merge_chunks, split_text
from .errors import WorkerLost
from .extensions import install_extensions
from .results import doc_to_result, text_sha256
from .schemas import Article, DocumentRecord, DocumentResult

log = logging.getLogger("actorgraph")

#: Documents per batch. Batch size 8 is as fast as 128 with the English base pipeline and
#: takes a fraction of the memory; 16 keeps the per-batch overhead of worker processes small.
DEFAULT_BATCH_SIZE = 16
#: Batches each worker process has queued, so a worker never waits for the next one.
_IN_FLIGHT_PER_WORKER = 3

_SURROGATE = re.compile("[\ud800-\udfff]")


def make_doc(nlp: Language, article: Article) -> Doc:
    """The article's text tokenized, with the metadata the components read."""
    install_extensions()
    doc = nlp.make_doc(article.text)
    doc._.published = article.published
    return doc


def batched(items: Iterable, size: int) -> Iterator[list]:
    """Lists of ``size`` consecutive items (the last one shorter)."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


# -- the unit of work -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Unit:
    """One text the pipeline runs on: a whole article or one chunk of it."""

    article: int  # index in the batch
    offset: int  # where the chunk starts in the article text
    text: Article


def process_batch(
    nlp: Language,
    articles: Sequence[Article],
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    chunk_chars: int = DEFAULT_CHUNK_CHARS,
) -> list[DocumentResult]:
    """One result per article, in order; a document that fails gives a ``failed`` result."""
    limit = max(2, min(chunk_chars, nlp.max_length))
    failures: dict[int, str] = {}
    chunked: dict[int, int] = {}
    units: list[_Unit] = []
    for index, article in enumerate(articles):
        surrogate = _SURROGATE.search(article.text)
        if surrogate:
            failures[index] = (
                f"the text has a lone surrogate (U+{ord(surrogate.group()):04X} at character "
                f"{surrogate.start()}), which no Unicode encoding can hold: remove it "
                "(files read by actorgraph have them removed)"
            )
            continue
        bounds = split_text(article.text, limit)
        chunked[index] = len(bounds)
        for start, end in bounds:
            piece = article if len(bounds) == 1 else _chunk(article, start, end)
            if piece.text.strip() or len(bounds) == 1:
                units.append(_Unit(index, start, piece))
    outcomes: list[DocumentResult | str] = []
    with nlp.memory_zone():
        for group in _groups(units, batch_size, limit):
            outcomes += _run_units(nlp, group, batch_size)
    parts: dict[int, list[tuple[int, DocumentResult]]] = {}
    for unit, outcome in zip(units, outcomes, strict=True):
        if isinstance(outcome, str):
            where = f" (chunk at character {unit.offset})" if chunked[unit.article] > 1 else ""
            failures.setdefault(unit.article, f"processing failed{where}: {outcome}")
        else:
            parts.setdefault(unit.article, []).append((unit.offset, outcome))
    results = []
    for index, article in enumerate(articles):
        if index in failures:
            results.append(failed_result(article, failures[index]))
            continue
        whole = parts.get(index, [])
        if len(whole) == 1 and whole[0][0] == 0 and chunked[index] == 1:
            result = whole[0][1]
        else:  # the first chunk's row (whatever fields it has), for the whole text
            row = whole[0][1].document if whole else _document_row(article)
            row = row.model_copy(
                update={
                    "chars": len(article.text),
                    "sha256": text_sha256(article.text),
                    "chunks": chunked[index],
                }
            )
            result = merge_chunks(DocumentResult(document=row), whole)
        results.append(result)
    return results


def _groups(units: list[_Unit], batch_size: int, max_chars: int) -> Iterator[list[_Unit]]:
    """The units in groups of at most ``batch_size`` units and, unless a unit alone is longer,
    ``max_chars`` characters: spaCy holds a whole group in memory at once, and the chunks of a
    long article must not all be there together."""
    group: list[_Unit] = []
    chars = 0
    for unit in units:
        size = len(unit.text.text)
        if group and (len(group) >= batch_size or chars + size > max_chars):
            yield group
            group, chars = [], 0
        group.append(unit)
        chars += size
    if group:
        yield group


def _chunk(article: Article, start: int, end: int) -> Article:
    return article.model_copy(update={"text": article.text[start:end]})


def _run_units(nlp: Language, units: list[_Unit], batch_size: int) -> list[DocumentResult | str]:
    """Each unit's result, or the reason it failed. Call inside a memory zone: every Doc is
    turned into plain values here, before the zone frees its strings."""
    outcomes: list[DocumentResult | str | None] = [None] * len(units)
    fed: list[int] = []

    def docs() -> Iterator[Doc]:
        for k, unit in enumerate(units):
            try:
                doc = make_doc(nlp, unit.text)
            except Exception as exc:  # a text the tokenizer cannot take costs only itself
                outcomes[k] = _reason(exc)
                continue
            fed.append(k)
            yield doc

    try:
        for position, doc in enumerate(nlp.pipe(docs(), batch_size=batch_size)):
            k = fed[position]
            outcomes[k] = _convert(doc, units[k].text)
    except Exception:  # find the document that failed; the others still get processed
        log.debug("a batch failed; running its remaining documents one by one", exc_info=True)
        for k, unit in enumerate(units):
            if outcomes[k] is None:
                outcomes[k] = _run_one(nlp, unit.text)
    return outcomes  # type: ignore[return-value]


def _run_one(nlp: Language, article: Article) -> DocumentResult | str:
    try:
        doc = nlp(make_doc(nlp, article))
    except Exception as exc:
        log.warning("document %s failed: %s", article.doc_id, exc)
        return _reason(exc)
    return _convert(doc, article)


def _convert(doc: Doc, article: Article) -> DocumentResult | str:
    try:
        return doc_to_result(doc, article)
    except Exception as exc:
        log.warning("document %s failed: %s", article.doc_id, exc)
        return _reason(exc)


def _reason(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"


def _document_row(article: Article) -> DocumentRecord:
    return DocumentRecord(doc_id=article.doc_id, status="ok")


def failed_result(article: Article, reason: str) -> DocumentResult:
    """The result of an article that could not be processed."""
    return DocumentResult(
        document=DocumentRecord(
            doc_id=article.doc_id,
            status="failed",
            error=reason,
            chars=len(article.text),
            sha256=text_sha256(article.text),
            encoding=article.encoding,
        )
    )


# -- in this process -------------------------------------------------------------------------


def run_local(
    nlp: Language,
    articles: Iterable[Article],
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    chunk_chars: int = DEFAULT_CHUNK_CHARS,
) -> Iterator[DocumentResult]:
    """One result per article, in input order, processed in this process."""
    for batch in batched(articles, batch_size):
        yield from process_batch(nlp, batch, batch_size=batch_size, chunk_chars=chunk_chars)


# -- in worker processes ---------------------------------------------------------------------


@dataclass(frozen=True)
class PipelineSource:
    """How another process gets the same pipeline: a pipeline folder it can read, or the
    pipeline's config and bytes (for workers that share no file system with this process)."""

    path: str | None = None
    config: str | None = None
    data: bytes | None = None

    @classmethod
    def of(cls, nlp: Language, path: Path | str | None = None) -> PipelineSource:
        if path is not None and (Path(path) / "config.cfg").is_file():
            return cls(path=str(path))
        return cls.serialized(nlp)

    @classmethod
    def serialized(cls, nlp: Language) -> PipelineSource:
        return cls(config=nlp.config.to_str(), data=nlp.to_bytes())

    def load(self) -> Language:
        import spacy
        from thinc.api import Config

        if self.path is not None:
            return spacy.load(self.path)
        config = Config().from_str(self.config or "", interpolate=False)
        nlp = spacy.util.load_model_from_config(config, auto_fill=False, validate=False)
        return nlp.from_bytes(self.data or b"")


_WORKER_NLP: Language | None = None


def _init_worker(pipeline: Language | PipelineSource) -> None:
    global _WORKER_NLP
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _WORKER_NLP = pipeline if isinstance(pipeline, Language) else pipeline.load()


def _work(articles: list[Article], batch_size: int, chunk_chars: int) -> list[DocumentResult]:
    assert _WORKER_NLP is not None, "worker process started without its pipeline"
    return process_batch(_WORKER_NLP, articles, batch_size=batch_size, chunk_chars=chunk_chars)


def run_processes(
    nlp: Language,
    articles: Iterable[Article],
    *,
    workers: int,
    path: Path | str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    chunk_chars: int = DEFAULT_CHUNK_CHARS,
) -> Iterator[DocumentResult]:
    """One result per article, in input order, processed by ``workers`` worker processes.

    Where the platform can ``fork`` (Linux), workers start as copies of this process and share
    its loaded pipeline (no start-up cost, memory shared until written); elsewhere they are
    started with ``spawn`` and load the pipeline from ``path`` (the folder it was loaded from),
    or from its bytes.
    """
    if "fork" in multiprocessing.get_all_start_methods() and sys.platform.startswith("linux"):
        context = multiprocessing.get_context("fork")
        pipeline: Language | PipelineSource = nlp
    else:
        context = multiprocessing.get_context("spawn")
        pipeline = PipelineSource.of(nlp, path)
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(pipeline,)
    )
    pending: deque[Future] = deque()
    limit = workers * _IN_FLIGHT_PER_WORKER
    clean = False
    try:
        for batch in batched(articles, batch_size):
            pending.append(pool.submit(_work, batch, batch_size, chunk_chars))
            while len(pending) >= limit:
                yield from _result(pending.popleft())
        while pending:
            yield from _result(pending.popleft())
        clean = True
    finally:
        if clean:
            pool.shutdown(wait=True)
        else:  # interrupted or failed: do not wait for the batches still running
            processes = list((getattr(pool, "_processes", None) or {}).values())
            pool.shutdown(wait=False, cancel_futures=True)  # (it forgets its processes)
            for process in processes:
                with contextlib.suppress(Exception):
                    process.terminate()


def _result(future: Future) -> list[DocumentResult]:
    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise WorkerLost(detail="a worker process ended abruptly (out of memory?)") from exc
