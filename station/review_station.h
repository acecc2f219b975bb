#pragma once
// The review station's web application (`phieu serve`): its page, and the API that signs people in
// and out, lists the queue, hands each reviewer the next item (claimed for them), shows its crops
// and records their decisions through review/review_decision.h, exactly as `phieu review decide`
// does. Routes, JSON shapes and error codes are in README.md ("The review station").
//
// Every /api route but sign-in needs a signed-in session (else 401); every POST but sign-in needs
// the session's CSRF token in the X-CSRF-Token header (else 403). Failures answer
// {"error": message} with 400 (a bad request or value), 403 (a reviewer asking for the
// supervisor's progress), 404 (no such item or route), 405 (a route
// used with the wrong method), 409 (the item is claimed by another reviewer, or the caller's claim
// ran out) or 500 (the database or an archived scan cannot be read); nothing is stored then.
// Handle() may be called from several threads at once.

#include <cstdint>
#include <functional>
#include <memory>

#include "station/http_types.h"
#include "store/database.h"

namespace phieu {

struct StationOptions {
  std::int64_t claim_seconds = 300;             // how long an item shown stays claimed
  std::int64_t session_idle_seconds = 8 * 3600;  // a session unused this long ends
  std::function<std::int64_t()> now;            // seconds; empty = the system clock
};

class ReviewStation {
 public:
  // Serves `db`, which must outlive the station.
  explicit ReviewStation(Database& db, StationOptions options = {});
  ~ReviewStation();
  ReviewStation(const ReviewStation&) = delete;
  ReviewStation& operator=(const ReviewStation&) = delete;

  // The answer to `request`.
  HttpResponse Handle(const HttpRequest& request);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace phieu
