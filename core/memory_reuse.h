#pragma once
// Memory for work that allocates and frees big buffers over and over: reading many scanned pages
// (a page is megabytes, tens of megabytes at 600 dpi, and reading it allocates several
// page-sized buffers), building a report period after period. By default the C library hands
// such buffers back to the system when they are freed, and the kernel zeroes fresh pages for the
// next one: measured, that made reading a JPEG page at 200 dpi cost 2.6 times decoding it instead
// of 1.4 (bench/scan_speed), and a four-period report 40 % more processor time
// (bench/channels_bench.sh).

namespace phieu {

// Asks the C library to keep freed big buffers for reuse instead of returning them to the
// system, for the rest of the process. Call once before such work (a scan session, an audit's
// re-read, a report, a benchmark); calling again does nothing more. The process then keeps,
// per thread, about the memory of its largest buffers so far; its peak does not rise.
void KeepFreedMemoryForReuse();

}  // namespace phieu
