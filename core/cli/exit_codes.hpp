// Exit codes of the clearpage command; documented in `run --help`, README.md and docs/cli.md.
#pragma once

namespace clearpage::cli {

enum ExitCode : int {
  kExitOk = 0,  // every input done and written
  // Some inputs became error records (or were skipped under on_error = "skip"), or
  // on_error = "abort" stopped the run at one.
  kExitInputErrors = 1,
  // Found before any work starts: bad command line, job file errors, no plugin, a
  // missing input, an empty glob, an output that cannot be written or is already there.
  kExitUsage = 2,
  kExitInvalidJob = kExitUsage,
  kExitPluginError = kExitUsage,
  kExitOutputError = 5,   // an output failed while the run was writing it
  kExitEvalFailed = 6,    // eval: a threshold given on the command line was not met
  kExitInterrupted = 128  // + the signal: 130 for SIGINT, 143 for SIGTERM
};

}  // namespace clearpage::cli
