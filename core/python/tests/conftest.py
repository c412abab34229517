"""Fixtures shared by the Python suites: the repository, the CLI, sample inputs."""

import gzip
import json
import os
import subprocess
import uuid

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
SAMPLES = os.path.join(ROOT, "samples")


def sample_pages():
    """(path, bytes) of every page under samples/, in name order."""
    pages = []
    for root, _dirs, names in os.walk(SAMPLES):
        for name in sorted(names):
            if name.endswith((".html", ".txt")):
                path = os.path.join(root, name)
                with open(path, "rb") as f:
                    pages.append((path, f.read()))
    return sorted(pages)


def cli():
    binary = os.environ.get("CLEARPAGE_BINARY", os.path.join(ROOT, "build", "bin", "clearpage"))
    if not os.access(binary, os.X_OK):
        pytest.fail(f"the clearpage CLI is not built: {binary}")
    return binary


def run_cli(inputs, output, config="configs/default.toml"):
    """`clearpage run` over inputs; returns its records, in order."""
    run = subprocess.run(
        [cli(), "run", "--quiet", "--config", config, "--output", output, *inputs], cwd=ROOT)
    # 1: the run finished and some inputs became error records, which the tests compare.
    assert run.returncode in (0, 1), f"clearpage run exited {run.returncode}"
    with open(output, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def warc_record(url, body, content_type="text/html; charset=utf-8"):
    http = (f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
            f"WARC-Target-URI: {url}\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


def write_warc_gz(path, pages):
    """One gzip member per record, as crawlers write them."""
    with open(path, "wb") as f:
        for url, body in pages:
            f.write(gzip.compress(warc_record(url, body)))


@pytest.fixture(scope="session")
def pages():
    found = sample_pages()
    assert found, "no sample pages under samples/"
    return found
