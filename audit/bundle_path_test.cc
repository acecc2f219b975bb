#include "audit/bundle_path.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace phieu {
namespace {

namespace fs = std::filesystem;

TEST(BundlePathTest, OnlyRelativePathsOfNamesAreInsideTheBundle) {
  EXPECT_TRUE(IsBundleRelativePath("d.db"));
  EXPECT_TRUE(IsBundleRelativePath("d.archive/ab/abcd.png"));
  EXPECT_TRUE(IsBundleRelativePath("a..b"));
  for (const char* outside : {"", "/etc/passwd", "../victim.db", "a/../../b", "a/..", "./d.db",
                              "a//b", "a/", ".."}) {
    EXPECT_FALSE(IsBundleRelativePath(outside)) << outside;
  }
}

class BundlePathFolderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device random;
    dir_ = fs::temp_directory_path() /
           ("phieu-bundle-path-" + std::to_string(getpid()) + "-" + std::to_string(random()));
    fs::create_directories(dir_ / "bundle/d.archive/ab");
    std::ofstream(dir_ / "victim.db") << "outside";
    std::ofstream(dir_ / "bundle/d.db") << "inside";
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  std::string Bundle() const { return (dir_ / "bundle").string(); }
  fs::path dir_;
};

TEST_F(BundlePathFolderTest, APlainOrMissingFileResolvesInsideTheBundle) {
  auto path = PathInBundle(Bundle(), "d.db");
  ASSERT_TRUE(path.ok()) << path.status().message();
  EXPECT_EQ(*path, (dir_ / "bundle/d.db").string());
  path = PathInBundle(Bundle(), "d.archive/ab/missing.png");
  ASSERT_TRUE(path.ok()) << path.status().message();
  EXPECT_EQ(*path, (dir_ / "bundle/d.archive/ab/missing.png").string());
}

TEST_F(BundlePathFolderTest, APathLeavingTheBundleIsRefused) {
  EXPECT_EQ(PathInBundle(Bundle(), "../victim.db").status().message(),
            "'../victim.db' is not a path inside the bundle");
  EXPECT_EQ(PathInBundle(Bundle(), "/etc/passwd").status().message(),
            "'/etc/passwd' is not a path inside the bundle");
}

TEST_F(BundlePathFolderTest, ASymbolicLinkAnywhereOnThePathIsRefused) {
  fs::create_symlink(dir_ / "victim.db", dir_ / "bundle/link.db");
  EXPECT_EQ(PathInBundle(Bundle(), "link.db").status().message(),
            "'link.db' is a symbolic link: a bundle holds only plain files and folders");
  fs::create_directory_symlink(dir_, dir_ / "bundle/up");
  EXPECT_EQ(PathInBundle(Bundle(), "up/victim.db").status().message(),
            "'up' (in 'up/victim.db') is a symbolic link: a bundle holds only plain files and "
            "folders");
  // A dangling link is a link too.
  fs::create_symlink(dir_ / "nowhere", dir_ / "bundle/d.archive/ab/x.png");
  EXPECT_EQ(PathInBundle(Bundle(), "d.archive/ab/x.png").status().message(),
            "'d.archive/ab/x.png' is a symbolic link: a bundle holds only plain files and folders");
}

}  // namespace
}  // namespace phieu
