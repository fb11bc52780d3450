"""A 2.5 MB article is processed to its end (issue 7's "done when").

spaCy refuses texts over ``nlp.max_length`` (1,000,000 characters) with E088; actorgraph
processes long texts in paragraph-aligned chunks (chunking.py) whose offsets index the whole
text, so the accusation in the last sentence is found where it is.
"""

from __future__ import annotations

import pytest

PARAGRAPH = (
    "Officials in Islamabad said the border crossing would reopen after talks with traders on "
    "Monday, and that customs staff had been told to clear the backlog of lorries quickly.\n\n"
)
ENDING = "Oman accused Iran of seizing the tanker in the Strait of Hormuz."


@pytest.mark.slow
def test_large_article_processed_to_end(ag, tmp_path):
    text = PARAGRAPH * (2_500_000 // len(PARAGRAPH)) + ENDING
    assert len(text.encode()) >= 2_400_000
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    (result,) = ag.extract_folder(tmp_path)
    assert result.document.status == "ok", result.document.error
    assert result.document.chars == len(text)
    (accusation,) = [r for r in result.relations if r.relation == "accuses"]
    assert (accusation.source, accusation.target) == ("OMN", "IRN")
    assert text[accusation.start : accusation.end] == ENDING
    assert accusation.start == len(text) - len(ENDING)
