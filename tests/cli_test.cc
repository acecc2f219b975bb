// End-to-end tests of the `phieu` executable: every test runs the real binary in a fresh folder of
// its own and checks the exit status, stdout and stderr separately, with the exact messages the
// commands print. What a command stored is checked through other commands (`sample list --csv`,
// `sample show-draw --csv`) and against truth computed here: the draw tickets are recomputed with
// the system's sha256sum, not with phieu's code.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iterator>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "tests/cli_test_util.h"

namespace phieu {
namespace {

namespace fs = std::filesystem;
using e2e::ChildOptions;
using e2e::Column;
using e2e::CsvRow;
using e2e::PhieuCliTest;
using e2e::ReadCsv;
using e2e::ReadText;
using e2e::RowOf;
using e2e::RunPhieuChild;
using e2e::RunResult;
using e2e::ShellQuote;
using e2e::WriteText;

constexpr std::string_view kUsageHint = "Run 'phieu --help' for the commands and options.\n";

// Lowercase hex SHA-256 of `text`, by the system's sha256sum: independent of phieu's crypto code.
std::string SystemSha256(const std::string& text) {
  return e2e::CommandOutput("printf '%s' " + ShellQuote(text) + " | sha256sum").substr(0, 64);
}

// A sample list as a spreadsheet saves it: byte-order mark, Vietnamese names, a quoted address
// holding a comma, an extra column (kept as an attribute) and an empty date.
constexpr std::string_view kGoodList =
    "\xEF\xBB\xBFid,unit,name,address,completed_on,household\r\n"
    "S001,Phường Đông Hòa,Nguyễn Văn An,\"Số 5, Tổ 3\",2026-03-01,4\r\n"
    "S002,Xã Phú Sơn,Trần Thị Bình,\"Số 7, Tổ 1\",2026-03-02,2\r\n"
    "S003,Xã Phú Sơn,Lê Đức Dũng,Thôn Đông,,5\r\n";

// Line 3 has an impossible date, line 4 repeats the id of line 2.
constexpr std::string_view kBadList =
    "id,unit,name,completed_on\n"
    "S101,Xã An Thịnh,Phạm Thu Hà,2026-04-01\n"
    "S102,Xã An Thịnh,Hoàng Minh Long,2026-13-45\n"
    "S101,Xã An Thịnh,Phan Ngọc Lan,2026-04-03\n";

constexpr std::string_view kTinySurvey =
    "name: tiny-test\n"
    "version: \"1\"\n"
    "title:\n"
    "  - PHIẾU THỬ\n"
    "sections:\n"
    "  - code: A\n"
    "    title: \"PHẦN A\"\n"
    "    questions:\n"
    "      - code: A1\n"
    "        kind: single\n"
    "        text: \"Ông/Bà có hài lòng không?\"\n"
    "        options:\n"
    "          - {code: \"1\", label: Rất hài lòng}\n"
    "          - {code: \"2\", label: Không hài lòng}\n";

// --- usage --------------------------------------------------------------------------------------

TEST_F(PhieuCliTest, HelpListsEveryCommandAndExits0) {
  const RunResult r = RunPhieu({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.err, "");
  for (const char* command : {"init", "surveys", "sample", "demo"}) {
    EXPECT_TRUE(std::regex_search(r.out, std::regex("\n +" + std::string(command) + " ")))
        << command << " missing from:\n"
        << r.out;
  }
}

TEST_F(PhieuCliTest, UsageErrorsExit2WithPhieuPrefixAndAHint) {
  struct Case {
    std::vector<std::string> args;
    std::string mentions;  // what stderr must name
  };
  const Case cases[] = {
      {{"frobnicate"}, ""},  // see UnknownCommandIsNamedInTheUsageError
      {{}, "a command is needed: init, period, surveys, sample, forms, scan, channel, verify, "
           "review, rescore, tally, report, export, audit, log, demo, serve, users"},
      {{"period"}, "'period' needs a command: set, show"},
      {{"channel", "import", "f.csv", "--map", "m.yaml"}, "--channel"},
      {{"review", "decide", "ABC/Q1", "2"}, "--by"},
      {{"verify", "--window"}, "--window"},
      {{"init"}, "--survey"},
      {{"surveys"}, "'surveys' needs a command: list, show"},
      {{"sample", "draw", "--seed", "s"}, "--frame"},
      {{"sample", "draw", "--frame", "f.csv", "--seed", "s", "--size", "3", "--per-stratum", "2"},
       "--size"},
      {{"sample", "draw", "--frame", "f.csv", "--seed", "s", "--size", "three"}, "three"},
      {{"sample", "draw", "--frame", "f.csv", "--seed", "s", "--size", "3", "--reserves", "-1"},
       "--reserves"},
      {{"sample", "replace", "S1"}, "--reason"},
      {{"demo", "--people", "3"}, "--people"},
  };
  for (const Case& c : cases) {
    std::string joined;
    for (const auto& a : c.args) joined += " " + a;
    SCOPED_TRACE("phieu" + joined);
    const RunResult r = RunPhieu(c.args, {{"PHIEU_DB", (dir_ / "x.db").string()}});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_TRUE(r.err.starts_with("phieu: ")) << r.err;
    EXPECT_TRUE(r.err.ends_with(kUsageHint)) << r.err;
    EXPECT_NE(r.err.find(c.mentions), std::string::npos) << r.err;
  }
  EXPECT_FALSE(fs::exists(dir_ / "x.db"));
}

// A mistyped command is named, so the user sees which word was wrong.
TEST_F(PhieuCliTest, UnknownCommandIsNamedInTheUsageError) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"frobnicate"}, {"sample", "frobnicate"}}) {
    SCOPED_TRACE(args.front());
    const RunResult r = RunPhieu(args);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("frobnicate"), std::string::npos) << r.err;
  }
}

