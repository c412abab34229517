"""clearpage: clean text and metadata out of web pages, from Python.

    import clearpage
    doc = clearpage.extract(html_bytes, url="https://example.com/a")
    print(doc["title"], [b["text"] for b in doc["body"]])

Documents are dicts in the JSON form the JSONL writer writes (docs/api.md). The work
runs in C++ (the same code as the ``clearpage`` command), with the GIL released.
``clearpage.dask`` spreads it over a Dask cluster.
"""

from ._clearpage import (
    ConfigError,
    Error,
    Pipeline,
    PluginError,
    ProcessError,
    extract,
    version,
)

__version__ = version()

__all__ = [
    "ConfigError",
    "Error",
    "Pipeline",
    "PluginError",
    "ProcessError",
    "extract",
    "version",
]
