"""Actor mentions kept on disk during a run come back grouped, sorted and in order."""

from __future__ import annotations

import pytest

from actorgraph import mention_store
from actorgraph.mention_store import MentionStore
from actorgraph.schemas import Mention


def _mentions(doc: str, *texts: str) -> list[Mention]:
    return [Mention(doc_id=doc, text=t, start=i, end=i + len(t)) for i, t in enumerate(texts)]


@pytest.mark.parametrize("slice_bytes", [32 * 2**20, 1, 150])
def test_mentions_come_back_by_actor_in_arrival_order(tmp_path, monkeypatch, slice_bytes):
    monkeypatch.setattr(mention_store, "SLICE_BYTES", slice_bytes)
    store = MentionStore(tmp_path)
    store.add("USA", _mentions("a", "Washington", "the United States"))
    store.add("IRN", _mentions("a", "Tehran"))
    store.add("USA", _mentions("b", "US"))
    store.add("OMN", _mentions("b", "Oman", "Muscat"))
    store.add("QAT", [])
    got = {
        k: [(m.doc_id, m.text) for m in v] for k, v in store.grouped(["IRN", "OMN", "QAT", "USA"])
    }
    assert list(got) == ["IRN", "OMN", "QAT", "USA"]
    assert got["USA"] == [("a", "Washington"), ("a", "the United States"), ("b", "US")]
    assert got["QAT"] == []
    store.discard()
    assert list(tmp_path.iterdir()) == []


def test_a_run_writes_the_same_actors_whatever_the_slice_size(tmp_path, monkeypatch, ag):
    folder = tmp_path / "in"
    folder.mkdir()
    for i, text in enumerate(
        [
            "Oman mediated between Iran and the United States.",
            "Kinshasa blamed Kigali for the fall of Goma.",
            "Qatar mediated talks between Rwanda and Congo. Iran said nothing.",
        ]
    ):
        (folder / f"{i}.txt").write_text(text)
    ag.extract_to_dir(folder, tmp_path / "whole")
    monkeypatch.setattr(mention_store, "SLICE_BYTES", 100)
    ag.extract_to_dir(folder, tmp_path / "sliced")
    whole = (tmp_path / "whole" / "actors.jsonl").read_bytes()
    assert (tmp_path / "sliced" / "actors.jsonl").read_bytes() == whole
    assert not [p for p in (tmp_path / "sliced").iterdir() if p.name.startswith(".")]
