#include "forms/pdf_concat.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <utility>

namespace phieu {
namespace {

// Reads the unsigned number at `at` in `text`, moving `at` past it; false when there is none.
bool ReadNumber(std::string_view text, std::size_t& at, long long& value) {
  const std::size_t start = at;
  value = 0;
  while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) {
    value = value * 10 + (text[at] - '0');
    ++at;
  }
  return at > start;
}

bool IsDelimiter(char c) {
  return std::isspace(static_cast<unsigned char>(c)) || c == '/' || c == ']' || c == '[' ||
         c == '>' || c == '<' || c == '(' || c == ')';
}

// `text` (a dictionary or a number, never stream data) with every indirect reference "N G R"
// renumbered by `renumber` (0: left as it is). String literals are copied untouched.
std::string Renumbered(std::string_view text, const std::map<long long, int>& renumber) {
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '(') {  // a string literal: balanced parentheses, backslash escapes
      int depth = 0;
      std::size_t j = i;
      for (; j < text.size(); ++j) {
        if (text[j] == '\\') {
          ++j;
          continue;
        }
        if (text[j] == '(') ++depth;
        if (text[j] == ')' && --depth == 0) break;
      }
      j = std::min(j + 1, text.size());
      out.append(text.substr(i, j - i));
      i = j;
      continue;
    }
    const bool starts_number =
        std::isdigit(static_cast<unsigned char>(c)) && (i == 0 || IsDelimiter(text[i - 1]));
    if (starts_number) {
      std::size_t at = i;
      long long number = 0, generation = 0;
      if (ReadNumber(text, at, number) && at < text.size() && text[at] == ' ') {
        std::size_t g = at + 1;
        if (ReadNumber(text, g, generation) && g + 1 < text.size() && text[g] == ' ' &&
            text[g + 1] == 'R' && (g + 2 == text.size() || IsDelimiter(text[g + 2]))) {
          const auto found = renumber.find(number);
          if (found != renumber.end()) {
            out += std::to_string(found->second) + " 0 R";
            i = g + 2;
            continue;
          }
        }
      }
    }
    out += c;
    ++i;
  }
  return out;
}

// The number of indirect reference `key` ("/Root") in `dict`, or -1.
long long ReferenceAfter(std::string_view dict, std::string_view key) {
  std::size_t at = dict.find(key);
  if (at == std::string_view::npos) return -1;
  at += key.size();
  while (at < dict.size() && dict[at] == ' ') ++at;
  long long value = 0;
  return ReadNumber(dict, at, value) ? value : -1;
}

}  // namespace

PdfConcatenation::PdfConcatenation(Sink sink) : sink_(std::move(sink)) {}

Status PdfConcatenation::Write(std::string_view bytes) {
  offset_ += bytes.size();
  return sink_(bytes);
}

