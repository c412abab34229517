"""Type stubs of the binding (core/python/src/module.cpp)."""

import os
from typing import Any, Iterable, Mapping, Optional, Sequence, Tuple, Union

Html = Union[bytes, bytearray, memoryview, str]
PageItem = Union[Html, Tuple[Html, Optional[str]], Mapping[str, Any]]
Config = Union[None, str, "os.PathLike[str]"]

class Error(Exception):
    """Base of every clearpage error; str(e) is the reason the CLI would record."""

class ConfigError(Error):
    """The job does not check; each message is "file:line:column: ..."."""
    messages: list[str]

class PluginError(Error):
    """No plugin could be loaded, or a stage the job names is missing."""

class ProcessError(Error):
    """A page failed; ``record`` is the error record the CLI would write."""
    record: dict[str, Any]

class Inputs:
    """Pages of input files, read and processed a batch at a time."""
    def next(self, max_pages: int = 64, threads: int = 1) -> list[dict[str, Any]]: ...
    @property
    def not_documents(self) -> int: ...

class Pipeline:
    """A job's stage chain, run in this process on pages held in memory."""
    def __init__(self, config: Config = None,
                 plugin_dirs: Optional[Sequence[Union[str, "os.PathLike[str]"]]] = None) -> None: ...
    def process(self, html: Html, url: Optional[str] = None,
                content_type: Optional[str] = None, *, id: Optional[str] = None,
                source: Optional[str] = None) -> dict[str, Any]: ...
    def process_many(self, pages: Iterable[PageItem], threads: int = 0) -> list[dict[str, Any]]: ...
    def open(self, inputs: Sequence[Union[str, "os.PathLike[str]"]]) -> Inputs: ...
    @property
    def plugins(self) -> list[str]: ...

def extract(html: Html, url: Optional[str] = None) -> dict[str, Any]: ...
def version() -> str: ...
