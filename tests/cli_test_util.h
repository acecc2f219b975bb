#pragma once
// What the end-to-end tests of the `phieu` executable share: a fixture that runs the real binary
// (PHIEU_BINARY, set by tests/CMakeLists.txt) in a fresh folder of its own, and small readers of
// its output written here, so that phieu's output is never read back with phieu's own code.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "tests/synthetic/synthetic_frame.h"

namespace phieu::e2e {

namespace fs = std::filesystem;

struct RunResult {
  int exit_code = -1;  // 128 + signal number when the process was killed
  std::string out;
  std::string err;
};

// `text` quoted for /bin/sh.
inline std::string ShellQuote(std::string_view text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// The standard output of shell `command` (a tool outside phieu: sha256sum, pdftotext, python3).
inline std::string CommandOutput(const std::string& command) {
  std::string out;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[4096];
    while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
    pclose(pipe);
  }
  return out;
}

inline std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void WriteText(const fs::path& path, std::string_view text) {
  std::ofstream(path, std::ios::binary) << text;
}

// A CSV text as rows of column -> value. A small reader of its own (quotes, doubled quotes,
// CRLF), so that phieu's output is not read back with phieu's own CSV code.
using CsvRow = std::map<std::string, std::string>;
inline std::vector<CsvRow> ReadCsv(std::string_view text) {
  std::vector<std::vector<std::string>> records(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    std::string& field = records.back().back();
    if (quoted) {
      if (c != '"') {
        field += c;
      } else if (i + 1 < text.size() && text[i + 1] == '"') {
        field += '"', ++i;
      } else {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      records.back().emplace_back();
    } else if (c == '\n') {
      records.emplace_back(1);
    } else if (c != '\r') {
      field += c;
    }
  }
  if (records.back() == std::vector<std::string>(1)) records.pop_back();  // after the last line end
  std::vector<CsvRow> rows;
  for (std::size_t r = 1; r < records.size(); ++r) {
    EXPECT_EQ(records[r].size(), records[0].size()) << "CSV record " << r << " of:\n" << text;
    CsvRow row;
    for (std::size_t c = 0; c < records[0].size() && c < records[r].size(); ++c) {
      row[records[0][c]] = records[r][c];
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// The values of `column` in `rows`, in order.
inline std::vector<std::string> Column(const std::vector<CsvRow>& rows, const std::string& column) {
  std::vector<std::string> values;
  for (const CsvRow& row : rows) values.push_back(row.at(column));
  return values;
}

// The row whose `id` is `id` (an empty row when there is none).
inline CsvRow RowOf(const std::vector<CsvRow>& rows, const std::string& id) {
  for (const CsvRow& row : rows) {
    if (row.at("id") == id) return row;
  }
  ADD_FAILURE() << "no row with id " << id;
  return {};
}

// Runs phieu with `args` in the folder `dir`, with PHIEU_DB unset unless `env` sets it, and
// standard input empty. stdout and stderr go to two hidden files in `dir`, read and removed here.
inline RunResult RunPhieuIn(const fs::path& dir, const std::vector<std::string>& args,
                            const std::map<std::string, std::string>& env = {}) {
  const fs::path out = dir / ".stdout", err = dir / ".stderr";
  std::string command = "cd " + ShellQuote(dir.string()) + " && unset PHIEU_DB &&";
  for (const auto& [name, value] : env) command += " " + name + "=" + ShellQuote(value);
  command += " " + ShellQuote(PHIEU_BINARY);
  for (const std::string& arg : args) command += " " + ShellQuote(arg);
  command += " <" + ShellQuote("/dev/null") + " >" + ShellQuote(out.string()) + " 2>" +
             ShellQuote(err.string());
  const int status = std::system(command.c_str());
  RunResult result;
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.exit_code = 128 + WTERMSIG(status);
  result.out = ReadText(out);
  result.err = ReadText(err);
  fs::remove(out);
  fs::remove(err);
  return result;
}

class PhieuCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::random_device random;
    do {
      dir_ =
          fs::temp_directory_path() / ("phieu-cli-test-" + test + "-" + std::to_string(getpid()) +
                                       "-" + std::to_string(random()));
    } while (!fs::create_directory(dir_));
  }

  void TearDown() override {
    // Every command was given --db or PHIEU_DB, so none may fall back to ./phieu.db.
    EXPECT_FALSE(fs::exists(dir_ / "phieu.db"));
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  // Runs phieu with `args` in the test's folder (RunPhieuIn).
  RunResult RunPhieu(const std::vector<std::string>& args,
                     const std::map<std::string, std::string>& env = {}) const {
    return RunPhieuIn(dir_, args, env);
  }

  // Runs a command that must succeed silently on stderr; returns its stdout.
  std::string RunOk(const std::vector<std::string>& args) const {
    const RunResult r = RunPhieu(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    return r.out;
  }

  // Creates `db` for sipas-2022.
  void Init(const std::string& db) const { RunOk({"init", "--survey", "sipas-2022", "--db", db}); }

  // Writes a synthetic frame of `records` people in six units to `file`; returns id -> unit.
  std::map<std::string, std::string> WriteFrame(const std::string& file, int records) const {
    SyntheticFrameOptions options;
    options.records = records;
    const std::string csv = SyntheticFrameCsv(options);
    WriteText(dir_ / file, csv);
    std::map<std::string, std::string> unit_of;
    for (const CsvRow& row : ReadCsv(csv)) unit_of[row.at("id")] = row.at("unit");
    return unit_of;
  }

  fs::path dir_;
};

// The lines of `text`.
inline std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The lines of `text` that start with `prefix`.
inline std::vector<std::string> LinesStartingWith(const std::string& text, const std::string& prefix) {
  std::vector<std::string> found;
  for (const std::string& line : Lines(text)) {
    if (line.starts_with(prefix)) found.push_back(line);
  }
  return found;
}

// The sheet names of the workbook at `path` and whether its zip is sound, read with Python's
// zipfile (outside phieu): "ok" or the zip's complaint on the first line, then one name a line.
inline std::string XlsxSheets(const fs::path& path) {
  const std::string script =
      "import sys, zipfile, xml.etree.ElementTree as ET\n"
      "z = zipfile.ZipFile(sys.argv[1])\n"
      "bad = z.testzip()\n"
      "print('ok' if bad is None else 'bad member ' + bad)\n"
      "for e in ET.fromstring(z.read('xl/workbook.xml')).iter():\n"
      "    if e.tag.endswith('}sheet'): print(e.get('name'))\n";
  const std::string command =
      "/usr/bin/python3 -c " + ShellQuote(script) + " " + ShellQuote(path.string()) + " 2>&1";
  return CommandOutput(command);
}

}  // namespace phieu::e2e
