#include "intake/file_readers.h"

#include <exception>
#include <memory>
#include <new>

#include "intake/page_record.h"

namespace phieu {
namespace {

// "PATH: " for a one-page file, "PATH: page 3: " for a page of a longer one.
std::string PageName(const std::string& path, int index, int count) {
  return path + ": " + (count > 1 ? "page " + std::to_string(index + 1) + ": " : "");
}

}  // namespace

FileReaders::FileReaders(const ReaderContext& context, const std::vector<FileJob>& jobs,
                         const ScanLimits& limits, int threads)
    : jobs_(jobs), limits_(limits) {
  for (int t = 0; t < threads; ++t) {
    threads_.emplace_back([this, &context] {
      PageReader reader = context.MakeReader();
      for (std::size_t j = next_job_++; j < jobs_.size(); j = next_job_++) ReadJob(j, reader);
    });
  }
}

FileReaders::~FileReaders() {
  for (std::thread& t : threads_) t.join();
}

WorkerEvent FileReaders::Next() {
  std::unique_lock<std::mutex> lock(mutex_);
  ready_.wait(lock, [&] { return !events_.empty(); });
  WorkerEvent event = std::move(events_.front());
  events_.pop();
  return event;
}

void FileReaders::Push(WorkerEvent event) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    events_.push(std::move(event));
  }
  ready_.notify_one();
}

// A failed file is not completed, so the next run tries it again, from its first page not stored.
void FileReaders::ReadJob(std::size_t j, PageReader& reader) {
  const FileJob& job = jobs_[j];
  Result<std::unique_ptr<ScanPages>> source = ScanPages::Open(job.path, limits_);
  if (!source.ok()) {
    Push({j, WorkerEvent::kFileFailed, 0, {}, source.status().message()});
    return;
  }
  ScanPages& pages = **source;
  for (int i = 0; i < pages.count(); ++i) {
    if (job.stored_pages.count(i)) continue;
    std::string failure;
    try {
      Result<GreyImage> image = pages.Page(i);
      if (image.ok()) {
        Push({j, WorkerEvent::kPage, 0, ToRecord(i, reader.Read(*image)), ""});
        continue;
      }
      failure = image.status().message();
    } catch (const std::bad_alloc&) {
      failure = PageName(job.path, i, pages.count()) +
                "not enough memory to read it; run the scan again with fewer --jobs";
    } catch (const std::exception& e) {  // e.g. an OpenCV error: this file fails, not the run
      failure = PageName(job.path, i, pages.count()) + "cannot be read (" + e.what() +
                "); run the scan again";
    }
    Push({j, WorkerEvent::kFileFailed, 0, {}, failure});
    return;
  }
  Push({j, WorkerEvent::kFileDone, pages.count(), {}, ""});
}

}  // namespace phieu
