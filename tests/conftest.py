"""Shared fixtures: one built pipeline per test session, paths to the repository's files.

The pipeline cache goes to a session temporary folder (``ACTORGRAPH_CACHE``), so the suite
never writes to the user's cache and always exercises a fresh build and a cached load.
Tests that read ``../shared`` skip cleanly where it is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# The five files of the output contract (docs/OUTPUT.md).
CONTRACT = ("relations.jsonl", "actors.jsonl", "documents.jsonl", "graph.graphml", "graph.json")
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cache = tmp_path_factory.mktemp("actorgraph-cache")
    previous = os.environ.get("ACTORGRAPH_CACHE")
    os.environ["ACTORGRAPH_CACHE"] = str(cache)
    yield cache
    if previous is None:
        os.environ.pop("ACTORGRAPH_CACHE", None)
    else:
        os.environ["ACTORGRAPH_CACHE"] = previous


@pytest.fixture(scope="session")
def ag(_isolated_cache):
    """The default actorgraph pipeline, built once (and cached) for the session."""
    import actorgraph

    return actorgraph.load()


@pytest.fixture(scope="session")
def nlp(ag):
    return ag.nlp


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


def triples(result, *, include_negated: bool = True) -> set[tuple[str, str, str]]:
    """(source, relation, target) of a result; symmetric relations in sorted order."""
    out = set()
    for r in result.relations:
        if r.negated and not include_negated:
            continue
        s, t = r.source, r.target
        if r.relation in ("negotiates-with", "agrees-with") and t < s:
            s, t = t, s
        out.add((s, r.relation, t))
    return out
