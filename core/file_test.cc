#include "core/file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>

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

}  // namespace
}  // namespace phieu