// A bad number is refused in one short line a person can read.
TEST_F(PhieuCliTest, NegativeReservesIsRefusedWithAReadableMessage) {
  const RunResult r = RunPhieu({"sample", "draw", "--frame", "f.csv", "--seed", "s", "--size", "3",
                                "--reserves", "-1", "--db", "d.db"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(r.err.starts_with("phieu: --reserves")) << r.err;
  EXPECT_LT(r.err.find('\n'), 100u) << r.err;
}

// --- surveys ------------------------------------------------------------------------------------

TEST_F(PhieuCliTest, SurveysListNamesEveryBuiltinSurveyInNameOrder) {
  const std::string out = RunOk({"surveys", "list"});
  std::istringstream lines(out);
  std::string line, first_word;
  std::vector<std::string> names;
  std::getline(lines, line);
  EXPECT_TRUE(line.starts_with("NAME ")) << line;
  while (std::getline(lines, line)) {
    std::istringstream(line) >> first_word;
    names.push_back(first_word);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"hanoi-2014", "mscore", "sipas-2017", "sipas-2022"}));
}

TEST_F(PhieuCliTest, SurveysShowPrintsTheDefinitionAsYaml) {
  for (const char* name : {"sipas-2022", "sipas-2017", "hanoi-2014", "mscore"}) {
    SCOPED_TRACE(name);
    const std::string yaml = RunOk({"surveys", "show", name});
    EXPECT_NE(yaml.find("\nname: " + std::string(name) + "\n"), std::string::npos);
    EXPECT_NE(yaml.find("\nsections:\n"), std::string::npos);
  }
  EXPECT_NE(RunOk({"surveys", "show", "sipas-2022"}).find("Rất hài lòng"), std::string::npos);
}

