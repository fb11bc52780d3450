"""The library interface: load a pipeline, extract from texts and folders, build and write graphs.

Everything here returns values and logs through ``logging.getLogger("actorgraph")``; nothing
prints. The CLI (cli.py) is a thin layer over these functions.
"""

from __future__ import annotations

import logging
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from spacy.language import Language

from .errors import NothingRead, UnknownFormat
from .evaluate import EvalReport, score_run
from .executors import DEFAULT_BATCH_SIZE, run_local
from .graph import build_graph, write_graphml, write_json
from .ingest import InputFile, clean_text, find_inputs, read_articles
from .model import load_pipeline
from .output import FORMATS, RunSummary, RunWriter
from .results import doc_to_result, text_sha256
from .schemas import Article, DocumentRecord, DocumentResult, IngestOptions

log = logging.getLogger("actorgraph")

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
    """A loaded actorgraph pipeline. Get one with :func:`load`."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

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
        self, articles: Iterable[Article], *, batch_size: int = DEFAULT_BATCH_SIZE
    ) -> Iterator[DocumentResult]:
        """Results for many articles, in order; an article that fails gives a failed result."""
        for article, doc in run_local(self.nlp, articles, batch_size=batch_size):
            if isinstance(doc, Exception):
                yield _failed(article, f"processing failed: {type(doc).__name__}: {doc}")
            else:
                yield doc_to_result(doc, article)

    def extract_folder(
        self,
        paths: Path | str | Iterable[Path | str],
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        encoding: str | None = None,
    ) -> Iterator[DocumentResult]:
        """Stream one result per input document (failed and skipped ones included).

        ``encoding`` is for files that are neither UTF-8 nor marked by a BOM (default: the
        charset an HTML page declares, else detected); see encoding.py.
        """
        options = IngestOptions(encoding=encoding)
        for _, result in self._extract_files(find_inputs(_as_list(paths)), batch_size, options):
            yield result

    def _extract_files(
        self, files: list[InputFile], batch_size: int, options: IngestOptions | None = None
    ) -> Iterator[tuple[int, DocumentResult]]:
        """Results tagged with the index of the file they came from, in input order.

        Ingest yields articles and, for inputs that give none, document records; both go into
        one queue in input order, and each pipeline result (which comes back in article order)
        releases the records queued before its article.
        """
        queue: deque[tuple[int, DocumentRecord | None]] = deque()

        def articles() -> Iterator[Article]:
            for index, item in enumerate(files):
                for entry in read_articles(item, options or IngestOptions()):
                    if isinstance(entry, Article):
                        queue.append((index, None))
                        yield entry
                    else:
                        queue.append((index, entry))

        for result in self.pipe(articles(), batch_size=batch_size):
            while queue[0][1] is not None:
                index, record = queue.popleft()
                yield index, DocumentResult(document=record)
            index, _ = queue.popleft()
            yield index, result
        for index, record in queue:
            yield index, DocumentResult(document=record)


def load(config: Path | str | None = None, *, model: Path | str | None = None) -> Actorgraph:
    """Load actorgraph: a built pipeline folder (``model``), or the one a config describes
    (the packaged default when None), built and cached on first use."""
    return Actorgraph(load_pipeline(config, model))


def extract_to_dir(
    paths: Path | str | Iterable[Path | str],
    out_dir: Path | str,
    *,
    config: Path | str | None = None,
    model: Path | str | None = None,
    formats: Iterable[str] = FORMATS,
    include_negated: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    encoding: str | None = None,
    on_start: Callable[[int], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> RunSummary:
    """Run the whole job: read the inputs, extract, write the output contract into ``out_dir``.

    ``on_start(n_files)`` is called once the inputs are known, ``on_progress(n_files_done)`` as
    files complete. ``encoding`` is as for :meth:`Actorgraph.extract_folder`. Raises
    :class:`NothingRead` when not one document could be processed (the output files, with
    documents.jsonl saying why for each input, are written all the same).
    """
    options = IngestOptions(encoding=encoding)
    files = find_inputs(_as_list(paths))
    writer = RunWriter(out_dir, formats=formats, include_negated=include_negated)
    if on_start:
        on_start(len(files))
    try:
        ag = load(config, model=model)
        done = 0
        for index, result in ag._extract_files(files, batch_size, options):
            writer.add(result)
            if on_progress and index + 1 > done:
                done = index + 1
                on_progress(done)
    except BaseException:
        writer.abort()
        raise
    summary = writer.finish()
    if summary.documents["ok"] == 0:
        raise NothingRead(
            paths=", ".join(str(p) for p in _as_list(paths)),
            failed=summary.documents["failed"],
            skipped=summary.documents["skipped"],
            documents=Path(out_dir) / "documents.jsonl",
        )
    return summary


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


def _failed(article: Article, reason: str) -> DocumentResult:
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


def _as_list(paths: Path | str | Iterable[Path | str]) -> list[Path | str]:
    if isinstance(paths, (str, Path)):
        return [paths]
    return list(paths)
