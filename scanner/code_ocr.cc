#include "scanner/code_ocr.h"

#include <tesseract/baseapi.h>

#include <algorithm>
#include <iterator>
#include <opencv2/imgproc.hpp>
#include <set>
#include <string_view>
#include <vector>

#include "core/form_code.h"
#include "scanner/cv_image.h"

namespace phieu {
namespace {

// The patch is cut out at this resolution, whatever the scan's.
constexpr double kPatchDpi = 300;

// Ways of looking at the patch, tried in turn. Each one alone misreads about 1 code in 20 (the
// glyphs of the bold monospaced print are close at 150-300 dpi: 5/S/9, J/3, Z/2), mostly the same
// way whatever the noise, but they seldom all misread the same code: on 2,000 pages as `phieu
// demo` scans them (150 dpi, stained QR code), the first look alone left 5 % of the codes unread,
// all six 0.45 %, and the corrections in Read the rest. Page segmentation stays "single line":
// "single word" and "raw line" read fewer codes, and some of those readings had a valid check
// character and were wrong. Scaling by 0.85 first: the best single look, and cheaper than 1.0.
struct Look {
  double scale;  // of the 300 dpi patch; Tesseract reads these glyphs best a little smaller
  enum { kAsIs, kSmooth, kDenoise } cleaning;
};
constexpr Look kLooks[] = {{0.85, Look::kAsIs}, {0.6, Look::kAsIs},   {1.0, Look::kAsIs},
                           {1.3, Look::kAsIs},  {1.0, Look::kSmooth}, {1.0, Look::kDenoise}};

// Pairs of characters Tesseract takes for one another in the printed code, as measured on
// synthetic scans (5/S and J/3 by far the most). Only these are tried as corrections.
constexpr std::string_view kConfusedPairs[] = {"5S", "9S", "8S", "3J", "4J", "9Q", "6G",
                                               "8B", "BD", "2Z", "VY", "7T", "EF"};
// Characters Tesseract sometimes drops altogether.
constexpr std::string_view kOftenDropped = "JS";

// The characters `c` may have been misread from.
std::string ConfusedWith(char c) {
  std::string others;
  for (std::string_view pair : kConfusedPairs) {
    if (pair[0] == c) others.push_back(pair[1]);
    if (pair[1] == c) others.push_back(pair[0]);
  }
  return others;
}

// `text` without separators, upper case: the characters Tesseract saw in the code.
std::string CodeCharacters(std::string_view text) {
  std::string chars;
  for (char c : text) {
    if (c == '-' || c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    chars.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return chars;
}

// Codes with a valid check character one or two confused characters away from `chars`, as read:
// substitutions from kConfusedPairs, a spurious character removed (a glyph read twice), a
// commonly dropped one put back. Duplicates are possible.
std::vector<std::string> NearbyCodes(const std::string& chars) {
  std::vector<std::string> codes;
  const auto add = [&](const std::string& candidate) {
    if (auto code = NormalizeFormCode(candidate)) codes.push_back(*code);
  };
  // Up to `changes` substitutions in `s` at positions from `from` on.
  const auto substitute = [&](auto&& self, std::string s, std::size_t from, int changes) -> void {
    for (std::size_t i = from; i < s.size(); ++i) {
      const char was = s[i];
      for (char c : ConfusedWith(was)) {
        s[i] = c;
        add(s);
        if (changes > 1) self(self, s, i + 1, changes - 1);
      }
      s[i] = was;
    }
  };
  constexpr std::size_t kLength = kFormCodeDataLength + 1;
  if (chars.size() == kLength) {
    substitute(substitute, chars, 0, 2);
  } else if (chars.size() == kLength + 1) {
    for (std::size_t i = 0; i < chars.size(); ++i) {
      const std::string shorter = chars.substr(0, i) + chars.substr(i + 1);
      add(shorter);
      substitute(substitute, shorter, 0, 1);
    }
  } else if (chars.size() + 1 == kLength) {
    for (std::size_t i = 0; i <= chars.size(); ++i) {
      for (char c : kOftenDropped) add(chars.substr(0, i) + c + chars.substr(i));
    }
  }
  return codes;
}

// Codes with a valid check character that take each character from one of two readings where
// they disagree (aligned by edit distance; a character one saw and the other did not is taken or
// left out): two looks that each misread a different character of the same code.
std::vector<std::string> MixedCodes(const std::string& a, const std::string& b) {
  // Edit distances between the prefixes, then the alignment as a list of (from a, from b) pairs,
  // '\0' for nothing.
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      d[i][j] =
          std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])});
    }
  }
  std::vector<std::pair<char, char>> aligned;
  for (std::size_t i = n, j = m; i > 0 || j > 0;) {
    if (i > 0 && j > 0 && d[i][j] == d[i - 1][j - 1] + (a[i - 1] != b[j - 1])) {
      aligned.emplace_back(a[i - 1], b[j - 1]), --i, --j;
    } else if (i > 0 && d[i][j] == d[i - 1][j] + 1) {
      aligned.emplace_back(a[i - 1], '\0'), --i;
    } else {
      aligned.emplace_back('\0', b[j - 1]), --j;
    }
  }
  std::reverse(aligned.begin(), aligned.end());
  std::vector<std::size_t> differ;
  for (std::size_t k = 0; k < aligned.size(); ++k) {
    if (aligned[k].first != aligned[k].second) differ.push_back(k);
  }
  std::vector<std::string> codes;
  constexpr std::size_t kMaxDifferences = 4;  // beyond this the two readings are not of one code
  if (differ.empty() || differ.size() > kMaxDifferences) return codes;
  for (unsigned pick = 0; pick < (1u << differ.size()); ++pick) {
    std::string candidate;
    std::size_t next = 0;
    for (std::size_t k = 0; k < aligned.size(); ++k) {
      const bool from_b = next < differ.size() && differ[next] == k && ((pick >> next++) & 1);
      const char c = from_b ? aligned[k].second : aligned[k].first;
      if (c != '\0') candidate.push_back(c);
    }
    if (auto code = NormalizeFormCode(candidate)) codes.push_back(*code);
  }
  return codes;
}

