#pragma once
// Memory for reading many pages. A scanned page is megabytes (tens of megabytes at 600 dpi), and
// reading it allocates several page-sized buffers (the decoded image, its darkness, the upright
// crops). By default the C library hands every such buffer back to the system when it is freed
// and the kernel faults fresh zeroed pages in for the next one: measured on JPEG pages at 200 dpi
// (bench/scan_speed), that made reading a page cost 2.6 times decoding it instead of 1.5.

namespace phieu {

// Asks the C library to keep freed page-sized buffers for reuse instead of returning them to the
// system, for the rest of the process. Call once before reading many pages (a scan session, an
// audit's re-read, a benchmark); calling again does nothing more. The process then keeps, per
// reading thread, about the memory of its largest page read so far.
void KeepPageBuffersForReuse();

}  // namespace phieu