TEST_F(PhieuCliTest, SurveysShowOfAnUnknownNameExits1) {
  const RunResult r = RunPhieu({"surveys", "show", "nope"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "phieu: no built-in survey called 'nope'; see 'phieu surveys list'\n");
}

// --- init ---------------------------------------------------------------------------------------

TEST_F(PhieuCliTest, InitCreatesTheDatabaseWithTheListedContentHash) {
  const std::string out = RunOk({"init", "--survey", "sipas-2022", "--db", "survey.db"});
  std::smatch match;
  ASSERT_TRUE(std::regex_match(
      out, match,
      std::regex("Created survey\\.db for survey sipas-2022 [^ ]+ \\(content hash ([0-9a-f]{16})"
                 "\\.\\.\\.\\)\n")))
      << out;
  EXPECT_TRUE(fs::is_regular_file(dir_ / "survey.db"));
  // `surveys list` shows the first 12 digits of the same hash.
  EXPECT_TRUE(std::regex_search(
      RunOk({"surveys", "list"}),
      std::regex("\nsipas-2022 +[^ ]+ +[0-9]+ +" + match[1].str().substr(0, 12) + " ")));
}

TEST_F(PhieuCliTest, ADiskThatCannotTakeTheDatabasesWorkingFilesIsSaidSoNotNotAPhieuDatabase) {
  Init("survey.db");
  const std::string before = ReadText(dir_ / "survey.db");
  // Files may not grow past 16 KB, as on a full disk: SQLite cannot size its -shm file.
  ChildOptions full;
  full.file_size = 16 * 1024;
  const RunResult r = RunPhieuChild(dir_, {"log", "verify", "--db", "survey.db"}, full).result;
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_EQ(r.err,
            "phieu: survey.db: cannot be read (disk I/O error): the disk may be full, failing or "
            "read-only, or its folder not writable (SQLite keeps its -wal and -shm files beside "
            "it). Fix that and run the command again; nothing was changed\n");
  EXPECT_EQ(ReadText(dir_ / "survey.db"), before);
  EXPECT_EQ(RunPhieu({"log", "verify", "--db", "survey.db"}).exit_code, 0);
}

TEST_F(PhieuCliTest, InitRefusesAnExistingFileAndLeavesItAlone) {
  Init("survey.db");
  WriteText(dir_ / "notes.txt", "not a database");
  const std::string before = ReadText(dir_ / "survey.db");
  for (const std::string file : {"survey.db", "notes.txt"}) {
    SCOPED_TRACE(file);
    const RunResult r = RunPhieu({"init", "--survey", "mscore", "--db", file});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "phieu: " + file +
                         " already exists; choose another --db or move the old file away\n");
  }
  EXPECT_EQ(ReadText(dir_ / "survey.db"), before);
  EXPECT_EQ(ReadText(dir_ / "notes.txt"), "not a database");
}

TEST_F(PhieuCliTest, InitFromASurveyYamlFile) {
  WriteText(dir_ / "tiny.yaml", kTinySurvey);
  const std::string out = RunOk({"init", "--survey", "tiny.yaml", "--db", "tiny.db"});
  EXPECT_TRUE(out.starts_with("Created tiny.db for survey tiny-test 1 (content hash ")) << out;
  EXPECT_TRUE(fs::is_regular_file(dir_ / "tiny.db"));
}

TEST_F(PhieuCliTest, InitWithABadSurveyExits1NamingFileAndLineAndCreatesNothing) {
  struct Case {
    std::string survey;
    std::string yaml;  // written to `survey` when not empty
    std::string err;
  };
  std::string unknown_key(kTinySurvey);
  unknown_key.insert(unknown_key.find("sections:"), "colour: blue\n");  // becomes line 5
  const Case cases[] = {
      {"nope", "", "phieu: no built-in survey or file called 'nope'; see 'phieu surveys list'\n"},
      {"missing.yaml", "", "phieu: missing.yaml: no such file\n"},
      {"colour.yaml", unknown_key, "phieu: colour.yaml:5: unknown key 'colour' in the survey\n"},
      {"syntax.yaml", "name: [unclosed\n", "phieu: syntax.yaml:2: YAML syntax error: "},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.survey);
    if (!c.yaml.empty()) WriteText(dir_ / c.survey, c.yaml);
    const RunResult r = RunPhieu({"init", "--survey", c.survey, "--db", "new.db"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.out, "");
    if (c.err.ends_with("\n")) {
      EXPECT_EQ(r.err, c.err);
    } else {
      EXPECT_TRUE(r.err.starts_with(c.err)) << r.err;
    }
    EXPECT_FALSE(fs::exists(dir_ / "new.db"));
  }
}

