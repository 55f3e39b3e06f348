// Checks rendered Fluentd configs with Fluentd itself. Exits 77 (ctest: skipped) when no
// `fluentd` is on PATH: it is not a Debian package, so most machines skip these.
//   fluentd_check dry-run <spec>          fluentd --dry-run on the spec's config
//   fluentd_check sample <spec> <logs>    run the config (outputs swapped for stdout) on a copy of
//                                         a Ray session's logs and check every line comes out,
//                                         tracebacks whole, levels (or JSON fields) parsed,
//                                         origin fields set
#include <boost/filesystem.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "agents/fluentd/fluentd_sidecar_config.h"
#include "spec/spec_loader.h"
#include "util/diagnostic.h"

namespace fs = boost::filesystem;
using namespace raylog;

namespace {

bool onPath(const std::string& tool) { return std::system(("command -v " + tool + " >/dev/null 2>&1").c_str()) == 0; }

std::string slurp(const fs::path& p) {
  std::ifstream in(p.string());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int dryRun(const Spec& spec, const fs::path& dir) {
  const fs::path conf = dir / "fluent.conf";
  std::ofstream(conf.string()) << fluentdSidecarConfig(spec).render();
  const int rc = std::system(("fluentd --dry-run -c '" + conf.string() + "' > '" + (dir / "log").string() + "' 2>&1").c_str());
  if (rc != 0) std::cerr << slurp(dir / "log") << "fluentd --dry-run failed on:\n" << slurp(conf);
  return rc == 0 ? 0 : 1;
}

// Every non-blank line of every file under `logs` must be inside some shipped record.
int sample(Spec spec, const fs::path& logs, const fs::path& dir) {
  const fs::path session = dir / "session_latest" / "logs";
  fs::create_directories(session);
  for (const auto& e : fs::directory_iterator(logs))
    if (fs::is_regular_file(e.path())) fs::copy_file(e.path(), session / e.path().filename());

  spec.outputs = {OutputSpec{"stdout", 0, nlohmann::json{{"type", "stdout"}}}};
  FluentdConfig config = fluentdSidecarConfig(spec);
  for (FluentdDirective& d : config.directives)
    if (d.name == "source")
      for (auto& [key, value] : d.params) {
        // The sources' paths, moved from the pod's /tmp/ray to this folder.
        const std::string from = "/tmp/ray/session_latest/logs";
        if (key == "path" || key == "exclude_path")
          for (size_t at = value.find(from); at != std::string::npos; at = value.find(from, at + 1))
            value.replace(at, from.size(), session.string());
        if (key == "pos_file") value = (dir / fs::path(value).filename()).string();
        if (key == "refresh_interval") value = "1";
      }
  // out_stdout writes records through Fluentd's logger: they are the JSON lines of its output.
  const fs::path conf = dir / "fluent.conf", out = dir / "output";
  std::ofstream(conf.string()) << config.render();
  const std::string env = "RAYLOG_CLUSTER=c1 RAYLOG_NAMESPACE=ns1 RAYLOG_POD=p1 RAYLOG_NODE_TYPE=head RAYLOG_GROUP=head "
                          "RAYLOG_OWNER_KIND=RayJob RAYLOG_OWNER_NAME=j1 ";
  // Long enough to read everything and pass multiline_flush_interval; TERM flushes the rest.
  std::system((env + "timeout -s TERM 12 fluentd -c '" + conf.string() + "' > '" + out.string() + "' 2>&1").c_str());

  std::vector<nlohmann::json> records;
  std::istringstream lines(slurp(out));
  for (std::string l; std::getline(lines, l);) {
    if (l.empty() || l.front() != '{') continue;
    auto j = nlohmann::json::parse(l, nullptr, false);
    if (!j.is_discarded() && j.is_object()) records.push_back(j);
  }
  int failures = 0;
  auto fail = [&](const std::string& why) {
    ++failures;
    std::cerr << "FAIL: " << why << "\n";
  };
  std::string shipped;  // everything a record holds of a line
  for (const auto& r : records) {
    for (const char* key : {"log", "message", "time", "level", "source", "pid", "tid", "component"})
      if (r.contains(key) && r[key].is_string()) shipped += r[key].get<std::string>() + "\n";
    for (const auto& [key, value] : std::map<std::string, std::string>{
             {"ray_cluster", "c1"}, {"namespace", "ns1"}, {"pod", "p1"}, {"ray_node_type", "head"}, {"ray_group", "head"},
             {"ray_owner_kind", "RayJob"}, {"ray_owner_name", "j1"}})
      if (r.value(key, "") != value) fail("record without " + key + "=" + value + ": " + r.dump());
    if (!r.contains(spec.agent.pathKey)) fail("record without its file: " + r.dump());
    // The file's name says which process wrote it (ray/ray_log_files.h).
    const std::string file = r.value(spec.agent.pathKey, "");
    if (file.size() > 11 && file.compare(file.size() - 11, 11, "/raylet.out") == 0 && r.value("ray_component", "") != "raylet")
      fail("raylet.out record without ray_component=raylet: " + r.dump());
  }
  size_t lineCount = 0;
  for (const auto& e : fs::directory_iterator(session)) {
    std::istringstream in(slurp(e.path()));
    for (std::string l; std::getline(in, l);) {
      if (l.find_first_not_of(" \t") == std::string::npos) continue;
      ++lineCount;
      // A JSON line that was parsed: its fields are the record's.
      const auto obj = nlohmann::json::parse(l, nullptr, false);
      if (spec.agent.logFormat == "json" && !obj.is_discarded() && obj.is_object()) {
        bool found = false;
        for (const auto& r : records) found = found || (r.value("message", "") == obj.value("message", "-") &&
                                                        r.value("asctime", "") == obj.value("asctime", "-"));
        if (!found) fail("JSON line not shipped as its fields (" + e.path().filename().string() + "): " + l);
        continue;
      }
      // A parsed line is split into fields: look for its message part (after the last ": " or " -- ").
      std::string part = l;
      for (const char* sep : {" -- ", "] "})
        if (part.find(sep) != std::string::npos) part = part.substr(part.find(sep) + std::string(sep).size());
      if (shipped.find(part.substr(part.find(": ") == std::string::npos ? 0 : part.find(": ") + 2)) == std::string::npos)
        fail("line not shipped (" + e.path().filename().string() + "): " + l);
    }
  }
  {  // text lines are parsed in both modes (json: JSON-or-text)
    bool traceback = false, cppLevel = false, pyLevel = false;
    for (const auto& r : records) {
      const std::string m = r.value("message", "");
      traceback = traceback || (m.find("Task train_step failed") == 0 && m.find("ValueError: batch is empty") != std::string::npos);
      cppLevel = cppLevel || (r.value("level", "") == "I" && r.contains("source") && r.contains("pid"));
      pyLevel = pyLevel || (r.value("level", "") == "ERROR" && r.value("source", "") == "core.py:88");
    }
    if (!traceback) fail("the traceback is not one record with its ERROR line");
    if (!cppLevel) fail("no C++ line parsed into level/source/pid");
    if (!pyLevel) fail("no Python line parsed into level/source");
  }
  if (spec.agent.logFormat == "json") {
    bool structured = false;
    for (const auto& r : records)
      structured = structured || (r.value("job_id", "") == "02000000" && r.contains("task_id") && r.contains("levelname"));
    if (!structured) fail("no structured (JSON) line parsed into job_id/task_id/levelname");
  }
  std::cerr << records.size() << " records for " << lineCount << " lines; " << failures << " failure(s)\n";
  if (failures || records.empty()) std::cerr << "config:\n" << slurp(conf) << "fluentd output:\n" << slurp(out);
  return failures || records.empty() ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: fluentd_check dry-run|sample <spec> [<logs dir>]\n";
    return 2;
  }
  if (!onPath("fluentd")) {
    std::cerr << "fluentd not on PATH: skipped\n";
    return 77;
  }
  const std::string mode = argv[1];
  try {
    const Spec spec = loadSpecFile(argv[2]);
    const fs::path dir = fs::temp_directory_path() / fs::unique_path("raylog-fluentd-%%%%%%");
    fs::create_directories(dir);
    const int rc = mode == "dry-run" ? dryRun(spec, dir) : argc > 3 ? sample(spec, argv[3], dir) : 2;
    if (rc == 0) fs::remove_all(dir);
    return rc;
  } catch (const InputError& e) {
    for (const Diagnostic& d : e.diagnostics()) std::cerr << d.format() << "\n";
    return 1;
  }
}
