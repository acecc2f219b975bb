#include "core/layout_json.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>

#include "core/crypto.h"
#include "core/printed_areas.h"

namespace phieu {
namespace {

using nlohmann::ordered_json;

double Round(double v) { return std::round(v * 100) / 100; }

ordered_json BoxJson(const Rect& r) {
  return {{"x", Round(r.x)}, {"y", Round(r.y)}, {"w", Round(r.w)}, {"h", Round(r.h)}};
}

// `with_print`: also the printed areas near the answers (core/printed_areas.h). They are left out
// of the template id, so templates stored before they were written keep their ids.
ordered_json PagesJson(const Layout& layout, bool with_print) {
  ordered_json pages = ordered_json::array();
  for (const LayoutPage& page : layout.pages) {
    ordered_json p;
    p["page"] = page.number;
    p["marks"] = ordered_json::array();
    for (const Rect& m : page.marks) p["marks"].push_back(BoxJson(m));
    p["qr"] = BoxJson(page.qr);
    p["form_code"] = BoxJson(page.form_code);
    p["bubbles"] = ordered_json::array();
    for (const LayoutBubble& b : page.bubbles) {
      ordered_json j = {{"question", b.question}, {"option", b.option}};
      j.update(BoxJson(b.box));
      p["bubbles"].push_back(j);
    }
    p["text_boxes"] = ordered_json::array();
    for (const LayoutTextBox& t : page.text_boxes) {
      ordered_json j = {{"question", t.question}};
      j.update(BoxJson(t.box));
      p["text_boxes"].push_back(j);
    }
    if (with_print) {
      p["print"] = ordered_json::array();
      for (const Rect& r : PrintedAreas(page)) p["print"].push_back(BoxJson(r));
    }
    pages.push_back(std::move(p));
  }
  return pages;
}

// A value JSON can hold but a layout cannot; caught with nlohmann's own errors.
struct NotALayout : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A page number: a whole number that fits an int. (nlohmann's get<int>() casts 1e300 unchecked,
// which is undefined behaviour; UBSan reports it in fuzz/layout_json_fuzz.cc.)
int PageNumberFrom(const ordered_json& j) {
  if (!j.is_number_integer() || j.get<std::int64_t>() < std::numeric_limits<int>::min() ||
      j.get<std::int64_t>() > std::numeric_limits<int>::max()) {
    throw NotALayout("page " + j.dump() + " is not a page number");
  }
  return j.get<int>();
}

Rect BoxFrom(const ordered_json& j) {
  return {j.at("x").get<double>(), j.at("y").get<double>(), j.at("w").get<double>(),
          j.at("h").get<double>()};
}

}  // namespace

std::string TemplateId(std::string_view survey_content_hash, const Layout& layout) {
  ordered_json body = {{"page_size_pt", {Round(layout.page_size.width_pt), Round(layout.page_size.height_pt)}},
                       {"pages", PagesJson(layout, false)}};
  std::string id = Sha256Hex(std::string(survey_content_hash) + "\n" + body.dump()).substr(0, 8);
  for (char& c : id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return id;
}

std::string LayoutToJson(const Layout& layout, std::string_view template_id) {
  ordered_json root;
  root["template"] = std::string(template_id);
  root["page_size_pt"] = {Round(layout.page_size.width_pt), Round(layout.page_size.height_pt)};
  root["pages"] = PagesJson(layout, true);
  return root.dump(1) + "\n";
}

Result<ParsedLayout> LayoutFromJson(std::string_view json, std::string_view source) {
  try {
    const ordered_json root = ordered_json::parse(json);
    ParsedLayout parsed;
    parsed.template_id = root.at("template").get<std::string>();
    parsed.layout.page_size = {root.at("page_size_pt").at(0).get<double>(),
                               root.at("page_size_pt").at(1).get<double>()};
    for (const auto& p : root.at("pages")) {
      LayoutPage page;
      page.number = PageNumberFrom(p.at("page"));
      for (const auto& m : p.at("marks")) page.marks.push_back(BoxFrom(m));
      page.qr = BoxFrom(p.at("qr"));
      page.form_code = BoxFrom(p.at("form_code"));
      for (const auto& b : p.at("bubbles")) {
        page.bubbles.push_back({b.at("question").get<std::string>(), b.at("option").get<std::string>(),
                                BoxFrom(b)});
      }
      for (const auto& t : p.at("text_boxes")) {
        page.text_boxes.push_back({t.at("question").get<std::string>(), BoxFrom(t)});
      }
      if (p.contains("print")) {
        for (const auto& r : p.at("print")) page.print.push_back(BoxFrom(r));
      }
      parsed.layout.pages.push_back(std::move(page));
    }
    return parsed;
  } catch (const nlohmann::json::exception& e) {
    return Status::Error(std::string(source) + ": not a phieu layout (" + e.what() + ")");
  } catch (const NotALayout& e) {
    return Status::Error(std::string(source) + ": not a phieu layout (" + e.what() + ")");
  }
}

}  // namespace phieu
