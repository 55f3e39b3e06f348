// agent.buffer: where the agents keep undelivered records (filesystem by default, memory on request,
// memory for stdout-only outputs) and the bufferLimit that caps the disk.
#include <catch2/catch.hpp>

#include "agents/fluent_bit/fluent_bit_daemonset_config.h"
#include "agents/fluent_bit/fluent_bit_sidecar_config.h"
#include "agents/fluentd/fluentd_sidecar_config.h"
#include "test_helpers.h"

using namespace raylog;

namespace {
const FluentBitSection& only(const FluentBitConfig& c, const std::string& name) {
  const FluentBitSection* found = nullptr;
  for (const FluentBitSection& s : c.sections)
    if (s.name == name) {
      REQUIRE(found == nullptr);
      found = &s;
    }
  REQUIRE(found != nullptr);
  return *found;
}
const char* const kEs = "  output: {type: elasticsearch, host: es}\n";
}  // namespace

TEST_CASE("filesystem buffering by default: storage in the state folder, tail on disk, outputs capped and retried") {
  const FluentBitConfig c = fluentBitSidecarConfig(testing::specFrom(std::string("spec:\n") + kEs));
  const FluentBitSection& service = only(c, "SERVICE");
  CHECK(service.get("storage.path") == "/tmp/ray/fluent-bit-storage/");  // beside the tail DB, on the shared emptyDir
  CHECK(service.get("storage.sync") == "normal");
  CHECK(service.get("storage.max_chunks_up") == "16");
  CHECK(service.get("storage.backlog.mem_limit") == "16M");
  CHECK(service.get("storage.backlog.flush_on_shutdown") == "On");
  CHECK(only(c, "INPUT").get("storage.type") == "filesystem");
  CHECK(only(c, "OUTPUT").get("storage.total_limit_size") == "500M");
  CHECK(only(c, "OUTPUT").get("Retry_Limit") == "no_limits");

  const FluentBitConfig ds = fluentBitDaemonSetConfig(
      testing::specFrom(std::string("spec:\n  strategy: daemonset\n  agent: {bufferLimit: 2G}\n") + kEs));
  CHECK(only(ds, "SERVICE").get("storage.path") == std::string(kAgentStatePath) + "/fluent-bit-storage/");
  CHECK(only(ds, "OUTPUT").get("storage.total_limit_size") == "2G");
}

TEST_CASE("memory buffering on request, and for stdout-only outputs whatever buffer says") {
  for (const std::string& spec : {std::string("spec:\n  agent: {buffer: memory}\n") + kEs,
                                 std::string("spec:\n  output: {type: stdout}\n")}) {
    CAPTURE(spec);
    const FluentBitConfig c = fluentBitSidecarConfig(testing::specFrom(spec));
    CHECK(only(c, "SERVICE").get("storage.path").empty());
    CHECK(only(c, "INPUT").get("storage.type").empty());
    CHECK(only(c, "INPUT").get("Mem_Buf_Limit") == "5MB");
    CHECK(only(c, "OUTPUT").get("storage.total_limit_size").empty());
  }
  // Mixed: the stdout output is capped too (one input feeds both).
  const FluentBitConfig mixed = fluentBitSidecarConfig(
      testing::specFrom("spec:\n  outputs: [{type: stdout}, {type: loki, host: loki}]\n"));
  CHECK(only(mixed, "INPUT").get("storage.type") == "filesystem");
}

TEST_CASE("Fluentd: a file buffer per output on the shared volume, memory on request") {
  const std::string file =
      fluentdSidecarConfig(testing::specFrom("spec:\n  agent: {type: fluentd}\n  outputs: [{type: elasticsearch, host: es}, "
                                             "{type: forward, host: agg}, {type: stdout}]\n"))
          .render();
  CHECK_THAT(file, Catch::Contains("path /tmp/ray/fluentd-buffer/out0\n"));
  CHECK_THAT(file, Catch::Contains("path /tmp/ray/fluentd-buffer/out1\n"));
  CHECK_THAT(file, !Catch::Contains("fluentd-buffer/out2"));  // stdout has no buffer
  CHECK_THAT(file, Catch::Contains("@type file"));
  CHECK_THAT(file, Catch::Contains("total_limit_size 500M"));
  CHECK_THAT(file, Catch::Contains("flush_at_shutdown true"));
  const std::string memory =
      fluentdSidecarConfig(testing::specFrom("spec:\n  agent: {type: fluentd, buffer: memory}\n" + std::string(kEs))).render();
  CHECK_THAT(memory, !Catch::Contains("@type file"));
  CHECK_THAT(memory, Catch::Contains("total_limit_size 64MB"));
}

TEST_CASE("buffer settings: located errors, did-you-mean, a cap that would do nothing") {
  auto limitWithMemory = testing::specProblems(std::string("spec:\n  agent: {buffer: memory, bufferLimit: 1G}\n") + kEs);
  REQUIRE(limitWithMemory.size() == 1);
  CHECK_THAT(limitWithMemory[0].message, Catch::Contains("does nothing with buffer: memory"));
  CHECK(limitWithMemory[0].where.line == 6);
  auto typo = testing::specProblems(std::string("spec:\n  agent: {bufer: memory}\n") + kEs);
  REQUIRE(typo.size() == 1);
  CHECK_THAT(typo[0].message, Catch::Contains("did you mean 'buffer'?"));
  CHECK(testing::specProblems(std::string("spec:\n  agent: {buffer: disk}\n") + kEs).size() == 1);
  CHECK(testing::specProblems(std::string("spec:\n  agent: {bufferLimit: 500MB}\n") + kEs).size() == 1);
}
