#pragma once
// The worker pool of a scan session: threads that read the files' pages and report each page, in
// the order they finish, to the one thread that stores them.

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <queue>
#include <string>
#include <thread>
#include <vector>

#include "intake/reader_context.h"
#include "intake/scan_plan.h"
#include "scanner/image_source.h"
#include "store/scan_store.h"

namespace phieu {

// A worker's report: one page read, a file finished, or a file that failed to load.
struct WorkerEvent {
  std::size_t job = 0;  // index in the jobs given to FileReaders
  enum Kind { kPage, kFileDone, kFileFailed } kind = kPage;
  int pages = 0;      // kFileDone: pages in the file
  PageRecord page;    // kPage
  std::string error;  // kFileFailed: the message, naming the file (and page)
};

// Reads `jobs` on `threads` threads, each file by one thread, its pages not stored yet one at a
// time. A file that cannot be opened, is over a limit of `limits`, or has a page that cannot be
// decoded or read (for lack of memory too) is reported kFileFailed and no further. Every job ends
// with exactly one kFileDone or kFileFailed event. `context` and `jobs` must outlive this.
class FileReaders {
 public:
  FileReaders(const ReaderContext& context, const std::vector<FileJob>& jobs,
              const ScanLimits& limits, int threads);
  // Waits for the threads: every job is finished first.
  ~FileReaders();
  FileReaders(const FileReaders&) = delete;
  FileReaders& operator=(const FileReaders&) = delete;

  // The next event, waiting for one. Call it only while a job has not ended.
  WorkerEvent Next();

 private:
  void Push(WorkerEvent event);
  void ReadJob(std::size_t j, PageReader& reader);

  const std::vector<FileJob>& jobs_;
  const ScanLimits limits_;
  std::atomic<std::size_t> next_job_{0};
  std::mutex mutex_;
  std::condition_variable ready_;
  std::queue<WorkerEvent> events_;
  std::vector<std::thread> threads_;
};

}  // namespace phieu
