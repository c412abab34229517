"""Distributed runs of clearpage on Dask (docs/scaling.md).

    import clearpage.dask as cd
    from distributed import Client
    client = Client("tcp://scheduler:8786")
    docs = cd.extract_bag(["crawl/part-0.warc.gz", "crawl/part-1.warc.gz"])
    cd.to_jsonl(docs, "out/")

Each input file is one partition; a partition is read and processed lazily, a batch of
pages at a time, so a worker's memory does not grow with the file. Every process
builds its Pipeline once per job and keeps it (plugins are loaded once per process).
A page that fails, or a file that cannot be read, becomes an error record; a task on a
worker that dies is run again by the scheduler, so no partition is lost.
"""

import glob
import json
import os
import shutil
import tempfile
import threading

import dask.bag as db

import clearpage

__all__ = ["extract_bag", "to_jsonl", "to_parquet", "input_files", "pipeline_for"]

#: Pages read and processed at a time within a partition.
BATCH_PAGES = 64

_pipelines = {}
_pipelines_lock = threading.Lock()


def pipeline_for(config=None):
    """This process's Pipeline for `config` (None: the default job), built on first use."""
    key = os.fspath(config) if config is not None else None
    with _pipelines_lock:
        pipeline = _pipelines.get(key)
        if pipeline is None:
            pipeline = clearpage.Pipeline(config)
            _pipelines[key] = pipeline
        return pipeline


def _is_url(spec):
    return "://" in spec and not spec.startswith("file://")


def _walk(directory):
    """Files under a directory in the order `clearpage run` reads them: names sorted,
    each sub-directory in its place, hidden names skipped."""
    for name in sorted(os.listdir(directory)):
        if name.startswith("."):
            continue
        path = os.path.join(directory, name)
        if os.path.isdir(path):
            yield from _walk(path)
        else:
            yield path


def input_files(paths_or_urls):
    """Expands directories and globs into a sorted list of files; URLs are kept.

    A single string is one input. Directories yield every file under them, as
    `clearpage run` reads them.
    """
    if isinstance(paths_or_urls, (str, os.PathLike)):
        paths_or_urls = [paths_or_urls]
    files = []
    for spec in paths_or_urls:
        spec = os.fspath(spec)
        if _is_url(spec) and glob.has_magic(spec):
            import fsspec

            fs, _token, found = fsspec.get_fs_token_paths(spec)
            files.extend(fs.unstrip_protocol(path) for path in sorted(found))
        elif _is_url(spec):
            files.append(spec)
        elif spec.startswith("file://"):
            files.append(spec[len("file://"):])
        elif os.path.isdir(spec):
            files.extend(_walk(spec))
        elif glob.has_magic(spec):
            files.extend(sorted(p for p in glob.glob(spec, recursive=True) if os.path.isfile(p)))
        else:
            files.append(spec)  # a missing file becomes an error record
    return list(dict.fromkeys(files))


def _error_record(spec, message):
    return {
        "id": os.path.basename(spec) or spec,
        "source": spec,
        "errors": [{"plugin": "clearpage", "stage": "input", "message": message}],
    }


def _fetch(url, directory):
    """A local copy of a remote input (through fsspec), named like the URL's file."""
    import fsspec  # only remote inputs need it

    local = os.path.join(directory, os.path.basename(url.split("?")[0]) or "input")
    with fsspec.open(url, "rb") as remote, open(local, "wb") as out:
        shutil.copyfileobj(remote, out, 1 << 20)
    return local


def _extract_file(spec, config, threads):
    """Documents of one input file, lazily, a batch at a time."""
    try:
        pipeline = pipeline_for(config)
    except clearpage.Error as e:
        yield _error_record(spec, str(e))
        return
    scratch = None
    try:
        path = spec
        if _is_url(spec):
            scratch = tempfile.mkdtemp(prefix="clearpage-")
            path = _fetch(spec, scratch)
        inputs = pipeline.open([path])
        while True:
            docs = inputs.next(BATCH_PAGES, threads)
            if not docs:
                break
            if scratch:
                for doc in docs:
                    if doc.get("source") == path:
                        doc["source"] = spec
            yield from docs
    except Exception as e:  # noqa: BLE001 - whatever went wrong is the input's error
        yield _error_record(spec, f"{type(e).__name__}: {e}")
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)


def _extract_partition(specs, config, threads):
    for spec in specs:
        yield from _extract_file(spec, config, threads)


