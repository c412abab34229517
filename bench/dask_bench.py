#!/usr/bin/env python3
"""clearpage.dask on a LocalCluster against one process (docs/scaling.md).

    make bench-dask            # BIG=1 adds the 1 GB WARC.gz memory run

Speed: the AEB pages 5 times over as WARC.gz files; a LocalCluster of 2 single-thread
workers against one process (`clearpage run --threads 1`, and the same Python code in
one process). Target: >= 1.7 x.
Memory (--big): a 1 GB WARC.gz; each worker's RSS is sampled throughout. Target: flat
within 300 MB.
"""

import argparse
import glob
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid

import clearpage.dask as cd


def load_pages(corpus):
    pages = []
    for path in sorted(glob.glob(os.path.join(corpus, "*.html.gz"))):
        with gzip.open(path, "rb") as f:
            pages.append(f.read())
    if not pages:
        raise SystemExit(f"no pages in {corpus}")
    return pages


def http_member(body):
    """The HTTP response of a record, compressed once and reused for every copy."""
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            b"Content-Length: %d\r\n\r\n" % len(body)) + body + b"\r\n\r\n"
    return len(http) - 4, gzip.compress(http, 6)


def write_warc(path, members, copies=None, size=None):
    """Records, each a small header member and its body's member; stops after `copies`
    passes over the pages or at `size` compressed bytes."""
    written = records = 0
    with open(path, "wb") as out:
        n = 0
        while True:
            for length, member in members:
                head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>"
                        f"\r\nWARC-Target-URI: https://example.com/{records}\r\n"
                        f"Content-Type: application/http; msgtype=response\r\n"
                        f"Content-Length: {length}\r\n\r\n").encode()
                head = gzip.compress(head, 1)
                out.write(head)
                out.write(member)
                written += len(head) + len(member)
                records += 1
                if size and written >= size:
                    return records
            n += 1
            if copies and n >= copies:
                return records


def timed(run):
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def sample_rss(client, stop, samples):
    import psutil

    pids = client.run(os.getpid)
    procs = {addr: psutil.Process(pid) for addr, pid in pids.items()}
    while not stop.is_set():
        for addr, proc in procs.items():
            try:
                samples.setdefault(addr, []).append((time.monotonic(), proc.memory_info().rss))
            except psutil.Error:
                pass
        stop.wait(0.5)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default="../shared/corpus/aeb/html")
    parser.add_argument("--clearpage", default="build/bin/clearpage")
    parser.add_argument("--tmp", default=None)
    parser.add_argument("--files", type=int, default=10, help="WARC.gz files for the 5x corpus")
    parser.add_argument("--big", action="store_true")
    args = parser.parse_args()

    from distributed import Client, LocalCluster

    work = tempfile.mkdtemp(prefix="clearpage-dask-bench-", dir=args.tmp)
    try:
        members = [http_member(p) for p in load_pages(args.corpus)]
        files = []
        for i in range(args.files):
            path = os.path.join(work, f"aeb-{i}.warc.gz")
            share = members[i::args.files]
            write_warc(path, share, copies=5)
            files.append(path)
        pages = 5 * len(members)

        cli_s = timed(lambda: subprocess.run(
            [args.clearpage, "run", "--quiet", "--threads", "1", "--config", "configs/default.toml",
             "--output", os.path.join(work, "cli.jsonl"), *files], check=True))
        one_s = timed(lambda: cd._write_partition(cd._extract_partition(files, None, 1),
                                                  os.path.join(work, "one.jsonl.gz")))
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        client = Client(cluster)
        cd.to_jsonl(cd.extract_bag(files[:2]), os.path.join(work, "warm"))  # plugins loaded
        dask_s = min(timed(lambda: cd.to_jsonl(cd.extract_bag(files), os.path.join(work, f"d{r}")))
                     for r in range(2))
        print(f"5x AEB as {len(files)} WARC.gz files: {pages} pages")
        print(f"  clearpage run, 1 thread:        {cli_s:7.2f} s  {pages / cli_s:7.1f} pages/s")
        print(f"  one Python process, 1 thread:   {one_s:7.2f} s  {pages / one_s:7.1f} pages/s")
        print(f"  LocalCluster 2 x 1-thread:      {dask_s:7.2f} s  {pages / dask_s:7.1f} pages/s")
        ratio = cli_s / dask_s
        print(f"target: LocalCluster >= 1.7 x one process: {ratio:.2f} x the CLI, "
              f"{one_s / dask_s:.2f} x one Python process  {'MET' if ratio >= 1.7 else 'NOT MET'}")

        if args.big:
            big = os.path.join(work, "big.warc.gz")
            records = write_warc(big, members, size=1 << 30)
            print(f"\n1 GB WARC.gz: {os.path.getsize(big) >> 20} MiB, {records} records")
            samples, stop = {}, threading.Event()
            sampler = threading.Thread(target=sample_rss, args=(client, stop, samples))
            sampler.start()
            big_s = timed(lambda: cd.to_jsonl(cd.extract_bag([big]), os.path.join(work, "big")))
            stop.set()
            sampler.join()
            worst = 0
            for addr, series in samples.items():
                rss = [r for _t, r in series]
                settled = rss[len(rss) // 10:] or rss
                spread = max(settled) - min(settled)
                worst = max(worst, spread)
                print(f"  worker {addr}: RSS min {min(settled) / 2**20:.0f} MB, max "
                      f"{max(settled) / 2**20:.0f} MB, spread {spread / 2**20:.0f} MB "
                      f"({len(rss)} samples)")
            print(f"  {big_s:.1f} s, {records / big_s:.1f} pages/s")
            print(f"target: each worker's RSS flat within 300 MB: {worst / 2**20:.0f} MB  "
                  f"{'MET' if worst < 300 * 2**20 else 'NOT MET'}")
        client.close()
        cluster.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
