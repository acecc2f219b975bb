#include "store/output_guard.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace phieu {
namespace {

namespace fs = std::filesystem;

// Each test works in a fresh folder of its own, made the working directory, holding "phieu.db"
// and its archive "phieu.archive/ab/abcd.png".
class OutputGuardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    previous_ = fs::current_path();
    std::random_device random;
    dir_ = fs::temp_directory_path() /
           ("phieu-output-guard-" + std::to_string(getpid()) + "-" + std::to_string(random()));
    fs::create_directories(dir_ / "phieu.archive/ab");
    fs::current_path(dir_);
    Write("phieu.db", "SQLite format 3");
    Write("phieu.archive/ab/abcd.png", "png");
  }
  void TearDown() override {
    fs::current_path(previous_);
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  static void Write(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
  }
  // The message of CheckOutputPath(output, "--out", "phieu.db", inputs); "" when allowed.
  static std::string Refusal(const std::string& output, const std::vector<GuardedInput>& inputs = {}) {
    const Status s = CheckOutputPath(output, "--out", "phieu.db", inputs);
    if (!s.ok()) {
      EXPECT_TRUE(s.usage_error()) << s.message();
    }
    return s.message();
  }

  fs::path dir_, previous_;
};

TEST_F(OutputGuardTest, AnOrdinaryNewOrExistingFileIsAllowed) {
  EXPECT_EQ(Refusal("answers.csv"), "");
  Write("old.csv", "x");
  EXPECT_EQ(Refusal("old.csv"), "");
  EXPECT_EQ(Refusal(""), "");
  EXPECT_EQ(Refusal("phieu.db.csv"), "");
  EXPECT_EQ(Refusal("phieu.archive.pdf"), "");
}

TEST_F(OutputGuardTest, TheDatabaseIsRefusedRelativeOrAbsoluteNamingBothPaths) {
  EXPECT_EQ(Refusal("phieu.db"),
            "refusing to write phieu.db: it is the survey database phieu.db; choose another --out");
  const std::string absolute = (dir_ / "phieu.db").string();
  EXPECT_EQ(Refusal(absolute), "refusing to write " + absolute +
                                   ": it is the survey database phieu.db; choose another --out");
  fs::create_directory("sub");
  EXPECT_EQ(Refusal("sub/../phieu.db"), "refusing to write sub/../phieu.db: it is the survey "
                                        "database phieu.db; choose another --out");
  EXPECT_EQ(CheckOutputPath("phieu.db", "--out", absolute).message(),
            "refusing to write phieu.db: it is the survey database " + absolute +
                "; choose another --out");
}

TEST_F(OutputGuardTest, ASymbolicLinkToTheDatabaseIsRefused) {
  fs::create_symlink("phieu.db", "link.csv");
  EXPECT_EQ(Refusal("link.csv"),
            "refusing to write link.csv: it is the survey database phieu.db; choose another --out");
  // A link to the database's folder, then the database's name.
  fs::create_directory_symlink(dir_, "here");
  EXPECT_EQ(Refusal("here/phieu.db"), "refusing to write here/phieu.db: it is the survey database "
                                      "phieu.db; choose another --out");
}

TEST_F(OutputGuardTest, AHardLinkToTheDatabaseIsRefused) {
  fs::create_hard_link("phieu.db", "hard.csv");
  EXPECT_EQ(Refusal("hard.csv"),
            "refusing to write hard.csv: it is the survey database phieu.db; choose another --out");
}

TEST_F(OutputGuardTest, TheJournalFilesAreRefusedWhetherOrNotTheyExist) {
  EXPECT_EQ(Refusal("phieu.db-wal"), "refusing to write phieu.db-wal: it is the survey database's "
                                     "write-ahead log phieu.db-wal; choose another --out");
  Write("phieu.db-shm", "");
  EXPECT_EQ(Refusal("phieu.db-shm"), "refusing to write phieu.db-shm: it is the survey database's "
                                     "shared-memory file phieu.db-shm; choose another --out");
  EXPECT_EQ(Refusal("phieu.db-journal"), "refusing to write phieu.db-journal: it is the survey "
                                         "database's journal phieu.db-journal; choose another --out");
}

TEST_F(OutputGuardTest, TheArchiveAndAnythingInsideItAreRefused) {
  EXPECT_EQ(Refusal("phieu.archive"), "refusing to write phieu.archive: it is the scan archive "
                                      "phieu.archive; choose another --out");
  EXPECT_EQ(Refusal("phieu.archive/"), "refusing to write phieu.archive/: it is the scan archive "
                                       "phieu.archive; choose another --out");
  EXPECT_EQ(Refusal("phieu.archive/ab/abcd.png"),
            "refusing to write phieu.archive/ab/abcd.png: it is inside the scan archive "
            "phieu.archive; choose another --out");
  EXPECT_EQ(Refusal("phieu.archive/new/sub/crop.png"),
            "refusing to write phieu.archive/new/sub/crop.png: it is inside the scan archive "
            "phieu.archive; choose another --out");
  fs::create_directory_symlink("phieu.archive/ab", "scans");
  EXPECT_EQ(Refusal("scans/crop.png"), "refusing to write scans/crop.png: it is inside the scan "
                                       "archive phieu.archive; choose another --out");
  fs::create_hard_link("phieu.archive/ab/abcd.png", "copy.png");
  EXPECT_EQ(Refusal("copy.png"), "refusing to write copy.png: it is inside the scan archive "
                                 "phieu.archive; choose another --out");
}

TEST_F(OutputGuardTest, AnInputOfTheSameRunIsRefusedByWhatItIs) {
  Write("f.yaml", "formula");
  const std::vector<GuardedInput> inputs = {{"the formula file", "f.yaml"},
                                            {"the --pdf output", "list.pdf"}};
  EXPECT_EQ(Refusal("f.yaml", inputs),
            "refusing to write f.yaml: it is the formula file f.yaml; choose another --out");
  EXPECT_EQ(Refusal("./list.pdf", inputs),
            "refusing to write ./list.pdf: it is the --pdf output list.pdf; choose another --out");
  fs::create_hard_link("f.yaml", "g.yaml");
  EXPECT_EQ(Refusal("g.yaml", inputs),
            "refusing to write g.yaml: it is the formula file f.yaml; choose another --out");
  EXPECT_EQ(Refusal("other.csv", inputs), "");
}

}  // namespace
}  // namespace phieu
