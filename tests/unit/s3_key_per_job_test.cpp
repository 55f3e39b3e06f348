// s3 keyPerJob: the output's own copy of the records, re-tagged s3o<n>.<job>.<tag>, keyed
// <cluster>/<pod>/<job>/ ($TAG[1]); the other outputs keep the records as they were.
#include <catch2/catch.hpp>
#include <regex>

#include "agents/fluent_bit/fluent_bit_daemonset_config.h"
#include "agents/fluent_bit/fluent_bit_sidecar_config.h"
#include "test_helpers.h"

using namespace raylog;

namespace {

std::vector<const FluentBitSection*> sections(const FluentBitConfig& c, const std::string& name,
                                              const std::string& plugin) {
  std::vector<const FluentBitSection*> out;
  for (const auto& s : c.sections)
    if (s.name == name && s.get("Name") == plugin) out.push_back(&s);
  return out;
}

std::vector<std::string> rules(const FluentBitSection& s) {
  std::vector<std::string> out;
  for (const auto& [k, v] : s.entries)
    if (k == "Rule") out.push_back(v);
  return out;
}

const char* const kSpec = "spec:\n  outputs:\n    - {type: stdout}\n    - {type: s3, bucket: logs, region: us-east-1, keyPerJob: true}\n";

}  // namespace

TEST_CASE("s3 keyPerJob: job id, else submission id, else _nojob; a copy for this output only") {
  Spec s = testing::specFrom(kSpec);
  const FluentBitConfig c = fluentBitSidecarConfig(s);
  auto rewrites = sections(c, "FILTER", "rewrite_tag");
  REQUIRE(rewrites.size() == 1);
  // rewrite_tag's first matching rule wins: the order is the precedence.
  CHECK(rules(*rewrites[0]) == std::vector<std::string>{"$ray_job_id ^[0-9a-f]+$ s3o2.$ray_job_id.$TAG true",
                                                        "$ray_submission_id ^[A-Za-z0-9_-]+$ s3o2.$ray_submission_id.$TAG true",
                                                        "$ray_cluster .+ s3o2._nojob.$TAG true"});
  const std::string rayTag = rewrites[0]->get("Match");
  auto s3 = sections(c, "OUTPUT", "s3");
  REQUIRE(s3.size() == 1);
  CHECK(s3[0]->get("Match") == "s3o2.*");
  CHECK(s3[0]->get("s3_key_format") == "/ray-logs/${RAYLOG_CLUSTER}/${RAYLOG_POD}/$TAG[1]/%Y/%m/%d/%H%M%S-$UUID");
  CHECK(sections(c, "OUTPUT", "stdout").at(0)->get("Match") == rayTag);  // the others: unchanged
}

TEST_CASE("s3 keyPerJob: an id that could break the tag (a '.') goes under _nojob, not into the tag") {
  // The two id patterns, as the rules carry them (simple classes: Onigmo and ECMAScript agree).
  const std::regex job("^[0-9a-f]+$"), submission("^[A-Za-z0-9_-]+$");
  CHECK(std::regex_match("02000000", job));
  CHECK(std::regex_match("raysubmit_Ab3-x", submission));
  CHECK(std::regex_match("my-rayjob-x7k2q", submission));
  for (const char* hostile : {"a.b", "a b", "a*", "../x", "$TAG", ""}) {
    CAPTURE(hostile);
    CHECK_FALSE(std::regex_match(hostile, job));
    CHECK_FALSE(std::regex_match(hostile, submission));
  }
}

TEST_CASE("s3 keyPerJob on a node agent: the pod's tag parts move two places right") {
  Spec s = testing::specFrom("spec:\n  strategy: daemonset\n  output: {type: s3, bucket: logs, region: us-east-1, keyPerJob: true}\n");
  const FluentBitConfig c = fluentBitDaemonSetConfig(s);
  // ray.<namespace>.<cluster>.<pod> becomes s3o1.<job>.ray.<namespace>.<cluster>.<pod>.
  CHECK(sections(c, "OUTPUT", "s3").at(0)->get("s3_key_format") == "/ray-logs/$TAG[4]/$TAG[5]/$TAG[1]/%Y/%m/%d/%H%M%S-$UUID");
  CHECK(rules(*sections(c, "FILTER", "rewrite_tag").at(0)).back() == "$ray_cluster .+ s3o1._nojob.$TAG true");
}

TEST_CASE("s3 without keyPerJob: no copy, keys per pod as before") {
  Spec s = testing::specFrom("spec:\n  strategy: daemonset\n  output: {type: s3, bucket: logs, region: us-east-1}\n");
  const FluentBitConfig c = fluentBitDaemonSetConfig(s);
  CHECK(sections(c, "FILTER", "rewrite_tag").empty());
  CHECK(sections(c, "OUTPUT", "s3").at(0)->get("s3_key_format") == "/ray-logs/$TAG[2]/$TAG[3]/%Y/%m/%d/%H%M%S-$UUID");
}

TEST_CASE("s3 keyPerJob takes a boolean, and only s3 takes it") {
  auto p = testing::specProblems("spec:\n  output: {type: s3, bucket: logs, region: us-east-1, keyPerJob: yes-please}\n");
  REQUIRE(p.size() == 1);
  CHECK_THAT(p[0].message, Catch::Contains("keyPerJob"));
  auto other = testing::specProblems("spec:\n  output: {type: loki, host: l, keyPerJob: true}\n");
  REQUIRE(other.size() == 1);
  CHECK_THAT(other[0].message, Catch::Contains("'keyPerJob' is not an option of output type loki"));
}
