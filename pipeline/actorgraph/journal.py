"""The run journal: what lets an interrupted run be resumed.

While ``actorgraph extract`` runs, every processed document's result is appended to
``OUT/.actorgraph/journal.jsonl`` and the file is flushed and fsynced after each batch, so a
run stopped at any point (Ctrl-C, ``kill -9``, a power cut) has lost at most the batch in
progress. A run started with ``--resume`` on the same ``--out`` looks each article up in the
journal and takes the result from there instead of running the pipeline again; the final files
are then written from the journal's results and the new ones, in input order, exactly as an
uninterrupted run writes them. When the run completes, the journal folder is removed.

An article is found again by its doc id, publication date and the SHA-256 of its text: an
article whose text changed since is processed again. The journal records the pipeline it was
written with (a fingerprint of its config and of actorgraph's data in it); resuming with
another pipeline is refused (:class:`~actorgraph.errors.ResumeMismatch`), since its results
would mix two pipelines. Output options (``--format``, ``--include-negated``) may change.

``OUT/.actorgraph/lock`` is held (``flock``) while a run writes into ``OUT``, so two runs never
write the same folder at once. Not supported: resuming from a copy of the folder written on
another machine whose pipeline differs, and journals written by another actorgraph version.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
from pathlib import Path

from spacy.language import Language

from . import __version__
from .errors import OutputBusy, OutputError, ResumeMismatch
from .results import text_sha256
from .schemas import Article, DocumentResult

log = logging.getLogger("actorgraph")

JOURNAL_DIR = ".actorgraph"
_FORMAT = 1


def pipeline_fingerprint(nlp: Language) -> str:
    """A digest of what a pipeline's results depend on: its config, the versions of its
    packages, and the data of actorgraph's own components."""
    digest = hashlib.sha256()
    digest.update(f"{__version__}\0{nlp.meta.get('name')}\0{nlp.meta.get('version')}\0".encode())
    digest.update(nlp.config.to_str().encode("utf-8"))
    for name, pipe in nlp.pipeline:
        if name.startswith("actorgraph_") and hasattr(pipe, "to_bytes"):
            digest.update(name.encode() + b"\0" + pipe.to_bytes())
    return digest.hexdigest()


def article_key(article: Article) -> str:
    """What identifies an article's result in the journal."""
    return hashlib.sha256(
        f"{article.doc_id}\0{article.published or ''}\0{text_sha256(article.text)}".encode(
            "utf-8", "surrogatepass"
        )
    ).hexdigest()


class Journal:
    """The journal of one run into ``out_dir`` (see the module docstring)."""

    def __init__(self, out_dir: Path | str, fingerprint: str, *, resume: bool) -> None:
        self.folder = Path(out_dir) / JOURNAL_DIR
        self.path = self.folder / "journal.jsonl"
        self._offsets: dict[str, int] = {}
        self._reader = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._lock = _lock(self.folder / "lock")
        except OSError as exc:
            raise OutputError(path=self.folder, detail=exc.strerror or str(exc)) from exc
        manifest = self.folder / "manifest.json"
        header = {"format": _FORMAT, "pipeline": fingerprint}
        if resume and self.path.is_file():
            found = _read_manifest(manifest)
            if found != header:
                _unlock(self._lock)
                raise ResumeMismatch(
                    path=out_dir,
                    detail="its journal was written with another pipeline or actorgraph version",
                )
            self._index()
        else:
            if resume:
                log.info("nothing to resume in %s: starting the run from the beginning", out_dir)
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            manifest.write_text(json.dumps(header), encoding="utf-8")
        self._file = self.path.open("ab")
        self.resumed = len(self._offsets)

    def _index(self) -> None:
        """Offsets of every complete entry; a torn last line (a kill mid-write) is cut off."""
        good = 0
        with self.path.open("rb") as f:
            for line in f:
                if not line.endswith(b"\n") or line[64:65] != b"\t":
                    break
                self._offsets[line[:64].decode("ascii")] = good
                good += len(line)
        if good != self.path.stat().st_size:
            log.info("dropping a partly written last entry of %s", self.path)
            os.truncate(self.path, good)

    def __len__(self) -> int:
        return len(self._offsets)

    def find(self, article: Article) -> int | None:
        """Where the article's result is in the journal, or None when it is not there."""
        if not self._offsets:
            return None
        return self._offsets.get(article_key(article))

    def read(self, offset: int) -> DocumentResult:
        if self._reader is None:
            self._reader = self.path.open("rb")
        self._reader.seek(offset)
        line = self._reader.readline()
        return DocumentResult.model_validate_json(line[65:])

    def add(self, article: Article, result: DocumentResult) -> None:
        line = result.model_dump_json().encode("utf-8")
        self._file.write(article_key(article).encode("ascii") + b"\t" + line + b"\n")

    def sync(self) -> None:
        """Make everything added so far survive a kill or a crash of the machine."""
        self._file.flush()
        os.fsync(self._file.fileno())

    def close(self, *, completed: bool) -> None:
        """Close the journal; a completed run removes it, an unfinished one keeps it."""
        if not self._file.closed:
            self._file.flush()
            self._file.close()
        if self._reader is not None:
            self._reader.close()
        if completed:
            shutil.rmtree(self.folder, ignore_errors=True)
        _unlock(self._lock)


def _read_manifest(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _lock(path: Path):
    handle = path.open("a+")
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock
        return handle
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        pid = handle.read().strip() or "unknown"
        handle.close()
        raise OutputBusy(path=path.parent.parent, pid=pid) from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    return handle


def _unlock(handle) -> None:
    with contextlib.suppress(OSError, ValueError):
        handle.close()  # closing the file releases the flock
