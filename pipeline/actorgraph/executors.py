"""Running the pipeline over many articles.

The local executor feeds articles to ``nlp.pipe`` in batches and isolates failures: when a
batch raises, its documents are run again one by one, so one bad article costs only itself and
becomes a ``failed`` document row. Results come back in input order. Multiprocessing and the
Dask executor are not here yet.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .extensions import install_extensions
from .schemas import Article

log = logging.getLogger("actorgraph")

DEFAULT_BATCH_SIZE = 16


def make_doc(nlp: Language, article: Article) -> Doc:
    """The article's text tokenized, with the metadata the components read."""
    install_extensions()
    doc = nlp.make_doc(article.text)
    doc._.published = article.published
    return doc


def run_local(
    nlp: Language, articles: Iterable[Article], *, batch_size: int = DEFAULT_BATCH_SIZE
) -> Iterator[tuple[Article, Doc | Exception]]:
    """Yield each article with its processed Doc, or with the exception it raised."""
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= batch_size:
            yield from _run_batch(nlp, batch)
            batch = []
    if batch:
        yield from _run_batch(nlp, batch)


def _run_batch(nlp: Language, batch: list[Article]) -> Iterator[tuple[Article, Doc | Exception]]:
    try:
        docs = list(nlp.pipe((make_doc(nlp, a) for a in batch), batch_size=len(batch)))
    except Exception:  # find the article that failed; the others still get processed
        log.debug("a batch of %d failed; retrying one by one", len(batch), exc_info=True)
        for article in batch:
            try:
                yield article, nlp(make_doc(nlp, article))
            except Exception as exc:
                log.warning("document %s failed: %s", article.doc_id, exc)
                yield article, exc
        return
    yield from zip(batch, docs, strict=True)
