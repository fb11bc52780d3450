"""One bad article costs only itself; long articles are chunked with correct offsets; worker
processes give the same outputs as one process."""

from __future__ import annotations

import pytest

import actorgraph
from actorgraph.chunking import split_text
from actorgraph.schemas import Article
from conftest import CONTRACT

PARAGRAPHS = [
    "Oman mediated between Iran and the United States.",
    "Kinshasa blamed Kigali for the fall of Goma.",
    "Qatar mediated talks between Rwanda and Congo in Doha.",
    "Pakistan accused Afghanistan of sheltering the Tehrik-i-Taliban Pakistan.",
]


def _articles(texts: list[str]) -> list[Article]:
    return [Article(doc_id=f"d{i}", text=text, path="") for i, text in enumerate(texts)]


def test_a_failing_document_does_not_stop_the_batch(ag, monkeypatch):
    ruler = ag.nlp.get_pipe("actorgraph_actor_ruler")
    original = type(ruler).__call__

    def explode_on_marker(self, doc):
        if "EXPLODE" in doc.text:
            raise RuntimeError("boom")
        return original(self, doc)

    monkeypatch.setattr(type(ruler), "__call__", explode_on_marker)
    articles = _articles(
        [
            "Oman mediated between Iran and the United States.",
            "EXPLODE here.",
            "Kinshasa blamed Kigali for the fall of Goma.",
        ]
    )
    results = list(ag.pipe(articles, batch_size=8))
    assert [r.document.status for r in results] == ["ok", "failed", "ok"]
    assert "boom" in results[1].document.error
    assert results[2].relations


@pytest.mark.parametrize("workers", [1, 2])
def test_a_lone_surrogate_costs_only_its_document(ag, workers):
    texts = [PARAGRAPHS[0], "Iran \ud800 accused Israel.", PARAGRAPHS[1]]
    results = list(ag.pipe(_articles(texts), batch_size=8, workers=workers))
    assert [r.document.status for r in results] == ["ok", "failed", "ok"]
    assert "lone surrogate (U+D800 at character 5)" in results[1].document.error
    assert results[0].relations and results[2].relations


def test_the_memory_zone_keeps_the_string_store_flat(ag):
    ag.extract("Warm-up: Oman mediated between Iran and the United States.")
    before = len(ag.nlp.vocab.strings)
    texts = [f"Zorblax{i} Quuxington{i} met Oman's envoy in Fribbleton{i}." for i in range(40)]
    results = list(ag.pipe(_articles(texts)))
    assert all(r.document.status == "ok" for r in results)
    assert len(ag.nlp.vocab.strings) == before
    # results are plain values that outlive the zone
    assert results[3].actors and all(m.text for a in results[3].actors for m in a.mentions)


# -- long articles ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("para one.\n\npara two.\n\npara three is here.\n\n" * 20, 60),
        ("line one\nline two\nline three\n" * 30, 50),
        ("Sentence one. Sentence two! Sentence three? " * 30, 70),
        ("word " * 200, 33),
        ("x" * 1000, 64),  # no place to cut: a hard cut at the limit
        ("short", 100),
        ("", 100),
    ],
)
def test_chunks_cover_the_text_exactly_and_respect_the_limit(text, limit):
    bounds = split_text(text, limit)
    assert "".join(text[s:e] for s, e in bounds) == text
    assert all(e - s <= limit for s, e in bounds)
    assert all(bounds[i][1] == bounds[i + 1][0] for i in range(len(bounds) - 1))
    assert all(e - s >= limit // 2 for s, e in bounds[:-1])


def test_chunks_end_at_paragraph_breaks_when_there_are_some():
    text = "\n\n".join(f"Paragraph {i} says something about talks." for i in range(50))
    for start, end in split_text(text, 200)[:-1]:
        assert text[start:end].endswith("\n\n")


def test_a_long_article_is_processed_to_its_end_with_offsets_into_the_whole_text(ag):
    text = "\n\n".join(PARAGRAPHS[i % len(PARAGRAPHS)] for i in range(80))
    (whole,) = ag.pipe(_articles([text]))
    (chunked,) = ag.pipe(_articles([text]), chunk_chars=1000)
    assert whole.document.chunks == 1
    assert chunked.document.chunks == len(split_text(text, 1000)) > 4
    assert chunked.document.sha256 == whole.document.sha256
    assert chunked.document.chars == len(text)
    assert [r.model_dump() for r in chunked.relations] == [r.model_dump() for r in whole.relations]
    assert max(r.end for r in chunked.relations) > len(text) - 100  # to the end
    for relation in chunked.relations:
        assert text[relation.start : relation.end] == relation.sentence
    for actor in chunked.actors:
        for mention in actor.mentions:
            assert text[mention.start : mention.end] == mention.text
    assert {a.id: len(a.mentions) for a in chunked.actors} == {
        a.id: len(a.mentions) for a in whole.actors
    }


def test_a_text_over_max_length_is_chunked_not_refused(ag, monkeypatch):
    monkeypatch.setattr(ag.nlp, "max_length", 2000)
    text = "\n\n".join(PARAGRAPHS[i % len(PARAGRAPHS)] for i in range(120))
    (result,) = ag.pipe(_articles([text]))
    assert result.document.status == "ok" and result.document.chunks >= len(text) // 2000
    assert result.relations[-1].end > len(text) - 100


# -- worker processes ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    for i in range(14):
        text = " ".join(PARAGRAPHS[(i + k) % len(PARAGRAPHS)] for k in range(3))
        (folder / f"{i:02d}.txt").write_text(text, encoding="utf-8")
    (folder / "bad.json").write_text("{oops", encoding="utf-8")
    (folder / "blank.txt").write_text("  ", encoding="utf-8")
    (folder / "many.jsonl").write_text(
        '{"text": "Qatar mediated talks between Rwanda and Congo."}\n{"title": "no text"}\n',
        encoding="utf-8",
    )
    return folder


@pytest.fixture(scope="module")
def local_run(corpus, tmp_path_factory, ag):
    out = tmp_path_factory.mktemp("local")
    ag.extract_to_dir(corpus, out, batch_size=4)
    return out


def test_worker_processes_write_the_same_outputs(corpus, local_run, tmp_path, ag):
    summary = ag.extract_to_dir(corpus, tmp_path, batch_size=3, workers=2)
    assert summary.documents["ok"] == 15
    for name in CONTRACT:
        assert (tmp_path / name).read_bytes() == (local_run / name).read_bytes(), name
    assert not (tmp_path / ".actorgraph").exists()


def test_invalid_execution_options_are_catalogue_errors(ag, corpus, tmp_path):
    with pytest.raises(actorgraph.api.InvalidOption, match=r"\[E015\].*workers"):
        ag.extract_to_dir(corpus, tmp_path, workers=0)
    with pytest.raises(actorgraph.api.InvalidOption, match=r"\[E015\].*executor"):
        list(ag.pipe([], executor="spark"))
