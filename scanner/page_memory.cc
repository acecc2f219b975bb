#include "scanner/page_memory.h"

#include <malloc.h>

#include <mutex>

namespace phieu {

void KeepPageBuffersForReuse() {
  static std::once_flag once;
  std::call_once(once, [] {
    // Buffers up to 512 MB come from the heap, not from a mapping of their own that is unmapped
    // when freed; and the heap is not trimmed back to the system below 1 GB of free space.
    mallopt(M_MMAP_THRESHOLD, 512 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
  });
}

}  // namespace phieu
