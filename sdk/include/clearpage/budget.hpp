// Per-document limits: a deadline and a memory allowance for the document a worker thread
// is working on. The host installs one around each document. Long loops in the SDK (HTML
// parsing, tree walks, extraction) call check_budget(); a plugin with long loops of its own
// should call it too, since nothing can stop a thread that never checks.
#pragma once

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace clearpage {

// Thrown when a document runs out of time or memory; the host turns it into an error record
// that names the stage that was running.
class BudgetExceeded : public std::runtime_error {
 public:
  enum class Kind { kTime, kMemory };
  BudgetExceeded(Kind kind, const std::string& message)
      : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

class DocumentBudget {
 public:
  // A zero limit is no limit. The clock starts now.
  DocumentBudget(std::chrono::milliseconds time_limit, std::uint64_t memory_limit_bytes);

  std::chrono::milliseconds time_limit() const { return time_limit_; }
  std::uint64_t memory_limit() const { return memory_limit_; }
  // Bytes charged so far (an estimate of what the document holds, e.g. its parsed tree).
  std::uint64_t charged() const { return charged_; }

  // For code that cannot throw (C callbacks): whether the deadline has passed.
  bool out_of_time() const;
  // Adds `bytes`; false when the total is now over the limit.
  bool try_charge(std::uint64_t bytes);

  // Throw BudgetExceeded when out of time, or when charged() + `extra_bytes` is over the limit.
  void check_time() const;
  void check_memory(std::uint64_t extra_bytes = 0) const;

  std::string time_message() const;
  std::string memory_message(std::uint64_t bytes) const;

 private:
  std::chrono::milliseconds time_limit_;
  std::uint64_t memory_limit_;
  std::chrono::steady_clock::time_point deadline_;
  std::uint64_t charged_ = 0;
};

// The budget of the document this thread works on, or nullptr.
DocumentBudget* current_budget();

// Makes `budget` the current one on this thread until the scope ends.
class BudgetScope {
 public:
  explicit BudgetScope(DocumentBudget* budget);
  ~BudgetScope();
  BudgetScope(const BudgetScope&) = delete;
  BudgetScope& operator=(const BudgetScope&) = delete;

 private:
  DocumentBudget* previous_;
};

// For long loops: throws BudgetExceeded when the current document is out of time. Cheap:
// without a budget it returns at once, and it reads the clock only every few hundred calls.
void check_budget();

// Counts `bytes` more held by the current document against its memory limit; throws
// BudgetExceeded when over. For plugins that build large structures of their own.
void charge_budget(std::uint64_t bytes);

}  // namespace clearpage
