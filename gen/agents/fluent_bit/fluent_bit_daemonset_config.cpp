#include "agents/fluent_bit/fluent_bit_daemonset_config.h"

#include "agents/fluent_bit/fluent_bit_names.h"
#include "agents/fluent_bit/fluent_bit_sidecar_config.h"
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

// The Ray pod's folder, "<namespace>_<cluster>_<node type>_<pod>_<owner kind>_<owner
// name>_<group>" (kPodLogSubPath): none of the first six can hold '_' (DNS names, head|worker,
// RayJob|RayService|RayCluster), so the group, last, may.
static std::string podFolderRegex(const std::string& hostPath) {
  return "^" + regexEscape(hostPath) +
         "/(?<namespace>[^_/]+)_(?<ray_cluster>[^_/]+)_(?<ray_node_type>[^_/]+)_(?<pod>[^_/]+)_"
         "(?<ray_owner_kind>[^_/]+)_(?<ray_owner_name>[^_/]+)_(?<ray_group>[^/]+)"
         "/(?<session>session_[^/]+)/logs/";
}

FluentBitConfig fluentBitDaemonSetConfig(const Spec& spec) {
  // The agent's environment describes the agent, not the Ray pods: the tag's parts name the pod
  // (s3_key_format's $TAG[n]); local buffers go beside the offsets DB in the state folder.
  const std::string tag = std::string(kRayLogTag) + ".*";
  FluentBitConfig c = fluentBitAgentConfig(spec, {tag, kAgentStatePath, "$TAG[1]", "$TAG[2]", "$TAG[3]", true});
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
  // The Ray pod's origin, from its folder name, right after the input, before any output.
  FluentBitSection filter;
  filter.name = "FILTER";
  filter.set("Name", "parser")
      .set("Match", tag)
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
