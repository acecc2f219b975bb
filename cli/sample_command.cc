// phieu sample import | draw | show-draw | replace | list: the sample list.

#include "cli/commands.h"
#include "core/crypto.h"
#include "core/csv.h"
#include "core/file.h"
#include "core/sample_draw.h"
#include "core/sample_list.h"
#include "core/text.h"
#include "store/database.h"
#include "store/sample_store.h"

namespace phieu {
namespace {

Result<std::unique_ptr<Database>> OpenDatabase(const std::string& flag) {
  return Database::Open(ResolveDatabasePath(flag));
}

// Reads and parses a sample list or frame file; returns its records and SHA-256.
struct ParsedList {
  std::vector<SampleRecord> records;
  std::string sha256;
};
// `consequence` is appended to a parse failure ("Nothing was imported ...").
Result<ParsedList> ReadSampleFile(const std::string& path, const std::string& consequence) {
  Result<std::string> bytes = ReadFile(path);
  if (!bytes.ok()) return bytes.status();
  Result<std::vector<SampleRecord>> records = ParseSampleList(*bytes, path);
  if (!records.ok()) {
    return Status::Error(records.status().message() + "\n" + consequence);
  }
  return ParsedList{std::move(records).value(), Sha256Hex(*bytes)};
}

}  // namespace

Status RunSampleImport(const std::string& db_flag, const std::string& file, std::ostream& out) {
  Result<ParsedList> list =
      ReadSampleFile(file, "Nothing was imported; fix the file and run again.");
  if (!list.ok()) return list.status();
  Result<std::unique_ptr<Database>> db = OpenDatabase(db_flag);
  if (!db.ok()) return db.status();
  Result<SampleImportSummary> summary = ImportSampleList(**db, file, list->sha256, list->records);
  if (!summary.ok()) {
    return Status::Error(summary.status().message() + "\nNothing was imported.");
  }
  if (summary->already_imported) {
    out << file << " was imported before; nothing changed.\n";
  } else {
    out << "Imported " << file << ": " << summary->added << " new, " << summary->unchanged
        << " already in the sample.\n";
  }
  return Status::Ok();
}

Status RunSampleDraw(const SampleDrawArgs& args, std::ostream& out) {
  Result<ParsedList> frame =
      ReadSampleFile(args.frame, "Nothing was drawn; fix the frame and run again.");
  if (!frame.ok()) return frame.status();
  DrawOptions options{args.seed, args.size, args.per_stratum, args.margin, args.by, args.reserves};
  Result<DrawResult> result = DrawSample(frame->records, options);
  if (!result.ok()) return result.status();
  Result<std::unique_ptr<Database>> db = OpenDatabase(args.db);
  if (!db.ok()) return db.status();
  const DrawInfo info{args.seed,
                      std::string(kDrawMethod),
                      args.frame,
                      frame->sha256,
                      static_cast<int>(frame->records.size()),
                      args.by,
                      result->size_rule,
                      args.reserves};
  Result<SaveDrawSummary> saved = SaveDraw(**db, info, *result);
  if (!saved.ok()) return saved.status();
  if (saved->already_drawn) {
    out << "This draw (same seed, frame and size) is already stored; nothing changed.\n";
    return Status::Ok();
  }
  int reserves = 0;
  for (const auto& s : result->strata) reserves += s.reserves;
  out << "Drew " << result->total_sampled << " of " << frame->records.size() << " records in "
      << result->strata.size() << " strat" << (result->strata.size() == 1 ? "um" : "a") << " ("
      << result->size_rule << "), with " << reserves << " reserve(s).\n";
  for (const std::string& note : result->notes) out << "Note: " << note << "\n";
  out << "Seed '" << args.seed
      << "'; anyone can recompute the draw: see 'phieu sample show-draw'.\n";
  return Status::Ok();
}

Status RunShowDraw(const std::string& db_flag, bool csv, std::ostream& out) {
  Result<std::unique_ptr<Database>> db = OpenDatabase(db_flag);
  if (!db.ok()) return db.status();
  Result<std::optional<StoredDraw>> loaded = LoadDraw(**db);
  if (!loaded.ok()) return loaded.status();
  if (!loaded->has_value()) return Status::Error("no sample was drawn in " + (*db)->path());
  const StoredDraw& draw = **loaded;
  if (csv) {
    WriteCsvRecord(out, {"stratum", "rank", "drawn_as", "id", "ticket"});
    for (const auto& e : draw.entries) {
      WriteCsvRecord(out,
                     {e.stratum, std::to_string(e.rank),
                      e.drawn_as == DrawRole::kSampled ? "sampled" : "reserve", e.id, e.ticket});
    }
    return Status::Ok();
  }
  const DrawInfo& i = draw.info;
  out << "Sample draw\n"
      << "  seed:          " << i.seed << "\n"
      << "  method:        " << i.method << "\n"
      << "  frame:         " << i.frame_file << " (" << i.frame_records << " records)\n"
      << "  frame sha256:  " << i.frame_sha256 << "\n"
      << "  stratified by: " << (i.stratify_by.empty() ? "(one stratum)" : i.stratify_by) << "\n"
      << "  size rule:     " << i.size_rule << "\n"
      << "  reserves:      " << i.reserves << " per stratum\n"
      << "  drawn at:      " << draw.drawn_at << "\n\n"
      << "To check: for every frame record, ticket = SHA-256 hex of SEED + \",\" + ID; in each\n"
      << "stratum sort by ticket ascending; the first n are drawn, the next are the reserves.\n\n";
  std::size_t width = 8;
  for (const auto& s : draw.strata) width = std::max(width, DisplayWidth(s.stratum) + 2);
  out << PadRight("STRATUM", width) << PadRight("FRAME", 8) << PadRight("SAMPLED", 9)
      << "RESERVES\n";
  for (const auto& s : draw.strata) {
    out << PadRight(s.stratum, width) << PadRight(std::to_string(s.frame_size), 8)
        << PadRight(std::to_string(s.sampled), 9) << s.reserves << "\n";
  }
  out << "\n"
      << PadRight("STRATUM", width) << PadRight("RANK", 6) << PadRight("DRAWN AS", 10)
      << PadRight("ID", 14) << "TICKET\n";
  for (const auto& e : draw.entries) {
    out << PadRight(e.stratum, width) << PadRight(std::to_string(e.rank), 6)
        << PadRight(e.drawn_as == DrawRole::kSampled ? "sampled" : "reserve", 10)
        << PadRight(e.id, 14) << e.ticket << "\n";
  }
  return Status::Ok();
}

Status RunSampleReplace(const std::string& db_flag, const std::string& id,
                        const std::string& reason, std::ostream& out) {
  Result<std::unique_ptr<Database>> db = OpenDatabase(db_flag);
  if (!db.ok()) return db.status();
  Result<Replacement> replacement = ReplaceSampleMember(**db, id, reason);
  if (!replacement.ok()) return replacement.status();
  out << "Replaced " << replacement->replaced_id << " (" << reason << ") by reserve "
      << replacement->reserve_id << " of stratum '" << replacement->stratum << "'.\n";
  return Status::Ok();
}

Status RunSampleList(const SampleListArgs& args, std::ostream& out) {
  Result<std::unique_ptr<Database>> db = OpenDatabase(args.db);
  if (!db.ok()) return db.status();
  Result<std::vector<SampleMember>> members = ListSample(**db, {args.unit, args.all});
  if (!members.ok()) return members.status();
  if (args.csv) {
    std::vector<std::string> header = SampleListColumns();
    for (const char* extra : {"status", "stratum", "rank", "ticket", "replaces", "replaced_by"}) {
      header.push_back(extra);
    }
    // Attribute columns: the union, in first-seen order.
    std::vector<std::string> attributes;
    for (const auto& m : *members) {
      for (const auto& [name, value] : m.record.attributes) {
        if (std::find(attributes.begin(), attributes.end(), name) == attributes.end()) {
          attributes.push_back(name);
        }
      }
    }
    header.insert(header.end(), attributes.begin(), attributes.end());
    WriteCsvRecord(out, header);
    for (const auto& m : *members) {
      std::vector<std::string> row;
      for (const std::string& column : SampleListColumns()) row.push_back(*m.record.Column(column));
      row.insert(row.end(),
                 {std::string(MemberStatusName(m.status)), m.stratum,
                  m.rank ? std::to_string(m.rank) : "", m.ticket, m.replaces, m.replaced_by});
      for (const auto& name : attributes) {
        const std::string* value = m.record.Column(name);
        row.push_back(value ? *value : "");
      }
      WriteCsvRecord(out, row);
    }
    return Status::Ok();
  }
  std::size_t unit_width = 6, name_width = 6;
  for (const auto& m : *members) {
    unit_width = std::max(unit_width, DisplayWidth(m.record.unit) + 2);
    name_width = std::max(name_width, DisplayWidth(m.record.name) + 2);
  }
  out << PadRight("#", 6) << PadRight("ID", 12) << PadRight("UNIT", unit_width)
      << PadRight("NAME", name_width) << PadRight("COLLECTOR", 11) << "STATUS\n";
  std::size_t shown = 0;
  for (const auto& m : *members) {
    if (args.limit != 0 && shown == args.limit) break;
    ++shown;
    std::string status(MemberStatusName(m.status));
    if (!m.replaces.empty()) status += " (replaces " + m.replaces + ")";
    if (!m.replaced_by.empty()) status += " (by " + m.replaced_by + ")";
    out << PadRight(std::to_string(m.position), 6) << PadRight(m.record.id, 12)
        << PadRight(m.record.unit, unit_width) << PadRight(m.record.name, name_width)
        << PadRight(m.record.collector, 11) << status << "\n";
  }
  if (shown < members->size()) out << "... " << members->size() - shown << " more\n";
  out << members->size() << " " << (args.all ? "member(s)" : "sampled")
      << (args.unit.empty() ? "" : " in " + args.unit) << "\n";
  return Status::Ok();
}

}  // namespace phieu
