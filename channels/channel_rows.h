#pragma once
// The rows of a channel's file read through its map (channels/channel_map.h): a pure function of
// the file's text, the map, the survey's offices and the run's period. Every bad row is reported
// with its file and line, and then no row is returned: a file is imported whole or not at all.

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "channels/channel_map.h"
#include "core/period.h"
#include "core/status.h"
#include "store/channel_store.h"

namespace phieu {

struct ChannelRowRules {
  std::set<std::string> units;  // the offices answers may be about: the sample list's units
  Period period;                // every answer's date must lie in it
};

// The responses of a channel's CSV file (UTF-8, RFC 4180, a header row; core/csv.h), in file
// order, each answer's value mapped to option codes. Fails listing every problem (at most 20,
// then a count), one "FILE:LINE: reason" each:
//   a malformed file (core/csv.h ParseCsv's messages), or a header with no answer rows;
//   line 1: a column named twice, a column the map names that the file lacks ("no column 'cau_3' (Q9.17 in the map)"),
//     a column of the file the map does not know ("column 'cau_9' is not in the map: add it to
//     'questions' or to 'ignore'");
//   a row: no external id, an external id seen twice in the file ("external id 'T-3' appears twice
//     (first on line 4)"), an unknown office ("unit 'Phường Z' is not a unit of the sample list"),
//     a date that is not a date in the map's format, a date outside the period ("date 2026-10-02
//     is outside the period 2026-Q3 (2026-07-01..2026-09-30)"), a value the map does not know
//     ("value 'Tốt' in column 'cau_2' (Q9.16) is not in the map (known: ...)").
Result<std::vector<ChannelResponse>> ReadChannelRows(std::string_view text,
                                                     std::string_view file_name,
                                                     const ChannelMap& map,
                                                     const ChannelRowRules& rules);

}  // namespace phieu
