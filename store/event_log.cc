#include "store/event_log.h"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <utility>

#include "core/crypto.h"
#include "core/text.h"
#include "store/event_append.h"
#include "store/sqlite.h"

namespace phieu {
namespace {

using store_internal::Access;
using store_internal::Guard;
using store_internal::RecordDigester;
using store_internal::RecordRef;
using store_internal::Statement;

const std::string kGenesis(64, '0');  // the "previous hash" of the first event
constexpr std::size_t kMaxProblems = 50;

struct DigestedRecord {
  std::string record, key, digest;
};

// The hash over an event's records, in (record, key) order.
std::string RecordsHash(std::vector<DigestedRecord> records) {
  std::sort(records.begin(), records.end(), [](const auto& a, const auto& b) {
    return std::tie(a.record, a.key) < std::tie(b.record, b.key);
  });
  std::string text;
  for (const DigestedRecord& r : records) text += r.record + "\t" + r.key + "\t" + r.digest + "\n";
  return Sha256Hex(text);
}

std::string EventHash(const LogEvent& e) {
  return Sha256Hex(e.prev_hash + "\n" + std::to_string(e.seq) + "\n" + e.at + "\n" + e.kind +
                   "\n" + e.actor + "\n" + e.summary + "\n" + e.records_hash);
}

std::string CurrentLogin() {
  if (const passwd* pw = getpwuid(geteuid()); pw != nullptr && pw->pw_name != nullptr) {
    return pw->pw_name;
  }
  if (const char* user = std::getenv("USER"); user != nullptr && *user != '\0') return user;
  return "uid " + std::to_string(geteuid());
}

void Append(sqlite3* h, std::string_view kind, std::string_view summary,
            const std::vector<DigestedRecord>& records) {
  LogEvent e;
  Statement last(h, "SELECT seq, hash FROM event ORDER BY seq DESC LIMIT 1");
  e.seq = 1;
  e.prev_hash = kGenesis;
  if (last.Step()) {
    e.seq = last.Int(0) + 1;
    e.prev_hash = last.Text(1);
  }
  e.at = UtcTimestampNow();
  e.kind = kind;
  e.actor = CurrentLogin();
  e.summary = summary;
  e.records_hash = RecordsHash(records);
  e.hash = EventHash(e);
  Statement insert(h, "INSERT INTO event VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  insert.Bind(1, e.seq).Bind(2, e.at).Bind(3, e.kind).Bind(4, e.actor).Bind(5, e.summary);
  insert.Bind(6, e.records_hash).Bind(7, e.prev_hash).Bind(8, e.hash).Run();
  Statement record(h, "INSERT INTO event_record VALUES (?, ?, ?, ?)");
  for (const DigestedRecord& r : records) {
    record.Bind(1, e.seq).Bind(2, r.record).Bind(3, r.key).Bind(4, r.digest).Run();
    record.Reset();
  }
}

// Digests `refs`; a person's record brings its public part along (record_digest.h), which stays
// checkable when an audit bundle withholds the personal part.
std::vector<DigestedRecord> DigestAll(sqlite3* h, const std::vector<RecordRef>& refs) {
  RecordDigester digester(h);
  std::vector<DigestedRecord> records;
  records.reserve(refs.size());
  for (const RecordRef& ref : refs) {
    records.push_back({ref.record, ref.key, digester.Digest(ref)});
    if (ref.record == "sample_member") {
      const RecordRef part{"sample_member_public", ref.key};
      records.push_back({part.record, part.key, digester.Digest(part)});
    }
  }
  return records;
}

// The digest each record's last event recorded, with that event: (record, key) -> (digest, seq).
std::map<std::pair<std::string, std::string>, std::pair<std::string, std::int64_t>>
LastRecordedDigests(sqlite3* h) {
  std::map<std::pair<std::string, std::string>, std::pair<std::string, std::int64_t>> last;
  // SQLite takes the bare columns from the row holding the MAX().
  Statement s(h, "SELECT record, key, digest, MAX(event_seq) FROM event_record GROUP BY record, key");
  while (s.Step()) last[{s.Text(0), s.Text(1)}] = {s.Text(2), s.Int(3)};
  return last;
}

}  // namespace

namespace store_internal {

void AppendEvent(sqlite3* h, std::string_view kind, std::string_view summary,
                 const std::vector<RecordRef>& records) {
  Append(h, kind, summary, DigestAll(h, records));
}

int AppendEventForChanged(sqlite3* h, std::string_view kind, std::string_view summary,
                          const std::vector<RecordRef>& refs) {
  Statement last(h, "SELECT digest FROM event_record WHERE record = ? AND key = ? "
                    "ORDER BY event_seq DESC LIMIT 1");
  std::vector<DigestedRecord> changed;
  for (DigestedRecord& r : DigestAll(h, refs)) {
    last.Reset();
    last.Bind(1, r.record).Bind(2, r.key);
    if (last.Step() && last.Text(0) == r.digest) continue;
    changed.push_back(std::move(r));
  }
  Append(h, kind, summary, changed);
  return static_cast<int>(changed.size());
}

void AppendBaselineEvent(sqlite3* h) {
  RecordDigester digester(h);
  std::vector<RecordRef> refs;
  for (std::string_view kind : RecordKinds()) {
    if (kind == "sample_member_public") continue;  // comes with each sample_member
    for (std::string& key : digester.Keys(kind)) refs.push_back({std::string(kind), key});
  }
  AppendEvent(h, "upgrade", "records made before this database kept a log", refs);
}

void AppendPublicPartsEvent(sqlite3* h) {
  RecordDigester digester(h);
  std::vector<RecordRef> refs;
  for (std::string& key : digester.Keys("sample_member_public")) {
    refs.push_back({"sample_member_public", key});
  }
  AppendEvent(h, "upgrade", "the public part of every person's record, which audit bundles keep",
              refs);
}

}  // namespace store_internal

Result<std::vector<LogEvent>> ListEvents(Database& db) {
  sqlite3* h = Access::Handle(db);
  return Guard([&]() -> Result<std::vector<LogEvent>> {
    Statement s(h, "SELECT e.seq, e.at, e.kind, e.actor, e.summary, e.records_hash, e.prev_hash, "
                   "e.hash, (SELECT count(*) FROM event_record r WHERE r.event_seq = e.seq) "
                   "FROM event e ORDER BY e.seq");
    std::vector<LogEvent> events;
    while (s.Step()) {
      events.push_back({s.Int(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5),
                        s.Text(6), s.Text(7), static_cast<int>(s.Int(8))});
    }
    return events;
  });
}

Result<std::string> LogHead(Database& db) {
  sqlite3* h = Access::Handle(db);
  return Guard([&]() -> Result<std::string> {
    Statement s(h, "SELECT hash FROM event ORDER BY seq DESC LIMIT 1");
    return s.Step() ? s.Text(0) : std::string();
  });
}

namespace {

// The records an audit bundle's copy withheld (the `redaction` table; empty in a working
// database). Only the form secret, people's records and the words of write-ins may be withheld: any
// other entry is a problem.
template <typename Problem>
std::set<std::pair<std::string, std::string>> WithheldRecords(sqlite3* h, Problem& problem) {
  std::set<std::pair<std::string, std::string>> withheld;
  Statement s(h, "SELECT record, key FROM redaction ORDER BY record, key");
  while (s.Step()) {
    const std::string record = s.Text(0), key = s.Text(1);
    if ((record == "meta" && key == "form_secret") || record == "sample_member" ||
        record == "writein") {
      withheld.insert({record, key});
    } else {
      problem("redaction of " + record + " " + key +
              ": only the form secret, people's personal data and the text of write-ins may be "
              "withheld");
    }
  }
  return withheld;
}

// True when a withheld record really is emptied: the secret is empty; a person keeps no name,
// address, phone or extra column's value; a write-in keeps no text. The rest of a person's record is its public part, logged
// apart and checked like any record.
bool IsEmptied(sqlite3* h, const std::pair<std::string, std::string>& ref) {
  if (ref.first == "meta") {
    Statement s(h, "SELECT 1 FROM meta WHERE key = ?1 AND value = ''");
    s.Bind(1, ref.second);
    return s.Step();
  }
  if (ref.first == "writein") {
    Statement s(h, "SELECT 1 FROM writein WHERE id = ?1 AND text = ''");
    s.Bind(1, ref.second);
    return s.Step();
  }
  Statement s(h, "SELECT 1 FROM sample_member WHERE id = ?1 AND name = '' AND address = '' AND "
                 "phone = '' AND NOT EXISTS (SELECT 1 FROM sample_attribute WHERE member_id = ?1 "
                 "AND value <> '')");
  s.Bind(1, ref.second);
  return s.Step();
}

}  // namespace

Result<LogCheck> VerifyLog(Database& db) {
  auto events = ListEvents(db);
  if (!events.ok()) return events.status();
  sqlite3* h = Access::Handle(db);
  return Guard([&]() -> Result<LogCheck> {
    LogCheck check;
    auto problem = [&](const std::string& text) {
      if (check.problems.size() < kMaxProblems) check.problems.push_back(text);
    };
    auto name = [](const LogEvent& e) {
      return "event " + std::to_string(e.seq) + " (" + e.kind + ", " + e.at + ")";
    };

    // 1. The chain: every link and every hash.
    Statement records(h, "SELECT event_seq, record, key, digest FROM event_record "
                         "ORDER BY event_seq, record, key");
    bool more = records.Step();
    std::string previous_hash = kGenesis;
    std::int64_t previous_seq = 0;
    for (const LogEvent& e : *events) {
      std::vector<DigestedRecord> written;
      while (more && records.Int(0) < e.seq) more = records.Step();  // rows of deleted events
      while (more && records.Int(0) == e.seq) {
        written.push_back({records.Text(1), records.Text(2), records.Text(3)});
        more = records.Step();
      }
      if (e.seq != previous_seq + 1) {
        problem(name(e) + ": event" +
                (e.seq == previous_seq + 2 ? " " + std::to_string(previous_seq + 1)
                                           : "s " + std::to_string(previous_seq + 1) + " to " +
                                                 std::to_string(e.seq - 1)) +
                " missing: deleted from the log");
      } else if (e.prev_hash != previous_hash) {
        problem(name(e) + ": does not follow the event before it (its previous hash differs): "
                          "an event before it was altered or replaced");
      }
      if (RecordsHash(written) != e.records_hash) {
        problem(name(e) + ": the list of records it wrote was altered");
      }
      if (EventHash(e) != e.hash) problem(name(e) + ": its content was altered (hash differs)");
      previous_hash = e.hash;
      previous_seq = e.seq;
    }
    check.events = static_cast<std::int64_t>(events->size());
    check.head = events->empty() ? "" : events->back().hash;

    // 2. Every record against the digest its last event recorded; none outside the log.
    std::map<std::int64_t, const LogEvent*> by_seq;
    for (const LogEvent& e : *events) by_seq[e.seq] = &e;
    auto written_by = [&](std::int64_t seq) {
      const auto it = by_seq.find(seq);
      return it == by_seq.end() ? "event " + std::to_string(seq) + " (missing)" : name(*it->second);
    };
    const auto last = LastRecordedDigests(h);
    const std::set<std::pair<std::string, std::string>> withheld = WithheldRecords(h, problem);
    RecordDigester digester(h);
    for (const auto& [ref, recorded] : last) {
      const std::string now = digester.Digest({ref.first, ref.second});
      ++check.records;
      if (now != recorded.first && withheld.contains(ref) && IsEmptied(h, ref)) {
        ++check.withheld;
      } else if (now.empty()) {
        problem(ref.first + " " + ref.second + ": deleted after " + written_by(recorded.second) +
                " recorded it");
      } else if (now != recorded.first) {
        problem(ref.first + " " + ref.second + ": changed after " + written_by(recorded.second) +
                " recorded it");
      }
    }
    for (std::string_view kind : store_internal::RecordKinds()) {
      for (const std::string& key : digester.Keys(kind)) {
        if (!last.contains({std::string(kind), key})) {
          problem(std::string(kind) + " " + key + ": not in the log (written outside phieu)");
        }
      }
    }
    return check;
  });
}

}  // namespace phieu