TEST_F(PhieuCliTest, PhieuDbVariableIsUsedWhenDbIsAbsentAndDbWins) {
  const std::string env_db = (dir_ / "from-env.db").string();
  const std::map<std::string, std::string> env = {{"PHIEU_DB", env_db}};
  const RunResult init = RunPhieu({"init", "--survey", "sipas-2022"}, env);
  EXPECT_EQ(init.exit_code, 0) << init.err;
  EXPECT_TRUE(init.out.starts_with("Created " + env_db + " for survey sipas-2022 ")) << init.out;
  EXPECT_TRUE(fs::is_regular_file(env_db));

  WriteText(dir_ / "good.csv", kGoodList);
  const RunResult import = RunPhieu({"sample", "import", "good.csv"}, env);
  EXPECT_EQ(import.exit_code, 0) << import.err;
  EXPECT_EQ(import.out, "Imported good.csv: 3 new, 0 already in the sample.\n");

  // --db is preferred over the variable.
  const RunResult list = RunPhieu({"sample", "list", "--db", "other.db"}, env);
  EXPECT_EQ(list.exit_code, 1);
  EXPECT_EQ(list.err,
            "phieu: other.db does not exist; create it with 'phieu init --survey NAME --db "
            "other.db'\n");
  EXPECT_FALSE(fs::exists(dir_ / "other.db"));
}

// --- sample import ------------------------------------------------------------------------------

TEST_F(PhieuCliTest, SampleImportAddsTheListOnceAndKeepsEveryField) {
  Init("s.db");
  WriteText(dir_ / "good.csv", kGoodList);
  EXPECT_EQ(RunOk({"sample", "import", "good.csv", "--db", "s.db"}),
            "Imported good.csv: 3 new, 0 already in the sample.\n");

  const std::string listed = RunOk({"sample", "list", "--csv", "--db", "s.db"});
  const std::vector<CsvRow> rows = ReadCsv(listed);
  EXPECT_EQ(Column(rows, "id"), (std::vector<std::string>{"S001", "S002", "S003"}));
  EXPECT_EQ(Column(rows, "name"),
            (std::vector<std::string>{"Nguyễn Văn An", "Trần Thị Bình", "Lê Đức Dũng"}));
  EXPECT_EQ(Column(rows, "unit"),
            (std::vector<std::string>{"Phường Đông Hòa", "Xã Phú Sơn", "Xã Phú Sơn"}));
  EXPECT_EQ(Column(rows, "address"),
            (std::vector<std::string>{"Số 5, Tổ 3", "Số 7, Tổ 1", "Thôn Đông"}));
  EXPECT_EQ(Column(rows, "completed_on"),
            (std::vector<std::string>{"2026-03-01", "2026-03-02", ""}));
  EXPECT_EQ(Column(rows, "household"), (std::vector<std::string>{"4", "2", "5"}));
  EXPECT_EQ(Column(rows, "status"), (std::vector<std::string>{"sampled", "sampled", "sampled"}));

  EXPECT_EQ(RunOk({"sample", "import", "good.csv", "--db", "s.db"}),
            "good.csv was imported before; nothing changed.\n");
  EXPECT_EQ(RunOk({"sample", "list", "--csv", "--db", "s.db"}), listed);
}

