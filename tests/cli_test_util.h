#pragma once
// What the end-to-end tests of the `phieu` executable share: a fixture that runs the real binary
// (PHIEU_BINARY, set by tests/CMakeLists.txt) in a fresh folder of its own, and small readers of
// its output written here, so that phieu's output is never read back with phieu's own code.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "synthetic/synthetic_frame.h"
#include "tests/support/command_output.h"

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
using test_support::CommandOutput;

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

// How PhieuProcess runs phieu, and when it kills it.
struct ChildOptions {
  std::map<std::string, std::string> env;  // set for phieu, over the test's own (PHIEU_DB unset)
  rlim_t address_space = 0;                // RLIMIT_AS in bytes; 0: no limit
  rlim_t file_size = 0;  // RLIMIT_FSIZE in bytes, SIGXFSZ ignored: a write or extension of a
                         // file past it fails (EFBIG) as on a full disk; 0: no limit
  // Asked every few milliseconds while phieu runs, with the time since it started: phieu is
  // killed (SIGKILL) the first time it says yes. Empty: phieu runs to its end.
  std::function<bool(std::chrono::milliseconds)> kill_when;
  // Phieu is killed after this long whatever happens, and the test fails: a hang ends the test.
  std::chrono::seconds timeout{300};
};

// Kills phieu `delay` after it started.
inline std::function<bool(std::chrono::milliseconds)> KillAfter(std::chrono::milliseconds delay) {
  return [delay](std::chrono::milliseconds elapsed) { return elapsed >= delay; };
}

// How a PhieuProcess ended.
struct ChildRun {
  RunResult result;     // exit_code is 128 + 9 when phieu was killed
  bool killed = false;  // killed because kill_when said so (not a crash, not the timeout)
  long max_rss_kb = 0;  // phieu's peak resident memory (wait4)
};

