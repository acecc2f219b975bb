#include "audit/reread_check.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <map>
#include <mutex>
#include <thread>

#include "audit/bundle_path.h"
#include "core/sample_draw.h"
#include "core/text.h"
#include "intake/reader_context.h"
#include "scanner/image_source.h"
#include "core/memory_reuse.h"
#include "store/verify_store.h"

namespace phieu {
namespace {

std::string PageName(const IdentifiedPage& p) {
  return p.original_path + (p.page_index > 0 ? " page " + std::to_string(p.page_index + 1) : "") +
         " (archived as " + p.archive_path + ", form " + p.form_code + " page " +
         std::to_string(p.page) + ")";
}

// What differs between the stored page and its re-reading; "" when nothing does.
std::string Compare(const IdentifiedPage& stored, const PageReading& again,
                    const MarkThresholds& thresholds) {
  if (again.outcome != PageOutcome::kRead) {
    return "read again it is " + std::string(PageOutcomeName(again.outcome)) + " (" + again.reason +
           ")";
  }
  if (again.form_code != stored.form_code || again.template_id != stored.template_id ||
      again.page != stored.page) {
    return "read again it is form " + again.form_code + " page " + std::to_string(again.page) +
           " of template " + again.template_id;
  }
  std::map<std::pair<std::string, std::string>, const BubbleScore*> now;
  for (const BubbleScore& b : again.bubbles) now[{b.item, b.option}] = &b;
  std::vector<std::string> differ;
  const PageLevels stored_empty = PageLevelsOf(stored.bubbles);
  const PageLevels again_empty = PageLevelsOf(again.bubbles);
  for (const BubbleScore& b : stored.bubbles) {
    const auto found = now.find({b.item, b.option});
    if (found == now.end()) {
      differ.push_back(b.item + " option " + b.option + " is not on the page read again");
      continue;
    }
    const BubbleScore& a = *found->second;
    const MarkKind was = ClassifyMark(b, stored_empty, thresholds);
    const MarkKind is = ClassifyMark(a, again_empty, thresholds);
    const bool moved = std::abs(a.fill - b.fill) > kRereadTolerance ||
                       std::abs(a.ink - b.ink) > kRereadTolerance ||
                       std::abs(a.outside - b.outside) > kRereadTolerance ||
                       std::abs(a.coverage - b.coverage) > kRereadTolerance ||
                       std::abs(a.peak - b.peak) > kRereadTolerance ||
                       a.cross_mask != b.cross_mask || a.halo_mask != b.halo_mask;
    if (moved || was != is) {
      differ.push_back(b.item + " option " + b.option + ": stored " +
                       DescribeMark(b, stored_empty, thresholds) + "; read again " +
                       DescribeMark(a, again_empty, thresholds));
    }
  }
  if (stored.bubbles.size() != again.bubbles.size()) {
    differ.push_back(std::to_string(stored.bubbles.size()) + " bubbles stored, " +
                     std::to_string(again.bubbles.size()) + " read again");
  }
  if (differ.empty()) return "";
  std::string text = "the stored readings differ from the image: " + differ.front();
  if (differ.size() > 1) text += " (and " + std::to_string(differ.size() - 1) + " more)";
  return text;
}

// The problems of one archived file's pages, in page order.
std::vector<std::string> RereadFile(const std::string& bundle, const std::string& archive_path,
                                    const std::vector<const IdentifiedPage*>& file_pages,
                                    PageReader& reader, const MarkThresholds& thresholds,
                                    const std::function<void()>& page_done) {
  std::vector<std::string> problems;
  auto path = PathInBundle(bundle, archive_path);
  if (!path.ok()) {
    for (std::size_t i = 0; i < file_pages.size(); ++i) page_done();
    return {archive_path + ": not read: " + path.status().message()};
  }
  auto source = ScanPages::Open(*path);  // its pages decoded one at a time, below
  if (!source.ok()) {
    for (std::size_t i = 0; i < file_pages.size(); ++i) page_done();
    return {archive_path + ": cannot be read: " + source.status().message()};
  }
  for (const IdentifiedPage* p : file_pages) {
    page_done();
    if (p->page_index < 0 || p->page_index >= (*source)->count()) {
      problems.push_back(PageName(*p) + ": the archived file has no such page");
      continue;
    }
    auto image = (*source)->Page(p->page_index);
    if (!image.ok()) {
      problems.push_back(PageName(*p) + ": cannot be read: " + image.status().message());
      continue;
    }
    const std::string differs = Compare(*p, reader.Read(*image), thresholds);
    if (!differs.empty()) problems.push_back(PageName(*p) + ": " + differs);
  }
  return problems;
}

}  // namespace

Status CheckRereadOptions(const RereadOptions& options) {
  if (options.all && !options.seed.empty()) {
    return Status::Error(
        "the pages to read again are either every one or drawn from a seed, not both");
  }
  if (!options.all && options.seed.empty()) {
    return Status::Error(
        "no pages to read again: give a seed to draw a share of them from, or ask for every page");
  }
  if (!options.all && !(options.share > 0 && options.share <= 1)) {
    char share[32];
    std::snprintf(share, sizeof share, "%g", options.share);
    return Status::Error(std::string("the share of pages to read again must be in (0, 1], not ") +
                         share);
  }
  return Status::Ok();
}

std::string RereadPageId(const std::string& archive_path, int page_index) {
  return archive_path + "#" + std::to_string(page_index + 1);
}

Result<RereadCheck> RereadArchivedPages(Database& db, const std::string& bundle,
                                        const RereadOptions& options,
                                        const std::function<void(int done, int total)>& progress) {
  const Status valid = CheckRereadOptions(options);
  if (!valid.ok()) return valid;
  auto context = LoadReaderContext(db);
  if (!context.ok()) return context.status();
  context->check_tag = false;
  auto pages = LoadIdentifiedPages(db);
  if (!pages.ok()) return pages.status();
  std::vector<const IdentifiedPage*> read;
  for (const IdentifiedPage& p : *pages) {
    if (p.transform.empty() || p.bubbles.empty()) continue;  // refused after its QR: no readings
    read.push_back(&p);
  }
  RereadCheck check;
  check.read_pages = static_cast<int>(read.size());
  if (!options.seed.empty() && !read.empty()) {
    // The draw (RereadOptions): the first n pages by ticket.
    std::vector<std::pair<std::string, const IdentifiedPage*>> tickets;
    for (const IdentifiedPage* p : read) {
      tickets.emplace_back(DrawTicket(options.seed, RereadPageId(p->archive_path, p->page_index)), p);
    }
    std::sort(tickets.begin(), tickets.end());
    const auto n = std::max<std::size_t>(
        1, static_cast<std::size_t>(std::ceil(options.share * static_cast<double>(read.size()) - 1e-9)));
    read.clear();
    for (std::size_t i = 0; i < n && i < tickets.size(); ++i) {
      read.push_back(tickets[i].second);
      check.drawn.push_back(RereadPageId(tickets[i].second->archive_path, tickets[i].second->page_index));
    }
    std::sort(read.begin(), read.end());  // back in stored order: each file read front to back
  }
  // The pages to read, by archived file, so that each file is decoded once.
  std::map<std::string, std::vector<const IdentifiedPage*>> by_file;
  const int total = static_cast<int>(read.size());
  for (const IdentifiedPage* p : read) by_file[p->archive_path].push_back(p);
  const std::vector<std::pair<std::string, std::vector<const IdentifiedPage*>>> files(
      by_file.begin(), by_file.end());
  // Files are shared out to the workers one at a time; each file's problems go to its own slot,
  // so the report lists them in file order however the work was shared.
  std::vector<std::vector<std::string>> problems(files.size());
  std::atomic<std::size_t> next{0};
  std::mutex progress_mutex;
  int done = 0;
  const auto page_done = [&] {
    std::lock_guard<std::mutex> lock(progress_mutex);
    ++done;
    if (progress) progress(done, total);
  };
  const auto work = [&] {
    PageReader reader = context->MakeReader();
    for (std::size_t f = next++; f < files.size(); f = next++) {
      problems[f] = RereadFile(bundle, files[f].first, files[f].second, reader,
                               context->thresholds, page_done);
    }
  };
  const int workers = std::clamp(
      options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency()),
      1, std::max(1, static_cast<int>(files.size())));
  KeepFreedMemoryForReuse();
  std::vector<std::thread> pool;
  for (int t = 1; t < workers; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  check.files = static_cast<int>(files.size());
  check.pages = total;
  for (auto& file_problems : problems) {
    for (std::string& problem : file_problems) check.problems.push_back(std::move(problem));
  }
  return check;
}

}  // namespace phieu
