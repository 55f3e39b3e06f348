// The parsers' regexes against the sample Ray session (tests/testdata), with std::regex
// standing in for Fluent Bit's Onigmo (named groups dropped: the common subset).
#include <catch2/catch.hpp>
#include <boost/filesystem.hpp>
#include <fstream>
#include <regex>
#include <set>

#include "agents/fluent_bit/fluent_bit_reader.h"
#include "agents/fluent_bit/fluent_bit_parsers.h"
#include "ray/ray_log_files.h"
#include "ray/ray_log_formats.h"

using namespace raylog;

namespace {

// ECMAScript has \d, \s, \S and lookahead like Onigmo; only named groups differ.
std::regex portable(const std::string& onigmo) {
  return std::regex(std::regex_replace(onigmo, std::regex("\\(\\?<[a-z_]+>"), "("), std::regex::ECMAScript);
}

std::vector<std::string> lines(const std::string& file) {
  std::vector<std::string> out;
  std::ifstream in(file);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

const std::string kLogs = std::string(RAYLOG_SOURCE_DIR) + "/tests/testdata/ray-session/logs/";

}  // namespace

TEST_CASE("Ray's Python and C++ line formats parse, traceback lines start no record") {
  if (!boost::filesystem::exists(kLogs)) {
    WARN("tests/testdata is absent: checking the built-in samples only");
  }
  const std::regex python = portable(kRayPythonRegex), cpp = portable(kRayCppRegex), start = portable(kRecordStartRegex);
  std::smatch m;
  CHECK(std::regex_match(std::string("2022-01-24 19:42:05,087 INFO dashboard.py:95 -- message"), python));
  CHECK(std::regex_match(std::string("2026-11-20 09:14:03,512\tINFO dashboard.py:95 -- Setup static dir"), python));
  CHECK(std::regex_match(std::string("[2022-01-24 19:42:02,978 I 1829336 1829336] grpc_server.cc:103: message"), cpp));
  CHECK(std::regex_match(std::string("[2022-01-24 19:42:02,978 I 1 1] (raylet) main.cc:179: stderr mode"), cpp));
  CHECK_FALSE(std::regex_search(std::string("Traceback (most recent call last):"), start));
  CHECK_FALSE(std::regex_search(std::string("  File \"/home/ray/train.py\", line 41"), start));

  if (!boost::filesystem::exists(kLogs)) return;
  size_t parsed = 0;
  for (const char* file : {"dashboard.log", "python-core-worker-6c3f9a1e2b4d_1432.log"})
    for (const std::string& l : lines(kLogs + file))
      if (std::regex_search(l, start)) {
        CHECK(std::regex_match(l, python));
        ++parsed;
      }
  for (const char* file : {"raylet.out", "gcs_server.out"})
    for (const std::string& l : lines(kLogs + file))
      if (!l.empty()) {
        CAPTURE(l);
        CHECK(std::regex_match(l, cpp));
        ++parsed;
      }
  CHECK(parsed > 10);
}

TEST_CASE("the parsers file reads back with every parser the config names") {
  auto p = readFluentBitConfig(rayParsers().render());
  CHECK(p.problems.empty());
  std::set<std::string> names;
  for (const auto& s : p.config.sections) names.insert(s.get("Name"));
  std::set<std::string> expected{"ray_python", "ray_cpp", "ray_serve", "ray_json", "ray_python_multiline"};
  for (const RayLogFilePattern& f : rayLogFilePatterns()) expected.insert(rayFileParserName(f));  // file names
  CHECK(names == expected);
}
