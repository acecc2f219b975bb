#pragma once
// The repeatable sample draw. Anyone can recompute it from the published seed with a few lines of
// any language:
//   ticket(id) = lowercase hex SHA-256 of the UTF-8 bytes of SEED + "," + ID
//   within each stratum (records sharing the value of the stratifying column; one stratum when
//   there is none), records are ordered by ticket ascending (ties, impossible in practice, by id);
//   the first n of the stratum are drawn, the next K are its ordered reserves.
// Sizes per stratum: --per-stratum n (capped at the stratum's size), or a total N allocated in
// proportion to stratum sizes by AllocateProportionally(). A total can come from Yamane's formula.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/sample_list.h"
#include "core/status.h"

namespace phieu {

// The method name stored with every draw, so a later change of method cannot be silent.
inline constexpr std::string_view kDrawMethod = "sha256-ticket-v1: sha256(SEED,ID) ascending per stratum";

// The ticket of `id` under `seed`: lowercase hex SHA-256 of seed + "," + id.
std::string DrawTicket(std::string_view seed, std::string_view id);

// Yamane's sample size n = N / (1 + N * margin^2), rounded up; margin in (0, 1).
int YamaneSize(int population, double margin);

// Allocates `total` across strata of the given sizes, in proportion to size:
//   1. quota_i = total * size_i / sum(size); each stratum gets floor(quota_i);
//   2. the rest go one each to the strata with the largest fractional part of quota_i (ties: the
//      earlier stratum);
//   3. every non-empty stratum that got 0 gets 1, taken from the stratum with the largest
//      allocation (ties: the later stratum).
// Requires total <= sum(size) and total >= the number of non-empty strata (checked by the caller).
std::vector<int> AllocateProportionally(const std::vector<int>& sizes, int total);

struct DrawOptions {
  std::string seed;                 // published seed; required, non-empty
  std::optional<int> size;          // total sample size (allocated proportionally)
  std::optional<int> per_stratum;   // or: this many from every stratum
  std::optional<double> margin;     // or: total from Yamane with this margin of error
  std::string stratify_by;          // column name; "" = one stratum
  int reserves = 0;                 // ordered reserves per stratum
};

enum class DrawRole { kSampled, kReserve };

struct DrawnRecord {
  SampleRecord record;
  std::string stratum;
  std::string ticket;
  DrawRole role = DrawRole::kSampled;
  int rank = 0;  // 1-based position in its stratum's ticket order (reserves follow the sampled)
};

struct StratumSummary {
  std::string stratum;
  int frame_size = 0;
  int sampled = 0;
  int reserves = 0;
};

struct DrawResult {
  std::vector<DrawnRecord> drawn;       // by stratum (name order), then rank
  std::vector<StratumSummary> strata;   // name order
  int total_sampled = 0;
  std::string size_rule;                // how the size was set, for people: "size 200", ...
  std::vector<std::string> notes;       // things the user should know (capped strata ...)
};

// Draws from `frame`. Fails with a clear message when the options are inconsistent (no or several
// size rules, a size larger than the frame or smaller than the number of strata, an unknown
// stratifying column, an empty seed or frame).
Result<DrawResult> DrawSample(const std::vector<SampleRecord>& frame, const DrawOptions& options);

}  // namespace phieu
