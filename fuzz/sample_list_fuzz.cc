// Fuzz target: the sample list and sampling frame reader (core/sample_list.h ParseSampleList).

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/sample_list.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)phieu::ParseSampleList(text, "fuzz.csv");
  return 0;
}
