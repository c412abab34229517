"""``python -m clearpage ARGS`` is ``clearpage ARGS``; with no command, ``run``.

The command-line tool is built on the same C++ API as this package, so this runs it
rather than a second implementation: the same inputs, writers, exit codes and errors.
"""

import os
import shutil
import sys

_COMMANDS = {"run", "validate", "plugins", "inspect", "eval", "search", "-h", "--help"}


def find_cli():
    """The ``clearpage`` executable: $CLEARPAGE_BINARY, the build tree's, or PATH's."""
    explicit = os.environ.get("CLEARPAGE_BINARY")
    if explicit:
        return explicit
    here = os.path.dirname(os.path.abspath(__file__))
    beside = os.path.join(here, "..", "..", "bin", "clearpage")  # build/python/clearpage
    if os.access(beside, os.X_OK):
        return os.path.normpath(beside)
    return shutil.which("clearpage")


def main(argv=None):
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in _COMMANDS:
        args.insert(0, "run")
    cli = find_cli()
    if not cli:
        print("python -m clearpage: the clearpage executable was not found; "
              "set CLEARPAGE_BINARY", file=sys.stderr)
        return 2
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(cli, [cli] + args)


if __name__ == "__main__":
    sys.exit(main())