TEST_F(PhieuCliTest, SampleImportOfABadCsvNamesEveryBadLineAndImportsNothing) {
  Init("s.db");
  WriteText(dir_ / "good.csv", kGoodList);
  RunOk({"sample", "import", "good.csv", "--db", "s.db"});
  const std::string before = RunOk({"sample", "list", "--csv", "--db", "s.db"});

  WriteText(dir_ / "bad.csv", kBadList);
  const RunResult r = RunPhieu({"sample", "import", "bad.csv", "--db", "s.db"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "phieu: bad.csv:3: completed_on '2026-13-45' is not a date written YYYY-MM-DD\n"
            "bad.csv:4: id 'S101' appears twice (first on line 2)\n"
            "Nothing was imported; fix the file and run again.\n");

  const std::string after = RunOk({"sample", "list", "--csv", "--db", "s.db"});
  EXPECT_EQ(after, before);
  EXPECT_EQ(Column(ReadCsv(after), "id"), (std::vector<std::string>{"S001", "S002", "S003"}));
}

// --- sample draw --------------------------------------------------------------------------------

constexpr char kSeed[] = "xo-so-2026-06-01";

// Draws 24 of the frame in frame.csv by unit, with 2 reserves per unit, into d.db.
std::vector<std::string> DrawCommand(const std::string& seed) {
  return {"sample", "draw", "--frame", "frame.csv",  "--seed", seed,   "--size",
          "24",     "--by", "unit",    "--reserves", "2",      "--db", "d.db"};
}

TEST_F(PhieuCliTest, SampleDrawOfABadFrameNamesTheLineAndDrawsNothing) {
  Init("d.db");
  WriteText(dir_ / "frame.csv", "id,unit,completed_on\nA1,U1,2026-01-01\nA2,U1,2026-02-30\n");
  const RunResult r = RunPhieu(
      {"sample", "draw", "--frame", "frame.csv", "--seed", kSeed, "--size", "1", "--db", "d.db"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "phieu: frame.csv:3: completed_on '2026-02-30' is not a date written YYYY-MM-DD\n"
            "Nothing was drawn; fix the frame and run again.\n");
  const RunResult shown = RunPhieu({"sample", "show-draw", "--db", "d.db"});
  EXPECT_EQ(shown.exit_code, 1);
  EXPECT_EQ(shown.err, "phieu: no sample was drawn in d.db\n");
}

TEST_F(PhieuCliTest, SampleDrawStoresTheTicketsAnyoneCanRecompute) {
  Init("d.db");
  const std::map<std::string, std::string> unit_of = WriteFrame("frame.csv", 150);
  EXPECT_EQ(RunOk(DrawCommand(kSeed)),
            "Drew 24 of 150 records in 6 strata (size 24, allocated in proportion to stratum "
            "size), with 12 reserve(s).\n"
            "Seed 'xo-so-2026-06-01'; anyone can recompute the draw: see 'phieu sample "
            "show-draw'.\n");

  const std::vector<CsvRow> drawn =
      ReadCsv(RunOk({"sample", "show-draw", "--csv", "--db", "d.db"}));
  ASSERT_EQ(drawn.size(), 24u + 6 * 2);
  const std::vector<std::string> ids = Column(drawn, "id");
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size()) << "an id twice";

  // The truth, from the frame and sha256sum alone: in each unit, frame ids ordered by ticket; the
  // first `sampled` are drawn, the next two are the reserves.
  std::map<std::string, std::string> ticket_of;
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> by_unit;
  for (const auto& [id, unit] : unit_of) {
    ticket_of[id] = SystemSha256(std::string(kSeed) + "," + id);
    by_unit[unit].emplace_back(ticket_of[id], id);
  }
  std::map<std::string, int> sampled_in;
  for (const CsvRow& row : drawn) sampled_in[row.at("stratum")] += row.at("drawn_as") == "sampled";
  EXPECT_EQ(sampled_in.size(), 6u);

  std::vector<CsvRow> expected;
  for (auto& [unit, tickets] : by_unit) {
    std::sort(tickets.begin(), tickets.end());
    const int sampled = sampled_in[unit];
    for (int k = 0; k < sampled + 2; ++k) {
      expected.push_back({{"stratum", unit},
                          {"rank", std::to_string(k + 1)},
                          {"drawn_as", k < sampled ? "sampled" : "reserve"},
                          {"id", tickets[k].second},
                          {"ticket", tickets[k].first}});
    }
  }
  EXPECT_EQ(drawn, expected);

  // The sample list holds the drawn people: the sampled by default, with the reserves on --all.
  EXPECT_EQ(ReadCsv(RunOk({"sample", "list", "--csv", "--db", "d.db"})).size(), 24u);
  const std::vector<CsvRow> all =
      ReadCsv(RunOk({"sample", "list", "--all", "--csv", "--db", "d.db"}));
  ASSERT_EQ(all.size(), drawn.size());
  for (const CsvRow& row : all) {
    EXPECT_EQ(row.at("unit"), unit_of.at(row.at("id")));
    EXPECT_EQ(row.at("ticket"), ticket_of.at(row.at("id")));
  }
}

TEST_F(PhieuCliTest, SameDrawAgainChangesNothingAndAnotherSeedIsRefused) {
  Init("d.db");
  WriteFrame("frame.csv", 150);
  RunOk(DrawCommand(kSeed));
  const std::string shown = RunOk({"sample", "show-draw", "--csv", "--db", "d.db"});

  EXPECT_EQ(RunOk(DrawCommand(kSeed)),
            "This draw (same seed, frame and size) is already stored; nothing changed.\n");

  const RunResult r = RunPhieu(DrawCommand("another-seed"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(r.err.starts_with("phieu: this database already holds a draw (seed '" +
                                std::string(kSeed) + "', drawn "))
      << r.err;
  EXPECT_TRUE(r.err.ends_with("); a database holds one draw, so use a new database for another\n"))
      << r.err;
  EXPECT_EQ(RunOk({"sample", "show-draw", "--csv", "--db", "d.db"}), shown);
}

// A list naming an unused reserve must not report it as "already in the sample" while it stays
// out of the sample list: the import is refused and changes nothing.
TEST_F(PhieuCliTest, SampleImportNeverSaysAnUnusedReserveIsAlreadyInTheSample) {
  Init("d.db");
  WriteText(dir_ / "frame.csv", "id,unit\nS1,U1\nS2,U1\nS3,U1\n");
  RunOk({"sample", "draw", "--frame", "frame.csv", "--seed", kSeed, "--size", "1", "--reserves",
         "1", "--db", "d.db"});
  std::string reserve;
  for (const CsvRow& row : ReadCsv(RunOk({"sample", "show-draw", "--csv", "--db", "d.db"}))) {
    if (row.at("drawn_as") == "reserve") reserve = row.at("id");
  }
  ASSERT_NE(reserve, "");

  // A list naming the reserve, with the same data as the frame.
  WriteText(dir_ / "list.csv", "id,unit\n" + reserve + ",U1\n");
  const RunResult r = RunPhieu({"sample", "import", "list.csv", "--db", "d.db"});
  const std::vector<std::string> sampled =
      Column(ReadCsv(RunOk({"sample", "list", "--csv", "--db", "d.db"})), "id");
  const bool in_sample = std::find(sampled.begin(), sampled.end(), reserve) != sampled.end();
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "phieu: list.csv:2: id '" + reserve +
                       "' is already in the sample as an unused reserve; use 'phieu sample "
                       "replace' instead\nNothing was imported.\n");
  EXPECT_FALSE(in_sample);
}

// --- sample replace -----------------------------------------------------------------------------

TEST_F(PhieuCliTest, SampleReplaceTakesTheReservesOfTheSameStratumInOrderUntilNoneIsLeft) {
  Init("d.db");
  WriteFrame("frame.csv", 150);
  RunOk(DrawCommand(kSeed));
  // The largest stratum, its sampled people and its reserves in rank order.
  const std::string unit = "Phường Đông Hòa";
  std::vector<std::string> sampled, reserves;
  for (const CsvRow& row : ReadCsv(RunOk({"sample", "show-draw", "--csv", "--db", "d.db"}))) {
    if (row.at("stratum") != unit) continue;
    (row.at("drawn_as") == "sampled" ? sampled : reserves).push_back(row.at("id"));
  }
  ASSERT_GE(sampled.size(), 3u);
  ASSERT_EQ(reserves.size(), 2u);
  const auto list_all = [&] {
    return ReadCsv(RunOk({"sample", "list", "--all", "--csv", "--db", "d.db"}));
  };

  // A reason outside the list is a usage error and changes nothing.
  const std::vector<CsvRow> before = list_all();
  const RunResult bogus =
      RunPhieu({"sample", "replace", sampled[0], "--reason", "bogus", "--db", "d.db"});
  EXPECT_EQ(bogus.exit_code, 2);
  EXPECT_EQ(bogus.out, "");
  EXPECT_TRUE(bogus.err.starts_with(
      "phieu: --reason: bogus not in {moved,deceased,absent,refused,wrong-address}"))
      << bogus.err;
  EXPECT_EQ(list_all(), before);

  EXPECT_EQ(RunOk({"sample", "replace", sampled[0], "--reason", "absent", "--db", "d.db"}),
            "Replaced " + sampled[0] + " (absent) by reserve " + reserves[0] + " of stratum '" +
                unit + "'.\n");
  std::vector<CsvRow> all = list_all();
  EXPECT_EQ(RowOf(all, sampled[0]).at("status"), "replaced");
  EXPECT_EQ(RowOf(all, sampled[0]).at("replaced_by"), reserves[0]);
  EXPECT_EQ(RowOf(all, reserves[0]).at("status"), "sampled");
  EXPECT_EQ(RowOf(all, reserves[0]).at("replaces"), sampled[0]);
  EXPECT_EQ(RowOf(all, reserves[1]).at("status"), "reserve");

  EXPECT_EQ(RunOk({"sample", "replace", sampled[1], "--reason", "moved", "--db", "d.db"}),
            "Replaced " + sampled[1] + " (moved) by reserve " + reserves[1] + " of stratum '" +
                unit + "'.\n");
  all = list_all();
  EXPECT_EQ(RowOf(all, reserves[1]).at("status"), "sampled");
  EXPECT_EQ(RowOf(all, reserves[1]).at("replaces"), sampled[1]);

  const RunResult none =
      RunPhieu({"sample", "replace", sampled[2], "--reason", "refused", "--db", "d.db"});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_EQ(none.out, "");
  EXPECT_EQ(none.err, "phieu: no reserve left in stratum '" + unit + "' to replace '" + sampled[2] +
                          "'; every reserve drawn for it is in use\n");
  EXPECT_EQ(list_all(), all);

  // The sampled list still has 24 people: two replaced, two reserves in their place.
  EXPECT_EQ(ReadCsv(RunOk({"sample", "list", "--csv", "--db", "d.db"})).size(), 24u);
}

// --- demo ---------------------------------------------------------------------------------------

TEST_F(PhieuCliTest, DemoRunsInItsFolderAndAgainInTheSameFolder) {
  for (int run = 1; run <= 2; ++run) {
    SCOPED_TRACE("run " + std::to_string(run));
    // A small sample keeps the test quick (it runs under the sanitizers too).
    const RunResult r = RunPhieu({"demo", "--dir", "demo", "--people", "30"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // stderr carries only progress: rendering forms, scanning pages (plain lines: no terminal).
    std::istringstream progress(r.err);
    for (std::string line; std::getline(progress, line);) {
      EXPECT_TRUE(line.starts_with("Rendering forms: ") || line.starts_with("Scanning pages: ") ||
                  line.starts_with("Reading archived pages again: "))
          << line;
    }
    const std::string& out = r.out;
    EXPECT_NE(out.find("== 17/17 "), std::string::npos) << out;
    // The auditors' re-read agrees with the machine (they read what the generator meant); of the
    // unreturned forms drawn for the delivery check, the first person says they never received
    // theirs, and the verdict names that finding. The bundle passes every check on the same
    // machine.
    EXPECT_NE(out.find(" câu (100,0 %, ngưỡng 99,0 %); kiểm tra phát phiếu: liên hệ được "),
              std::string::npos)
        << out;
    EXPECT_NE(out.find(", 1 người không nhận được phiếu (điều tra viên "), std::string::npos)
        << out;
    EXPECT_NE(out.find(". KHÔNG ĐẠT: 1 phiếu báo chưa thu về nhưng người được khảo sát không "
                       "nhận được phiếu.\n"),
              std::string::npos)
        << out;
    EXPECT_NE(out.find("\n  never delivered:   1 of "), std::string::npos) << out;
    EXPECT_NE(out.find("All 5 checks pass"), std::string::npos) << out;
    EXPECT_NE(out.find("Report:        demo/report.pdf\n"), std::string::npos) << out;
    EXPECT_NE(out.find("The log is intact"), std::string::npos) << out;
    // The empty sheet is never read. The page with the stained QR code is identified by OCR of
    // its printed code, or, when Tesseract misreads a character of this run's random code (about
    // one code in twenty per look; the check character catches it), refused as unidentified:
    // never read as another form.
    const bool stained_read =
        out.find("  pages not read:       1\n    1 × blank: a blank page\n") != std::string::npos;
    const bool stained_refused =
        out.find("  pages not read:       2\n    1 × blank: a blank page\n    1 × unidentified: "
                 "the QR code is damaged and the printed form code cannot be read with a valid "
                 "check character\n") != std::string::npos;
    EXPECT_TRUE(stained_read || stained_refused) << out;
    EXPECT_TRUE(fs::is_regular_file(dir_ / "demo" / "forms.pdf"));
    EXPECT_TRUE(fs::is_regular_file(dir_ / "demo" / "delivery-list.pdf"));
    EXPECT_TRUE(fs::is_regular_file(dir_ / "demo" / "phieu.db"));
    // The three forms that came back (a tenth of 30, at least 3), each with a verdict.
    const std::string answers_csv = ReadText(dir_ / "demo" / "answers.csv");
    ASSERT_TRUE(answers_csv.starts_with("\xEF\xBB\xBF" "form,sample,unit,collector,status,"));
    const std::vector<CsvRow> answers = ReadCsv(answers_csv.substr(3));
    EXPECT_EQ(answers.size(), 3u);
    for (const CsvRow& row : answers) EXPECT_NE(row.at("status"), "") << row.at("form");
    // The sample size asked for, with one person replaced by a reserve.
    const std::vector<CsvRow> sampled =
        ReadCsv(RunOk({"sample", "list", "--csv", "--db", "demo/phieu.db"}));
    EXPECT_EQ(sampled.size(), 30u);
    EXPECT_EQ(std::count_if(sampled.begin(), sampled.end(),
                            [](const CsvRow& row) { return !row.at("replaces").empty(); }),
              1);
    // Each collector's returns came back as that collector's batch: no custody signal.
    const std::string signals = RunOk({"verify", "--signals", "--db", "demo/phieu.db"});
    EXPECT_EQ(signals.find("custody"), std::string::npos) << signals;
    EXPECT_EQ(signals.find("issued to collector"), std::string::npos) << signals;
  }
}

// Every kind of PDF phieu writes (form, delivery list, retrieval list, audit sheets, audit
// comparison, report) is in the demo's folder, and each is clean for qpdf and poppler, with
// every font embedded.
TEST_F(PhieuCliTest, EveryPdfTheDemoWritesIsCleanAndEmbedsEveryFont) {
  if (!e2e::PdfCheckersInstalled()) {
    GTEST_SKIP() << "qpdf, pdftotext or pdffonts is not installed (scripts/install-deps.sh)";
  }
  const RunResult r = RunPhieu({"demo", "--dir", "demo", "--people", "30"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::set<std::string> pdfs;
  for (const auto& entry : fs::recursive_directory_iterator(dir_ / "demo")) {
    if (entry.path().extension() != ".pdf") continue;
    pdfs.insert(fs::relative(entry.path(), dir_ / "demo").string());
    EXPECT_EQ(e2e::PdfProblems(entry.path()), "") << entry.path();
  }
  for (const char* kind : {"forms.pdf", "delivery-list.pdf", "retrieval-list.pdf",
                           "audit-sheets.pdf", "audit.pdf", "report.pdf"}) {
    EXPECT_EQ(pdfs.count(kind), 1u) << kind;
  }
}

TEST_F(PhieuCliTest, DemoRefusesAFolderItDidNotMakeAndDeletesNothing) {
  fs::create_directory(dir_ / "mine");
  WriteText(dir_ / "mine" / "notes.txt", "keep me");
  WriteText(dir_ / "a-file", "keep me too");
  struct Case {
    std::string dir;
    std::string err;
  };
  const Case cases[] = {
      {"mine", "phieu: mine is not empty and was not made by 'phieu demo'; choose another --dir\n"},
      {"a-file", "phieu: a-file: is a file, not a folder\n"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.dir);
    const RunResult r = RunPhieu({"demo", "--dir", c.dir, "--people", "20"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, c.err);
  }
  EXPECT_EQ(ReadText(dir_ / "mine" / "notes.txt"), "keep me");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_ / "mine"), fs::directory_iterator()), 1);
  EXPECT_EQ(ReadText(dir_ / "a-file"), "keep me too");
}

}  // namespace
}  // namespace phieu
