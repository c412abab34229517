// Exit codes of the clearpage command; documented in docs/cli.md.
#pragma once

namespace clearpage::cli {

enum ExitCode : int {
  kExitOk = 0,           // finished; per-document errors are in the output and the summary
  kExitAborted = 1,      // a run stopped early: on_error = "abort", or a writer failed
  kExitUsage = 2,        // bad command line
  kExitInvalidJob = 3,   // the job file has errors
  kExitPluginError = 4,  // a plugin could not be loaded or failed to start
  kExitOutputError = 5,  // the output could not be opened or written
  kExitEvalFailed = 6,   // eval: a threshold given on the command line was not met
};

}  // namespace clearpage::cli
