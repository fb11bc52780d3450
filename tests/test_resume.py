"""An interrupted run, started again with --resume, skips what it had done and ends with the
same outputs as an uninterrupted run."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import actorgraph.api
from actorgraph.cli import main
from actorgraph.errors import OutputBusy, ResumeMismatch
from actorgraph.ingest import find_inputs, read_articles
from actorgraph.journal import JOURNAL_DIR, Journal, pipeline_fingerprint
from conftest import CONTRACT, REPO


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    """The dev set's articles, twice over under other names (76 for 38 dev articles)."""
    folder = tmp_path_factory.mktemp("articles")
    sources = sorted((REPO / "data" / "dev").glob("*/articles/*.txt"))
    assert sources
    for copy in range(2):
        for source in sources:
            shutil.copy(source, folder / f"{copy}_{source.name}")
    return folder


@pytest.fixture(scope="module")
def uninterrupted(articles, tmp_path_factory, ag) -> Path:
    out = tmp_path_factory.mktemp("uninterrupted")
    ag.extract_to_dir(articles, out, batch_size=2)
    return out


def _journal_entries(out: Path) -> int:
    try:
        return (out / JOURNAL_DIR / "journal.jsonl").read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def _count_processed(monkeypatch) -> list[str]:
    processed: list[str] = []
    original = actorgraph.api.run_local

    def counting(nlp, articles, **options):
        def tap():
            for article in articles:
                processed.append(article.doc_id)
                yield article

        return original(nlp, tap(), **options)

    monkeypatch.setattr(actorgraph.api, "run_local", counting)
    return processed


def test_a_killed_run_resumes_to_the_same_outputs(
    articles, uninterrupted, tmp_path, ag, monkeypatch
):
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    command = [sys.executable, "-m", "actorgraph.cli", "extract", str(articles), "--out", str(out)]
    process = subprocess.Popen([*command, "--batch-size", "2", "-q"], env=env)
    deadline = time.monotonic() + 120
    while _journal_entries(out) < 6 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    done = _journal_entries(out)
    total = len(list(articles.iterdir()))
    assert 6 <= done < total
    assert not any((out / name).exists() for name in CONTRACT)

    processed = _count_processed(monkeypatch)
    result = CliRunner().invoke(main, [*command[3:], "--batch-size", "2", "--resume"])
    assert result.exit_code == 0, result.output
    assert f"documents: {total} ok" in result.stderr
    assert len(processed) == total - done  # the journal's documents were not processed again
    for name in CONTRACT:
        assert (out / name).read_bytes() == (uninterrupted / name).read_bytes(), name
    assert sorted(p.name for p in out.iterdir()) == sorted(CONTRACT)  # no journal, no temp files


def test_resume_processes_a_changed_article_again(tmp_path, ag, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text("Oman mediated between Iran and the United States.")
    out = tmp_path / "out"
    done = [a for f in find_inputs([folder]) for a in read_articles(f)]
    journal = Journal(out, pipeline_fingerprint(ag.nlp), resume=False)
    for article, result in zip(done, ag.pipe(done), strict=True):
        journal.add(article, result)
    journal.sync()
    journal.close(completed=False)
    (folder / "a.txt").write_text("Kinshasa blamed Kigali for the fall of Goma.")
    processed = _count_processed(monkeypatch)
    ag.extract_to_dir(folder, out, resume=True)
    assert processed == ["a.txt"]
    assert "Kigali" in (out / "relations.jsonl").read_text()


def test_a_second_run_into_the_same_folder_is_refused_while_one_runs(tmp_path, ag):
    journal = Journal(tmp_path, "x", resume=False)
    try:
        with pytest.raises(OutputBusy, match=r"\[E014\]"):
            ag.extract_to_dir(REPO / "seeds" / "000_28a0d40d936aa6f4.txt", tmp_path)
    finally:
        journal.close(completed=False)


def test_resuming_with_another_pipeline_is_refused(tmp_path, ag):
    Journal(tmp_path, "another pipeline", resume=False).close(completed=False)
    with pytest.raises(ResumeMismatch, match=r"\[E013\]"):
        ag.extract_to_dir(REPO / "seeds", tmp_path, resume=True)
    ag.extract_to_dir(REPO / "seeds", tmp_path)  # without --resume it starts over
    assert not (tmp_path / JOURNAL_DIR).exists()
