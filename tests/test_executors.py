"""One bad article costs only itself."""

from __future__ import annotations

from actorgraph.schemas import Article


def test_a_failing_document_does_not_stop_the_batch(ag, monkeypatch):
    ruler = ag.nlp.get_pipe("actorgraph_actor_ruler")
    original = type(ruler).__call__

    def explode_on_marker(self, doc):
        if "EXPLODE" in doc.text:
            raise RuntimeError("boom")
        return original(self, doc)

    monkeypatch.setattr(type(ruler), "__call__", explode_on_marker)
    articles = [
        Article(doc_id=f"d{i}", text=text, path="")
        for i, text in enumerate(
            [
                "Oman mediated between Iran and the United States.",
                "EXPLODE here.",
                "Kinshasa blamed Kigali for the fall of Goma.",
            ]
        )
    ]
    results = list(ag.pipe(articles, batch_size=8))
    assert [r.document.status for r in results] == ["ok", "failed", "ok"]
    assert "boom" in results[1].document.error
    assert results[2].relations
