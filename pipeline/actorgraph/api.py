"""The library interface: load a pipeline, extract from texts and folders, build and write graphs.

Everything here returns values and logs through ``logging.getLogger("actorgraph")``; nothing
prints. The CLI (cli.py) is a thin layer over these functions.
"""

from __future__ import annotations

import logging
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from .chunking import DEFAULT_CHUNK_CHARS
from .errors import InvalidOption, NothingRead, UnknownFormat
from .evaluate import EvalReport, score_run
from .executors import DEFAULT_BATCH_SIZE, PipelineSource, run_local, run_processes
from .graph import build_graph, write_graphml, write_json
from .ingest import InputFile, clean_text, find_inputs, read_articles
from .journal import Journal, pipeline_fingerprint
from .model import cached_pipeline_dir, load_pipeline
from .output import FORMATS, RunSummary, RunWriter, check_formats, check_out_dir
from .schemas import Article, DocumentRecord, DocumentResult, IngestOptions

log = logging.getLogger("actorgraph")

EXECUTORS = ("local", "dask")

__all__ = [
    "Actorgraph",
    "build_graph",
    "evaluate",
    "extract_to_dir",
    "load",
    "write_graph",
    "write_graphml",
    "write_json",
]


class Actorgraph:
    """A loaded actorgraph pipeline. Get one with :func:`load`.

    ``path`` is the pipeline folder it was loaded from, if any: worker processes load the
    pipeline from there (else from its serialized bytes).
    """

    def __init__(self, nlp: Language, *, path: Path | str | None = None) -> None:
        self.nlp = nlp
        self.path = Path(path) if path is not None else None

    def extract(
        self,
        text: str,
        *,
        doc_id: str = "text",
        title: str | None = None,
        published: str | None = None,
    ) -> DocumentResult:
        """Actors and relations of one text. ``published`` (ISO date) selects dated aliases."""
        article = Article(
            doc_id=doc_id, text=clean_text(text), title=title, published=published, path=""
        )
        return next(self.pipe([article]))

    def pipe(
        self,
        articles: Iterable[Article],
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        workers: int | None = None,
        executor: str = "local",
        scheduler: str | None = None,
        chunk_chars: int = DEFAULT_CHUNK_CHARS,
    ) -> Iterator[DocumentResult]:
        """Results for many articles, in order; an article that fails gives a failed result.

        ``workers`` > 1 runs the pipeline in that many local worker processes;
        ``executor="dask"`` on a Dask cluster (``scheduler`` its address, or None for a local
        cluster of ``workers`` processes). Results are the same, in the same order, either way.
        """
        options = Execution.of(
            batch_size=batch_size,
            workers=workers,
            executor=executor,
            scheduler=scheduler,
            chunk_chars=chunk_chars,
        )
        return self._run(articles, options)

    def _run(self, articles: Iterable[Article], options: Execution) -> Iterator[DocumentResult]:
        if options.executor == "dask":
            from .dask_executor import run_dask

            return run_dask(
                PipelineSource.serialized(self.nlp),  # Dask workers may share no files with us
                articles,
                scheduler=options.scheduler,
                workers=options.workers,
                batch_size=options.batch_size,
                chunk_chars=options.chunk_chars,
            )
        if options.workers > 1:
            return run_processes(
                self.nlp,
                articles,
                workers=options.workers,
                path=self.path,
                batch_size=options.batch_size,
                chunk_chars=options.chunk_chars,
            )
        return run_local(
            self.nlp, articles, batch_size=options.batch_size, chunk_chars=options.chunk_chars
        )

    def extract_folder(
        self,
        paths: Path | str | Iterable[Path | str],
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        workers: int | None = None,
        executor: str = "local",
        scheduler: str | None = None,
        chunk_chars: int = DEFAULT_CHUNK_CHARS,
        encoding: str | None = None,
    ) -> Iterator[DocumentResult]:
        """Stream one result per input document (failed and skipped ones included), in input
        order; ``workers``, ``executor`` and ``scheduler`` as for :meth:`pipe`. ``encoding`` is
        for files that are neither UTF-8 nor marked by a BOM (default: the charset an HTML page
        declares, else detected; see encoding.py)."""
        options = Execution.of(
            batch_size=batch_size,
            workers=workers,
            executor=executor,
            scheduler=scheduler,
            chunk_chars=chunk_chars,
            encoding=encoding,
        )
        for _, result in self._extract_files(find_inputs(_as_list(paths)), options):
            yield result

    def extract_to_dir(
        self,
        paths: Path | str | Iterable[Path | str],
        out_dir: Path | str,
        *,
        formats: Iterable[str] = FORMATS,
        include_negated: bool = False,
        resume: bool = False,
        batch_size: int = DEFAULT_BATCH_SIZE,
        workers: int | None = None,
        executor: str = "local",
        scheduler: str | None = None,
        chunk_chars: int = DEFAULT_CHUNK_CHARS,
        encoding: str | None = None,
        on_start: Callable[[int], None] | None = None,
        on_progress: Callable[[int], None] | None = None,
    ) -> RunSummary:
        """Run the whole job with this pipeline (see :func:`extract_to_dir`)."""
        options, files, formats = _prepare_run(
            paths,
            out_dir,
            formats,
            on_start,
            batch_size=batch_size,
            workers=workers,
            executor=executor,
            scheduler=scheduler,
            chunk_chars=chunk_chars,
            encoding=encoding,
        )
        return self._write_run(
            files,
            out_dir,
            options,
            formats=formats,
            include_negated=include_negated,
            resume=resume,
            on_progress=on_progress,
            paths=paths,
        )

    def _write_run(
        self,
        files: list[InputFile],
        out_dir: Path | str,
        options: Execution,
        *,
        formats: tuple[str, ...],
        include_negated: bool,
        resume: bool,
        on_progress: Callable[[int], None] | None,
        paths: Path | str | Iterable[Path | str],
    ) -> RunSummary:
        journal = Journal(out_dir, pipeline_fingerprint(self.nlp), resume=resume)
        completed = False
        try:
            if journal.resumed:
                log.info("resuming: %d documents already done in %s", journal.resumed, out_dir)
            writer = RunWriter(out_dir, formats=formats, include_negated=include_negated)
            try:
                done = 0
                for index, result in self._extract_files(files, options, journal):
                    writer.add(result)
                    if on_progress and index + 1 > done:
                        done = index + 1
                        on_progress(done)
            except BaseException:
                writer.abort()
                raise
            summary = writer.finish()
            completed = True
        finally:
            journal.close(completed=completed)
        if summary.documents["ok"] == 0:
            raise NothingRead(
                paths=", ".join(str(p) for p in _as_list(paths)),
                failed=summary.documents["failed"],
                skipped=summary.documents["skipped"],
                documents=Path(out_dir) / "documents.jsonl",
            )
        return summary

    def _extract_files(
        self, files: list[InputFile], options: Execution, journal: Journal | None = None
    ) -> Iterator[tuple[int, DocumentResult]]:
        """Results tagged with the index of the file they came from, in input order.

        Ingest yields articles and, for inputs that give none, document records; both go into
        one queue in input order, with the articles the journal already has (a resumed run).
        Each pipeline result (which comes back in article order) releases the entries queued
        before its article, and is added to the journal (synced after every batch).
        """
        queue: deque[tuple[int, Article | DocumentRecord | int]] = deque()

        def articles() -> Iterator[Article]:
            for index, item in enumerate(files):
                for entry in read_articles(item, options.ingest):
                    if not isinstance(entry, Article):
                        queue.append((index, entry))
                        continue
                    offset = journal.find(entry) if journal is not None else None
                    if offset is not None:
                        queue.append((index, offset))
                        continue
                    queue.append((index, entry))
                    yield entry

        def ready() -> Iterator[tuple[int, DocumentResult]]:
            while queue and not isinstance(queue[0][1], Article):
                index, entry = queue.popleft()
                if isinstance(entry, DocumentRecord):
                    yield index, DocumentResult(document=entry)
                else:
                    yield index, journal.read(entry)

        fresh = 0
        for result in self._run(articles(), options):
            yield from ready()
            index, article = queue.popleft()
            if journal is not None:
                journal.add(article, result)
                fresh += 1
                if fresh % options.batch_size == 0:
                    journal.sync()
            yield index, result
        if journal is not None:
            journal.sync()
        yield from ready()