def extract_bag(paths_or_urls, config=None, threads=1):
    """A dask.bag of documents (dicts, the JSONL writer's form), one partition per file.

    paths_or_urls: WARC, WARC.gz, JSONL(.gz) or HTML files, directories or globs, or
    URLs fsspec can open. config: a job file path or TOML text (None: the default job),
    which must be readable by every worker. threads: threads per task.
    """
    files = input_files(paths_or_urls)
    if not files:
        raise ValueError("extract_bag: no input files")
    specs = db.from_sequence(files, npartitions=len(files))
    return specs.map_partitions(_extract_partition, config, threads)


def _write_partition(docs, path):
    """Writes one partition as gzipped JSONL; atomic, so a retried task never leaves a
    half-written file where the finished one belongs."""
    import gzip

    partial = f"{path}.partial-{os.getpid()}-{threading.get_ident()}"
    count = 0
    try:
        # Level 1: a quarter of level 6's CPU for output a fifth larger; the pages
        # cost the time, not the sink.
        with gzip.open(partial, "wt", encoding="utf-8", compresslevel=1) as out:
            for doc in docs:
                out.write(json.dumps(doc, ensure_ascii=False, separators=(",", ":")))
                out.write("\n")
                count += 1
        os.replace(partial, path)
    except BaseException:
        if os.path.exists(partial):
            os.remove(partial)
        raise
    return [count]


def _per_partition(bag, name, func, args):
    """A bag whose partition i is func(partition i of `bag`, *args[i]). Each new task
    depends on one partition only, so Dask fuses it with the tasks that make that
    partition: the documents stream from reader to sink in one task, never held whole
    and never sent between workers."""
    from dask.bag import Bag
    from dask.base import tokenize
    from dask.highlevelgraph import HighLevelGraph

    key = f"{name}-{tokenize(bag, args)}"
    layer = {(key, i): (func, (bag.name, i), *args[i]) for i in range(bag.npartitions)}
    graph = HighLevelGraph.from_collections(key, layer, dependencies=[bag])
    return Bag(graph, key, bag.npartitions)


def to_jsonl(bag, directory, compute=True):
    """Writes one gzipped JSONL file per partition: DIRECTORY/part-00000.jsonl.gz, ...

    Returns the number of records written. With compute=False it returns the delayed
    count instead, and the files a killed worker left half-written
    (part-*.jsonl.gz.partial-*) are the caller's to remove.
    """
    os.makedirs(directory, exist_ok=True)
    width = max(5, len(str(bag.npartitions - 1)))
    paths = [(os.path.join(directory, f"part-{i:0{width}d}.jsonl.gz"),)
             for i in range(bag.npartitions)]
    total = _per_partition(bag, "clearpage-to-jsonl", _write_partition, paths).sum()
    if not compute:
        return total
    count = total.compute()
    # A worker killed mid-task leaves its partial file; the task ran again elsewhere.
    for leftover in glob.glob(os.path.join(glob.escape(directory), "part-*.jsonl.gz.partial-*")):
        os.remove(leftover)
    return count


#: The flat columns of the Parquet form; "record" holds the whole document as JSON.
PARQUET_COLUMNS = {
    "id": str,
    "source": str,
    "url": str,
    "format": str,
    "title": str,
    "published": str,
    "text": str,
    "failed": bool,
    "record": str,
}


def _flat(doc):
    return {
        "id": doc.get("id", ""),
        "source": doc.get("source", ""),
        "url": doc.get("url", ""),
        "format": doc.get("format", ""),
        "title": doc.get("title", ""),
        "published": doc.get("published", ""),
        "text": "\n".join(block.get("text", "") for block in doc.get("body", [])),
        "failed": bool(doc.get("errors")),
        "record": json.dumps(doc, ensure_ascii=False),
    }


def to_parquet(bag, directory, engine="auto"):
    """Writes the documents as Parquet through dask.dataframe, one file per partition.

    Needs pyarrow or fastparquet (Debian 12 packages neither); raises ImportError
    naming them otherwise.
    """
    have = [name for name in ("pyarrow", "fastparquet") if _importable(name)]
    if not have:
        raise ImportError("to_parquet needs pyarrow or fastparquet; neither is installed")
    frame = bag.map(_flat).to_dataframe(meta=PARQUET_COLUMNS)
    frame.to_parquet(directory, engine=engine, write_index=False)


def _importable(name):
    import importlib.util

    return importlib.util.find_spec(name) is not None
