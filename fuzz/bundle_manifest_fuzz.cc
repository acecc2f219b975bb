// Fuzz target: an audit bundle's manifest (audit/bundle_manifest.h ParseManifest). A manifest it
// accepts, written again with ManifestText, must read back with the same facts and files and a
// root that matches its text.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "audit/bundle_manifest.h"
#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace phieu;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const Result<Manifest> manifest = ParseManifest(text);
  if (!manifest.ok()) return 0;
  const Result<Manifest> again = ParseManifest(ManifestText(manifest->facts, manifest->files));
  FUZZ_CHECK(again.ok(), "a manifest ManifestText wrote does not read back");
  FUZZ_CHECK(again->facts == manifest->facts, "facts changed in a round trip");
  FUZZ_CHECK(again->files.size() == manifest->files.size(), "files lost in a round trip");
  FUZZ_CHECK(again->root == again->computed_root, "a written manifest's root does not match it");
  return 0;
}
