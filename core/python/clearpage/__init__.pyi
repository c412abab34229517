from ._clearpage import (
    ConfigError as ConfigError,
    Error as Error,
    Pipeline as Pipeline,
    PluginError as PluginError,
    ProcessError as ProcessError,
    extract as extract,
    version as version,
)

__version__: str
