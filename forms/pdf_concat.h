#pragma once
// Several finished PDFs written by forms/pdf_document (libharu 2.3, one document per thread) joined
// into one, streamed: each part is renumbered and passed on as it is added, so memory holds one
// part at a time however many there are. `phieu forms print` renders its forms in parts on every
// core and joins them here, in order. No libharu: the parts are read as the bytes libharu writes
// (a classic xref table, no object streams, no encryption); anything else is refused.
//
// The joined file: the first part's header; every object of every part but its catalog and its
// document information, renumbered, each part's page tree kept whole under a new root page tree;
// then the catalog (the first part's, pointing to the new root), the root, the first part's
// document information, the xref table and the trailer. Deterministic: the same parts give the
// same bytes.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace phieu {

class PdfConcatenation {
 public:
  // Bytes are handed to `sink` in file order; a sink's failure stops the joining and is returned.
  using Sink = std::function<Status(std::string_view bytes)>;
  explicit PdfConcatenation(Sink sink);

  // Appends the pages of `pdf`, which has `pages` pages (as its writer counted them). Fails when
  // `pdf` is not laid out as libharu writes ("PDF part 3: no xref table"), or when the sink fails.
  Status Add(std::string_view pdf, int pages);

  // Writes the root page tree, catalog, xref and trailer. Fails when no part was added.
  Status Finish();

  int pages() const { return pages_; }
  std::size_t bytes() const { return offset_; }

 private:
  Status Write(std::string_view bytes);

  Sink sink_;
  int parts_ = 0;
  int pages_ = 0;
  std::size_t offset_ = 0;                   // bytes written so far
  std::vector<std::size_t> object_offsets_;  // [n - 4]: where object n starts (n from 4)
  std::vector<int> part_roots_;              // each part's page tree, renumbered
  std::string catalog_;                      // the first part's catalog, its /Pages made 2 0 R
  std::string info_;                         // the first part's document information
};

}  // namespace phieu