@dataclass(frozen=True)
class Execution:
    """How a run is executed: batch size, worker processes or Dask, chunk limit."""

    batch_size: int = DEFAULT_BATCH_SIZE
    workers: int = 1
    executor: str = "local"
    scheduler: str | None = None
    chunk_chars: int = DEFAULT_CHUNK_CHARS
    ingest: IngestOptions = field(default_factory=IngestOptions)

    @classmethod
    def of(
        cls,
        *,
        batch_size: int,
        workers: int | None,
        executor: str,
        scheduler: str | None,
        chunk_chars: int,
        encoding: str | None = None,
    ) -> Execution:
        if executor not in EXECUTORS:
            raise InvalidOption(
                option="executor", value=executor, expected=" or ".join(map(repr, EXECUTORS))
            )
        for name, value, low in (
            ("batch_size", batch_size, 1),
            ("workers", workers, 1),
            ("chunk_chars", chunk_chars, 1000),
        ):
            if value is not None and (not isinstance(value, int) or value < low):
                raise InvalidOption(option=name, value=value, expected=f"an integer >= {low}")
        if scheduler is not None and executor != "dask":
            raise InvalidOption(
                option="scheduler", value=scheduler, expected="only with executor 'dask'"
            )
        if executor == "local":
            workers = workers or 1
        ingest = IngestOptions(encoding=encoding)  # an unknown codec raises UnknownEncoding
        return cls(batch_size, workers or 0, executor, scheduler, chunk_chars, ingest)


