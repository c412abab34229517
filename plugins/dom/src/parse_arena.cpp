#include "parse_arena.hpp"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <new>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define CLEARPAGE_POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define CLEARPAGE_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define CLEARPAGE_POISON(p, n) ((void)(p), (void)(n))
#define CLEARPAGE_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

namespace clearpage::html {

namespace {

// malloc's alignment; each block carries the size asked for in front, for realloc. Under
// AddressSanitizer everything but the blocks handed out is poisoned, so reads past a
// node's string are still caught as they would be on the heap.
constexpr std::size_t kAlign = 16;
constexpr std::size_t kHeader = 16;
constexpr std::size_t kMinChunk = 64u << 10;
constexpr std::size_t kMaxChunk = 16u << 20;

std::size_t round_up(std::size_t n) {
  return (n + (kAlign - 1)) & ~(kAlign - 1);
}

// The header is poisoned like the gaps; only the arena itself reads and writes it.
std::size_t read_size(void* block) {
  void* header = static_cast<char*>(block) - kHeader;
  CLEARPAGE_UNPOISON(header, sizeof(std::size_t));
  std::size_t size = 0;
  std::memcpy(&size, header, sizeof size);
  CLEARPAGE_POISON(header, sizeof(std::size_t));
  return size;
}

void write_size(void* block, std::size_t size) {
  void* header = static_cast<char*>(block) - kHeader;
  CLEARPAGE_UNPOISON(header, sizeof(std::size_t));
  std::memcpy(header, &size, sizeof size);
  CLEARPAGE_POISON(header, sizeof(std::size_t));
}

// This code is linked into plugins, which the host loads with dlopen: the initial-exec
// TLS model would put each plugin's whole TLS block in glibc's small static reserve,
// which the extractor's per-thread caches overflow. The default model it is.
thread_local ParseArena* active_arena = nullptr;

void* hook_malloc(std::size_t bytes) {
  if (ParseArena* arena = active_arena) return arena->allocate(bytes);
  return std::malloc(bytes);
}

void hook_free(void* block) {
  if (!block) return;
  if (ParseArena* arena = active_arena; arena && arena->owns(block)) {
    arena->release(block);
    return;
  }
  std::free(block);
}

void* hook_realloc(void* block, std::size_t bytes) {
  if (ParseArena* arena = active_arena) {
    if (!block) return arena->allocate(bytes);
    if (arena->owns(block)) return arena->reallocate(block, bytes);
  }
  return std::realloc(block, bytes);
}

char* hook_strdup(const char* text) {
  if (ParseArena* arena = active_arena) {
    const std::size_t bytes = std::strlen(text) + 1;
    void* copy = arena->allocate(bytes);
    return copy ? static_cast<char*>(std::memcpy(copy, text, bytes)) : nullptr;
  }
  return strdup(text);
}

}  // namespace

ParseArena::ParseArena(std::size_t expected_bytes)
    : next_chunk_(std::clamp(round_up(expected_bytes), kMinChunk, kMaxChunk)) {}

ParseArena::~ParseArena() {
  for (const Chunk& chunk : chunks_) {
    CLEARPAGE_UNPOISON(chunk.begin, static_cast<std::size_t>(chunk.end - chunk.begin));
    std::free(chunk.begin);
  }
}

bool ParseArena::add_chunk(std::size_t at_least) {
  const std::size_t bytes = std::max(next_chunk_, round_up(at_least));
  char* begin = static_cast<char*>(std::malloc(bytes));
  if (!begin) return false;
  try {
    chunks_.push_back({begin, begin + bytes});
  } catch (const std::bad_alloc&) {
    std::free(begin);
    return false;
  }
  CLEARPAGE_POISON(begin, bytes);
  top_ = begin;
  limit_ = begin + bytes;
  reserved_ += bytes;
  next_chunk_ = std::min(next_chunk_ * 2, kMaxChunk);
  return true;
}

void* ParseArena::allocate(std::size_t bytes) {
  const std::size_t need = kHeader + round_up(bytes);
  // libxml2 treats NULL as out of memory.
  if (static_cast<std::size_t>(limit_ - top_) < need && !add_chunk(need)) return nullptr;
  char* block = top_ + kHeader;
  top_ += need;
  write_size(block, bytes);
  CLEARPAGE_UNPOISON(block, bytes);
  return block;
}

void* ParseArena::reallocate(void* block, std::size_t bytes) {
  const std::size_t size = read_size(block);
  char* start = static_cast<char*>(block);
  // The newest block grows in place: text nodes grow this way, chunk by chunk.
  const bool newest = start + round_up(size) == top_;
  if (bytes <= round_up(size) ||
      (newest && static_cast<std::size_t>(limit_ - start) >= round_up(bytes))) {
    if (newest) top_ = start + round_up(bytes);
    write_size(block, bytes);
    CLEARPAGE_POISON(start, round_up(size));
    CLEARPAGE_UNPOISON(start, bytes);
    return block;
  }
  void* moved = allocate(bytes);
  if (moved) {
    std::memcpy(moved, block, size);
    CLEARPAGE_POISON(start, size);
  }
  return moved;
}

void ParseArena::release(void* block) {
  // Only the newest block can be taken back; the rest waits for the arena to go.
  const std::size_t size = read_size(block);
  char* start = static_cast<char*>(block);
  CLEARPAGE_POISON(start, size);
  if (start + round_up(size) == top_) top_ = start - kHeader;
}

bool ParseArena::owns(const void* block) const {
  const char* p = static_cast<const char*>(block);
  // Newest first: that is where nearly every freed block lives.
  for (auto it = chunks_.rbegin(); it != chunks_.rend(); ++it) {
    if (p >= it->begin && p < it->end) return true;
  }
  return false;
}

std::size_t ParseArena::used_bytes() const {
  if (chunks_.empty()) return 0;
  return reserved_ - static_cast<std::size_t>(limit_ - top_);
}

bool arena_hooks_installed() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlFreeFunc free_func = nullptr;
    xmlMallocFunc malloc_func = nullptr;
    xmlReallocFunc realloc_func = nullptr;
    xmlStrdupFunc strdup_func = nullptr;
    xmlMemGet(&free_func, &malloc_func, &realloc_func, &strdup_func);
    // Only over libxml2's defaults: a host application with its own allocator keeps it.
    const xmlMallocFunc libc_malloc = &std::malloc;
    const xmlFreeFunc libc_free = &std::free;
    const xmlReallocFunc libc_realloc = &std::realloc;
    if (malloc_func == libc_malloc && free_func == libc_free && realloc_func == libc_realloc) {
      xmlMemSetup(hook_free, hook_malloc, hook_realloc, hook_strdup);
    }
    // libxml2 wants one initialisation before threads parse concurrently.
    xmlInitParser();
  });
  return xmlMalloc == hook_malloc && xmlFree == hook_free && xmlRealloc == hook_realloc;
}

ArenaScope::ArenaScope(ParseArena* arena) : arena_(arena), previous_(active_arena) {
  if (arena_) active_arena = arena_;
}

ArenaScope::~ArenaScope() {
  if (!arena_) return;
  xmlResetLastError();
  active_arena = previous_;
}

}  // namespace clearpage::html
