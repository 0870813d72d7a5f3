// The wasm module's allocator, linked with -sMALLOC=none in place of
// emmalloc (0.7 KB gzip less): power-of-two size classes, each with a free
// list, carved from the top of the heap and never returned. The core's
// allocations repeat the same few sizes per request (batches are chunked by
// the wrapper), so blocks are reused and linear memory stays flat. A request
// of n bytes takes the smallest power-of-two block of at least n + 8 (the
// class header; 16 bytes at least), so a block is under twice n + 8: large
// requests waste under half their block, small ones more (1 byte takes 16).
// When linear memory cannot grow (2 GiB, or the engine refuses) malloc
// returns null; operator new, built without exceptions, then aborts and the
// module traps. Not used natively (the core is plain C++).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <emscripten/heap.h>

namespace {

constexpr std::size_t kHeader = 8;   // the class index, keeping 8-byte alignment
constexpr unsigned kMinClass = 4;    // 16-byte blocks
constexpr unsigned kClasses = 32;
void* free_lists[kClasses];

// New blocks come from the top of the heap; linear memory grows through the
// glue (emscripten_resize_heap), which then renews its views of it.
extern "C" unsigned char __heap_base;  // the linker's end of static data and stack
std::uintptr_t heap_top;

void* grow(std::size_t size) {
  if (heap_top == 0) heap_top = (reinterpret_cast<std::uintptr_t>(&__heap_base) + 7) & ~std::uintptr_t{7};
  const std::uintptr_t end = heap_top + size;
  if (end < heap_top) return nullptr;
  if (end > emscripten_get_heap_size() && !emscripten_resize_heap(end)) return nullptr;
  void* block = reinterpret_cast<void*>(heap_top);
  heap_top = end;
  return block;
}

unsigned class_for(std::size_t size) {
  unsigned k = kMinClass;
  while ((std::size_t{1} << k) < size) ++k;
  return k;
}

}  // namespace

extern "C" {

void* malloc(std::size_t size) {
  if (size > (std::size_t{1} << 30)) return nullptr;  // 2 GiB of linear memory at most
  const unsigned k = class_for(size + kHeader);
  unsigned char* block = static_cast<unsigned char*>(free_lists[k]);
  if (block != nullptr) {
    free_lists[k] = *reinterpret_cast<void**>(block + kHeader);
  } else {
    void* grown = grow(std::size_t{1} << k);
    if (grown == nullptr) return nullptr;
    block = static_cast<unsigned char*>(grown);
    *reinterpret_cast<std::uint32_t*>(block) = k;
  }
  return block + kHeader;
}

void free(void* ptr) {
  if (ptr == nullptr) return;
  unsigned char* block = static_cast<unsigned char*>(ptr) - kHeader;
  const unsigned k = *reinterpret_cast<std::uint32_t*>(block);
  *reinterpret_cast<void**>(ptr) = free_lists[k];
  free_lists[k] = block;
}

void* calloc(std::size_t count, std::size_t size) {
  if (size != 0 && count > (std::size_t{1} << 30) / size) return nullptr;
  void* p = malloc(count * size);
  if (p != nullptr) std::memset(p, 0, count * size);
  return p;
}

void* realloc(void* ptr, std::size_t size) {
  if (ptr == nullptr) return malloc(size);
  const unsigned k = *reinterpret_cast<std::uint32_t*>(static_cast<unsigned char*>(ptr) - kHeader);
  const std::size_t capacity = (std::size_t{1} << k) - kHeader;
  if (size <= capacity) return ptr;
  void* p = malloc(size);
  if (p != nullptr) {
    std::memcpy(p, ptr, capacity);
    free(ptr);
  }
  return p;
}

}  // extern "C"
