// tail's path patterns as lint reads them: glob(3) semantics, comma-separated lists.
#include <catch2/catch.hpp>

#include "lint/config_helpers.h"

using namespace raylog::lint;

TEST_CASE("globMatches: '*' and '?' stay within one path component, classes work") {
  CHECK(globMatches("/tmp/ray/session_latest/logs/*", "/tmp/ray/session_latest/logs/raylet.out"));
  CHECK_FALSE(globMatches("/tmp/ray/session_latest/logs/*", "/tmp/ray/session_latest/logs/serve/proxy.log"));
  CHECK(globMatches("/tmp/ray/session_latest/logs/*/*", "/tmp/ray/session_latest/logs/serve/proxy.log"));
  CHECK(globMatches("/tmp/ray/session_*/logs/*/*", "/tmp/ray/session_latest/logs/serve/proxy.log"));
  CHECK(globMatches("/var/log/ray/*/session_*/logs/*", "/var/log/ray/ns_c_head_p_head/session_1/logs/a.log"));
  CHECK(globMatches("/tmp/ray/logs/worker-?.out", "/tmp/ray/logs/worker-1.out"));
  CHECK(globMatches("/tmp/ray/logs/raylet.[eo]*", "/tmp/ray/logs/raylet.out"));
  CHECK_FALSE(globMatches("/tmp/ray/logs/raylet.[!eo]*", "/tmp/ray/logs/raylet.out"));
  CHECK_FALSE(globMatches("/tmp/ray/logs/*.log", "/tmp/ray/logs/a.out"));
}

TEST_CASE("pathPatterns splits a tail Path list and trims it") {
  CHECK(pathPatterns("/a/*, /a/*/*") == std::vector<std::string>{"/a/*", "/a/*/*"});
  CHECK(pathPatterns(" /a/* ,,") == std::vector<std::string>{"/a/*"});
  CHECK(pathPatterns("").empty());
}
