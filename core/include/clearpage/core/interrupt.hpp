// SIGINT and SIGTERM ask a run to stop: it takes no more inputs, writes what it has and
// leaves a resume state (docs/cli.md#interrupting-and-resuming).
#pragma once

namespace clearpage::core {

// Routes SIGINT and SIGTERM to request_stop; ignores SIGPIPE and SIGXFSZ, so a closed
// pipe or a file-size limit fails a write with an error instead of killing the process.
void install_stop_handlers();
// Async-signal-safe.
void request_stop(int signal);
bool stop_requested();
// The signal that asked to stop, or 0.
int stop_signal();
// For tests and for a second run in the same process.
void reset_stop();

}  // namespace clearpage::core
