#!/usr/bin/env python3
"""Python overhead and thread scaling of the clearpage package (docs/scaling.md).

    make bench-python      # or: PYTHONPATH=build/python python3 bench/python_bench.py

Times, on the AEB pages held in memory (inflated first): clearpage.extract on one
thread against the C++ API's process() on one thread (target: within 10 %), and
Pipeline.process_many with 2 threads against 1 (target: >= 1.8 x).
"""

import argparse
import glob
import gzip
import os
import re
import subprocess
import time

import clearpage


def best(rounds, run):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default="../shared/corpus/aeb/html")
    parser.add_argument("--api-bench", default="build/bin/clearpage_api_bench")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    files = sorted(glob.glob(os.path.join(args.corpus, "*.html.gz")))
    if not files:
        raise SystemExit(f"no pages in {args.corpus}")
    pages = []
    for path in files:
        with gzip.open(path, "rb") as f:
            pages.append(f.read())
    pipeline = clearpage.Pipeline()
    for html in pages:  # warm-up
        try:
            clearpage.extract(html)
        except clearpage.ProcessError:
            pass

    def extract_all():
        for html in pages:
            try:
                clearpage.extract(html)
            except clearpage.ProcessError:
                pass

    n = len(pages)
    # C++ and Python rounds alternate, so that both see the same machine; best of each.
    cpp_runs, py_wall, py_cpu = [], [], []
    for _ in range(args.rounds):
        cpp_runs.append(subprocess.run(
            [args.api_bench, "--corpus", args.corpus, "--threads", str(args.threads),
             "--rounds", "1"], check=True, capture_output=True, text=True).stdout)
        cpu, wall = time.process_time(), time.perf_counter()
        extract_all()
        py_wall.append(time.perf_counter() - wall)
        py_cpu.append(time.process_time() - cpu)
    py_one, py_one_cpu = n / min(py_wall), n / min(py_cpu)
    many_1 = n / best(args.rounds, lambda: pipeline.process_many(pages, threads=1))
    many_n = n / best(args.rounds, lambda: pipeline.process_many(pages, threads=args.threads))

    figure = re.compile(r"cpp process, 1 thread:\s+([\d.]+) pages/s\s+\(([\d.]+) per CPU")
    cpp_one = max(float(figure.search(out).group(1)) for out in cpp_runs)
    cpp_one_cpu = max(float(figure.search(out).group(2)) for out in cpp_runs)
    print(f"pages {n}, best of {args.rounds} alternating rounds")
    print(f"cpp process, 1 thread:        {cpp_one:8.1f} pages/s  ({cpp_one_cpu:.1f} per CPU second)")
    print(f"python extract, 1 thread:     {py_one:8.1f} pages/s  ({py_one_cpu:.1f} per CPU second)")
    print(f"python process_many, 1 thread:{many_1:8.1f} pages/s")
    print(f"python process_many, {args.threads} threads:{many_n:7.1f} pages/s")
    overhead = 1 - py_one / cpp_one
    print(f"\ntargets:\n  extract within 10 % of the C++ API, 1 thread: {overhead * 100:+.1f} % "
          f"slower  {'MET' if overhead <= 0.10 else 'NOT MET'}")
    print(f"  (by CPU time: {(1 - py_one_cpu / cpp_one_cpu) * 100:+.1f} % slower)")
    scaling = many_n / many_1
    print(f"  process_many {args.threads} threads >= 1.8 x 1 thread: {scaling:.2f} x  "
          f"{'MET' if scaling >= 1.8 else 'NOT MET'}")


if __name__ == "__main__":
    main()
