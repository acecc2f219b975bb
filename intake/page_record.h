#pragma once
// A page reading (scanner/page_reader.h) as the store keeps it (store/scan_store.h): the raw
// scores and how the page was found, nothing decided.

#include "scanner/page_reader.h"
#include "store/scan_store.h"

namespace phieu {

// The record of `reading`, page `index` (from 0) of its file. Never fails: every reading, a
// refused page too, is stored.
PageRecord ToRecord(int index, const PageReading& reading);

}  // namespace phieu
