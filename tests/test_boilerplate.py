"""Trimming site furniture after the article, and never anything of the article itself."""

from __future__ import annotations

import pytest

from actorgraph.boilerplate import BoilerplateRules, load_rules, trim_tail
from actorgraph.ingest import find_inputs, read_articles
from conftest import SEEDS

BODY = "\n\n".join(
    [
        "Pakistan accused Afghanistan of sheltering militants on Sunday.",
        "Qatar and Türkiye mediated the talks in Istanbul, officials said.",
        "The Taliban said they would reply to the accusations after consultations.",
        "Both sides agreed to share intelligence and to meet again next week.",
        "Officials said related talks on trade would follow in Doha.",
    ]
)


@pytest.mark.parametrize(
    "tail",
    [
        "1 COMMENT\n\nLEAVE A REPLY\n\nPlease enter your comment!\nPlease enter your name here",
        "Must Read\n\nNaqvi reinforces security ties with UK and US",
        "Also Read: India and Israel sign a defence pact",
        "Related Articles\n\nIran summons the British envoy",
        "— Share this article —\nFollow us on X and Facebook",
        "Subscribe to our newsletter for daily updates",
        "You may also like\n\nRussia and China hold drills",
        "Tags: Pakistan, Afghanistan, Qatar",
        "12 Comments",
    ],
)
def test_furniture_after_the_article_is_cut(tail):
    assert trim_tail(BODY + "\n\n" + tail) == BODY


@pytest.mark.parametrize(
    "text",
    [
        BODY,  # says "reply", "share" and "related" in body sentences
        BODY + "\n\nThe minister said: Leave a reply to the Taliban, not to the press.",
        "Must Read\n\n" + BODY,  # a marker in the first half is never a cut point
        "Related\n\n" + BODY + "\n\nKabul has not commented.",
        BODY + "\n\n" + "Share " + "of the border trade fell sharply this year. " * 5,
    ],
)
def test_the_article_itself_is_never_cut(text):
    assert trim_tail(text) == text


def test_at_most_the_tail_is_searched():
    rules = load_rules()
    body = "Comments\n\n" + "Qatar mediated between Rwanda and the M23.\n\n" * 200
    cut = trim_tail(body + "Must Read\n\nUK and US talk", rules)
    assert cut.startswith("Comments") and cut.endswith("M23.")
    assert len(cut) >= len(body.rstrip()) * (1 - rules.tail_fraction)


def test_only_the_first_marker_in_the_tail_counts():
    text = BODY + "\n\nRelated\n\nAn article about Israel\n\nLeave a reply"
    assert trim_tail(text) == BODY


def test_the_seed_article_loses_its_teaser_and_nothing_else():
    (item,) = [i for i in find_inputs([SEEDS]) if i.doc_id.endswith(".txt")]
    (article,) = read_articles(item)
    raw = item.path.read_text(encoding="utf-8")
    assert article.text == raw[: len(article.text)]
    assert article.text.endswith("never used against Pakistan again.")
    assert "Naqvi" not in article.text and "LEAVE A REPLY" not in article.text


def test_teaser_actors_are_not_extracted_from_the_seed(ag):
    (item,) = [i for i in find_inputs([SEEDS]) if i.doc_id.endswith(".txt")]
    (article,) = read_articles(item)
    (result,) = ag.pipe([article])
    ids = {a.id for a in result.actors}
    assert {"PAK", "AFG", "QAT", "TUR"} <= ids
    assert ids.isdisjoint({"GBR", "USA", "NAQVI"})


def test_boilerplate_file_is_validated(tmp_path):
    from actorgraph.errors import DataFileError

    bad = tmp_path / "boilerplate.yaml"
    bad.write_text(
        "tail_fraction: 0.5\nmax_tail_chars: 100\nmax_line_chars: 80\nmarkers: ['(unclosed']\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as info:
        BoilerplateRules.from_file(bad)
    assert str(bad) in str(info.value) and "[markers]" in str(info.value)
    assert "not a regular expression" in str(info.value)
