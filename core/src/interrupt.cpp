#include "clearpage/core/interrupt.hpp"

#include <unistd.h>

#include <atomic>
#include <csignal>

namespace clearpage::core {

namespace {

std::atomic<int> g_stop_signal{0};
static_assert(std::atomic<int>::is_always_lock_free, "used from a signal handler");

// A second signal means "now": the process ends at once, as if killed; --resume still
// continues from what was committed.
extern "C" void on_stop_signal(int signal) {
  if (stop_requested()) _exit(128 + signal);
  request_stop(signal);
}

}  // namespace

void install_stop_handlers() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  // Interrupted reads retry; the input loops poll the stop flag instead.
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
  std::signal(SIGXFSZ, SIG_IGN);
}

void request_stop(int signal) {
  int none = 0;
  g_stop_signal.compare_exchange_strong(none, signal);
}

bool stop_requested() {
  return g_stop_signal.load() != 0;
}

int stop_signal() {
  return g_stop_signal.load();
}

void reset_stop() {
  g_stop_signal.store(0);
}

}  // namespace clearpage::core
