#pragma once
// The auditor's check of an audit bundle (audit/bundle_export.h), on their own machine, in five
// steps: the manifest (every file's SHA-256 and the root hash), the tamper-evident log, the
// archive (every scan is the file that was read), the re-reading (every page read again gives the
// stored readings) and the report (the answers, tallies and PDF rebuilt are the bundled ones).

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "audit/reread_check.h"
#include "core/status.h"

namespace phieu {

// One step of the check.
struct BundleCheckLine {
  explicit BundleCheckLine(std::string step) : name(std::move(step)) {}

  std::string name;  // "manifest: every file has the SHA-256 ...", its first word the step
  std::vector<std::string> problems;  // each names the file; empty = the step passes
  std::string detail;                 // what was checked, e.g. "12 files, root ..."
};

struct BundleCheck {
  std::vector<BundleCheckLine> lines;  // the five steps, in order
  std::vector<std::string> reread_drawn;  // with a seed: the pages drawn to read again, by ticket
  // The number of steps with problems.
  int failed() const;
};

// Checks the bundle in folder `dir`; `root`, when not empty, is the published root hash the
// manifest's must equal. Every path the manifest names is resolved inside the bundle before it is
// opened, and the bundle is not changed: its database is opened as a copy in a scratch folder,
// removed however the check ends. `progress`, when given, is told each page read again. A bundle
// that differs from what was recorded is a result with problems; fails only when the bundle cannot
// be checked at all (no manifest, a manifest that cannot be parsed, a fact naming a path outside
// the bundle, a database that cannot be opened), the message naming the file.
// `reread` says which pages are read again (audit/reread_check.h: a share drawn from the auditor's
// seed, or every one; neither is refused before anything is read); the other four steps always
// run in full.
Result<BundleCheck> CheckAuditBundle(const std::string& dir, const std::string& root,
                                     const RereadOptions& reread,
                                     const std::function<void(int done, int total)>& progress = {});

}  // namespace phieu
