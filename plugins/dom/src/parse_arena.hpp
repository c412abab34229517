// A bump allocator for the memory libxml2 takes while it parses one page. The tree is
// immutable once parsed, so nothing in it is freed on its own: the whole arena goes at
// once when the HtmlDom does, instead of xmlFreeDoc visiting every node and handing
// each one back to malloc. Internal to the SDK.
#pragma once

#include <cstddef>
#include <vector>

namespace clearpage::html {

class ParseArena {
 public:
  // `expected_bytes`: a guess of what the parse will take; sizes the first chunk.
  explicit ParseArena(std::size_t expected_bytes);
  ~ParseArena();
  ParseArena(const ParseArena&) = delete;
  ParseArena& operator=(const ParseArena&) = delete;

  void* allocate(std::size_t bytes);
  // Only for memory this arena owns.
  void* reallocate(void* block, std::size_t bytes);
  void release(void* block);
  bool owns(const void* block) const;

  std::size_t reserved_bytes() const { return reserved_; }
  std::size_t used_bytes() const;

 private:
  struct Chunk {
    char* begin;
    char* end;
  };
  // False when malloc fails: libxml2 must see NULL, not a C++ exception.
  bool add_chunk(std::size_t at_least);

  std::vector<Chunk> chunks_;
  char* top_ = nullptr;    // next free byte of the newest chunk
  char* limit_ = nullptr;  // end of the newest chunk
  std::size_t next_chunk_ = 0;
  std::size_t reserved_ = 0;
};

// Whether libxml2's allocations go through the arena hooks; installs them on first
// call, before libxml2 is initialised. False when someone else has replaced libxml2's
// allocator since: parse_html then parses on the heap as before.
bool arena_hooks_installed();

// While alive, libxml2 allocations made on this thread come from `arena`; a null arena
// changes nothing. Leaving also resets libxml2's thread-wide last error, the one place where
// the parser keeps a copy of parse-time memory outside the context and the tree.
class ArenaScope {
 public:
  explicit ArenaScope(ParseArena* arena);
  ~ArenaScope();
  ArenaScope(const ArenaScope&) = delete;
  ArenaScope& operator=(const ArenaScope&) = delete;

 private:
  ParseArena* arena_;
  ParseArena* previous_;
};

}  // namespace clearpage::html
