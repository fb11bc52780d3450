"""The suite registry: ``SUITES`` names each suite, the files it needs under the shared data
folder and how it runs; ``run_suites`` runs actorgraph over every available one and scores it.

Texts are cleaned the way ``extract`` cleans them, with removed characters turned into spaces so
that gold character offsets stay valid. A suite whose files are missing is skipped with a note,
never an error.

Not supported: suites other than the five registered here (``SUITES`` is fixed, not extended at
run time).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..schemas import Article, DocumentResult
from .conflibert import read_conflibert_ner, score_conflibert
from .mapping import CodeMapper, registry, state_ids
from .petrarch import read_actor_dictionary, read_petr_records, vouched_countries
from .plover import read_plover_gsr
from .re3d import read_re3d, score_re3d
from .records import Dataset
from .report import SuiteReport
from .scoring import score_coded

if TYPE_CHECKING:  # pragma: no cover
    from ..api import Actorgraph


def run_pipeline(
    ag: Actorgraph, items: Iterable[tuple[str, str, str | None]]
) -> list[DocumentResult]:
    """Results for (doc_id, text, published) items, in order."""
    from ..ingest import clean_text

    articles = [
        Article(doc_id=doc_id, text=_keep_offsets(text, clean_text), published=pub, path="")
        for doc_id, text, pub in items
    ]
    return list(ag.pipe(articles))


def _keep_offsets(text: str, clean: Callable[[str], str]) -> str:
    """The text cleaned the way ``extract`` cleans it, with removed characters turned into
    spaces so that gold character offsets still point at the same text."""
    if clean(text) == text:
        return text
    return "".join(c if clean(c) else " " for c in text)


@dataclass(frozen=True)
class Suite:
    name: str
    paths: tuple[str, ...]  # relative to the shared data folder; all must exist
    description: str
    run: Callable[[Actorgraph, Path, int | None], SuiteReport]

    def missing(self, data: Path) -> list[str]:
        return [p for p in self.paths if not (data / p).exists()]


def _run_petr_gsr(ag: Actorgraph, data: Path, limit: int | None) -> SuiteReport:
    path = data / "universalpetrarch/PETR2_GSR_validation.xml"
    dataset = read_petr_records(path, CodeMapper(state_ids()), "petr2-gsr").limited(limit)
    return _score_sentences(ag, dataset)


def _run_petr_unit(ag: Actorgraph, data: Path, limit: int | None) -> SuiteReport:
    dictionary = read_actor_dictionary(data / "petrarch2/dictionaries/PETR.Validate.actors.txt")
    vouched = vouched_countries(dictionary, registry())
    mapper = CodeMapper(state_ids(), vouched)
    path = data / "petrarch2/PETR.UnitTest.records.xml"
    dataset = read_petr_records(path, mapper, "petr2-unit").limited(limit)
    dataset.notes.append(
        f"country codes vouched for by PETR.Validate.actors.txt: {len(vouched)} "
        f"({', '.join(sorted(vouched))})"
    )
    return _score_sentences(ag, dataset)


def _run_plover(ag: Actorgraph, data: Path, limit: int | None) -> SuiteReport:
    dataset = read_plover_gsr(data / "plover/PLOVER_GSR_CAMEO.txt", CodeMapper(state_ids()))
    return _score_sentences(ag, dataset.limited(limit))


def _score_sentences(ag: Actorgraph, dataset: Dataset) -> SuiteReport:
    results = run_pipeline(ag, ((s.id, s.text, s.published) for s in dataset.records))
    return score_coded(dataset, results)


def _run_re3d(ag: Actorgraph, data: Path, limit: int | None) -> SuiteReport:
    dataset = read_re3d(data / "re3d").limited(limit)
    results = run_pipeline(ag, ((d.id, d.text, None) for d in dataset.records))
    return score_re3d(dataset, results)


def _run_conflibert(ag: Actorgraph, data: Path, limit: int | None) -> SuiteReport:
    dataset = read_conflibert_ner(data / "conflibert/cameo_ner/test.txt").limited(limit)
    results = run_pipeline(ag, ((s.id, s.text, None) for s in dataset.records))
    return score_conflibert(dataset, results)


SUITES: tuple[Suite, ...] = (
    Suite(
        "petr2-gsr",
        ("universalpetrarch/PETR2_GSR_validation.xml",),
        "UniversalPetrarch PETR-2 validation sentences, CAMEO codes, sentence level",
        _run_petr_gsr,
    ),
    Suite(
        "petr2-unit",
        ("petrarch2/PETR.UnitTest.records.xml", "petrarch2/dictionaries/PETR.Validate.actors.txt"),
        "PETRARCH2 unit-test sentences, real countries only, sentence level; codes come from"
        " the toy verb dictionary, so relation rows test coding mechanics, not CAMEO meaning",
        _run_petr_unit,
    ),
    Suite(
        "plover-gsr",
        ("plover/PLOVER_GSR_CAMEO.txt",),
        "PLOVER gold-standard records (CAMEO manual examples), sentence level",
        _run_plover,
    ),
    Suite(
        "re3d",
        ("re3d",),
        "re3d: actor mentions, IsSynonymOf alias pairs, FightingAgainst/Dislikes per document",
        _run_re3d,
    ),
    Suite(
        "conflibert",
        ("conflibert/cameo_ner/test.txt",),
        "ConfliBERT cameo_ner test split: source/target direction, relation type not compared",
        _run_conflibert,
    ),
)


def run_suites(
    ag: Actorgraph, data: Path, *, limit: int | None = None, names: Iterable[str] | None = None
) -> tuple[list[SuiteReport], list[str]]:
    """Reports of every available suite, and a note for each one skipped (files absent)."""
    reports, skipped = [], []
    wanted = set(names) if names is not None else None
    for suite in SUITES:
        if wanted is not None and suite.name not in wanted:
            continue
        missing = suite.missing(data)
        if missing:
            skipped.append(f"{suite.name}: skipped, not found under {data}: {', '.join(missing)}")
            continue
        report = suite.run(ag, data, limit)
        report.description = suite.description
        reports.append(report)
    return reports, skipped
