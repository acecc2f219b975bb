#include "core/memory_reuse.h"

#include <malloc.h>

#include <limits>
#include <mutex>

namespace phieu {

void KeepFreedMemoryForReuse() {
  static std::once_flag once;
  std::call_once(once, [] {
    // Buffers up to 512 MB come from the heap, not from a mapping of their own that is unmapped
    // when freed; and the heap's free space is never trimmed back to the system.
    mallopt(M_MMAP_THRESHOLD, 512 << 20);
    mallopt(M_TRIM_THRESHOLD, std::numeric_limits<int>::max());
  });
}

}  // namespace phieu
