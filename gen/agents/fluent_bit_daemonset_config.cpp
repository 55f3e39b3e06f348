#include "agents/fluent_bit_daemonset_config.h"

#include "agents/fluent_bit_sidecar_config.h"
#include "pieces/logging_names.h"

namespace raylog {

static FluentBitSection* section(FluentBitConfig& c, const std::string& name) {
  for (FluentBitSection& s : c.sections)
    if (s.name == name) return &s;
  return nullptr;
}

static std::string regexEscape(const std::string& text) {
  std::string out;
  for (char ch : text) {
    if (std::string("\\^$.|?*+()[]{}").find(ch) != std::string::npos) out += '\\';
    out += ch;
  }
  return out;
}

FluentBitConfig fluentBitDaemonSetConfig(const Spec& spec) {
  FluentBitConfig c = fluentBitSidecarConfig(spec);
  section(c, "SERVICE")
      // The health endpoint the DaemonSet's probes call.
      ->set("HTTP_Server", "On")
      .set("HTTP_Listen", "0.0.0.0")
      .set("HTTP_Port", std::to_string(kAgentHttpPort))
      .set("Health_Check", "On");
  // session_latest is a symlink to an absolute /tmp/ray/... path that only resolves inside the
  // Ray container, so the agent reads the session folders themselves.
  section(c, "INPUT")
      ->set("Path", spec.daemonset.hostPath + "/*/session_*/logs/*")
      .set("DB", std::string(kAgentStatePath) + "/" + kTailDbFile);

  // Insert the path parser right after the input, before any output.
  FluentBitSection filter{"FILTER", {}};
  filter.set("Name", "parser")
      .set("Match", kRayLogTag)
      .set("Key_Name", spec.agent.pathKey)
      .set("Parser", "ray_pod_log_path")
      .set("Reserve_Data", "On")
      .set("Preserve_Key", "On");
  for (size_t i = 0; i < c.sections.size(); ++i)
    if (c.sections[i].name == "INPUT") {
      c.sections.insert(c.sections.begin() + static_cast<long>(i) + 1, filter);
      break;
    }
  return c;
}

FluentBitConfig fluentBitDaemonSetParsers(const Spec& spec) {
  FluentBitConfig p = rayParsers();
  p.add("PARSER")
      .set("Name", "ray_pod_log_path")
      .set("Format", "regex")
      .set("Regex", "^" + regexEscape(spec.daemonset.hostPath) +
                        "/(?<namespace>[^_/]+)_(?<pod>[^/]+)/(?<session>session_[^/]+)/logs/");
  return p;
}

}  // namespace raylog
