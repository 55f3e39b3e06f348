// Which job a line belongs to: the file-name patterns against Ray's names (std::regex standing in
// for Onigmo, named groups mapped to their numbers), and each agent's config carrying them.
#include <catch2/catch.hpp>
#include <map>
#include <regex>

#include "agents/fluent_bit/fluent_bit_daemonset_config.h"
#include "agents/fluent_bit/fluent_bit_reader.h"
#include "agents/fluent_bit/fluent_bit_sidecar_config.h"
#include "agents/fluentd/fluentd_reader.h"
#include "agents/fluentd/fluentd_sidecar_config.h"
#include "ray/ray_log_files.h"
#include "render/render.h"
#include "test_helpers.h"

using namespace raylog;

namespace {

// The regex without names, and the capture number of each name (ECMAScript numbers groups as
// Onigmo does when every group is named or non-capturing: by their opening parenthesis).
struct Portable {
  std::regex re;
  std::map<std::string, size_t> groups;
};

Portable portable(const std::string& onigmo) {
  Portable p;
  std::string out;
  size_t n = 0;
  bool inClass = false;
  for (size_t i = 0; i < onigmo.size(); ++i) {
    const char c = onigmo[i];
    if (c == '\\') {
      out += onigmo.substr(i, 2);
      ++i;
      continue;
    }
    if (inClass) {
      inClass = c != ']';
    } else if (c == '[') {
      inClass = true;
    } else if (c == '(' && onigmo.compare(i, 3, "(?<") == 0 && onigmo[i + 3] != '=' && onigmo[i + 3] != '!') {
      const size_t end = onigmo.find('>', i);
      p.groups[onigmo.substr(i + 3, end - i - 3)] = ++n;
      out += '(';
      i = end;
      continue;
    } else if (c == '(' && onigmo.compare(i, 2, "(?") != 0) {
      ++n;
    }
    out += c;
  }
  p.re = std::regex(out, std::regex::ECMAScript);
  return p;
}

// The fields the one pattern that matches `path` gives; {"<none>"} when none does, and a failed
// check when several do (the agents try them in any order).
std::map<std::string, std::string> fieldsOf(const std::string& path) {
  std::map<std::string, std::string> fields;
  size_t matched = 0;
  for (const RayLogFilePattern& f : rayLogFilePatterns()) {
    const Portable p = portable(f.regex);
    std::smatch m;
    if (!std::regex_search(path, m, p.re)) continue;
    ++matched;
    for (const auto& [name, index] : p.groups) fields[name] = m[index].str();
  }
  CAPTURE(path);
  CHECK(matched <= 1);
  if (matched == 0) fields["<none>"] = "";
  return fields;
}

const std::string kLogs = "/tmp/ray/session_latest/logs/";
const std::string kWorker = "9f1c2ab4d3e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b";  // 56 hex digits
const std::string kDriver = "02000000" + std::string(48, 'f');

}  // namespace

TEST_CASE("file names: a worker's job, worker id and pid; an actor's ffffffff is no job") {
  using M = std::map<std::string, std::string>;
  REQUIRE(kWorker.size() == 56);
  CHECK(fieldsOf(kLogs + "worker-" + kWorker + "-01000000-4242.out") ==
        M{{"ray_component", "worker"}, {"ray_worker_id", kWorker}, {"ray_job_id", "01000000"}, {"ray_pid", "4242"}});
  CHECK(fieldsOf(kLogs + "worker-" + kWorker + "-01000000-4242.err.1")["ray_job_id"] == "01000000");
  CHECK(fieldsOf(kLogs + "worker-" + kWorker + "-ffffffff-6262.err") ==
        M{{"ray_component", "worker"}, {"ray_worker_id", kWorker}, {"ray_pid", "6262"}});
  CHECK(fieldsOf(kLogs + "worker-" + kWorker + "-6262.out") ==
        M{{"ray_component", "worker"}, {"ray_worker_id", kWorker}, {"ray_pid", "6262"}});
  CHECK(fieldsOf(kLogs + "io_worker-" + kWorker + "-77.out") ==
        M{{"ray_component", "io_worker"}, {"ray_worker_id", kWorker}, {"ray_pid", "77"}});
  CHECK(fieldsOf(kLogs + "python-core-worker-" + kWorker + "_4242.log") ==
        M{{"ray_component", "python-core-worker"}, {"ray_worker_id", kWorker}, {"ray_pid", "4242"}});
  // A driver's worker id starts with its job id (id.cc ComputeDriverIdFromJob).
  CHECK(fieldsOf(kLogs + "python-core-driver-" + kDriver + "_3232.log") ==
        M{{"ray_component", "python-core-driver"}, {"ray_worker_id", kDriver}, {"ray_job_id", "02000000"}, {"ray_pid", "3232"}});
}

