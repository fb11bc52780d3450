"""Running the pipeline on a Dask cluster (``--executor dask``), with ``dask.distributed``.

With a scheduler address (``tcp://host:8786``) the run uses that cluster; without one it starts
a local cluster of worker processes (one thread each) on this machine, for trying it out.
A worker plugin (:class:`PipelinePlugin`) carries the pipeline to every worker, as its config
and bytes, so workers need actorgraph and the English base package installed but no access to
this machine's files; each worker builds the pipeline once, on its first partition.

The client reads the inputs, sends them in partitions of a few batches, keeps a bounded number
of partitions in flight (memory on the client does not grow with the input), gathers results
as they complete (``as_completed``) and hands them on in input order, so the outputs are the
same, byte for byte, as a local run's. Each partition runs :func:`actorgraph.executors.
process_batch`: per-document guards, chunking of long texts and memory zones hold on the
cluster too. A worker runs one partition at a time (the pipeline is not shared between
threads); start workers with ``--nthreads 1`` and as many processes as cores.

Dask logs every worker start and stop at INFO; a run lowers the ``distributed`` and ``dask``
loggers to WARNING unless actorgraph's logger is at DEBUG (``actorgraph --debug``).

Not handled: a worker that dies takes its partition with it; Dask reschedules the partition on
another worker (and gives up after its ``allowed-failures``, when the run stops with
:class:`~actorgraph.errors.WorkerLost` and ``--resume`` continues it).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable, Iterator
from itertools import count

from .chunking import DEFAULT_CHUNK_CHARS
from .errors import DaskMissing, SchedulerUnreachable, WorkerLost
from .executors import DEFAULT_BATCH_SIZE, PipelineSource, batched, process_batch
from .schemas import Article, DocumentResult

log = logging.getLogger("actorgraph")

PLUGIN_NAME = "actorgraph-pipeline"
#: Partitions kept in flight per worker: enough that no worker waits, few enough that the
#: client holds little.
_IN_FLIGHT_PER_WORKER = 2
#: Batches per partition: a partition is a Dask task, and tasks of a few seconds keep the
#: scheduler's overhead (about a millisecond a task) negligible.
BATCHES_PER_PARTITION = 4
CONNECT_TIMEOUT = "10s"


try:
    from distributed import WorkerPlugin as _WorkerPlugin
except ImportError:  # run_dask says what to install
    _WorkerPlugin = object


def _distributed():
    try:
        import distributed
    except ImportError as exc:
        raise DaskMissing(detail=str(exc)) from exc
    return distributed


class PipelinePlugin(_WorkerPlugin):
    """Holds a worker's pipeline: built once, on first use, from the source it carries."""

    name = PLUGIN_NAME

    def __init__(self, source: PipelineSource) -> None:
        self.source = source
        self.nlp = None
        self.lock = threading.Lock()

    def __getstate__(self) -> dict:
        return {"source": self.source}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["source"])

    def process(
        self, articles: list[Article], batch_size: int, chunk_chars: int
    ) -> list[DocumentResult]:
        with self.lock:  # one partition at a time: the pipeline is not thread-safe
            if self.nlp is None:
                self.nlp = self.source.load()
            return process_batch(self.nlp, articles, batch_size=batch_size, chunk_chars=chunk_chars)


def process_partition(
    articles: list[Article], batch_size: int, chunk_chars: int
) -> list[DocumentResult]:
    """The Dask task: one partition of articles through the worker's pipeline."""
    from distributed import get_worker

    plugin = get_worker().plugins[PLUGIN_NAME]
    return plugin.process(articles, batch_size, chunk_chars)


def run_dask(
    source: PipelineSource,
    articles: Iterable[Article],
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    chunk_chars: int = DEFAULT_CHUNK_CHARS,
) -> Iterator[DocumentResult]:
    """One result per article, in input order, processed on a Dask cluster."""
    distributed = _distributed()
    if not log.isEnabledFor(logging.DEBUG):  # Dask reports every worker start at INFO
        for name in ("distributed", "dask"):
            logging.getLogger(name).setLevel(logging.WARNING)
    cluster = None
    if scheduler is None:
        n = workers or os.cpu_count() or 1
        cluster = distributed.LocalCluster(
            n_workers=n,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        address = cluster.scheduler_address
    else:
        address = scheduler
    try:
        try:
            client = distributed.Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            detail = str(exc) or type(exc).__name__
            raise SchedulerUnreachable(address=address, detail=detail) from exc
        try:
            client.register_plugin(PipelinePlugin(source), name=PLUGIN_NAME)
            yield from _stream(distributed, client, articles, batch_size, chunk_chars)
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()


def _stream(distributed, client, articles, batch_size, chunk_chars) -> Iterator[DocumentResult]:
    """Submit partitions, a bounded number at a time, and yield their results in order."""
    size = batch_size * BATCHES_PER_PARTITION
    parts = batched(articles, size)
    token = os.urandom(4).hex()
    done: dict[int, list[DocumentResult]] = {}
    index_of = {}
    numbers = count()
    next_out = 0
    submitted = 0
    exhausted = False
    completed = distributed.as_completed(loop=client.loop)

    def submit() -> bool:
        nonlocal submitted
        part = next(parts, None)
        if part is None:
            return False
        number = next(numbers)
        future = client.submit(
            process_partition,
            part,
            batch_size,
            chunk_chars,
            key=f"actorgraph-partition-{token}-{number}",
            pure=False,
        )
        index_of[future.key] = number
        completed.add(future)
        submitted += 1
        return True

    limit = max(1, len(client.nthreads())) * _IN_FLIGHT_PER_WORKER
    while not exhausted and submitted - next_out < limit:
        exhausted = not submit()
    for future in completed:
        try:
            result = future.result()
        except distributed.KilledWorker as exc:
            raise WorkerLost(detail=f"Dask workers died running a partition ({exc})") from exc
        done[index_of.pop(future.key)] = result
        future.release()
        while next_out in done:
            yield from done.pop(next_out)
            next_out += 1
        while not exhausted and submitted - next_out < limit:
            exhausted = not submit()
