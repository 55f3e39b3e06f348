// The real-world corpus (tests/corpus/): lint gives exactly the findings its table expects,
// file by file - every false positive and every missed finding fails the test.
#include <catch2/catch.hpp>
#include <boost/filesystem.hpp>
#include <fstream>
#include <set>
#include <sstream>

#include "lint/linter.h"

using namespace raylog;
namespace fs = boost::filesystem;

namespace {

const std::string kCorpus = std::string(RAYLOG_SOURCE_DIR) + "/tests/corpus/";

// "path<TAB>line:col<TAB>RULE", or "path<TAB>-<TAB>clean" for a file without findings.
std::set<std::string> expectedTable() {
  std::ifstream in(kCorpus + "expected.tsv");
  std::set<std::string> out;
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && line[0] != '#') out.insert(line);
  return out;
}

}  // namespace

TEST_CASE("lint of the real-world corpus gives exactly the expected findings") {
  const std::set<std::string> expected = expectedTable();
  REQUIRE(expected.size() > 20);
  std::set<std::string> actual;
  size_t files = 0;
  for (fs::recursive_directory_iterator it(kCorpus), end; it != end; ++it) {
    if (it->path().extension() != ".yaml") continue;
    ++files;
    const std::string rel = it->path().string().substr(kCorpus.size());
    const lint::LintResult r = lint::runLint({it->path().string()}, {});
    CHECK(r.unreadable.empty());
    if (r.findings.empty()) actual.insert(rel + "\t-\tclean");
    for (const lint::Finding& f : r.findings)
      actual.insert(rel + "\t" + std::to_string(f.where.line) + ":" + std::to_string(f.where.column) + "\t" + f.ruleId);
  }
  CHECK(files >= 20);
  std::vector<std::string> unexpected, missing;
  for (const std::string& a : actual)
    if (!expected.count(a)) unexpected.push_back(a);
  for (const std::string& e : expected)
    if (!actual.count(e)) missing.push_back(e);
  CAPTURE(unexpected, missing);
  CHECK(unexpected.empty());
  CHECK(missing.empty());
}
