#include "clearpage/budget.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "clearpage/html/dom.hpp"

namespace clearpage {
namespace {

using namespace std::chrono_literals;

std::string wide_page(int elements) {
  std::string html = "<html><body><p>";
  for (int i = 0; i < elements; ++i) html += "<i>x</i>";
  return html + "</p></body></html>";
}

TEST(Budget, WithoutABudgetNothingIsChecked) {
  EXPECT_EQ(current_budget(), nullptr);
  for (int i = 0; i < 10000; ++i) check_budget();
  charge_budget(1ull << 40);
}

TEST(Budget, ScopesNestAndRestore) {
  DocumentBudget outer(0ms, 0);
  DocumentBudget inner(0ms, 0);
  {
    BudgetScope a(&outer);
    EXPECT_EQ(current_budget(), &outer);
    {
      BudgetScope b(&inner);
      EXPECT_EQ(current_budget(), &inner);
    }
    EXPECT_EQ(current_budget(), &outer);
  }
  EXPECT_EQ(current_budget(), nullptr);
}

TEST(Budget, CheckBudgetThrowsSoonAfterTheDeadline) {
  DocumentBudget budget(1ms, 0);
  BudgetScope scope(&budget);
  std::this_thread::sleep_for(5ms);
  int calls = 0;
  try {
    for (; calls < 100000; ++calls) check_budget();
    FAIL() << "no BudgetExceeded";
  } catch (const BudgetExceeded& e) {
    EXPECT_EQ(e.kind(), BudgetExceeded::Kind::kTime);
    EXPECT_NE(std::string(e.what()).find("1 ms"), std::string::npos) << e.what();
  }
  EXPECT_LE(calls, 256);
}

TEST(Budget, ChargeBudgetThrowsOverTheLimit) {
  DocumentBudget budget(0ms, 1000);
  BudgetScope scope(&budget);
  charge_budget(600);
  EXPECT_THROW(charge_budget(600), BudgetExceeded);
  EXPECT_EQ(budget.charged(), 1200u);
}

TEST(Budget, BudgetsArePerThread) {
  DocumentBudget budget(0ms, 0);
  BudgetScope scope(&budget);
  DocumentBudget* seen = &budget;
  std::thread([&] { seen = current_budget(); }).join();
  EXPECT_EQ(seen, nullptr);
}

TEST(Budget, ParsingChargesTheTreeItBuilds) {
  const std::string html = wide_page(20000);
  DocumentBudget budget(0ms, 0);
  {
    BudgetScope scope(&budget);
    auto dom = parse_html(html);
    ASSERT_NE(dom->body(), nullptr);
  }
  // 20,000 elements and 20,000 text nodes, each over 100 bytes of libxml2 structures.
  EXPECT_GT(budget.charged(), 40000u * 100);
  EXPECT_LT(budget.charged(), 40000u * 400);
}

TEST(Budget, ParsingStopsAtTheMemoryLimit) {
  DocumentBudget budget(0ms, 1 << 20);
  BudgetScope scope(&budget);
  try {
    parse_html(wide_page(200000));
    FAIL() << "no BudgetExceeded";
  } catch (const BudgetExceeded& e) {
    EXPECT_EQ(e.kind(), BudgetExceeded::Kind::kMemory);
    EXPECT_NE(std::string(e.what()).find("while parsing HTML"), std::string::npos) << e.what();
  }
  // Stopped at the limit, not after building the whole tree.
  EXPECT_LT(budget.charged(), (1u << 20) + 4096);
}

TEST(Budget, TreeWalksStopAtTheDeadline) {
  const auto dom = parse_html(wide_page(5000));
  DocumentBudget budget(1ms, 0);
  BudgetScope scope(&budget);
  std::this_thread::sleep_for(5ms);
  EXPECT_THROW(html::text_content(dom->root()), BudgetExceeded);
  EXPECT_THROW(html::find_by_tag(*dom, "i"), BudgetExceeded);
}

}  // namespace
}  // namespace clearpage
