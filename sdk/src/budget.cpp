#include "clearpage/budget.hpp"

namespace clearpage {

namespace {

// Initial-exec: tree walks check the budget per node, and the default model for a shared
// library looks a thread-local up through a function call each time.
__attribute__((tls_model("initial-exec"))) thread_local DocumentBudget* t_current = nullptr;
__attribute__((tls_model("initial-exec"))) thread_local unsigned t_calls = 0;

// Reading the clock costs tens of nanoseconds; loops call check_budget() per node.
constexpr unsigned kCallsPerClockRead = 256;

std::string megabytes(std::uint64_t bytes) {
  return std::to_string((bytes + (1u << 20) - 1) >> 20) + " MB";
}

}  // namespace

DocumentBudget::DocumentBudget(std::chrono::milliseconds time_limit,
                               std::uint64_t memory_limit_bytes)
    : time_limit_(time_limit),
      memory_limit_(memory_limit_bytes),
      deadline_(std::chrono::steady_clock::now() + time_limit) {}

bool DocumentBudget::out_of_time() const {
  return time_limit_.count() > 0 && std::chrono::steady_clock::now() > deadline_;
}

bool DocumentBudget::try_charge(std::uint64_t bytes) {
  charged_ += bytes;
  return memory_limit_ == 0 || charged_ <= memory_limit_;
}

void DocumentBudget::check_time() const {
  if (out_of_time()) throw BudgetExceeded(BudgetExceeded::Kind::kTime, time_message());
}

void DocumentBudget::check_memory(std::uint64_t extra_bytes) const {
  if (memory_limit_ > 0 && charged_ + extra_bytes > memory_limit_) {
    throw BudgetExceeded(BudgetExceeded::Kind::kMemory, memory_message(charged_ + extra_bytes));
  }
}

std::string DocumentBudget::time_message() const {
  return "time limit exceeded: the document took over " + std::to_string(time_limit_.count()) +
         " ms (doc_time_limit_ms)";
}

std::string DocumentBudget::memory_message(std::uint64_t bytes) const {
  return "memory limit exceeded: the document holds about " + megabytes(bytes) +
         ", over the limit of " + megabytes(memory_limit_) + " (doc_memory_limit_mb)";
}

DocumentBudget* current_budget() {
  return t_current;
}

BudgetScope::BudgetScope(DocumentBudget* budget) : previous_(t_current) {
  t_current = budget;
  t_calls = 0;
}

BudgetScope::~BudgetScope() {
  t_current = previous_;
}

void check_budget() {
  DocumentBudget* budget = t_current;
  if (!budget || ++t_calls % kCallsPerClockRead != 0) return;
  budget->check_time();
}

void charge_budget(std::uint64_t bytes) {
  DocumentBudget* budget = t_current;
  if (budget && !budget->try_charge(bytes)) {
    throw BudgetExceeded(BudgetExceeded::Kind::kMemory, budget->memory_message(budget->charged()));
  }
}

}  // namespace clearpage
