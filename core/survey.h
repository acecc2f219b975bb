#pragma once
// The survey model: one printed questionnaire (title, instructions, sections, questions) with a
// stable code for every question, grid row and option, and the aggregation groups (blocks,
// elements) that reports use. Built from YAML by survey_yaml.h; the format is described in
// core/surveys/FORMAT.md.

#include <string>
#include <string_view>
#include <vector>

namespace phieu {

enum class QuestionKind {
  kSingle,  // one option
  kMulti,   // tick all that apply
  kGrid,    // rows sharing one answer scale, one answer per row
  kScale,   // one numeric scale min..max (0-10, M-Score style), one answer
  kYesNo,   // two options, Có / Không unless relabelled
  kText,    // a free-text box: kept as an image region, never read
};

// The word used for `kind` in YAML ("single", "grid" ...).
std::string_view QuestionKindName(QuestionKind kind);

struct Option {
  std::string code;         // e.g. "4"; unique within its question or scale
  std::string label;        // printed beside the bubble
  bool other_text = false;  // a write-in box follows this option ("Khác: ....")
};

struct GridRow {
  std::string code;    // e.g. "Q9.15"; unique among all codes of the survey
  std::string text;    // printed in the row
  std::string group;   // aggregation group code ("" = none)
  bool draft = false;  // the text is a placeholder or not final: not to be issued
};

struct Question {
  std::string code;  // e.g. "Q9"; unique among all codes of the survey
  QuestionKind kind = QuestionKind::kSingle;
  std::string text;
  std::string note;   // optional line under the text
  std::string group;  // aggregation group code ("" = none); grid rows default to it
  // kSingle, kMulti, kYesNo: the options; kGrid: the shared scale; kScale: "min".."max".
  std::vector<Option> options;
  std::vector<GridRow> rows;  // kGrid only
  std::string row_header;     // kGrid: header of the row-text column
  int min = 0, max = 10;      // kScale only
  std::string low_label, high_label;  // kScale: anchor labels under min and max
  int lines = 0;                      // kText: height of the box in lines of writing
  bool draft = false;                 // a placeholder or not final (the question and all its rows)
};

struct Section {
  std::string code;
  std::string title;
  std::string note;
  std::vector<Question> questions;
};

// A node of the aggregation tree (block -> element ...).
struct Group {
  std::string code;
  std::string title;
  std::string level;   // "block", "element" ...
  std::string note;    // printed under the title where the group starts in a grid
  std::string parent;  // parent group's code ("" for a root)
};

struct Survey {
  std::string name;         // e.g. "sipas-2022"
  std::string version;      // e.g. "2022.1"
  std::string description;  // provenance; not printed, not hashed
  std::vector<std::string> title_lines;
  std::string intro_heading;
  std::vector<std::string> intro_paragraphs;
  std::vector<std::string> instructions;
  std::string closing;
  std::vector<Group> groups;  // parents before children
  std::vector<Section> sections;
  std::string content_hash;  // SHA-256 of CanonicalText(); set by the parser
};

// One thing a respondent answers: a question, or one row of a grid. Text questions are included
// (their answer is "ink present or not"), with no options.
struct AnswerItem {
  std::string code;        // "A1", "Q9.15"
  std::string question;    // the question it belongs to ("Q9" for "Q9.15")
  QuestionKind kind;       // of the question (kGrid for a grid row)
  std::string text;
  std::string group;       // aggregation group ("" = none)
  std::vector<Option> options;
};

// Every answerable item in printed order.
std::vector<AnswerItem> AnswerItems(const Survey& survey);

// A deterministic text of everything printed or read back (all but `description` and
// `content_hash`): its SHA-256 is the survey's content hash.
std::string CanonicalText(const Survey& survey);

// The codes of the questions and grid rows marked `draft` (placeholders, wording not final), in
// printed order; a grid row of a draft question is named by its question alone. Empty when the
// survey may be printed for issue.
std::vector<std::string> DraftItems(const Survey& survey);

// The group with `code`, or nullptr.
const Group* FindGroup(const Survey& survey, std::string_view code);

}  // namespace phieu
