#pragma once
// The period a survey database's run belongs to (core/period.h), stored and logged.

#include <optional>

#include "core/period.h"
#include "core/status.h"
#include "store/database.h"

namespace phieu {

// Sets the run's period, logged as a "period" event. Setting the period it already has changes
// nothing. Once a page has been scanned or a channel file imported the period is fixed: a
// different one is refused with "PATH: the period is 2026-Q1 and cannot change: 12 pages have
// been scanned and 1 channel file imported in it; start a new database for another period".
Status SetPeriod(Database& db, const Period& period);

// The run's period, or nullopt when none was set (a database made before periods existed, or
// without --period).
Result<std::optional<Period>> LoadPeriod(Database& db);

}  // namespace phieu
