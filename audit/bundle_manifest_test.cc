#include "audit/bundle_manifest.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/crypto.h"
#include "store/test_util.h"

namespace phieu {
namespace {

// SHA-256 (python hashlib) of "abc", "hello" and "".
const std::string kAbc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
const std::string kHello = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
const std::string kEmpty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

// The manifest of two files given out of order, one with a space in its path: the text before
// its root line. The root is the SHA-256 (python hashlib) of these five lines.
std::string Body() {
  std::string text = "phieu-audit-bundle 1\n";
  text += "fact log_head 9f86d081\n";
  text += "fact survey sipas-2022 2022.1\n";
  text += "file " + kAbc + " 3 a.txt\n";
  text += "file " + kHello + " 5 scans/page 1.png\n";
  return text;
}
const std::string kRoot = "9e73527691c5c141ee4e44d42610e8b6fbbef90f6890cc971bc926299afb2d6b";

std::string Text() {
  return ManifestText({{"survey", "sipas-2022 2022.1"}, {"log_head", "9f86d081"}},
                      {{kHello, 5, "scans/page 1.png"}, {kAbc, 3, "a.txt"}});
}

// A manifest whose line 2 is `line` (root line right or not: the line is refused first).
std::string WithLine(const std::string& line) {
  const std::string body = "phieu-audit-bundle 1\n" + line + "\n";
  return body + "root " + Sha256Hex(body) + "\n";
}

std::string ParseError(const std::string& text) {
  const auto m = ParseManifest(text);
  return m.ok() ? "(parsed)" : m.status().message();
}

TEST(BundleManifestTest, TextListsFactsAndSortedFilesThenTheRootOfWhatCameBefore) {
  EXPECT_EQ(Text(), Body() + "root " + kRoot + "\n");
  EXPECT_EQ(Sha256Hex(Body()), kRoot);
}

TEST(BundleManifestTest, ParsingTheTextGivesBackFactsFilesAndTheSameRoot) {
  const auto m = ParseManifest(Text());
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->facts, (std::map<std::string, std::string>{{"log_head", "9f86d081"},
                                                          {"survey", "sipas-2022 2022.1"}}));
  ASSERT_EQ(m->files.size(), 2u);
  EXPECT_EQ(m->files[0].sha256, kAbc);
  EXPECT_EQ(m->files[0].bytes, 3);
  EXPECT_EQ(m->files[0].path, "a.txt");
  EXPECT_EQ(m->files[1].sha256, kHello);
  EXPECT_EQ(m->files[1].bytes, 5);
  EXPECT_EQ(m->files[1].path, "scans/page 1.png");
  EXPECT_EQ(m->root, kRoot);
  EXPECT_EQ(m->computed_root, kRoot);
}

TEST(BundleManifestTest, AChangedByteInAFileLineChangesTheComputedRoot) {
  std::string text = Text();
  const std::size_t at = text.find(" 3 a.txt");
  ASSERT_NE(at, std::string::npos);
  text[at + 1] = '4';
  const auto m = ParseManifest(text);
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->root, kRoot);  // as written
  // SHA-256 (python hashlib) of the body with "4 a.txt".
  EXPECT_EQ(m->computed_root, "007039abb379d4eb4aa0e0b567c1a42a3da68c8e12d4d45dfa8fe33c82a59103");
  EXPECT_EQ(m->files[0].bytes, 4);
}

