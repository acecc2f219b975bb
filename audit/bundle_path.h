#pragma once
// Paths inside an audit bundle. A bundle is plain files and folders handed over by someone else:
// every path it names (the manifest's file lines and its `database` and `report-formula` facts,
// the archive paths in the bundled database) is resolved here, before anything is opened, so
// that `phieu audit check` never reads outside the bundle.

#include <string>
#include <string_view>

#include "core/status.h"

namespace phieu {

// Whether `relative` is written as a path inside a bundle: not empty, not absolute, and every
// '/'-separated part a name (not empty, ".", or "..").
bool IsBundleRelativePath(std::string_view relative);

// The path of `relative` inside the bundle folder `bundle`, checked without opening anything.
// Fails with "'../victim.db' is not a path inside the bundle" (IsBundleRelativePath) or, when a
// part of it in the bundle is a symbolic link, "'d.db' is a symbolic link: a bundle holds only
// plain files and folders" (naming the linked part, "'d.archive' (in 'd.archive/ab/x.png') ...").
// A path that does not exist is not refused here: opening it reports it missing.
Result<std::string> PathInBundle(const std::string& bundle, std::string_view relative);

}  // namespace phieu
