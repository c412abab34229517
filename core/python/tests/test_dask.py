"""clearpage.dask on a real distributed.LocalCluster: 2 worker processes."""

import gzip
import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

distributed = pytest.importorskip("distributed")

import clearpage  # noqa: E402
import clearpage.dask as cd  # noqa: E402
from conftest import ROOT, run_cli, write_warc_gz  # noqa: E402

# Workers cannot import this file: its functions travel by value.
import cloudpickle  # noqa: E402

cloudpickle.register_pickle_by_value(sys.modules[__name__])


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=40)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, pages):
    """WARC.gz, JSONL and HTML inputs, one broken WARC.gz and one missing file."""
    base = tmp_path_factory.mktemp("inputs")
    html_pages = [(p, b) for p, b in pages if p.endswith(".html")]
    files = []
    for n in range(4):
        path = base / f"crawl-{n}.warc.gz"
        write_warc_gz(path, [(f"https://example.com/{n}/{i}", body)
                             for i, (_p, body) in enumerate(html_pages * 2)])
        files.append(str(path))
    jsonl = base / "records.jsonl"
    with open(jsonl, "w", encoding="utf-8") as f:
        for i, (_p, body) in enumerate(html_pages):
            f.write(json.dumps({"id": f"j{i}", "url": f"https://example.org/{i}",
                                "html": body.decode("utf-8")}) + "\n")
    files.append(str(jsonl))
    files.append(os.path.join(ROOT, "samples", "html", "news-article.html"))
    broken = base / "broken.warc.gz"
    cut = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
           b"Content-Length: 9999\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>cut short")
    broken.write_bytes(gzip.compress(cut * 2)[:-40])
    files.append(str(broken))
    files.append(str(base / "missing.html"))
    return files


@pytest.fixture(scope="module")
def expected(inputs, tmp_path_factory):
    """The single-process run: the CLI over the same inputs, in the same order.

    The CLI refuses a missing input before any work (exit 2); a Dask run cannot stop the
    other partitions, so there the missing file, last of the inputs, becomes the error
    record the reader makes for it."""
    present = [path for path in inputs if os.path.exists(path)]
    assert inputs[len(present):] == [p for p in inputs if not os.path.exists(p)]
    records = run_cli(present, str(tmp_path_factory.mktemp("cli") / "out.jsonl"))
    missing = clearpage.Pipeline().open(inputs[len(present):])
    return records + missing.next(len(inputs))


def read_parts(directory):
    records = []
    for name in sorted(os.listdir(directory)):
        assert name.endswith(".jsonl.gz"), name
        with gzip.open(os.path.join(directory, name), "rt", encoding="utf-8") as f:
            records.extend(json.loads(line) for line in f)
    return records


def test_output_equals_a_single_process_run(client, inputs, expected, tmp_path):
    bag = cd.extract_bag(inputs)
    assert bag.npartitions == len(inputs)
    assert cd.to_jsonl(bag, str(tmp_path)) == len(expected)
    assert len(os.listdir(tmp_path)) == len(inputs)  # one file per partition
    assert read_parts(tmp_path) == expected
    failed = [r for r in expected if r.get("errors")]
    assert any(r["source"].endswith("missing.html") for r in failed)
    assert any("broken.warc.gz@" in r["source"] for r in failed)  # path@offset
    # Each worker process loaded its Pipeline (and the plugins) once.
    loaded = client.run(lambda: list(cd._pipelines))
    assert all(keys in ([None], []) for keys in loaded.values()), loaded
    assert [None] in loaded.values()


def test_a_worker_killed_mid_run_loses_nothing(client, inputs, expected, tmp_path):
    pids = client.run(os.getpid)
    gate = distributed.Event("clearpage-test-gate", client=client)
    gate.clear()

    def held(docs):
        # Every task waits here, so both workers hold running tasks when one is killed.
        distributed.Event("clearpage-test-gate").wait(60)
        yield from docs

    bag = cd.extract_bag(inputs).map_partitions(held)
    result = {}
    run = threading.Thread(target=lambda: result.update(count=cd.to_jsonl(bag, str(tmp_path))))
    run.start()
    # A worker is mid-task once its partial file exists; its name holds the pid.
    deadline = time.monotonic() + 60
    while not (partial := [n for n in os.listdir(tmp_path) if ".partial-" in n]):
        assert time.monotonic() < deadline, "no task started writing"
        time.sleep(0.02)
    victim = int(partial[0].split(".partial-")[1].split("-")[0])
    assert victim in pids.values()
    os.kill(victim, signal.SIGKILL)
    time.sleep(0.5)
    gate.set()
    run.join(timeout=120)
    assert result.get("count") == len(expected)
    assert read_parts(tmp_path) == expected  # the killed task's leftovers are gone too


def test_the_command_line_against_a_scheduler_address(client, inputs, expected, tmp_path):
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "clearpage.dask", "--scheduler",
                          client.scheduler.address, *inputs, "-o", str(out)],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert f"{len(expected)} records" in run.stderr
    assert read_parts(out) == expected


def test_parquet_needs_an_engine(client, inputs, tmp_path):
    bag = cd.extract_bag(inputs[-3:-2])
    have_engine = any(cd._importable(n) for n in ("pyarrow", "fastparquet"))
    if not have_engine:
        with pytest.raises(ImportError, match="pyarrow or fastparquet"):
            cd.to_parquet(bag, str(tmp_path))
        return
    import dask.dataframe as dd

    cd.to_parquet(bag, str(tmp_path))
    frame = dd.read_parquet(str(tmp_path)).compute()
    assert list(frame["id"]) == [r["id"] for r in bag.compute()]