TEST(BundleManifestTest, MalformedLinesAreNamedWithTheirLineNumber) {
  struct Case {
    std::string text, message;
  };
  const std::string good_file = "file " + kAbc + " 3 a.txt";
  const std::vector<Case> cases = {
      {"phieu-audit-bundle 2\n", "manifest.txt:1: not a phieu audit bundle manifest"},
      {WithLine("file abc 3 a.txt"), "manifest.txt:2: a file line is 'file SHA256 BYTES PATH'"},
      {WithLine("file " + std::string(64, 'A') + " 3 a.txt"),
       "manifest.txt:2: a file line is 'file SHA256 BYTES PATH'"},
      {WithLine("file " + kAbc + " 3"), "manifest.txt:2: a file line is 'file SHA256 BYTES PATH'"},
      {WithLine("file " + kAbc + " x a.txt"), "manifest.txt:2: 'x' is not a size in bytes"},
      {"phieu-audit-bundle 1\n" + good_file + "\nhello\n", "manifest.txt:3: unknown line 'hello'"},
      {WithLine(good_file) + "fact x y\n", "manifest.txt:4: text after the root line"},
      {"phieu-audit-bundle 1\n" + good_file,
       "manifest.txt: the last line has no line end: the file is cut short"},
      {"phieu-audit-bundle 1\n" + good_file + "\n",
       "manifest.txt has no root line: the file is cut short"},
      {"", "manifest.txt is empty"},
  };
  for (const Case& c : cases) EXPECT_EQ(ParseError(c.text), c.message) << c.text;
}

TEST(BundleManifestTest, PathsOutsideTheBundleAreRefused) {
  for (const std::string path : {"../secret.db", "scans/../../etc/passwd", "/etc/passwd", ".."}) {
    EXPECT_EQ(ParseError(WithLine("file " + kAbc + " 3 " + path)),
              "manifest.txt:2: '" + path + "' is not a path inside the bundle");
  }
}

// A size is digits only ("3x" and "-3" are not read as 3 and -3) and a path is never empty.
TEST(BundleManifestTest, SizesMustBeWholeNumbersAndPathsNotEmpty) {
  EXPECT_EQ(ParseError(WithLine("file " + kAbc + " 3x a.txt")),
            "manifest.txt:2: '3x' is not a size in bytes");
  EXPECT_EQ(ParseError(WithLine("file " + kAbc + " -3 a.txt")),
            "manifest.txt:2: '-3' is not a size in bytes");
  EXPECT_NE(ParseError(WithLine("file " + kAbc + " 3 ")), "(parsed)");
}

TEST(BundleManifestTest, HashFolderListsEveryFileRecursivelySortedButTheManifest) {
  TempFolder dir;
  dir.Write("b.txt", "hello");
  dir.Write("a/z.txt", "abc");
  dir.Write("a/sub/y.bin", "");
  dir.Write("manifest.txt", "not listed");
  dir.Write("a/manifest.txt", "abc");  // only the top-level manifest is the bundle's
  std::filesystem::create_directories(dir.path() + "/empty");
  const auto files = HashFolder(dir.path());
  ASSERT_TRUE(files.ok()) << files.status().message();
  std::vector<std::string> lines;
  for (const ManifestFile& f : *files) {
    lines.push_back(f.path + " " + std::to_string(f.bytes) + " " + f.sha256);
  }
  EXPECT_EQ(lines, (std::vector<std::string>{"a/manifest.txt 3 " + kAbc, "a/sub/y.bin 0 " + kEmpty,
                                             "a/z.txt 3 " + kAbc, "b.txt 5 " + kHello}));
}

TEST(BundleManifestTest, HashFolderOfAMissingFolderFails) {
  TempFolder dir;
  const auto files = HashFolder(dir.path() + "/nowhere");
  ASSERT_FALSE(files.ok());
  EXPECT_EQ(files.status().message().rfind("cannot list " + dir.path() + "/nowhere: ", 0), 0u)
      << files.status().message();
}

TEST(BundleManifestTest, AFolderHashedAndWrittenIsReadBackUnchanged) {
  TempFolder dir;
  dir.Write("report.pdf", "%PDF-1.7 ...");
  dir.Write("db/phieu.db", std::string("SQLite format 3\0", 16));
  const auto files = HashFolder(dir.path());
  ASSERT_TRUE(files.ok()) << files.status().message();
  const std::string text = ManifestText({{"survey", "sipas-2022"}}, *files);
  const auto m = ParseManifest(text);
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->root, m->computed_root);
  ASSERT_EQ(m->files.size(), 2u);
  EXPECT_EQ(m->files[0].path, "db/phieu.db");
  EXPECT_EQ(m->files[0].bytes, 16);
  EXPECT_EQ(m->files[1].sha256, Sha256Hex("%PDF-1.7 ..."));
}

}  // namespace
}  // namespace phieu
