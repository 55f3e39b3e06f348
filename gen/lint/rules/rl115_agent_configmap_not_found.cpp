// RL115 (info): the ConfigMap an agent mounts is not in the input.
#include "lint/rule.h"

namespace raylog::lint {
namespace {
const RuleInfo kInfo{
    "RL115", "agent-configmap-not-found", Severity::Info,
    "The ConfigMap a log agent mounts is not among the linted files",
    "Lint it together with the cluster (it may live elsewhere; then this is only a note)",
    "The agent's configuration decides what is tailed and where it goes; lint checks it only when\n"
    "the ConfigMap is part of the input.\n\n"
    "Bad:\n  raylog-gen lint raycluster.yaml\n\nGood:\n  raylog-gen lint raycluster.yaml fluent-bit-configmap.yaml\n"};

class AgentConfigMapNotFound : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void checkPod(const PodView& p, Reporter& r) const override {
    for (const Agent& a : p.agents) {
      const YAML::Node mounts = a.container["volumeMounts"];
      if (!mounts || !mounts.IsSequence()) continue;
      for (const YAML::Node& m : mounts) {
        if (!m["name"]) continue;
        const YAML::Node vol = p.ref.tmpl.findVolume(m["name"].Scalar());
        if (!vol || !vol["configMap"] || !vol["configMap"]["name"]) continue;
        const std::string name = vol["configMap"]["name"].Scalar();
        if (!p.configMaps.has(p.ns + "/" + name))
          r.at(kInfo, vol, "ConfigMap '" + name + "' mounted by agent '" + nameOf(a.container) +
                               "' is not in the input, so its configuration was not checked");
      }
    }
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL115() { return std::make_unique<AgentConfigMapNotFound>(); }
}  // namespace raylog::lint
