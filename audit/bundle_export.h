#pragma once
// The audit bundle an auditor takes to their own machine: the database (the form secret withheld;
// personal data too with `redact`), every archived scan, the templates, the survey, the report
// with the answers and tallies it was made from, and a manifest with the SHA-256 of every file and
// a root hash (audit/bundle_manifest.h). The auditor checks it with audit/bundle_check.h.

#include <string>

#include "core/status.h"
#include "reports/report_build.h"
#include "store/database.h"

namespace phieu {

struct BundleOptions {
  bool redact = false;   // withhold names, addresses, phones and the sample's extra columns
  ReportOptions report;  // the bundled report's options (as `phieu report`)
};

struct ExportedBundle {
  int files = 0;            // files listed in the manifest
  int archived_scans = 0;   // of them, archived scan files
  int templates = 0;        // of them, template layouts
  int withheld_people = 0;  // people whose personal data was withheld (0 unless redacted)
  std::string log_head;     // the log head the bundled database and report stand at
  std::string root;         // the manifest's root hash, to publish
};

// Writes the bundle of `live` into the folder `dir`, which must not exist or be empty. The bundle
// is built in "DIR.partial" from one snapshot of `live` and renamed at the end, so a failed or
// killed export leaves no bundle; a "DIR.partial" left by a killed export is cleared, any other is
// refused. Fails naming the cause (the folder, a scan that cannot be copied, the report); then
// nothing is left behind.
Result<ExportedBundle> ExportAuditBundle(Database& live, const std::string& dir,
                                         const BundleOptions& options);

}  // namespace phieu
