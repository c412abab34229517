#include <gtest/gtest.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "clearpage/html/dom.hpp"
#include "parse_arena.hpp"

namespace clearpage::html {
namespace {

bool aligned(const void* p) {
  return reinterpret_cast<std::uintptr_t>(p) % 16 == 0;
}

TEST(ParseArena, BlocksAreAlignedDistinctAndOwned) {
  ParseArena arena(0);
  void* a = arena.allocate(1);
  void* b = arena.allocate(0);
  void* c = arena.allocate(100);
  for (void* p : {a, b, c}) {
    ASSERT_NE(p, nullptr);
    EXPECT_TRUE(aligned(p));
    EXPECT_TRUE(arena.owns(p));
  }
  EXPECT_NE(a, b);
  EXPECT_NE(b, c);
  EXPECT_GE(static_cast<char*>(c) - static_cast<char*>(b), 16);
  std::unique_ptr<char[]> heap(new char[16]);
  EXPECT_FALSE(arena.owns(heap.get()));
}

TEST(ParseArena, TheNewestBlockGrowsInPlaceAndOlderOnesMoveWithTheirBytes) {
  ParseArena arena(0);
  char* old_block = static_cast<char*>(arena.allocate(8));
  std::memcpy(old_block, "1234567", 8);
  char* newest = static_cast<char*>(arena.allocate(10));
  std::memcpy(newest, "abcdefghi", 10);

  char* grown = static_cast<char*>(arena.reallocate(newest, 1000));
  EXPECT_EQ(grown, newest);
  EXPECT_STREQ(grown, "abcdefghi");

  char* moved = static_cast<char*>(arena.reallocate(old_block, 500));
  EXPECT_NE(moved, old_block);
  EXPECT_TRUE(arena.owns(moved));
  EXPECT_STREQ(moved, "1234567");
  // Shrinking never moves.
  EXPECT_EQ(arena.reallocate(moved, 4), moved);
}

TEST(ParseArena, ReleasingTheNewestBlockHandsItsSpaceToTheNext) {
  ParseArena arena(0);
  arena.allocate(32);
  const std::size_t used = arena.used_bytes();
  void* temporary = arena.allocate(200);
  EXPECT_GT(arena.used_bytes(), used);
  arena.release(temporary);
  EXPECT_EQ(arena.used_bytes(), used);
  EXPECT_EQ(arena.allocate(200), temporary);
}

TEST(ParseArena, BlocksLargerThanAChunkGetTheirOwn) {
  ParseArena arena(0);
  void* small = arena.allocate(16);
  const std::size_t big = 8u << 20;
  char* large = static_cast<char*>(arena.allocate(big));
  ASSERT_NE(large, nullptr);
  large[0] = 'x';
  large[big - 1] = 'y';
  EXPECT_TRUE(arena.owns(small));
  EXPECT_TRUE(arena.owns(large));
  EXPECT_TRUE(arena.owns(large + big - 1));
  EXPECT_GE(arena.reserved_bytes(), big);
}

TEST(ParseArena, LibxmlAllocatesFromTheArenaOnlyInsideTheScope) {
  ASSERT_TRUE(arena_hooks_installed());
  ParseArena arena(0);
  void* inside = nullptr;
  {
    ArenaScope scope(&arena);
    inside = xmlMalloc(64);
    EXPECT_TRUE(arena.owns(inside));
    xmlFree(inside);  // a no-op for arena memory, as it must be
  }
  void* outside = xmlMalloc(64);
  ASSERT_NE(outside, nullptr);
  EXPECT_FALSE(arena.owns(outside));
  xmlFree(outside);
  // Without a scope, arena-less code on this thread keeps using the heap.
  ArenaScope none(nullptr);
  void* heap = xmlMalloc(8);
  EXPECT_FALSE(arena.owns(heap));
  xmlFree(heap);
}

TEST(ParseArena, ParseErrorsLeaveNoArenaMemoryInLibxmlsLastError) {
  // Broken markup makes libxml2 record an error, thread-wide as well as in the context;
  // the thread-wide copy would outlive the arena it was allocated from.
  const auto dom = parse_html("<html><body><p>a<b>unclosed</i><table><td>x</div>&bogus;</body>");
  ASSERT_NE(dom, nullptr);
  const xmlError* last = xmlGetLastError();
  EXPECT_TRUE(last == nullptr || last->message == nullptr);
}

TEST(ParseArena, TreesOutliveTheirThreadAndGoInAnyOrder) {
  std::vector<std::shared_ptr<const HtmlDom>> doms(8);
  std::vector<std::thread> parsers;
  for (std::size_t i = 0; i < doms.size(); ++i) {
    parsers.emplace_back([&doms, i] {
      std::string page = "<html><body>";
      for (std::size_t n = 0; n < 200 * (i + 1); ++n) {
        page += "<p class='c" + std::to_string(n) + "'>text " + std::to_string(n) + "</p>";
      }
      doms[i] = parse_html(page + "</body></html>");
    });
  }
  for (auto& t : parsers) t.join();
  // Freed on this thread, the odd ones first; then read what is left.
  for (std::size_t i = 1; i < doms.size(); i += 2) doms[i].reset();
  for (std::size_t i = 0; i < doms.size(); i += 2) {
    ASSERT_NE(doms[i], nullptr);
    EXPECT_EQ(find_by_tag(*doms[i], "p").size(), 200 * (i + 1));
    const Node last = find_by_tag(*doms[i], "p").back();
    EXPECT_EQ(text_content(last), "text " + std::to_string(200 * (i + 1) - 1));
  }
}

}  // namespace
}  // namespace clearpage::html