TEST_CASE("file names: submissions, components, folders; other files get nothing") {
  using M = std::map<std::string, std::string>;
  CHECK(fieldsOf(kLogs + "job-driver-rayjob-sample-x7k2q.log") ==
        M{{"ray_component", "job-driver"}, {"ray_submission_id", "rayjob-sample-x7k2q"}});
  CHECK(fieldsOf(kLogs + "job-driver-raysubmit_AbC123dEf456GhI7.log")["ray_submission_id"] == "raysubmit_AbC123dEf456GhI7");
  CHECK(fieldsOf(kLogs + "runtime_env_setup-01000000.log") ==
        M{{"ray_component", "runtime_env_setup"}, {"ray_job_id", "01000000"}});
  for (const auto& [file, component] : std::map<std::string, std::string>{
           {"raylet.out", "raylet"}, {"raylet.err", "raylet"}, {"raylet.out.3", "raylet"},
           {"gcs_server.err", "gcs_server"}, {"dashboard.log", "dashboard"}, {"dashboard.log.1", "dashboard"},
           {"dashboard_agent.log", "dashboard_agent"}, {"dashboard_ServeHead.log", "dashboard_ServeHead"},
           {"monitor.log", "monitor"}, {"log_monitor.err", "log_monitor"}, {"runtime_env_agent.log", "runtime_env_agent"},
           {"ray_client_server_23000.out", "ray_client_server"}, {"serve/replica_default_Model_ab12cd.log", "serve"},
           {"ray-data/ray-data.log", "ray-data"}, {"events/event_RAYLET.log", "events"},
           {"export_events/event_EXPORT_TASK.log", "export_events"}}) {
    CAPTURE(file);
    CHECK(fieldsOf(kLogs + file) == M{{"ray_component", component}});
  }
  for (const char* other : {"debug_state.txt", "old/raylet.out", "worker-xyz-01000000-1.out", "nsight/profile.log"})
    CHECK(fieldsOf(kLogs + other).count("<none>") == 1);
  // The node agent's paths: the pod's host folder before the session.
  CHECK(fieldsOf("/var/log/ray-pods/ray_c1_head_c1-head-ab12c_RayJob_sample_headgroup/session_2026/logs/raylet.out") ==
        M{{"ray_component", "raylet"}});
}

TEST_CASE("file names: every agent config carries the patterns, and the owner") {
  const Spec s = testing::specFrom("spec:\n  kind: RayJob\n  rayJob: {entrypoint: python job.py}\n  outputs: [{type: stdout}]\n");
  const std::string fb = fluentBitSidecarConfig(s).render();
  CHECK_THAT(fb, Catch::Contains("Key_Name     file") || Catch::Contains("Key_Name    file"));
  CHECK_THAT(fb, Catch::Contains("Preserve_Key On"));
  CHECK_THAT(fb, Catch::Contains("Hard_copy") && Catch::Contains("job_id ray_job_id"));
  CHECK_THAT(fb, Catch::Contains("ray_owner_kind ${RAYLOG_OWNER_KIND}"));
  const std::string parsers = rayParsers().render();
  for (const RayLogFilePattern& f : rayLogFilePatterns()) CHECK_THAT(parsers, Catch::Contains("ray_file_" + f.name));

  const std::string stream = renderStream(s);
  CHECK_THAT(stream, Catch::Contains("name: RAYLOG_OWNER_KIND\n") && Catch::Contains("value: RayJob"));

  Spec fd = testing::specFrom("spec:\n  kind: RayJob\n  rayJob: {entrypoint: python job.py}\n"
                              "  agent: {type: fluentd}\n  outputs: [{type: stdout}]\n");
  const std::string fluentd = fluentdSidecarConfig(fd).render();
  for (const RayLogFilePattern& f : rayLogFilePatterns()) CHECK_THAT(fluentd, Catch::Contains(f.regex));
  CHECK_THAT(fluentd, Catch::Contains("reserve_time true"));
  CHECK_THAT(fluentd, Catch::Contains("key_name job_id"));
}

TEST_CASE("file names: the node agent reads the owner from the Ray pod's folder") {
  const Spec s = testing::specFrom("spec:\n  kind: RayJob\n  rayJob: {entrypoint: python job.py}\n  strategy: daemonset\n"
                                   "  outputs: [{type: stdout}]\n");
  const std::string parsers = fluentBitDaemonSetParsers(s).render();
  CHECK_THAT(parsers, Catch::Contains("(?<ray_owner_kind>[^_/]+)_(?<ray_owner_name>[^_/]+)_(?<ray_group>"));
  const std::string stream = renderStream(s);
  CHECK_THAT(stream, Catch::Contains("$(RAYLOG_OWNER_KIND)_$(RAYLOG_OWNER_NAME)_$(RAYLOG_GROUP)"));
  CHECK_THAT(stream, Catch::Contains("value: RayJob"));
}

TEST_CASE("file names: Loki gets them as structured metadata, not labels; an older Loki as line fields") {
  const Spec s = testing::specFrom("spec:\n  outputs: [{type: loki, host: loki}]\n");
  const ParsedFluentBitConfig p = readFluentBitConfig(fluentBitSidecarConfig(s).render());
  for (const auto& sec : p.config.sections) {
    if (sec.get("Name") != "loki") continue;
    CHECK_THAT(sec.get("structured_metadata"), Catch::Contains("ray_job_id=$ray_job_id"));
    CHECK_THAT(sec.get("remove_keys"), Catch::Contains("ray_job_id"));
    CHECK_THAT(sec.get("labels"), !Catch::Contains("ray_job_id"));
  }
  const Spec old = testing::specFrom("spec:\n  outputs: [{type: loki, host: loki, structuredMetadata: false}]\n");
  const ParsedFluentBitConfig q = readFluentBitConfig(fluentBitSidecarConfig(old).render());
  for (const auto& sec : q.config.sections) {
    if (sec.get("Name") != "loki") continue;
    CHECK(sec.get("structured_metadata").empty());
    CHECK_THAT(sec.get("remove_keys"), !Catch::Contains("ray_job_id"));  // kept in the line
  }
}
