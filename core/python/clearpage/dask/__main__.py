"""clearpage-dask: ``clearpage.dask`` from the command line.

    clearpage-dask --scheduler tcp://scheduler:8786 crawl/*.warc.gz -o out/
    python -m clearpage.dask --workers 2 samples/ -o out/

Without --scheduler, a LocalCluster of --workers single-threaded processes runs it.
Prints one summary line; exits 0 when every input is accounted for (as a document or
an error record), 1 when the run itself failed, 2 on bad usage.
"""

import argparse
import sys
import time


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="clearpage-dask", description=__doc__.split("\n")[0])
    parser.add_argument("inputs", nargs="+", help="WARC, WARC.gz, JSONL or HTML files, dirs, globs or URLs")
    parser.add_argument("-o", "--output", required=True, help="output directory")
    parser.add_argument("-c", "--config", help="job file (default: the built-in default job)")
    parser.add_argument("--scheduler", help="address of a running Dask scheduler (tcp://host:port)")
    parser.add_argument("--workers", type=int, default=2, help="LocalCluster workers without --scheduler")
    parser.add_argument("--threads", type=int, default=1, help="threads per task")
    parser.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from distributed import Client, LocalCluster

    import clearpage.dask as cd

    cluster = None
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    start = time.monotonic()
    try:
        bag = cd.extract_bag(args.inputs, config=args.config, threads=args.threads)
        if args.format == "parquet":
            cd.to_parquet(bag, args.output)
            written = "Parquet"
        else:
            written = f"{cd.to_jsonl(bag, args.output)} records"
    except Exception as e:  # noqa: BLE001
        print(f"clearpage-dask: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    print(f"clearpage-dask: {written} in {bag.npartitions} partitions, "
          f"{time.monotonic() - start:.2f} s -> {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