def load(config: Path | str | None = None, *, model: Path | str | None = None) -> Actorgraph:
    """Load actorgraph: a built pipeline folder (``model``), or the one a config describes
    (the packaged default when None), built and cached on first use."""
    nlp = load_pipeline(config, model)
    path = Path(model) if model is not None else cached_pipeline_dir(config)
    return Actorgraph(nlp, path=path if (path / "config.cfg").is_file() else None)


def extract_to_dir(
    paths: Path | str | Iterable[Path | str],
    out_dir: Path | str,
    *,
    config: Path | str | None = None,
    model: Path | str | None = None,
    formats: Iterable[str] = FORMATS,
    include_negated: bool = False,
    resume: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    workers: int | None = None,
    executor: str = "local",
    scheduler: str | None = None,
    chunk_chars: int = DEFAULT_CHUNK_CHARS,
    encoding: str | None = None,
    on_start: Callable[[int], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> RunSummary:
    """Run the whole job: read the inputs, extract, write the output contract into ``out_dir``.

    ``workers`` > 1 runs the pipeline in local worker processes, ``executor="dask"`` on a Dask
    cluster (``scheduler`` its address; None starts a local one); the outputs are the same
    either way. ``resume=True`` continues an interrupted run into the same ``out_dir``: the
    documents its journal holds are not processed again (see journal.py). ``encoding`` is as
    for :meth:`Actorgraph.extract_folder`.
    ``on_start(n_files)`` is called once the inputs are known, ``on_progress(n_files_done)`` as
    files complete. Raises :class:`NothingRead` when not one document could be processed (the
    output files, with documents.jsonl saying why for each input, are written all the same).
    """
    options, files, formats = _prepare_run(  # usage errors before the pipeline loads
        paths,
        out_dir,
        formats,
        on_start,
        batch_size=batch_size,
        workers=workers,
        executor=executor,
        scheduler=scheduler,
        chunk_chars=chunk_chars,
        encoding=encoding,
    )
    ag = load(config, model=model)
    return ag._write_run(
        files,
        out_dir,
        options,
        formats=formats,
        include_negated=include_negated,
        resume=resume,
        on_progress=on_progress,
        paths=paths,
    )


def _prepare_run(
    paths: Path | str | Iterable[Path | str],
    out_dir: Path | str,
    formats: Iterable[str],
    on_start: Callable[[int], None] | None,
    **execution,
) -> tuple[Execution, list[InputFile], tuple[str, ...]]:
    """Check a run's options and output folder and find its inputs (what both
    ``extract_to_dir`` do before processing)."""
    options = Execution.of(**execution)
    files = find_inputs(_as_list(paths))
    formats = check_formats(formats)
    check_out_dir(out_dir)
    if on_start:
        on_start(len(files))
    return options, files, formats


def evaluate(
    gold_dir: Path | str,
    articles: Path | str | Iterable[Path | str],
    *,
    out_dir: Path | str | None = None,
    config: Path | str | None = None,
    model: Path | str | None = None,
    types: Iterable[str] | None = None,
    lenient: bool = False,
) -> EvalReport:
    """Run actorgraph on ``articles`` and score it against the gold files in ``gold_dir``.

    The extraction output is kept in ``out_dir`` when given (else a temporary folder).
    """
    with tempfile.TemporaryDirectory(prefix="actorgraph-eval-") as tmp:
        run_dir = Path(out_dir) if out_dir is not None else Path(tmp)
        extract_to_dir(articles, run_dir, config=config, model=model, formats=("jsonl",))
        return score_run(gold_dir, run_dir, types=types, lenient=lenient)


def write_graph(graph, path: Path | str) -> None:
    """Write a graph in the format its file name asks for: ``.graphml`` or ``.json``."""
    path = Path(path)
    writers = {".graphml": write_graphml, ".json": write_json}
    if path.suffix.lower() not in writers:
        raise UnknownFormat(name=path.suffix or path.name, choices=".graphml, .json")
    writers[path.suffix.lower()](graph, path)


def _as_list(paths: Path | str | Iterable[Path | str]) -> list[Path | str]:
    if isinstance(paths, (str, Path)):
        return [paths]
    return list(paths)