cv::Mat Prepare(const cv::Mat& patch, const Look& look) {
  cv::Mat out = patch;
  if (look.scale != 1.0) {
    cv::resize(patch, out, {}, look.scale, look.scale,
               look.scale < 1 ? cv::INTER_AREA : cv::INTER_CUBIC);
  }
  if (look.cleaning == Look::kSmooth) {
    cv::GaussianBlur(out, out, {5, 5}, 1.2);
  } else if (look.cleaning == Look::kDenoise) {
    // For dusty or JPEG-damaged scans.
    cv::medianBlur(out, out, 3);
    cv::threshold(out, out, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  }
  return out;
}

}  // namespace

struct CodeOcr::Impl {
  tesseract::TessBaseAPI api;
  bool started = false;  // Start() ran (whatever its result)
  bool ready = false;    // ... and Tesseract with its English data is usable

  // Tesseract takes about 0.1 s to start, longer than reading a dozen pages: it is started the
  // first time a damaged QR code needs it, so that a worker whose pages all have good codes never
  // pays for it.
  void Start() {
    if (started) return;
    started = true;
    ready = api.Init(nullptr, "eng", tesseract::OEM_LSTM_ONLY) == 0;
    if (ready) {
      api.SetPageSegMode(tesseract::PSM_SINGLE_LINE);
      api.SetVariable("tessedit_char_whitelist", "23456789ABCDEFGHJKMNPQRSTUVWXYZ-");
      api.SetVariable("debug_file", "/dev/null");
    }
  }
};

CodeOcr::CodeOcr() : impl_(std::make_unique<Impl>()) {}

CodeOcr::~CodeOcr() {
  if (impl_->ready) impl_->api.End();
}

bool CodeOcr::available() {
  impl_->Start();
  return impl_->ready;
}

std::string CodeOcr::Recognise(const cv::Mat& patch, double dpi) {
  impl_->api.SetImage(patch.data, patch.cols, patch.rows, 1, static_cast<int>(patch.step));
  impl_->api.SetSourceResolution(static_cast<int>(dpi));
  std::unique_ptr<char[]> text(impl_->api.GetUTF8Text());
  // Forget this patch: what one page taught the classifier must not change how the next page
  // is read (a page's reading may not depend on which pages the same worker read before).
  impl_->api.Clear();
  impl_->api.ClearAdaptiveClassifier();
  return text ? std::string(text.get()) : std::string();
}

std::optional<std::string> CodeOcr::Read(const GreyImage& image, const PageTransform& transform,
                                         const Rect& code_rect, const IssuedCodePredicate& issued) {
  if (!available()) return std::nullopt;
  // An upright patch of the code at 300 dpi, whatever the scan's resolution and rotation.
  constexpr double kPxPerPt = kPatchDpi / 72.0;
  const cv::Size size(static_cast<int>(code_rect.w * kPxPerPt),
                      static_cast<int>(code_rect.h * kPxPerPt));
  const cv::Matx33d page_to_image(transform.m[0], transform.m[1], transform.m[2], transform.m[3],
                                  transform.m[4], transform.m[5], transform.m[6], transform.m[7],
                                  transform.m[8]);
  const cv::Matx33d patch_to_page(1 / kPxPerPt, 0, code_rect.x,  //
                                  0, 1 / kPxPerPt, code_rect.y,  //
                                  0, 0, 1);
  cv::Mat patch;
  cv::warpPerspective(scanner_internal::AsMat(image), patch, cv::Mat(page_to_image * patch_to_page),
                      size, cv::INTER_LINEAR | cv::WARP_INVERSE_MAP, cv::BORDER_CONSTANT,
                      cv::Scalar(255));

  std::optional<std::string> first_valid;  // a reading with a valid check character
  std::set<std::string> seen;              // distinct readings, as characters
  for (const Look& look : kLooks) {
    const std::string text = Recognise(Prepare(patch, look), kPatchDpi * look.scale);
    const std::optional<std::string> code = NormalizeFormCode(text);
    if (code && issued(*code)) return code;
    if (code && !first_valid) first_valid = code;
    seen.insert(CodeCharacters(text));
  }

  // No look gave an issued code: correct the likeliest misreadings, but only when exactly one
  // issued code comes out. A check character cannot catch every double misreading (a G read as 6
  // both first and last passes it), so a correction is only as good as the issued list makes it.
  std::vector<std::string> candidates;
  for (auto a = seen.begin(); a != seen.end(); ++a) {
    for (auto b = std::next(a); b != seen.end(); ++b) {
      for (std::string& code : MixedCodes(*a, *b)) candidates.push_back(std::move(code));
    }
  }
  for (const std::string& chars : seen) {
    for (std::string& code : NearbyCodes(chars)) candidates.push_back(std::move(code));
  }
  std::set<std::string> tried, accepted;
  for (const std::string& code : candidates) {
    if (!tried.insert(code).second) continue;
    if (issued(code)) accepted.insert(code);
    if (accepted.size() > 1) return first_valid;
  }
  if (accepted.size() == 1) return *accepted.begin();
  return first_valid;
}

}  // namespace phieu
