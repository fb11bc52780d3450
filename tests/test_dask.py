"""The Dask executor: a 2-worker local cluster writes the same outputs as a local run."""

from __future__ import annotations

import sys

import pytest
from click.testing import CliRunner

import actorgraph
from actorgraph.cli import main
from actorgraph.errors import DaskMissing
from conftest import CONTRACT

distributed = pytest.importorskip(
    "distributed", reason='dask.distributed is not installed (pip install "actorgraph[dask]")'
)

TEXTS = [
    "Oman mediated between Iran and the United States.",
    "Kinshasa blamed Kigali for the fall of Goma.",
    "Qatar mediated talks between Rwanda and Congo in Doha.",
    "Pakistan accused Afghanistan of sheltering the Tehrik-i-Taliban Pakistan.",
    "Egypt and Qatar mediated between Israel and Hamas.",
    "Turkey hosted talks between Russia and Ukraine in Istanbul.",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dask-corpus")
    for i, text in enumerate(TEXTS):
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    (folder / "bad.json").write_text("{oops", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def local_run(corpus, tmp_path_factory, ag):
    out = tmp_path_factory.mktemp("local")
    ag.extract_to_dir(corpus, out)
    return out


def test_a_two_worker_cluster_writes_the_same_outputs_as_a_local_run(
    corpus, local_run, tmp_path, ag
):
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        # the workers run this checkout's actorgraph, not another installed copy
        assert set(client.run(lambda: actorgraph.__file__).values()) == {actorgraph.__file__}
        ag.extract_to_dir(
            corpus, tmp_path, executor="dask", scheduler=cluster.scheduler_address, batch_size=1
        )
    for name in CONTRACT:
        assert (tmp_path / name).read_bytes() == (local_run / name).read_bytes(), name


def test_the_cli_starts_a_local_cluster_without_a_scheduler(corpus, local_run, tmp_path):
    args = ["extract", str(corpus), "--out", str(tmp_path), "--executor", "dask", "--workers", "2"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    for name in CONTRACT:
        assert (tmp_path / name).read_bytes() == (local_run / name).read_bytes(), name


def test_an_unreachable_scheduler_is_a_clear_error(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(actorgraph.dask_executor, "CONNECT_TIMEOUT", "1s")
    args = ["extract", str(corpus), "--out", str(tmp_path), "--executor", "dask"]
    result = CliRunner().invoke(main, [*args, "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 5, result.output
    assert "[E011]" in result.stderr and "tcp://127.0.0.1:9" in result.stderr


def test_without_dask_the_error_says_what_to_install(ag, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(DaskMissing, match=r"actorgraph\[dask\]"):
        list(ag.pipe([], executor="dask"))


def test_scheduler_needs_the_dask_executor(corpus, tmp_path):
    result = CliRunner().invoke(
        main, ["extract", str(corpus), "--out", str(tmp_path), "--scheduler", "tcp://x:8786"]
    )
    assert result.exit_code == 2 and "--executor dask" in result.output
