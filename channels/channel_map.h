#pragma once
// The mapping file of a channel import (`phieu channel import --map MAP.yaml`): which column of
// the channel's file is which question, how the channel's values map to the survey's options,
// and which columns hold the office, the date and the channel's own id of the answer. The mapping
// is data: a kiosk that says "Rất hài lòng" and an SMS gateway that says "5" differ only here.
//
//   channel: sms                   # optional: the channel this map is for
//   id: ma_tin_nhan                # the column of the channel's id of each answer   (required)
//   unit: don_vi                   # the column of the office answered about         (required)
//   date: ngay                     # the column of the date it was answered          (required)
//   date_format: DD/MM/YYYY        # or YYYY-MM-DD (the default)
//   values:                        # channel value -> option code, for every question
//     "Rất hài lòng": "5"          #   without values of its own; without any, the
//     "Hài lòng": "4"              #   cells must be the options' codes themselves
//   blank: ["-", "Không trả lời"]  # cells meaning "no answer" besides an empty cell
//   ignore: [ghi_chu]              # columns of the file left out on purpose
//   questions:                     # answer item code -> column, or {column, values}
//     Q9.15: cau_1
//     Q8.1: {column: cau_9, values: {"Có": "1", "Không": "2"}}
//
// A multiple-choice item's cell may hold several values joined by ';'.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/survey.h"

namespace phieu {

// The channels answers can come from besides paper.
const std::vector<std::string>& ChannelNames();  // tablet, sms, phone, web

enum class DateFormat { kIso, kDayMonthYear };  // YYYY-MM-DD, DD/MM/YYYY

struct ChannelQuestion {
  std::string item;    // answer item code of the survey
  std::string column;  // the file's column holding it
  bool multiple = false;  // a multiple-choice item: cells may hold values joined by ';'
  // channel value -> option code; every target is an option of the item.
  std::map<std::string, std::string> values;
};

struct ChannelMap {
  std::string channel;  // "" = any channel
  std::string id_column, unit_column, date_column;
  DateFormat date_format = DateFormat::kIso;
  std::vector<std::string> blank;   // cells meaning no answer, besides ""
  std::vector<std::string> ignore;  // columns of the file not imported
  std::vector<ChannelQuestion> questions;  // in the map's order
};

// Reads a mapping file against the survey's answer items. Every problem is reported with its
// line ("map.yaml:9: 'Q9.99' is not a question of sipas-2022"; "map.yaml:4: value 'Hài lòng'
// maps to '4', which is not an option of Q8.1 (1, 2)"; a column named twice; a free-text item,
// which channels cannot answer; unknown keys; no questions).
Result<ChannelMap> ParseChannelMap(std::string_view text, std::string_view file_name,
                                   const Survey& survey);

}  // namespace phieu
