#include "station/station_json.h"

#include <nlohmann/json.hpp>

namespace phieu {
namespace {

using nlohmann::ordered_json;

std::string Dump(const ordered_json& j) {
  // Invalid UTF-8 in a stored text (an old file name) is replaced rather than thrown on.
  return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

ordered_json ScanJson(const ScanView& s) {
  ordered_json j = {{"page_id", s.page_id},       {"file", s.original_path},
                    {"page_index", s.page_index}, {"batch", s.batch},
                    {"received_on", s.received_on}, {"width", s.image.width},
                    {"height", s.image.height},   {"header_px", s.header_px}};
  j["bubbles"] = ordered_json::array();
  for (const BubbleView& b : s.bubbles) {
    j["bubbles"].push_back({{"option", b.option},
                            {"label", b.label},
                            {"x", b.box_px.x},
                            {"y", b.box_px.y},
                            {"w", b.box_px.w},
                            {"h", b.box_px.h},
                            {"evidence", b.evidence},
                            {"uncertain", b.uncertain}});
  }
  return j;
}

ordered_json RecordJson(const Transcription& t) {
  return {{"id", t.id},       {"form", t.form_code}, {"box", t.box}, {"page", t.page},
          {"state", WriteInStateName(t.state)}, {"text", t.text}, {"by", t.by}, {"at", t.at}};
}

ordered_json BoxJson(const WriteIn& w) {
  return {{"id", w.id},
          {"form", w.form},
          {"box", w.box},
          {"page", w.page},
          {"unit", w.unit},
          {"label", w.label},
          {"ink_mm2", w.ink_mm2},
          {"recorded", w.latest ? RecordJson(*w.latest) : ordered_json(nullptr)}};
}

}  // namespace

std::string WriteInQueueJson(const std::vector<WriteIn>& boxes,
                             const std::vector<std::string>& claimed_by) {
  ordered_json items = ordered_json::array();
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    ordered_json j = BoxJson(boxes[i]);
    j["claimed_by"] = i < claimed_by.size() ? claimed_by[i] : "";
    items.push_back(std::move(j));
  }
  return Dump({{"items", items}, {"total", boxes.size()}});
}

std::string WriteInJson(const WriteInView* box, std::int64_t claimed_until) {
  if (box == nullptr) return Dump({{"item", nullptr}});
  ordered_json j = BoxJson(box->item);
  j["claimed_until"] = claimed_until;
  j["width"] = box->crop.width;
  j["height"] = box->crop.height;
  return Dump({{"item", j}});
}

std::string TranscriptionJson(const Transcription& t) { return Dump({{"recorded", RecordJson(t)}}); }

std::string ErrorJson(const std::string& message) { return Dump({{"error", message}}); }

std::string SessionJson(const Session& session) {
  return Dump({{"name", session.name}, {"role", session.role}, {"csrf", session.csrf}});
}

std::string QueueJson(const std::vector<QueueEntry>& entries,
                      const std::vector<std::string>& claimed_by) {
  ordered_json items = ordered_json::array();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const QueueEntry& e = entries[i];
    items.push_back({{"id", e.item.id},
                     {"form", e.item.form_code},
                     {"item", e.item.item},
                     {"reason", std::string(ReviewReasonCode(e.item.reason))},
                     {"why", e.item.why},
                     {"machine", e.item.machine},
                     {"unit", e.unit},
                     {"batches", e.batches},
                     {"confidence", e.confidence},
                     {"claimed_by", i < claimed_by.size() ? claimed_by[i] : ""}});
  }
  return Dump({{"items", items}, {"total", entries.size()}});
}

std::string ItemJson(const ReviewItemView* view, std::int64_t claimed_until) {
  if (view == nullptr) return Dump({{"item", nullptr}});
  const ReviewItemView& v = *view;
  ordered_json options = ordered_json::array();
  for (const Option& o : v.options) options.push_back({{"code", o.code}, {"label", o.label}});
  ordered_json scans = ordered_json::array();
  for (const ScanView& s : v.scans) scans.push_back(ScanJson(s));
  ordered_json waiting = nullptr;
  if (v.waiting) {
    waiting = {{"reason", std::string(ReviewReasonCode(v.waiting->reason))},
               {"why", v.waiting->why}};
  }
  ordered_json item = {{"id", v.id.Text()},
                       {"form", v.id.code},
                       {"item", v.id.item},
                       {"verdict", v.verdict},
                       {"reasons", v.reasons},
                       {"notes", v.notes},
                       {"question", v.question_text},
                       {"kind", v.id.item.empty() ? "form" : std::string(QuestionKindName(v.kind))},
                       {"options", options},
                       {"machine", v.machine},
                       {"decided_by", v.decided_by},
                       {"decided", v.decided},
                       {"waiting", waiting},
                       {"claimed_until", claimed_until},
                       {"scans", scans}};
  return Dump({{"item", item}});
}

std::string DecisionJson(const DecisionOutcome& outcome) {
  const Decision& d = outcome.stored;
  return Dump({{"decision",
                {{"id", d.id},
                 {"form", d.form_code},
                 {"item", d.item},
                 {"value", d.value},
                 {"machine", d.machine},
                 {"by", d.decided_by},
                 {"at", d.decided_at},
                 {"note", d.note}}},
               {"form",
                {{"code", d.form_code}, {"verdict", outcome.verdict}, {"reasons", outcome.reasons}}}});
}

std::string ProgressJson(const ReviewProgress& progress, int claimed) {
  ordered_json reviewers = ordered_json::array();
  for (const ReviewerProgress& r : progress.reviewers) {
    reviewers.push_back({{"name", r.name},
                         {"decisions", r.decisions},
                         {"last_hour", r.recent},
                         {"last_at", r.last_at}});
  }
  return Dump({{"waiting", progress.waiting},
               {"claimed", claimed},
               {"decisions", progress.decisions},
               {"reviewers", reviewers}});
}

std::string JsonFields::Text(const std::string& name) const {
  const auto it = text.find(name);
  return it == text.end() ? "" : it->second;
}

Result<JsonFields> ParseJsonFields(const std::string& body) {
  JsonFields fields;
  if (body.empty()) return fields;
  const ordered_json j = ordered_json::parse(body, nullptr, false);
  if (j.is_discarded()) return Status::Error("the request body is not JSON");
  if (!j.is_object()) return Status::Error("the request body is not a JSON object");
  for (const auto& [key, value] : j.items()) {
    if (value.is_string()) {
      fields.text[key] = value.get<std::string>();
    } else if (value.is_array()) {
      std::vector<std::string>& list = fields.lists[key];
      for (const auto& element : value) {
        if (!element.is_string()) return Status::Error("'" + key + "' is not a list of text");
        list.push_back(element.get<std::string>());
      }
    } else {
      return Status::Error("'" + key + "' is neither text nor a list of text");
    }
  }
  return fields;
}

}  // namespace phieu
