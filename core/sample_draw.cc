#include "core/sample_draw.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "core/crypto.h"

namespace phieu {

std::string DrawTicket(std::string_view seed, std::string_view id) {
  std::string message(seed);
  message += ',';
  message += id;
  return Sha256Hex(message);
}

int YamaneSize(int population, double margin) {
  const double n = population / (1.0 + population * margin * margin);
  // Guard against 199.999999 becoming 200 only through floating-point noise.
  return static_cast<int>(std::ceil(n - 1e-9));
}

std::vector<int> AllocateProportionally(const std::vector<int>& sizes, int total) {
  const long long sum = std::accumulate(sizes.begin(), sizes.end(), 0LL);
  std::vector<int> allocation(sizes.size(), 0);
  if (sum == 0) return allocation;
  std::vector<long long> remainder(sizes.size());
  int given = 0;
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    const long long scaled = static_cast<long long>(total) * sizes[i];  // exact integer quotas
    allocation[i] = static_cast<int>(scaled / sum);
    remainder[i] = scaled % sum;
    given += allocation[i];
  }
  std::vector<std::size_t> order(sizes.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainder[a] > remainder[b]; });
  for (std::size_t k = 0; given < total && k < order.size(); ++k) {
    ++allocation[order[k]];
    ++given;
  }
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    if (sizes[i] == 0 || allocation[i] > 0) continue;
    std::size_t largest = 0;
    for (std::size_t j = 0; j < sizes.size(); ++j) {
      if (allocation[j] >= allocation[largest]) largest = j;
    }
    if (allocation[largest] <= 1) break;  // cannot give every stratum one: caller's check
    --allocation[largest];
    allocation[i] = 1;
  }
  return allocation;
}

Result<DrawResult> DrawSample(const std::vector<SampleRecord>& frame, const DrawOptions& options) {
  if (options.seed.empty()) return Status::Error("the seed is empty; publish a seed and pass --seed");
  if (frame.empty()) return Status::Error("the frame has no records");
  const int rules = options.size.has_value() + options.per_stratum.has_value() +
                    options.margin.has_value();
  if (rules != 1) {
    return Status::Error("give exactly one of --size N, --per-stratum N or --margin E");
  }
  if (options.reserves < 0) return Status::Error("--reserves must be 0 or more");

  // Group the frame into strata, each ordered by ticket.
  std::map<std::string, std::vector<DrawnRecord>> strata;
  for (const SampleRecord& record : frame) {
    std::string stratum;
    if (!options.stratify_by.empty()) {
      const std::string* value = record.Column(options.stratify_by);
      if (value == nullptr) {
        return Status::Error("the frame has no column '" + options.stratify_by +
                             "' to stratify by");
      }
      stratum = *value;
    }
    strata[stratum].push_back({record, stratum, DrawTicket(options.seed, record.id)});
  }
  for (auto& [name, records] : strata) {
    std::sort(records.begin(), records.end(), [](const DrawnRecord& a, const DrawnRecord& b) {
      return a.ticket != b.ticket ? a.ticket < b.ticket : a.record.id < b.record.id;
    });
  }

  DrawResult result;
  const int population = static_cast<int>(frame.size());
  std::vector<int> sizes;
  for (const auto& [name, records] : strata) sizes.push_back(static_cast<int>(records.size()));
  std::vector<int> allocation;
  if (options.per_stratum) {
    if (*options.per_stratum < 1) return Status::Error("--per-stratum must be 1 or more");
    result.size_rule = "per stratum " + std::to_string(*options.per_stratum);
    for (std::size_t i = 0; i < sizes.size(); ++i) {
      allocation.push_back(std::min(sizes[i], *options.per_stratum));
    }
  } else {
    int total = 0;
    if (options.margin) {
      if (!(*options.margin > 0 && *options.margin < 1)) {
        return Status::Error("--margin must be between 0 and 1 (e.g. 0.05 for 5%)");
      }
      total = YamaneSize(population, *options.margin);
      char text[160];
      std::snprintf(text, sizeof text,
                    "Yamane n = N/(1+N*e^2) with N = %d, e = %g: n = %d (rounded up)", population,
                    *options.margin, total);
      result.size_rule = text;
    } else {
      total = *options.size;
      result.size_rule = "size " + std::to_string(total) + ", allocated in proportion to stratum size";
    }
    if (total < 1) return Status::Error("the sample size must be 1 or more");
    if (total > population) {
      return Status::Error("sample size " + std::to_string(total) + " is larger than the frame (" +
                           std::to_string(population) + " records)");
    }
    if (total < static_cast<int>(strata.size())) {
      return Status::Error("sample size " + std::to_string(total) + " is smaller than the number of strata (" +
                           std::to_string(strata.size()) + "); every stratum needs at least one");
    }
    allocation = AllocateProportionally(sizes, total);
  }

  std::size_t index = 0;
  for (auto& [name, records] : strata) {
    const int sampled = allocation[index++];
    const int available = static_cast<int>(records.size()) - sampled;
    const int reserves = std::min(options.reserves, available);
    if (options.per_stratum && sampled < *options.per_stratum) {
      result.notes.push_back("stratum '" + name + "' has only " + std::to_string(records.size()) +
                             " record(s): all drawn");
    }
    if (reserves < options.reserves) {
      result.notes.push_back("stratum '" + name + "' has only " + std::to_string(reserves) +
                             " reserve(s) left");
    }
    for (int k = 0; k < sampled + reserves; ++k) {
      DrawnRecord& drawn = records[k];
      drawn.rank = k + 1;
      drawn.role = k < sampled ? DrawRole::kSampled : DrawRole::kReserve;
      result.drawn.push_back(std::move(drawn));
    }
    result.strata.push_back({name, static_cast<int>(records.size()), sampled, reserves});
    result.total_sampled += sampled;
  }
  return result;
}

}  // namespace phieu
