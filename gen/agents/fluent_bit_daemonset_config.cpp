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

static void replaceAll(std::string& s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}

// The Ray pod's folder, "<namespace>_<cluster>_<node type>_<pod>_<group>" (kPodLogSubPath):
// none of the first four can hold '_' (DNS names, head|worker), so the group, last, may.
static std::string podFolderRegex(const std::string& hostPath) {
  return "^" + regexEscape(hostPath) +
         "/(?<namespace>[^_/]+)_(?<ray_cluster>[^_/]+)_(?<ray_node_type>[^_/]+)_(?<pod>[^_/]+)_(?<ray_group>[^/]+)"
         "/(?<session>session_[^/]+)/logs/";
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
  // Ray container, so the agent reads the session folders themselves. The tag names the Ray pod
  // (in_tail Tag_Regex: <name> from the path), so outputs keyed by tag (s3's $TAG[n], the blob
  // of azure_blob) keep one object per pod.
  section(c, "INPUT")
      ->set("Tag", std::string(kRayLogTag) + ".<namespace>.<ray_cluster>.<pod>")
      .set("Tag_Regex", podFolderRegex(spec.daemonset.hostPath))
      .set("Path", rayLogPaths(spec.daemonset.hostPath + "/*/session_*/logs"))
      .set("DB", std::string(kAgentStatePath) + "/" + kTailDbFile);
  for (FluentBitSection& s : c.sections) {
    if (s.name == "FILTER" || s.name == "OUTPUT") s.set("Match", std::string(kRayLogTag) + ".*");
    if (s.name != "OUTPUT") continue;
    // The agent's environment describes the agent, not the Ray pods: where an output names the
    // pod through it, use the tag's parts instead (s3_key_format: $TAG[n]).
    for (auto& [key, value] : s.entries) {
      replaceAll(value, "${RAYLOG_NAMESPACE}", "$TAG[1]");
      replaceAll(value, "${RAYLOG_CLUSTER}", "$TAG[2]");
      replaceAll(value, "${RAYLOG_POD}", "$TAG[3]");
    }
    if (s.get("Name") == "azure_blob") s.set("path", "ray");  // the blob is named by the tag
  }
  setOutputBufferDirs(c, kAgentStatePath);

  // The Ray pod's origin, from its folder name, right after the input, before any output.
  FluentBitSection filter{"FILTER", {}};
  filter.set("Name", "parser")
      .set("Match", std::string(kRayLogTag) + ".*")
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
  p.add("PARSER").set("Name", "ray_pod_log_path").set("Format", "regex").set("Regex", podFolderRegex(spec.daemonset.hostPath));
  return p;
}

}  // namespace raylog
