#include "core/file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <thread>
#include <vector>

#include "core/crypto.h"

namespace phieu {
namespace {

namespace fs = std::filesystem;

class HashFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device random;
    dir_ = fs::temp_directory_path() /
           ("phieu-hash-file-" + std::to_string(getpid()) + "-" + std::to_string(random()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  fs::path dir_;
};

TEST_F(HashFileTest, AFileOfManyPiecesHashesAsItsWholeBytes) {
  std::string bytes;
  for (unsigned i = 0; i < 300000; ++i) bytes += static_cast<char>(i * 7919u % 251u);
  std::ofstream(dir_ / "big.bin", std::ios::binary) << bytes;
  std::ofstream(dir_ / "empty.bin", std::ios::binary);
  auto digest = HashFile((dir_ / "big.bin").string());
  ASSERT_TRUE(digest.ok()) << digest.status().message();
  EXPECT_EQ(digest->sha256, Sha256Hex(bytes));
  EXPECT_EQ(digest->bytes, 300000);
  digest = HashFile((dir_ / "empty.bin").string());
  ASSERT_TRUE(digest.ok()) << digest.status().message();
  EXPECT_EQ(digest->sha256, Sha256Hex(""));
  EXPECT_EQ(digest->bytes, 0);
}

TEST_F(HashFileTest, ALinkAFifoAFolderAndAMissingFileAreRefusedUnopened) {
  std::ofstream(dir_ / "target") << "x";
  fs::create_symlink(dir_ / "target", dir_ / "link");
  ASSERT_EQ(mkfifo((dir_ / "fifo").c_str(), 0600), 0);
  const std::string at = dir_.string() + "/";
  EXPECT_EQ(HashFile(at + "link").status().message(), at + "link: is a symbolic link");
  EXPECT_EQ(HashFile(at + "fifo").status().message(), at + "fifo: is not a plain file");
  EXPECT_EQ(HashFile(dir_.string()).status().message(), dir_.string() + ": is not a plain file");
  EXPECT_EQ(HashFile(at + "missing").status().message(), at + "missing: no such file");
}

// The same fresh folder for the writes.
using WriteFileTest = HashFileTest;

TEST_F(WriteFileTest, TemporaryNamesAreUniqueWithinAProcessAndCarryItsId) {
  const std::string a = TemporaryNameFor("out/forms.pdf");
  const std::string b = TemporaryNameFor("out/forms.pdf");
  EXPECT_NE(a, b);
  const std::string prefix = "out/forms.pdf." + std::to_string(getpid()) + "-";
  EXPECT_TRUE(a.starts_with(prefix) && a.ends_with(".partial")) << a;
  EXPECT_TRUE(b.starts_with(prefix) && b.ends_with(".partial")) << b;
}

TEST_F(WriteFileTest, AnAtomicWriteReplacesTheFileWholeAndLeavesNoTemporaryFile) {
  const std::string path = (dir_ / "answers.csv").string();
  ASSERT_TRUE(WriteFileAtomically(path, "old").ok());
  ASSERT_TRUE(WriteFileAtomically(path, "new, longer").ok());
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir_)) names.push_back(entry.path().filename());
  EXPECT_EQ(names, std::vector<std::string>{"answers.csv"});
  std::ifstream in(path, std::ios::binary);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), "new, longer");
}

// Two writers of one path at once (two scans archiving the same file): each writes a temporary
// file of its own, both succeed, and the file is one of the two whole.
TEST_F(WriteFileTest, ConcurrentAtomicWritesOfOnePathAllSucceedAndLeaveOneWholeFile) {
  const std::string path = (dir_ / "scan.png").string();
  const std::string a(1 << 20, 'a'), b(1 << 20, 'b');
  std::vector<std::thread> writers;
  std::vector<Status> results(8);
  for (int i = 0; i < 8; ++i) {
    writers.emplace_back([&, i] {
      for (int k = 0; k < 5 && results[i].ok(); ++k) {
        results[i] = WriteFileAtomically(path, i % 2 ? a : b);
      }
    });
  }
  for (std::thread& w : writers) w.join();
  for (const Status& s : results) EXPECT_TRUE(s.ok()) << s.message();
  std::ifstream in(path, std::ios::binary);
  const std::string bytes(std::istreambuf_iterator<char>(in), {});
  EXPECT_TRUE(bytes == a || bytes == b) << bytes.size() << " bytes";
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir_)) names.push_back(entry.path().filename());
  EXPECT_EQ(names, std::vector<std::string>{"scan.png"});
}

TEST_F(WriteFileTest, AnAtomicWriteIntoAMissingFolderFailsNamingThePath) {
  const std::string path = (dir_ / "no-such-folder" / "out.pdf").string();
  EXPECT_EQ(WriteFileAtomically(path, "x").message(),
            path + ": cannot write (No such file or directory)");
}

// A file written in pieces is not under its name until Commit(): before, the old bytes are; a
// writer dropped without Commit() leaves the old file and no temporary one.
TEST_F(WriteFileTest, APieceByPieceWriteAppearsWholeOnlyOnCommit) {
  const std::string path = (dir_ / "forms.pdf").string();
  ASSERT_TRUE(WriteFileAtomically(path, "old").ok());
  const auto read = [&] {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  const auto names = [&] {
    std::vector<std::string> found;
    for (const auto& entry : fs::directory_iterator(dir_)) found.push_back(entry.path().filename());
    return found;
  };
  {
    auto dropped = AtomicFileWriter::Create(path);
    ASSERT_TRUE(dropped.ok()) << dropped.status().message();
    ASSERT_TRUE((*dropped)->Append("half").ok());
    EXPECT_EQ(read(), "old");
  }
  EXPECT_EQ(names(), std::vector<std::string>{"forms.pdf"});
  EXPECT_EQ(read(), "old");
  auto writer = AtomicFileWriter::Create(path);
  ASSERT_TRUE(writer.ok()) << writer.status().message();
  ASSERT_TRUE((*writer)->Append("new, ").ok());
  ASSERT_TRUE((*writer)->Append("in pieces").ok());
  EXPECT_EQ(read(), "old");
  ASSERT_TRUE((*writer)->Commit().ok());
  EXPECT_EQ(read(), "new, in pieces");
  EXPECT_EQ(names(), std::vector<std::string>{"forms.pdf"});
  EXPECT_EQ(
      AtomicFileWriter::Create((dir_ / "no-such-folder" / "out.pdf").string()).status().message(),
      (dir_ / "no-such-folder" / "out.pdf").string() +
          ": cannot write (No such file or directory)");
}

}  // namespace
}  // namespace phieu
