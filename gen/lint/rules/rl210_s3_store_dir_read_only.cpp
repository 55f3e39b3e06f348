// RL210: an s3 (or gcs) output buffers on the agent's read-only root filesystem.
#include "lint/config_helpers.h"
#include "lint/rule.h"

namespace raylog::lint {
namespace {
const RuleInfo kInfo{
    "RL210", "s3-store-dir-read-only", Severity::Error,
    "Fluent Bit's s3 or gcs output buffers on the agent's read-only root filesystem: the agent exits at start",
    "Set store_dir to a folder on a volume the agent mounts writable (e.g. /tmp/ray/fluent-bit-s3) and bound it "
    "with store_dir_limit_size",
    "out_s3 buffers chunks in store_dir (default /tmp/fluent-bit/s3) and, when it cannot create it, fails\n"
    "its initialisation: \"[fstore] [chunkio] cannot initialize root path ...\", \"Failed to initialize S3\n"
    "storage\", \"[engine] output initialization failed\" and Fluent Bit exits. --dry-run does not\n"
    "initialise outputs, so it passes. With readOnlyRootFilesystem: true the default is not writable.\n"
    "out_gcs (Fluent Bit 5.1.0 on) buffers the same way, in /tmp/fluent-bit/gcs by default.\n\n"
    "Bad:\n  securityContext: {readOnlyRootFilesystem: true}\n  [OUTPUT]\n    Name s3\n    bucket ray-logs\n\n"
    "Good:\n  volumeMounts: [{name: ray-logs, mountPath: /tmp/ray}]\n  [OUTPUT]\n    Name s3\n    bucket ray-logs\n"
    "    store_dir /tmp/ray/fluent-bit-s3\n    store_dir_limit_size 500M\n"};

// Outputs that buffer in store_dir, with its default: plugins/out_s3/s3.c config map; gcs (5.1.0
// on) the same way, plugins/out_gcs/gcs.c config map and cb_gcs_init (gcs_store_init fails).
const std::pair<const char*, const char*> kStoreDirOutputs[] = {{"s3", "/tmp/fluent-bit/s3"},
                                                                {"gcs", "/tmp/fluent-bit/gcs"}};

bool underWritableMount(const YAML::Node& container, const std::string& dir) {
  const YAML::Node mounts = container["volumeMounts"];
  if (!mounts || !mounts.IsSequence()) return false;
  for (const YAML::Node& m : mounts) {
    if (!m["mountPath"] || (m["readOnly"] && m["readOnly"].Scalar() == "true") || m["subPath"]) continue;
    std::string base = m["mountPath"].Scalar();
    if (base.size() > 1 && base.back() == '/') base.pop_back();
    if (dir == base || dir.rfind(base + "/", 0) == 0) return true;
  }
  return false;
}

class S3StoreDirReadOnly : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void checkPod(const PodView& p, Reporter& r) const override {
    for (const Agent& a : p.agents) {
      if (a.kind != AgentKind::FluentBit) continue;
      const YAML::Node ro = childAt(a.container, {"securityContext", "readOnlyRootFilesystem"});
      if (!ro || ro.Scalar() != "true") continue;
      for (const AgentConfigValue& v : agentConfigValues(p, a)) {
        ParsedFluentBitConfig parsed = readFluentBitConfigAnyFormat(v.value->text);
        for (const auto& [plugin, defaultDir] : kStoreDirOutputs)
          for (size_t i : sectionsOf(parsed.config, "OUTPUT", plugin)) {
            std::string dir = parsed.config.sections[i].get("store_dir");
            if (dir.empty()) dir = defaultDir;
            if (underWritableMount(a.container, dir)) continue;
            r.atLocation(kInfo, v.lineLocation(lineOf(parsed, i, "store_dir")),
                         std::string(plugin) + " output (ConfigMap " + v.configMap + ", key " + v.key +
                             ") buffers to store_dir " + dir + ", on the read-only root filesystem of agent '" +
                             nameOf(a.container) + "': Fluent Bit exits at start");
          }
      }
    }
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL210() { return std::make_unique<S3StoreDirReadOnly>(); }
}  // namespace raylog::lint
