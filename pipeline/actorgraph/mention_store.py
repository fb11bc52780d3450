"""Actor mentions kept on disk during a run, so memory does not grow with the number of
documents.

actors.jsonl lists every mention of every actor, sorted by actor id, and is written when the
run ends. Holding all mentions in memory until then grows without bound on a long run (a
million articles hold tens of millions of mentions); here each mention is appended to a
temporary file beside the output as it arrives, and :meth:`MentionStore.grouped` reads them
back, actor by actor in id order, with mentions in the order they arrived. It reads the file in
slices of contiguous actor ids holding at most :data:`SLICE_BYTES` of mentions each, so the
memory it needs is bounded by the slice, not by the run.
"""

from __future__ import annotations

import bisect
import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

from .fileio import _temp_beside
from .schemas import Mention

#: Mentions (as JSON lines) read back into memory at once when actors.jsonl is written.
SLICE_BYTES = 32 * 2**20


class MentionStore:
    """Mentions by actor, appended to a temporary file in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = _temp_beside(folder / "actors.jsonl.mentions")
        self._file = self.path.open("w", encoding="utf-8", newline="\n")
        self._bytes: dict[str, int] = {}  # actor id -> bytes of its mentions in the file

    def add(self, actor_id: str, mentions: list[Mention]) -> None:
        for m in mentions:  # the whole record, so fields added to Mention are kept
            line = json.dumps([actor_id, m.model_dump(mode="json")], ensure_ascii=False)
            self._file.write(line + "\n")
            self._bytes[actor_id] = self._bytes.get(actor_id, 0) + len(line) + 1

    def grouped(self, actor_ids: list[str]) -> Iterator[tuple[str, list[Mention]]]:
        """``(actor id, mentions)`` for each of ``actor_ids`` (sorted), mentions in order."""
        self._file.close()
        if not actor_ids:
            return
        slices = self._slices(actor_ids)
        firsts = [ids[0] for ids in slices]
        parts = [self.path]
        if len(slices) > 1:
            parts = [_temp_beside(self.folder / f"actors.jsonl.{i}") for i in range(len(slices))]
        try:
            if len(slices) > 1:  # one pass to split the file into slices of contiguous ids
                outs = [p.open("w", encoding="utf-8", newline="\n") for p in parts]
                with self.path.open(encoding="utf-8") as f:
                    for line in f:
                        actor_id = json.loads(line)[0]
                        outs[bisect.bisect_right(firsts, actor_id) - 1].write(line)
                for out in outs:
                    out.close()
            for ids, part in zip(slices, parts, strict=True):
                found: dict[str, list[Mention]] = {actor_id: [] for actor_id in ids}
                with part.open(encoding="utf-8") as f:
                    for line in f:
                        actor_id, mention = json.loads(line)
                        found[actor_id].append(Mention.model_validate(mention))
                yield from found.items()
                found.clear()
        finally:
            for part in parts:
                if part != self.path:
                    with contextlib.suppress(FileNotFoundError):
                        part.unlink()

    def _slices(self, actor_ids: list[str]) -> list[list[str]]:
        slices: list[list[str]] = [[]]
        size = 0
        for actor_id in actor_ids:
            weight = self._bytes.get(actor_id, 0)
            if slices[-1] and size + weight > SLICE_BYTES:
                slices.append([])
                size = 0
            slices[-1].append(actor_id)
            size += weight
        return slices

    def discard(self) -> None:
        if not self._file.closed:
            self._file.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)
