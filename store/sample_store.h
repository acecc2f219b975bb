#pragma once
// The sample list in the database: imported lists, the draw, replacements, listing.
// Every function that writes does all its work in one transaction; the rules it applies (who an
// import may add, which draw repeats the stored one, who may be replaced and by whom) are the
// pure functions of core/sample_rules.h.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/sample_draw.h"
#include "core/sample_list.h"
#include "core/sample_rules.h"
#include "core/status.h"
#include "store/database.h"

namespace phieu {

struct SampleImportSummary {
  int added = 0;      // new members
  int unchanged = 0;  // already present with the same data
  bool already_imported = false;  // this exact file was imported before: nothing was done
};

// Adds `records` (parsed from `file_name`, whose bytes hash to `file_sha256`) to the sample.
// Importing the same file again changes nothing. A record whose id is already in the sample with
// different data fails the whole import, naming each such line.
Result<SampleImportSummary> ImportSampleList(Database& db, const std::string& file_name,
                                             const std::string& file_sha256,
                                             const std::vector<SampleRecord>& records);

struct SaveDrawSummary {
  bool already_drawn = false;  // the same draw (seed, frame, rule) was stored before
};

// Stores the draw and its members. A database holds one draw: the same draw again is a no-op;
// a different one, or drawn ids that clash with members already in the sample, is refused.
Result<SaveDrawSummary> SaveDraw(Database& db, const DrawInfo& info, const DrawResult& result);

struct StoredDraw {
  DrawInfo info;
  std::string drawn_at;
  std::vector<StratumSummary> strata;
  struct Entry {
    std::string id, stratum, ticket;
    int rank = 0;
    DrawRole drawn_as = DrawRole::kSampled;
  };
  std::vector<Entry> entries;  // by stratum, then rank
};

// The stored draw, or nullopt when the sample was not drawn here.
Result<std::optional<StoredDraw>> LoadDraw(Database& db);

struct Replacement {
  std::string replaced_id;
  std::string reserve_id;
  std::string stratum;
  std::string reason;
};

// Replaces sampled member `id` by the next unused reserve of its stratum (NextReserve), recording
// why. A form already issued to `id` is voided ("person replaced in the sample (REASON)").
// Fails (changing nothing) when `reason` is not one of ReplacementReasons(), when `id` may not be
// replaced (CheckReplaceable), or no reserve is left.
Result<Replacement> ReplaceSampleMember(Database& db, const std::string& id,
                                        const std::string& reason);

struct SampleMember {
  SampleRecord record;
  int position = 0;
  MemberStatus status = MemberStatus::kSampled;
  std::string stratum, ticket;  // empty for imported members
  int rank = 0;
  std::string replaces;     // id this member replaced, if any
  std::string replaced_by;  // id that replaced this member, if any
};

struct SampleFilter {
  std::string unit;               // "" = every unit
  bool include_reserves = false;  // unused reserves and replaced members too
};

// The sample in its order (position).
Result<std::vector<SampleMember>> ListSample(Database& db, const SampleFilter& filter);

}  // namespace phieu