// `phieu ARGS...` run as a child process of the test, in `dir`, with standard input empty and its
// stdout and stderr in hidden files of `dir` of its own (read and removed by Wait()): several can
// run at once on one folder. The child only redirects, limits and execs (async-signal-safe
// calls), so this is sound in a test program with threads and under the sanitizers.
class PhieuProcess {
 public:
  PhieuProcess(const fs::path& dir, const std::vector<std::string>& args, ChildOptions options = {})
      : options_(std::move(options)), start_(std::chrono::steady_clock::now()) {
    static std::atomic<int> counter{0};
    const std::string name = ".phieu-" + std::to_string(getpid()) + "-" + std::to_string(counter++);
    out_ = dir / (name + ".stdout");
    err_ = dir / (name + ".stderr");
    // Everything the child needs is made here, before fork.
    std::vector<std::string> argv_text{PHIEU_BINARY};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::map<std::string, std::string> env;
    for (char** e = environ; *e != nullptr; ++e) {
      const std::string_view entry(*e);
      const std::size_t equals = entry.find('=');
      if (equals != std::string_view::npos) {
        env[std::string(entry.substr(0, equals))] = std::string(entry.substr(equals + 1));
      }
    }
    env.erase("PHIEU_DB");
    for (const auto& [key, value] : options_.env) env[key] = value;
    std::vector<std::string> env_text;
    for (const auto& [key, value] : env) env_text.push_back(key + "=" + value);
    std::vector<char*> argv, envp;
    for (std::string& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    for (std::string& e : env_text) envp.push_back(e.data());
    envp.push_back(nullptr);
    const std::string dir_text = dir.string(), out_text = out_.string(), err_text = err_.string();
    const rlimit limit{options_.address_space, options_.address_space};
    const rlimit file_limit{options_.file_size, options_.file_size};

    pid_ = fork();
    if (pid_ == 0) {
      if (chdir(dir_text.c_str()) != 0) _exit(126);
      const int in = open("/dev/null", O_RDONLY);
      const int o = open(out_text.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      const int e = open(err_text.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      if (in < 0 || o < 0 || e < 0) _exit(126);
      dup2(in, 0), dup2(o, 1), dup2(e, 2);
      if (options_.address_space > 0 && setrlimit(RLIMIT_AS, &limit) != 0) _exit(125);
      if (options_.file_size > 0) {
        signal(SIGXFSZ, SIG_IGN);  // kept across execve
        if (setrlimit(RLIMIT_FSIZE, &file_limit) != 0) _exit(125);
      }
      execve(argv[0], argv.data(), envp.data());
      _exit(127);
    }
    if (pid_ < 0) ADD_FAILURE() << "cannot fork: " << std::strerror(errno);
  }

  ~PhieuProcess() {
    if (pid_ > 0 && !ended_) {  // a test that returned early: no child is left behind
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    std::error_code ignored;
    fs::remove(out_, ignored);
    fs::remove(err_, ignored);
  }
  PhieuProcess(const PhieuProcess&) = delete;
  PhieuProcess& operator=(const PhieuProcess&) = delete;

  // Waits for phieu to end, killing it when kill_when says so (or at the timeout).
  ChildRun Wait() {
    ChildRun run;
    if (pid_ <= 0 || ended_) return run;
    int status = 0;
    rusage usage{};
    for (;;) {
      const pid_t done = wait4(pid_, &status, WNOHANG, &usage);
      if (done == pid_) break;
      if (done < 0 && errno != EINTR) {
        ADD_FAILURE() << "wait4: " << std::strerror(errno);
        return run;
      }
      const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::steady_clock::now() - start_);
      const bool timed_out = elapsed >= options_.timeout;
      if (timed_out || (options_.kill_when && options_.kill_when(elapsed))) {
        kill(pid_, SIGKILL);
        if (wait4(pid_, &status, 0, &usage) != pid_) ADD_FAILURE() << "wait4 after kill";
        if (timed_out) {
          ADD_FAILURE() << "phieu did not end within " << options_.timeout.count() << " s";
        }
        // It may have ended by itself just before the signal.
        run.killed = !timed_out && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
        break;
      }
      usleep(5000);
    }
    ended_ = true;
    run.result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    run.result.out = ReadText(out_);
    run.result.err = ReadText(err_);
    run.max_rss_kb = usage.ru_maxrss;
    return run;
  }

 private:
  ChildOptions options_;
  std::chrono::steady_clock::time_point start_;
  fs::path out_, err_;
  pid_t pid_ = -1;
  bool ended_ = false;
};

// Runs `phieu ARGS...` in `dir` as a PhieuProcess and waits for its end.
inline ChildRun RunPhieuChild(const fs::path& dir, const std::vector<std::string>& args,
                              ChildOptions options = {}) {
  return PhieuProcess(dir, args, std::move(options)).Wait();
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

// The cells of sheet `sheet` of the workbook at `path`, read with Python's zipfile and XML parser
// (outside phieu): one line per row that has cells, the cells' values separated by tabs, an empty
// field for an empty cell; text as written, numbers as Excel stores them ("1", "0", "2.5").
inline std::vector<std::vector<std::string>> XlsxRows(const fs::path& path,
                                                      const std::string& sheet) {
  const std::string script =
      "import sys, zipfile, re, xml.etree.ElementTree as ET\n"
      "ns = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}\n"
      "z = zipfile.ZipFile(sys.argv[1])\n"
      "rels = {r.get('Id'): r.get('Target') for r in "
      "ET.fromstring(z.read('xl/_rels/workbook.xml.rels'))}\n"
      "target = None\n"
      "for e in ET.fromstring(z.read('xl/workbook.xml')).iter('{%s}sheet' % ns['m']):\n"
      "    if e.get('name') == sys.argv[2]:\n"
      "        target = "
      "rels[e.get('{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id')]\n"
      "strings = []\n"
      "if 'xl/sharedStrings.xml' in z.namelist():\n"
      "    for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', ns):\n"
      "        strings.append(''.join(t.text or '' for t in si.iter('{%s}t' % ns['m'])))\n"
      "def col(ref):\n"
      "    n = 0\n"
      "    for ch in re.match('[A-Z]+', ref).group(0): n = n * 26 + ord(ch) - 64\n"
      "    return n - 1\n"
      "for row in ET.fromstring(z.read('xl/' + target)).iter('{%s}row' % ns['m']):\n"
      "    cells = {}\n"
      "    for c in row.findall('m:c', ns):\n"
      "        v = c.find('m:v', ns)\n"
      "        text = '' if v is None else v.text\n"
      "        if c.get('t') == 's': text = strings[int(text)]\n"
      "        cells[col(c.get('r'))] = text\n"
      "    if cells: print('\\t'.join(cells.get(i, '') for i in range(max(cells) + 1)))\n";
  const std::string command = "/usr/bin/python3 -c " + ShellQuote(script) + " " +
                              ShellQuote(path.string()) + " " + ShellQuote(sheet) + " 2>&1";
  std::vector<std::vector<std::string>> rows;
  std::istringstream lines(CommandOutput(command));
  for (std::string line; std::getline(lines, line);) {
    std::vector<std::string> cells;
    std::size_t start = 0;
    for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1) {
      cells.push_back(line.substr(start, tab - start));
    }
    cells.push_back(line.substr(start));
    rows.push_back(std::move(cells));
  }
  return rows;
}

// True when every tool PdfProblems runs is installed (qpdf; poppler-utils' pdftotext, pdffonts).
inline bool PdfCheckersInstalled() {
  return std::system(
             "command -v qpdf >/dev/null && command -v pdftotext >/dev/null && "
             "command -v pdffonts >/dev/null") == 0;
}

// What is wrong with the PDF at `path`, checked from outside phieu, one problem a line; empty
// when it is clean: `qpdf --check` finds no error or warning, poppler's pdftotext prints nothing
// on stderr (e.g. no "Invalid 'begincidrange' operator in ToUnicode CMap"), and pdffonts lists
// every font as embedded (no base-14 font left to the printer).
inline std::string PdfProblems(const fs::path& path) {
  const std::string file = ShellQuote(path.string());
  std::string problems;
  const std::string qpdf = CommandOutput("qpdf --check " + file + " 2>&1; echo \"exit $?\"");
  if (qpdf.find("No syntax or stream encoding errors found") == std::string::npos ||
      qpdf.find("WARNING") != std::string::npos || qpdf.find("\nexit 0\n") == std::string::npos) {
    problems += "qpdf --check: " + qpdf;
  }
  const std::string poppler = CommandOutput("pdftotext " + file + " /dev/null 2>&1");
  if (!poppler.empty()) problems += "pdftotext: " + poppler;
  // pdffonts: two header lines, then "name type encoding emb sub uni object ID" per font; the
  // name and the type may hold spaces, so the columns are read from the right.
  std::istringstream fonts(CommandOutput("pdffonts " + file + " 2>&1"));
  std::string line;
  for (int n = 0; std::getline(fonts, line); ++n) {
    if (n < 2) continue;
    std::istringstream words(line);
    std::vector<std::string> w;
    for (std::string word; words >> word;) w.push_back(word);
    if (w.size() < 7 || w[w.size() - 5] != "yes") problems += "font not embedded: " + line + "\n";
  }
  return problems;
}

}  // namespace phieu::e2e