Status PdfConcatenation::Add(std::string_view pdf, int pages) {
  ++parts_;
  const std::string part = "PDF part " + std::to_string(parts_);
  const auto bad = [&](const std::string& what) { return Status::Error(part + ": " + what); };
  // The xref table, from the trailer's startxref.
  const std::size_t startxref = pdf.rfind("startxref");
  if (startxref == std::string_view::npos) return bad("no startxref");
  std::size_t at = startxref + 9;
  while (at < pdf.size() && std::isspace(static_cast<unsigned char>(pdf[at]))) ++at;
  long long xref = 0;
  if (!ReadNumber(pdf, at, xref) || static_cast<std::size_t>(xref) >= pdf.size() ||
      pdf.substr(static_cast<std::size_t>(xref), 5) != "xref\n") {
    return bad("no xref table where startxref points");
  }
  at = static_cast<std::size_t>(xref) + 5;
  std::map<long long, std::size_t> offsets;  // object number -> where it starts
  while (at < pdf.size() && pdf.substr(at, 7) != "trailer") {
    long long first = 0, count = 0;
    if (!ReadNumber(pdf, at, first) || pdf[at++] != ' ' || !ReadNumber(pdf, at, count)) {
      return bad("an xref subsection that cannot be read");
    }
    while (at < pdf.size() && (pdf[at] == '\r' || pdf[at] == '\n')) ++at;
    for (long long n = first; n < first + count; ++n, at += 20) {
      if (at + 20 > pdf.size()) return bad("the xref table is cut short");
      std::size_t o = at;
      long long offset = 0;
      if (!ReadNumber(pdf, o, offset)) return bad("an xref entry that cannot be read");
      if (pdf[at + 17] == 'n') offsets[n] = static_cast<std::size_t>(offset);
    }
  }
  const std::string_view trailer = pdf.substr(at);
  const long long catalog = ReferenceAfter(trailer, "/Root");
  const long long info = ReferenceAfter(trailer, "/Info");
  if (catalog < 0 || !offsets.count(catalog)) return bad("no catalog");
  // Each object's text runs to the next object (or the xref table).
  std::vector<std::size_t> starts;
  for (const auto& [n, offset] : offsets) starts.push_back(offset);
  starts.push_back(static_cast<std::size_t>(xref));
  std::sort(starts.begin(), starts.end());
  const auto body_of = [&](long long n, std::string_view& body) {
    const std::size_t start = offsets.at(n);
    const std::size_t end = *std::upper_bound(starts.begin(), starts.end(), start);
    const std::string head = std::to_string(n) + " 0 obj\n";
    if (pdf.substr(start, head.size()) != head) return false;
    body = pdf.substr(start + head.size(), end - start - head.size());
    return true;
  };
  std::string_view catalog_body;
  if (!body_of(catalog, catalog_body)) return bad("the catalog is not where the xref says");
  const long long root = ReferenceAfter(catalog_body, "/Pages");
  if (root < 0 || !offsets.count(root)) return bad("no page tree");

  // Renumbered: every object but the catalog and the information, in their order, from 4 up
  // (1, 2 and 3 are the joined file's catalog, root page tree and information).
  std::map<long long, int> renumber;
  for (const auto& [n, offset] : offsets) {
    if (n == catalog || n == info) continue;
    renumber[n] = static_cast<int>(object_offsets_.size() + renumber.size()) + 4;
  }
  renumber[catalog] = 1;
  if (info >= 0) renumber[info] = 3;
  if (parts_ == 1) {
    std::map<long long, int> to_root = renumber;
    to_root[root] = 2;
    catalog_ = Renumbered(catalog_body, to_root);
    if (info >= 0 && offsets.count(info)) {
      std::string_view info_body;
      if (!body_of(info, info_body))
        return bad("the document information is not where the xref says");
      info_ = Renumbered(info_body, renumber);
    }
    PHIEU_RETURN_IF_ERROR(Write(pdf.substr(0, starts.front())));  // %PDF-1.x and the binary line
  }
  for (const auto& [n, offset] : offsets) {
    if (n == catalog || n == info) continue;
    std::string_view body;
    if (!body_of(n, body))
      return bad("object " + std::to_string(n) + " is not where the xref says");
    // Stream data is copied as it is; only the dictionary before it is renumbered.
    const std::size_t stream = body.find("\nstream\r\n");
    const std::string_view dict =
        body.substr(0, stream == std::string_view::npos ? body.size() : stream + 1);
    std::string text = Renumbered(dict, renumber);
    if (n == root) {
      if (text.rfind("<<", 0) != 0) return bad("the page tree is not a dictionary");
      text.insert(2, "\n/Parent 2 0 R");
      part_roots_.push_back(renumber.at(n));
    }
    object_offsets_.push_back(offset_);
    PHIEU_RETURN_IF_ERROR(Write(std::to_string(renumber.at(n)) + " 0 obj\n"));
    PHIEU_RETURN_IF_ERROR(Write(text));
    if (stream != std::string_view::npos) PHIEU_RETURN_IF_ERROR(Write(body.substr(stream + 1)));
  }
  pages_ += pages;
  return Status::Ok();
}

Status PdfConcatenation::Finish() {
  if (parts_ == 0) return Status::Error("no PDF to join");
  std::vector<std::size_t> first(3);
  first[0] = offset_;
  PHIEU_RETURN_IF_ERROR(Write("1 0 obj\n" + catalog_));
  first[1] = offset_;
  std::string kids;
  for (int root : part_roots_) kids += std::to_string(root) + " 0 R ";
  PHIEU_RETURN_IF_ERROR(Write("2 0 obj\n<<\n/Type /Pages\n/Kids [ " + kids + "]\n/Count " +
                              std::to_string(pages_) + "\n>>\nendobj\n"));
  first[2] = offset_;
  PHIEU_RETURN_IF_ERROR(Write("3 0 obj\n" + (info_.empty() ? "<<\n>>\nendobj\n" : info_)));
  const std::size_t xref = offset_;
  const std::size_t size = object_offsets_.size() + 4;
  std::string table = "xref\n0 " + std::to_string(size) + "\n0000000000 65535 f\r\n";
  char entry[32];
  for (std::size_t offset : first) {
    std::snprintf(entry, sizeof entry, "%010zu 00000 n\r\n", offset);
    table += entry;
  }
  for (std::size_t offset : object_offsets_) {
    std::snprintf(entry, sizeof entry, "%010zu 00000 n\r\n", offset);
    table += entry;
  }
  table += "trailer\n<<\n/Root 1 0 R\n/Info 3 0 R\n/Size " + std::to_string(size) +
           "\n>>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return Write(table);
}

}  // namespace phieu
